//! Turning an error into what a person reads: what happened, what to do, and the query ID
//! OVHcloud support asks for.

use mailshift_migrate::Problem as StepProblem;
use mailshift_migrate::engine::{Refusal, RunError};
use mailshift_ovh::{Error, ErrorKind};

use crate::lang::Lang;
use crate::size::format_size;
use crate::text::Text;

/// Where the error happened, for advice that fits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context<'a> {
    /// The proxy's address, named when it cannot be reached.
    pub proxy: &'a str,
    /// Whether the consumer key was just requested and may still wait for validation.
    pub awaiting_validation: bool,
}

/// An error as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// What happened, in one sentence.
    pub title: String,
    /// What to do about it.
    pub advice: String,
    /// OVHcloud's own words and codes, for support.
    pub detail: String,
    /// The `X-Ovh-QueryID`, when OVHcloud answered.
    pub query_id: Option<String>,
}

/// Explains `error` in `lang`.
pub fn explain(error: &Error, lang: Lang, context: Context<'_>) -> Problem {
    let call = error
        .call
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let (title, advice) = texts(error.kind, error.error_code.as_deref(), context);
    Problem {
        title: title.fill(lang, &[&call]),
        advice: advice.fill(lang, &[context.proxy]),
        detail: error.to_string(),
        query_id: error.query_id.clone(),
    }
}

/// Explains a migration step's failure in `lang`: in the person's words when its kind is
/// known (OVHcloud's answer, the engine's deadline or attempts), in the engine's (English)
/// for its other findings.
pub fn explain_step(problem: &StepProblem, lang: Lang, context: Context<'_>) -> Problem {
    let call = problem.call.clone().unwrap_or_default();
    let (title, advice) = match problem.kind {
        Some(kind) => {
            let (title, advice) = texts(kind, problem.error_code.as_deref(), context);
            (
                title.fill(lang, &[&call]),
                advice.fill(lang, &[context.proxy]),
            )
        }
        None => (problem.message.clone(), problem.advice.clone()),
    };
    let detail = match &problem.call {
        Some(call) => format!("{call}: {}", problem.message),
        None => problem.message.clone(),
    };
    Problem {
        title,
        advice,
        detail,
        query_id: problem.query_id.clone(),
    }
}

/// Why the engine refused a command, in `lang`; sizes as the pages show them.
pub fn refusal_text(refusal: &Refusal, lang: Lang) -> String {
    match refusal {
        Refusal::PlanNotRunnable => Text::RefusedPlan.get(lang).to_owned(),
        Refusal::AlreadyRecorded => Text::RefusedRecorded.get(lang).to_owned(),
        Refusal::NothingToResume => Text::RefusedNothing.get(lang).to_owned(),
        Refusal::NotMoving(address) => Text::RefusedNotMoving.fill(lang, &[address]),
        Refusal::NotAwaitingCopy(address) => Text::RefusedNotAwaiting.fill(lang, &[address]),
        Refusal::CopyNotConfirmed(address) => Text::RefusedNotConfirmed.fill(lang, &[address]),
        Refusal::DestinationSmaller {
            address,
            source,
            destination,
        } => Text::RefusedSmaller.fill(
            lang,
            &[
                address,
                &format_size(*destination, lang),
                &format_size(*source, lang),
            ],
        ),
        Refusal::SourceReset(address) => Text::RefusedSourceReset.fill(lang, &[address]),
    }
}

/// Why a whole run stopped, as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunStop<'a> {
    /// What happened and what to do, in one sentence.
    pub why: String,
    /// The failed call, to explain as a step's problem, when one failed.
    pub call: Option<&'a StepProblem>,
    /// The browser's own words, for support, when the journal could not be kept.
    pub detail: Option<&'a str>,
}

/// Why a whole run cannot go on, in `lang`.
pub fn run_stop(error: &RunError, lang: Lang) -> RunStop<'_> {
    let said = |text: Text| text.get(lang).to_owned();
    let (why, call, detail) = match error {
        RunError::Journal(e) => (said(Text::RunJournalFailed), None, Some(e.0.as_str())),
        RunError::Refused(refusal) => (refusal_text(refusal, lang), None, None),
        RunError::Failed(problem) => (said(Text::RunCallFailed), Some(&**problem), None),
        RunError::Phase1(problem) => (said(Text::RunPhase1Failed), Some(&**problem), None),
        RunError::Cancelled => (said(Text::ErrCancelled), None, None),
    };
    RunStop { why, call, detail }
}

