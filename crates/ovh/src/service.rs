//! Which email service a call is about: its platform, its identity as the API names it, and
//! the calls each hosted platform offers. The wizard and the migration engine share these.

use std::borrow::Cow;

use crate::access_rules::Scope;
use crate::error::Error;
use crate::operations::{exchange, mxplan, pro};
use crate::path::{ApiPath, Operation};

/// The domain of unconfigured account slots on Exchange, Email Pro and MX Plan (spec 4.2).
pub const FREE_SLOT_DOMAIN: &str = "configureme.me";

/// An email platform.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    miniserde::Serialize,
    miniserde::Deserialize,
)]
pub enum Platform {
    /// Hosted Exchange.
    #[serde(rename = "exchange")]
    Exchange,
    /// Email Pro.
    #[serde(rename = "emailPro")]
    EmailPro,
    /// MX Plan on the current platform.
    #[serde(rename = "mxPlan")]
    MxPlan,
    /// MX Plan on the legacy platform.
    #[serde(rename = "legacyMxPlan")]
    LegacyMxPlan,
}

impl Platform {
    /// Whether the guide allows migrating away from this platform.
    pub fn can_be_source(self) -> bool {
        matches!(self, Self::Exchange | Self::EmailPro)
    }
}

/// One email service, named as the API names it.
///
/// Saved as its [`key`](Self::key), a string: shorter to store than its variants, and read
/// back with the same checks as a key typed by hand.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ServiceId {
    /// An Exchange service inside its organization.
    Exchange {
        /// The organization name.
        organization: String,
        /// The service name.
        service: String,
    },
    /// An Email Pro service.
    EmailPro {
        /// The service name.
        service: String,
    },
    /// A current MX Plan service.
    MxPlan {
        /// The service name.
        service: String,
    },
    /// A legacy MX Plan service, named by its domain.
    LegacyMxPlan {
        /// The domain.
        domain: String,
    },
}

/// The calls Exchange, Email Pro and current MX Plan share, per platform: the same shapes
/// under different bases, so one migration path serves all three.
#[derive(Clone, Copy, Debug)]
pub struct HostedCalls {
    /// `GET` the service.
    pub service: Operation,
    /// `GET` its domains.
    pub domains: Operation,
    /// `GET` one domain.
    pub domain: Operation,
    /// `GET` the accounts.
    pub accounts: Operation,
    /// `GET` one account.
    pub account: Operation,
    /// `PUT` an account (rename, configure a slot).
    pub update_account: Operation,
    /// `DELETE` an account (back to a free slot).
    pub reset_account: Operation,
    /// `POST` a password.
    pub change_password: Operation,
    /// `GET` one task of an account.
    pub account_task: Operation,
    /// `GET` one task of the service.
    pub service_task: Operation,
    /// `GET` an account's aliases.
    pub aliases: Operation,
    /// `POST` an alias.
    pub create_alias: Operation,
    /// `DELETE` an alias.
    pub delete_alias: Operation,
    /// `GET` full-access delegates.
    pub full_access: Operation,
    /// `POST` a full-access delegate.
    pub grant_full_access: Operation,
    /// `DELETE` a full-access delegate.
    pub revoke_full_access: Operation,
    /// `GET` send-as delegates.
    pub send_as: Operation,
    /// `POST` a send-as delegate.
    pub grant_send_as: Operation,
    /// `DELETE` a send-as delegate.
    pub revoke_send_as: Operation,
    /// `GET` send-on-behalf delegates.
    pub send_on_behalf_to: Operation,
    /// `POST` a send-on-behalf delegate.
    pub grant_send_on_behalf_to: Operation,
    /// `DELETE` a send-on-behalf delegate.
    pub revoke_send_on_behalf_to: Operation,
    /// `GET` the external contacts.
    pub external_contacts: Operation,
    /// `GET` one external contact.
    pub external_contact: Operation,
    /// `POST` an external contact.
    pub create_external_contact: Operation,
    /// `DELETE` an external contact.
    pub delete_external_contact: Operation,
    /// `GET` a domain's footer.
    pub disclaimer: Operation,
    /// `POST` a domain's footer.
    pub create_disclaimer: Operation,
    /// `DELETE` a domain's footer.
    pub delete_disclaimer: Operation,
}

