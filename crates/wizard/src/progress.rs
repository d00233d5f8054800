//! A run as the run, copy and finish pages show it: one row per account, the live log, what
//! the task is doing, and what the person may do next.

use std::collections::VecDeque;

use mailshift_migrate::engine::{Refusal, RunError};
use mailshift_migrate::report::Report;
use mailshift_migrate::{AccountStatus, Event, Plan, Problem, Step};
use mailshift_ovh::models::exchange::ExportUrl;

use crate::driver::{Answer, Command, Update};
use crate::lang::Lang;
use crate::text::Text;

/// How many log lines are kept: the page shows the latest, the report holds every call.
pub const LOG_LINES: usize = 200;

/// What the run's task is doing.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Reading the journal and reconciling it with OVHcloud.
    Starting,
    /// Carrying the plan out; `paused` once a pause was asked.
    Running {
        /// Whether it holds at the next step boundary.
        paused: bool,
    },
    /// The plan is carried out; commands are taken.
    Idle,
    /// A command is under way.
    Busy(Command),
    /// Cancelled at a step boundary; resuming starts from the journal.
    Cancelled,
    /// The run cannot go on, and why.
    Failed(RunError),
}

/// One account's row.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The original address.
    pub address: String,
    /// The provisional source address.
    pub provisional: String,
    /// Where it stands.
    pub status: AccountStatus,
    /// The last step that finished for it.
    pub last_step: Option<Step>,
}

/// One line of the live log.
#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    /// Its number, for keyed rendering.
    pub n: u64,
    /// What happened.
    pub event: Event,
}

/// What the person may ask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action<'a> {
    /// Hold the run.
    Pause,
    /// Let a held or cancelled run go on.
    Resume,
    /// Stop the run at the next step boundary.
    Cancel,
    /// Every stopped account again.
    RetryStopped,
    /// One account again.
    Retry(&'a str),
    /// One account back.
    Rollback(&'a str),
    /// Everything back.
    RollbackAll,
    /// One account's copy checked.
    ConfirmCopy(&'a str),
    /// Every waiting copy checked.
    ConfirmAll,
    /// One account's two mailbox sizes read.
    Sizes(&'a str),
    /// One source account reset.
    Reset(&'a str),
    /// On to the copy page.
    GoToCopy,
    /// On to the finish page.
    GoToFinish,
    /// The report built, with the DNS diagnostics read now.
    BuildReport,
}

/// Counts of accounts by where they stand.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Accounts the plan moves.
    pub moving: usize,
    /// Live on the destination (waiting for the copy, copied, or done).
    pub moved: usize,
    /// Stopped by a failure.
    pub stopped: usize,
    /// Stopped with the address existing nowhere.
    pub stranded: usize,
    /// Rolled back.
    pub rolled_back: usize,
}

/// Why a command did not go through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Declined {
    /// The engine refused it; nothing was written.
    Refused(Refusal),
    /// A call failed.
    Failed(Box<Problem>),
}

/// The run as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// What the task is doing.
    pub phase: Phase,
    /// The plan, once the task knows it.
    pub plan: Option<Box<Plan>>,
    rows: Vec<Row>,
    log: VecDeque<LogLine>,
    next_line: u64,
    /// Why the last command did not go through, until the next one is sent.
    pub refusal: Option<Declined>,
    /// The PST download addresses read, by account.
    pub exports: Vec<(String, ExportUrl)>,
    /// The last report built.
    pub report: Option<Box<Report>>,
    /// Why the DNS checks of the last report could not be read.
    pub report_trouble: Option<String>,
    /// The mailbox usages last read, by a reset or on their own (account, source and
    /// destination bytes).
    pub sizes: Vec<(String, u64, u64)>,
    /// The PST exports' progress, in percent, by account.
    pub export_progress: Vec<(String, i64)>,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            phase: Phase::Starting,
            plan: None,
            rows: Vec::new(),
            log: VecDeque::new(),
            next_line: 0,
            refusal: None,
            exports: Vec::new(),
            report: None,
            report_trouble: None,
            sizes: Vec::new(),
            export_progress: Vec::new(),
        }
    }
}

