//! The dry run: from what was read, the exact steps of every account, what will not be
//! recreated and why, the preflight findings and the cost, without a single write.

use std::time::Duration;

use mailshift_ovh::json::Unsaved;
use mailshift_ovh::models::ObjectState;
use mailshift_ovh::password::PasswordPolicy;
use mailshift_ovh::service::{Capabilities, Platform, ServiceId, Support};
use mailshift_ovh::size::{mailbox_limit, quota_bytes, usage_bytes};

use crate::finding::{Finding, FindingKind, Severity};
use crate::options::{Options, PasswordSource};
use crate::passwords::{Passwords, check};
use crate::snapshot::Snapshot;
use crate::step::{Group, PlannedCall, Right, Step};

/// How fast calls and tasks go, for the estimate (and, in the engine, the waits).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pace {
    /// Calls a minute on the consumer key.
    pub per_minute: u32,
    /// How long a typical task takes (OVHcloud: seconds to minutes).
    pub task: Duration,
    /// The first look after a write.
    pub settle: Duration,
    /// The pause between later looks.
    pub poll: Duration,
}

impl Default for Pace {
    /// OVHcloud's pace as the client keeps it: 50 calls a minute, tasks of about a minute,
    /// looks every 5 s after the first (OVHcloud asks for no faster than every few seconds).
    fn default() -> Self {
        Self {
            per_minute: 50,
            task: Duration::from_secs(60),
            settle: Duration::from_secs(45),
            poll: Duration::from_secs(5),
        }
    }
}

impl Pace {
    /// The looks one wait is expected to take.
    pub fn polls_per_wait(&self) -> u32 {
        let after_settle = self.task.saturating_sub(self.settle);
        let poll_ms = self.poll.as_millis().max(1);
        1 + u32::try_from(after_settle.as_millis().div_ceil(poll_ms)).unwrap_or(u32::MAX)
    }
}

/// Something of the source that will not be on the destination, and why.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct NotRecreated {
    /// What.
    pub what: Leftover,
    /// Why.
    pub why: Because,
}

/// What the content copy does not carry and the plan does not recreate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Leftover {
    /// An alias of the account, which stays on the provisional source account.
    Alias(String),
    /// A right on the account, and who holds it.
    Delegation {
        /// The right.
        right: Right,
        /// The account that holds it.
        delegate: String,
    },
    /// An external contact, by address.
    Contact(String),
    /// The footer of a domain.
    Footer(String),
    /// A group, by address.
    Group(String),
    /// An account's membership (or management) of a group.
    GroupMember {
        /// The account.
        account: String,
        /// The group.
        group: String,
    },
}

mailshift_ovh::tagged_enum!(Leftover {
    names {}
    values {
        "alias" => Alias(String),
        "contact" => Contact(String),
        "footer" => Footer(String),
        "group" => Group(String),
    }
    fields {
        "delegation" => Delegation { right: Right, delegate: String },
        "groupMember" => GroupMember { account: String, group: String },
    }
});

/// Why a [`Leftover`] is not recreated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub enum Because {
    /// It was left out in the options.
    #[serde(rename = "leftOut")]
    LeftOut,
    /// The destination's platform cannot hold it (its `Capabilities` say so).
    #[serde(rename = "cannotHold")]
    CannotHold,
    /// The other account it involves does not move with this run.
    #[serde(rename = "notMoving")]
    NotMoving,
}

impl Leftover {
    /// The address (the domain, for a footer) it is known by; for a delegation or a group
    /// membership, the other account's.
    pub fn name(&self) -> &str {
        match self {
            Self::Alias(name) | Self::Contact(name) | Self::Footer(name) | Self::Group(name) => {
                name
            }
            Self::Delegation { delegate, .. } => delegate,
            Self::GroupMember { account, .. } => account,
        }
    }
}

impl std::fmt::Display for NotRecreated {
    /// In English, for the report.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.what {
            Leftover::Alias(alias) => write!(f, "alias {alias}"),
            Leftover::Delegation { right, delegate } => {
                write!(f, "{} for {delegate}", right.label())
            }
            Leftover::Contact(address) => write!(f, "external contact {address}"),
            Leftover::Footer(domain) => write!(f, "footer of {domain}"),
            Leftover::Group(address) => write!(f, "group {address}"),
            Leftover::GroupMember { account, group } => write!(f, "{account} in group {group}"),
        }?;
        match self.why {
            Because::LeftOut => f.write_str(": left out in the options"),
            Because::CannotHold => f.write_str(": the destination cannot hold it"),
            Because::NotMoving => write!(f, ": {} does not move with this run", self.what.name()),
        }
    }
}

/// One account's part of the plan.
#[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
pub struct AccountPlan {
    /// Its address, which moves.
    pub address: String,
    /// The provisional address the source account takes.
    pub provisional: String,
    /// Its login, for password checks.
    pub login: String,
    /// Its display name.
    #[serde(rename = "displayName")]
    pub display_name: Option<String>,
    /// Its mailbox usage on the source, in bytes.
    pub usage: u64,
    /// Whether a blocking finding keeps it from moving.
    pub blocked: bool,
    /// Its steps until the content copy, in order.
    pub steps: Vec<Step>,
    /// Its delegations, recreated once every account of the run has its address.
    pub delegations: Vec<Step>,
    /// What will not be recreated.
    #[serde(rename = "notRecreated")]
    pub not_recreated: Vec<NotRecreated>,
}

