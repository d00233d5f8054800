//! Carrying a plan out: per account, the guide's steps as a state machine in which every step
//! reads before it writes, waits for its task and reads back, and is journaled before and after.

use std::cell::{Cell, RefCell};
use std::time::Duration;

use futures_util::StreamExt;
use mailshift_ovh::models::bodies::{
    AccountUpdate, FullAccessGrant, NewAlias, NewDisclaimer, NewDomain, NewExternalContact,
    NewLegacyAccount, NewMailingList, NewManager, NewMember, NewPassword, SendGrant,
};
use mailshift_ovh::models::domain::{LegacyAccount, LegacyUsage};
use mailshift_ovh::models::exchange::{Export, ExportUrl, MailingList};
use mailshift_ovh::models::hosted::DomainType;
use mailshift_ovh::models::{
    Disclaimer, ExternalContact, HostedAccount, HostedDomain, ObjectState, Task, TaskStatus,
};
use mailshift_ovh::operations::{domain, exchange, pro};
use mailshift_ovh::service::{HostedCalls, Platform, ServiceId};
use mailshift_ovh::{ApiPath, CancelToken, Client, Clock, Error, ErrorKind, Transport};

use crate::journal::{Entry, Journal, JournalError};
use crate::passwords::{Passwords, generate};
use crate::plan::{AccountPlan, Pace, Plan};
use crate::status::{AccountStatus, Event, Problem, Tally};
use crate::step::{Group, Right, Side, Step};

/// A reset is refused while the destination holds less than this share of the source's
/// mailbox (in percent): "clearly less", leaving room for what each platform counts apart.
pub const RESET_SHARE_PERCENT: u64 = 90;

/// Pause, resume and cancel, as a page's buttons send them; each takes effect at the next step
/// boundary.
#[derive(Debug, Default)]
pub struct Control {
    paused: Cell<bool>,
    cancel: CancelToken,
}

impl Control {
    /// A control that lets the run go.
    pub fn new() -> Self {
        Self::default()
    }

    /// Holds the run at the next step boundary.
    pub fn pause(&self) {
        self.paused.set(true);
    }

    /// Lets a paused run go on.
    pub fn resume(&self) {
        self.paused.set(false);
    }

    /// Stops the run at the next step boundary; it can be resumed from its journal.
    pub fn cancel(&self) {
        self.cancel.cancel();
    }

    /// Whether the run is held.
    pub fn is_paused(&self) -> bool {
        self.paused.get()
    }

    /// Whether the run was cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }
}

/// How the engine waits: its pace, and how long one step may take before it stops waiting.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timing {
    /// The first look after a write and the pause between later looks.
    pub pace: Pace,
    /// The longest one step may take.
    pub deadline: Duration,
    /// How many times one step's write may be sent, each after a re-read showed it had not
    /// taken effect (a refused, lost or failed write).
    pub attempts: u32,
}

impl Default for Timing {
    fn default() -> Self {
        Self {
            pace: Pace::default(),
            deadline: Duration::from_secs(45 * 60),
            attempts: 4,
        }
    }
}

/// Why a run (not one account) cannot go on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunError {
    /// The journal cannot be kept.
    Journal(JournalError),
    /// The plan has blocking findings, or there is nothing to run.
    NotRunnable(String),
    /// Phase 1 failed: no account was touched.
    Phase1(Problem),
    /// The user cancelled; resume from the journal to go on.
    Cancelled,
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Journal(e) => e.fmt(f),
            Self::NotRunnable(why) => f.write_str(why),
            Self::Phase1(problem) => write!(
                f,
                "the destination could not be prepared, so no account was touched: {}",
                problem.message
            ),
            Self::Cancelled => f.write_str("the run was cancelled; resume it to go on"),
        }
    }
}

impl From<JournalError> for RunError {
    fn from(error: JournalError) -> Self {
        Self::Journal(error)
    }
}

/// What a step failing means for its account.
#[derive(Debug)]
enum Stop {
    Failed(Problem),
    Cancelled,
    Journal(JournalError),
}

impl From<JournalError> for Stop {
    fn from(error: JournalError) -> Self {
        Self::Journal(error)
    }
}

impl From<&Error> for Stop {
    fn from(error: &Error) -> Self {
        Self::Failed(error.into())
    }
}

/// Whose call a read is, and whether it waits on a write (a poll) or comes before one.
#[derive(Clone, Copy, Debug)]
struct Who<'s> {
    account: Option<&'s str>,
    waiting: bool,
    /// Between a rename taking effect and the address being configured on the destination,
    /// the address exists nowhere: those calls go ahead of the others.
    urgent: bool,
}

/// What one look found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Seen {
    Done,
    Undone,
    Busy,
}

/// What the journal says, kept in memory.
#[derive(Debug, Default)]
struct Book {
    done: Vec<(Option<String>, Step)>,
    /// Steps whose last outcome was a failure.
    failed: Vec<(Option<String>, Step, Problem)>,
    intents: Vec<(Option<String>, Step, i64)>,
    statuses: Vec<(String, AccountStatus)>,
    confirmed: Vec<String>,
    overrides: Vec<String>,
    rolled_back: Vec<String>,
    ids: Vec<(String, i64)>,
}

impl Book {
    fn is_done(&self, account: Option<&str>, step: &Step) -> bool {
        self.done
            .iter()
            .any(|(a, s)| a.as_deref() == account && s == step)
    }

    fn intent(&self, account: Option<&str>, step: &Step) -> Option<i64> {
        self.intents
            .iter()
            .rev()
            .find(|(a, s, _)| a.as_deref() == account && s == step)
            .map(|(_, _, t)| *t)
    }

    fn status(&self, address: &str) -> Option<&AccountStatus> {
        self.statuses
            .iter()
            .find(|(a, _)| a == address)
            .map(|(_, s)| s)
    }

    fn set_status(&mut self, address: &str, status: AccountStatus) {
        match self.statuses.iter_mut().find(|(a, _)| a == address) {
            Some((_, s)) => *s = status,
            None => self.statuses.push((address.to_owned(), status)),
        }
    }

    fn read(&mut self, entry: &Entry) {
        match entry {
            Entry::Planned { .. } | Entry::PasswordRenewed { .. } => {}
            Entry::Intent {
                account,
                step,
                server_s,
                ..
            } => self
                .intents
                .push((account.clone(), step.clone(), *server_s)),
            Entry::Done { account, step, .. } => {
                self.failed.retain(|(a, s, _)| !(a == account && s == step));
                self.done.push((account.clone(), step.clone()));
            }
            Entry::Failed {
                account,
                step,
                problem,
                ..
            } => self
                .failed
                .push((account.clone(), step.clone(), problem.clone())),
            Entry::CopyConfirmed { account } => self.confirmed.push(account.clone()),
            Entry::ResetOverride { account } => self.overrides.push(account.clone()),
            Entry::RolledBack { account } => {
                self.rolled_back.push(account.clone());
                self.done.retain(|(a, _)| a.as_deref() != Some(account));
                self.failed
                    .retain(|(a, _, _)| a.as_deref() != Some(account));
                self.intents
                    .retain(|(a, _, _)| a.as_deref() != Some(account));
            }
        }
    }
}

/// A migration under way: a plan, the client that carries it out, and its journal.
pub struct Migration<'a, T, C, J> {
    client: &'a Client<T, C>,
    journal: &'a J,
    control: &'a Control,
    timing: Timing,
    plan: Plan,
    passwords: RefCell<Passwords>,
    book: RefCell<Book>,
    tallies: RefCell<Vec<(Option<String>, Tally)>>,
    settles: RefCell<Vec<(&'static str, Duration)>>,
    listener: Box<dyn Fn(&Event) + 'a>,
}

