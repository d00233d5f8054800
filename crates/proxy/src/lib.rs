//! Mailshift's server: serves the built web app and forwards its signed calls to OVHcloud, on
//! one origin.
//!
//! Kept as a library so tests can drive the same router the binary runs.

pub mod app_files;
pub mod cors;
pub mod forward;
pub mod hosts;
pub mod page_headers;
pub mod serve;
pub mod upstream;

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::middleware;
use axum::routing::{any, get};

use crate::cors::Origins;
use crate::forward::{Forwarder, Timeouts, forward};
use crate::hosts::{Hosts, refuse_foreign_hosts};
use crate::page_headers::PageHeaders;
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
    /// Which host names it answers to.
    pub hosts: Hosts,
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
    let upstreams: serde_json::Map<String, serde_json::Value> = config
        .upstreams
        .origins()
        .map(|(name, origin)| (name.to_owned(), origin.into()))
        .collect();
    Ok(Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/api", get(move || upstream_list(upstreams.clone())))
        .merge(api)
        .merge(app_files::router(
            &config.app_dir,
            // Without a built page there is no inline script to allow: the strictest policy.
            PageHeaders::for_app(&config.app_dir).unwrap_or_else(|_| PageHeaders::for_page("")),
        ))
        .layer(middleware::from_fn_with_state(
            Arc::new(config.hosts.clone()),
            refuse_foreign_hosts,
        )))
}

/// `GET /api`: where this proxy forwards (name to origin), so the app can tell whether a sandbox
/// is offered and which origin to sign for. Public facts, so any page may read them.
async fn upstream_list(
    upstreams: serde_json::Map<String, serde_json::Value>,
) -> impl axum::response::IntoResponse {
    (
        [
            (axum::http::header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            (axum::http::header::CACHE_CONTROL, "no-cache"),
        ],
        axum::Json(serde_json::json!({ "upstreams": upstreams })),
    )
}
