//! What only Exchange has: groups (mailing lists) and PST exports.

use serde::{Deserialize, Serialize};

use super::{ObjectState, Schema, SchemaRef};

/// Who may join a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum JoinRestriction {
    /// Anyone.
    Open,
    /// Nobody.
    Closed,
    /// A manager approves.
    ApprovalRequired,
}

/// Who may leave a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DepartRestriction {
    /// Anyone.
    Open,
    /// Nobody.
    Closed,
}

/// An Exchange group (distribution list).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MailingList {
    /// The group's address.
    pub mailing_list_address: String,
    /// The name shown.
    pub display_name: Option<String>,
    /// Who may join.
    pub join_restriction: JoinRestriction,
    /// Who may leave.
    pub depart_restriction: DepartRestriction,
    /// Whether it is hidden from the address book.
    #[serde(rename = "hiddenFromGAL")]
    pub hidden_from_gal: bool,
    /// Whether only authenticated senders may write to it.
    pub sender_authentification: bool,
    /// The largest message it receives, in MB.
    pub max_receive_size: Option<i64>,
    /// The largest message it sends, in MB.
    pub max_send_size: Option<i64>,
    /// Its state.
    pub state: ObjectState,
    /// The pending task, 0 when none.
    pub task_pending_id: i64,
}

impl Schema for MailingList {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Model("email.exchange.mailingList")];
}

/// A PST export of a mailbox in progress.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Export {
    /// How far along it is; 100 when done.
    pub percent_complete: i64,
    /// When it started.
    pub creation_date: String,
    /// The pending task, 0 when none.
    pub task_pending_id: i64,
}

impl Schema for Export {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Model("email.exchange.Export")];
}

/// Where to download a finished PST export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportUrl {
    /// The download address.
    pub url: String,
    /// When it stops working.
    pub expiration: String,
}

impl Schema for ExportUrl {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Model("email.exchange.ExportUrl")];
}
