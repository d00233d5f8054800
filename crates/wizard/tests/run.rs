//! A run driven as the pages drive it, against the real sandbox: the destination prepared on
//! its own, the plan confirmed, the run carried out with its journal in a page-like storage,
//! then the copy confirmed, a reset and the report; and a cancelled run resumed by a new task
//! with no write sent twice.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::RefCell;
use std::sync::Arc;
use std::time::Duration;

use futures_channel::mpsc;
use mailshift_migrate::engine::Timing;
use mailshift_migrate::passwords::Passwords;
use mailshift_migrate::plan::{Pace, plan};
use mailshift_migrate::{
    AccountStatus, Control, Event, Journal, Options, Plan, Snapshot, snapshot,
};
use mailshift_ovh::models::HostedAccount;
use mailshift_ovh::rate_limit::RateLimiter;
use mailshift_ovh::service::{ServiceId, is_free_slot};
use mailshift_ovh::transport::NativeTransport;
use mailshift_ovh::{
    CallLog, CancelToken, Client, ClientConfig, Credentials, Endpoint, SystemClock,
};
use mailshift_sandbox::{
    Faults, Latency, RunningSandbox, Scenario, every_email_rule, start_with_key,
};
use mailshift_wizard::destination::{self, Preparation};
use mailshift_wizard::driver::{Answer, Command, Means, Start, Update, drive};
use mailshift_wizard::progress::{Action, Phase, Progress};
use mailshift_wizard::settings::MemoryStorage;
use mailshift_wizard::stored_journal::StoredJournal;

const AK: &str = "runAK";
const AS: &str = "runAS";

fn source() -> ServiceId {
    ServiceId::Exchange {
        organization: "hosted-dc12345-1".into(),
        service: "hosted-dc12345-1".into(),
    }
}

fn destination() -> ServiceId {
    ServiceId::EmailPro {
        service: "emailpro-dc12345-1".into(),
    }
}

fn timing() -> Timing {
    Timing {
        pace: Pace {
            per_minute: 600_000,
            task: Duration::from_millis(5),
            settle: Duration::from_millis(5),
            poll: Duration::from_millis(10),
        },
        deadline: Duration::from_secs(30),
        attempts: 4,
    }
}

async fn started() -> (
    RunningSandbox,
    Client<NativeTransport, SystemClock>,
    CallLog,
) {
    let (sandbox, key) = start_with_key(
        (AK, AS),
        Scenario::demo(),
        Latency::scaled(0.0),
        Faults::default(),
        every_email_rule(),
    )
    .await
    .expect("sandbox");
    let log = CallLog::new();
    let client = Client::new(
        ClientConfig::new(Endpoint::custom(&sandbox.base_url()).expect("url")),
        NativeTransport::new().expect("transport"),
        SystemClock,
    )
    .with_credentials(Credentials::new(AK, AS, &key))
    .with_rate_limiter(Arc::new(RateLimiter::new(600_000, 10_000)))
    .with_call_log(log.clone());
    (sandbox, client, log)
}

/// What the pages read: both sides for every configured account of the source.
struct Read {
    found: Snapshot,
    selected: Vec<String>,
}

impl Read {
    /// How the destination stands for the chosen accounts.
    fn preparation(&self) -> Preparation {
        Preparation::of(&self.found, &self.selected)
    }

    /// The plan of every chosen account, as the plan page makes it.
    fn plan(&self) -> Plan {
        plan(
            &self.found,
            &Options::default(),
            &self.selected,
            &Passwords::new(),
            &timing().pace,
        )
    }
}

/// Reads both sides for every configured account, as the destination and plan pages do.
async fn read(client: &Client<NativeTransport, SystemClock>) -> Read {
    let calls = source().hosted_calls().expect("hosted");
    let accounts: Vec<HostedAccount> = client
        .list_all(&source().path(calls.accounts, &[]).expect("path"))
        .await
        .expect("accounts");
    let selected: Vec<String> = accounts
        .into_iter()
        .map(|a| a.primary_email_address)
        .filter(|a| !is_free_slot(a))
        .collect();
    let found = snapshot::read(client, &source(), &destination(), &selected)
        .await
        .expect("snapshot");
    Read { found, selected }
}