impl AccountPlan {
    /// Every write of the account, delegations and reset included.
    pub fn all_steps<'a>(&'a self, reset: &'a Option<Step>) -> impl Iterator<Item = &'a Step> {
        self.steps.iter().chain(&self.delegations).chain(reset)
    }

    /// The reset of its provisional source account.
    pub fn reset(&self) -> Step {
        Step::Reset(self.provisional.clone())
    }
}

/// The calls a plan is expected to make.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize,
)]
pub struct Cost {
    /// Writes.
    pub writes: u32,
    /// Reads before writes.
    pub reads: u32,
    /// Looks while waiting for tasks.
    pub polls: u32,
    /// The expected duration, in seconds.
    pub seconds: u64,
}

impl Cost {
    /// Every call.
    pub fn calls(&self) -> u32 {
        self.writes + self.reads + self.polls
    }
}

/// A whole migration, as the user confirms it. It holds no secret, so the journal keeps it.
#[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Plan {
    /// Where the addresses leave.
    pub source: ServiceId,
    /// Where they go.
    pub destination: ServiceId,
    /// The source's mail server.
    #[serde(rename = "sourceServer")]
    pub source_server: Option<String>,
    /// The destination's mail server.
    #[serde(rename = "destinationServer")]
    pub destination_server: Option<String>,
    /// The source's password rules.
    #[serde(rename = "sourcePolicy")]
    pub source_policy: PasswordPolicy,
    /// The destination's password rules.
    #[serde(rename = "destinationPolicy")]
    pub destination_policy: PasswordPolicy,
    /// Legacy MX Plan: the mailbox size new accounts get, in bytes (the largest offered).
    #[serde(rename = "legacySize")]
    pub legacy_size: Option<i64>,
    /// How many accounts move at once. The other options live on in the steps they shaped;
    /// the plan keeps the three its run reads.
    #[serde(rename = "atOnce")]
    pub at_once: u8,
    /// Whether each provisional source account is reset once its copy is confirmed.
    #[serde(rename = "resetAfterCopy")]
    pub reset_after_copy: bool,
    /// Whether each Exchange mailbox is exported to PST, as a backup, before its reset.
    #[serde(rename = "pstBackup")]
    pub pst_backup: bool,
    /// Phase 1.
    pub global: Vec<Step>,
    /// Phase 2, per account.
    pub accounts: Vec<AccountPlan>,
    /// What the service holds for all (contacts, footers), once the accounts have moved.
    pub service: Vec<Step>,
    /// What of the service will not be recreated.
    #[serde(rename = "notRecreated")]
    pub not_recreated: Vec<NotRecreated>,
    /// Preflight findings. Not journaled: a confirmed plan has none that block it, and its
    /// run needs none of them.
    pub findings: Unsaved<Vec<Finding>>,
    /// The expected calls and duration. Not journaled: only the plan, before it is confirmed,
    /// shows them.
    pub cost: Unsaved<Cost>,
}

impl Plan {
    /// Whether nothing blocks the whole run (blocked accounts simply stay where they are).
    pub fn can_run(&self) -> bool {
        let global_block = self
            .findings
            .iter()
            .any(|f| f.severity == Severity::Blocking && f.account.is_none());
        !global_block && self.accounts.iter().any(|a| !a.blocked)
    }

    /// The accounts that will move.
    pub fn moving(&self) -> impl Iterator<Item = &AccountPlan> {
        self.accounts.iter().filter(|a| !a.blocked)
    }

    /// The account whose original or provisional address is `address`.
    pub fn account(&self, address: &str) -> Option<&AccountPlan> {
        self.accounts.iter().find(|a| {
            a.address.eq_ignore_ascii_case(address) || a.provisional.eq_ignore_ascii_case(address)
        })
    }

    /// The exact call behind a step of this plan, as the dry run shows it.
    pub fn call(&self, step: &Step) -> Option<PlannedCall> {
        step.call(&self.source, &self.destination)
    }
}

/// The domains of `addresses`, in ASCII lower case, sorted, each once.
pub fn domains_of<'a>(addresses: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut domains: Vec<String> = addresses
        .into_iter()
        .filter_map(|a| a.split_once('@').map(|(_, d)| d.to_ascii_lowercase()))
        .collect();
    domains.sort_unstable();
    domains.dedup();
    domains
}

