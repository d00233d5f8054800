//! Applications, consumer keys and request authentication, as OVHcloud's auth layer does it.

use std::collections::BTreeMap;

use mailshift_ovh::Method;
use mailshift_ovh::access_rules::pattern_matches;
use mailshift_ovh::models::auth::{AccessRule, CredentialState};
use mailshift_ovh::signing::{Signed, signature};

use crate::refusal::Refusal;

/// How far a request's timestamp may be from the sandbox's clock. *Unconfirmed*: OVHcloud does
/// not publish its window.
pub const TIMESTAMP_WINDOW_S: i64 = 180;

/// An application registered with the sandbox (AK/AS).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Application {
    /// Its numeric id.
    pub id: i64,
    /// Its key (AK).
    pub key: String,
    /// Its secret (AS).
    pub secret: String,
    /// Its name, shown on the validation page.
    pub name: String,
}

/// A consumer key and what it may do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credential {
    /// Its numeric id.
    pub id: i64,
    /// The key itself (CK).
    pub consumer_key: String,
    /// The application it belongs to.
    pub application_key: String,
    /// The rules it grants once validated.
    pub rules: Vec<AccessRule>,
    /// Where it stands (expiry is applied on read).
    pub state: CredentialState,
    /// When it was created, Unix seconds.
    pub created: i64,
    /// When it expires, Unix seconds; `None` for never.
    pub expires: Option<i64>,
    /// When it was last used.
    pub last_use: Option<i64>,
    /// Where the validation page sends the user back.
    pub redirection: Option<String>,
    /// The token in the validation URL.
    pub token: String,
    /// Whether it was revoked.
    pub revoked: bool,
}

impl Credential {
    /// Its state at `now`, expiry included.
    pub fn state_at(&self, now: i64) -> CredentialState {
        match self.expires {
            Some(expires) if self.state == CredentialState::Validated && now >= expires => {
                CredentialState::Expired
            }
            _ => self.state,
        }
    }
}

/// What a request carried for authentication.
#[derive(Clone, Copy, Debug)]
pub struct Presented<'a> {
    /// `X-Ovh-Application`.
    pub application: Option<&'a str>,
    /// `X-Ovh-Consumer`.
    pub consumer: Option<&'a str>,
    /// `X-Ovh-Timestamp`.
    pub timestamp: Option<&'a str>,
    /// `X-Ovh-Signature`.
    pub signature: Option<&'a str>,
}

/// Applications and consumer keys.
#[derive(Debug, Default)]
pub struct Auth {
    applications: Vec<Application>,
    credentials: BTreeMap<String, Credential>,
    next_id: i64,
}

impl Auth {
    /// An auth layer knowing these applications.
    pub fn new(applications: Vec<Application>) -> Self {
        Self {
            applications,
            credentials: BTreeMap::new(),
            next_id: 1,
        }
    }

    /// The application with this key.
    pub fn application(&self, key: &str) -> Option<&Application> {
        self.applications.iter().find(|a| a.key == key)
    }

    /// Creates a pending consumer key (`POST /auth/credential`).
    pub fn request(
        &mut self,
        application_key: &str,
        rules: Vec<AccessRule>,
        redirection: Option<String>,
        now: i64,
    ) -> Result<Credential, Refusal> {
        if self.application(application_key).is_none() {
            return Err(Refusal::invalid_key());
        }
        let credential = Credential {
            id: self.next_id,
            consumer_key: random_key(32),
            application_key: application_key.to_owned(),
            rules,
            state: CredentialState::PendingValidation,
            created: now,
            expires: None,
            last_use: None,
            redirection,
            token: random_key(40),
            revoked: false,
        };
        self.next_id += 1;
        self.credentials
            .insert(credential.consumer_key.clone(), credential.clone());
        Ok(credential)
    }

    /// The credential a validation token belongs to.
    pub fn by_token(&self, token: &str) -> Option<&Credential> {
        self.credentials.values().find(|c| c.token == token)
    }

