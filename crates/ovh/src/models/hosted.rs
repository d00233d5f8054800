//! Shapes Exchange, Email Pro and current MX Plan share.

use super::{ObjectState, Schema, SchemaRef};

/// The service-wide settings the migration needs: limits and password policy.
#[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct HostedService {
    /// The name shown in the Control Panel.
    #[serde(rename = "displayName")]
    pub display_name: Option<String>,
    /// The service's main domain.
    pub domain: String,
    /// The mail server's host name (for mail client settings and OVH Mail Migrator).
    pub hostname: Option<String>,
    /// Whether passwords must mix character categories.
    #[serde(rename = "complexityEnabled")]
    pub complexity_enabled: bool,
    /// The shortest password allowed.
    #[serde(rename = "minPasswordLength")]
    pub min_password_length: Option<i64>,
    /// The largest message that can be received, in MB.
    #[serde(rename = "maxReceiveSize")]
    pub max_receive_size: i64,
    /// The largest message that can be sent, in MB.
    #[serde(rename = "maxSendSize")]
    pub max_send_size: i64,
    /// The service's state (its enum differs per platform, so kept as text).
    pub state: String,
    /// The pending task, 0 when none.
    #[serde(rename = "taskPendingId")]
    pub task_pending_id: i64,
    /// The webmail address.
    #[serde(rename = "webUrl")]
    pub web_url: Option<String>,
}

impl Schema for HostedService {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Model("email.exchange.ExchangeService"),
        SchemaRef::Model("email.exchange.ExchangeServiceWithIAM"),
        SchemaRef::Model("email.pro.Service"),
        SchemaRef::Model("email.pro.ServiceNativeWithIAM"),
        SchemaRef::Model("email.mxplan.Service"),
        SchemaRef::Model("email.mxplan.ServiceWithIAM"),
    ];
}

/// What only MX Plan services tell: whether they run on Zimbra (stricter passwords).
#[derive(Clone, Copy, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MxPlanService {
    /// Zimbra-based MX Plan: 10 to 64 characters with an upper case letter, a digit, a symbol.
    #[serde(rename = "isZimbra")]
    pub is_zimbra: bool,
}

impl Schema for MxPlanService {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Model("email.mxplan.Service"),
        SchemaRef::Model("email.mxplan.ServiceWithIAM"),
    ];
}

/// Whether a domain receives mail on this platform (authoritative) or relays it elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DomainType {
    /// This platform holds every address of the domain.
    #[serde(rename = "authoritative")]
    Authoritative,
    /// Addresses unknown here are relayed to `mxRelay`: what a migration needs.
    #[serde(rename = "nonAuthoritative")]
    NonAuthoritative,
}

/// A domain attached to a service, with its state and DNS diagnostics.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct HostedDomain {
    /// The domain name.
    pub name: String,
    /// Authoritative or not.
    #[serde(rename = "type")]
    pub kind: DomainType,
    /// Its state.
    pub state: ObjectState,
    /// The pending task, 0 when none.
    #[serde(rename = "taskPendingId")]
    pub task_pending_id: i64,
    /// For a domain not hosted at OVHcloud: whether the CNAME check passed.
    #[serde(rename = "domainValidated")]
    pub domain_validated: bool,
    /// The CNAME to publish to prove ownership, when one is asked for.
    #[serde(rename = "cnameToCheck")]
    pub cname_to_check: Option<String>,
    /// Where mail for unknown addresses goes (non-authoritative domains).
    #[serde(rename = "mxRelay")]
    pub mx_relay: Option<String>,
    /// Whether the MX records point here.
    #[serde(rename = "mxIsValid")]
    pub mx_is_valid: bool,
    /// Whether the autodiscover SRV record points here.
    #[serde(rename = "srvIsValid")]
    pub srv_is_valid: bool,
    /// The MX records found.
    #[serde(rename = "mxRecord")]
    pub mx_record: Option<Vec<String>>,
    /// The SRV records found.
    #[serde(rename = "srvRecord")]
    pub srv_record: Option<Vec<String>>,
    /// Other domains that alias this one.
    #[serde(rename = "domainAliases")]
    pub domain_aliases: Vec<String>,
}

impl Schema for HostedDomain {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Model("email.exchange.Domain"),
        SchemaRef::Model("email.pro.Domain"),
        SchemaRef::Model("email.pro.DomainNative"),
        SchemaRef::Model("email.mxplan.Domain"),
    ];
}