fn writes(sandbox: &RunningSandbox) -> Vec<(String, String, Option<String>)> {
    sandbox
        .calls()
        .into_iter()
        .filter(|c| c.method != "GET")
        .map(|c| (c.method, c.path, c.body_sha1))
        .collect()
}

/// Checks, by the sandbox's own record, that no write reached it twice.
fn assert_each_write_once(sandbox: &RunningSandbox) {
    let sent = writes(sandbox);
    let distinct: std::collections::BTreeSet<_> = sent.iter().collect();
    assert_eq!(distinct.len(), sent.len(), "a write went twice: {sent:#?}");
}

/// The destination page's work: the destination configured alone, each step it took told,
/// then both sides read and planned again. Returns how the destination stood before, and the
/// plan to confirm.
async fn prepared(client: &Client<NativeTransport, SystemClock>) -> (Preparation, Plan) {
    let before = read(client).await;
    let told = RefCell::new(Vec::new());
    let configured = destination::configure(
        client,
        &before.found,
        &before.selected,
        timing(),
        &CancelToken::new(),
        |step| told.borrow_mut().push(step),
    )
    .await;
    assert!(matches!(configured, Some(Ok(()))), "{configured:?}");
    let after = read(client).await;
    assert!(after.preparation().is_ready(), "{:?}", after.preparation());
    let told = told.into_inner();
    assert_eq!(
        told.is_empty(),
        !before.preparation().has_work(),
        "steps told: {told:?}"
    );
    (before.preparation(), after.plan())
}

/// A new run of `plan` with no password known yet.
fn new_run(plan: &Plan) -> Start {
    Start::New {
        plan: Box::new(plan.clone()),
        passwords: Passwords::new(),
    }
}

/// Drives a run as a page does, with `commands` queued behind it, and returns what the page
/// would show at the end; `watch` sees each update first.
async fn drive_with(
    client: &Client<NativeTransport, SystemClock>,
    log: &CallLog,
    journal: &dyn Journal,
    control: &Control,
    start: Start,
    commands: Vec<Command>,
    watch: &dyn Fn(&Update),
) -> Progress {
    let progress = RefCell::new(Progress::default());
    let (sender, received) = mpsc::unbounded();
    for command in commands {
        sender.unbounded_send(command).expect("queued");
    }
    drop(sender);
    let means = Means {
        client,
        journal,
        control,
        timing: timing(),
        calls: log,
    };
    drive(means, start, received, &|u| {
        watch(&u);
        progress.borrow_mut().apply(u)
    })
    .await;
    progress.into_inner()
}

#[tokio::test(flavor = "current_thread")]
async fn the_demo_company_goes_from_the_destination_page_to_the_report() {
    let (sandbox, client, log) = started().await;
    let (preparation, confirmed) = prepared(&client).await;
    assert!(
        preparation.has_work(),
        "demo-company.fr is not on Email Pro yet"
    );
    assert!(confirmed.global.is_empty());

    let journal = StoredJournal::new(MemoryStorage::default());
    let claire = "claire.martin@demo-company.fr".to_owned();
    // The sandbox has no copy tool: the destination stays empty, so the reset is refused
    // until the person overrides it by name.
    let commands = vec![
        Command::ConfirmAll,
        Command::Reset(claire.clone()),
        Command::OverrideReset(claire.clone()),
        Command::Reset(claire.clone()),
        Command::Report,
    ];
    let refusals = RefCell::new(Vec::new());
    let progress = drive_with(
        &client,
        &log,
        &journal,
        &Control::new(),
        new_run(&confirmed),
        commands,
        &|u| {
            if let Update::Answered(command, Err(error)) = u {
                refusals
                    .borrow_mut()
                    .push((command.clone(), error.to_string()));
            }
        },
    )
    .await;

    let refusals = refusals.into_inner();
    assert_eq!(refusals.len(), 1, "{refusals:?}");
    assert_eq!(refusals[0].0, Command::Reset(claire.clone()));
    assert!(refusals[0].1.contains("override"), "{}", refusals[0].1);
    assert_eq!(progress.phase, Phase::Idle, "{:?}", progress.refusal);
    assert_eq!(
        progress.row(&claire).map(|r| r.status.clone()),
        Some(AccountStatus::Done)
    );
    let counts = progress.counts();
    assert_eq!(counts.moved, confirmed.moving().count());
    assert_eq!(counts.stopped, 0);
    assert!(progress.can(Action::GoToFinish));
    assert_eq!(progress.sizes.len(), 1, "claire's source account was reset");
    let report = progress.report.as_ref().expect("report");
    assert_eq!(report.accounts.len(), confirmed.accounts.len());
    assert!(!report.calls.is_empty() && !report.diagnostics.is_empty());
    assert!(
        progress
            .log()
            .any(|l| matches!(&l.event, Event::StepDone { account: Some(a), .. } if *a == claire))
    );
    assert!(!journal.is_empty(), "kept until the person closes the run");
    assert_each_write_once(&sandbox);
}

