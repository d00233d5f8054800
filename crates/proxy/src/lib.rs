//! Mailshift's server: serves the built web app from one origin.
//!
//! Kept as a library so tests can drive the same router the binary runs.

pub mod app_files;

use std::path::PathBuf;

use axum::Router;

/// Everything the server needs to know to build its routes.
#[derive(Clone, Debug)]
pub struct Config {
    /// The folder holding the built web app (Trunk's `dist/`).
    pub app_dir: PathBuf,
}

/// The server's full set of routes.
pub fn router(config: &Config) -> Router {
    app_files::router(&config.app_dir)
}
