//! The email services an OVHcloud account holds, and which of them can pair as source and
//! destination of a migration.

use mailshift_ovh::models::domain::{LegacyQuota, LegacyService};
use mailshift_ovh::models::hosted::DomainType;
use mailshift_ovh::models::{HostedDomain, HostedService, ObjectState};
use mailshift_ovh::operations::{domain, exchange, mxplan, pro};
pub use mailshift_ovh::service::{FREE_SLOT_DOMAIN, Platform, ServiceId, is_free_slot};
use mailshift_ovh::{Client, Clock, Error, Transport};

/// A domain attached to a service.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct DomainSummary {
    /// The domain name.
    pub name: String,
    /// Whether the service is authoritative for it; `None` where the platform does not say.
    pub authoritative: Option<bool>,
    /// Its state; only `ok` is ready.
    pub state: ObjectState,
}

/// What the chooser shows of a service.
#[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
pub struct ServiceSummary {
    /// Which service.
    pub id: ServiceId,
    /// Its display name, when it has one.
    pub display_name: Option<String>,
    /// The service's state as OVHcloud writes it (`ok` when usable).
    pub state: String,
    /// Its domains.
    pub domains: Vec<DomainSummary>,
    /// Configured accounts.
    pub accounts: usize,
    /// Unconfigured account slots (on legacy MX Plan: accounts that can still be created).
    pub free_slots: usize,
}

impl ServiceSummary {
    /// Whether the service can be acted on at all.
    pub fn is_usable(&self) -> bool {
        self.state == "ok"
    }
}

/// Where the source's domain stands on a destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainAtDestination {
    /// Not there: Mailshift will add it as non-authoritative.
    Absent,
    /// Not there, and the platform cannot take another domain (MX Plan serves only its own).
    CannotAdd,
    /// There, in this state.
    Present {
        /// `Some(false)` when non-authoritative, as a migration needs.
        authoritative: Option<bool>,
        /// Its state there.
        state: ObjectState,
    },
}

/// Every email service of the account, as the chooser lists them.
#[derive(Clone, Debug, Default, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Catalog {
    /// The services, Exchange first, then Email Pro, MX Plan and legacy MX Plan.
    pub services: Vec<ServiceSummary>,
}

impl Catalog {
    /// The service with this id.
    pub fn get(&self, id: &ServiceId) -> Option<&ServiceSummary> {
        self.services.iter().find(|s| &s.id == id)
    }

    /// The services a migration can start from.
    pub fn sources(&self) -> impl Iterator<Item = &ServiceSummary> {
        self.services
            .iter()
            .filter(|s| s.id.platform().can_be_source())
    }

    /// The services `source` can move to: any other service on the same endpoint.
    pub fn destinations_for<'a>(
        &'a self,
        source: &'a ServiceId,
    ) -> impl Iterator<Item = &'a ServiceSummary> {
        self.services.iter().filter(move |s| &s.id != source)
    }

    /// Whether the chosen pair can be reviewed: both services listed and usable, and no domain
    /// of the source that the destination cannot take.
    pub fn can_review(&self, source: Option<&ServiceId>, destination: Option<&ServiceId>) -> bool {
        let (Some(source), Some(destination)) = (source, destination) else {
            return false;
        };
        self.get(source).is_some_and(ServiceSummary::is_usable)
            && self.get(destination).is_some_and(ServiceSummary::is_usable)
            && !self
                .domains_at(source, destination)
                .iter()
                .any(|(_, at)| *at == DomainAtDestination::CannotAdd)
    }

    /// Where each of the source's domains stands on the destination.
    pub fn domains_at(
        &self,
        source: &ServiceId,
        destination: &ServiceId,
    ) -> Vec<(String, DomainAtDestination)> {
        let (Some(source), Some(destination)) = (self.get(source), self.get(destination)) else {
            return Vec::new();
        };
        let fixed = matches!(
            destination.id.platform(),
            Platform::MxPlan | Platform::LegacyMxPlan
        );
        source
            .domains
            .iter()
            .map(|domain| {
                let there = destination.domains.iter().find(|d| d.name == domain.name);
                let status = match there {
                    Some(d) => DomainAtDestination::Present {
                        authoritative: d.authoritative,
                        state: d.state,
                    },
                    None if fixed => DomainAtDestination::CannotAdd,
                    None => DomainAtDestination::Absent,
                };
                (domain.name.clone(), status)
            })
            .collect()
    }
}

