//! What a migration would move: the source's accounts, groups, external contacts and footers,
//! what the destination can hold, and which accounts cannot move as they are.

use mailshift_ovh::error::found;
use mailshift_ovh::models::domain::LegacyService;
use mailshift_ovh::models::exchange::MailingList;
use mailshift_ovh::models::{Disclaimer, ExternalContact, HostedAccount, ObjectState};
use mailshift_ovh::models::{HostedService, MxPlanService};
use mailshift_ovh::operations::{domain, exchange};
use mailshift_ovh::password::PasswordPolicy;
use mailshift_ovh::{Client, Clock, Error, Transport};

use crate::catalog::{Platform, ServiceId, ServiceSummary, is_free_slot};
use crate::size::{EMAIL_PRO_LIMIT, MX_PLAN_LIMIT, quota_bytes, usage_bytes};
pub use mailshift_ovh::service::{Capabilities, Support};

/// The shortest password a hosted service accepts when it does not say (OVHcloud's default).
const DEFAULT_MIN_PASSWORD_LENGTH: usize = 8;

/// One account of the source.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountRow {
    /// The account's numeric id, which delegations refer to.
    pub id: i64,
    /// Its primary address.
    pub address: String,
    /// Its display name (may be empty).
    pub display_name: String,
    /// How much its mailbox holds, when OVHcloud says.
    pub size: Option<u64>,
    /// Its state; only `ok` can move.
    pub state: ObjectState,
    /// Why it cannot move as it is; empty when it can.
    pub blockers: Vec<Blocker>,
}

/// Why an account cannot move as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blocker {
    /// The mailbox holds more than the destination allows per mailbox.
    TooBig {
        /// What it holds.
        size: u64,
        /// The destination's limit.
        limit: u64,
    },
    /// The account is not in the `ok` state.
    NotReady(ObjectState),
}

/// Aliases and delegations of one account: read one account at a time, so only on demand.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccountDetails {
    /// Its aliases.
    pub aliases: Vec<String>,
    /// Accounts with full access to it (addresses, or ids when unknown).
    pub full_access: Vec<String>,
    /// Accounts that may send as it.
    pub send_as: Vec<String>,
    /// Accounts that may send on its behalf.
    pub send_on_behalf_to: Vec<String>,
}

/// A group (mailing list) of the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Its address.
    pub address: String,
    /// Its display name.
    pub display_name: String,
}

/// An external contact of the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    /// The contact's outside address.
    pub address: String,
    /// Its display name.
    pub display_name: String,
}

/// A domain's footer on the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Footer {
    /// The domain it is added for.
    pub domain: String,
    /// Only on mail leaving the organisation.
    pub outside_only: bool,
    /// Its text, as OVHcloud stores it (HTML).
    pub content: String,
}

/// What the destination offers.
#[derive(Clone, Debug, PartialEq)]
pub struct DestinationProfile {
    /// Its platform.
    pub platform: Platform,
    /// Free slots in the `ok` state (legacy MX Plan: accounts it can still create).
    pub free_slots: usize,
    /// The rules new passwords must follow.
    pub password_policy: PasswordPolicy,
    /// The most one mailbox may hold, when known.
    pub mailbox_limit: Option<u64>,
    /// What it can hold of the source's features.
    pub features: Capabilities,
}

/// The whole review: the source's content, and what the destination offers.
#[derive(Clone, Debug, PartialEq)]
pub struct Inventory {
    /// Accounts, in the order OVHcloud lists them (the table sorts them).
    pub accounts: Vec<AccountRow>,
    /// Groups.
    pub groups: Vec<Group>,
    /// External contacts.
    pub contacts: Vec<Contact>,
    /// Footers.
    pub footers: Vec<Footer>,
    /// The destination.
    pub destination: DestinationProfile,
}

/// What is being loaded, for the progress line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Source accounts: so many of so many (when known).
    Accounts {
        /// Loaded so far.
        loaded: usize,
        /// In all, once the first page said.
        total: Option<usize>,
    },
    /// Groups, contacts and footers.
    Features,
    /// The destination's slots and rules.
    Destination,
}

impl Inventory {
    /// The rows that cannot move as they are.
    pub fn blocked(&self) -> impl Iterator<Item = &AccountRow> {
        self.accounts.iter().filter(|a| !a.blockers.is_empty())
    }
}

