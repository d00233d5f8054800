//! The logic of Mailshift's wizard, in plain Rust: no browser, no Leptos.
//!
//! The app's components only render what these types hold and send intents to them; every
//! rule (what a credential lacks, which services can pair, what cannot move, what is selected,
//! what is saved, what a person reads in English or French) is here and tested natively.
//! Calls go through [`mailshift_ovh::Client`], generic over its transport and clock.

pub mod catalog;
pub mod connection;
pub mod destination;
pub mod driver;
pub mod endpoint_choice;
pub mod inventory;
pub mod lang;
pub mod mail_client;
pub mod pace;
pub mod planning;
pub mod problem;
pub mod progress;
pub mod settings;
pub mod size;
pub mod stored_journal;
pub mod table;
#[cfg(any(test, feature = "test-support"))]
pub mod test_plan;
pub mod text;
pub mod validation_wait;

pub use catalog::{Catalog, Platform, ServiceId, ServiceSummary};
pub use endpoint_choice::EndpointChoice;
pub use lang::Lang;
pub use problem::Problem;
pub use settings::{Settings, Storage};
pub use text::Text;