/// Computes the plan for moving `selected` (source addresses), checking given passwords in
/// `given`, estimating with `pace`. Pure: it reads only its arguments.
pub fn plan(
    snapshot: &Snapshot,
    options: &Options,
    selected: &[String],
    given: &Passwords,
    pace: &Pace,
) -> Plan {
    let source = &snapshot.source;
    let destination = &snapshot.destination;
    let platform = destination.id.platform();
    let can = Capabilities::of(platform);
    let features = options.features;
    let mut findings = Vec::new();
    let mut taken: Vec<String> = source
        .accounts
        .iter()
        .map(|a| a.primary_email_address.to_ascii_lowercase())
        .chain(
            source
                .details
                .iter()
                .flat_map(|d| d.aliases.iter().cloned()),
        )
        .chain(source.groups.iter().map(|g| g.address.clone()))
        .chain(
            source
                .contacts
                .iter()
                .map(|c| c.external_email_address.clone()),
        )
        .chain(
            destination
                .accounts
                .iter()
                .map(|a| a.primary_email_address.clone()),
        )
        .map(|a| a.to_ascii_lowercase())
        .collect();
    let selected: Vec<String> = selected.iter().map(|a| a.to_ascii_lowercase()).collect();
    let mut accounts = Vec::new();
    for address in &selected {
        let Some(account) = source
            .accounts
            .iter()
            .find(|a| a.primary_email_address.eq_ignore_ascii_case(address))
        else {
            continue;
        };
        let mut blocks = Vec::new();
        if account.state != ObjectState::Ok {
            blocks.push(FindingKind::NotReady {
                state: account.state,
            });
        } else if account.task_pending_id.is_some_and(|t| t != 0) {
            blocks.push(FindingKind::Busy);
        }
        let usage = account.current_usage.map_or(0, usage_bytes);
        let limit = mailbox_limit(platform).or_else(|| {
            destination
                .ready_slots()
                .map(|s| quota_bytes(s.quota))
                .max()
                .filter(|q| *q > 0)
        });
        if let Some(limit) = limit.filter(|l| usage > *l) {
            blocks.push(FindingKind::TooBig { size: usage, limit });
        }
        if destination.holds(address) {
            blocks.push(FindingKind::AddressTaken);
        }
        let domain_there = destination
            .domains
            .iter()
            .any(|d| d.name.eq_ignore_ascii_case(&account.domain));
        if matches!(platform, Platform::MxPlan | Platform::LegacyMxPlan) && !domain_there {
            blocks.push(FindingKind::DomainFixed {
                domain: account.domain.clone(),
                destination: destination
                    .domains
                    .first()
                    .map(|d| d.name.clone())
                    .unwrap_or_default(),
            });
        }
        let provisional = (1..=99)
            .map(|n| {
                format!(
                    "{}@{}",
                    options.provisional_login(&account.login, n),
                    account.domain
                )
                .to_ascii_lowercase()
            })
            .find(|candidate| !taken.contains(candidate));
        let provisional = match provisional {
            Some(p) => {
                taken.push(p.clone());
                p
            }
            None => {
                blocks.push(FindingKind::NoProvisionalName);
                String::new()
            }
        };
        if options.passwords == PasswordSource::Given {
            let display = account.display_name.as_deref().unwrap_or_default();
            match given.get(address) {
                None => blocks.push(FindingKind::MissingPassword),
                Some(password) => {
                    if let Some(problem) = check(
                        destination.policy,
                        password.expose(),
                        &account.login,
                        display,
                    )
                    .first()
                    {
                        blocks.push(FindingKind::WeakPassword {
                            problem: problem.to_string(),
                        });
                    }
                }
            }
        }
        findings.extend(
            blocks
                .iter()
                .cloned()
                .map(|kind| Finding::blocking(Some(address), kind)),
        );
        accounts.push(AccountPlan {
            address: address.clone(),
            provisional,
            login: account.login.clone(),
            display_name: account.display_name.clone(),
            usage,
            blocked: !blocks.is_empty(),
            steps: Vec::new(),
            delegations: Vec::new(),
            not_recreated: Vec::new(),
        });
    }

    let moving: Vec<String> = accounts
        .iter()
        .filter(|a| !a.blocked)
        .map(|a| a.address.clone())
        .collect();
    let mut slots = destination
        .ready_slots()
        .map(|s| s.primary_email_address.clone());
    let room = destination
        .legacy
        .as_ref()
        .map_or_else(|| destination.ready_slots().count(), |l| l.room);
    if moving.len() > room {
        findings.push(Finding::blocking(
            None,
            FindingKind::NotEnoughSlots {
                needed: moving.len(),
                ready: room,
            },
        ));
    }
    for account in accounts.iter_mut().filter(|a| !a.blocked) {
        let slot = if destination.legacy.is_some() {
            None
        } else {
            slots.next()
        };
        account.steps = account_steps(account, slot, platform, options);
        let details = source
            .details
            .iter()
            .find(|d| d.address.eq_ignore_ascii_case(&account.address));
        for alias in details.iter().flat_map(|d| &d.aliases) {
            match (features.aliases, can.aliases) {
                (true, Support::Yes) => {
                    account.steps.push(Step::RemoveAlias {
                        account: account.provisional.clone(),
                        alias: alias.clone(),
                    });
                    account.steps.push(Step::AddAlias {
                        account: account.address.clone(),
                        alias: alias.clone(),
                    });
                }
                (wanted, _) => account.not_recreated.push(NotRecreated {
                    what: Leftover::Alias(alias.clone()),
                    why: because(wanted),
                }),
            }
        }
        if options.pst_backup && source.id.platform() == Platform::Exchange {
            account
                .steps
                .push(Step::ExportPst(account.provisional.clone()));
            account
                .steps
                .push(Step::RequestPstUrl(account.provisional.clone()));
        }
        for (right, delegate) in details.iter().flat_map(|d| &d.delegations) {
            let wanted = match right {
                Right::FullAccess => features.full_access,
                Right::SendAs => features.send_as,
                Right::SendOnBehalfTo => features.send_on_behalf,
            };
            let why = if !wanted {
                Some(Because::LeftOut)
            } else if can.delegations != Support::Yes {
                Some(Because::CannotHold)
            } else if !moving.iter().any(|m| m.eq_ignore_ascii_case(delegate)) {
                findings.push(Finding::warning(
                    Some(&account.address),
                    FindingKind::DelegateNotMoving {
                        right: right.label().to_owned(),
                        delegate: delegate.clone(),
                    },
                ));
                Some(Because::NotMoving)
            } else {
                None
            };
            match why {
                Some(why) => account.not_recreated.push(NotRecreated {
                    what: Leftover::Delegation {
                        right: *right,
                        delegate: delegate.clone(),
                    },
                    why,
                }),
                None => account.delegations.push(Step::Delegate {
                    account: account.address.clone(),
                    right: *right,
                    delegate: delegate.clone(),
                }),
            }
        }
    }

    if options.pst_backup && source.id.platform() != Platform::Exchange {
        findings.push(Finding::warning(
            None,
            FindingKind::Unsupported {
                feature: "PST exports (only Exchange sources make them)".into(),
                count: moving.len(),
            },
        ));
    }

    let mut global = Vec::new();
    let domains = domains_of(
        accounts
            .iter()
            .filter(|a| !a.blocked)
            .map(|a| a.address.as_str()),
    );
    for name in &domains {
        let there = destination
            .domains
            .iter()
            .find(|d| d.name.eq_ignore_ascii_case(name));
        let add = Step::AddDomain {
            domain: name.clone(),
            mx_relay: source.hostname.clone(),
        };
        match there {
            None if matches!(platform, Platform::Exchange | Platform::EmailPro) => {
                findings.push(Finding::warning(
                    None,
                    FindingKind::DomainToAdd {
                        domain: name.clone(),
                    },
                ));
                global.push(add);
            }
            None => {}
            Some(domain) => {
                if domain.state != ObjectState::Ok {
                    findings.push(Finding::blocking(
                        None,
                        FindingKind::DomainNotReady {
                            domain: domain.name.clone(),
                            state: domain.state,
                        },
                    ));
                }
                if domain.authoritative == Some(true) {
                    findings.push(Finding::blocking(
                        None,
                        FindingKind::DomainAuthoritative {
                            domain: domain.name.clone(),
                        },
                    ));
                }
                let hosted = matches!(platform, Platform::Exchange | Platform::EmailPro);
                if let Some(cname) = domain.cname_to_publish.as_ref().filter(|_| hosted) {
                    findings.push(Finding::warning(
                        None,
                        FindingKind::CnameToPublish {
                            domain: domain.name.clone(),
                            cname: cname.clone(),
                        },
                    ));
                    global.push(add);
                }
            }
        }
    }

    let mut service = Vec::new();
    let mut not_recreated = Vec::new();
    let unsupported = |feature: &str, count: usize, findings: &mut Vec<Finding>| {
        if count > 0 {
            findings.push(Finding::warning(
                None,
                FindingKind::Unsupported {
                    feature: feature.to_owned(),
                    count,
                },
            ));
        }
    };
    if !moving.is_empty() {
        if features.external_contacts && can.external_contacts == Support::Yes {
            service.extend(source.contacts.iter().map(|c| Step::CreateContact {
                address: c.external_email_address.to_ascii_lowercase(),
                display_name: c.display_name.clone(),
            }));
        } else {
            if can.external_contacts != Support::Yes {
                unsupported("external contacts", source.contacts.len(), &mut findings);
            }
            not_recreated.extend(source.contacts.iter().map(|c| NotRecreated {
                what: Leftover::Contact(c.external_email_address.clone()),
                why: because(features.external_contacts),
            }));
        }
        let footers = source
            .footers
            .iter()
            .filter(|f| domains.iter().any(|d| d.eq_ignore_ascii_case(&f.name)));
        if features.footers && can.footers == Support::Yes {
            service.extend(footers.map(|f| Step::CreateFooter {
                domain: f.name.clone(),
                content: f.content.clone(),
                outside_only: f.outside_only,
            }));
        } else {
            let footers: Vec<_> = footers.collect();
            if can.footers != Support::Yes {
                unsupported("footers", footers.len(), &mut findings);
            }
            not_recreated.extend(footers.into_iter().map(|f| NotRecreated {
                what: Leftover::Footer(f.name.clone()),
                why: because(features.footers),
            }));
        }
        // A group moves with its domain: removed from the source, then created on the
        // destination with the members and managers that move too.
        let groups = source.groups.iter().filter(|g| {
            g.address
                .split_once('@')
                .is_some_and(|(_, d)| domains.iter().any(|m| m.eq_ignore_ascii_case(d)))
        });
        if features.groups && can.groups == Support::Yes {
            for group in groups {
                let moves = |a: &String| moving.iter().any(|m| m.eq_ignore_ascii_case(a));
                let kept = Group {
                    members: group.members.iter().filter(|a| moves(a)).cloned().collect(),
                    managers: group
                        .managers
                        .iter()
                        .filter(|a| moves(a))
                        .cloned()
                        .collect(),
                    ..group.clone()
                };
                for left in group
                    .members
                    .iter()
                    .chain(&group.managers)
                    .filter(|a| !moves(a))
                {
                    not_recreated.push(NotRecreated {
                        what: Leftover::GroupMember {
                            account: left.clone(),
                            group: group.address.clone(),
                        },
                        why: Because::NotMoving,
                    });
                }
                service.push(Step::RemoveGroup(group.clone()));
                service.extend(kept.on(false));
            }
        } else {
            let groups: Vec<_> = groups.collect();
            if can.groups != Support::Yes {
                unsupported("groups", groups.len(), &mut findings);
            }
            not_recreated.extend(groups.into_iter().map(|g| NotRecreated {
                what: Leftover::Group(g.address.clone()),
                why: because(features.groups),
            }));
        }
    }

    let mut plan = Plan {
        source: source.id.clone(),
        destination: destination.id.clone(),
        source_server: source.hostname.clone(),
        destination_server: destination.hostname.clone(),
        source_policy: source.policy,
        destination_policy: destination.policy,
        legacy_size: destination
            .legacy
            .as_ref()
            .and_then(|l| l.sizes.iter().copied().max()),
        at_once: options.at_once,
        reset_after_copy: options.reset_after_copy,
        pst_backup: options.pst_backup,
        global,
        accounts,
        service,
        not_recreated,
        findings: Unsaved(findings),
        cost: Unsaved(Cost::default()),
    };
    plan.cost = Unsaved(cost(&plan, pace));
    plan
}

