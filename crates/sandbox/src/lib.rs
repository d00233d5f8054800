//! A stand-in for OVHcloud's email API, driven by its published schemas: for tests (started
//! in-process on a free port) and for demos (the `mailshift-sandbox` binary).
//!
//! So far: schema routing and validation, OVH-shaped errors, applications, consumer keys with
//! their validation page, signatures, timestamps and access rules, and every read of the email
//! platforms from a scenario (the demo company or a file). Writes are not modelled yet: they
//! answer as OVHcloud does for an object that does not exist, never with invented success.

pub mod auth;
pub mod clock;
pub mod email;
pub mod listing;
pub mod refusal;
pub mod scenario;
pub mod schema;
pub mod server;
pub mod validation;
pub mod validation_page;
pub mod world;

pub use auth::Application;
pub use scenario::Scenario;
pub use server::{Config, RunningSandbox, start};
