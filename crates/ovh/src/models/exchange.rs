//! What only Exchange has: groups (mailing lists) and PST exports.

use super::{ObjectState, Schema, SchemaRef};

/// Who may join a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum JoinRestriction {
    /// Anyone.
    #[serde(rename = "open")]
    Open,
    /// Nobody.
    #[serde(rename = "closed")]
    Closed,
    /// A manager approves.
    #[serde(rename = "approvalRequired")]
    ApprovalRequired,
}

/// Who may leave a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DepartRestriction {
    /// Anyone.
    #[serde(rename = "open")]
    Open,
    /// Nobody.
    #[serde(rename = "closed")]
    Closed,
}

/// An Exchange group (distribution list).
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MailingList {
    /// The group's address.
    #[serde(rename = "mailingListAddress")]
    pub mailing_list_address: String,
    /// The name shown.
    #[serde(rename = "displayName")]
    pub display_name: Option<String>,
    /// Who may join.
    #[serde(rename = "joinRestriction")]
    pub join_restriction: JoinRestriction,
    /// Who may leave.
    #[serde(rename = "departRestriction")]
    pub depart_restriction: DepartRestriction,
    /// Whether it is hidden from the address book.
    #[serde(rename = "hiddenFromGAL")]
    pub hidden_from_gal: bool,
    /// Whether only authenticated senders may write to it.
    #[serde(rename = "senderAuthentification")]
    pub sender_authentification: bool,
    /// The largest message it receives, in MB.
    #[serde(rename = "maxReceiveSize")]
    pub max_receive_size: Option<i64>,
    /// The largest message it sends, in MB.
    #[serde(rename = "maxSendSize")]
    pub max_send_size: Option<i64>,
    /// Its state.
    pub state: ObjectState,
    /// The pending task, 0 when none.
    #[serde(rename = "taskPendingId")]
    pub task_pending_id: i64,
}

impl Schema for MailingList {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Model("email.exchange.mailingList")];
}

/// A PST export of a mailbox in progress.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Export {
    /// How far along it is; 100 when done.
    #[serde(rename = "percentComplete")]
    pub percent_complete: i64,
    /// When it started.
    #[serde(rename = "creationDate")]
    pub creation_date: String,
    /// The pending task, 0 when none.
    #[serde(rename = "taskPendingId")]
    pub task_pending_id: i64,
}

impl Schema for Export {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Model("email.exchange.Export")];
}

/// Where to download a finished PST export.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExportUrl {
    /// The download address.
    pub url: String,
    /// When it stops working.
    pub expiration: String,
}

impl Schema for ExportUrl {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Model("email.exchange.ExportUrl")];
}
