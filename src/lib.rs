//! Mailshift, the web app: moves email addresses between OVHcloud email platforms.
//!
//! Components only render state and send intents; the logic they show lives in plain types
//! (here and in the `mailshift-*` library crates) that are tested natively.

pub mod app;
pub mod components;
pub mod endpoint_choice;
pub mod pages;

pub use app::App;
