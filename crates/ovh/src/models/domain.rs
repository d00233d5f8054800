//! Legacy MX Plan (`/email/domain`): accounts, tasks, counts and its own migration endpoints.

use super::{Schema, SchemaRef};

/// A DNS check result on the legacy platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Diagnosis {
    /// Right.
    #[serde(rename = "valid")]
    Valid,
    /// Wrong.
    #[serde(rename = "invalid")]
    Invalid,
    /// Not checked.
    #[serde(rename = "none")]
    None,
    /// The check failed.
    #[serde(rename = "checkFail")]
    CheckFail,
    /// Unknown.
    #[serde(rename = "unknown")]
    Unknown,
}

/// A legacy MX Plan service (its name is the domain).
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LegacyService {
    /// The domain.
    pub domain: String,
    /// `ok`, `close`, `readOnly` or `unknown`, kept as text.
    pub status: String,
    /// The mailbox sizes allowed, in bytes.
    #[serde(rename = "allowedAccountSize")]
    pub allowed_account_size: Option<Vec<i64>>,
    /// Whether MX records are right.
    #[serde(rename = "isMXValid")]
    pub is_mx_valid: Diagnosis,
    /// Whether SPF is right.
    #[serde(rename = "isSPFValid")]
    pub is_spf_valid: Diagnosis,
    /// The current MX Plan service this one was moved to, if any.
    #[serde(rename = "migratedMXPlanServiceName")]
    pub migrated_mx_plan_service_name: Option<String>,
    /// The offer.
    pub offer: Option<String>,
}

impl Schema for LegacyService {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Model("email.domain.DomainService"),
        SchemaRef::Model("email.domain.DomainServiceWithIAM"),
    ];
}

/// A legacy MX Plan mailbox.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LegacyAccount {
    /// The local part.
    #[serde(rename = "accountName")]
    pub account_name: String,
    /// The domain.
    pub domain: String,
    /// The full address.
    pub email: String,
    /// A free text.
    pub description: String,
    /// The mailbox size, in bytes.
    pub size: i64,
    /// Whether it is blocked (spam).
    #[serde(rename = "isBlocked")]
    pub is_blocked: bool,
}

impl Schema for LegacyAccount {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Model("email.domain.Account")];
}

/// What a legacy MX Plan mailbox holds.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LegacyUsage {
    /// What the mailbox holds, in bytes (the schema calls it `quota`).
    pub quota: Option<i64>,
    /// How many messages it holds.
    #[serde(rename = "emailCount")]
    pub email_count: Option<i64>,
    /// When it was measured.
    pub date: Option<String>,
}

impl Schema for LegacyUsage {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Model("domain.DomainUsageAccountStruct")];
}

/// A legacy account task; it has no status and disappears once finished.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LegacyTask {
    /// The task id.
    pub id: i64,
    /// What it does, kept as text.
    pub action: String,
    /// When it was created.
    pub date: String,
    /// The domain.
    pub domain: String,
    /// The account it works on.
    pub name: String,
}

impl Schema for LegacyTask {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Model("email.domain.TaskPop")];
}

/// Maximum counts of a legacy service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LegacyQuota {
    /// Accounts.
    pub account: i64,
    /// Mailing lists.
    #[serde(rename = "mailingList")]
    pub mailing_list: i64,
    /// Redirections.
    pub redirection: i64,
    /// Auto-responders.
    pub responder: i64,
}

impl Schema for LegacyQuota {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Model("domain.DomainQuota"),
        SchemaRef::Model("domain.DomainSummary"),
    ];
}

/// One destination a legacy account can migrate to.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MigrationService {
    /// The destination service.
    #[serde(rename = "destinationServiceName")]
    pub destination_service_name: String,
    /// Its kind (`EMAIL PRO`, `HOSTED EXCHANGE`...), kept as text.
    #[serde(rename = "type")]
    pub kind: String,
}

impl Schema for MigrationService {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Model("email.domain.MigrationService")];
}

/// A free address on a migration destination.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MigrationAccount {
    /// The address.
    #[serde(rename = "destinationEmailAddress")]
    pub destination_email_address: String,
    /// Its size.
    pub quota: i64,
}

impl Schema for MigrationAccount {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Model("email.domain.MigrationAccount")];
}

/// One finding of a migration check.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MigrationFinding {
    /// OVHcloud's code (`FORWARD_EXIST`...), kept as text.
    pub code: String,
    /// Details.
    pub details: Option<String>,
}

impl Schema for MigrationFinding {
    const SCHEMA: &'static [SchemaRef] =
        &[SchemaRef::Model("email.domain.MigrationCheckResultStruct")];
}

/// What a legacy migration would do; errors arrive with HTTP 200, and any error means stop.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MigrationCheck {
    /// Aliases that will move.
    pub alias: Option<Vec<String>>,
    /// Filters that will move.
    pub filter: Option<Vec<String>>,
    /// Forwards that will move.
    pub forward: Option<Vec<String>>,
    /// Blocking problems.
    pub error: Option<Vec<MigrationFinding>>,
    /// Warnings.
    pub warning: Option<Vec<MigrationFinding>>,
}

impl Schema for MigrationCheck {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Model("email.domain.MigrationCheckStruct")];
}

impl MigrationCheck {
    /// Whether the migration may go ahead.
    pub fn can_migrate(&self) -> bool {
        self.error.as_ref().is_none_or(Vec::is_empty)
    }
}