    /// Validates (or refuses) a pending credential from its validation page.
    pub fn decide(
        &mut self,
        token: &str,
        grant: bool,
        lifetime_s: Option<i64>,
        now: i64,
    ) -> Option<Credential> {
        let credential = self.credentials.values_mut().find(|c| c.token == token)?;
        if credential.state != CredentialState::PendingValidation {
            return None;
        }
        credential.state = if grant {
            CredentialState::Validated
        } else {
            CredentialState::Refused
        };
        credential.expires = lifetime_s.map(|s| now + s);
        Some(credential.clone())
    }

    /// Revokes a consumer key.
    pub fn revoke(&mut self, consumer_key: &str) -> bool {
        match self.credentials.get_mut(consumer_key) {
            Some(credential) => {
                credential.revoked = true;
                true
            }
            None => false,
        }
    }

    /// Checks a signed call; returns its credential.
    pub fn authenticate(
        &mut self,
        presented: &Presented<'_>,
        method: Method,
        canonical_url: &str,
        body: &str,
        now: i64,
    ) -> Result<Credential, Refusal> {
        let application = presented
            .application
            .and_then(|key| self.application(key))
            .ok_or_else(Refusal::invalid_key)?
            .clone();
        let consumer = presented.consumer.ok_or_else(Refusal::not_credential)?;
        let credential = self
            .credentials
            .get_mut(consumer)
            .filter(|c| c.application_key == application.key && !c.revoked)
            .ok_or_else(Refusal::invalid_credential)?;
        if credential.state_at(now) != CredentialState::Validated {
            return Err(Refusal::invalid_credential());
        }
        let timestamp: i64 = presented
            .timestamp
            .and_then(|t| t.trim().parse().ok())
            .ok_or_else(Refusal::invalid_signature)?;
        if (timestamp - now).abs() > TIMESTAMP_WINDOW_S {
            return Err(Refusal::query_time_out());
        }
        let expected = signature(
            &application.secret,
            consumer,
            &Signed {
                method,
                url: canonical_url,
                body,
                timestamp,
            },
        );
        if presented.signature != Some(expected.as_str()) {
            return Err(Refusal::invalid_signature());
        }
        credential.last_use = Some(now);
        Ok(credential.clone())
    }
}

/// Whether a credential's rules allow a call on a raw request path (no query).
pub fn granted(credential: &Credential, method: Method, path: &str) -> bool {
    credential
        .rules
        .iter()
        .any(|rule| rule.method == method && pattern_matches(&rule.path, path))
}