/// What happened and what to do, for a kind of error and OVHcloud's `errorCode`.
fn texts(kind: ErrorKind, code: Option<&str>, context: Context<'_>) -> (Text, Text) {
    match (kind, code) {
        (_, Some("INVALID_KEY")) => (Text::ErrInvalidKey, Text::FixInvalidKey),
        (_, Some("INVALID_SIGNATURE")) => (Text::ErrBadSignature, Text::FixBadSignature),
        (_, Some("INVALID_CREDENTIAL")) if context.awaiting_validation => {
            (Text::ErrNotValidated, Text::FixNotValidated)
        }
        (_, Some("INVALID_CREDENTIAL")) => (Text::ErrInvalidCredential, Text::FixInvalidCredential),
        (_, Some("NOT_CREDENTIAL")) => (Text::ErrNoConsumerKey, Text::FixInvalidCredential),
        (ErrorKind::InvalidCredentials, _) => {
            (Text::ErrInvalidCredential, Text::FixInvalidCredential)
        }
        (ErrorKind::MissingRights, _) => (Text::ErrMissingRights, Text::FixMissingRights),
        (ErrorKind::ClockSkew, _) => (Text::ErrClockSkew, Text::FixClockSkew),
        (ErrorKind::NetworkFault, _) => (Text::ErrUnreachable, Text::FixUnreachable),
        (ErrorKind::RateLimited, _) => (Text::ErrRateLimited, Text::FixLater),
        (ErrorKind::ServerFault, _) => (Text::ErrServer, Text::FixLater),
        (ErrorKind::NotFound, _) => (Text::ErrNotFound, Text::FixNotFound),
        (ErrorKind::Conflict, _) => (Text::ErrConflict, Text::FixLater),
        (ErrorKind::ServiceExpired, _) => (Text::ErrExpired, Text::FixExpired),
        (ErrorKind::BadInput, _) => (Text::ErrBadInput, Text::FixBadInput),
        (ErrorKind::TaskFailed, _) => (Text::ErrTaskFailed, Text::FixTaskFailed),
        (ErrorKind::DeadlineExceeded, _) => (Text::ErrDeadline, Text::FixLater),
        (ErrorKind::Cancelled, _) => (Text::ErrCancelled, Text::FixCancelled),
        (ErrorKind::UnexpectedResponse, _) => (Text::ErrUnexpected, Text::FixLater),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mailshift_ovh::Method;
    use mailshift_ovh::error::Call;

    fn auth_error(status: u16, code: &str) -> Error {
        Error::from_response(
            status,
            &format!(r#"{{"errorCode":"{code}","httpCode":"{status}","message":"m"}}"#),
            Some("EU.ext-3.x".into()),
        )
    }

    #[test]
    fn each_credential_failure_has_its_own_words_and_keeps_the_query_id() {
        let context = Context::default();
        let titles: Vec<String> = [
            auth_error(403, "INVALID_KEY"),
            auth_error(400, "INVALID_SIGNATURE"),
            auth_error(403, "INVALID_CREDENTIAL"),
            auth_error(403, "NOT_GRANTED_CALL"),
            auth_error(400, "QUERY_TIME_OUT"),
        ]
        .iter()
        .map(|e| {
            let problem = explain(e, Lang::En, context);
            assert_eq!(problem.query_id.as_deref(), Some("EU.ext-3.x"));
            assert!(problem.detail.contains("EU.ext-3.x"), "{}", problem.detail);
            problem.title
        })
        .collect();
        let distinct: std::collections::BTreeSet<_> = titles.iter().collect();
        assert_eq!(distinct.len(), titles.len(), "{titles:?}");
    }

    #[test]
    fn a_pending_key_is_told_apart_from_a_bad_one() {
        let error = auth_error(403, "INVALID_CREDENTIAL");
        let pending = explain(
            &error,
            Lang::En,
            Context {
                awaiting_validation: true,
                ..Context::default()
            },
        );
        assert_eq!(pending.title, Text::ErrNotValidated.get(Lang::En));
    }

    #[test]
    fn missing_rights_name_the_call_and_unreachable_names_the_proxy() {
        let error = auth_error(403, "NOT_GRANTED_CALL").on(Call {
            method: Method::Get,
            template: "/email/pro".into(),
        });
        let problem = explain(&error, Lang::Fr, Context::default());
        assert!(
            problem.title.contains("GET /email/pro"),
            "{}",
            problem.title
        );
        let offline = Error::new(ErrorKind::NetworkFault, "refused");
        let problem = explain(
            &offline,
            Lang::En,
            Context {
                proxy: "http://127.0.0.1:9",
                ..Context::default()
            },
        );
        assert!(
            problem.advice.contains("http://127.0.0.1:9"),
            "{}",
            problem.advice
        );
        assert_eq!(problem.query_id, None);
    }

    #[test]
    fn a_step_refused_by_ovhcloud_reads_in_french_with_its_call_and_query_id() {
        let error = auth_error(403, "NOT_GRANTED_CALL").on(Call {
            method: Method::Put,
            template: "/email/exchange/{organizationName}/service/{exchangeService}/account/{primaryEmailAddress}".into(),
        });
        let step = StepProblem::from(&error);
        let problem = explain_step(&step, Lang::Fr, Context::default());
        assert_eq!(
            problem.title,
            explain(&error, Lang::Fr, Context::default()).title
        );
        assert!(
            problem.title.contains("PUT /email/exchange/"),
            "{}",
            problem.title
        );
        assert_eq!(problem.query_id.as_deref(), Some("EU.ext-3.x"));
        assert!(
            problem.detail.starts_with("PUT /email/exchange/"),
            "{}",
            problem.detail
        );
        let late = StepProblem::found(
            ErrorKind::DeadlineExceeded,
            "rename is still not finished after 45 minutes",
        );
        let told = explain_step(&late, Lang::Fr, Context::default());
        assert_eq!(told.title, Text::ErrDeadline.get(Lang::Fr));
        assert_eq!(told.detail, "rename is still not finished after 45 minutes");
        let own = StepProblem::new("the plan names no such account", "Plan again.");
        let told = explain_step(&own, Lang::Fr, Context::default());
        assert_eq!(told.title, "the plan names no such account");
    }

    #[test]
    fn each_refusal_is_said_in_both_languages_with_its_account_and_sizes() {
        let address = || "a@d.fr".to_owned();
        let refusals = [
            Refusal::PlanNotRunnable,
            Refusal::AlreadyRecorded,
            Refusal::NothingToResume,
            Refusal::NotMoving(address()),
            Refusal::NotAwaitingCopy(address()),
            Refusal::CopyNotConfirmed(address()),
            Refusal::DestinationSmaller {
                address: address(),
                source: 300 * 1024 * 1024,
                destination: 0,
            },
            Refusal::SourceReset(address()),
        ];
        for refusal in &refusals {
            let (english, french) = (
                refusal_text(refusal, Lang::En),
                refusal_text(refusal, Lang::Fr),
            );
            assert_ne!(english, french, "{refusal:?}");
            for text in [&english, &french] {
                assert!(!text.contains('{'), "{text}");
                let names_account = !matches!(
                    refusal,
                    Refusal::PlanNotRunnable | Refusal::AlreadyRecorded | Refusal::NothingToResume
                );
                assert_eq!(text.contains("a@d.fr"), names_account, "{text}");
            }
        }
        let smaller = refusal_text(&refusals[6], Lang::En);
        assert!(
            smaller.contains("holds 0") && smaller.contains("source 300"),
            "{smaller}"
        );
    }

    #[test]
    fn a_stopped_run_says_why_in_both_languages_and_hands_on_the_failed_call() {
        let call = || {
            Box::new(StepProblem::found(
                ErrorKind::MissingRights,
                "This call has not been granted",
            ))
        };
        let refused = "QuotaExceededError";
        let errors = [
            RunError::Journal(mailshift_migrate::journal::JournalError(refused.to_owned())),
            RunError::Refused(Refusal::NothingToResume),
            RunError::Failed(call()),
            RunError::Phase1(call()),
            RunError::Cancelled,
        ];
        let mut sentences = Vec::new();
        for error in &errors {
            let (english, french) = (run_stop(error, Lang::En), run_stop(error, Lang::Fr));
            assert_ne!(english.why, french.why, "{error:?}");
            assert!(!english.why.contains(refused), "{english:?}");
            let carries_call = matches!(error, RunError::Failed(_) | RunError::Phase1(_));
            assert_eq!(english.call.is_some(), carries_call, "{error:?}");
            let journal = matches!(error, RunError::Journal(_));
            assert_eq!(english.detail == Some(refused), journal, "{error:?}");
            sentences.push(english.why);
        }
        sentences.sort_unstable();
        sentences.dedup();
        assert_eq!(sentences.len(), errors.len(), "{sentences:?}");
    }
}