/// Why something chosen (or not) in the options is not recreated.
fn because(wanted: bool) -> Because {
    if wanted {
        Because::CannotHold
    } else {
        Because::LeftOut
    }
}

/// An account's steps until the content copy, before its aliases.
fn account_steps(
    account: &AccountPlan,
    slot: Option<String>,
    platform: Platform,
    options: &Options,
) -> Vec<Step> {
    let mut steps = vec![
        Step::Rename {
            from: account.address.clone(),
            to: account.provisional.clone(),
        },
        Step::Configure {
            slot,
            address: account.address.clone(),
        },
    ];
    // Legacy MX Plan takes the password with the creation.
    if platform != Platform::LegacyMxPlan {
        steps.push(Step::SetPassword(account.address.clone()));
    }
    if options.source_passwords {
        steps.push(Step::SetSourcePassword(account.provisional.clone()));
    }
    steps
}

/// What a step is expected to cost in reads before its write; see the engine for why some
/// steps need none on a first pass.
fn reads_before(step: &Step) -> u32 {
    match step {
        Step::Configure { .. } | Step::SetPassword(_) | Step::SetSourcePassword(_) => 0,
        Step::Delegate { .. } => 2,
        _ => 1,
    }
}

fn cost(plan: &Plan, pace: &Pace) -> Cost {
    let polls = pace.polls_per_wait();
    let reset = plan.reset_after_copy;
    let mut total = Cost::default();
    let mut longest_chain = 0u32;
    let add = |step: &Step, total: &mut Cost| {
        total.writes += 1;
        total.reads += reads_before(step);
        total.polls += polls;
    };
    for step in plan.global.iter().chain(&plan.service) {
        add(step, &mut total);
    }
    for account in plan.moving() {
        let reset = reset.then(|| account.reset());
        let mut chain = 0;
        for step in account.all_steps(&reset) {
            add(step, &mut total);
            chain += 1;
        }
        longest_chain = longest_chain.max(chain);
    }
    let per_call = 60.0 / f64::from(pace.per_minute.max(1));
    let by_rate = f64::from(total.calls()) * per_call;
    let waves = plan
        .moving()
        .count()
        .div_ceil(usize::from(plan.at_once.max(1)));
    let task = pace.task.as_secs_f64().max(pace.settle.as_secs_f64());
    let by_tasks = f64::from(longest_chain) * task * waves as f64
        + plan.global.len() as f64 * task
        + plan.service.len() as f64 * task / f64::from(plan.at_once.max(1));
    total.seconds = by_rate.max(by_tasks).ceil() as u64;
    total
}

