//! Credentials: an application key, its secret, and a consumer key, with secrets never printed.

use std::borrow::Cow;
use std::fmt;

/// A secret string: its `Debug` is redacted and it has no `Display`, so it cannot leak into
/// logs or error messages by accident.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct Secret(String);

crate::string_form!(Secret, |secret| Cow::Borrowed(secret.expose()), |text| {
    Some(Secret::new(text))
});

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself, for signing or for storage the user asked for.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// An application registered on OVHcloud: its key (public) and secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Application {
    /// The application key (AK), sent in clear in `X-Ovh-Application`.
    pub key: String,
    /// The application secret (AS), used only to sign.
    pub secret: Secret,
}

/// Everything needed to sign calls: an application and a validated consumer key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    /// The application.
    pub application: Application,
    /// The consumer key (CK), sent in `X-Ovh-Consumer` and used to sign.
    pub consumer_key: Secret,
}

impl Credentials {
    /// Credentials from the three values a user pastes, trimmed of stray white space.
    pub fn new(application_key: &str, application_secret: &str, consumer_key: &str) -> Self {
        Self {
            application: Application {
                key: application_key.trim().to_owned(),
                secret: Secret::new(application_secret.trim()),
            },
            consumer_key: Secret::new(consumer_key.trim()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let credentials = Credentials::new(" AKvalue ", "ASvalue-secret", "CKvalue-secret\n");
        let shown = format!("{credentials:?} {credentials:#?}");
        assert!(shown.contains("AKvalue"));
        assert!(!shown.contains("ASvalue"), "{shown}");
        assert!(!shown.contains("CKvalue"), "{shown}");
        assert_eq!(credentials.consumer_key.expose(), "CKvalue-secret");
        assert_eq!(credentials.application.key, "AKvalue");
    }
}
