//! Waiting for OVH tasks and objects: polling that backs off, a deadline, and cancellation.

use std::future::Future;
use std::time::Duration;

use futures_util::future::{Either, select};

use crate::cancel::CancelToken;
use crate::client::Client;
use crate::clock::Clock;
use crate::error::{Error, ErrorKind};
use crate::models::{ObjectState, Task, TaskStatus};
use crate::path::ApiPath;
use crate::transport::Transport;

/// How often to look and for how long.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PollSchedule {
    /// The first pause; OVHcloud asks for no polling faster than every few seconds.
    pub first: Duration,
    /// Each pause is the previous one times this.
    pub factor: f64,
    /// The longest pause.
    pub longest: Duration,
    /// Give up after this long in all.
    pub deadline: Duration,
}

impl Default for PollSchedule {
    /// Tasks usually start within a minute and end within minutes; plan for tens of minutes.
    fn default() -> Self {
        Self {
            first: Duration::from_secs(3),
            factor: 1.5,
            longest: Duration::from_secs(30),
            deadline: Duration::from_secs(45 * 60),
        }
    }
}

impl PollSchedule {
    /// The pause before look number `n + 1` (`n` from 0).
    pub fn pause(&self, n: u32) -> Duration {
        let grown = self
            .first
            .mul_f64(self.factor.max(1.0).powi(n.min(64) as i32));
        grown.min(self.longest).max(self.first.min(self.longest))
    }
}

/// What one look found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress<T> {
    /// Finished, with its result.
    Done(T),
    /// Not yet.
    Pending,
    /// Finished badly, with why.
    Failed(String),
}

/// Looks with `check` until it is done, failed, past the deadline or cancelled.
pub async fn poll_until<C, F, Fut, T>(
    clock: &C,
    schedule: &PollSchedule,
    cancel: &CancelToken,
    what: &str,
    mut check: F,
) -> Result<T, Error>
where
    C: Clock,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Progress<T>, Error>>,
{
    let started = clock.now_ms();
    let deadline_ms = i64::try_from(schedule.deadline.as_millis()).unwrap_or(i64::MAX);
    for look in 0u32.. {
        if cancel.is_cancelled() {
            return Err(cancelled(what));
        }
        match check().await? {
            Progress::Done(value) => return Ok(value),
            Progress::Failed(why) => {
                return Err(Error::new(
                    ErrorKind::TaskFailed,
                    format!("{what} failed: {why}"),
                ));
            }
            Progress::Pending => {}
        }
        let elapsed = clock.now_ms() - started;
        if elapsed >= deadline_ms {
            return Err(Error::new(
                ErrorKind::DeadlineExceeded,
                format!(
                    "{what} is still not finished after {} minutes",
                    elapsed / 60_000
                ),
            ));
        }
        let pause = schedule.pause(look);
        let sleeping = std::pin::pin!(clock.sleep(pause));
        if let Either::Right(_) = select(sleeping, cancel.cancelled()).await {
            return Err(cancelled(what));
        }
    }
    Err(cancelled(what))
}

fn cancelled(what: &str) -> Error {
    Error::new(ErrorKind::Cancelled, format!("stopped waiting for {what}"))
}

/// The status of an Exchange, Email Pro or MX Plan task, as progress.
pub fn task_progress(task: Task) -> Progress<Task> {
    match task.status {
        TaskStatus::Done | TaskStatus::Cancelled => Progress::Done(task),
        TaskStatus::Error => Progress::Failed(format!(
            "task {} ({}) ended in error",
            task.id, task.function
        )),
        TaskStatus::Todo | TaskStatus::Doing | TaskStatus::Unrecognized => Progress::Pending,
    }
}

/// The fields every stateful object shares.
#[derive(Clone, Debug, miniserde::Deserialize)]
struct StatefulObject {
    state: ObjectState,
    #[serde(rename = "taskPendingId")]
    task_pending_id: Option<i64>,
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Waits for an Exchange, Email Pro or MX Plan task (`path` reads it) to finish.
    pub async fn wait_for_task(
        &self,
        path: &ApiPath,
        schedule: &PollSchedule,
        cancel: &CancelToken,
    ) -> Result<Task, Error> {
        poll_until(self.clock(), schedule, cancel, "the OVH task", || async {
            Ok(task_progress(self.get::<Task>(path).await?))
        })
        .await
    }

    /// Waits for a legacy MX Plan task (`path` reads it): it is finished when it is gone.
    pub async fn wait_for_legacy_task(
        &self,
        path: &ApiPath,
        schedule: &PollSchedule,
        cancel: &CancelToken,
    ) -> Result<(), Error> {
        poll_until(
            self.clock(),
            schedule,
            cancel,
            "the MX Plan task",
            || async {
                match self.get::<crate::json::Ignored>(path).await {
                    Ok(_) => Ok(Progress::Pending),
                    Err(error) if error.kind == ErrorKind::NotFound => Ok(Progress::Done(())),
                    Err(error) => Err(error),
                }
            },
        )
        .await
    }