#[tokio::test(flavor = "current_thread")]
async fn leaving_the_destination_page_stops_its_wait_before_any_write() {
    let (sandbox, client, _) = started().await;
    let before = read(&client).await;
    assert!(before.preparation().has_work());
    let cancel = CancelToken::new();
    cancel.cancel();
    let told = RefCell::new(Vec::new());
    let configured = destination::configure(
        &client,
        &before.found,
        &before.selected,
        timing(),
        &cancel,
        |step| told.borrow_mut().push(step),
    )
    .await;
    assert!(configured.is_none(), "{configured:?}");
    assert_eq!(writes(&sandbox), Vec::new());
    assert!(told.into_inner().is_empty());
    assert!(!read(&client).await.preparation().is_ready());
}

#[tokio::test(flavor = "current_thread")]
async fn a_cancelled_run_is_resumed_by_a_new_task_without_a_write_twice() {
    let (sandbox, client, log) = started().await;
    let (_, confirmed) = prepared(&client).await;
    let storage = MemoryStorage::default();
    let journal = StoredJournal::new(&storage);

    let control = Control::new();
    let progress = drive_with(
        &client,
        &log,
        &journal,
        &control,
        new_run(&confirmed),
        Vec::new(),
        &|u| {
            if matches!(
                u,
                Update::Event(Event::StepDone {
                    account: Some(_),
                    ..
                })
            ) {
                control.cancel();
            }
        },
    )
    .await;
    assert_eq!(progress.phase, Phase::Cancelled);
    assert!(progress.can(Action::Resume));
    assert!(
        progress.counts().moved < confirmed.moving().count(),
        "cancelled midway"
    );

    // A reload: a new page, the same storage, a new task, no password in memory.
    let reloaded = StoredJournal::new(&storage);
    let resume = Start::Resume {
        passwords: Passwords::new(),
    };
    let again = drive_with(
        &client,
        &log,
        &reloaded,
        &Control::new(),
        resume,
        Vec::new(),
        &|_| {},
    )
    .await;
    assert_eq!(again.phase, Phase::Idle);
    assert_eq!(again.counts().moved, confirmed.moving().count());
    assert_each_write_once(&sandbox);
}

#[tokio::test(flavor = "current_thread")]
async fn a_refused_reset_is_told_and_the_task_goes_on() {
    let (_sandbox, client, log) = started().await;
    let (_, confirmed) = prepared(&client).await;
    let journal = StoredJournal::new(MemoryStorage::default());
    let claire = "claire.martin@demo-company.fr".to_owned();
    let commands = vec![
        Command::Reset(claire.clone()),
        Command::ConfirmCopy(claire.clone()),
    ];
    let answers = RefCell::new(Vec::new());
    let progress = drive_with(
        &client,
        &log,
        &journal,
        &Control::new(),
        new_run(&confirmed),
        commands,
        &|u| {
            if let Update::Answered(command, result) = u {
                answers.borrow_mut().push((command.clone(), result.clone()));
            }
        },
    )
    .await;
    let answers = answers.into_inner();
    assert!(
        answers[0].1.is_err(),
        "no reset before the copy is confirmed"
    );
    assert_eq!(answers[1].1, Ok(Answer::Done));
    assert_eq!(progress.phase, Phase::Idle);
    assert_eq!(
        progress.row(&claire).map(|r| r.status.clone()),
        Some(AccountStatus::CopyConfirmed)
    );
}
