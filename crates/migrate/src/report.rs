//! After the run: the destination's DNS diagnostics, and the report (per account its final
//! state, its window, what was not recreated and why; every call made), as JSON and CSV. The
//! report holds no secret.

use mailshift_ovh::models::domain::{Diagnosis, LegacyService};
use mailshift_ovh::models::{DnsExpectations, HostedDomain};
use mailshift_ovh::operations::domain;
use mailshift_ovh::service::Platform;
use mailshift_ovh::{CallRecord, Client, Clock, Error, Transport};

use crate::handoff::field;
use crate::journal::Entry;
use crate::plan::{NotRecreated, Plan, domains_of};
use crate::status::{AccountStatus, Problem};
use crate::step::Step;

/// What one step came to.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize)]
pub enum Outcome {
    /// Written and read back.
    #[serde(rename = "done")]
    Done,
    /// Already true: nothing written.
    #[serde(rename = "skipped")]
    Skipped,
    /// Failed for good.
    #[serde(rename = "failed")]
    Failed,
    /// Sent, not confirmed yet (the run stopped in between).
    #[serde(rename = "unconfirmed")]
    Unconfirmed,
    /// Not reached.
    #[serde(rename = "notReached")]
    NotReached,
}

/// One step of an account in the report.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize)]
pub struct StepReport {
    /// The step.
    pub step: Step,
    /// What it came to.
    pub outcome: Outcome,
    /// When its outcome was recorded (ms).
    #[serde(rename = "atMs")]
    pub at_ms: Option<i64>,
    /// Why it failed.
    pub problem: Option<Problem>,
}

/// One account in the report.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize)]
pub struct AccountReport {
    /// The address that moved.
    pub address: String,
    /// The source account's provisional address.
    pub provisional: String,
    /// Where it ended.
    pub status: AccountStatus,
    /// How long the address existed nowhere: from its rename taking effect to its address
    /// being live on the destination (ms).
    #[serde(rename = "windowMs")]
    pub window_ms: Option<i64>,
    /// Its steps.
    pub steps: Vec<StepReport>,
    /// What was not recreated, and why.
    #[serde(rename = "notRecreated")]
    pub not_recreated: Vec<NotRecreated>,
    /// Whether its password was set anew after a reload lost it.
    #[serde(rename = "passwordRenewed")]
    pub password_renewed: bool,
    /// Whether the user overrode the reset's size check.
    #[serde(rename = "resetOverride")]
    pub reset_override: bool,
}

/// A domain's DNS on the destination: what OVHcloud expects and what it finds.
#[derive(Clone, Debug, Default, PartialEq, Eq, miniserde::Serialize)]
pub struct DomainCheck {
    /// The domain.
    pub domain: String,
    /// Whether the MX records point to the destination.
    #[serde(rename = "mxValid")]
    pub mx_valid: bool,
    /// Whether the autodiscover SRV record does, where the platform checks it.
    #[serde(rename = "srvValid")]
    pub srv_valid: Option<bool>,
    /// Whether SPF allows the destination, where the platform checks it.
    #[serde(rename = "spfValid")]
    pub spf_valid: Option<bool>,
    /// The MX records to publish, when OVHcloud says.
    #[serde(rename = "expectedMx")]
    pub expected_mx: Vec<String>,
    /// The MX records found.
    #[serde(rename = "currentMx")]
    pub current_mx: Vec<String>,
    /// The SRV record to publish, when OVHcloud says.
    #[serde(rename = "expectedSrv")]
    pub expected_srv: Option<String>,
    /// The SRV records found.
    #[serde(rename = "currentSrv")]
    pub current_srv: Vec<String>,
    /// The SPF record to publish, when OVHcloud says.
    #[serde(rename = "expectedSpf")]
    pub expected_spf: Option<String>,
    /// The SPF records found.
    #[serde(rename = "currentSpf")]
    pub current_spf: Vec<String>,
}

impl DomainCheck {
    /// Whether anything must be published.
    pub fn needs_work(&self) -> bool {
        !self.mx_valid || self.srv_valid == Some(false) || self.spf_valid == Some(false)
    }
}