/// Lists every email service with its domains and counts (`GET` only). `progress` hears
/// `(services summarised, services found)` after each one.
pub async fn discover<T: Transport, C: Clock>(
    client: &Client<T, C>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Catalog, Error> {
    let mut ids = Vec::new();
    let organizations: Vec<String> = client.get(&exchange::ORGANIZATIONS.path(&[])?).await?;
    for organization in organizations {
        let services: Vec<String> = client
            .get(&exchange::SERVICES.path(&[&organization])?)
            .await?;
        ids.extend(services.into_iter().map(|service| ServiceId::Exchange {
            organization: organization.clone(),
            service,
        }));
    }
    let pro: Vec<String> = client.get(&pro::SERVICES.path(&[])?).await?;
    ids.extend(
        pro.into_iter()
            .map(|service| ServiceId::EmailPro { service }),
    );
    let mxplan: Vec<String> = client.get(&mxplan::SERVICES.path(&[])?).await?;
    ids.extend(
        mxplan
            .into_iter()
            .map(|service| ServiceId::MxPlan { service }),
    );
    let legacy: Vec<String> = client.get(&domain::SERVICES.path(&[])?).await?;
    ids.extend(
        legacy
            .into_iter()
            .map(|domain| ServiceId::LegacyMxPlan { domain }),
    );

    let total = ids.len();
    progress(0, total);
    let mut services = Vec::with_capacity(total);
    for (done, id) in ids.into_iter().enumerate() {
        services.push(summarise(client, id).await?);
        progress(done + 1, total);
    }
    Ok(Catalog { services })
}

async fn summarise<T: Transport, C: Clock>(
    client: &Client<T, C>,
    id: ServiceId,
) -> Result<ServiceSummary, Error> {
    let Some(calls) = id.hosted_calls() else {
        return summarise_legacy(client, id).await;
    };
    let details: HostedService = client.get(&id.path(calls.service, &[])?).await?;
    let domains: Vec<HostedDomain> = client.list_all(&id.path(calls.domains, &[])?).await?;
    let addresses: Vec<String> = client.get(&id.path(calls.accounts, &[])?).await?;
    let free_slots = addresses.iter().filter(|a| is_free_slot(a)).count();
    Ok(ServiceSummary {
        display_name: details.display_name.filter(|n| !n.trim().is_empty()),
        state: details.state,
        domains: domains
            .into_iter()
            .map(|d| DomainSummary {
                name: d.name,
                authoritative: Some(d.kind == DomainType::Authoritative),
                state: d.state,
            })
            .collect(),
        accounts: addresses.len() - free_slots,
        free_slots,
        id,
    })
}

async fn summarise_legacy<T: Transport, C: Clock>(
    client: &Client<T, C>,
    id: ServiceId,
) -> Result<ServiceSummary, Error> {
    let details: LegacyService = client.get(&id.path(domain::SERVICE, &[])?).await?;
    let quota: LegacyQuota = client.get(&id.path(domain::QUOTA, &[])?).await?;
    let summary: LegacyQuota = client.get(&id.path(domain::SUMMARY, &[])?).await?;
    let count = |n: i64| usize::try_from(n).unwrap_or(0);
    Ok(ServiceSummary {
        display_name: None,
        state: details.status,
        domains: vec![DomainSummary {
            name: details.domain,
            authoritative: None,
            state: ObjectState::Ok,
        }],
        accounts: count(summary.account),
        free_slots: count(quota.account.saturating_sub(summary.account)),
        id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(id: ServiceId, domains: &[(&str, Option<bool>)]) -> ServiceSummary {
        ServiceSummary {
            id,
            display_name: None,
            state: "ok".into(),
            domains: domains
                .iter()
                .map(|(name, authoritative)| DomainSummary {
                    name: (*name).into(),
                    authoritative: *authoritative,
                    state: ObjectState::Ok,
                })
                .collect(),
            accounts: 1,
            free_slots: 1,
        }
    }

    fn exchange(name: &str) -> ServiceId {
        ServiceId::Exchange {
            organization: "org".into(),
            service: name.into(),
        }
    }

    #[test]
    fn only_exchange_and_email_pro_are_sources_and_a_source_is_never_its_own_destination() {
        let catalog = Catalog {
            services: vec![
                service(exchange("a"), &[]),
                service(
                    ServiceId::EmailPro {
                        service: "p".into(),
                    },
                    &[],
                ),
                service(
                    ServiceId::MxPlan {
                        service: "m".into(),
                    },
                    &[],
                ),
                service(
                    ServiceId::LegacyMxPlan {
                        domain: "d.org".into(),
                    },
                    &[],
                ),
            ],
        };
        let sources: Vec<_> = catalog.sources().map(|s| s.id.name()).collect();
        assert_eq!(sources, ["a", "p"]);
        let source = exchange("a");
        let destinations: Vec<_> = catalog
            .destinations_for(&source)
            .map(|s| s.id.name())
            .collect();
        assert_eq!(destinations, ["p", "m", "d.org"]);
    }

    #[test]
    fn tells_where_each_source_domain_stands_on_the_destination() {
        let catalog = Catalog {
            services: vec![
                service(
                    exchange("a"),
                    &[("d.fr", Some(true)), ("d.com", Some(true))],
                ),
                service(exchange("b"), &[("d.fr", Some(false))]),
                service(
                    ServiceId::MxPlan {
                        service: "m".into(),
                    },
                    &[("d.com", None)],
                ),
            ],
        };
        assert_eq!(
            catalog.domains_at(&exchange("a"), &exchange("b")),
            [
                (
                    "d.fr".to_owned(),
                    DomainAtDestination::Present {
                        authoritative: Some(false),
                        state: ObjectState::Ok
                    }
                ),
                ("d.com".to_owned(), DomainAtDestination::Absent),
            ]
        );
        let mx = ServiceId::MxPlan {
            service: "m".into(),
        };
        assert_eq!(
            catalog.domains_at(&exchange("a"), &mx)[0].1,
            DomainAtDestination::CannotAdd
        );
    }

    #[test]
    fn a_pair_can_be_reviewed_once_both_are_usable_and_every_domain_can_move() {
        let mx = ServiceId::MxPlan {
            service: "m".into(),
        };
        let mut catalog = Catalog {
            services: vec![
                service(exchange("a"), &[("d.fr", Some(true))]),
                service(exchange("b"), &[]),
                service(mx.clone(), &[("other.fr", None)]),
            ],
        };
        assert!(catalog.can_review(Some(&exchange("a")), Some(&exchange("b"))));
        assert!(!catalog.can_review(Some(&exchange("a")), None));
        assert!(!catalog.can_review(Some(&exchange("a")), Some(&exchange("gone"))));
        assert!(
            !catalog.can_review(Some(&exchange("a")), Some(&mx)),
            "MX Plan has its own domain"
        );
        catalog.services[1].state = "suspended".into();
        assert!(!catalog.can_review(Some(&exchange("a")), Some(&exchange("b"))));
    }
}