impl Progress {
    /// Takes one update of the task.
    pub fn apply(&mut self, update: Update) {
        match update {
            Update::Started { plan, statuses } => {
                self.rows = plan
                    .accounts
                    .iter()
                    .map(|a| Row {
                        address: a.address.clone(),
                        provisional: a.provisional.clone(),
                        status: statuses
                            .iter()
                            .find(|(s, _)| *s == a.address)
                            .map_or(AccountStatus::Waiting, |(_, s)| s.clone()),
                        last_step: None,
                    })
                    .collect();
                self.plan = Some(plan);
                self.phase = Phase::Running { paused: false };
            }
            Update::Event(event) => self.record(event),
            Update::Passwords(_) => {}
            Update::Ran(result) => self.finish(result.map(|()| Answer::Done)),
            Update::Answered(command, result) => {
                if let Ok(answer) = &result {
                    self.keep(&command, answer);
                }
                self.finish(result);
            }
        }
    }

    fn record(&mut self, event: Event) {
        match &event {
            Event::Account { address, status } => {
                if let Some(row) = self.rows.iter_mut().find(|r| r.address == *address) {
                    row.status = status.clone();
                }
            }
            Event::StepDone {
                account: Some(account),
                step,
                ..
            } => {
                if let Some(row) = self.rows.iter_mut().find(|r| r.address == *account) {
                    row.last_step = Some(step.clone());
                }
            }
            Event::Export { account, percent } => {
                self.export_progress.retain(|(a, _)| a != account);
                self.export_progress.push((account.clone(), *percent));
            }
            Event::StepDone { .. } | Event::WaitingForCname { .. } => {}
        }
        if self.log.len() == LOG_LINES {
            self.log.pop_front();
        }
        self.log.push_back(LogLine {
            n: self.next_line,
            event,
        });
        self.next_line += 1;
    }

    fn keep(&mut self, command: &Command, answer: &Answer) {
        match (command, answer) {
            (Command::Pst(address), Answer::Pst(url)) => {
                self.exports.retain(|(a, _)| a != address);
                self.exports.push((address.clone(), url.clone()));
            }
            (
                Command::Sizes(address) | Command::Reset(address),
                Answer::Sizes {
                    source,
                    destination,
                },
            ) => {
                self.sizes.retain(|(a, _, _)| a != address);
                self.sizes.push((address.clone(), *source, *destination));
            }
            (_, Answer::Report(report, trouble)) => {
                self.report = Some(report.clone());
                self.report_trouble = trouble.as_ref().map(|p| p.message.clone());
            }
            _ => {}
        }
    }

    fn finish(&mut self, result: Result<Answer, RunError>) {
        self.phase = match result {
            Ok(_) => {
                self.refusal = None;
                Phase::Idle
            }
            Err(RunError::Cancelled) => Phase::Cancelled,
            Err(RunError::Refused(refusal)) if self.plan.is_some() => {
                self.refusal = Some(Declined::Refused(refusal));
                Phase::Idle
            }
            Err(RunError::Failed(problem)) if self.plan.is_some() => {
                self.refusal = Some(Declined::Failed(problem));
                Phase::Idle
            }
            Err(error) => Phase::Failed(error),
        };
    }

    /// Whether the engine refused to reset `address` because its destination holds clearly
    /// less: the way to override it is then offered.
    pub fn reset_refused(&self, address: &str) -> bool {
        matches!(
            &self.refusal,
            Some(Declined::Refused(Refusal::DestinationSmaller { address: refused, .. }))
                if refused.eq_ignore_ascii_case(address)
        )
    }

    /// Notes that a command was sent to the task.
    pub fn sent(&mut self, command: Command) {
        self.refusal = None;
        self.phase = Phase::Busy(command);
    }