fn random_key(length: usize) -> String {
    std::iter::repeat_with(fastrand::alphanumeric)
        .take(length)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;
    const BASE: &str = "http://127.0.0.1:8081/1.0";

    fn auth_with_key(rules: Vec<AccessRule>) -> (Auth, Credential) {
        let mut auth = Auth::new(vec![Application {
            id: 1,
            key: "AK".into(),
            secret: "AS".into(),
            name: "Test".into(),
        }]);
        let pending = auth
            .request("AK", rules, None, NOW)
            .expect("known application");
        let validated = auth
            .decide(&pending.token, true, Some(3600), NOW)
            .expect("pending");
        (auth, validated)
    }

    fn presented<'a>(ck: &'a str, ts: &'a str, sig: &'a str) -> Presented<'a> {
        Presented {
            application: Some("AK"),
            consumer: Some(ck),
            timestamp: Some(ts),
            signature: Some(sig),
        }
    }

    fn sign(ck: &str, method: Method, url: &str, body: &str, ts: i64) -> String {
        signature(
            "AS",
            ck,
            &Signed {
                method,
                url,
                body,
                timestamp: ts,
            },
        )
    }

    fn rule(method: Method, path: &str) -> AccessRule {
        AccessRule {
            method,
            path: path.into(),
        }
    }

    #[test]
    fn a_correctly_signed_call_passes() {
        let (mut auth, key) = auth_with_key(vec![rule(Method::Get, "/email/*")]);
        let url = format!("{BASE}/email/pro");
        let sig = sign(&key.consumer_key, Method::Get, &url, "", NOW);
        let ts = NOW.to_string();
        let credential = auth
            .authenticate(
                &presented(&key.consumer_key, &ts, &sig),
                Method::Get,
                &url,
                "",
                NOW,
            )
            .expect("valid");
        assert!(granted(&credential, Method::Get, "/email/pro"));
        assert!(!granted(&credential, Method::Post, "/email/pro"));
    }

    #[test]
    fn refuses_each_way_a_call_can_be_wrong() {
        let (mut auth, key) = auth_with_key(vec![rule(Method::Get, "/*")]);
        let ck = key.consumer_key.clone();
        let url = format!("{BASE}/email/pro");
        let ts = NOW.to_string();
        let good = sign(&ck, Method::Get, &url, "", NOW);
        let code =
            |r: Result<Credential, Refusal>| r.expect_err("refused").body["errorCode"].clone();

        let unknown_app = Presented {
            application: Some("XX"),
            ..presented(&ck, &ts, &good)
        };
        assert_eq!(
            code(auth.authenticate(&unknown_app, Method::Get, &url, "", NOW)),
            "INVALID_KEY"
        );
        let no_ck = Presented {
            consumer: None,
            ..presented(&ck, &ts, &good)
        };
        assert_eq!(
            code(auth.authenticate(&no_ck, Method::Get, &url, "", NOW)),
            "NOT_CREDENTIAL"
        );
        assert_eq!(
            code(auth.authenticate(&presented("nope", &ts, &good), Method::Get, &url, "", NOW)),
            "INVALID_CREDENTIAL"
        );
        let stale = (NOW - 600).to_string();
        let stale_sig = sign(&ck, Method::Get, &url, "", NOW - 600);
        assert_eq!(
            code(auth.authenticate(
                &presented(&ck, &stale, &stale_sig),
                Method::Get,
                &url,
                "",
                NOW
            )),
            "QUERY_TIME_OUT"
        );
        let proxy_url = "http://127.0.0.1:8080/api/sandbox/1.0/email/pro";
        let wrong_url = sign(&ck, Method::Get, proxy_url, "", NOW);
        assert_eq!(
            code(auth.authenticate(&presented(&ck, &ts, &wrong_url), Method::Get, &url, "", NOW)),
            "INVALID_SIGNATURE"
        );
        assert_eq!(
            code(auth.authenticate(&presented(&ck, &ts, &good), Method::Get, &url, "{}", NOW)),
            "INVALID_SIGNATURE"
        );
        assert_eq!(
            code(auth.authenticate(
                &presented(&ck, &ts, &good),
                Method::Get,
                &url,
                "",
                NOW + 3600
            )),
            "INVALID_CREDENTIAL",
            "expired"
        );
        auth.revoke(&ck);
        assert_eq!(
            code(auth.authenticate(&presented(&ck, &ts, &good), Method::Get, &url, "", NOW)),
            "INVALID_CREDENTIAL",
            "revoked"
        );
    }

    #[test]
    fn pending_and_refused_keys_cannot_call() {
        let mut auth = Auth::new(vec![Application {
            id: 1,
            key: "AK".into(),
            secret: "AS".into(),
            name: "T".into(),
        }]);
        let pending = auth
            .request("AK", vec![rule(Method::Get, "/*")], None, NOW)
            .expect("request");
        let url = format!("{BASE}/email/pro");
        let ts = NOW.to_string();
        let sig = sign(&pending.consumer_key, Method::Get, &url, "", NOW);
        let refused = auth.authenticate(
            &presented(&pending.consumer_key, &ts, &sig),
            Method::Get,
            &url,
            "",
            NOW,
        );
        assert_eq!(
            refused.expect_err("pending").body["errorCode"],
            "INVALID_CREDENTIAL"
        );
        auth.decide(&pending.token, false, None, NOW)
            .expect("decided");
        assert!(
            auth.decide(&pending.token, true, None, NOW).is_none(),
            "a decision is final"
        );
        assert!(
            auth.authenticate(
                &presented(&pending.consumer_key, &ts, &sig),
                Method::Get,
                &url,
                "",
                NOW
            )
            .is_err()
        );
    }

    #[test]
    fn an_unknown_application_cannot_request_a_key() {
        let mut auth = Auth::new(Vec::new());
        assert_eq!(
            auth.request("AK", Vec::new(), None, NOW)
                .expect_err("unknown"),
            Refusal::invalid_key()
        );
    }
}
