//! Consumer keys: requesting one and reading its state.

use super::{Schema, SchemaRef};
use crate::method::Method;
use crate::operations;

/// One access rule: a method on a path pattern where `*` matches anything.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, miniserde::Serialize, miniserde::Deserialize,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AccessRule {
    /// The method.
    pub method: Method,
    /// The path pattern, e.g. `/email/pro/emailpro-ab1/*`.
    pub path: String,
}

impl Schema for AccessRule {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Model("auth.AccessRule"),
        SchemaRef::Model("auth.AccessRuleRequest"),
    ];
}

/// The body of `POST /auth/credential`.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CredentialRequest {
    /// The rules asked for.
    #[serde(rename = "accessRules")]
    pub access_rules: Vec<AccessRule>,
    /// Where OVHcloud sends the user back after validation.
    pub redirection: Option<String>,
}

impl Schema for CredentialRequest {
    const SCHEMA: &'static [SchemaRef] = &[
        SchemaRef::Model("auth.ApiCredentialRequestParams"),
        SchemaRef::Body(operations::auth::CREDENTIAL),
    ];
}

/// Where a consumer key stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CredentialState {
    /// Waiting for the user to log in and grant the rules.
    #[serde(rename = "pendingValidation")]
    PendingValidation,
    /// Usable.
    #[serde(rename = "validated")]
    Validated,
    /// Refused by the user.
    #[serde(rename = "refused")]
    Refused,
    /// Past its expiry.
    #[serde(rename = "expired")]
    Expired,
}

/// The answer to `POST /auth/credential`.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PendingCredential {
    /// The new consumer key, unusable until validated.
    #[serde(rename = "consumerKey")]
    pub consumer_key: String,
    /// Where the user validates it.
    #[serde(rename = "validationUrl")]
    pub validation_url: String,
    /// `pendingValidation` at first.
    pub state: CredentialState,
}

impl Schema for PendingCredential {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Model("auth.ApiCredentialRequest")];
}

/// The answer to `GET /auth/currentCredential`.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CurrentCredential {
    /// The credential's id.
    #[serde(rename = "credentialId")]
    pub credential_id: i64,
    /// The application's id.
    #[serde(rename = "applicationId")]
    pub application_id: i64,
    /// Where it stands.
    pub status: CredentialState,
    /// When it was created.
    pub creation: String,
    /// When it expires, if ever.
    pub expiration: Option<String>,
    /// When it was last used.
    #[serde(rename = "lastUse")]
    pub last_use: Option<String>,
    /// The rules it grants.
    pub rules: Vec<AccessRule>,
}

impl Schema for CurrentCredential {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Model("auth.ApiCredential")];
}

/// The answer to `GET /auth/details`, reduced to what Mailshift shows.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AuthDetails {
    /// The customer identifier (NIC handle) of the OVHcloud account the key acts for.
    pub account: String,
}

impl Schema for AuthDetails {
    const SCHEMA: &'static [SchemaRef] = &[SchemaRef::Model("auth.Details")];
}