    /// Waits until the object `path` reads is in state `ok` with no pending task.
    pub async fn wait_until_ready(
        &self,
        path: &ApiPath,
        schedule: &PollSchedule,
        cancel: &CancelToken,
    ) -> Result<(), Error> {
        poll_until(
            self.clock(),
            schedule,
            cancel,
            "the object to be ready",
            || async {
                let object: StatefulObject = self.get(path).await?;
                let idle = object.task_pending_id.is_none_or(|id| id == 0);
                Ok(match object.state {
                    ObjectState::Ok if idle => Progress::Done(()),
                    _ => Progress::Pending,
                })
            },
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use futures_util::FutureExt;
    use std::cell::Cell;

    fn run<T>(future: impl Future<Output = T>) -> T {
        future
            .now_or_never()
            .expect("the manual clock never blocks")
    }

    #[test]
    fn pauses_grow_from_a_few_seconds_to_the_longest() {
        let schedule = PollSchedule::default();
        let pauses: Vec<_> = (0..9).map(|n| schedule.pause(n).as_millis()).collect();
        assert_eq!(
            pauses,
            [3000, 4500, 6750, 10125, 15187, 22781, 30000, 30000, 30000]
        );
    }

    #[test]
    fn stops_when_done_after_backing_off() {
        let clock = ManualClock::starting_at(0);
        let looks = Cell::new(0);
        let result = run(poll_until(
            &clock,
            &PollSchedule::default(),
            &CancelToken::new(),
            "t",
            || {
                looks.set(looks.get() + 1);
                let n = looks.get();
                async move {
                    Ok(if n < 4 {
                        Progress::Pending
                    } else {
                        Progress::Done(n)
                    })
                }
            },
        ));
        assert_eq!(result, Ok(4));
        assert_eq!(
            clock.sleeps(),
            [3000, 4500, 6750].map(Duration::from_millis).to_vec()
        );
    }

    #[test]
    fn a_failed_task_is_an_error_naming_it() {
        let clock = ManualClock::starting_at(0);
        let result: Result<(), Error> = run(poll_until(
            &clock,
            &PollSchedule::default(),
            &CancelToken::new(),
            "renaming john@d",
            || async { Ok(Progress::Failed("task 7 ended in error".into())) },
        ));
        let error = result.expect_err("failed");
        assert_eq!(error.kind, ErrorKind::TaskFailed);
        assert!(error.message.contains("renaming john@d"));
    }

    #[test]
    fn gives_up_at_the_deadline() {
        let clock = ManualClock::starting_at(0);
        let schedule = PollSchedule {
            deadline: Duration::from_secs(600),
            ..PollSchedule::default()
        };
        let result: Result<(), Error> = run(poll_until(
            &clock,
            &schedule,
            &CancelToken::new(),
            "t",
            || async { Ok(Progress::Pending) },
        ));
        assert_eq!(result.expect_err("late").kind, ErrorKind::DeadlineExceeded);
        assert!(clock.now_ms() >= 600_000);
        assert!(clock.now_ms() < 600_000 + 30_000 + 1);
    }

    #[test]
    fn cancellation_stops_between_looks() {
        let clock = ManualClock::starting_at(0);
        let cancel = CancelToken::new();
        let looks = Cell::new(0);
        let result: Result<(), Error> = run(poll_until(
            &clock,
            &PollSchedule::default(),
            &cancel,
            "t",
            || {
                looks.set(looks.get() + 1);
                if looks.get() == 2 {
                    cancel.cancel();
                }
                async { Ok(Progress::Pending) }
            },
        ));
        assert_eq!(result.expect_err("cancelled").kind, ErrorKind::Cancelled);
        assert_eq!(looks.get(), 2);
    }

    #[test]
    fn task_statuses_map_to_progress() {
        let task = |status| Task {
            id: 1,
            function: "changePassword".into(),
            status,
            todo_date: "2026-11-24T10:00:00+01:00".into(),
            finish_date: None,
        };
        assert!(matches!(
            task_progress(task(TaskStatus::Done)),
            Progress::Done(_)
        ));
        assert!(matches!(
            task_progress(task(TaskStatus::Cancelled)),
            Progress::Done(_)
        ));
        assert!(matches!(
            task_progress(task(TaskStatus::Error)),
            Progress::Failed(_)
        ));
        assert!(matches!(
            task_progress(task(TaskStatus::Todo)),
            Progress::Pending
        ));
        assert!(matches!(
            task_progress(task(TaskStatus::Doing)),
            Progress::Pending
        ));
    }
}
