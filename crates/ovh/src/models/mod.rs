//! Typed email objects the migration reads and writes, mirroring OVHcloud's schemas.
//!
//! Where Exchange, Email Pro and MX Plan agree on a shape, one type serves all three; each type
//! names the schema models (or operation bodies) it mirrors in [`Schema::SCHEMA`], and a test
//! checks every field name and type against `shared/ovh-api/*.json`. Dates stay strings: the
//! app only shows them, and a date library would cost the wasm bundle more than it gives.

pub mod auth;
pub mod bodies;
pub mod domain;
pub mod exchange;
pub mod hosted;

use serde::{Deserialize, Serialize};

pub use hosted::{
    Disclaimer, DnsExpectations, ExternalContact, HostedAccount, HostedDomain, HostedService,
    MxPlanService,
};

use crate::path::Operation;

/// What a type mirrors in OVHcloud's schemas.
#[derive(Clone, Copy, Debug)]
pub enum SchemaRef {
    /// A model, e.g. `email.exchange.Account`.
    Model(&'static str),
    /// The body parameters of an operation.
    Body(Operation),
}

/// A type that mirrors schema models or bodies; every field must exist there with its type.
pub trait Schema {
    /// The models or bodies this type mirrors.
    const SCHEMA: &'static [SchemaRef];
}

/// The state of an account, domain or other object; only `Ok` is safe to act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ObjectState {
    /// Ready.
    Ok,
    /// Being created.
    Creating,
    /// Being deleted.
    Deleting,
    /// Being reopened.
    Reopening,
    /// Suspended.
    Suspended,
    /// Being suspended.
    Suspending,
    /// Moving inside OVHcloud (Exchange).
    InternalMigration,
    /// OVHcloud does not know (Email Pro, MX Plan).
    Unknown,
    /// A state this version of Mailshift does not know yet.
    #[serde(other)]
    Unrecognized,
}

/// The status of a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TaskStatus {
    /// Waiting to start.
    Todo,
    /// Running.
    Doing,
    /// Finished well.
    Done,
    /// Finished badly.
    Error,
    /// Cancelled.
    Cancelled,
    /// A status this version of Mailshift does not know yet.
    #[serde(other)]
    Unrecognized,
}

/// An Exchange, Email Pro or MX Plan task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    /// The task id.
    pub id: i64,
    /// What the task does (`changePassword`, `addAccount`...), kept as text: the list is long
    /// and only shown.
    pub function: String,
    /// Where it is.
    pub status: TaskStatus,
    /// When it was planned.
    pub todo_date: String,
    /// When it finished.
    pub finish_date: Option<String>,
}

impl Schema for Task {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Model("email.exchange.Task"),
        SchemaRef::Model("email.pro.Task"),
    ];
}
