//! What the plan is computed from: the source and the destination as read just before, with
//! only `GET` calls.

use mailshift_ovh::error::found;
use mailshift_ovh::models::domain::{LegacyQuota, LegacyService};
use mailshift_ovh::models::exchange::MailingList;
use mailshift_ovh::models::hosted::DomainType;
use mailshift_ovh::models::{
    Disclaimer, ExternalContact, HostedAccount, HostedDomain, HostedService, MxPlanService,
    ObjectState,
};
use mailshift_ovh::operations::{domain, exchange};
use mailshift_ovh::password::PasswordPolicy;
use mailshift_ovh::service::{Platform, ServiceId, is_free_slot};
use mailshift_ovh::{Client, Clock, Error, Transport};

use crate::step::{Group, Right};

/// OVHcloud's default `minPasswordLength` when a service does not say.
const DEFAULT_MIN_PASSWORD_LENGTH: usize = 8;

/// Both sides of a migration, as read.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// Where the addresses leave.
    pub source: Source,
    /// Where they go.
    pub destination: Destination,
}

/// The source service.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// Which service.
    pub id: ServiceId,
    /// Its mail server.
    pub hostname: Option<String>,
    /// Its password rules (for the provisional accounts' passwords).
    pub policy: PasswordPolicy,
    /// Every account, free slots included.
    pub accounts: Vec<HostedAccount>,
    /// Aliases and delegations of the selected accounts.
    pub details: Vec<AccountDetails>,
    /// Groups (Exchange); their members and managers only when the destination can hold them.
    pub groups: Vec<Group>,
    /// External contacts.
    pub contacts: Vec<ExternalContact>,
    /// Footers, one per domain.
    pub footers: Vec<Disclaimer>,
}

/// One selected source account's aliases and delegations, delegates named by address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountDetails {
    /// The account.
    pub address: String,
    /// Its aliases.
    pub aliases: Vec<String>,
    /// Who holds which right on it.
    pub delegations: Vec<(Right, String)>,
}

/// A domain as the destination holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DestinationDomain {
    /// Its name.
    pub name: String,
    /// Its state.
    pub state: ObjectState,
    /// `Some(true)` when authoritative; `None` where the platform does not say.
    pub authoritative: Option<bool>,
    /// For a zone outside OVHcloud: the CNAME to publish, while it is not validated.
    pub cname_to_publish: Option<String>,
}

/// The destination service.
#[derive(Clone, Debug, PartialEq)]
pub struct Destination {
    /// Which service.
    pub id: ServiceId,
    /// Its mail server.
    pub hostname: Option<String>,
    /// Its password rules.
    pub policy: PasswordPolicy,
    /// Its domains.
    pub domains: Vec<DestinationDomain>,
    /// Its accounts (free slots included); legacy MX Plan: its mailboxes as addresses.
    pub accounts: Vec<HostedAccount>,
    /// Legacy MX Plan: how many more accounts it can create, and the sizes it offers.
    pub legacy: Option<LegacyRoom>,
}

/// What a legacy MX Plan can still take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegacyRoom {
    /// Accounts it can still create.
    pub room: usize,
    /// Mailbox sizes it offers, in bytes.
    pub sizes: Vec<i64>,
    /// Addresses of its mailboxes.
    pub addresses: Vec<String>,
}

impl Destination {
    /// Its free slots in state `ok` with no pending task, in OVHcloud's order.
    pub fn ready_slots(&self) -> impl Iterator<Item = &HostedAccount> {
        self.accounts.iter().filter(|a| {
            is_free_slot(&a.primary_email_address)
                && a.state == ObjectState::Ok
                && a.task_pending_id.is_none_or(|t| t == 0)
        })
    }

    /// Whether it holds `address` (an account already configured there).
    pub fn holds(&self, address: &str) -> bool {
        let configured = self
            .accounts
            .iter()
            .any(|a| a.primary_email_address.eq_ignore_ascii_case(address));
        let legacy = self
            .legacy
            .as_ref()
            .is_some_and(|l| l.addresses.iter().any(|a| a.eq_ignore_ascii_case(address)));
        configured || legacy
    }
}

/// Reads both sides for a migration of `selected` (source addresses), with `GET` calls only.
pub async fn read<T: Transport, C: Clock>(
    client: &Client<T, C>,
    source: &ServiceId,
    destination: &ServiceId,
    selected: &[String],
) -> Result<Snapshot, Error> {
    Ok(Snapshot {
        source: read_source(
            client,
            source,
            selected,
            destination.platform() == Platform::Exchange,
        )
        .await?,
        destination: read_destination(client, destination).await?,
    })
}

