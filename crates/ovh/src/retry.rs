//! When and how long to wait before retrying a read.

use std::time::Duration;

/// Exponential backoff with full jitter, for reads that met a transient fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first one included.
    pub max_attempts: u32,
    /// The longest first pause.
    pub base: Duration,
    /// No pause is longer than this.
    pub cap: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 5,
            base: Duration::from_secs(1),
            cap: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Whether another attempt is allowed after `attempts_made`.
    pub fn allows_another(&self, attempts_made: u32) -> bool {
        attempts_made < self.max_attempts
    }

    /// The pause after failed attempt number `attempt` (0 for the first), `random` in `[0, 1)`:
    /// a random share of `min(cap, base * 2^attempt)`, never shorter than `at_least` (a
    /// `Retry-After` the server sent).
    pub fn delay(&self, attempt: u32, random: f64, at_least: Option<Duration>) -> Duration {
        let ceiling = self
            .base
            .saturating_mul(2u32.saturating_pow(attempt.min(16)))
            .min(self.cap);
        let jittered = ceiling.mul_f64(random.clamp(0.0, 1.0));
        at_least.map_or(jittered, |floor| jittered.max(floor.min(self.cap)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_exponentially_up_to_the_cap() {
        let policy = RetryPolicy::default();
        let ceilings: Vec<_> = (0..7)
            .map(|a| policy.delay(a, 0.999_999, None).as_secs())
            .collect();
        assert_eq!(ceilings, [0, 1, 3, 7, 15, 29, 29]);
        assert_eq!(policy.delay(3, 0.5, None), Duration::from_secs(4));
    }

    #[test]
    fn jitter_spreads_pauses_and_retry_after_is_a_floor() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay(2, 0.0, None), Duration::ZERO);
        assert_ne!(policy.delay(2, 0.1, None), policy.delay(2, 0.9, None));
        assert_eq!(
            policy.delay(0, 0.0, Some(Duration::from_secs(7))),
            Duration::from_secs(7)
        );
        assert_eq!(
            policy.delay(0, 0.0, Some(Duration::from_secs(700))),
            Duration::from_secs(30)
        );
    }

    #[test]
    fn counts_attempts() {
        let policy = RetryPolicy::default();
        assert!(policy.allows_another(4));
        assert!(!policy.allows_another(5));
    }
}
