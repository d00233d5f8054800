//! Mailshift's server: serves the built web app and forwards its signed calls to OVHcloud, on
//! one origin.
//!
//! Kept as a library so tests can drive the same router the binary runs.

pub mod app_files;
pub mod cors;
pub mod forward;
pub mod upstream;

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::routing::{any, get};

use crate::cors::Origins;
use crate::forward::{Forwarder, Timeouts, forward};
use crate::upstream::Upstreams;

/// Everything the server needs to know to build its routes.
#[derive(Clone, Debug)]
pub struct Config {
    /// The folder holding the built web app (Trunk's `dist/`).
    pub app_dir: PathBuf,
    /// Where calls may go.
    pub upstreams: Upstreams,
    /// Which other pages may call it.
    pub origins: Origins,
    /// How long to wait for OVHcloud.
    pub timeouts: Timeouts,
    /// The most upstream calls in flight at once.
    pub max_in_flight: usize,
}

/// The server's full set of routes.
pub fn router(config: &Config) -> Result<Router, String> {
    let forwarder = Arc::new(Forwarder::new(
        config.upstreams.clone(),
        config.origins.clone(),
        config.timeouts,
        config.max_in_flight,
    )?);
    let api = Router::new()
        .route("/api/{*rest}", any(forward))
        .with_state(forwarder);
    Ok(Router::new()
        .route("/health", get(|| async { "ok" }))
        .merge(api)
        .merge(app_files::router(&config.app_dir)))
}
