//! A run as the pages drive it: one task owns the [`Migration`], carries the plan out, then
//! takes the pages' commands one at a time, so that two actions never work on one account at
//! once. Pause and cancel go through the shared [`Control`] and take effect at once; a cancelled
//! run ends its task, and resuming starts a new one from the journal.

use futures_channel::mpsc::UnboundedReceiver;
use futures_util::StreamExt;
use mailshift_migrate::engine::{RunError, Timing};
use mailshift_migrate::passwords::Passwords;
use mailshift_migrate::report::{self, Report};
use mailshift_migrate::{AccountStatus, Control, Event, Journal, Migration, Plan, Problem};
use mailshift_ovh::models::exchange::ExportUrl;
use mailshift_ovh::{CallLog, Client, Clock, Transport};

/// How a task begins.
#[derive(Clone, Debug)]
pub enum Start {
    /// A confirmed plan, with the passwords given or generated so far.
    New {
        /// The plan.
        plan: Box<Plan>,
        /// The passwords known.
        passwords: Passwords,
    },
    /// The run its journal records, with the passwords still in memory.
    Resume {
        /// The passwords known.
        passwords: Passwords,
    },
}

/// What a page asks of a run once its plan has been carried out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Every stopped account again, from where it stands.
    RetryStopped,
    /// One account again.
    Retry(String),
    /// One account back as it was.
    Rollback(String),
    /// Every account the run touched back as it was.
    RollbackAll,
    /// The user checked this account's content copy.
    ConfirmCopy(String),
    /// The user checked every waiting account's content copy.
    ConfirmAll,
    /// Reset this account although the destination holds clearly less (taken on by name).
    OverrideReset(String),
    /// Read what this account's source and destination mailboxes hold now.
    Sizes(String),
    /// Reset this account's provisional source account.
    Reset(String),
    /// Where to download this account's PST export.
    Pst(String),
    /// Remove this account's PST export from OVHcloud.
    DropPst(String),
    /// The report, with the destination's DNS diagnostics read now.
    Report,
}

/// What a command gave back.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// It is done.
    Done,
    /// The two mailbox usages, in bytes: read on their own, or compared by a reset done.
    Sizes {
        /// The source's usage.
        source: u64,
        /// The destination's usage.
        destination: u64,
    },
    /// The PST export's download address.
    Pst(ExportUrl),
    /// The report; when the DNS diagnostics could not be read, why.
    Report(Box<Report>, Option<Problem>),
}

/// What the task tells the page, in order.
#[derive(Clone, Debug)]
pub enum Update {
    /// The run is known: its plan and where each account stands.
    Started {
        /// The plan.
        plan: Box<Plan>,
        /// Each account's status, in the plan's order.
        statuses: Vec<(String, AccountStatus)>,
    },
    /// Something happened during a step.
    Event(Event),
    /// Every password set so far, to keep in memory.
    Passwords(Passwords),
    /// Carrying the plan out ended (or could not begin).
    Ran(Result<(), RunError>),
    /// A command ended.
    Answered(Command, Result<Answer, RunError>),
}

/// What a run is carried out with: the client, the journal, the pause and cancel switch, how
/// the engine waits, and the record of calls the report lists.
#[derive(Clone, Copy)]
pub struct Means<'a, T, C> {
    /// The signed client.
    pub client: &'a Client<T, C>,
    /// The run's journal.
    pub journal: &'a dyn Journal,
    /// Pause and cancel.
    pub control: &'a Control,
    /// How the engine waits.
    pub timing: Timing,
    /// Every call the client made.
    pub calls: &'a CallLog,
}

/// Starts or resumes the run, carries it out, then answers `commands` until the page drops
/// their sender or the run is cancelled.
pub async fn drive<T: Transport, C: Clock>(
    means: Means<'_, T, C>,
    start: Start,
    mut commands: UnboundedReceiver<Command>,
    update: &dyn Fn(Update),
) {
    let Means {
        client,
        journal,
        control,
        timing,
        calls,
    } = means;
    let begun = match start {
        Start::New { plan, passwords } => {
            Migration::start(client, journal, control, *plan, passwords).await
        }
        Start::Resume { passwords } => Migration::resume(client, journal, control, passwords).await,
    };
    let migration = match begun {
        Ok(migration) => migration
            .with_timing(timing)
            .on_event(|event| update(Update::Event(event.clone()))),
        Err(error) => return update(Update::Ran(Err(error))),
    };
    update(Update::Started {
        plan: Box::new(migration.plan().clone()),
        statuses: migration.statuses(),
    });
    let ran = migration.run().await;
    update(Update::Passwords(migration.passwords()));
    let cancelled = ran == Err(RunError::Cancelled);
    update(Update::Ran(ran));
    if cancelled {
        return;
    }
    while let Some(command) = commands.next().await {
        let answer = answer(client, &migration, journal, calls, &command).await;
        update(Update::Passwords(migration.passwords()));
        let cancelled = answer == Err(RunError::Cancelled);
        update(Update::Answered(command, answer));
        if cancelled {
            return;
        }
    }
}

async fn answer<T: Transport, C: Clock>(
    client: &Client<T, C>,
    migration: &Migration<'_, T, C>,
    journal: &dyn Journal,
    calls: &CallLog,
    command: &Command,
) -> Result<Answer, RunError> {
    let waiting = |wanted: fn(&AccountStatus) -> bool| -> Vec<String> {
        migration
            .statuses()
            .into_iter()
            .filter(|(_, s)| wanted(s))
            .map(|(a, _)| a)
            .collect()
    };
    match command {
        Command::RetryStopped => {
            for address in waiting(|s| matches!(s, AccountStatus::Stopped { .. })) {
                migration.retry(&address).await?;
            }
            Ok(Answer::Done)
        }
        Command::Retry(address) => migration.retry(address).await.map(|()| Answer::Done),
        Command::Rollback(address) => migration.rollback(address).await.map(|()| Answer::Done),
        Command::RollbackAll => migration.rollback_all().await.map(|()| Answer::Done),
        Command::ConfirmCopy(address) => {
            migration.confirm_copy(address).await.map(|()| Answer::Done)
        }
        Command::ConfirmAll => {
            for address in waiting(|s| *s == AccountStatus::AwaitingCopy) {
                migration.confirm_copy(&address).await?;
            }
            Ok(Answer::Done)
        }
        Command::OverrideReset(address) => migration
            .override_reset(address)
            .await
            .map(|()| Answer::Done),
        Command::Sizes(address) => migration.sizes(address).await.map(sizes),
        Command::Reset(address) => migration.reset(address).await.map(sizes),
        Command::Pst(address) => migration.pst(address).await.map(Answer::Pst),
        Command::DropPst(address) => migration.drop_pst(address).await.map(|()| Answer::Done),
        Command::Report => {
            let (diagnostics, trouble) = match report::diagnose(client, migration.plan()).await {
                Ok(checks) => (checks, None),
                Err(error) => (Vec::new(), Some(Problem::from(&error))),
            };
            let entries = journal.load()?;
            let report = report::build(
                migration.plan(),
                &entries,
                &migration.statuses(),
                calls.records(),
                diagnostics,
            );
            Ok(Answer::Report(Box::new(report), trouble))
        }
    }
}

fn sizes((source, destination): (u64, u64)) -> Answer {
    Answer::Sizes {
        source,
        destination,
    }
}