#[cfg(test)]
mod tests {
    use mailshift_ovh::models::exchange::{DepartRestriction, JoinRestriction};
    use mailshift_ovh::models::{Disclaimer, ExternalContact, HostedAccount};
    use mailshift_ovh::{Secret, size};

    use super::*;

    #[test]
    fn what_is_not_recreated_reads_in_english_for_the_report() {
        let left = |what, why| NotRecreated { what, why }.to_string();
        assert_eq!(
            left(Leftover::Alias("a@d.fr".into()), Because::CannotHold),
            "alias a@d.fr: the destination cannot hold it"
        );
        assert_eq!(
            left(
                Leftover::Delegation {
                    right: Right::SendAs,
                    delegate: "m@d.fr".into()
                },
                Because::NotMoving
            ),
            "send as for m@d.fr: m@d.fr does not move with this run"
        );
        assert_eq!(
            left(Leftover::Footer("d.fr".into()), Because::LeftOut),
            "footer of d.fr: left out in the options"
        );
    }

    #[test]
    fn domains_are_each_named_once_in_lower_case_and_in_order() {
        let addresses = [
            "b@Beta.fr",
            "a@alpha.fr",
            "c@beta.fr",
            "not an address",
            "d@ALPHA.FR",
        ];
        assert_eq!(domains_of(addresses), ["alpha.fr", "beta.fr"]);
        assert!(domains_of([]).is_empty());
    }
    use crate::snapshot::{AccountDetails, Destination, DestinationDomain, LegacyRoom, Source};

    const MB: i64 = 1024;