/// Why an account cannot move to a destination with this mailbox limit.
pub fn blockers(size: Option<u64>, state: ObjectState, limit: Option<u64>) -> Vec<Blocker> {
    let mut found = Vec::new();
    if state != ObjectState::Ok {
        found.push(Blocker::NotReady(state));
    }
    if let (Some(size), Some(limit)) = (size, limit)
        && size > limit
    {
        found.push(Blocker::TooBig { size, limit });
    }
    found
}

/// Loads the review of `source` moving to `destination` (summarised by discovery): accounts by
/// pages of full objects, then groups, contacts and footers, then the destination's slots.
/// Aliases and delegations are left to [`load_details`].
pub async fn load<T: Transport, C: Clock>(
    client: &Client<T, C>,
    source: &ServiceSummary,
    destination: &ServiceSummary,
    progress: &mut dyn FnMut(Stage),
) -> Result<Inventory, Error> {
    let destination_profile = {
        let profile = load_destination(client, destination).await;
        progress(Stage::Destination);
        profile?
    };
    let id = &source.id;
    let calls = id
        .hosted_calls()
        .ok_or_else(|| Error::bad_input("a legacy MX Plan cannot be a source"))?;
    let accounts_path = id.path(calls.accounts, &[])?;
    let mut accounts = Vec::new();
    progress(Stage::Accounts {
        loaded: 0,
        total: None,
    });
    client
        .list_pages(
            &accounts_path,
            |items: Vec<HostedAccount>, loaded, total| {
                accounts.extend(
                    items
                        .into_iter()
                        .filter(|a| !is_free_slot(&a.primary_email_address))
                        .map(|a| row(a, destination_profile.mailbox_limit)),
                );
                progress(Stage::Accounts { loaded, total });
            },
        )
        .await?;

    let groups = match id.platform() {
        Platform::Exchange => {
            let lists: Vec<MailingList> = client
                .list_all(&id.path(exchange::MAILING_LISTS, &[])?)
                .await?;
            lists
                .into_iter()
                .map(|l| Group {
                    display_name: l.display_name.unwrap_or_default(),
                    address: l.mailing_list_address,
                })
                .collect()
        }
        _ => Vec::new(),
    };
    let contacts: Vec<ExternalContact> = client
        .list_all(&id.path(calls.external_contacts, &[])?)
        .await?;
    let mut footers = Vec::new();
    for domain in &source.domains {
        let path = id.path(calls.disclaimer, &[&domain.name])?;
        if let Some(footer) = found(client.get::<Disclaimer>(&path).await)? {
            footers.push(Footer {
                domain: domain.name.clone(),
                outside_only: footer.outside_only,
                content: footer.content,
            });
        }
    }
    progress(Stage::Features);
    Ok(Inventory {
        accounts,
        groups,
        contacts: contacts
            .into_iter()
            .map(|c| Contact {
                address: c.external_email_address,
                display_name: c.display_name,
            })
            .collect(),
        footers,
        destination: destination_profile,
    })
}

fn row(account: HostedAccount, limit: Option<u64>) -> AccountRow {
    let size = account.current_usage.map(usage_bytes);
    AccountRow {
        id: account.id,
        blockers: blockers(size, account.state, limit),
        address: account.primary_email_address,
        display_name: account.display_name.unwrap_or_default(),
        size,
        state: account.state,
    }
}