impl<'a, T: Transport, C: Clock, J: Journal> Migration<'a, T, C, J> {
    /// Starts a new run of `plan`: its journal must be empty, and the plan runnable.
    pub async fn start(
        client: &'a Client<T, C>,
        journal: &'a J,
        control: &'a Control,
        plan: Plan,
        passwords: Passwords,
    ) -> Result<Self, RunError> {
        if !plan.can_run() {
            return Err(RunError::NotRunnable(
                "the plan has blocking findings or no account to move: fix them and plan again"
                    .into(),
            ));
        }
        if !journal.load().await?.is_empty() {
            return Err(RunError::NotRunnable(
                "a run is already recorded in this journal: resume it, or roll it back".into(),
            ));
        }
        journal
            .append(&Entry::Planned {
                plan: Box::new(plan.clone()),
            })
            .await?;
        Ok(Self::new(
            client,
            journal,
            control,
            plan,
            passwords,
            Book::default(),
        ))
    }

    /// Resumes the run its journal records, reconciling each step with OVHcloud as it goes.
    /// `passwords` are those still in memory; where one is missing and the account's content
    /// copy has not been confirmed, a new one is set and the report says so.
    pub async fn resume(
        client: &'a Client<T, C>,
        journal: &'a J,
        control: &'a Control,
        passwords: Passwords,
    ) -> Result<Self, RunError> {
        let entries = journal.load().await?;
        let Some(Entry::Planned { plan }) = entries.first() else {
            return Err(RunError::NotRunnable(
                "this journal records no run to resume".into(),
            ));
        };
        let mut book = Book::default();
        for entry in &entries {
            book.read(entry);
        }
        let plan = (**plan).clone();
        let migration = Self::new(client, journal, control, plan, passwords, book);
        migration.renew_lost_passwords().await?;
        for (address, status) in migration.statuses() {
            if let AccountStatus::Stopped { step, problem, .. } = status {
                let stranded = migration.is_stranded(&address).await;
                let status = stopped_status(&address, &step, problem, stranded);
                migration.book.borrow_mut().set_status(&address, status);
            }
        }
        Ok(migration)
    }

    fn new(
        client: &'a Client<T, C>,
        journal: &'a J,
        control: &'a Control,
        plan: Plan,
        passwords: Passwords,
        book: Book,
    ) -> Self {
        let migration = Self {
            client,
            journal,
            control,
            timing: Timing::default(),
            plan,
            passwords: RefCell::new(passwords),
            book: RefCell::new(book),
            tallies: RefCell::new(Vec::new()),
            settles: RefCell::new(Vec::new()),
            listener: Box::new(|_| {}),
        };
        for account in &migration.plan.accounts {
            if migration.book.borrow().status(&account.address).is_none() {
                let status = if account.blocked {
                    AccountStatus::Blocked
                } else {
                    migration.settled_status(account)
                };
                migration
                    .book
                    .borrow_mut()
                    .set_status(&account.address, status);
            }
        }
        migration
    }

    /// The same run, waiting as `timing` says.
    pub fn with_timing(mut self, timing: Timing) -> Self {
        self.timing = timing;
        self
    }

    /// The same run, telling `listener` every event.
    pub fn on_event(mut self, listener: impl Fn(&Event) + 'a) -> Self {
        self.listener = Box::new(listener);
        self
    }

    /// The plan being carried out.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Where each account of the plan stands, in the plan's order.
    pub fn statuses(&self) -> Vec<(String, AccountStatus)> {
        let book = self.book.borrow();
        self.plan
            .accounts
            .iter()
            .map(|a| {
                let status = book
                    .status(&a.address)
                    .cloned()
                    .unwrap_or(AccountStatus::Waiting);
                (a.address.clone(), status)
            })
            .collect()
    }

    /// The status of one account.
    pub fn status(&self, address: &str) -> Option<AccountStatus> {
        self.book.borrow().status(&address.to_lowercase()).cloned()
    }

    /// The calls made so far by kind, per account (`None`: phase 1 and the service's objects).
    pub fn tallies(&self) -> Vec<(Option<String>, Tally)> {
        self.tallies.borrow().clone()
    }

    /// Every password set so far, for the page to keep in memory across runs of one journal.
    pub fn passwords(&self) -> Passwords {
        self.passwords.borrow().clone()
    }

    /// The password set (or to set) on `address`, to show once or hand to the copy tool.
    pub fn password(&self, address: &str) -> Option<mailshift_ovh::Secret> {
        self.passwords.borrow().get(address).cloned()
    }

    /// Carries the plan out up to the content copy: phase 1, then every account (at most
    /// `at_once` together), then delegations, then the service's contacts and footers.
    pub async fn run(&self) -> Result<(), RunError> {
        for step in &self.plan.global {
            match self.apply(None, step, false).await {
                Ok(_) => {}
                Err(Stop::Failed(problem)) => return Err(RunError::Phase1(problem)),
                Err(Stop::Cancelled) => return Err(RunError::Cancelled),
                Err(Stop::Journal(e)) => return Err(RunError::Journal(e)),
            }
        }
        let accounts: Vec<&AccountPlan> =
            self.plan.moving().filter(|a| self.should_move(a)).collect();
        let at_once = usize::from(self.plan.options.at_once.max(1));
        let journal_failure = RefCell::new(None);
        futures_util::stream::iter(accounts)
            .for_each_concurrent(at_once, |account| async {
                if let Err(e) = self.move_account(account).await {
                    *journal_failure.borrow_mut() = Some(e);
                }
            })
            .await;
        if let Some(e) = journal_failure.into_inner() {
            return Err(RunError::Journal(e));
        }
        for account in self.plan.moving() {
            if self.has_address(account) {
                self.delegate(account).await?;
            }
        }
        for step in &self.plan.service {
            match self.apply(None, step, false).await {
                Ok(_) | Err(Stop::Failed(_)) => {}
                Err(Stop::Cancelled) => return Err(RunError::Cancelled),
                Err(Stop::Journal(e)) => return Err(RunError::Journal(e)),
            }
        }
        if self.control.is_cancelled() {
            return Err(RunError::Cancelled);
        }
        Ok(())
    }

    /// Runs one account again from where it stands (after a failure).
    pub async fn retry(&self, address: &str) -> Result<(), RunError> {
        let Some(account) = self.plan.account(address).filter(|a| !a.blocked) else {
            return Err(RunError::NotRunnable(format!(
                "{address} is not an account this run moves"
            )));
        };
        self.move_account(account).await?;
        if self.has_address(account) {
            self.delegate(account).await?;
        }
        Ok(())
    }

    /// Records that the user checked the account's content copy.
    pub async fn confirm_copy(&self, address: &str) -> Result<(), RunError> {
        let account = self.moving_account(address)?;
        if self.book.borrow().status(&account.address) != Some(&AccountStatus::AwaitingCopy) {
            return Err(RunError::NotRunnable(format!(
                "{} is not waiting for its copy",
                account.address
            )));
        }
        self.journal
            .append(&Entry::CopyConfirmed {
                account: account.address.clone(),
            })
            .await?;
        self.book
            .borrow_mut()
            .confirmed
            .push(account.address.clone());
        self.set_status(&account.address, AccountStatus::CopyConfirmed);
        Ok(())
    }

    /// Lets the account be reset although its destination holds clearly less than the
    /// source: the user takes it on, by name.
    pub async fn override_reset(&self, address: &str) -> Result<(), RunError> {
        let account = self.moving_account(address)?;
        self.journal
            .append(&Entry::ResetOverride {
                account: account.address.clone(),
            })
            .await?;
        self.book
            .borrow_mut()
            .overrides
            .push(account.address.clone());
        Ok(())
    }