    fn account(address: &str, usage_mb: i64) -> HostedAccount {
        let (login, domain) = address.split_once('@').expect("an address");
        HostedAccount {
            id: i64::from(address.bytes().map(u32::from).sum::<u32>()),
            primary_email_address: address.into(),
            login: login.into(),
            domain: domain.into(),
            display_name: Some(format!("{login} Person")),
            first_name: None,
            last_name: None,
            hidden_from_gal: false,
            configured: true,
            state: ObjectState::Ok,
            task_pending_id: Some(0),
            current_usage: Some(usage_mb * MB),
            password_last_update: None,
            quota: 50.0,
        }
    }

    fn slot(n: u32) -> HostedAccount {
        HostedAccount {
            configured: false,
            display_name: None,
            current_usage: Some(0),
            quota: 10.0,
            ..account(&format!("{n:08x}@configureme.me"), 0)
        }
    }

    fn domain(name: &str) -> DestinationDomain {
        DestinationDomain {
            name: name.into(),
            state: ObjectState::Ok,
            authoritative: Some(false),
            cname_to_publish: None,
        }
    }

    /// John (an alias, full access for Mary) and Mary on Exchange, moving to an Email Pro that
    /// has the domain, non-authoritative, and three free slots.
    fn snapshot() -> Snapshot {
        Snapshot {
            source: Source {
                id: ServiceId::Exchange {
                    organization: "org".into(),
                    service: "ex".into(),
                },
                hostname: Some("ex5.mail.ovh.net".into()),
                policy: PasswordPolicy::Hosted {
                    min_length: 8,
                    complexity: true,
                },
                accounts: vec![account("john@d.fr", 700), account("mary@d.fr", 90)],
                details: vec![
                    AccountDetails {
                        address: "john@d.fr".into(),
                        aliases: vec!["j@d.fr".into()],
                        delegations: vec![(Right::FullAccess, "mary@d.fr".into())],
                    },
                    AccountDetails {
                        address: "mary@d.fr".into(),
                        aliases: Vec::new(),
                        delegations: Vec::new(),
                    },
                ],
                groups: vec![Group {
                    address: "team@d.fr".into(),
                    display_name: Some("Team".into()),
                    join: JoinRestriction::Open,
                    depart: DepartRestriction::Open,
                    hidden_from_gal: false,
                    sender_authentification: false,
                    members: vec!["john@d.fr".into(), "mary@d.fr".into()],
                    managers: vec!["mary@d.fr".into()],
                }],
                contacts: vec![ExternalContact {
                    external_email_address: "partner@else.example".into(),
                    display_name: "Partner".into(),
                    first_name: None,
                    last_name: None,
                    initials: None,
                    hidden_from_gal: false,
                    id: 9,
                    state: ObjectState::Ok,
                    task_pending_id: 0,
                }],
                footers: vec![Disclaimer {
                    content: "<p>D</p>".into(),
                    outside_only: true,
                    name: "d.fr".into(),
                    task_pending_id: 0,
                }],
            },
            destination: Destination {
                id: ServiceId::EmailPro {
                    service: "pro".into(),
                },
                hostname: Some("pro2.mail.ovh.net".into()),
                policy: PasswordPolicy::Hosted {
                    min_length: 8,
                    complexity: true,
                },
                domains: vec![domain("d.fr")],
                accounts: vec![slot(1), slot(2), slot(3)],
                legacy: None,
            },
        }
    }

    fn both() -> Vec<String> {
        vec!["john@d.fr".into(), "mary@d.fr".into()]
    }

    fn planned(snapshot: &Snapshot, options: &Options, given: &Passwords) -> Plan {
        plan(snapshot, options, &both(), given, &Pace::default())
    }

    fn default_plan(snapshot: &Snapshot) -> Plan {
        planned(snapshot, &Options::default(), &Passwords::new())
    }

    fn kinds(plan: &Plan) -> Vec<(Severity, Option<&str>, &FindingKind)> {
        plan.findings
            .iter()
            .map(|f| (f.severity, f.account.as_deref(), &f.kind))
            .collect()
    }