async fn load_destination<T: Transport, C: Clock>(
    client: &Client<T, C>,
    destination: &ServiceSummary,
) -> Result<DestinationProfile, Error> {
    let id = &destination.id;
    let platform = id.platform();
    let features = Capabilities::of(platform);
    let Some(calls) = id.hosted_calls() else {
        let details: LegacyService = client.get(&id.path(domain::SERVICE, &[])?).await?;
        let largest = details
            .allowed_account_size
            .unwrap_or_default()
            .into_iter()
            .filter_map(|s| u64::try_from(s).ok())
            .max();
        return Ok(DestinationProfile {
            platform,
            free_slots: destination.free_slots,
            password_policy: PasswordPolicy::Legacy,
            mailbox_limit: largest,
            features,
        });
    };
    let service: HostedService = client.get(&id.path(calls.service, &[])?).await?;
    // MX Plan's own fields come in a second read of the same object: decoding one answer twice
    // would need serde_json's `Value`, which costs the page more than a call costs the user.
    let zimbra = platform == Platform::MxPlan && {
        let flags: MxPlanService = client.get(&id.path(calls.service, &[])?).await?;
        flags.is_zimbra
    };
    let password_policy = if zimbra {
        PasswordPolicy::Zimbra
    } else {
        PasswordPolicy::Hosted {
            min_length: service
                .min_password_length
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(DEFAULT_MIN_PASSWORD_LENGTH),
            complexity: service.complexity_enabled,
        }
    };
    let slots: Vec<HostedAccount> = client.list_all(&id.path(calls.accounts, &[])?).await?;
    let ready: Vec<&HostedAccount> = slots
        .iter()
        .filter(|a| is_free_slot(&a.primary_email_address) && a.state == ObjectState::Ok)
        .collect();
    let largest_slot = ready.iter().map(|a| quota_bytes(a.quota)).max();
    let mailbox_limit = match platform {
        Platform::MxPlan => Some(MX_PLAN_LIMIT),
        Platform::EmailPro => Some(EMAIL_PRO_LIMIT),
        _ => largest_slot.filter(|q| *q > 0),
    };
    Ok(DestinationProfile {
        platform,
        free_slots: ready.len(),
        password_policy,
        mailbox_limit,
        features,
    })
}

/// Loads one account's aliases and delegations (four calls); delegates are named by address
/// when `accounts` knows their id.
pub async fn load_details<T: Transport, C: Clock>(
    client: &Client<T, C>,
    source: &ServiceId,
    address: &str,
    accounts: &[AccountRow],
) -> Result<AccountDetails, Error> {
    let calls = source
        .hosted_calls()
        .ok_or_else(|| Error::bad_input("a legacy MX Plan cannot be a source"))?;
    // A scan rather than a map: a few delegates among a few hundred accounts.
    let name = |id: i64| {
        accounts
            .iter()
            .find(|a| a.id == id)
            .map_or_else(|| format!("#{id}"), |a| a.address.clone())
    };
    let aliases: Vec<String> = client.get(&source.path(calls.aliases, &[address])?).await?;
    let mut delegates = Vec::with_capacity(3);
    for operation in [calls.full_access, calls.send_as, calls.send_on_behalf_to] {
        let ids: Vec<i64> = client.get(&source.path(operation, &[address])?).await?;
        delegates.push(ids.into_iter().map(name).collect::<Vec<_>>());
    }
    let mut delegates = delegates.into_iter();
    Ok(AccountDetails {
        aliases,
        full_access: delegates.next().unwrap_or_default(),
        send_as: delegates.next().unwrap_or_default(),
        send_on_behalf_to: delegates.next().unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_big_mailboxes_and_accounts_that_are_not_ready() {
        let gib = 1024 * 1024 * 1024;
        assert!(blockers(Some(4 * gib), ObjectState::Ok, Some(5 * gib)).is_empty());
        assert!(blockers(Some(5 * gib), ObjectState::Ok, Some(5 * gib)).is_empty());
        assert_eq!(
            blockers(Some(6 * gib), ObjectState::Suspended, Some(5 * gib)),
            [
                Blocker::NotReady(ObjectState::Suspended),
                Blocker::TooBig {
                    size: 6 * gib,
                    limit: 5 * gib
                }
            ]
        );
        assert!(blockers(None, ObjectState::Ok, Some(1)).is_empty());
        assert!(blockers(Some(u64::MAX), ObjectState::Ok, None).is_empty());
    }

    #[test]
    fn only_exchange_holds_groups_and_legacy_mx_plan_only_redirections() {
        assert_eq!(Capabilities::of(Platform::Exchange).groups, Support::Yes);
        assert_eq!(Capabilities::of(Platform::EmailPro).groups, Support::No);
        assert_eq!(Capabilities::of(Platform::MxPlan).groups, Support::No);
        let legacy = Capabilities::of(Platform::LegacyMxPlan);
        assert_eq!(legacy.aliases, Support::AsRedirections);
        assert_eq!(legacy.delegations, Support::No);
        assert_eq!(legacy.footers, Support::No);
    }
}