/// The records Exchange expects, to tell the user exactly what to publish.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DnsExpectations {
    /// The MX records to publish.
    #[serde(rename = "expectedMX")]
    pub expected_mx: Vec<String>,
    /// The SPF record to publish.
    #[serde(rename = "expectedSPF")]
    pub expected_spf: String,
    /// The autodiscover SRV record to publish.
    #[serde(rename = "expectedAutodiscoverSRV")]
    pub expected_autodiscover_srv: String,
    /// Whether SPF is right.
    #[serde(rename = "spfIsValid")]
    pub spf_is_valid: bool,
    /// The SPF records found.
    #[serde(rename = "spfRecord")]
    pub spf_record: Option<Vec<String>>,
}

impl Schema for DnsExpectations {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Model("email.exchange.Domain")];
}

/// An account, configured or a free slot (domain `configureme.me`).
#[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct HostedAccount {
    /// The numeric id, used by delegations.
    pub id: i64,
    /// The address.
    #[serde(rename = "primaryEmailAddress")]
    pub primary_email_address: String,
    /// The part before `@`.
    pub login: String,
    /// The part after `@`.
    pub domain: String,
    /// The name shown to others.
    #[serde(rename = "displayName")]
    pub display_name: Option<String>,
    /// First name.
    #[serde(rename = "firstName")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(rename = "lastName")]
    pub last_name: Option<String>,
    /// Whether it is hidden from the address book.
    #[serde(rename = "hiddenFromGAL")]
    pub hidden_from_gal: bool,
    /// Whether the slot has been configured.
    pub configured: bool,
    /// Its state.
    pub state: ObjectState,
    /// The pending task, if any.
    #[serde(rename = "taskPendingId")]
    pub task_pending_id: Option<i64>,
    /// Mailbox usage; *unconfirmed* unit, the Control Panel's arithmetic implies KiB.
    #[serde(rename = "currentUsage")]
    pub current_usage: Option<i64>,
    /// When the password last changed: how a lost `changePassword` answer is told apart.
    #[serde(rename = "passwordLastUpdate")]
    pub password_last_update: Option<String>,
    /// The maximum size (GB); a number with decimals on MX Plan.
    pub quota: f64,
}

impl Schema for HostedAccount {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Model("email.exchange.Account"),
        SchemaRef::Model("email.pro.Account"),
        SchemaRef::Model("email.pro.AccountNative"),
        SchemaRef::Model("email.mxplan.Account"),
    ];
}

/// A contact outside the organisation, shown in the address book.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExternalContact {
    /// The contact's address.
    #[serde(rename = "externalEmailAddress")]
    pub external_email_address: String,
    /// The name shown.
    #[serde(rename = "displayName")]
    pub display_name: String,
    /// First name.
    #[serde(rename = "firstName")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(rename = "lastName")]
    pub last_name: Option<String>,
    /// Initials.
    pub initials: Option<String>,
    /// Whether it is hidden from the address book.
    #[serde(rename = "hiddenFromGAL")]
    pub hidden_from_gal: bool,
    /// The numeric id, used by group membership.
    pub id: i64,
    /// Its state.
    pub state: ObjectState,
    /// The pending task, 0 when none.
    #[serde(rename = "taskPendingId")]
    pub task_pending_id: i64,
}

impl Schema for ExternalContact {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Model("email.exchange.exchangeExternalContact"),
        SchemaRef::Model("email.pro.ExternalContact"),
        SchemaRef::Model("email.pro.ExternalContactNative"),
        SchemaRef::Model("email.mxplan.ExternalContact"),
    ];
}

/// A footer added to messages sent from a domain.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Disclaimer {
    /// The footer (HTML).
    pub content: String,
    /// Only on messages leaving the organisation.
    #[serde(rename = "outsideOnly")]
    pub outside_only: bool,
    /// The domain it belongs to.
    pub name: String,
    /// The pending task, 0 when none.
    #[serde(rename = "taskPendingId")]
    pub task_pending_id: i64,
}

impl Schema for Disclaimer {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Model("email.exchange.disclaimer"),
        SchemaRef::Model("email.pro.disclaimer"),
        SchemaRef::Model("email.pro.disclaimerNative"),
    ];
}
