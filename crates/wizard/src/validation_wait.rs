//! Waiting for a requested consumer key: the person validates it on OVHcloud's page, in another
//! tab, while the connect page tries the key every few seconds. The wait ends on the first
//! answer that is not "not validated yet", after a quarter of an hour, or as soon as it is
//! cancelled (the person connects with other keys, forgets everything, or leaves the page),
//! even in the middle of a pause, so that nothing runs on after its page is gone.

use std::future::Future;
use std::time::Duration;

use futures_util::future::{Either, select};
use mailshift_ovh::{CancelToken, Clock, Error};

use crate::connection::Connected;

/// The pause between two tries.
pub const POLL: Duration = Duration::from_secs(3);

/// How long a requested key is waited for.
pub const LONGEST: Duration = Duration::from_secs(15 * 60);

/// How a wait ended.
#[derive(Debug)]
pub enum WaitEnd {
    /// The key works and has every right needed.
    Connected,
    /// The key works but lacks rules.
    Lacking(Connected),
    /// OVHcloud refused it for another reason than "not validated yet".
    Failed(Error),
    /// A quarter of an hour went by without a validation.
    GaveUp,
    /// It was cancelled.
    Cancelled,
}

/// Whether OVHcloud's answer means the key is simply not validated yet.
fn not_validated_yet(error: &Error) -> bool {
    error.error_code.as_deref() == Some("INVALID_CREDENTIAL")
}

/// Tries the key with `attempt` every [`POLL`] until it works, fails for good, [`LONGEST`]
/// has passed, or `cancel` is cancelled.
pub async fn wait<C, F, Fut>(clock: &C, cancel: &CancelToken, mut attempt: F) -> WaitEnd
where
    C: Clock,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Option<Connected>, Error>>,
{
    let mut waited = Duration::ZERO;
    while waited < LONGEST {
        let pause = select(Box::pin(clock.sleep(POLL)), cancel.cancelled()).await;
        if matches!(pause, Either::Right(_)) || cancel.is_cancelled() {
            return WaitEnd::Cancelled;
        }
        waited += POLL;
        match attempt().await {
            Ok(None) => return WaitEnd::Connected,
            Ok(Some(lacking)) => return WaitEnd::Lacking(lacking),
            Err(error) if not_validated_yet(&error) => {}
            Err(error) => return WaitEnd::Failed(error),
        }
        if cancel.is_cancelled() {
            return WaitEnd::Cancelled;
        }
    }
    WaitEnd::GaveUp
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use futures_util::FutureExt;
    use mailshift_ovh::clock::ManualClock;

    use super::*;

    fn pending() -> Error {
        Error::from_response(
            403,
            r#"{"errorCode":"INVALID_CREDENTIAL","message":"This credential is not valid"}"#,
            Some("EU.ext-1.q".into()),
        )
    }

    fn run(future: impl Future<Output = WaitEnd>) -> WaitEnd {
        future.now_or_never().expect("a manual clock never waits")
    }

    #[test]
    fn tries_every_poll_until_the_key_is_validated() {
        let clock = ManualClock::starting_at(0);
        let tries = Cell::new(0);
        let end = run(wait(&clock, &CancelToken::new(), || {
            tries.set(tries.get() + 1);
            let answer = if tries.get() < 3 {
                Err(pending())
            } else {
                Ok(None)
            };
            async move { answer }
        }));
        assert!(matches!(end, WaitEnd::Connected), "{end:?}");
        assert_eq!(tries.get(), 3);
        assert_eq!(clock.sleeps(), [POLL; 3]);
    }

    #[test]
    fn another_refusal_or_missing_rights_end_the_wait_at_once() {
        let clock = ManualClock::starting_at(0);
        let refused = run(wait(&clock, &CancelToken::new(), || async {
            Err(Error::from_response(
                403,
                r#"{"errorCode":"INVALID_SIGNATURE","message":"Invalid signature"}"#,
                None,
            ))
        }));
        assert!(
            matches!(refused, WaitEnd::Failed(e) if e.error_code.as_deref() == Some("INVALID_SIGNATURE"))
        );
        let lacking = Connected {
            account: None,
            expiration: None,
            missing: Vec::new(),
        };
        let answer = lacking.clone();
        let end = run(wait(&clock, &CancelToken::new(), move || {
            let answer = answer.clone();
            async move { Ok(Some(answer)) }
        }));
        assert!(matches!(end, WaitEnd::Lacking(c) if c == lacking));
    }

    #[test]
    fn gives_up_after_a_quarter_of_an_hour() {
        let clock = ManualClock::starting_at(0);
        let end = run(wait(&clock, &CancelToken::new(), || async {
            Err(pending())
        }));
        assert!(matches!(end, WaitEnd::GaveUp));
        assert_eq!(clock.sleeps().len(), 300);
    }

    #[test]
    fn a_cancelled_wait_tries_nothing_more() {
        let clock = ManualClock::starting_at(0);
        let cancel = CancelToken::new();
        let tries = Cell::new(0);
        let end = run(wait(&clock, &cancel, || {
            tries.set(tries.get() + 1);
            // The person connects with other keys while this try is under way.
            cancel.cancel();
            async { Err(pending()) }
        }));
        assert!(matches!(end, WaitEnd::Cancelled));
        assert_eq!(tries.get(), 1);
        let before = CancelToken::new();
        before.cancel();
        let end = run(wait(&clock, &before, || async { Ok(None) }));
        assert!(
            matches!(end, WaitEnd::Cancelled),
            "cancelled before the first try"
        );
    }
}
