//! A stand-in for OVHcloud's email API, driven by its published schemas: for tests (started
//! in-process on a free port) and for demos (the `mailshift-sandbox` binary).
//!
//! So far: schema routing and validation, OVH-shaped errors, applications, consumer keys with
//! their validation page, signatures, timestamps and access rules, and every read of the email
//! platforms from a scenario (the demo company or a file), and the writes a migration makes on
//! accounts and domains, each through a task that takes time. Operations not modelled yet
//! answer as OVHcloud does for an object that does not exist, never with invented success.

pub mod auth;
pub mod call;
pub mod clock;
pub mod email;
pub mod faults;
pub mod legacy;
pub mod listing;
pub mod refusal;
pub mod scenario;
pub mod schema;
pub mod server;
pub mod tasks;
pub mod validation;
pub mod validation_page;
pub mod world;
pub mod writes;

pub use auth::Application;
pub use faults::Faults;
pub use scenario::Scenario;
pub use server::{Config, DemoKeys, RunningSandbox, every_email_rule, start, start_with_key};
pub use tasks::Latency;
