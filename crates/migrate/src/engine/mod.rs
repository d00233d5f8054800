//! Carrying a plan out: per account, the guide's steps as a state machine in which every step
//! reads before it writes, waits for its task and reads back, and is journaled before and after.

mod effects;

use std::cell::{Cell, RefCell};
use std::time::Duration;

use futures_util::StreamExt;
use mailshift_ovh::error::found;
use mailshift_ovh::models::TaskStatus;
use mailshift_ovh::models::domain::LegacyAccount;
use mailshift_ovh::models::exchange::ExportUrl;
use mailshift_ovh::operations::{domain, exchange};
use mailshift_ovh::service::Platform;
use mailshift_ovh::{CancelToken, Client, Clock, Error, ErrorKind, Transport};

use self::effects::is_idle;
use crate::journal::{Entry, Journal, JournalError};
use crate::passwords::Passwords;
use crate::plan::{AccountPlan, Pace, Plan};
use crate::status::{AccountStatus, Event, Problem, Tally};
use crate::step::{Side, Step};

/// How many accounts may be between their rename and their configuration at once.
const WINDOWS_AT_ONCE: u32 = 2;

/// One account's place among the open windows, given back when dropped.
struct WindowGuard<'w>(&'w Cell<u32>);

impl Drop for WindowGuard<'_> {
    fn drop(&mut self) {
        self.0.set(self.0.get().saturating_sub(1));
    }
}

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

/// Why the engine did not do what it was asked; nothing was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The plan has blocking findings, or no account to move.
    PlanNotRunnable,
    /// A run is already recorded in the journal.
    AlreadyRecorded,
    /// The journal records no run.
    NothingToResume,
    /// The address is not an account this run moves.
    NotMoving(String),
    /// The account is not waiting for its content copy.
    NotAwaitingCopy(String),
    /// The account's copy is not confirmed, so its source is not reset.
    CopyNotConfirmed(String),
    /// The destination holds clearly less than the source (bytes), and no override was given.
    DestinationSmaller {
        /// The account.
        address: String,
        /// What the source mailbox holds.
        source: u64,
        /// What the destination mailbox holds.
        destination: u64,
    },
    /// The source account was reset: its mailbox is gone, so it cannot be rolled back.
    SourceReset(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mb = |bytes: &u64| bytes / (1024 * 1024);
        match self {
            Self::PlanNotRunnable => f.write_str(
                "the plan has blocking findings or no account to move: fix them and plan again",
            ),
            Self::AlreadyRecorded => {
                f.write_str("a run is already recorded in this journal: resume it, or roll it back")
            }
            Self::NothingToResume => f.write_str("this journal records no run to resume"),
            Self::NotMoving(address) => write!(f, "{address} is not an account this run moves"),
            Self::NotAwaitingCopy(address) => write!(f, "{address} is not waiting for its copy"),
            Self::CopyNotConfirmed(address) => write!(
                f,
                "{address}: confirm its content copy before resetting the source account"
            ),
            Self::DestinationSmaller {
                address,
                source,
                destination,
            } => write!(
                f,
                "{address}: the destination mailbox holds {} MB and the source {} MB. Resetting would erase mail that may not have been copied: check the copy, or override the reset for this account by name.",
                mb(destination),
                mb(source)
            ),
            Self::SourceReset(address) => write!(
                f,
                "{address}: the source account was reset, so its mailbox is gone and it cannot be rolled back"
            ),
        }
    }
}

/// Why a run (not one account) cannot go on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunError {
    /// The journal cannot be kept.
    Journal(JournalError),
    /// The engine refused what it was asked; nothing was written.
    Refused(Refusal),
    /// A call failed; when an account stopped on it, its status says at which step.
    Failed(Box<Problem>),
    /// Phase 1 failed: no account was touched.
    Phase1(Box<Problem>),
    /// The user cancelled; resume from the journal to go on.
    Cancelled,
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Journal(e) => e.fmt(f),
            Self::Refused(refusal) => refusal.fmt(f),
            Self::Failed(problem) => f.write_str(&problem.message),
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

