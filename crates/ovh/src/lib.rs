//! OVHcloud API client for Mailshift.
//!
//! Plain Rust with no browser or network code, so that it compiles both natively (tests,
//! command-line use) and to wasm32 (the web app).

pub mod endpoint;

pub use endpoint::{Endpoint, EndpointError};
