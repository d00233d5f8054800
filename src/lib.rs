//! Mailshift, the web app: moves email addresses between OVHcloud email platforms.
//!
//! Components only render state and send intents; the logic they show lives in plain types
//! (`mailshift-wizard`, `mailshift-ovh`) that are tested natively. This crate adds what only a
//! browser has: the page, `localStorage`, the address bar, `fetch`. It is built for wasm32
//! only; natively it is empty.
//!
//! Views are written so that the wasm holds one copy of what they share, the bundle being
//! held to a budget (README): translated texts go through [`state::Wizard::text`]'s one
//! closure type, and lists are collected from type-erased items
//! (`.map(IntoAny::into_any).collect_view()`), so that one list implementation serves every
//! list instead of one per item type (3.7 KB of the gzipped bundle).
#![cfg(target_arch = "wasm32")]

pub mod api;
pub mod app;
pub mod browser_files;
pub mod browser_folding;
pub mod browser_storage;
pub mod components;
pub mod pages;
pub mod reactive;
pub mod state;

pub use app::App;
