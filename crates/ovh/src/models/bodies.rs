//! Request bodies for the writes the migration makes.

use miniserde::ser::Fragment;

use super::exchange::{DepartRestriction, JoinRestriction};
use super::hosted::DomainType;
use super::{Schema, SchemaRef};
use crate::credentials::Secret;
use crate::json::Fields;
use crate::operations::{domain, exchange, mxplan, pro};

/// `PUT` on an account: rename it (`login`, `domain`) or configure a free slot.
#[derive(Clone, Debug, Default, PartialEq, Eq, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AccountUpdate {
    /// The new part before `@`.
    pub login: String,
    /// The new domain.
    pub domain: String,
    /// The name shown to others, when it changes.
    #[serde(rename = "displayName")]
    pub display_name: Option<String>,
    /// First name, when it changes.
    #[serde(rename = "firstName")]
    pub first_name: Option<String>,
    /// Last name, when it changes.
    #[serde(rename = "lastName")]
    pub last_name: Option<String>,
}

impl miniserde::Serialize for AccountUpdate {
    fn begin(&self) -> Fragment<'_> {
        Fields::new()
            .with("login", &self.login)
            .with("domain", &self.domain)
            .with_some("displayName", &self.display_name)
            .with_some("firstName", &self.first_name)
            .with_some("lastName", &self.last_name)
            .into_object()
    }
}

impl Schema for AccountUpdate {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Model("email.exchange.Account"),
        SchemaRef::Model("email.pro.Account"),
        SchemaRef::Model("email.mxplan.Account"),
    ];
}

/// `POST .../changePassword`.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NewPassword {
    /// The password, never printed.
    pub password: Secret,
}

impl Schema for NewPassword {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Body(exchange::CHANGE_PASSWORD),
        SchemaRef::Body(pro::CHANGE_PASSWORD),
        SchemaRef::Body(mxplan::CHANGE_PASSWORD),
        SchemaRef::Body(domain::MIGRATE),
    ];
}

/// `POST .../alias`.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NewAlias {
    /// The alias address.
    pub alias: String,
}

impl Schema for NewAlias {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Body(exchange::CREATE_ALIAS),
        SchemaRef::Body(pro::CREATE_ALIAS),
        SchemaRef::Body(mxplan::CREATE_ALIAS),
    ];
}

/// `POST .../domain` on Exchange or Email Pro.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NewDomain {
    /// The domain name.
    pub name: String,
    /// Non-authoritative for a migration.
    #[serde(rename = "type")]
    pub kind: DomainType,
    /// The server that receives the domain's mail today.
    #[serde(rename = "mxRelay")]
    pub mx_relay: Option<String>,
    /// Whether OVHcloud should change the MX records (not during a migration).
    #[serde(rename = "configureMx")]
    pub configure_mx: bool,
    /// Whether OVHcloud should add the autodiscover record (not during a migration).
    #[serde(rename = "configureAutodiscover")]
    pub configure_autodiscover: bool,
}

impl miniserde::Serialize for NewDomain {
    fn begin(&self) -> Fragment<'_> {
        Fields::new()
            .with("name", &self.name)
            .with("type", &self.kind)
            .with_some("mxRelay", &self.mx_relay)
            .with("configureMx", &self.configure_mx)
            .with("configureAutodiscover", &self.configure_autodiscover)
            .into_object()
    }
}

impl Schema for NewDomain {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Body(exchange::CREATE_DOMAIN),
        SchemaRef::Body(pro::CREATE_DOMAIN),
    ];
}

/// `POST .../fullAccess`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FullAccessGrant {
    /// The destination id of the account given access.
    #[serde(rename = "allowedAccountId")]
    pub allowed_account_id: i64,
}

impl Schema for FullAccessGrant {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Body(exchange::GRANT_FULL_ACCESS),
        SchemaRef::Body(pro::GRANT_FULL_ACCESS),
        SchemaRef::Body(mxplan::GRANT_FULL_ACCESS),
    ];
}

/// `POST .../sendAs` and `.../sendOnBehalfTo` (the schema says `allow`, not `allowed`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SendGrant {
    /// The destination id of the account given the right.
    #[serde(rename = "allowAccountId")]
    pub allow_account_id: i64,
}

impl Schema for SendGrant {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Body(exchange::GRANT_SEND_AS),
        SchemaRef::Body(exchange::GRANT_SEND_ON_BEHALF_TO),
        SchemaRef::Body(pro::GRANT_SEND_AS),
        SchemaRef::Body(pro::GRANT_SEND_ON_BEHALF_TO),
        SchemaRef::Body(mxplan::GRANT_SEND_AS),
        SchemaRef::Body(mxplan::GRANT_SEND_ON_BEHALF_TO),
    ];
}

