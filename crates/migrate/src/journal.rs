//! The journal: every intent recorded before its write and every outcome after it, so a run
//! can be resumed after a crash, a closed tab or a cancel. It holds no secret.

use std::cell::RefCell;

use crate::plan::Plan;
use crate::status::Problem;
use crate::step::Step;

/// One line of the journal.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    /// The plan the user confirmed; always the first entry.
    Planned(Box<Plan>),
    /// A write is about to be sent.
    Intent {
        /// When, by the local clock (ms).
        at_ms: i64,
        /// When, by OVHcloud's clock (s): what a later read compares dates with.
        server_s: i64,
        /// The account, `None` for phase 1 and the service's objects.
        account: Option<String>,
        /// The step.
        step: Step,
    },
    /// The step is true on OVHcloud, read back.
    Done {
        /// When (ms).
        at_ms: i64,
        /// The account.
        account: Option<String>,
        /// The step.
        step: Step,
        /// Whether it was already true and nothing was written.
        skipped: bool,
    },
    /// The step failed for good.
    Failed {
        /// When (ms).
        at_ms: i64,
        /// The account.
        account: Option<String>,
        /// The step.
        step: Step,
        /// Why.
        problem: Problem,
    },
    /// The user confirmed an account's content copy.
    CopyConfirmed(String),
    /// The user asked to reset an account although its destination holds clearly less.
    ResetOverride(String),
    /// An account's password was not in memory any more, so a new one is set.
    PasswordRenewed(String),
    /// An account was put back on the source.
    RolledBack(String),
}

mailshift_ovh::tagged_enum!(Entry {
    names {}
    values {
        "planned" => Planned(Box<Plan>),
        "copyConfirmed" => CopyConfirmed(String),
        "resetOverride" => ResetOverride(String),
        "passwordRenewed" => PasswordRenewed(String),
        "rolledBack" => RolledBack(String),
    }
    fields {
        "intent" => Intent { at_ms: i64, server_s: i64, account: Option<String>, step: Step },
        "done" => Done { at_ms: i64, account: Option<String>, step: Step, skipped: bool },
        "failed" => Failed { at_ms: i64, account: Option<String>, step: Step, problem: Problem },
    }
});

/// The journal could not be read or written: the run stops, since it could not resume.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JournalError(pub String);

impl JournalError {
    /// Entry `n` (from 0) does not read back as an entry: another version wrote it, or it was
    /// changed by hand.
    pub fn unreadable(n: usize) -> Self {
        Self(format!(
            "entry {n} does not read back (another version of Mailshift wrote it, or it was changed)"
        ))
    }
}

impl std::fmt::Display for JournalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the migration journal cannot be kept: {}", self.0)
    }
}

/// Where the journal is kept: a file natively, the browser's storage in the app. Both keep an
/// entry before they return, so the trait is synchronous, and the engine takes it as a trait
/// object: one copy of the engine serves every journal (the web bundle holds one).
pub trait Journal {
    /// Adds an entry; it is kept when this returns.
    fn append(&self, entry: &Entry) -> Result<(), JournalError>;
    /// Every entry, oldest first.
    fn load(&self) -> Result<Vec<Entry>, JournalError>;
}

/// A journal in memory, for tests and for a run that need not survive its page.
#[derive(Debug, Default)]
pub struct MemoryJournal {
    entries: RefCell<Vec<Entry>>,
}

impl MemoryJournal {
    /// An empty journal.
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of every entry.
    pub fn entries(&self) -> Vec<Entry> {
        self.entries.borrow().clone()
    }
}

impl Journal for MemoryJournal {
    fn append(&self, entry: &Entry) -> Result<(), JournalError> {
        self.entries.borrow_mut().push(entry.clone());
        Ok(())
    }

    fn load(&self) -> Result<Vec<Entry>, JournalError> {
        Ok(self.entries.borrow().clone())
    }
}

/// A journal in a file, one JSON entry a line, for native use.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug)]
pub struct FileJournal {
    path: std::path::PathBuf,
}

#[cfg(not(target_arch = "wasm32"))]
impl FileJournal {
    /// A journal kept at `path` (created on the first entry).
    pub fn new(path: impl Into<std::path::PathBuf>) -> Self {
        Self { path: path.into() }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Journal for FileJournal {
    fn append(&self, entry: &Entry) -> Result<(), JournalError> {
        use std::io::Write;
        let line = mailshift_ovh::json::to_string(entry);
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(|e| JournalError(format!("{}: {e}", self.path.display())))?;
        writeln!(file, "{line}")
            .and_then(|()| file.sync_data())
            .map_err(|e| JournalError(format!("{}: {e}", self.path.display())))
    }

    fn load(&self) -> Result<Vec<Entry>, JournalError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(JournalError(format!("{}: {e}", self.path.display()))),
        };
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
            .map(|(n, l)| mailshift_ovh::json::from_str(l).map_err(|_| JournalError::unreadable(n)))
            .collect()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    #[test]
    fn a_file_journal_keeps_each_entry_on_its_line_and_reads_them_back() {
        let path = std::env::temp_dir().join(format!("mailshift-journal-{}", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let journal = FileJournal::new(&path);
        assert_eq!(journal.load(), Ok(Vec::new()), "no file yet: no entry");
        let entries = [
            Entry::CopyConfirmed("john@d.fr".into()),
            Entry::Done {
                at_ms: 5,
                account: None,
                step: Step::CreateFooter {
                    domain: "d.fr".into(),
                    content: "<p>line\nbreak</p>".into(),
                    outside_only: true,
                },
                skipped: false,
            },
        ];
        for entry in &entries {
            journal.append(entry).expect("kept");
        }
        let text = std::fs::read_to_string(&path).expect("the file");
        assert_eq!(text.lines().count(), 2);
        assert_eq!(FileJournal::new(&path).load(), Ok(entries.to_vec()));
        std::fs::write(&path, "not json\n").expect("spoiled");
        assert!(journal.load().is_err(), "a damaged journal is said so");
        let _ = std::fs::remove_file(&path);
    }
}