/// Configures the destination for `plan` (phase 1) before the plan is confirmed, as the
/// guide's first step is done on its own: no account is touched, and nothing needs a journal,
/// since every step of phase 1 is read before it is written and a lost answer is read again.
pub async fn prepare<T: Transport, C: Clock>(
    client: &Client<T, C>,
    control: &Control,
    plan: &Plan,
    timing: Timing,
    listener: impl Fn(&Event),
) -> Result<(), RunError> {
    let journal = crate::journal::MemoryJournal::new();
    let phase1 = Plan {
        accounts: Vec::new(),
        service: Vec::new(),
        ..plan.clone()
    };
    let migration = Migration::new(
        client,
        &journal,
        control,
        phase1,
        Passwords::new(),
        Book::default(),
    )
    .with_timing(timing)
    .on_event(listener);
    migration.phase1().await
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
            Entry::Planned(_) | Entry::PasswordRenewed(_) => {}
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
            Entry::CopyConfirmed(account) => self.confirmed.push(account.clone()),
            Entry::ResetOverride(account) => self.overrides.push(account.clone()),
            Entry::RolledBack(account) => {
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
pub struct Migration<'a, T, C> {
    client: &'a Client<T, C>,
    journal: &'a dyn Journal,
    control: &'a Control,
    timing: Timing,
    plan: Plan,
    passwords: RefCell<Passwords>,
    book: RefCell<Book>,
    tallies: RefCell<Vec<(Option<String>, Tally)>>,
    settles: RefCell<Vec<(&'static str, Duration)>>,
    windows: Cell<u32>,
    listener: Box<dyn Fn(&Event) + 'a>,
}

impl<'a, T: Transport, C: Clock> Migration<'a, T, C> {
    /// Starts a new run of `plan`: its journal must be empty, and the plan runnable.
    pub async fn start(
        client: &'a Client<T, C>,
        journal: &'a dyn Journal,
        control: &'a Control,
        plan: Plan,
        passwords: Passwords,
    ) -> Result<Self, RunError> {
        if !plan.can_run() {
            return Err(RunError::Refused(Refusal::PlanNotRunnable));
        }
        if !journal.load()?.is_empty() {
            return Err(RunError::Refused(Refusal::AlreadyRecorded));
        }
        journal.append(&Entry::Planned(Box::new(plan.clone())))?;
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
        journal: &'a dyn Journal,
        control: &'a Control,
        passwords: Passwords,
    ) -> Result<Self, RunError> {
        let entries = journal.load()?;
        let Some(Entry::Planned(plan)) = entries.first() else {
            return Err(RunError::Refused(Refusal::NothingToResume));
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
        journal: &'a dyn Journal,
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
            windows: Cell::new(0),
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
        self.phase1().await?;
        let accounts: Vec<&AccountPlan> =
            self.plan.moving().filter(|a| self.should_move(a)).collect();
        let at_once = usize::from(self.plan.at_once.max(1));
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
            let applied = match self.checkpoint().await {
                Ok(()) => self.apply(None, step, false).await,
                Err(stop) => Err(stop),
            };
            match applied {
                Ok(_) | Err(Stop::Failed(_)) => {}
                Err(Stop::Cancelled) => return Err(RunError::Cancelled),
                Err(Stop::Journal(e)) => return Err(RunError::Journal(e)),
            }
        }
        Ok(())
    }

    /// Phase 1: the destination gets the plan's domains, each waited for until it is ready.
    async fn phase1(&self) -> Result<(), RunError> {
        for step in &self.plan.global {
            match self.apply(None, step, false).await {
                Ok(_) => {}
                Err(Stop::Failed(problem)) => return Err(RunError::Phase1(Box::new(problem))),
                Err(Stop::Cancelled) => return Err(RunError::Cancelled),
                Err(Stop::Journal(e)) => return Err(RunError::Journal(e)),
            }
        }
        Ok(())
    }

    /// Runs one account again from where it stands (after a failure).
    pub async fn retry(&self, address: &str) -> Result<(), RunError> {
        let Some(account) = self.plan.account(address).filter(|a| !a.blocked) else {
            return Err(RunError::Refused(Refusal::NotMoving(address.to_owned())));
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
            return Err(RunError::Refused(Refusal::NotAwaitingCopy(
                account.address.clone(),
            )));
        }
        self.record(&Entry::CopyConfirmed(account.address.clone()))?;
        self.set_status(&account.address, AccountStatus::CopyConfirmed);
        Ok(())
    }

    /// Lets the account be reset although its destination holds clearly less than the
    /// source: the user takes it on, by name.
    pub async fn override_reset(&self, address: &str) -> Result<(), RunError> {
        let account = self.moving_account(address)?;
        self.record(&Entry::ResetOverride(account.address.clone()))?;
        Ok(())
    }

    /// What the account's source and destination mailboxes hold now, in bytes, read fresh: to
    /// show side by side before a reset.
    pub async fn sizes(&self, address: &str) -> Result<(u64, u64), RunError> {
        let account = self.moving_account(address)?;
        let by = Who {
            account: Some(&account.address),
            waiting: false,
            urgent: false,
        };
        self.usages(by, account)
            .await
            .map_err(|e| RunError::Failed(Box::new(Problem::from(&e))))
    }

    /// Resets the provisional source account of a confirmed copy, erasing the source mailbox,
    /// unless the destination holds clearly less (see [`RESET_SHARE_PERCENT`]) and the user
    /// did not override it. Returns the two usages compared, in bytes.
    pub async fn reset(&self, address: &str) -> Result<(u64, u64), RunError> {
        let account = self.moving_account(address)?;
        if self.book.borrow().status(&account.address) != Some(&AccountStatus::CopyConfirmed) {
            return Err(RunError::Refused(Refusal::CopyNotConfirmed(
                account.address.clone(),
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
            Err(e) => return Err(RunError::Failed(Box::new(Problem::from(&e)))),
        };
        let overridden = self.book.borrow().overrides.contains(&account.address);
        if destination * 100 < source * RESET_SHARE_PERCENT && !overridden {
            return Err(RunError::Refused(Refusal::DestinationSmaller {
                address: account.address.clone(),
                source,
                destination,
            }));
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
            .map_err(|e| RunError::Failed(Box::new(Problem::from(&e))))
    }

    /// Removes the account's PST export from OVHcloud once it is downloaded.
    pub async fn drop_pst(&self, address: &str) -> Result<(), RunError> {
        let account = self.moving_account(address)?;
        let step = Step::DropPst(account.provisional.clone());
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
            return Err(RunError::Refused(Refusal::SourceReset(
                account.address.clone(),
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
        self.record(&Entry::RolledBack(account.address.clone()))?;
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
                    Err(Stop::Failed(p)) => return Err(RunError::Failed(Box::new(p))),
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
            .ok_or_else(|| RunError::Refused(Refusal::NotMoving(address.to_owned())))
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
        let mut window = None;
        for step in &account.steps {
            // A pause or a cancel never falls between a rename and its configuration: that
            // would leave the address nowhere for as long as the run is held.
            let in_window = renamed_now && matches!(step, Step::Configure { .. });
            if !in_window && let Err(stop) = self.checkpoint().await {
                self.stopped(&account.address, step, stop).await;
                return Ok(());
            }
            match step {
                Step::Rename { .. } => window = Some(self.open_window().await),
                Step::Configure { .. } => {}
                _ => window = None,
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
                    drop(window.take());
                    self.stopped(&account.address, step, stop).await;
                    return Ok(());
                }
            }
        }
        self.set_status(&account.address, AccountStatus::AwaitingCopy);
        Ok(())
    }

    /// Waits until fewer than [`WINDOWS_AT_ONCE`] accounts are between their rename and their
    /// configuration, then counts this one in until the guard is dropped. Few windows at once
    /// keep the calls they wait on from queueing behind each other.
    async fn open_window(&self) -> WindowGuard<'_> {
        while self.windows.get() >= WINDOWS_AT_ONCE {
            self.client.clock().sleep(self.timing.pace.poll / 4).await;
        }
        self.windows.set(self.windows.get() + 1);
        WindowGuard(&self.windows)
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
            let applied = match self.checkpoint().await {
                Ok(()) => self.apply(Some(&account.address), step, false).await,
                Err(stop) => Err(stop),
            };
            match applied {
                Ok(_) => {}
                Err(Stop::Journal(e)) => return Err(RunError::Journal(e)),
                Err(stop) => {
                    let cancelled = matches!(stop, Stop::Cancelled);
                    let error = self.stopped(&account.address, step, stop).await;
                    return if cancelled { Err(error) } else { Ok(()) };
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
        let failed = RunError::Failed(Box::new(problem.clone()));
        self.set_status(
            address,
            stopped_status(address, step.name(), problem, stranded),
        );
        failed
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
                    Step::SetPassword(address) | Step::SetSourcePassword(address) => address,
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
                self.record(&Entry::PasswordRenewed(account.address.clone()))?;
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
                return Err(self.fail(
                    account,
                    step,
                    Problem::found(
                        ErrorKind::DeadlineExceeded,
                        format!(
                            "{} is still not finished after {}",
                            step.name(),
                            minutes(self.timing.deadline)
                        ),
                    ),
                ));
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
                    Err(e) => return Err(self.fail(account, step, (&e).into())),
                }
            };
            busy_last = seen == Seen::Busy;
            match seen {
                Seen::Done => {
                    if sent_at.is_some() {
                        self.learn(step, looks_after_write);
                    }
                    return Ok(self.done(account, step, sends > 0)?);
                }
                Seen::Busy => {
                    waited = true;
                    pause = Some(self.poll_for(step));
                    continue;
                }
                Seen::Undone => {}
            }
            if sends >= self.timing.attempts {
                return Err(self.fail(
                    account,
                    step,
                    Problem::found(
                        ErrorKind::TaskFailed,
                        format!("{} did not take effect after {sends} attempts", step.name()),
                    ),
                ));
            }
            let server_s = match self.client.server_time().await {
                Ok(s) => s,
                Err(e) => return Err(self.fail(account, step, (&e).into())),
            };
            let intent = Entry::Intent {
                at_ms: clock.now_ms(),
                server_s,
                account: account.map(str::to_owned),
                step: step.clone(),
            };
            self.record(&intent)?;
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
                        return Ok(self.done(account, step, true)?);
                    }
                    Ok(_) => expect_done = true,
                    Err(e) => return Err(self.fail(account, step, (&e).into())),
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
                Err(e) => return Err(self.fail(account, step, (&e).into())),
            }
        }
    }

    /// Keeps `entry` in the journal, then in the book the run reads its state from: the book
    /// never knows what the journal would not bring back after a reload.
    fn record(&self, entry: &Entry) -> Result<(), JournalError> {
        self.journal.append(entry)?;
        self.book.borrow_mut().read(entry);
        Ok(())
    }

    /// Password steps cannot be read back before a first attempt: nothing to read.
    fn needs_no_read(&self, account: Option<&str>, step: &Step) -> bool {
        matches!(step, Step::SetPassword(_) | Step::SetSourcePassword(_))
            && self.book.borrow().intent(account, step).is_none()
    }

    /// Records the step done and tells the listener; gives back whether it wrote.
    fn done(
        &self,
        account: Option<&str>,
        step: &Step,
        written: bool,
    ) -> Result<bool, JournalError> {
        let entry = Entry::Done {
            at_ms: self.client.clock().now_ms(),
            account: account.map(str::to_owned),
            step: step.clone(),
            skipped: !written,
        };
        self.record(&entry)?;
        (self.listener)(&Event::StepDone {
            account: account.map(str::to_owned),
            step: step.clone(),
            skipped: !written,
        });
        Ok(written)
    }

    /// Records the step failed; gives the stop its account comes to.
    fn fail(&self, account: Option<&str>, step: &Step, problem: Problem) -> Stop {
        let entry = Entry::Failed {
            at_ms: self.client.clock().now_ms(),
            account: account.map(str::to_owned),
            step: step.clone(),
            problem: problem.clone(),
        };
        match self.record(&entry) {
            Ok(()) => Stop::Failed(problem),
            Err(error) => Stop::Journal(error),
        }
    }

    /// The pause between looks at a busy object: twice as often for a rename, whose end
    /// leaves an address nowhere until it is configured.
    fn poll_for(&self, step: &Step) -> Duration {
        if window_critical(step, true) {
            self.timing.pace.poll / 2
        } else {
            self.timing.pace.poll
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
            more => (*known + self.poll_for(step) * (more - 1)).min(start * 4),
        };
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
    matches!(step, Step::SetPassword(_) | Step::SetSourcePassword(_))
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
