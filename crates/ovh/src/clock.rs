//! Time, behind a trait: the browser's and the system's clocks, and a manual clock for tests.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Wall-clock time and sleeping.
pub trait Clock {
    /// Milliseconds since the Unix epoch, by this computer's clock.
    fn now_ms(&self) -> i64;
    /// Resolves after `duration`.
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()>;
}

/// The real clock: `Date.now()` and timers in the browser, the system clock and Tokio natively
/// (with the `native` feature).
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

#[cfg(target_arch = "wasm32")]
impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        js_sys::Date::now() as i64
    }

    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> {
        let millis = u32::try_from(duration.as_millis()).unwrap_or(u32::MAX);
        gloo_timers::future::TimeoutFuture::new(millis)
    }
}

#[cfg(all(not(target_arch = "wasm32"), feature = "native"))]
impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
    }

    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> {
        tokio::time::sleep(duration)
    }
}

/// A clock that moves only when something sleeps on it (or the test moves it): an awaited
/// sleep of any length completes at once, and is recorded so tests can check the schedule.
#[derive(Clone, Debug, Default)]
pub struct ManualClock {
    state: Arc<Mutex<ManualState>>,
}

#[derive(Debug, Default)]
struct ManualState {
    now_ms: i64,
    sleeps: Vec<Duration>,
}

impl ManualClock {
    /// A manual clock showing `now_ms`.
    pub fn starting_at(now_ms: i64) -> Self {
        let clock = Self::default();
        clock.lock().now_ms = now_ms;
        clock
    }

    /// Every sleep so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.lock().sleeps.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ManualState> {
        // A panic while holding the lock leaves plain numbers behind: still usable.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> i64 {
        self.lock().now_ms
    }

    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> {
        // Time moves when the sleep is awaited, not when it is created: a timeout that loses a
        // race against an answer must not move the clock.
        let clock = self.clone();
        std::future::poll_fn(move |_| {
            let mut state = clock.lock();
            state.now_ms += duration_ms(duration);
            state.sleeps.push(duration);
            std::task::Poll::Ready(())
        })
    }
}

fn duration_ms(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}
