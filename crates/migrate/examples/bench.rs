//! The engine's benchmark: 10 and 100 accounts from Exchange to Email Pro against the sandbox,
//! its latency model and the rate limit scaled by one factor so that a run takes seconds, and
//! planning 1,000 accounts. Each figure is printed with its budget; the program fails when one
//! is over. Run by `cargo xtask bench`; nothing leaves this machine.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use mailshift_migrate::engine::{Control, Migration, Timing};
use mailshift_migrate::passwords::Passwords;
use mailshift_migrate::plan::{Pace, plan};
use mailshift_migrate::report;
use mailshift_migrate::snapshot::{
    self, AccountDetails, Destination, DestinationDomain, Snapshot, Source,
};
use mailshift_migrate::status::Tally;
use mailshift_migrate::{MemoryJournal, Options, Right};
use mailshift_ovh::models::auth::AccessRule;
use mailshift_ovh::models::{HostedAccount, ObjectState};
use mailshift_ovh::password::PasswordPolicy;
use mailshift_ovh::rate_limit::RateLimiter;
use mailshift_ovh::retry::RetryPolicy;
use mailshift_ovh::service::ServiceId;
use mailshift_ovh::transport::NativeTransport;
use mailshift_ovh::{CallLog, Client, ClientConfig, Credentials, Endpoint, Method, SystemClock};
use mailshift_sandbox::scenario::{AccountSpec, DomainSpec, HostedSpec};
use mailshift_sandbox::{Application, Config, Faults, Latency, Scenario, start};

/// Every duration of the model (the sandbox's tasks, the rate limit, the engine's looks) is
/// multiplied by this.
const SCALE: f64 = 0.01;
/// OVHcloud's pace per consumer key, as the client keeps it.
const PER_MINUTE: u32 = 50;
const BURST: u32 = 5;

const BUDGET_WALL_RATIO: f64 = 1.25;
const BUDGET_CALLS_PER_ACCOUNT: f64 = 12.0;
const BUDGET_WINDOW_RATIO: f64 = 1.5;
const BUDGET_PLAN_MS: f64 = 50.0;

fn scaled(ms: u64) -> Duration {
    Duration::from_secs_f64(ms as f64 / 1000.0 * SCALE)
}

/// The engine's looks, fitted to the sandbox's model: a first look about when a task of the
/// model ends (the engine then learns when), then one every 3 s.
fn pace() -> Pace {
    Pace {
        per_minute: PER_MINUTE,
        task: scaled(7_500),
        settle: scaled(8_000),
        poll: scaled(POLL_MS),
    }
}

/// The pause between looks at a task, in the model's milliseconds.
const POLL_MS: u64 = 3_000;

/// Exchange with `n` accounts on acme.fr; Email Pro holding acme.fr (non-authoritative) with
/// `n` free slots, plus a few accounts with an alias or a delegation to price them.
fn scenario(n: usize, priced: bool) -> Scenario {
    let mut accounts: Vec<AccountSpec> = (0..n)
        .map(|i| AccountSpec {
            address: format!("user{i:03}@acme.fr"),
            display_name: Some(format!("User {i:03}")),
            usage_mb: 100,
            ..AccountSpec::default()
        })
        .collect();
    if priced {
        accounts[0].aliases = vec!["alias-a@acme.fr".into(), "alias-b@acme.fr".into()];
        accounts[1].full_access = vec!["user002@acme.fr".into()];
        accounts[1].send_as = vec!["user002@acme.fr".into()];
    }
    Scenario {
        account: "bench-ovh".into(),
        exchange: vec![HostedSpec {
            service: "ex-bench".into(),
            complexity_enabled: true,
            min_password_length: 8,
            domains: vec![DomainSpec {
                name: "acme.fr".into(),
                hosted_at_ovh: true,
                ..DomainSpec::default()
            }],
            accounts,
            ..HostedSpec::default()
        }],
        email_pro: vec![HostedSpec {
            service: "pro-bench".into(),
            complexity_enabled: true,
            min_password_length: 8,
            domains: vec![DomainSpec {
                name: "acme.fr".into(),
                non_authoritative: true,
                mx_relay: Some("ex5.mail.ovh.net".into()),
                hosted_at_ovh: true,
            }],
            free_slots: u32::try_from(n).unwrap_or(u32::MAX),
            ..HostedSpec::default()
        }],
        mx_plan: Vec::new(),
        legacy_mx_plan: Vec::new(),
    }
}