async fn read_source<T: Transport, C: Clock>(
    client: &Client<T, C>,
    id: &ServiceId,
    selected: &[String],
    with_members: bool,
) -> Result<Source, Error> {
    let calls = id
        .hosted_calls()
        .ok_or_else(|| Error::bad_input("a legacy MX Plan cannot be a source"))?;
    let service: HostedService = client.get(&id.path(calls.service, &[])?).await?;
    let domains: Vec<HostedDomain> = client.list_all(&id.path(calls.domains, &[])?).await?;
    let accounts: Vec<HostedAccount> = client.list_all(&id.path(calls.accounts, &[])?).await?;
    let name = |wanted: i64| {
        accounts
            .iter()
            .find(|a| a.id == wanted)
            .map_or_else(|| format!("#{wanted}"), |a| a.primary_email_address.clone())
    };
    let mut details = Vec::with_capacity(selected.len());
    for address in selected {
        let aliases: Vec<String> = client.get(&id.path(calls.aliases, &[address])?).await?;
        let mut delegations = Vec::new();
        for right in Right::ALL {
            let ids: Vec<i64> = client
                .get(&id.path(right.calls(&calls).0, &[address])?)
                .await?;
            delegations.extend(ids.into_iter().map(|i| (right, name(i))));
        }
        details.push(AccountDetails {
            address: address.to_ascii_lowercase(),
            aliases,
            delegations,
        });
    }
    let mut groups = Vec::new();
    if id.platform() == Platform::Exchange {
        let lists: Vec<MailingList> = client
            .list_all(&id.path(exchange::MAILING_LISTS, &[])?)
            .await?;
        for list in lists {
            let address = list.mailing_list_address.to_ascii_lowercase();
            let (mut members, mut managers) = (Vec::new(), Vec::new());
            if with_members {
                for (operation, into) in [
                    (exchange::MAILING_LIST_MEMBERS, &mut members),
                    (exchange::MAILING_LIST_MANAGERS, &mut managers),
                ] {
                    let ids: Vec<i64> = client.get(&id.path(operation, &[&address])?).await?;
                    into.extend(ids.into_iter().map(name));
                }
            }
            groups.push(Group {
                address,
                display_name: list.display_name,
                join: list.join_restriction,
                depart: list.depart_restriction,
                hidden_from_gal: list.hidden_from_gal,
                sender_authentification: list.sender_authentification,
                members,
                managers,
            });
        }
    }
    let contacts = client
        .list_all(&id.path(calls.external_contacts, &[])?)
        .await?;
    let mut footers = Vec::new();
    for domain in &domains {
        let path = id.path(calls.disclaimer, &[&domain.name])?;
        footers.extend(found(client.get::<Disclaimer>(&path).await)?);
    }
    Ok(Source {
        id: id.clone(),
        policy: hosted_policy(&service),
        hostname: service.hostname,
        accounts,
        details,
        groups,
        contacts,
        footers,
    })
}

async fn read_destination<T: Transport, C: Clock>(
    client: &Client<T, C>,
    id: &ServiceId,
) -> Result<Destination, Error> {
    let Some(calls) = id.hosted_calls() else {
        let service: LegacyService = client.get(&id.path(domain::SERVICE, &[])?).await?;
        let quota: LegacyQuota = client.get(&id.path(domain::QUOTA, &[])?).await?;
        let summary: LegacyQuota = client.get(&id.path(domain::SUMMARY, &[])?).await?;
        let names: Vec<String> = client.get(&id.path(domain::ACCOUNTS, &[])?).await?;
        return Ok(Destination {
            id: id.clone(),
            hostname: Some(LEGACY_SERVER.to_owned()),
            policy: PasswordPolicy::Legacy,
            domains: vec![DestinationDomain {
                name: service.domain.clone(),
                state: ObjectState::Ok,
                authoritative: None,
                cname_to_publish: None,
            }],
            accounts: Vec::new(),
            legacy: Some(LegacyRoom {
                room: usize::try_from(quota.account.saturating_sub(summary.account)).unwrap_or(0),
                sizes: service.allowed_account_size.unwrap_or_default(),
                addresses: names
                    .into_iter()
                    .map(|n| format!("{n}@{}", service.domain))
                    .collect(),
            }),
        });
    };
    let service: HostedService = client.get(&id.path(calls.service, &[])?).await?;
    let zimbra = id.platform() == Platform::MxPlan && {
        let flags: MxPlanService = client.get(&id.path(calls.service, &[])?).await?;
        flags.is_zimbra
    };
    let policy = if zimbra {
        PasswordPolicy::Zimbra
    } else {
        hosted_policy(&service)
    };
    let domains: Vec<HostedDomain> = client.list_all(&id.path(calls.domains, &[])?).await?;
    let accounts = client.list_all(&id.path(calls.accounts, &[])?).await?;
    Ok(Destination {
        id: id.clone(),
        hostname: service.hostname,
        policy,
        domains: domains.into_iter().map(destination_domain).collect(),
        accounts,
        legacy: None,
    })
}

/// The password rules of an Exchange, Email Pro or MX Plan service.
fn hosted_policy(service: &HostedService) -> PasswordPolicy {
    PasswordPolicy::Hosted {
        min_length: service
            .min_password_length
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(DEFAULT_MIN_PASSWORD_LENGTH),
        complexity: service.complexity_enabled,
    }
}

/// How the destination holds a domain, from its answer.
fn destination_domain(domain: HostedDomain) -> DestinationDomain {
    DestinationDomain {
        authoritative: Some(domain.kind == DomainType::Authoritative),
        cname_to_publish: domain.cname_to_check.filter(|_| !domain.domain_validated),
        state: domain.state,
        name: domain.name,
    }
}

/// Legacy MX Plan's mail server (spec section 9).
pub const LEGACY_SERVER: &str = "ssl0.ovh.net";
