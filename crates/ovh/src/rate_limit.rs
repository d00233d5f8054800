//! A client-side rate limiter shared by all concurrent work on one consumer key.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use sha1::{Digest, Sha1};

use crate::clock::Clock;

/// A token bucket: `burst` calls at once, then one call every `60 s / per_minute`.
#[derive(Debug)]
pub struct RateLimiter {
    per_minute: u32,
    burst: u32,
    bucket: Mutex<Option<Bucket>>,
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    updated_ms: i64,
}

impl RateLimiter {
    /// OVHcloud staff called about 60 calls a minute per consumer key safe; staying at 50 with
    /// a burst of 5 keeps the first minute under 60 too.
    pub const DEFAULT_PER_MINUTE: u32 = 50;
    /// See [`RateLimiter::DEFAULT_PER_MINUTE`].
    pub const DEFAULT_BURST: u32 = 5;

    /// A limiter allowing `per_minute` calls a minute on average and `burst` at once (both at
    /// least 1).
    pub fn new(per_minute: u32, burst: u32) -> Self {
        Self {
            per_minute: per_minute.max(1),
            burst: burst.max(1),
            bucket: Mutex::new(None),
        }
    }

    /// Takes one call's slot now, or says how long to wait before one is free.
    pub fn try_acquire(&self, now_ms: i64) -> Result<(), Duration> {
        self.try_acquire_as(now_ms, Priority::Normal)
    }

    /// The same for a call of this priority: normal calls leave one slot of the burst for
    /// urgent ones, so an urgent call waits behind no queue of normal ones. The average pace
    /// and the largest burst stay what they are.
    pub fn try_acquire_as(&self, now_ms: i64, priority: Priority) -> Result<(), Duration> {
        let mut guard = self.bucket.lock().unwrap_or_else(|p| p.into_inner());
        let ms_per_token = 60_000.0 / f64::from(self.per_minute);
        let mut bucket = guard.unwrap_or(Bucket {
            tokens: f64::from(self.burst),
            updated_ms: now_ms,
        });
        let elapsed = (now_ms - bucket.updated_ms).max(0) as f64;
        bucket.tokens = (bucket.tokens + elapsed / ms_per_token).min(f64::from(self.burst));
        bucket.updated_ms = now_ms;
        let needed = match priority {
            Priority::Urgent => 1.0,
            Priority::Normal if self.burst > 1 => 2.0,
            Priority::Normal => 1.0,
        };
        let result = if bucket.tokens >= needed {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let wait_ms = ((needed - bucket.tokens) * ms_per_token).ceil();
            Err(Duration::from_millis(wait_ms as u64))
        };
        *guard = Some(bucket);
        result
    }

    /// Waits until a call may be made, then takes its slot.
    pub async fn acquire(&self, clock: &impl Clock) {
        self.acquire_as(clock, Priority::Normal).await;
    }

    /// Waits until a call of this priority may be made, then takes its slot.
    pub async fn acquire_as(&self, clock: &impl Clock, priority: Priority) {
        while let Err(wait) = self.try_acquire_as(clock.now_ms(), priority) {
            clock.sleep(wait).await;
        }
    }
}

/// Whether a call may go ahead of others waiting for the same key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Priority {
    /// Most calls.
    #[default]
    Normal,
    /// Calls on which something waits that must not wait (an address that exists nowhere
    /// until the call is answered).
    Urgent,
}

impl Default for RateLimiter {
    fn default() -> Self {
        Self::new(Self::DEFAULT_PER_MINUTE, Self::DEFAULT_BURST)
    }
}

/// One rate limiter per consumer key: OVHcloud paces calls per key, so every client built for
/// the same key (the pages, the engine, each poll) must draw from the same bucket.
#[derive(Debug)]
pub struct Pacing {
    per_minute: u32,
    burst: u32,
    /// Keyed by a digest of the consumer key, so the registry holds no copy of the secret.
    limiters: Mutex<Vec<([u8; 20], Arc<RateLimiter>)>>,
}

