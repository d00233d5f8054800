//! A record of every call a client sent: what the migration report lists, and what tests count.

use std::sync::{Arc, Mutex};

use crate::method::Method;

/// One call as it went out and came back; it holds no body, so no secret.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct CallRecord {
    /// When it was sent, in milliseconds since the Unix epoch (local clock).
    #[serde(rename = "atMs")]
    pub at_ms: i64,
    /// The method.
    pub method: Method,
    /// The schema path template, e.g. `/email/pro/{service}/account/{email}`.
    pub template: String,
    /// The HTTP status, `None` when no answer came.
    pub status: Option<u16>,
    /// How long the answer took, in milliseconds.
    #[serde(rename = "durationMs")]
    pub duration_ms: i64,
    /// OVHcloud's `X-Ovh-QueryID`, when the answer had one.
    #[serde(rename = "queryId")]
    pub query_id: Option<String>,
}

/// A shared, append-only list of [`CallRecord`]s; clones see the same list.
#[derive(Clone, Debug, Default)]
pub struct CallLog(Arc<Mutex<Vec<CallRecord>>>);

impl CallLog {
    /// An empty log.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a record.
    pub fn push(&self, record: CallRecord) {
        self.lock().push(record);
    }

    /// Every record so far, oldest first.
    pub fn records(&self) -> Vec<CallRecord> {
        self.lock().clone()
    }

    /// How many calls were recorded.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether nothing was recorded yet.
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<CallRecord>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}
