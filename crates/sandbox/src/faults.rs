//! Trouble on demand, seeded so a run can be repeated: server errors, bursts of 429, dropped
//! connections, slow answers, tasks ending in error, and a sandbox clock that is off.

use serde::{Deserialize, Serialize};

/// Which faults to inject, and how often.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Faults {
    /// Seed of the random draws; the same seed gives the same faults for the same calls.
    pub seed: u64,
    /// Share of API calls answered with a 500 or 503.
    pub server_error_rate: f64,
    /// Every this many API calls, a burst of 429 starts (0: never).
    pub rate_limit_every: u32,
    /// How many calls a burst of 429 lasts.
    pub rate_limit_burst: u32,
    /// Share of API calls whose connection is dropped before the answer is complete.
    pub drop_rate: f64,
    /// Share of API calls answered only after `slowMs`.
    pub slow_rate: f64,
    /// How slow a slow answer is, in milliseconds.
    pub slow_ms: u64,
    /// Share of tasks that end in `error`, leaving the object as it was.
    pub task_error_rate: f64,
    /// How far the sandbox's clock is from the real one, in seconds.
    pub clock_skew_s: i64,
}

/// What to do with one call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trouble {
    /// Answer normally.
    None,
    /// Answer with this 5xx status.
    ServerError(u16),
    /// Answer 429.
    RateLimited,
    /// Drop the connection.
    Drop,
    /// Wait this many milliseconds, then answer normally.
    Slow(u64),
}

/// The faults in force and the draws made so far.
#[derive(Debug)]
pub struct Injector {
    faults: Faults,
    rng: fastrand::Rng,
    calls: u64,
    burst_left: u32,
}

impl Injector {
    /// An injector for these faults, its draws starting from their seed.
    pub fn new(faults: Faults) -> Self {
        Self {
            rng: fastrand::Rng::with_seed(faults.seed),
            faults,
            calls: 0,
            burst_left: 0,
        }
    }

    /// The faults in force.
    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    /// Decides the trouble for the next API call.
    pub fn next_call(&mut self) -> Trouble {
        self.calls += 1;
        let every = u64::from(self.faults.rate_limit_every);
        if every > 0 && self.calls.is_multiple_of(every) {
            self.burst_left = self.faults.rate_limit_burst.max(1);
        }
        if self.burst_left > 0 {
            self.burst_left -= 1;
            return Trouble::RateLimited;
        }
        if self.draw(self.faults.server_error_rate) {
            return Trouble::ServerError(if self.rng.bool() { 500 } else { 503 });
        }
        if self.draw(self.faults.drop_rate) {
            return Trouble::Drop;
        }
        if self.draw(self.faults.slow_rate) {
            return Trouble::Slow(self.faults.slow_ms);
        }
        Trouble::None
    }

    /// Whether the next task ends in error.
    pub fn task_fails(&mut self) -> bool {
        self.draw(self.faults.task_error_rate)
    }

    fn draw(&mut self, rate: f64) -> bool {
        rate > 0.0 && self.rng.f64() < rate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(faults: Faults, n: usize) -> Vec<Trouble> {
        let mut injector = Injector::new(faults);
        (0..n).map(|_| injector.next_call()).collect()
    }

    #[test]
    fn the_same_seed_gives_the_same_faults() {
        let faults = Faults {
            seed: 7,
            server_error_rate: 0.3,
            drop_rate: 0.2,
            ..Faults::default()
        };
        assert_eq!(pattern(faults.clone(), 50), pattern(faults.clone(), 50));
        let other = Faults {
            seed: 8,
            ..faults.clone()
        };
        assert_ne!(pattern(faults, 50), pattern(other, 50));
    }

    #[test]
    fn bursts_of_429_come_at_their_period() {
        let faults = Faults {
            rate_limit_every: 5,
            rate_limit_burst: 2,
            ..Faults::default()
        };
        let calls = pattern(faults, 12);
        let limited: Vec<usize> = calls
            .iter()
            .enumerate()
            .filter(|(_, t)| **t == Trouble::RateLimited)
            .map(|(i, _)| i + 1)
            .collect();
        assert_eq!(limited, [5, 6, 10, 11]);
    }

    #[test]
    fn no_faults_by_default() {
        assert!(
            pattern(Faults::default(), 100)
                .iter()
                .all(|t| *t == Trouble::None)
        );
    }
}