/// Reads the destination's diagnostics of every domain the plan moves.
pub async fn diagnose<T: Transport, C: Clock>(
    client: &Client<T, C>,
    plan: &Plan,
) -> Result<Vec<DomainCheck>, Error> {
    let id = &plan.destination;
    let domains = domains_of(plan.moving().map(|a| a.address.as_str()));
    let mut checks = Vec::new();
    let Some(calls) = id.hosted_calls() else {
        let service: LegacyService = client.get(&id.path(domain::SERVICE, &[])?).await?;
        checks.push(DomainCheck {
            domain: service.domain,
            mx_valid: service.is_mx_valid == Diagnosis::Valid,
            spf_valid: Some(service.is_spf_valid == Diagnosis::Valid),
            ..DomainCheck::default()
        });
        return Ok(checks);
    };
    for name in &domains {
        let path = id.path(calls.domain, &[name])?;
        let found: HostedDomain = client.get(&path).await?;
        let mut check = DomainCheck {
            domain: found.name,
            mx_valid: found.mx_is_valid,
            srv_valid: Some(found.srv_is_valid),
            current_mx: found.mx_record.unwrap_or_default(),
            current_srv: found.srv_record.unwrap_or_default(),
            ..DomainCheck::default()
        };
        if id.platform() == Platform::Exchange {
            // The same object again, read as its DNS half: one decode per shape keeps the
            // models small (and the page's bundle with them).
            let expected: DnsExpectations = client.get(&path).await?;
            check.expected_mx = expected.expected_mx;
            check.expected_srv = Some(expected.expected_autodiscover_srv);
            check.expected_spf = Some(expected.expected_spf);
            check.spf_valid = Some(expected.spf_is_valid);
            check.current_spf = expected.spf_record.unwrap_or_default();
        }
        checks.push(check);
    }
    Ok(checks)
}

/// The whole report of a run.
#[derive(Clone, Debug, PartialEq, miniserde::Serialize)]
pub struct Report {
    /// The source service's key.
    pub source: String,
    /// The destination service's key.
    pub destination: String,
    /// Every account of the plan.
    pub accounts: Vec<AccountReport>,
    /// Phase 1 and the service's objects.
    pub service: Vec<StepReport>,
    /// What of the service was not recreated.
    #[serde(rename = "notRecreated")]
    pub not_recreated: Vec<NotRecreated>,
    /// The destination's DNS.
    pub diagnostics: Vec<DomainCheck>,
    /// Every call made.
    pub calls: Vec<CallRecord>,
}

/// What the journal says of one step.
fn step_report(entries: &[Entry], account: Option<&str>, step: &Step) -> StepReport {
    let mine = |a: &Option<String>, s: &Step| a.as_deref() == account && s == step;
    let mut report = StepReport {
        step: step.clone(),
        outcome: Outcome::NotReached,
        at_ms: None,
        problem: None,
    };
    for entry in entries {
        match entry {
            Entry::Intent {
                account: a,
                step: s,
                at_ms,
                ..
            } if mine(a, s) => {
                report.outcome = Outcome::Unconfirmed;
                report.at_ms = Some(*at_ms);
            }
            Entry::Done {
                account: a,
                step: s,
                at_ms,
                skipped,
            } if mine(a, s) => {
                // A later skip only confirms what an earlier write did.
                if report.outcome != Outcome::Done {
                    report.outcome = if *skipped {
                        Outcome::Skipped
                    } else {
                        Outcome::Done
                    };
                    report.at_ms = Some(*at_ms);
                }
                report.problem = None;
            }
            Entry::Failed {
                account: a,
                step: s,
                at_ms,
                problem,
            } if mine(a, s) => {
                report.outcome = Outcome::Failed;
                report.at_ms = Some(*at_ms);
                report.problem = Some(problem.clone());
            }
            Entry::RolledBack(a) if Some(a.as_str()) == account => {
                report.outcome = Outcome::NotReached;
                report.at_ms = None;
            }
            _ => {}
        }
    }
    report
}