    /// Notes a pause or a resume of a running task.
    pub fn hold(&mut self, paused: bool) {
        if let Phase::Running { .. } = self.phase {
            self.phase = Phase::Running { paused };
        }
    }

    /// Every row, in the plan's order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// One account's row.
    pub fn row(&self, address: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.address == address)
    }

    /// The latest log lines, oldest first.
    pub fn log(&self) -> impl Iterator<Item = &LogLine> {
        self.log.iter()
    }

    /// Accounts by where they stand.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for row in &self.rows {
            match &row.status {
                AccountStatus::Blocked => continue,
                AccountStatus::AwaitingCopy
                | AccountStatus::CopyConfirmed
                | AccountStatus::Done => counts.moved += 1,
                AccountStatus::Stopped { stranded, .. } => {
                    counts.stopped += 1;
                    counts.stranded += usize::from(*stranded);
                }
                AccountStatus::RolledBack => counts.rolled_back += 1,
                AccountStatus::Waiting | AccountStatus::Moving { .. } | AccountStatus::Paused => {}
            }
            counts.moving += 1;
        }
        counts
    }

    /// How far the run is, in percent of the accounts it moves that reached an end for now.
    pub fn percent(&self) -> u8 {
        let c = self.counts();
        let ended = c.moved + c.stopped + c.rolled_back;
        u8::try_from((ended * 100).checked_div(c.moving).unwrap_or(100)).unwrap_or(100)
    }

    fn status(&self, address: &str) -> Option<&AccountStatus> {
        self.row(address).map(|r| &r.status)
    }

    fn any(&self, wanted: fn(&AccountStatus) -> bool) -> bool {
        self.rows.iter().any(|r| wanted(&r.status))
    }

    /// Whether the page may offer `action` now.
    pub fn can(&self, action: Action<'_>) -> bool {
        let idle = self.phase == Phase::Idle;
        let is = |address: &str, wanted: fn(&AccountStatus) -> bool| {
            self.status(address).is_some_and(wanted)
        };
        match action {
            Action::Pause => self.phase == Phase::Running { paused: false },
            Action::Resume => matches!(
                self.phase,
                Phase::Running { paused: true } | Phase::Cancelled | Phase::Failed(_)
            ),
            Action::Cancel => matches!(self.phase, Phase::Running { .. }),
            Action::RetryStopped => idle && self.any(is_stopped),
            Action::Retry(a) => idle && is(a, is_stopped),
            Action::Rollback(a) => idle && is(a, can_roll_back),
            Action::RollbackAll => idle && self.any(can_roll_back),
            Action::ConfirmCopy(a) => idle && is(a, |s| *s == AccountStatus::AwaitingCopy),
            Action::ConfirmAll => idle && self.any(|s| *s == AccountStatus::AwaitingCopy),
            Action::Sizes(a) => idle && is(a, |s| *s == AccountStatus::CopyConfirmed),
            Action::Reset(a) => idle && is(a, |s| *s == AccountStatus::CopyConfirmed),
            Action::GoToCopy => idle && self.counts().moved > 0,
            Action::GoToFinish => {
                idle && self.counts().moved > 0 && !self.any(|s| *s == AccountStatus::AwaitingCopy)
            }
            Action::BuildReport => idle,
        }
    }

    /// Whether the copy page shows this account: its address moved, its content copy to do or
    /// done.
    pub fn shows_copy(&self, address: &str) -> bool {
        self.status(address).is_some_and(|s| {
            matches!(
                s,
                AccountStatus::AwaitingCopy | AccountStatus::CopyConfirmed | AccountStatus::Done
            )
        })
    }

    /// Whether the finish page lists this account for the reset of its provisional source
    /// account: its copy confirmed, or its reset done.
    pub fn shows_reset(&self, address: &str) -> bool {
        self.status(address)
            .is_some_and(|s| matches!(s, AccountStatus::CopyConfirmed | AccountStatus::Done))
    }

    /// The source's and the destination's mailbox usage last read for this account, in bytes.
    pub fn sizes_of(&self, address: &str) -> Option<(u64, u64)> {
        self.sizes
            .iter()
            .find(|(a, _, _)| a == address)
            .map(|&(_, source, destination)| (source, destination))
    }
}

