//! Mailshift's migration engine, in plain Rust: no browser, no Leptos.
//!
//! [`plan::plan`] turns what was read of the source and the destination ([`snapshot`]) into
//! the exact steps of OVHcloud's guide, with preflight findings and a cost, without a single
//! write. [`engine::Migration`] carries a plan out through [`mailshift_ovh::Client`] (generic
//! over its transport and clock): every step reads before it writes, waits for its task and
//! reads back, and is recorded in a [`journal::Journal`] before and after, so that a run can be
//! resumed, retried or rolled back. [`handoff`] gives what OVHcloud Mail Migrator asks for and
//! [`report`] what happened, call by call.
//!
//! Addresses are compared and kept in ASCII lower case: OVHcloud's account names and domains
//! are ASCII (an international domain is written in punycode), and Rust's full Unicode case
//! tables would weigh about 9 KB of the web bundle for nothing.

pub mod engine;
pub mod finding;
pub mod handoff;
pub mod journal;
pub mod options;
pub mod passwords;
pub mod plan;
pub mod report;
pub mod snapshot;
pub mod status;
pub mod step;

pub use engine::{Control, Migration, Refusal, RunError};
pub use finding::{Finding, FindingKind, Severity};
pub use journal::{Entry, Journal, MemoryJournal};
pub use options::{Features, Options};
pub use plan::{AccountPlan, Plan, plan};
pub use snapshot::Snapshot;
pub use status::{AccountStatus, Event, Problem, Tally};
pub use step::{Right, Step};