/// `POST .../externalContact`.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NewExternalContact {
    /// The contact's address.
    #[serde(rename = "externalEmailAddress")]
    pub external_email_address: String,
    /// The name shown.
    #[serde(rename = "displayName")]
    pub display_name: Option<String>,
    /// First name.
    #[serde(rename = "firstName")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(rename = "lastName")]
    pub last_name: Option<String>,
    /// Initials.
    pub initials: Option<String>,
    /// Hidden from the address book.
    #[serde(rename = "hiddenFromGAL")]
    pub hidden_from_gal: bool,
}

impl miniserde::Serialize for NewExternalContact {
    fn begin(&self) -> Fragment<'_> {
        Fields::new()
            .with("externalEmailAddress", &self.external_email_address)
            .with_some("displayName", &self.display_name)
            .with_some("firstName", &self.first_name)
            .with_some("lastName", &self.last_name)
            .with_some("initials", &self.initials)
            .with("hiddenFromGAL", &self.hidden_from_gal)
            .into_object()
    }
}

impl Schema for NewExternalContact {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Body(exchange::CREATE_EXTERNAL_CONTACT),
        SchemaRef::Body(pro::CREATE_EXTERNAL_CONTACT),
        SchemaRef::Body(mxplan::CREATE_EXTERNAL_CONTACT),
    ];
}

/// `POST .../domain/{domainName}/disclaimer`.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NewDisclaimer {
    /// The footer (HTML).
    pub content: String,
    /// Only on messages leaving the organisation.
    #[serde(rename = "outsideOnly")]
    pub outside_only: bool,
}

impl Schema for NewDisclaimer {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Body(exchange::CREATE_DISCLAIMER),
        SchemaRef::Body(pro::CREATE_DISCLAIMER),
        SchemaRef::Body(mxplan::CREATE_DISCLAIMER),
    ];
}

/// `POST .../mailingList` on Exchange.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NewMailingList {
    /// The group's address.
    #[serde(rename = "mailingListAddress")]
    pub mailing_list_address: String,
    /// Who may join.
    #[serde(rename = "joinRestriction")]
    pub join_restriction: JoinRestriction,
    /// Who may leave.
    #[serde(rename = "departRestriction")]
    pub depart_restriction: DepartRestriction,
    /// The name shown.
    #[serde(rename = "displayName")]
    pub display_name: Option<String>,
    /// Hidden from the address book.
    #[serde(rename = "hiddenFromGAL")]
    pub hidden_from_gal: bool,
    /// Only authenticated senders.
    #[serde(rename = "senderAuthentification")]
    pub sender_authentification: bool,
}

impl miniserde::Serialize for NewMailingList {
    fn begin(&self) -> Fragment<'_> {
        Fields::new()
            .with("mailingListAddress", &self.mailing_list_address)
            .with("joinRestriction", &self.join_restriction)
            .with("departRestriction", &self.depart_restriction)
            .with_some("displayName", &self.display_name)
            .with("hiddenFromGAL", &self.hidden_from_gal)
            .with("senderAuthentification", &self.sender_authentification)
            .into_object()
    }
}

impl Schema for NewMailingList {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Body(exchange::CREATE_MAILING_LIST)];
}

/// `POST .../member/account` on an Exchange group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NewMember {
    /// The destination id of the member account.
    #[serde(rename = "memberAccountId")]
    pub member_account_id: i64,
}

impl Schema for NewMember {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Body(exchange::ADD_MAILING_LIST_MEMBER)];
}

/// `POST .../manager/account` on an Exchange group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NewManager {
    /// The destination id of the manager account.
    #[serde(rename = "managerAccountId")]
    pub manager_account_id: i64,
}

impl Schema for NewManager {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Body(exchange::ADD_MAILING_LIST_MANAGER)];
}

/// `POST /email/domain/{domain}/account`: a real creation on legacy MX Plan.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NewLegacyAccount {
    /// The local part only.
    #[serde(rename = "accountName")]
    pub account_name: String,
    /// The password, never printed.
    pub password: Secret,
    /// The size in bytes, one of the service's `allowedAccountSize`.
    pub size: Option<i64>,
    /// A free text.
    pub description: Option<String>,
}

impl miniserde::Serialize for NewLegacyAccount {
    fn begin(&self) -> Fragment<'_> {
        Fields::new()
            .with("accountName", &self.account_name)
            .with("password", &self.password)
            .with_some("size", &self.size)
            .with_some("description", &self.description)
            .into_object()
    }
}

impl Schema for NewLegacyAccount {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Body(domain::CREATE_ACCOUNT)];
}

/// `POST /email/domain/{domain}/redirection`: the closest thing to an alias on legacy MX Plan.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NewRedirection {
    /// The address mail arrives at.
    pub from: String,
    /// Where it goes.
    pub to: String,
    /// Whether a copy stays in `from`.
    #[serde(rename = "localCopy")]
    pub local_copy: bool,
}

impl Schema for NewRedirection {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Model("email.domain.RedirectionCreation")];
}
