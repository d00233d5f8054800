//! Mailshift, the web app: moves email addresses between OVHcloud email platforms.
//!
//! Components only render state and send intents; the logic they show lives in plain types
//! (`mailshift-wizard`, `mailshift-ovh`) that are tested natively. This crate adds what only a
//! browser has: the page, `localStorage`, the address bar, `fetch`. It is built for wasm32
//! only; natively it is empty.
#![cfg(target_arch = "wasm32")]

pub mod api;
pub mod app;
pub mod browser_folding;
pub mod browser_storage;
pub mod components;
pub mod pages;
pub mod state;

pub use app::App;