macro_rules! hosted_calls {
    ($platform:ident) => {
        HostedCalls {
            service: $platform::SERVICE,
            domains: $platform::DOMAINS,
            domain: $platform::DOMAIN,
            accounts: $platform::ACCOUNTS,
            account: $platform::ACCOUNT,
            update_account: $platform::UPDATE_ACCOUNT,
            reset_account: $platform::RESET_ACCOUNT,
            change_password: $platform::CHANGE_PASSWORD,
            account_task: $platform::ACCOUNT_TASK,
            service_task: $platform::SERVICE_TASK,
            aliases: $platform::ALIASES,
            create_alias: $platform::CREATE_ALIAS,
            delete_alias: $platform::DELETE_ALIAS,
            full_access: $platform::FULL_ACCESS,
            grant_full_access: $platform::GRANT_FULL_ACCESS,
            revoke_full_access: $platform::REVOKE_FULL_ACCESS,
            send_as: $platform::SEND_AS,
            grant_send_as: $platform::GRANT_SEND_AS,
            revoke_send_as: $platform::REVOKE_SEND_AS,
            send_on_behalf_to: $platform::SEND_ON_BEHALF_TO,
            grant_send_on_behalf_to: $platform::GRANT_SEND_ON_BEHALF_TO,
            revoke_send_on_behalf_to: $platform::REVOKE_SEND_ON_BEHALF_TO,
            external_contacts: $platform::EXTERNAL_CONTACTS,
            external_contact: $platform::EXTERNAL_CONTACT,
            create_external_contact: $platform::CREATE_EXTERNAL_CONTACT,
            delete_external_contact: $platform::DELETE_EXTERNAL_CONTACT,
            disclaimer: $platform::DISCLAIMER,
            create_disclaimer: $platform::CREATE_DISCLAIMER,
            delete_disclaimer: $platform::DELETE_DISCLAIMER,
        }
    };
}

const EXCHANGE_CALLS: HostedCalls = hosted_calls!(exchange);
const PRO_CALLS: HostedCalls = hosted_calls!(pro);
const MXPLAN_CALLS: HostedCalls = hosted_calls!(mxplan);

impl ServiceId {
    /// The platform it is on.
    pub fn platform(&self) -> Platform {
        match self {
            Self::Exchange { .. } => Platform::Exchange,
            Self::EmailPro { .. } => Platform::EmailPro,
            Self::MxPlan { .. } => Platform::MxPlan,
            Self::LegacyMxPlan { .. } => Platform::LegacyMxPlan,
        }
    }

    /// The service's own name (the domain for legacy MX Plan).
    pub fn name(&self) -> &str {
        match self {
            Self::Exchange { service, .. }
            | Self::EmailPro { service }
            | Self::MxPlan { service } => service,
            Self::LegacyMxPlan { domain } => domain,
        }
    }

    /// A stable text form, for form values and element ids.
    pub fn key(&self) -> String {
        match self {
            Self::Exchange {
                organization,
                service,
            } => format!("exchange/{organization}/{service}"),
            Self::EmailPro { service } => format!("pro/{service}"),
            Self::MxPlan { service } => format!("mxplan/{service}"),
            Self::LegacyMxPlan { domain } => format!("domain/{domain}"),
        }
    }

    /// The id whose [`key`](Self::key) is `key`.
    pub fn from_key(key: &str) -> Option<Self> {
        let (platform, rest) = key.split_once('/')?;
        let name = |part: &str| (!part.is_empty()).then(|| part.to_owned());
        match platform {
            "exchange" => {
                let (organization, service) = rest.split_once('/')?;
                Some(Self::Exchange {
                    organization: name(organization)?,
                    service: name(service)?,
                })
            }
            "pro" => Some(Self::EmailPro {
                service: name(rest)?,
            }),
            "mxplan" => Some(Self::MxPlan {
                service: name(rest)?,
            }),
            "domain" => Some(Self::LegacyMxPlan {
                domain: name(rest)?,
            }),
            _ => None,
        }
    }

    /// The access-rule scope narrowed to this service.
    pub fn scope(&self) -> Scope {
        match self {
            Self::Exchange {
                organization,
                service,
            } => Scope::Exchange(Some((organization.clone(), service.clone()))),
            Self::EmailPro { service } => Scope::EmailPro(Some(service.clone())),
            Self::MxPlan { service } => Scope::MxPlan(Some(service.clone())),
            Self::LegacyMxPlan { domain } => Scope::LegacyMxPlan(Some(domain.clone())),
        }
    }

    /// The calls of its platform, unless it is legacy MX Plan (whose API has other shapes).
    pub fn hosted_calls(&self) -> Option<HostedCalls> {
        match self {
            Self::Exchange { .. } => Some(EXCHANGE_CALLS),
            Self::EmailPro { .. } => Some(PRO_CALLS),
            Self::MxPlan { .. } => Some(MXPLAN_CALLS),
            Self::LegacyMxPlan { .. } => None,
        }
    }

