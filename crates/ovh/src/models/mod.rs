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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ObjectState {
    /// Ready.
    #[cfg_attr(feature = "serde", serde(rename = "ok"))]
    Ok,
    /// Being created.
    #[cfg_attr(feature = "serde", serde(rename = "creating"))]
    Creating,
    /// Being deleted.
    #[cfg_attr(feature = "serde", serde(rename = "deleting"))]
    Deleting,
    /// Being reopened.
    #[cfg_attr(feature = "serde", serde(rename = "reopening"))]
    Reopening,
    /// Suspended.
    #[cfg_attr(feature = "serde", serde(rename = "suspended"))]
    Suspended,
    /// Being suspended.
    #[cfg_attr(feature = "serde", serde(rename = "suspending"))]
    Suspending,
    /// Moving inside OVHcloud (Exchange).
    #[cfg_attr(feature = "serde", serde(rename = "internalMigration"))]
    InternalMigration,
    /// OVHcloud does not know (Email Pro, MX Plan).
    #[cfg_attr(feature = "serde", serde(rename = "unknown"))]
    Unknown,
    /// A state this version of Mailshift does not know yet.
    #[cfg_attr(feature = "serde", serde(rename = "unrecognized", other))]
    Unrecognized,
}

impl ObjectState {
    /// Every value this version knows, by its name in the API.
    pub const NAMES: [(&'static str, Self); 8] = [
        ("ok", Self::Ok),
        ("creating", Self::Creating),
        ("deleting", Self::Deleting),
        ("reopening", Self::Reopening),
        ("suspended", Self::Suspended),
        ("suspending", Self::Suspending),
        ("internalMigration", Self::InternalMigration),
        ("unknown", Self::Unknown),
    ];
}

crate::open_enum!(ObjectState, Unrecognized);

/// The status of a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TaskStatus {
    /// Waiting to start.
    #[cfg_attr(feature = "serde", serde(rename = "todo"))]
    Todo,
    /// Running.
    #[cfg_attr(feature = "serde", serde(rename = "doing"))]
    Doing,
    /// Finished well.
    #[cfg_attr(feature = "serde", serde(rename = "done"))]
    Done,
    /// Finished badly.
    #[cfg_attr(feature = "serde", serde(rename = "error"))]
    Error,
    /// Cancelled.
    #[cfg_attr(feature = "serde", serde(rename = "cancelled"))]
    Cancelled,
    /// A status this version of Mailshift does not know yet.
    #[cfg_attr(feature = "serde", serde(rename = "unrecognized", other))]
    Unrecognized,
}

impl TaskStatus {
    /// Every value this version knows, by its name in the API.
    pub const NAMES: [(&'static str, Self); 5] = [
        ("todo", Self::Todo),
        ("doing", Self::Doing),
        ("done", Self::Done),
        ("error", Self::Error),
        ("cancelled", Self::Cancelled),
    ];
}

crate::open_enum!(TaskStatus, Unrecognized);

/// An Exchange, Email Pro or MX Plan task.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Task {
    /// The task id.
    pub id: i64,
    /// What the task does (`changePassword`, `addAccount`...), kept as text: the list is long
    /// and only shown.
    pub function: String,
    /// Where it is.
    pub status: TaskStatus,
    /// When it was planned.
    #[serde(rename = "todoDate")]
    pub todo_date: String,
    /// When it finished.
    #[serde(rename = "finishDate")]
    pub finish_date: Option<String>,
}

impl Schema for Task {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Model("email.exchange.Task"),
        SchemaRef::Model("email.pro.Task"),
    ];
}