    /// Resets the provisional source account of a confirmed copy, erasing the source mailbox,
    /// unless the destination holds clearly less (see [`RESET_SHARE_PERCENT`]) and the user
    /// did not override it. Returns the two usages compared, in bytes.
    pub async fn reset(&self, address: &str) -> Result<(u64, u64), RunError> {
        let account = self.moving_account(address)?;
        if self.book.borrow().status(&account.address) != Some(&AccountStatus::CopyConfirmed) {
            return Err(RunError::NotRunnable(format!(
                "{}: confirm its content copy before resetting the source account",
                account.address
            )));
        }
        let by = Who {
            account: Some(&account.address),
            waiting: false,
            urgent: false,
        };
        let figures = self.usages(by, account).await;
        let (source, destination) = match figures {
            Ok(figures) => figures,
            Err(e) => {
                let problem = Problem::from(&e);
                return Err(RunError::NotRunnable(problem.message));
            }
        };
        let overridden = self.book.borrow().overrides.contains(&account.address);
        if destination * 100 < source * RESET_SHARE_PERCENT && !overridden {
            return Err(RunError::NotRunnable(format!(
                "{}: the destination mailbox holds {} MB and the source {} MB. Resetting would erase mail that may not have been copied: check the copy, or override the reset for this account by name.",
                account.address,
                destination / (1024 * 1024),
                source / (1024 * 1024)
            )));
        }
        match self
            .apply(Some(&account.address), &account.reset(), false)
            .await
        {
            Ok(_) => {
                self.set_status(&account.address, AccountStatus::Done);
                Ok((source, destination))
            }
            Err(stop) => Err(self.stopped(&account.address, &account.reset(), stop).await),
        }
    }

    /// Where to download the account's PST backup, and until when (the run made it when
    /// [`Options::pst_backup`](crate::Options) was on).
    pub async fn pst(&self, address: &str) -> Result<ExportUrl, RunError> {
        let account = self.moving_account(address)?;
        let by = Who {
            account: Some(&account.address),
            waiting: false,
            urgent: false,
        };
        let read = async {
            let path = self.path(Side::Source, exchange::EXPORT_URL, &[&account.provisional])?;
            self.get::<ExportUrl>(by, &path).await
        };
        read.await
            .map_err(|e| RunError::NotRunnable(Problem::from(&e).message))
    }

    /// Removes the account's PST export from OVHcloud once it is downloaded.
    pub async fn drop_pst(&self, address: &str) -> Result<(), RunError> {
        let account = self.moving_account(address)?;
        let step = Step::DropPst {
            address: account.provisional.clone(),
        };
        match self.apply(Some(&account.address), &step, false).await {
            Ok(_) => Ok(()),
            Err(stop) => Err(self.stopped(&account.address, &step, stop).await),
        }
    }

    /// Puts one account back as it was on the source: its recreated delegations and aliases
    /// leave the destination, its destination account returns to a free slot, its aliases
    /// return to the source account, and the source account takes its address back.
    pub async fn rollback(&self, address: &str) -> Result<(), RunError> {
        let account = self.moving_account(address)?;
        let reset = account.reset();
        if self.book.borrow().is_done(Some(&account.address), &reset) {
            return Err(RunError::NotRunnable(format!(
                "{}: the source account was reset, so its mailbox is gone and it cannot be rolled back",
                account.address
            )));
        }
        let undo: Vec<Step> = account
            .steps
            .iter()
            .chain(&account.delegations)
            .rev()
            .filter(|s| {
                self.book
                    .borrow()
                    .intent(Some(&account.address), s)
                    .is_some()
            })
            .flat_map(Step::undo)
            .collect();
        self.set_status(
            &account.address,
            AccountStatus::Moving {
                step: "roll back".into(),
            },
        );
        for step in &undo {
            if let Err(stop) = self.apply(Some(&account.address), step, false).await {
                return Err(self.stopped(&account.address, step, stop).await);
            }
        }
        self.journal
            .append(&Entry::RolledBack {
                account: account.address.clone(),
            })
            .await?;
        self.book.borrow_mut().read(&Entry::RolledBack {
            account: account.address.clone(),
        });
        self.set_status(&account.address, AccountStatus::RolledBack);
        Ok(())
    }

    /// Rolls back every account the run touched, then removes the contacts and footers it
    /// recreated.
    pub async fn rollback_all(&self) -> Result<(), RunError> {
        let touched: Vec<String> = self
            .plan
            .moving()
            .filter(|a| {
                let book = self.book.borrow();
                a.steps
                    .iter()
                    .any(|s| book.intent(Some(&a.address), s).is_some())
            })
            .map(|a| a.address.clone())
            .collect();
        for address in touched {
            self.rollback(&address).await?;
        }
        for step in self.plan.service.iter().rev() {
            if self.book.borrow().intent(None, step).is_none() {
                continue;
            }
            for undo in step.undo() {
                match self.apply(None, &undo, false).await {
                    Ok(_) => {}
                    Err(Stop::Failed(p)) => return Err(RunError::NotRunnable(p.message)),
                    Err(Stop::Cancelled) => return Err(RunError::Cancelled),
                    Err(Stop::Journal(e)) => return Err(RunError::Journal(e)),
                }
            }
        }
        Ok(())
    }

    fn moving_account(&self, address: &str) -> Result<&AccountPlan, RunError> {
        self.plan
            .account(address)
            .filter(|a| !a.blocked)
            .ok_or_else(|| {
                RunError::NotRunnable(format!("{address} is not an account this run moves"))
            })
    }

    /// The account's status from the journal alone, before anything is read.
    fn settled_status(&self, account: &AccountPlan) -> AccountStatus {
        let book = self.book.borrow();
        if book.rolled_back.contains(&account.address) {
            AccountStatus::RolledBack
        } else if book.is_done(Some(&account.address), &account.reset()) {
            AccountStatus::Done
        } else if book.confirmed.contains(&account.address) {
            AccountStatus::CopyConfirmed
        } else if let Some((_, step, problem)) = book
            .failed
            .iter()
            .find(|(a, _, _)| a.as_deref() == Some(account.address.as_str()))
        {
            // Whether the address exists nowhere is read again on resume.
            AccountStatus::Stopped {
                step: step.name().to_owned(),
                problem: problem.clone(),
                stranded: false,
            }
        } else {
            AccountStatus::Waiting
        }
    }

    /// Whether `run` still has work for the account.
    fn should_move(&self, account: &AccountPlan) -> bool {
        !matches!(
            self.book.borrow().status(&account.address),
            Some(AccountStatus::CopyConfirmed | AccountStatus::Done | AccountStatus::RolledBack)
        )
    }

    /// Whether the account's address is live on the destination.
    fn has_address(&self, account: &AccountPlan) -> bool {
        matches!(
            self.book.borrow().status(&account.address),
            Some(AccountStatus::AwaitingCopy | AccountStatus::CopyConfirmed | AccountStatus::Done)
        )
    }

    /// An account's steps up to the content copy.
    async fn move_account(&self, account: &AccountPlan) -> Result<(), JournalError> {
        let mut renamed_now = false;
        for step in &account.steps {
            if let Err(stop) = self.checkpoint().await {
                self.stopped(&account.address, step, stop).await;
                return Ok(());
            }
            self.set_status(
                &account.address,
                AccountStatus::Moving {
                    step: step.name().to_owned(),
                },
            );
            // The rename just made the address free, and an address lives in one place: the
            // destination cannot hold it yet, so its slot is configured without a read first,
            // keeping the window in which the address exists nowhere as short as it can be.
            let known_undone = renamed_now && matches!(step, Step::Configure { .. });
            match self.apply(Some(&account.address), step, known_undone).await {
                Ok(written) => renamed_now = written && matches!(step, Step::Rename { .. }),
                Err(Stop::Journal(e)) => return Err(e),
                Err(stop) => {
                    self.stopped(&account.address, step, stop).await;
                    return Ok(());
                }
            }
        }
        self.set_status(&account.address, AccountStatus::AwaitingCopy);
        Ok(())
    }