    /// The path of `operation` on this service, followed by `rest` for its other parameters.
    pub fn path(&self, operation: Operation, rest: &[&str]) -> Result<ApiPath, Error> {
        let mut values: Vec<&str> = match self {
            Self::Exchange {
                organization,
                service,
            } => vec![organization, service],
            Self::EmailPro { service } | Self::MxPlan { service } => vec![service],
            Self::LegacyMxPlan { domain } => vec![domain],
        };
        values.extend_from_slice(rest);
        operation.path(&values)
    }
}

impl From<ServiceId> for String {
    fn from(id: ServiceId) -> Self {
        id.key()
    }
}

crate::string_form!(ServiceId, |id| Cow::Owned(id.key()), ServiceId::from_key);

impl TryFrom<String> for ServiceId {
    type Error = String;

    fn try_from(key: String) -> Result<Self, String> {
        Self::from_key(&key).ok_or_else(|| format!("not a service key: {key}"))
    }
}

/// Whether a destination can hold a feature of the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Support {
    /// Yes, as it is.
    Yes,
    /// Only as redirections (legacy MX Plan has no aliases).
    AsRedirections,
    /// No.
    No,
}

/// What a destination platform can hold of what the source has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capabilities {
    /// Aliases.
    pub aliases: Support,
    /// Full access, send as, send on behalf.
    pub delegations: Support,
    /// Groups (mailing lists).
    pub groups: Support,
    /// External contacts.
    pub external_contacts: Support,
    /// Footers.
    pub footers: Support,
    /// Calendars, contacts and other shared features (spec section 1).
    pub collaboration: Support,
}

impl Capabilities {
    /// What each platform holds (spec sections 1 and 4.4).
    pub fn of(platform: Platform) -> Self {
        use Support::{AsRedirections, No, Yes};
        match platform {
            Platform::Exchange => Self {
                aliases: Yes,
                delegations: Yes,
                groups: Yes,
                external_contacts: Yes,
                footers: Yes,
                collaboration: Yes,
            },
            Platform::EmailPro | Platform::MxPlan => Self {
                aliases: Yes,
                delegations: Yes,
                groups: No,
                external_contacts: Yes,
                footers: Yes,
                collaboration: No,
            },
            Platform::LegacyMxPlan => Self {
                aliases: AsRedirections,
                delegations: No,
                groups: No,
                external_contacts: No,
                footers: No,
                collaboration: No,
            },
        }
    }
}

/// Whether an address is an unconfigured slot.
pub fn is_free_slot(address: &str) -> bool {
    address
        .rsplit_once('@')
        .is_some_and(|(_, domain)| domain.eq_ignore_ascii_case(FREE_SLOT_DOMAIN))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exchange(name: &str) -> ServiceId {
        ServiceId::Exchange {
            organization: "org".into(),
            service: name.into(),
        }
    }

    #[test]
    fn free_slots_are_recognised_by_their_domain() {
        assert!(is_free_slot("abc123@configureme.me"));
        assert!(is_free_slot("x@ConfigureMe.ME"));
        assert!(!is_free_slot("john@configureme.me.example"));
        assert!(!is_free_slot("no-at-sign"));
    }

    #[test]
    fn service_ids_survive_a_round_trip_and_have_distinct_keys() {
        let ids = [
            exchange("s"),
            ServiceId::EmailPro {
                service: "s".into(),
            },
            ServiceId::MxPlan {
                service: "s".into(),
            },
            ServiceId::LegacyMxPlan { domain: "s".into() },
        ];
        for id in &ids {
            let text = crate::json::to_string(id);
            assert_eq!(
                &crate::json::from_str::<ServiceId>(&text).expect("reads"),
                id
            );
        }
        let keys: std::collections::BTreeSet<_> = ids.iter().map(ServiceId::key).collect();
        assert_eq!(keys.len(), ids.len());
        assert_eq!(
            crate::json::to_string(&exchange("s")),
            r#""exchange/org/s""#
        );
    }

    #[test]
    fn keys_that_name_no_service_are_refused() {
        for key in [
            "",
            "pro",
            "pro/",
            "exchange/org",
            "exchange//s",
            "other/s",
            "s",
        ] {
            assert_eq!(ServiceId::from_key(key), None, "{key}");
            assert!(crate::json::from_str::<ServiceId>(&format!("{key:?}")).is_err());
        }
        assert_eq!(
            ServiceId::from_key("domain/example.com"),
            Some(ServiceId::LegacyMxPlan {
                domain: "example.com".into()
            })
        );
    }
}