fn is_stopped(status: &AccountStatus) -> bool {
    matches!(status, AccountStatus::Stopped { .. })
}

/// A rollback needs something done and the source mailbox still there (not reset).
fn can_roll_back(status: &AccountStatus) -> bool {
    matches!(
        status,
        AccountStatus::Stopped { .. }
            | AccountStatus::AwaitingCopy
            | AccountStatus::CopyConfirmed
            | AccountStatus::Paused
    )
}

/// An account's state in words.
pub fn status_text(status: &AccountStatus) -> Text {
    match status {
        AccountStatus::Blocked => Text::StatusBlocked,
        AccountStatus::Waiting => Text::StatusWaiting,
        AccountStatus::Moving { .. } => Text::StatusMoving,
        AccountStatus::AwaitingCopy => Text::StatusAwaitingCopy,
        AccountStatus::CopyConfirmed => Text::StatusCopyConfirmed,
        AccountStatus::Done => Text::StatusDone,
        AccountStatus::Stopped {
            stranded: false, ..
        } => Text::StatusStopped,
        AccountStatus::Stopped { stranded: true, .. } => Text::StatusStranded,
        AccountStatus::Paused => Text::StatusPaused,
        AccountStatus::RolledBack => Text::StatusRolledBack,
    }
}

/// A class for an account's state, for its colour and its icon.
pub fn status_class(status: &AccountStatus) -> &'static str {
    match status {
        AccountStatus::Blocked | AccountStatus::RolledBack => "status muted",
        AccountStatus::Waiting | AccountStatus::Paused => "status waiting",
        AccountStatus::Moving { .. } => "status moving",
        AccountStatus::AwaitingCopy | AccountStatus::CopyConfirmed => "status moved",
        AccountStatus::Done => "status done",
        AccountStatus::Stopped { .. } => "status stopped",
    }
}

/// A step in words.
pub fn step_text(step: &Step) -> Text {
    match step {
        Step::AddDomain { .. } => Text::StepAddDomain,
        Step::Rename { .. } => Text::StepRename,
        Step::Configure { .. } => Text::StepConfigure,
        Step::SetPassword(_) | Step::SetSourcePassword(_) => Text::StepPassword,
        Step::RemoveAlias { .. }
        | Step::AddAlias { .. }
        | Step::DropAlias { .. }
        | Step::RestoreAlias { .. } => Text::StepAlias,
        Step::Delegate { .. } | Step::Revoke { .. } => Text::StepDelegation,
        Step::CreateContact { .. } | Step::DeleteContact(_) => Text::StepContact,
        Step::CreateFooter { .. } | Step::DeleteFooter(_) => Text::StepFooter,
        Step::RemoveGroup(_)
        | Step::CreateGroup { .. }
        | Step::AddToGroup { .. }
        | Step::DeleteGroup(_) => Text::StepGroup,
        Step::ExportPst(_) | Step::RequestPstUrl(_) | Step::DropPst(_) => Text::StepPst,
        Step::Reset(_) => Text::StepReset,
        Step::Free(_) => Text::StepFree,
    }
}