    /// The account's delegations, once both ends have their address on the destination.
    async fn delegate(&self, account: &AccountPlan) -> Result<(), RunError> {
        for step in &account.delegations {
            let Step::Delegate { delegate, .. } = step else {
                continue;
            };
            let ready = self
                .plan
                .account(delegate)
                .is_some_and(|d| self.has_address(d));
            if !ready {
                continue;
            }
            match self.apply(Some(&account.address), step, false).await {
                Ok(_) => {}
                Err(Stop::Journal(e)) => return Err(RunError::Journal(e)),
                Err(stop) => {
                    self.stopped(&account.address, step, stop).await;
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    /// Records that an account stopped at `step`, with the way back when it is stranded.
    async fn stopped(&self, address: &str, step: &Step, stop: Stop) -> RunError {
        let problem = match stop {
            Stop::Failed(problem) => problem,
            Stop::Cancelled => {
                self.set_status(address, AccountStatus::Paused);
                return RunError::Cancelled;
            }
            Stop::Journal(e) => return RunError::Journal(e),
        };
        let stranded = self.is_stranded(address).await;
        let message = problem.message.clone();
        self.set_status(
            address,
            stopped_status(address, step.name(), problem, stranded),
        );
        RunError::NotRunnable(message)
    }

    /// Whether the address exists nowhere: read now, not taken from the journal, since a
    /// write whose answer was lost may have landed. Gone from the source (or busy there, a
    /// rename perhaps under way) and not on the destination; when OVHcloud cannot be read,
    /// the account is said to be stranded, so the way back is offered rather than hidden.
    async fn is_stranded(&self, address: &str) -> bool {
        let by = Who {
            account: Some(address),
            waiting: false,
            urgent: false,
        };
        let legacy = self.plan.destination.platform() == Platform::LegacyMxPlan;
        let on_source = match self.account(by, Side::Source, address).await {
            Ok(found) => found,
            Err(_) => return true,
        };
        let renamed = on_source.is_none_or(|a| !is_idle(&a));
        if !renamed {
            return false;
        }
        let live = if legacy {
            let local = address.split('@').next().unwrap_or_default();
            let path = self.path(Side::Destination, domain::ACCOUNT, &[local]);
            match path {
                Ok(path) => found::<LegacyAccount>(self.get(by, &path).await).map(|a| a.is_some()),
                Err(e) => Err(e),
            }
        } else {
            self.account(by, Side::Destination, address)
                .await
                .map(|a| a.is_some())
        };
        !live.unwrap_or(false)
    }

    fn set_status(&self, address: &str, status: AccountStatus) {
        self.book.borrow_mut().set_status(address, status.clone());
        (self.listener)(&Event::Account {
            address: address.to_owned(),
            status,
        });
    }

    /// Where the run waits while paused, and stops when cancelled.
    async fn checkpoint(&self) -> Result<(), Stop> {
        while self.control.is_paused() && !self.control.is_cancelled() {
            self.client.clock().sleep(Duration::from_millis(250)).await;
        }
        if self.control.is_cancelled() {
            Err(Stop::Cancelled)
        } else {
            Ok(())
        }
    }

    /// After a reload, passwords are no longer in memory: where the content copy has not been
    /// confirmed, the password steps run again with new ones.
    async fn renew_lost_passwords(&self) -> Result<(), RunError> {
        for account in self.plan.moving() {
            if self.book.borrow().confirmed.contains(&account.address) {
                continue;
            }
            let mut renewed = false;
            for step in &account.steps {
                let address = match step {
                    Step::SetPassword { address } | Step::SetSourcePassword { address } => address,
                    _ => continue,
                };
                let known = self.passwords.borrow().get(address).is_some();
                let attempted = self
                    .book
                    .borrow()
                    .intent(Some(&account.address), step)
                    .is_some();
                if !known && attempted {
                    let mut book = self.book.borrow_mut();
                    book.done
                        .retain(|(a, s)| !(a.as_deref() == Some(&account.address) && s == step));
                    book.intents
                        .retain(|(a, s, _)| !(a.as_deref() == Some(&account.address) && s == step));
                    renewed = true;
                }
            }
            if renewed {
                self.journal
                    .append(&Entry::PasswordRenewed {
                        account: account.address.clone(),
                    })
                    .await?;
                self.book
                    .borrow_mut()
                    .set_status(&account.address, AccountStatus::Waiting);
            }
        }
        Ok(())
    }

    /// One step: read, write if needed, wait, read back; journaled before and after. Returns
    /// whether anything was written.
    async fn apply(
        &self,
        account: Option<&str>,
        step: &Step,
        known_undone: bool,
    ) -> Result<bool, Stop> {
        let clock = self.client.clock();
        let started = clock.now_ms();
        let deadline_ms = i64::try_from(self.timing.deadline.as_millis()).unwrap_or(i64::MAX);
        let pace = self.timing.pace;
        let mut sends = 0;
        let mut expect_done = false;
        let mut waited = false;
        let mut busy_last = false;
        let mut sent_at = None;
        let mut looks_after_write = 0u32;
        let mut pause: Option<Duration> = None;
        let mut skip_read = known_undone || self.needs_no_read(account, step);
        loop {
            if let Some(wait) = pause.take() {
                clock.sleep(wait).await;
            }
            if clock.now_ms() - started > deadline_ms {
                return self
                    .fail(
                        account,
                        step,
                        Problem::new(
                            format!(
                                "{} is still not finished after {}",
                                step.name(),
                                minutes(self.timing.deadline)
                            ),
                            ErrorKind::DeadlineExceeded.advice(),
                        ),
                    )
                    .await;
            }
            let seen = if std::mem::take(&mut skip_read) {
                Seen::Undone
            } else {
                let waiting = expect_done || waited;
                let by = Who {
                    account,
                    waiting,
                    urgent: window_critical(step, waiting),
                };
                // A busy object has not moved yet: look where it was first.
                if sent_at.is_some() {
                    looks_after_write += 1;
                }
                match self.observe(by, step, expect_done && !busy_last).await {
                    Ok(seen) => seen,
                    Err(e) => return self.fail(account, step, (&e).into()).await,
                }
            };
            busy_last = seen == Seen::Busy;
            match seen {
                Seen::Done => {
                    if sent_at.is_some() {
                        self.learn(step, looks_after_write);
                    }
                    return self.done(account, step, sends > 0).await;
                }
                Seen::Busy => {
                    waited = true;
                    pause = Some(pace.poll);
                    continue;
                }
                Seen::Undone => {}
            }
            if sends >= self.timing.attempts {
                return self
                    .fail(
                        account,
                        step,
                        Problem::new(
                            format!("{} did not take effect after {sends} attempts", step.name()),
                            ErrorKind::TaskFailed.advice(),
                        ),
                    )
                    .await;
            }
            let server_s = match self.client.server_time().await {
                Ok(s) => s,
                Err(e) => return self.fail(account, step, (&e).into()).await,
            };
            let intent = Entry::Intent {
                at_ms: clock.now_ms(),
                server_s,
                account: account.map(str::to_owned),
                step: step.clone(),
            };
            self.journal.append(&intent).await?;
            self.book.borrow_mut().read(&intent);
            sends += 1;
            self.count(account, |t| t.writes += 1);
            let by = Who {
                account,
                waiting: true,
                urgent: window_critical(step, true),
            };
            sent_at = Some(clock.now_ms());
            match self.send(by, step).await {
                Ok(Some(task)) => match self.wait_for_task(by, task, step).await {
                    Ok(TaskStatus::Done) if reads_back_through_task(step) => {
                        return self.done(account, step, true).await;
                    }
                    Ok(_) => expect_done = true,
                    Err(e) => return self.fail(account, step, (&e).into()).await,
                },
                Ok(None) => {
                    expect_done = true;
                    pause = Some(self.settle_for(step));
                }
                // Busy, or slowed down: OVHcloud did nothing, so this was no attempt.
                Err(e) if is_busy(&e) || e.kind == ErrorKind::RateLimited => {
                    sends -= 1;
                    expect_done = false;
                    pause = Some(pace.poll);
                }
                Err(e) if e.kind.is_transient() => {
                    // The answer may be lost while the write was done: read, then decide.
                    expect_done = true;
                    pause = Some(pace.settle);
                }
                Err(e) => return self.fail(account, step, (&e).into()).await,
            }
        }
    }

    /// Password steps cannot be read back before a first attempt: nothing to read.
    fn needs_no_read(&self, account: Option<&str>, step: &Step) -> bool {
        matches!(
            step,
            Step::SetPassword { .. } | Step::SetSourcePassword { .. }
        ) && self.book.borrow().intent(account, step).is_none()
    }

    async fn done(&self, account: Option<&str>, step: &Step, written: bool) -> Result<bool, Stop> {
        let entry = Entry::Done {
            at_ms: self.client.clock().now_ms(),
            account: account.map(str::to_owned),
            step: step.clone(),
            skipped: !written,
        };
        self.journal.append(&entry).await?;
        self.book.borrow_mut().read(&entry);
        (self.listener)(&Event::StepDone {
            account: account.map(str::to_owned),
            step: step.clone(),
            skipped: !written,
        });
        Ok(written)
    }

    async fn fail(
        &self,
        account: Option<&str>,
        step: &Step,
        problem: Problem,
    ) -> Result<bool, Stop> {
        let entry = Entry::Failed {
            at_ms: self.client.clock().now_ms(),
            account: account.map(str::to_owned),
            step: step.clone(),
            problem: problem.clone(),
        };
        self.journal.append(&entry).await?;
        self.book.borrow_mut().read(&entry);
        Err(Stop::Failed(problem))
    }

    fn service(&self, side: Side) -> &ServiceId {
        match side {
            Side::Source => &self.plan.source,
            Side::Destination => &self.plan.destination,
        }
    }

    fn calls(&self, side: Side) -> Result<HostedCalls, Error> {
        self.service(side)
            .hosted_calls()
            .ok_or_else(|| Error::bad_input("this step has no call on legacy MX Plan"))
    }

    fn path(
        &self,
        side: Side,
        operation: mailshift_ovh::Operation,
        rest: &[&str],
    ) -> Result<ApiPath, Error> {
        self.service(side).path(operation, rest)
    }

    /// A read, counted for its account as a read or a poll.
    async fn get<R: serde::de::DeserializeOwned>(
        &self,
        by: Who<'_>,
        path: &ApiPath,
    ) -> Result<R, Error> {
        self.count(by.account, |t| {
            if by.waiting {
                t.polls += 1;
            } else {
                t.reads += 1;
            }
        });
        if by.urgent {
            self.client.urgent().get(path).await
        } else {
            self.client.get(path).await
        }
    }

    fn count(&self, account: Option<&str>, add: impl FnOnce(&mut Tally)) {
        let mut tallies = self.tallies.borrow_mut();
        let index = match tallies.iter().position(|(a, _)| a.as_deref() == account) {
            Some(i) => i,
            None => {
                tallies.push((account.map(str::to_owned), Tally::default()));
                tallies.len() - 1
            }
        };
        add(&mut tallies[index].1);
    }

    /// An account of one side, `None` when it does not exist.
    async fn account(
        &self,
        by: Who<'_>,
        side: Side,
        address: &str,
    ) -> Result<Option<HostedAccount>, Error> {
        let calls = self.calls(side)?;
        found(
            self.get(by, &self.path(side, calls.account, &[address])?)
                .await,
        )
    }

    /// The numeric id of a destination account, read once.
    async fn destination_id(&self, by: Who<'_>, address: &str) -> Result<Option<i64>, Error> {
        let known = self
            .book
            .borrow()
            .ids
            .iter()
            .find(|(a, _)| a == address)
            .map(|(_, id)| *id);
        if known.is_some() {
            return Ok(known);
        }
        let account = self.account(by, Side::Destination, address).await?;
        if let Some(account) = &account {
            self.book
                .borrow_mut()
                .ids
                .push((address.to_owned(), account.id));
        }
        Ok(account.map(|a| a.id))
    }

    async fn aliases(
        &self,
        by: Who<'_>,
        side: Side,
        address: &str,
    ) -> Result<Option<Vec<String>>, Error> {
        let calls = self.calls(side)?;
        found(
            self.get(by, &self.path(side, calls.aliases, &[address])?)
                .await,
        )
    }

    /// Whether `alias` is on the account; `None` when the account does not exist.
    async fn has_alias(
        &self,
        by: Who<'_>,
        side: Side,
        account: &str,
        alias: &str,
    ) -> Result<Option<bool>, Error> {
        Ok(self
            .aliases(by, side, account)
            .await?
            .map(|list| list.iter().any(|a| a.eq_ignore_ascii_case(alias))))
    }

    /// Whether the delegate holds the right on the destination account.
    async fn holds_right(
        &self,
        by: Who<'_>,
        account: &str,
        right: Right,
        delegate: &str,
    ) -> Result<Option<bool>, Error> {
        let (Some(_), Some(delegate_id)) = (
            self.destination_id(by, account).await?,
            self.destination_id(by, delegate).await?,
        ) else {
            return Ok(None);
        };
        let calls = self.calls(Side::Destination)?;
        let ids: Option<Vec<i64>> = found(
            self.get(
                by,
                &self.path(Side::Destination, right.calls(&calls).0, &[account])?,
            )
            .await,
        )?;
        Ok(ids.map(|ids| ids.contains(&delegate_id)))
    }

    /// Looks at what the step changes; `expect_done` reads first what a finished step shows.
    async fn observe(&self, by: Who<'_>, step: &Step, expect_done: bool) -> Result<Seen, Error> {
        let legacy = self.plan.destination.platform() == Platform::LegacyMxPlan;
        Ok(match step {
            Step::AddDomain { domain, .. } => {
                let calls = self.calls(Side::Destination)?;
                let path = self.path(Side::Destination, calls.domain, &[domain])?;
                match found::<HostedDomain>(self.get(by, &path).await)? {
                    None => Seen::Undone,
                    Some(d) if d.state != ObjectState::Ok || d.task_pending_id != 0 => Seen::Busy,
                    Some(d) if !d.domain_validated => {
                        let cname = d.cname_to_check.unwrap_or_default();
                        (self.listener)(&Event::Waiting {
                            reason: format!(
                                "OVHcloud waits for the CNAME record {cname} in the zone of {domain}: publish it where the zone is hosted."
                            ),
                        });
                        Seen::Busy
                    }
                    Some(_) => Seen::Done,
                }
            }
            Step::Rename { from, to } => self
                .moving(by, Side::Source, from, to, expect_done)
                .await?
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::NotFound,
                        format!("neither {from} nor {to} exists on the source any more"),
                    )
                })?,
            Step::Configure { address, .. } if legacy => {
                match self.legacy_mailbox(by, address).await? {
                    (_, true) => Seen::Busy,
                    (Some(_), false) => Seen::Done,
                    (None, false) => Seen::Undone,
                }
            }
            Step::Configure { slot, address } => {
                let slot = slot.as_deref().unwrap_or_default();
                self.moving(by, Side::Destination, slot, address, expect_done)
                    .await?
                    .ok_or_else(|| {
                        Error::new(
                            ErrorKind::NotFound,
                            format!(
                                "the free slot {slot} is gone from the destination and {address} is not there: plan again to pick another slot"
                            ),
                        )
                    })?
            }
            Step::SetPassword { address } | Step::SetSourcePassword { address } => {
                let side = step.side();
                let since = self.book.borrow().intent(by.account, step);
                match self.account(by, side, address).await? {
                    None => {
                        return Err(Error::new(
                            ErrorKind::NotFound,
                            format!("{address} does not exist, so its password cannot be set"),
                        ));
                    }
                    Some(a) if !is_idle(&a) => Seen::Busy,
                    Some(a) => {
                        let changed = a
                            .password_last_update
                            .as_deref()
                            .and_then(unix_seconds)
                            .zip(since)
                            .is_some_and(|(changed, since)| changed >= since);
                        if changed { Seen::Done } else { Seen::Undone }
                    }
                }
            }
            Step::RemoveAlias { account, alias } => {
                match self.has_alias(by, Side::Source, account, alias).await? {
                    Some(true) => Seen::Undone,
                    _ => Seen::Done,
                }
            }
            Step::AddAlias { account, alias } | Step::RestoreAlias { account, alias } => {
                match self.has_alias(by, step.side(), account, alias).await? {
                    Some(true) => Seen::Done,
                    Some(false) => Seen::Undone,
                    None => {
                        return Err(Error::new(
                            ErrorKind::NotFound,
                            format!("{account} does not exist, so {alias} cannot join it"),
                        ));
                    }
                }
            }
            Step::DropAlias { account, alias } => {
                match self
                    .has_alias(by, Side::Destination, account, alias)
                    .await?
                {
                    Some(true) => Seen::Undone,
                    _ => Seen::Done,
                }
            }
            Step::Delegate {
                account,
                right,
                delegate,
            } => match self.holds_right(by, account, *right, delegate).await? {
                Some(true) => Seen::Done,
                Some(false) => Seen::Undone,
                None => {
                    return Err(Error::new(
                        ErrorKind::NotFound,
                        format!("{account} or {delegate} is not on the destination"),
                    ));
                }
            },
            Step::Revoke {
                account,
                right,
                delegate,
            } => match self.holds_right(by, account, *right, delegate).await? {
                Some(true) => Seen::Undone,
                _ => Seen::Done,
            },
            Step::Free { address } if legacy => match self.legacy_mailbox(by, address).await? {
                (_, true) => Seen::Busy,
                (Some(_), false) => Seen::Undone,
                (None, false) => Seen::Done,
            },
            Step::Free { address } | Step::Reset { address } => {
                match self.account(by, step.side(), address).await? {
                    None => Seen::Done,
                    Some(a) if is_idle(&a) => Seen::Undone,
                    Some(_) => Seen::Busy,
                }
            }
            Step::CreateContact { address, .. } | Step::DeleteContact { address } => {
                let calls = self.calls(Side::Destination)?;
                let path = self.path(Side::Destination, calls.external_contact, &[address])?;
                let contact = found::<ExternalContact>(self.get(by, &path).await)?;
                let creating = matches!(step, Step::CreateContact { .. });
                match contact {
                    None if creating => Seen::Undone,
                    None => Seen::Done,
                    Some(c) if c.state != ObjectState::Ok || c.task_pending_id != 0 => Seen::Busy,
                    Some(_) if creating => Seen::Done,
                    Some(_) => Seen::Undone,
                }
            }
            Step::RemoveGroup { group } => match self.group(by, step.side(), &group.address).await?
            {
                None => Seen::Done,
                Some(idle) if idle => Seen::Undone,
                Some(_) => Seen::Busy,
            },
            Step::CreateGroup { group, .. } => {
                match self.group(by, step.side(), &group.address).await? {
                    None => Seen::Undone,
                    Some(idle) if idle => Seen::Done,
                    Some(_) => Seen::Busy,
                }
            }
            Step::DeleteGroup { address } => match self.group(by, step.side(), address).await? {
                None => Seen::Done,
                Some(idle) if idle => Seen::Undone,
                Some(_) => Seen::Busy,
            },
            Step::AddToGroup {
                group,
                account,
                manager,
                ..
            } => {
                let side = step.side();
                let id = self.account_id(by, side, account).await?.ok_or_else(|| {
                    Error::new(
                        ErrorKind::NotFound,
                        format!("{account} is not there to join {group}"),
                    )
                })?;
                let list = if *manager {
                    exchange::MAILING_LIST_MANAGERS
                } else {
                    exchange::MAILING_LIST_MEMBERS
                };
                let ids: Vec<i64> = self.get(by, &self.path(side, list, &[group])?).await?;
                if ids.contains(&id) {
                    Seen::Done
                } else {
                    Seen::Undone
                }
            }
            Step::ExportPst { address } | Step::DropPst { address } => {
                let path = self.path(Side::Source, exchange::EXPORT, &[address])?;
                let export = found::<Export>(self.get(by, &path).await)?;
                let making = matches!(step, Step::ExportPst { .. });
                if let Some(e) = &export
                    && making
                {
                    (self.listener)(&Event::Export {
                        account: by.account.unwrap_or(address).to_owned(),
                        percent: e.percent_complete,
                    });
                }
                match export {
                    None if making => Seen::Undone,
                    None => Seen::Done,
                    Some(e) if e.task_pending_id != 0 => Seen::Busy,
                    Some(e) if making && e.percent_complete >= 100 => Seen::Done,
                    Some(_) if making => Seen::Busy,
                    Some(_) => Seen::Undone,
                }
            }
            Step::RequestPstUrl { address } => {
                let path = self.path(Side::Source, exchange::EXPORT_URL, &[address])?;
                match found::<ExportUrl>(self.get(by, &path).await)? {
                    Some(_) => Seen::Done,
                    None => Seen::Undone,
                }
            }
            Step::CreateFooter { domain, .. } | Step::DeleteFooter { domain } => {
                let calls = self.calls(Side::Destination)?;
                let path = self.path(Side::Destination, calls.disclaimer, &[domain])?;
                let footer = found::<Disclaimer>(self.get(by, &path).await)?;
                let creating = matches!(step, Step::CreateFooter { .. });
                match footer {
                    None if creating => Seen::Undone,
                    None => Seen::Done,
                    Some(f) if f.task_pending_id != 0 => Seen::Busy,
                    Some(_) if creating => Seen::Done,
                    Some(_) => Seen::Undone,
                }
            }
        })
    }

    /// Where an account changing its address from `from` to `to` stands, `None` when it is at
    /// neither. An account changes address at once, so reading `from` and then `to` always
    /// finds it; when `to` is read first (a finished step is expected) and missed, the account
    /// may move between the two reads, so `to` is read once more.
    async fn moving(
        &self,
        by: Who<'_>,
        side: Side,
        from: &str,
        to: &str,
        expect_done: bool,
    ) -> Result<Option<Seen>, Error> {
        let seen = |account: &HostedAccount, arrived: bool| match (is_idle(account), arrived) {
            (false, _) => Seen::Busy,
            (true, true) => Seen::Done,
            (true, false) => Seen::Undone,
        };
        if expect_done && let Some(account) = self.account(by, side, to).await? {
            return Ok(Some(seen(&account, true)));
        }
        if let Some(account) = self.account(by, side, from).await? {
            return Ok(Some(seen(&account, false)));
        }
        Ok(self
            .account(by, side, to)
            .await?
            .map(|account| seen(&account, true)))
    }

    /// A group of one side: `Some(whether it is idle)`, `None` when it does not exist.
    async fn group(&self, by: Who<'_>, side: Side, address: &str) -> Result<Option<bool>, Error> {
        let path = self.path(side, exchange::MAILING_LIST, &[address])?;
        Ok(found::<MailingList>(self.get(by, &path).await)?
            .map(|g| g.state == ObjectState::Ok && g.task_pending_id == 0))
    }

    /// The numeric id of an account on one side (read once on the destination).
    async fn account_id(
        &self,
        by: Who<'_>,
        side: Side,
        address: &str,
    ) -> Result<Option<i64>, Error> {
        match side {
            Side::Destination => self.destination_id(by, address).await,
            Side::Source => Ok(self.account(by, side, address).await?.map(|a| a.id)),
        }
    }

    /// A legacy MX Plan mailbox of the destination, if it exists, and whether a task is still
    /// pending for it (legacy tasks have no status: pending means listed).
    async fn legacy_mailbox(
        &self,
        by: Who<'_>,
        address: &str,
    ) -> Result<(Option<LegacyAccount>, bool), Error> {
        let local = address.split('@').next().unwrap_or_default();
        let path = self.path(Side::Destination, domain::ACCOUNT, &[local])?;
        let mailbox = found::<LegacyAccount>(self.get(by, &path).await)?;
        let tasks = self
            .path(Side::Destination, domain::ACCOUNT_TASKS, &[])?
            .query("name", local)?;
        let pending: Vec<i64> = self.get(by, &tasks).await?;
        Ok((mailbox, !pending.is_empty()))
    }

    /// The password for `address`, generated now if none is known.
    fn password_for(&self, address: &str, side: Side) -> Result<mailshift_ovh::Secret, Error> {
        if let Some(known) = self.passwords.borrow().get(address) {
            return Ok(known.clone());
        }
        let account = self.plan.account(address);
        let login = address.split('@').next().unwrap_or_default();
        let display = account
            .and_then(|a| a.display_name.as_deref())
            .unwrap_or_default();
        let policy = match side {
            Side::Destination => self.plan.destination_policy,
            // Source accounts are on Exchange or Email Pro: the hosted rules, at their strictest.
            Side::Source => self.plan.source_policy,
        };
        let password = generate(policy, login, display)
            .map_err(|e| Error::bad_input(format!("cannot generate a password: {}", e.0)))?;
        self.passwords.borrow_mut().set(address, password.clone());
        Ok(password)
    }

    /// Sends the step's write; `Some(task id)` when it answers with a task.
    async fn send(&self, by: Who<'_>, step: &Step) -> Result<Option<i64>, Error> {
        let side = step.side();
        let legacy = self.service(side).platform() == Platform::LegacyMxPlan;
        match step {
            Step::AddDomain { domain, mx_relay } => {
                let create = match self.plan.destination.platform() {
                    Platform::Exchange => exchange::CREATE_DOMAIN,
                    _ => pro::CREATE_DOMAIN,
                };
                let body = NewDomain {
                    name: domain.clone(),
                    kind: DomainType::NonAuthoritative,
                    mx_relay: mx_relay.clone(),
                    configure_mx: false,
                    configure_autodiscover: false,
                };
                self.send_task(side, create, &[], &body).await
            }
            Step::Rename { from, to } => {
                let calls = self.calls(side)?;
                let () = self
                    .client
                    .send(
                        &self.path(side, calls.update_account, &[from])?,
                        &update(to, None),
                    )
                    .await?;
                Ok(None)
            }
            Step::Configure { address, .. } if legacy => {
                let local = address.split('@').next().unwrap_or_default();
                let body = NewLegacyAccount {
                    account_name: local.to_owned(),
                    password: self.password_for(address, side)?,
                    size: self.plan.legacy_size,
                    description: self
                        .plan
                        .account(address)
                        .and_then(|a| a.display_name.clone()),
                };
                let _: serde_json::Value = self
                    .client
                    .send(&self.path(side, domain::CREATE_ACCOUNT, &[])?, &body)
                    .await?;
                Ok(None)
            }
            Step::Configure { slot, address } => {
                let calls = self.calls(side)?;
                let slot = slot.as_deref().unwrap_or_default();
                let display = self
                    .plan
                    .account(address)
                    .and_then(|a| a.display_name.clone());
                let () = self
                    .client
                    .urgent()
                    .send(
                        &self.path(side, calls.update_account, &[slot])?,
                        &update(address, display),
                    )
                    .await?;
                Ok(None)
            }
            Step::SetPassword { address } | Step::SetSourcePassword { address } => {
                let calls = self.calls(side)?;
                let body = NewPassword {
                    password: self.password_for(address, side)?,
                };
                self.send_task(side, calls.change_password, &[address], &body)
                    .await
            }
            Step::RemoveAlias { account, alias } | Step::DropAlias { account, alias } => {
                let calls = self.calls(side)?;
                self.call_task(side, calls.delete_alias, &[account, alias])
                    .await
            }
            Step::AddAlias { account, alias } | Step::RestoreAlias { account, alias } => {
                let calls = self.calls(side)?;
                let body = NewAlias {
                    alias: alias.clone(),
                };
                self.send_task(side, calls.create_alias, &[account], &body)
                    .await
            }
            Step::Delegate {
                account,
                right,
                delegate,
            } => {
                let calls = self.calls(side)?;
                let id = self.destination_id(by, delegate).await?.ok_or_else(|| {
                    Error::new(
                        ErrorKind::NotFound,
                        format!("{delegate} is not on the destination"),
                    )
                })?;
                let grant = right.calls(&calls).1;
                match right {
                    Right::FullAccess => {
                        let body = FullAccessGrant {
                            allowed_account_id: id,
                        };
                        self.send_task(side, grant, &[account], &body).await
                    }
                    _ => {
                        let body = SendGrant {
                            allow_account_id: id,
                        };
                        self.send_task(side, grant, &[account], &body).await
                    }
                }
            }
            Step::Revoke {
                account,
                right,
                delegate,
            } => {
                let calls = self.calls(side)?;
                let id = self.destination_id(by, delegate).await?.ok_or_else(|| {
                    Error::new(
                        ErrorKind::NotFound,
                        format!("{delegate} is not on the destination"),
                    )
                })?;
                self.call_task(side, right.calls(&calls).2, &[account, &id.to_string()])
                    .await
            }
            Step::Free { address } if legacy => {
                let local = address.split('@').next().unwrap_or_default();
                let _: serde_json::Value = self
                    .client
                    .call(&self.path(side, domain::DELETE_ACCOUNT, &[local])?)
                    .await?;
                Ok(None)
            }
            Step::Free { address } | Step::Reset { address } => {
                let calls = self.calls(side)?;
                self.call_task(side, calls.reset_account, &[address]).await
            }
            Step::CreateContact {
                address,
                display_name,
            } => {
                let calls = self.calls(side)?;
                let body = NewExternalContact {
                    external_email_address: address.clone(),
                    display_name: Some(display_name.clone()),
                    first_name: None,
                    last_name: None,
                    initials: None,
                    hidden_from_gal: false,
                };
                self.send_task(side, calls.create_external_contact, &[], &body)
                    .await
            }
            Step::DeleteContact { address } => {
                let calls = self.calls(side)?;
                self.call_task(side, calls.delete_external_contact, &[address])
                    .await
            }
            Step::CreateFooter {
                domain,
                content,
                outside_only,
            } => {
                let calls = self.calls(side)?;
                let body = NewDisclaimer {
                    content: content.clone(),
                    outside_only: *outside_only,
                };
                self.send_task(side, calls.create_disclaimer, &[domain], &body)
                    .await
            }
            Step::RemoveGroup {
                group: Group { address, .. },
            }
            | Step::DeleteGroup { address } => {
                self.call_task(side, exchange::DELETE_MAILING_LIST, &[address])
                    .await
            }
            Step::CreateGroup { group, .. } => {
                let body = NewMailingList {
                    mailing_list_address: group.address.clone(),
                    join_restriction: group.join,
                    depart_restriction: group.depart,
                    display_name: group.display_name.clone(),
                    hidden_from_gal: group.hidden_from_gal,
                    sender_authentification: group.sender_authentification,
                };
                self.send_task(side, exchange::CREATE_MAILING_LIST, &[], &body)
                    .await
            }
            Step::AddToGroup {
                group,
                account,
                manager,
                ..
            } => {
                let id = self.account_id(by, side, account).await?.ok_or_else(|| {
                    Error::new(
                        ErrorKind::NotFound,
                        format!("{account} is not there to join {group}"),
                    )
                })?;
                if *manager {
                    let body = NewManager {
                        manager_account_id: id,
                    };
                    self.send_task(side, exchange::ADD_MAILING_LIST_MANAGER, &[group], &body)
                        .await
                } else {
                    let body = NewMember {
                        member_account_id: id,
                    };
                    self.send_task(side, exchange::ADD_MAILING_LIST_MEMBER, &[group], &body)
                        .await
                }
            }
            Step::ExportPst { address } => {
                self.call_task(side, exchange::START_EXPORT, &[address])
                    .await
            }
            Step::RequestPstUrl { address } => {
                self.call_task(side, exchange::CREATE_EXPORT_URL, &[address])
                    .await
            }
            Step::DropPst { address } => {
                self.call_task(side, exchange::DELETE_EXPORT, &[address])
                    .await
            }
            Step::DeleteFooter { domain } => {
                let calls = self.calls(side)?;
                self.call_task(side, calls.delete_disclaimer, &[domain])
                    .await
            }
        }
    }

    /// How long to wait before the first look after this step's write: what such writes have
    /// taken in this run so far, or the pace's guess before the first one.
    fn settle_for(&self, step: &Step) -> Duration {
        self.settles
            .borrow()
            .iter()
            .find(|(name, _)| *name == step.name())
            .map_or(self.timing.pace.settle, |(_, d)| *d)
    }

    /// Adjusts the first wait after this step's writes: shorter when the first look found the
    /// write done (it may have been done earlier), longer by a poll for each look it took more.
    /// A look can only come after the wait, so the wait cannot be learned from how long writes
    /// took: this keeps it near the shortest that usually finds them done.
    fn learn(&self, step: &Step, looks: u32) {
        let start = self.timing.pace.settle;
        let poll = self.timing.pace.poll;
        let mut settles = self.settles.borrow_mut();
        let index = match settles.iter().position(|(name, _)| *name == step.name()) {
            Some(i) => i,
            None => {
                settles.push((step.name(), start));
                settles.len() - 1
            }
        };
        let known = &mut settles[index].1;
        // Steps down on each first-look success and a poll up per extra look balance where a
        // second look is needed by about one write in sixteen, to spare calls; or, for a
        // rename, whose end leaves an address nowhere, by about two in five, to find it sooner.
        let down = if window_critical(step, true) {
            0.8
        } else {
            0.98
        };
        *known = match looks {
            0 | 1 => known.mul_f64(down),
            more => (*known + poll * (more - 1)).min(start * 4),
        };
    }

    /// A write without a body answered with a task; gives the task's id.
    async fn call_task(
        &self,
        side: Side,
        operation: mailshift_ovh::Operation,
        rest: &[&str],
    ) -> Result<Option<i64>, Error> {
        let task: Task = self.client.call(&self.path(side, operation, rest)?).await?;
        Ok(Some(task.id))
    }

    /// A write with a body answered with a task; gives the task's id.
    async fn send_task<B: serde::Serialize>(
        &self,
        side: Side,
        operation: mailshift_ovh::Operation,
        rest: &[&str],
        body: &B,
    ) -> Result<Option<i64>, Error> {
        let task: Task = self
            .client
            .send(&self.path(side, operation, rest)?, body)
            .await?;
        Ok(Some(task.id))
    }

    /// Waits for a task of the service the step writes to; gives its last status.
    async fn wait_for_task(&self, by: Who<'_>, id: i64, step: &Step) -> Result<TaskStatus, Error> {
        let side = step.side();
        let calls = self.calls(side)?;
        let path = self.path(side, calls.service_task, &[&id.to_string()])?;
        let clock = self.client.clock();
        let started = clock.now_ms();
        let deadline_ms = i64::try_from(self.timing.deadline.as_millis()).unwrap_or(i64::MAX);
        clock.sleep(self.settle_for(step)).await;
        let mut looks = 0;
        loop {
            let task: Task = self.get(by, &path).await?;
            looks += 1;
            match task.status {
                TaskStatus::Done | TaskStatus::Cancelled | TaskStatus::Error => {
                    self.learn(step, looks);
                    return Ok(task.status);
                }
                TaskStatus::Todo | TaskStatus::Doing | TaskStatus::Unrecognized => {}
            }
            if clock.now_ms() - started > deadline_ms {
                return Err(Error::new(
                    ErrorKind::DeadlineExceeded,
                    format!(
                        "OVHcloud task {id} ({}) is still not finished",
                        task.function
                    ),
                ));
            }
            clock.sleep(self.timing.pace.poll).await;
        }
    }

    /// The source's and the destination's mailbox usage of an account, in bytes.
    async fn usages(&self, by: Who<'_>, account: &AccountPlan) -> Result<(u64, u64), Error> {
        let usage = |a: Option<HostedAccount>| {
            a.and_then(|a| a.current_usage)
                .map_or(0, mailshift_ovh::size::usage_bytes)
        };
        let source = usage(self.account(by, Side::Source, &account.provisional).await?);
        let destination = if self.plan.destination.platform() == Platform::LegacyMxPlan {
            let local = account.address.split('@').next().unwrap_or_default();
            let path = self.path(Side::Destination, domain::ACCOUNT_USAGE, &[local])?;
            let usage: LegacyUsage = self.get(by, &path).await?;
            usage.quota.map_or(0, |b| u64::try_from(b).unwrap_or(0))
        } else {
            usage(
                self.account(by, Side::Destination, &account.address)
                    .await?,
            )
        };
        Ok((source, destination))
    }
}

/// Whether a call of this step stands between an address existing nowhere and its being
/// configured on the destination: the looks that find a rename's end, and the configuration
/// itself (its own looks only find out what is already true).
fn window_critical(step: &Step, waiting: bool) -> bool {
    match step {
        Step::Rename { .. } => waiting,
        _ => false,
    }
}

/// A wait as people read it: seconds under two minutes, minutes above.
fn minutes(wait: Duration) -> String {
    match wait.as_secs() {
        s if s < 120 => format!("{s} s"),
        s => format!("{} minutes", s / 60),
    }
}

/// An account stopped at `step`; when its address exists nowhere, the advice says so first
/// and offers the way back.
fn stopped_status(
    address: &str,
    step: &str,
    mut problem: Problem,
    stranded: bool,
) -> AccountStatus {
    let warning = format!(
        "{address} was renamed on the source but is not live on the destination yet, so mail to it is refused. Retry the account, or roll it back to give the source its address again."
    );
    if stranded && !problem.advice.starts_with(&warning) {
        problem.advice = format!("{warning} {}", problem.advice);
    }
    AccountStatus::Stopped {
        step: step.to_owned(),
        problem,
        stranded,
    }
}

/// Steps whose effect cannot be read (a password): their task ending well is the read-back.
fn reads_back_through_task(step: &Step) -> bool {
    matches!(
        step,
        Step::SetPassword { .. } | Step::SetSourcePassword { .. }
    )
}

/// The body of a rename or a slot configuration to `address`.
fn update(address: &str, display_name: Option<String>) -> AccountUpdate {
    let (login, domain) = address.split_once('@').unwrap_or((address, ""));
    AccountUpdate {
        login: login.to_owned(),
        domain: domain.to_owned(),
        display_name,
        ..AccountUpdate::default()
    }
}

/// Ready to act on: state `ok`, nothing pending.
fn is_idle(account: &HostedAccount) -> bool {
    account.state == ObjectState::Ok && account.task_pending_id.is_none_or(|t| t == 0)
}

/// A read whose 404 means "not there".
fn found<R>(answer: Result<R, Error>) -> Result<Option<R>, Error> {
    match answer {
        Ok(value) => Ok(Some(value)),
        Err(error) if error.kind == ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// Whether a refusal means "busy, try later" rather than "already exists".
///
/// *Unconfirmed*: OVHcloud answers 409 for both; the busy one says "already being processed"
/// (spec section 2). This is the one place that tells them apart.
pub fn is_busy(error: &Error) -> bool {
    error.kind == ErrorKind::Conflict
        && (error.message.contains("already being processed")
            || error.class.as_deref() == Some("Client::Conflict"))
}

/// Unix seconds of an RFC 3339 date as OVHcloud writes them (`2026-12-01T08:00:00+01:00`).
pub fn unix_seconds(date: &str) -> Option<i64> {
    let number = |range: std::ops::Range<usize>| date.get(range)?.parse::<i64>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let zone = date
        .get(19..)?
        .trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let offset = match zone {
        "" | "Z" => 0,
        _ => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let hours = zone.get(1..3)?.parse::<i64>().ok()?;
            let minutes = zone.get(4..6)?.parse::<i64>().ok()?;
            sign * (hours * 3600 + minutes * 60)
        }
    };
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ovhcloud_dates_with_their_offset() {
        assert_eq!(unix_seconds("1970-01-01T00:00:00+00:00"), Some(0));
        assert_eq!(unix_seconds("2026-12-01T08:00:00Z"), Some(1_796_112_000));
        assert_eq!(
            unix_seconds("2026-12-01T09:00:00+01:00"),
            unix_seconds("2026-12-01T08:00:00Z")
        );
        assert_eq!(
            unix_seconds("2026-12-01T08:00:00.123-00:30"),
            Some(1_796_113_800)
        );
        assert_eq!(unix_seconds("not a date"), None);
    }

    #[test]
    fn busy_and_already_exists_are_told_apart() {
        let busy = Error::from_response(
            409,
            r#"{"class":"Client::Conflict","message":"This account is already being processed, please try later"}"#,
            None,
        );
        assert!(is_busy(&busy));
        let taken = Error::from_response(
            409,
            r#"{"class":"Client::Conflict::AlreadyExists","message":"The address x@d is already used"}"#,
            None,
        );
        assert!(!is_busy(&taken));
    }
}