/// Builds the report from the plan, the journal, the accounts' states and the calls made.
pub fn build(
    plan: &Plan,
    entries: &[Entry],
    statuses: &[(String, AccountStatus)],
    calls: Vec<CallRecord>,
    diagnostics: Vec<DomainCheck>,
) -> Report {
    let accounts = plan
        .accounts
        .iter()
        .map(|account| {
            let me = Some(account.address.as_str());
            let reset = plan.reset_after_copy.then(|| account.reset());
            let steps: Vec<StepReport> = account
                .all_steps(&reset)
                .map(|s| step_report(entries, me, s))
                .collect();
            let done_at = |kind: fn(&Step) -> bool| {
                steps
                    .iter()
                    .find(|s| kind(&s.step) && s.outcome == Outcome::Done)
                    .and_then(|s| s.at_ms)
            };
            let renamed = done_at(|s| matches!(s, Step::Rename { .. }));
            let live = done_at(|s| matches!(s, Step::Configure { .. }));
            let flagged = |wanted: fn(&Entry) -> Option<&String>| {
                entries
                    .iter()
                    .filter_map(wanted)
                    .any(|a| *a == account.address)
            };
            AccountReport {
                address: account.address.clone(),
                provisional: account.provisional.clone(),
                status: statuses
                    .iter()
                    .find(|(a, _)| *a == account.address)
                    .map_or(AccountStatus::Waiting, |(_, s)| s.clone()),
                window_ms: renamed.zip(live).map(|(r, l)| l - r),
                steps,
                not_recreated: account.not_recreated.clone(),
                password_renewed: flagged(|e| match e {
                    Entry::PasswordRenewed(account) => Some(account),
                    _ => None,
                }),
                reset_override: flagged(|e| match e {
                    Entry::ResetOverride(account) => Some(account),
                    _ => None,
                }),
            }
        })
        .collect();
    Report {
        source: plan.source.key(),
        destination: plan.destination.key(),
        accounts,
        service: plan
            .global
            .iter()
            .chain(&plan.service)
            .map(|s| step_report(entries, None, s))
            .collect(),
        not_recreated: plan.not_recreated.clone(),
        diagnostics,
        calls,
    }
}

impl Report {
    /// The report as JSON, on one line (a browser or `jq` shows it indented).
    pub fn to_json(&self) -> String {
        mailshift_ovh::json::to_string(self)
    }

    /// One line per account: address, provisional, state, window, problem and query ID,
    /// what was not recreated.
    pub fn accounts_csv(&self) -> String {
        let mut out =
            String::from("address;provisional;state;window_ms;problem;query_id;not_recreated\n");
        for a in &self.accounts {
            let (state, problem) = match &a.status {
                AccountStatus::Stopped { problem, .. } => ("stopped", Some(problem)),
                other => (state_name(other), None),
            };
            let fields = [
                field(&a.address),
                field(&a.provisional),
                state.to_owned(),
                a.window_ms.map(|w| w.to_string()).unwrap_or_default(),
                field(problem.map_or("", |p| p.message.as_str())),
                field(
                    problem
                        .and_then(|p| p.query_id.as_deref())
                        .unwrap_or_default(),
                ),
                field(
                    &a.not_recreated
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ];
            out.push_str(&fields.join(";"));
            out.push('\n');
        }
        out
    }

    /// One line per call: time, method, path template, status, duration, query ID.
    pub fn calls_csv(&self) -> String {
        let mut out = String::from("at_ms;method;template;status;duration_ms;query_id\n");
        for c in &self.calls {
            let fields = [
                c.at_ms.to_string(),
                c.method.as_str().to_owned(),
                field(&c.template),
                c.status.map(|s| s.to_string()).unwrap_or_default(),
                c.duration_ms.to_string(),
                field(c.query_id.as_deref().unwrap_or_default()),
            ];
            out.push_str(&fields.join(";"));
            out.push('\n');
        }
        out
    }
}

fn state_name(status: &AccountStatus) -> &'static str {
    match status {
        AccountStatus::Blocked => "blocked",
        AccountStatus::Waiting => "waiting",
        AccountStatus::Moving { .. } => "moving",
        AccountStatus::AwaitingCopy => "awaiting copy",
        AccountStatus::CopyConfirmed => "copy confirmed",
        AccountStatus::Done => "done",
        AccountStatus::Stopped { .. } => "stopped",
        AccountStatus::Paused => "paused",
        AccountStatus::RolledBack => "rolled back",
    }
}