/// A line of the live log in words.
pub fn log_text(line: &LogLine, lang: Lang) -> String {
    let who = |account: &Option<String>| {
        account
            .clone()
            .unwrap_or_else(|| Text::LogService.get(lang).to_owned())
    };
    match &line.event {
        Event::Account { address, status } => {
            Text::LogDone.fill(lang, &[address, status_text(status).get(lang)])
        }
        Event::StepDone {
            account,
            step,
            skipped,
        } => {
            let text = if *skipped {
                Text::LogSkipped
            } else {
                Text::LogDone
            };
            text.fill(lang, &[&who(account), step_text(step).get(lang)])
        }
        Event::Export { account, percent } => {
            Text::LogExport.fill(lang, &[account, &percent.to_string()])
        }
        Event::WaitingForCname { domain, cname } => Text::LogCname.fill(lang, &[cname, domain]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_plan;
    use mailshift_migrate::Problem;

    #[test]
    fn each_log_line_is_said_in_both_languages_with_its_values() {
        let events = [
            Event::Account {
                address: "a@d.fr".into(),
                status: AccountStatus::Done,
            },
            Event::StepDone {
                account: None,
                step: Step::Free("a@d.fr".into()),
                skipped: true,
            },
            Event::StepDone {
                account: Some("a@d.fr".into()),
                step: Step::Reset("p@d.fr".into()),
                skipped: false,
            },
            Event::Export {
                account: "a@d.fr".into(),
                percent: 40,
            },
            Event::WaitingForCname {
                domain: "d.fr".into(),
                cname: "abc123.d.fr".into(),
            },
        ];
        for (n, event) in events.into_iter().enumerate() {
            let line = LogLine { n: n as u64, event };
            let (english, french) = (log_text(&line, Lang::En), log_text(&line, Lang::Fr));
            assert_ne!(english, french, "{line:?}");
            for text in [&english, &french] {
                assert!(!text.contains('{'), "{text}");
            }
        }
        let cname = LogLine {
            n: 0,
            event: Event::WaitingForCname {
                domain: "d.fr".into(),
                cname: "abc123.d.fr".into(),
            },
        };
        let said = log_text(&cname, Lang::Fr);
        assert!(
            said.contains("abc123.d.fr") && said.contains("d.fr"),
            "{said}"
        );
        let service = LogLine {
            n: 1,
            event: Event::StepDone {
                account: None,
                step: Step::Free("a@d.fr".into()),
                skipped: true,
            },
        };
        assert!(log_text(&service, Lang::En).starts_with("service"));
    }

    fn plan() -> Box<Plan> {
        let accounts = ["a@d.fr", "b@d.fr"].map(|a| test_plan::account(a, "x", None));
        Box::new(test_plan::plan(accounts.to_vec()))
    }

    fn status(progress: &Progress, address: &str) -> AccountStatus {
        progress.row(address).expect("row").status.clone()
    }

    fn started() -> Progress {
        let mut progress = Progress::default();
        progress.apply(Update::Started {
            plan: plan(),
            statuses: vec![("a@d.fr".into(), AccountStatus::Waiting)],
        });
        progress
    }

    fn event(address: &str, status: AccountStatus) -> Update {
        Update::Event(Event::Account {
            address: address.into(),
            status,
        })
    }

    #[test]
    fn rows_follow_events_in_place_and_the_log_keeps_the_latest() {
        let mut progress = started();
        assert_eq!(progress.rows().len(), 2);
        assert!(progress.can(Action::Pause) && progress.can(Action::Cancel));
        assert!(!progress.can(Action::RetryStopped), "not while running");
        for n in 0..LOG_LINES + 5 {
            let status = AccountStatus::Moving {
                step: format!("step {n}"),
            };
            progress.apply(event("a@d.fr", status));
        }
        assert_eq!(progress.log().count(), LOG_LINES);
        assert_eq!(progress.log().next().map(|l| l.n), Some(5));
        progress.apply(event("a@d.fr", AccountStatus::AwaitingCopy));
        assert_eq!(status(&progress, "a@d.fr"), AccountStatus::AwaitingCopy);
        assert_eq!(status(&progress, "b@d.fr"), AccountStatus::Waiting);
        assert_eq!(progress.percent(), 50);
    }

    #[test]
    fn what_may_be_done_follows_the_phase_and_each_account() {
        let mut progress = started();
        let stopped = AccountStatus::Stopped {
            step: "rename".into(),
            problem: Problem::new("refused", "retry"),
            stranded: true,
        };
        progress.apply(event("a@d.fr", stopped));
        progress.apply(event("b@d.fr", AccountStatus::AwaitingCopy));
        progress.hold(true);
        assert!(progress.can(Action::Resume) && !progress.can(Action::Pause));
        progress.apply(Update::Ran(Ok(())));
        assert_eq!(progress.phase, Phase::Idle);
        let c = progress.counts();
        assert_eq!((c.moving, c.moved, c.stopped, c.stranded), (2, 1, 1, 1));
        assert!(progress.can(Action::Retry("a@d.fr")));
        assert!(!progress.can(Action::Retry("b@d.fr")));
        assert!(
            progress.can(Action::Rollback("a@d.fr")) && progress.can(Action::Rollback("b@d.fr"))
        );
        assert!(
            progress.can(Action::ConfirmCopy("b@d.fr")) && !progress.can(Action::Reset("b@d.fr"))
        );
        assert!(progress.can(Action::GoToCopy) && !progress.can(Action::GoToFinish));
        assert!(progress.shows_copy("b@d.fr") && !progress.shows_reset("b@d.fr"));
        assert!(!progress.shows_copy("a@d.fr"), "stopped before its copy");
        progress.sent(Command::ConfirmAll);
        assert!(!progress.can(Action::ConfirmAll), "one command at a time");
        assert!(!progress.can(Action::BuildReport), "one command at a time");
        progress.apply(event("b@d.fr", AccountStatus::CopyConfirmed));
        progress.apply(Update::Answered(Command::ConfirmAll, Ok(Answer::Done)));
        assert!(progress.can(Action::Reset("b@d.fr")) && progress.can(Action::GoToFinish));
        assert!(progress.can(Action::Sizes("b@d.fr")) && !progress.can(Action::Sizes("a@d.fr")));
        progress.sent(Command::Sizes("b@d.fr".into()));
        progress.apply(Update::Answered(
            Command::Sizes("b@d.fr".into()),
            Ok(Answer::Sizes {
                source: 7,
                destination: 5,
            }),
        ));
        assert_eq!(progress.sizes_of("b@d.fr"), Some((7, 5)));
        assert_eq!(progress.sizes_of("a@d.fr"), None);
        assert!(progress.shows_reset("b@d.fr") && progress.can(Action::BuildReport));
        progress.apply(event("b@d.fr", AccountStatus::Done));
        assert!(progress.shows_copy("b@d.fr") && progress.shows_reset("b@d.fr"));
        assert!(
            !progress.can(Action::Rollback("b@d.fr")),
            "its mailbox is gone"
        );
    }

    #[test]
    fn a_refused_command_is_told_and_a_cancel_waits_for_a_resume() {
        let mut progress = started();
        progress.apply(Update::Ran(Ok(())));
        let refused = Refusal::DestinationSmaller {
            address: "a@d.fr".into(),
            source: 300,
            destination: 0,
        };
        progress.apply(Update::Answered(
            Command::Reset("a@d.fr".into()),
            Err(RunError::Refused(refused.clone())),
        ));
        assert_eq!(progress.phase, Phase::Idle);
        assert_eq!(progress.refusal, Some(Declined::Refused(refused)));
        assert!(progress.reset_refused("A@d.fr") && !progress.reset_refused("b@d.fr"));
        progress.sent(Command::OverrideReset("a@d.fr".into()));
        assert!(
            !progress.reset_refused("a@d.fr"),
            "told until the next command"
        );
        progress.apply(Update::Answered(
            Command::Sizes("b@d.fr".into()),
            Err(RunError::Failed(Box::new(Problem::new(
                "unreadable",
                "retry",
            )))),
        ));
        assert!(matches!(progress.refusal, Some(Declined::Failed(_))));
        assert!(!progress.reset_refused("b@d.fr"));
        let mut running = started();
        running.apply(Update::Ran(Err(RunError::Cancelled)));
        assert_eq!(running.phase, Phase::Cancelled);
        assert!(running.can(Action::Resume) && !running.can(Action::RollbackAll));
    }
}
