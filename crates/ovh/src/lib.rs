//! OVHcloud API client for Mailshift.
//!
//! The core (endpoints, paths, signing, errors, pacing, retries, task waiting, models) is plain
//! Rust with no browser or network code, so it compiles natively (tests, command-line use) and
//! to wasm32 (the web app). The only I/O goes through two small traits: [`Transport`] and
//! [`Clock`], each with a browser and a native implementation.

pub mod access_rules;
pub mod call_log;
pub mod cancel;
pub mod client;
pub mod clock;
pub mod credentials;
pub mod endpoint;
pub mod error;
pub mod json;
pub mod method;
pub mod models;
pub mod operations;
pub mod password;
pub mod path;
pub mod rate_limit;
pub mod retry;
pub mod service;
pub mod signing;
pub mod size;
pub mod tasks;
pub mod transport;

pub use call_log::{CallLog, CallRecord};
pub use cancel::CancelToken;
pub use client::{Client, ClientConfig};
pub use clock::{Clock, ManualClock, SystemClock};
pub use credentials::{Application, Credentials, Secret};
pub use endpoint::{Endpoint, EndpointError};
pub use error::{Error, ErrorKind};
pub use method::Method;
pub use path::{ApiPath, Operation};
pub use transport::{HttpRequest, HttpResponse, Transport, TransportError};