impl Pacing {
    /// Limiters of `per_minute` calls a minute with bursts of `burst`, one per key.
    pub const fn new(per_minute: u32, burst: u32) -> Self {
        Self {
            per_minute,
            burst,
            limiters: Mutex::new(Vec::new()),
        }
    }

    /// The limiter of this consumer key, created on first use.
    pub fn for_key(&self, consumer_key: &str) -> Arc<RateLimiter> {
        let digest: [u8; 20] = Sha1::digest(consumer_key.as_bytes()).into();
        let mut limiters = self.limiters.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, limiter)) = limiters.iter().find(|(d, _)| *d == digest) {
            return Arc::clone(limiter);
        }
        let limiter = Arc::new(RateLimiter::new(self.per_minute, self.burst));
        limiters.push((digest, Arc::clone(&limiter)));
        limiter
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use futures_util::FutureExt;

    #[test]
    fn allows_a_burst_then_spaces_calls_out() {
        let limiter = RateLimiter::new(60, 3);
        for _ in 0..2 {
            assert_eq!(limiter.try_acquire(0), Ok(()));
        }
        // The last slot of the burst is kept for an urgent call.
        assert_eq!(limiter.try_acquire(0), Err(Duration::from_secs(1)));
        assert_eq!(limiter.try_acquire_as(0, Priority::Urgent), Ok(()));
        assert_eq!(limiter.try_acquire(0), Err(Duration::from_secs(2)));
        assert_eq!(limiter.try_acquire(1_000), Err(Duration::from_secs(1)));
        assert_eq!(limiter.try_acquire(2_000), Ok(()));
    }

    #[test]
    fn an_urgent_call_goes_ahead_of_waiting_normal_ones() {
        let limiter = RateLimiter::new(60, 5);
        while limiter.try_acquire(0).is_ok() {}
        // Normal calls queue for their turn; the urgent one finds its slot at once, and then
        // waits only for the next slot, not behind the queue.
        assert!(limiter.try_acquire(0).is_err());
        assert_eq!(limiter.try_acquire_as(0, Priority::Urgent), Ok(()));
        assert_eq!(
            limiter.try_acquire_as(0, Priority::Urgent),
            Err(Duration::from_secs(1))
        );
        assert_eq!(limiter.try_acquire(0), Err(Duration::from_secs(2)));
    }

    #[test]
    fn never_exceeds_the_rate_over_a_minute() {
        let clock = ManualClock::starting_at(0);
        let limiter = RateLimiter::default();
        let mut calls_in_first_minute = 0;
        while clock.now_ms() < 60_000 {
            limiter
                .acquire(&clock)
                .now_or_never()
                .expect("manual clock never blocks");
            if clock.now_ms() < 60_000 {
                calls_in_first_minute += 1;
            }
        }
        assert!(calls_in_first_minute <= 55, "{calls_in_first_minute} calls");
        assert!(calls_in_first_minute >= 50, "{calls_in_first_minute} calls");
    }

    #[test]
    fn pacing_gives_one_limiter_per_consumer_key() {
        let pacing = Pacing::new(60, 1);
        let first = pacing.for_key("key-a");
        assert!(Arc::ptr_eq(&first, &pacing.for_key("key-a")));
        assert!(!Arc::ptr_eq(&first, &pacing.for_key("key-b")));
        assert_eq!(first.try_acquire(0), Ok(()));
        assert!(pacing.for_key("key-a").try_acquire(0).is_err());
        assert_eq!(pacing.for_key("key-b").try_acquire(0), Ok(()));
    }

    #[test]
    fn is_shared_across_users() {
        let limiter = std::sync::Arc::new(RateLimiter::new(60, 1));
        let other = std::sync::Arc::clone(&limiter);
        assert_eq!(limiter.try_acquire(0), Ok(()));
        assert!(other.try_acquire(0).is_err());
    }
}
