//! What a page shows of a run: each account's state, problems in plain words with OVHcloud's
//! query ID, and the events a run emits as it goes.

use mailshift_ovh::json::Fields;
use mailshift_ovh::{Error, ErrorKind};
use miniserde::ser::Fragment;

use crate::step::Step;

/// Why a step failed for good, as the user reads it.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Problem {
    /// What happened.
    pub message: String,
    /// What to do.
    pub advice: String,
    /// The HTTP status, when OVHcloud answered.
    pub status: Option<u16>,
    /// OVHcloud's `X-Ovh-QueryID`, which its support asks for.
    #[serde(rename = "queryId")]
    pub query_id: Option<String>,
    /// The call, as `METHOD /template`.
    pub call: Option<String>,
    /// What kind of trouble it was, so that a page can say it in the person's language: from
    /// OVHcloud's answer, or the engine's own deadline and attempts; `None` for other findings
    /// of the engine.
    pub kind: Option<ErrorKind>,
    /// OVHcloud's `errorCode`, when it gave one.
    #[serde(rename = "errorCode")]
    pub error_code: Option<String>,
}

impl Problem {
    /// A problem found by the engine itself, not answered by OVHcloud.
    pub fn new(message: impl Into<String>, advice: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            advice: advice.into(),
            status: None,
            query_id: None,
            call: None,
            kind: None,
            error_code: None,
        }
    }

    /// A problem of a known kind that the engine found itself, with that kind's advice.
    pub fn found(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind: Some(kind),
            ..Self::new(message, kind.advice())
        }
    }
}

impl From<&Error> for Problem {
    fn from(error: &Error) -> Self {
        Self {
            message: error.message.clone(),
            advice: error.kind.advice().to_owned(),
            status: error.status,
            query_id: error.query_id.clone(),
            call: error.call.as_ref().map(ToString::to_string),
            kind: Some(error.kind),
            error_code: error.error_code.clone(),
        }
    }
}

/// The calls made for an account (or for the whole run), by kind.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize,
)]
pub struct Tally {
    /// Writes sent.
    pub writes: u32,
    /// Reads before a write (or that found it unneeded).
    pub reads: u32,
    /// Reads while waiting: task polls, looks at a busy object, read-backs.
    pub polls: u32,
}

impl Tally {
    /// Every call.
    pub fn calls(&self) -> u32 {
        self.writes + self.reads + self.polls
    }
}

/// Where one account stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccountStatus {
    /// A preflight finding keeps it where it is; nothing was written.
    Blocked,
    /// Not started yet.
    Waiting,
    /// Between steps, or in one.
    Moving {
        /// The step under way.
        step: String,
    },
    /// Its address is live on the destination; the mailbox content waits for the copy.
    AwaitingCopy,
    /// The user confirmed the content copy.
    CopyConfirmed,
    /// Moved, and its provisional source account reset when that was asked.
    Done,
    /// A step failed for good; the account stays here until retried or rolled back.
    Stopped {
        /// The step that failed.
        step: String,
        /// Why.
        problem: Problem,
        /// Whether the address exists nowhere now: renamed on the source, not live on the
        /// destination. Mail to it is refused until a retry or a rollback.
        stranded: bool,
    },
    /// The run was cancelled before this account finished; resume to go on.
    Paused,
    /// Put back as it was on the source.
    RolledBack,
}

/// Written as the report shows it: the state by name, beside what the state carries.
impl miniserde::Serialize for AccountStatus {
    fn begin(&self) -> Fragment<'_> {
        match self {
            Self::Blocked => Fields::new().with("state", &"blocked"),
            Self::Waiting => Fields::new().with("state", &"waiting"),
            Self::Moving { step } => Fields::new().with("state", &"moving").with("step", step),
            Self::AwaitingCopy => Fields::new().with("state", &"awaitingCopy"),
            Self::CopyConfirmed => Fields::new().with("state", &"copyConfirmed"),
            Self::Done => Fields::new().with("state", &"done"),
            Self::Stopped {
                step,
                problem,
                stranded,
            } => Fields::new()
                .with("state", &"stopped")
                .with("step", step)
                .with("problem", problem)
                .with("stranded", stranded),
            Self::Paused => Fields::new().with("state", &"paused"),
            Self::RolledBack => Fields::new().with("state", &"rolledBack"),
        }
        .into_object()
    }
}

/// What a run says as it goes, for a page to render (each event replaces the account's row).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// An account changed state.
    Account {
        /// The account's original address.
        address: String,
        /// Its new state.
        status: AccountStatus,
    },
    /// A step finished (or was already true and skipped).
    StepDone {
        /// The account, `None` for phase 1 and the service's objects.
        account: Option<String>,
        /// The step.
        step: Step,
        /// Whether nothing had to be written.
        skipped: bool,
    },
    /// A PST export's progress.
    Export {
        /// The account's original address.
        account: String,
        /// How far it is, in percent.
        percent: i64,
    },
    /// The run waits for a CNAME record the user publishes where the domain's zone is hosted.
    WaitingForCname {
        /// The domain.
        domain: String,
        /// The record OVHcloud looks for.
        cname: String,
    },
}
