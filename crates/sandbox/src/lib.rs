//! A stand-in for OVHcloud's email API, driven by its published schemas: for tests (started
//! in-process on a free port) and for demos (the `mailshift-sandbox` binary).
//!
//! This first part answers like an OVHcloud account that owns no email service yet: schema
//! routing and validation, OVH-shaped errors, applications, consumer keys with their
//! validation page, signatures, timestamps and access rules. Every operation it does not
//! model answers as OVHcloud does for a service that does not exist.

pub mod auth;
pub mod listing;
pub mod refusal;
pub mod schema;
pub mod server;
pub mod validation;
pub mod validation_page;

pub use auth::Application;
pub use server::{Config, RunningSandbox, start};