    #[test]
    fn a_clean_plan_lists_the_guide_s_steps_in_order() {
        let plan = default_plan(&snapshot());
        assert!(plan.can_run());
        let john = plan.account("john@d.fr").expect("john");
        assert_eq!(john.provisional, "john01@d.fr");
        let names: Vec<&str> = john.steps.iter().map(Step::name).collect();
        assert_eq!(
            names,
            [
                "rename",
                "configure the address",
                "set the password",
                "set the source password",
                "remove the alias from the source",
                "add the alias",
            ]
        );
        assert!(matches!(
            &john.steps[1],
            Step::Configure { slot: Some(s), .. } if s == "00000001@configureme.me"
        ));
        assert_eq!(john.delegations.len(), 1);
        assert_eq!(plan.service.len(), 2, "a contact and a footer");
        assert!(plan.global.is_empty());
        let call = plan.call(&john.steps[0]).expect("a call");
        assert_eq!(
            call.body.as_deref(),
            Some(r#"{"login":"john01","domain":"d.fr"}"#)
        );
        // Groups are listed as not recreated, with the reason, and warned about on Email Pro.
        assert!(
            plan.not_recreated
                .iter()
                .any(|n| n.what == Leftover::Group("team@d.fr".into()))
        );
        assert!(kinds(&plan).contains(&(
            Severity::Warning,
            None,
            &FindingKind::Unsupported {
                feature: "groups".into(),
                count: 1
            }
        )));
    }

    #[test]
    fn an_exchange_destination_takes_the_groups_with_the_members_that_move() {
        let mut snapshot = snapshot();
        snapshot.destination.id = ServiceId::Exchange {
            organization: "org2".into(),
            service: "ex2".into(),
        };
        let plan = plan(
            &snapshot,
            &Options::default(),
            &["mary@d.fr".to_owned()],
            &Passwords::new(),
            &Pace::default(),
        );
        let names: Vec<&str> = plan.service.iter().map(Step::name).collect();
        assert_eq!(
            &names[2..],
            [
                "remove the group from the source",
                "create the group",
                "add a member to the group",
                "add a member to the group",
            ]
        );
        assert!(matches!(
            &plan.service[5],
            Step::AddToGroup { account, manager: true, .. } if account == "mary@d.fr"
        ));
        assert!(plan.not_recreated.iter().any(|n| n.what
            == Leftover::GroupMember {
                account: "john@d.fr".into(),
                group: "team@d.fr".into(),
            }
            && n.why == Because::NotMoving));
        // A rollback recreates the group on the source with everyone it had.
        let undo = plan.service[2].undo();
        assert_eq!(undo.len(), 4, "the group, two members, one manager");
        assert!(undo.iter().all(|s| s.side() == crate::step::Side::Source));
    }

    #[test]
    fn provisional_names_skip_every_address_in_use() {
        let mut snapshot = snapshot();
        snapshot.source.accounts.push(account("john01@d.fr", 1));
        snapshot.source.details[1]
            .aliases
            .push("john02@d.fr".into());
        let mut group = snapshot.source.groups[0].clone();
        group.address = "john03@d.fr".into();
        snapshot.source.groups.push(group.clone());
        let plan = default_plan(&snapshot);
        assert_eq!(
            plan.account("john@d.fr").map(|a| a.provisional.as_str()),
            Some("john04@d.fr")
        );
        for n in 1..=99 {
            snapshot.source.groups.push(Group {
                address: format!("mary{n:02}@d.fr"),
                ..group.clone()
            });
        }
        let plan = default_plan(&snapshot);
        assert!(kinds(&plan).contains(&(
            Severity::Blocking,
            Some("mary@d.fr"),
            &FindingKind::NoProvisionalName
        )));
    }

    #[test]
    fn the_domain_is_added_waited_for_or_refused_as_it_stands() {
        let mut snapshot = snapshot();
        snapshot.destination.domains.clear();
        let plan = default_plan(&snapshot);
        assert!(plan.can_run());
        assert!(matches!(
            plan.global.as_slice(),
            [Step::AddDomain { domain, mx_relay: Some(relay) }] if domain == "d.fr" && relay == "ex5.mail.ovh.net"
        ));
        assert!(matches!(
            plan.findings[0].kind,
            FindingKind::DomainToAdd { .. }
        ));

        let mut creating = self::snapshot();
        creating.destination.domains[0].state = ObjectState::Creating;
        let plan = default_plan(&creating);
        assert!(!plan.can_run());
        assert!(matches!(
            plan.findings[0].kind,
            FindingKind::DomainNotReady { .. }
        ));

        let mut authoritative = self::snapshot();
        authoritative.destination.domains[0].authoritative = Some(true);
        let plan = default_plan(&authoritative);
        assert!(!plan.can_run());
        assert!(plan.findings[0].message().contains("non-authoritative"));

        let mut cname = self::snapshot();
        cname.destination.domains[0].cname_to_publish = Some("ovh-pro.d.fr".into());
        let plan = default_plan(&cname);
        assert!(plan.can_run());
        assert_eq!(plan.global.len(), 1, "the run waits for the CNAME");
        assert!(plan.findings[0].message().contains("ovh-pro.d.fr"));
    }

    #[test]
    fn an_mx_plan_of_another_domain_blocks_every_account() {
        let mut snapshot = snapshot();
        snapshot.destination.id = ServiceId::MxPlan {
            service: "mx".into(),
        };
        snapshot.destination.domains = vec![domain("other.fr")];
        let plan = default_plan(&snapshot);
        assert!(!plan.can_run());
        assert!(plan.accounts.iter().all(|a| a.blocked));
        assert!(plan.findings[0].message().contains("other.fr"));
    }

    #[test]
    fn slots_sizes_states_and_taken_addresses_are_checked() {
        let mut few = snapshot();
        few.destination.accounts.truncate(1);
        let plan = default_plan(&few);
        assert!(!plan.can_run());
        assert!(kinds(&plan).contains(&(
            Severity::Blocking,
            None,
            &FindingKind::NotEnoughSlots {
                needed: 2,
                ready: 1
            }
        )));

        let mut big = snapshot();
        big.source.accounts[0].current_usage = Some(11 * 1024 * MB);
        let plan = default_plan(&big);
        assert!(plan.account("john@d.fr").is_some_and(|a| a.blocked));
        assert!(plan.can_run(), "Mary still moves");
        assert!(kinds(&plan).iter().any(|(_, a, k)| *a == Some("john@d.fr")
            && matches!(k, FindingKind::TooBig { limit, .. } if *limit == size::EMAIL_PRO_LIMIT)));
        let mut suspended = snapshot();
        suspended.source.accounts[1].state = ObjectState::Suspended;
        suspended.source.accounts[0].task_pending_id = Some(77);
        let plan = default_plan(&suspended);
        let found = kinds(&plan);
        assert!(found.contains(&(
            Severity::Blocking,
            Some("mary@d.fr"),
            &FindingKind::NotReady {
                state: ObjectState::Suspended
            }
        )));
        assert!(found.contains(&(Severity::Blocking, Some("john@d.fr"), &FindingKind::Busy)));

        let mut taken = snapshot();
        taken.destination.accounts.push(account("mary@d.fr", 0));
        let plan = default_plan(&taken);
        assert!(kinds(&plan).contains(&(
            Severity::Blocking,
            Some("mary@d.fr"),
            &FindingKind::AddressTaken
        )));
    }

    #[test]
    fn a_delegate_left_behind_is_warned_about_and_not_recreated() {
        let plan = plan(
            &snapshot(),
            &Options::default(),
            &["john@d.fr".to_owned()],
            &Passwords::new(),
            &Pace::default(),
        );
        let john = plan.account("john@d.fr").expect("john");
        assert!(john.delegations.is_empty());
        assert!(
            john.not_recreated
                .iter()
                .any(|n| n.why == Because::NotMoving
                    && matches!(&n.what, Leftover::Delegation { delegate, .. } if delegate == "mary@d.fr"))
        );
        assert!(matches!(
            plan.findings.iter().find(|f| f.severity == Severity::Warning && f.account.is_some()).map(|f| &f.kind),
            Some(FindingKind::DelegateNotMoving { delegate, .. }) if delegate == "mary@d.fr"
        ));
    }

    #[test]
    fn given_passwords_are_checked_against_the_destination_s_policy() {
        let options = Options {
            passwords: PasswordSource::Given,
            ..Options::default()
        };
        let mut given = Passwords::new();
        given.set("john@d.fr", Secret::new("short"));
        let plan = planned(&snapshot(), &options, &given);
        let found = kinds(&plan);
        assert!(found.iter().any(|(s, a, k)| *s == Severity::Blocking
            && *a == Some("john@d.fr")
            && matches!(k, FindingKind::WeakPassword { problem } if problem.contains("at least 8"))));
        assert!(found.contains(&(
            Severity::Blocking,
            Some("mary@d.fr"),
            &FindingKind::MissingPassword
        )));
        given.set("john@d.fr", Secret::new("Correct-Horse-42"));
        given.set("mary@d.fr", Secret::new("Battery-Staple-7"));
        assert!(planned(&snapshot(), &options, &given).can_run());
    }

    #[test]
    fn legacy_mx_plan_takes_accounts_but_not_aliases_contacts_or_footers() {
        let mut snapshot = snapshot();
        snapshot.destination.id = ServiceId::LegacyMxPlan {
            domain: "d.fr".into(),
        };
        snapshot.destination.policy = PasswordPolicy::Legacy;
        snapshot.destination.accounts.clear();
        snapshot.destination.legacy = Some(LegacyRoom {
            room: 5,
            sizes: vec![262_144_000, 5_368_709_120],
            addresses: Vec::new(),
        });
        let plan = default_plan(&snapshot);
        assert!(plan.can_run());
        assert_eq!(plan.legacy_size, Some(5_368_709_120));
        let john = plan.account("john@d.fr").expect("john");
        assert!(matches!(john.steps[1], Step::Configure { slot: None, .. }));
        assert!(!john.steps.iter().any(|s| matches!(s, Step::SetPassword(_))));
        assert!(john.not_recreated.iter().any(|n| n.what == Leftover::Alias("j@d.fr".into())
            && n.why == Because::CannotHold));
        assert!(plan.service.is_empty());
        let unsupported: Vec<&str> = plan
            .findings
            .iter()
            .filter_map(|f| match &f.kind {
                FindingKind::Unsupported { feature, .. } => Some(feature.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(unsupported, ["external contacts", "footers", "groups"]);
    }

    #[test]
    fn features_left_out_are_listed_with_their_reason() {
        let options = Options {
            features: crate::options::Features {
                aliases: false,
                full_access: false,
                external_contacts: false,
                ..crate::options::Features::default()
            },
            source_passwords: false,
            ..Options::default()
        };
        let plan = planned(&snapshot(), &options, &Passwords::new());
        let john = plan.account("john@d.fr").expect("john");
        assert_eq!(john.steps.len(), 3, "rename, configure, password");
        assert!(john.not_recreated.iter().all(|n| n.why == Because::LeftOut));
        assert_eq!(plan.service.len(), 1, "the footer only");
    }

    #[test]
    fn the_cost_counts_every_write_and_the_estimate_follows_the_pace() {
        let plan = default_plan(&snapshot());
        let writes: usize = plan
            .moving()
            .map(|a| a.steps.len() + a.delegations.len())
            .sum();
        assert_eq!(plan.cost.writes as usize, writes + plan.service.len());
        assert!(plan.cost.polls >= plan.cost.writes);
        let slow = plan.cost.seconds;
        let quick = super::plan(
            &snapshot(),
            &Options::default(),
            &both(),
            &Passwords::new(),
            &Pace {
                task: Duration::from_secs(5),
                settle: Duration::from_secs(5),
                ..Pace::default()
            },
        )
        .cost
        .seconds;
        assert!(
            quick < slow,
            "{quick} s with quick tasks, {slow} s with slow ones"
        );
    }
}
