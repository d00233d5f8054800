//! The run's journal in the page's storage, so that a reload or a closed tab finds the run
//! again: one entry under one key, so that an append writes one small value however long the
//! run, and the count last, so that an entry cut off by a closed tab is never read.

use mailshift_migrate::journal::{Entry, Journal, JournalError};

use crate::settings::Storage;

/// The prefix of the journal's keys.
pub const JOURNAL_KEY: &str = "mailshift.journal";

/// A journal kept in a [`Storage`] (the browser's `localStorage`, or memory in tests).
#[derive(Debug)]
pub struct StoredJournal<S> {
    storage: S,
}

impl<S: Storage> StoredJournal<S> {
    /// The journal kept in `storage`.
    pub fn new(storage: S) -> Self {
        Self { storage }
    }

    /// How many entries are kept.
    pub fn len(&self) -> usize {
        self.storage
            .read(&count_key())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    }

    /// Whether no run is recorded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets the run: for a run that is finished or wholly rolled back.
    pub fn clear(&self) {
        for n in 0..self.len() {
            self.storage.remove(&entry_key(n));
        }
        self.storage.remove(&count_key());
    }
}

fn count_key() -> String {
    format!("{JOURNAL_KEY}.count")
}

fn entry_key(n: usize) -> String {
    format!("{JOURNAL_KEY}.{n}")
}

impl<S: Storage> Journal for StoredJournal<S> {
    fn append(&self, entry: &Entry) -> Result<(), JournalError> {
        let n = self.len();
        let text = mailshift_ovh::json::to_string(entry);
        let refused = |why: String| {
            JournalError(format!(
                "the browser refused to keep the run's journal ({why}): free some space for this site, then resume"
            ))
        };
        self.storage.write(&entry_key(n), &text).map_err(refused)?;
        self.storage
            .write(&count_key(), &(n + 1).to_string())
            .map_err(refused)
    }

    fn load(&self) -> Result<Vec<Entry>, JournalError> {
        (0..self.len())
            .map(|n| {
                let text = self.storage.read(&entry_key(n)).ok_or_else(|| {
                    JournalError(format!("entry {n} of the run's journal is missing"))
                })?;
                mailshift_ovh::json::from_str(&text).map_err(|_| JournalError::unreadable(n))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::MemoryStorage;

    fn entry(account: &str) -> Entry {
        Entry::CopyConfirmed(account.into())
    }

    #[test]
    fn entries_come_back_in_order_and_clearing_forgets_them() {
        let journal = StoredJournal::new(MemoryStorage::default());
        assert!(journal.is_empty());
        for a in ["a@d.fr", "b@d.fr", "c@d.fr"] {
            journal.append(&entry(a)).expect("kept");
        }
        let loaded = journal.load().expect("read");
        assert_eq!(loaded, [entry("a@d.fr"), entry("b@d.fr"), entry("c@d.fr")]);
        journal.clear();
        assert!(journal.is_empty());
        assert_eq!(journal.storage.read("mailshift.journal.0"), None);
    }

    #[test]
    fn an_entry_written_without_its_count_is_not_read() {
        let storage = MemoryStorage::default();
        let journal = StoredJournal::new(&storage);
        journal.append(&entry("a@d.fr")).expect("kept");
        storage
            .write("mailshift.journal.1", "{\"cut")
            .expect("written");
        let loaded = journal.load().expect("read");
        assert_eq!(loaded, [entry("a@d.fr")]);
    }

    #[test]
    fn an_entry_that_does_not_read_back_is_named_by_its_place() {
        let storage = MemoryStorage::default();
        let journal = StoredJournal::new(&storage);
        journal.append(&entry("a@d.fr")).expect("kept");
        journal.append(&entry("b@d.fr")).expect("kept");
        storage
            .write("mailshift.journal.1", r#"{"copyConfirmed": 7}"#)
            .expect("written");
        let error = journal.load().expect_err("entry 1 is not an entry");
        assert!(error.0.starts_with("entry 1 does not read back"), "{error}");
    }

    #[test]
    fn a_refused_write_says_what_to_do() {
        struct Full;
        impl Storage for Full {
            fn read(&self, _: &str) -> Option<String> {
                None
            }
            fn write(&self, _: &str, _: &str) -> Result<(), String> {
                Err("quota exceeded".into())
            }
            fn remove(&self, _: &str) {}
        }
        let error = StoredJournal::new(Full)
            .append(&entry("a@d.fr"))
            .expect_err("refused");
        assert!(
            error.0.contains("quota exceeded") && error.0.contains("resume"),
            "{error}"
        );
    }
}