/// The figures of one run.
struct Run {
    wall: Duration,
    bound: Duration,
    calls: usize,
    /// (writes, reads, polls) per plain account.
    plain: (f64, f64, f64),
    /// Calls of an account with two aliases, and of one with two delegations, above a plain one.
    alias_cost: f64,
    delegation_cost: f64,
    /// (window, the account's own configure task) in ms, as the sandbox timed them.
    windows: Vec<(f64, f64)>,
    /// The windows the report shows: from the rename seen done to the address seen live (ms).
    observed: Vec<f64>,
    snapshot_calls: usize,
}

async fn run(n: usize) -> Result<Run, String> {
    let sandbox = start(Config {
        listen: "127.0.0.1:0".parse().map_err(|e| format!("{e}"))?,
        public_origin: None,
        applications: vec![Application {
            id: 1,
            key: "benchAK".into(),
            secret: "benchAS".into(),
            name: "Bench".into(),
        }],
        accounts: Vec::new(),
        scenario: scenario(n, true),
        latency: Latency::scaled(SCALE),
        faults: Faults::default(),
    })
    .await?;
    let rules = [Method::Get, Method::Post, Method::Put, Method::Delete]
        .into_iter()
        .map(|method| AccessRule {
            method,
            path: "/email/*".into(),
        })
        .collect();
    let key = sandbox
        .validated_key("benchAK", rules, None)
        .map_err(|e| format!("{e:?}"))?;
    let mut config =
        ClientConfig::new(Endpoint::custom(&sandbox.base_url()).map_err(|e| e.to_string())?);
    config.retry = RetryPolicy {
        max_attempts: 5,
        base: scaled(1_000),
        cap: scaled(30_000),
    };
    let log = CallLog::new();
    let per_minute = (f64::from(PER_MINUTE) / SCALE).round() as u32;
    let client = Client::new(
        config,
        NativeTransport::new().map_err(|e| e.message)?,
        SystemClock,
    )
    .with_credentials(Credentials::new("benchAK", "benchAS", &key))
    .with_rate_limiter(Arc::new(RateLimiter::new(per_minute, BURST)))
    .with_call_log(log.clone());

    let source = ServiceId::Exchange {
        organization: "ex-bench".into(),
        service: "ex-bench".into(),
    };
    let destination = ServiceId::EmailPro {
        service: "pro-bench".into(),
    };
    let selected: Vec<String> = (0..n).map(|i| format!("user{i:03}@acme.fr")).collect();
    let snapshot = snapshot::read(&client, &source, &destination, &selected)
        .await
        .map_err(|e| e.message.clone())?;
    let snapshot_calls = log.len();
    let options = Options::default();
    let planned = plan(&snapshot, &options, &selected, &Passwords::new(), &pace());
    let journal = MemoryJournal::new();
    let control = Control::new();
    let migration = Migration::start(
        &client,
        &journal,
        &control,
        planned.clone(),
        Passwords::new(),
    )
    .await
    .map_err(|e| e.to_string())?
    .with_timing(Timing {
        pace: pace(),
        deadline: Duration::from_secs(60),
        attempts: 4,
    });
    let started = Instant::now();
    migration.run().await.map_err(|e| e.to_string())?;
    let wall = started.elapsed();
    let calls: Vec<_> = log.records().into_iter().skip(snapshot_calls).collect();

    let built = report::build(
        &planned,
        &journal.entries(),
        &migration.statuses(),
        calls.clone(),
        Vec::new(),
    );
    // Each account's window, as the sandbox timed its tasks: from its rename ending on the
    // source to its address being configured on the destination, against that configure
    // task's own latency.
    let finished = sandbox.finished_tasks();
    let ended = |function: &str, address: &str| {
        finished
            .iter()
            .find(|t| t.function == function && t.address.as_deref() == Some(address) && !t.failed)
    };
    let windows: Vec<(f64, f64)> = planned
        .moving()
        .filter_map(|a| {
            let renamed = ended("setAccount", &a.provisional)?;
            let configured = ended("addAccount", &a.address)?;
            Some((
                (configured.done_ms - renamed.done_ms) as f64,
                (configured.done_ms - configured.created_ms) as f64,
            ))
        })
        .collect();
    let observed: Vec<f64> = built
        .accounts
        .iter()
        .filter_map(|a| a.window_ms)
        .map(|w| w as f64)
        .collect();

    let tallies = migration.tallies();
    let priced = ["user000@acme.fr", "user001@acme.fr", "user002@acme.fr"];
    let plain: Vec<Tally> = tallies
        .iter()
        .filter(|(a, _)| a.as_deref().is_some_and(|a| !priced.contains(&a)))
        .map(|(_, t)| *t)
        .collect();
    let mean = |pick: fn(&Tally) -> u32| {
        plain.iter().map(|t| f64::from(pick(t))).sum::<f64>() / plain.len().max(1) as f64
    };
    let total = |address: &str| {
        tallies
            .iter()
            .find(|(a, _)| a.as_deref() == Some(address))
            .map_or(0.0, |(_, t)| f64::from(t.calls()))
    };
    let plain_total = mean(|t| t.writes) + mean(|t| t.reads) + mean(|t| t.polls);

    // The lower bound: every call at the limiter's pace after its burst, or one account's
    // chain of tasks (rename, configure, two passwords), whichever is longer.
    let by_rate = Duration::from_secs_f64(
        calls.len().saturating_sub(BURST as usize) as f64 * 60.0 / f64::from(per_minute),
    );
    let chain = scaled(1_500 + 6_000) + scaled(1_500 + 8_000) + scaled(1_500 + 4_000) * 2;
    Ok(Run {
        wall,
        bound: by_rate.max(chain),
        calls: calls.len(),
        plain: (mean(|t| t.writes), mean(|t| t.reads), mean(|t| t.polls)),
        alias_cost: (total("user000@acme.fr") - plain_total) / 2.0,
        delegation_cost: (total("user001@acme.fr") - plain_total) / 2.0,
        windows,
        observed,
        snapshot_calls,
    })
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// A snapshot of 1,000 accounts with an alias each, for timing the plan alone.
fn thousand() -> Snapshot {
    let account = |i: usize, domain: &str, configured: bool| HostedAccount {
        id: i64::try_from(i).unwrap_or(0),
        primary_email_address: format!("user{i:04}@{domain}"),
        login: format!("user{i:04}"),
        domain: domain.into(),
        display_name: Some(format!("User {i}")),
        first_name: None,
        last_name: None,
        hidden_from_gal: false,
        configured,
        state: ObjectState::Ok,
        task_pending_id: Some(0),
        current_usage: Some(100 * 1024),
        password_last_update: None,
        quota: 10.0,
    };
    let policy = PasswordPolicy::Hosted {
        min_length: 8,
        complexity: true,
    };
    Snapshot {
        source: Source {
            id: ServiceId::Exchange {
                organization: "o".into(),
                service: "s".into(),
            },
            hostname: Some("ex5.mail.ovh.net".into()),
            policy,
            accounts: (0..1000).map(|i| account(i, "acme.fr", true)).collect(),
            details: (0..1000)
                .map(|i| AccountDetails {
                    address: format!("user{i:04}@acme.fr"),
                    aliases: vec![format!("alias{i:04}@acme.fr")],
                    delegations: vec![(
                        Right::SendAs,
                        format!("user{:04}@acme.fr", (i + 1) % 1000),
                    )],
                })
                .collect(),
            groups: Vec::new(),
            contacts: Vec::new(),
            footers: Vec::new(),
        },
        destination: Destination {
            id: ServiceId::EmailPro {
                service: "p".into(),
            },
            hostname: Some("pro2.mail.ovh.net".into()),
            policy,
            domains: vec![DestinationDomain {
                name: "acme.fr".into(),
                state: ObjectState::Ok,
                authoritative: Some(false),
                cname_to_publish: None,
            }],
            accounts: (0..1000)
                .map(|i| account(i + 5000, "configureme.me", false))
                .collect(),
            legacy: None,
        },
    }
}

fn main() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("bench: no runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut over = Vec::new();
    println!(
        "engine bench: sandbox latency model and rate limit ({PER_MINUTE}/min, burst {BURST}) scaled by {SCALE}"
    );
    for n in [10, 100] {
        let figures = match runtime.block_on(run(n)) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("bench: the run of {n} accounts failed: {e}");
                return ExitCode::FAILURE;
            }
        };
        let ratio = figures.wall.as_secs_f64() / figures.bound.as_secs_f64();
        println!(
            "figure: {n} accounts: {:.2} s wall, lower bound {:.2} s ({} calls at the pace, or one account's chain): x{ratio:.2} (budget x{BUDGET_WALL_RATIO})",
            figures.wall.as_secs_f64(),
            figures.bound.as_secs_f64(),
            figures.calls
        );
        if ratio > BUDGET_WALL_RATIO {
            over.push(format!("{n} accounts wall time"));
        }
        let (w, r, p) = figures.plain;
        let per = w + r + p;
        println!(
            "figure: {n} accounts: {per:.1} calls per account ({w:.1} writes, {r:.1} reads, {p:.1} task polls; budget {BUDGET_CALLS_PER_ACCOUNT}); the snapshot read {:.1} more per account",
            figures.snapshot_calls as f64 / n as f64
        );
        if per > BUDGET_CALLS_PER_ACCOUNT {
            over.push(format!("{n} accounts calls per account"));
        }
        println!(
            "figure: {n} accounts: an alias costs {:.1} calls, a delegation {:.1}",
            figures.alias_cost, figures.delegation_cost
        );
        let poll_ms = POLL_MS as f64 * SCALE;
        let mut windows: Vec<f64> = figures.windows.iter().map(|(w, _)| *w).collect();
        windows.sort_by(f64::total_cmp);
        let (window, task) = figures
            .windows
            .iter()
            .copied()
            .max_by(|a, b| (a.0 - 1.5 * a.1).total_cmp(&(b.0 - 1.5 * b.1)))
            .unwrap_or_default();
        let budget = BUDGET_WINDOW_RATIO * task + poll_ms;
        println!(
            "figure: {n} accounts: address nowhere (sandbox's task times) for {:.0} ms median, {:.0} ms worst; closest to its budget: {window:.0} ms for a configure task of {task:.0} ms (budget {budget:.0} ms: 1.5 x the task + one {poll_ms:.0} ms poll)",
            percentile(&windows, 0.5),
            windows.last().copied().unwrap_or(0.0),
        );
        let mut observed = figures.observed.clone();
        observed.sort_by(f64::total_cmp);
        println!(
            "figure: {n} accounts: the report's window (rename seen done to address seen live): {:.0} ms median, {:.0} ms worst",
            percentile(&observed, 0.5),
            observed.last().copied().unwrap_or(0.0),
        );
        if window > budget || figures.windows.len() < n - 3 {
            over.push(format!("{n} accounts window"));
        }
    }
    let snapshot = thousand();
    let selected: Vec<String> = (0..1000).map(|i| format!("user{i:04}@acme.fr")).collect();
    let options = Options::default();
    let mut best = f64::MAX;
    for _ in 0..5 {
        let started = Instant::now();
        let planned = plan(
            &snapshot,
            &options,
            &selected,
            &Passwords::new(),
            &Pace::default(),
        );
        best = best.min(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(planned.moving().count(), 1000);
    }
    println!(
        "figure: planning 1,000 accounts: {best:.2} ms, best of 5 (budget {BUDGET_PLAN_MS} ms)"
    );
    if best > BUDGET_PLAN_MS {
        over.push("planning".into());
    }
    if over.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("bench: over budget: {}", over.join(", "));
        ExitCode::FAILURE
    }
}
