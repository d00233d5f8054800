//! One error type for everything the client can meet, classified by what the user should do.

use std::fmt;

use crate::method::Method;

/// What kind of trouble an error is, which decides what the user is told and what is retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, miniserde::Serialize, miniserde::Deserialize)]
pub enum ErrorKind {
    /// The request itself is wrong: a bad value, a name already taken, a weak password.
    #[serde(rename = "badInput")]
    BadInput,
    /// The consumer key lacks an access rule for the call (`NOT_GRANTED_CALL`) or the account
    /// lacks the right (`FORBIDDEN`).
    #[serde(rename = "missingRights")]
    MissingRights,
    /// The application key, secret or consumer key is wrong, not validated yet, or expired.
    #[serde(rename = "invalidCredentials")]
    InvalidCredentials,
    /// The computer's clock is too far from OVHcloud's, even after re-synchronising.
    #[serde(rename = "clockSkew")]
    ClockSkew,
    /// The service or object does not exist (or is not visible to this account).
    #[serde(rename = "notFound")]
    NotFound,
    /// The object is busy with another operation, or already exists.
    #[serde(rename = "conflict")]
    Conflict,
    /// The service has expired and must be renewed first (HTTP 460).
    #[serde(rename = "serviceExpired")]
    ServiceExpired,
    /// Too many requests in a short time (HTTP 429).
    #[serde(rename = "rateLimited")]
    RateLimited,
    /// OVHcloud answered with a server error (HTTP 5xx).
    #[serde(rename = "serverFault")]
    ServerFault,
    /// No usable answer: the network, the proxy, or a timeout.
    #[serde(rename = "networkFault")]
    NetworkFault,
    /// An OVH task finished in `error`.
    #[serde(rename = "taskFailed")]
    TaskFailed,
    /// Waiting for a task or object took longer than allowed.
    #[serde(rename = "deadlineExceeded")]
    DeadlineExceeded,
    /// The user cancelled the operation.
    #[serde(rename = "cancelled")]
    Cancelled,
    /// The answer could not be understood (not the shape the schema announces).
    #[serde(rename = "unexpectedResponse")]
    UnexpectedResponse,
}

impl ErrorKind {
    /// A short, user-facing explanation of what to do.
    pub fn advice(self) -> &'static str {
        match self {
            Self::BadInput => {
                "OVHcloud refused a value in the request. Check the value named in the message, correct it and try again."
            }
            Self::MissingRights => {
                "Your consumer key is not allowed to make this call. Request a new key that includes the rights Mailshift asks for, or ask the account's administrator."
            }
            Self::InvalidCredentials => {
                "OVHcloud does not accept these keys. Check the application key and secret for typos, make sure the consumer key was validated and has not expired, or request a new one."
            }
            Self::ClockSkew => {
                "Your computer's clock is too far from OVHcloud's. Set it to the correct time (automatic time setting) and try again."
            }
            Self::NotFound => {
                "OVHcloud cannot find this service or object. Check that it still exists and belongs to the account you connected with."
            }
            Self::Conflict => {
                "The object is busy with another operation or already exists. Wait a few minutes, reload its state, then try again."
            }
            Self::ServiceExpired => {
                "This service has expired. Renew it in the OVHcloud Control Panel, then try again."
            }
            Self::RateLimited => {
                "OVHcloud asked Mailshift to slow down. It will retry by itself; if this persists, wait a minute and try again."
            }
            Self::ServerFault => {
                "OVHcloud had an internal error. Try again in a few minutes; if it persists, contact OVHcloud support with the query ID."
            }
            Self::NetworkFault => {
                "The request did not get a usable answer. Check your connection and that the Mailshift proxy is running, then try again."
            }
            Self::TaskFailed => {
                "OVHcloud could not finish the operation. Check the object in the Control Panel, then try again or contact OVHcloud support with the query ID."
            }
            Self::DeadlineExceeded => {
                "OVHcloud is taking longer than expected. The operation may still finish: check its state later before trying again."
            }
            Self::Cancelled => {
                "The operation was cancelled. Nothing more was sent; check the object's state before trying again."
            }
            Self::UnexpectedResponse => {
                "OVHcloud answered in an unexpected form. Try again; if it persists, report it with the query ID."
            }
        }
    }

    /// Whether the same read may simply be tried again after a pause.
    pub fn is_transient(self) -> bool {
        matches!(
            self,
            Self::RateLimited | Self::ServerFault | Self::NetworkFault
        )
    }
}

/// The call an error happened on, so messages can name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// The method of the call.
    pub method: Method,
    /// The schema path template of the call, e.g. `/email/pro/{service}/account`.
    pub template: String,
}

impl fmt::Display for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.template)
    }
}

/// An error from the OVH API or from talking to it; its details sit behind one pointer so that
/// `Result`s stay small.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(Box<ErrorInfo>);

/// Everything known about an [`Error`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorInfo {
    /// What kind of trouble this is.
    pub kind: ErrorKind,
    /// The HTTP status, when an answer came.
    pub status: Option<u16>,
    /// OVH's `errorCode` (auth layer), e.g. `NOT_GRANTED_CALL`.
    pub error_code: Option<String>,
    /// OVH's `class` (API layer), e.g. `Client::BadRequest`.
    pub class: Option<String>,
    /// The message, OVHcloud's own when there is one.
    pub message: String,
    /// The `X-Ovh-QueryID` of the answer, which OVHcloud support asks for.
    pub query_id: Option<String>,
    /// The call that failed, when known.
    pub call: Option<Call>,
}

/// OVH error bodies come in two shapes: `{errorCode, httpCode, message}` and `{class, message}`.
#[derive(miniserde::Deserialize)]
struct OvhErrorBody {
    #[serde(rename = "errorCode")]
    error_code: Option<String>,
    class: Option<String>,
    message: Option<String>,
}

impl Error {
    /// An error of the given kind with a message and nothing else.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self(Box::new(ErrorInfo {
            kind,
            status: None,
            error_code: None,
            class: None,
            message: message.into(),
            query_id: None,
            call: None,
        }))
    }

    /// A request Mailshift refuses to send because a value is wrong.
    pub fn bad_input(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::BadInput, message)
    }

    /// Reads an OVH error answer: status, body in either shape, and query ID.
    pub fn from_response(status: u16, body: &str, query_id: Option<String>) -> Self {
        let parsed: Option<OvhErrorBody> = crate::json::from_str(body).ok();
        let (error_code, class, message) = match parsed {
            Some(b) => (b.error_code, b.class, b.message),
            None => (None, None, None),
        };
        let message = message.unwrap_or_else(|| match body.trim() {
            "" => format!("HTTP {status} with an empty answer"),
            text => text.chars().take(300).collect(),
        });
        let kind = classify(status, error_code.as_deref(), class.as_deref(), &message);
        Self(Box::new(ErrorInfo {
            kind,
            status: Some(status),
            error_code,
            class,
            message,
            query_id,
            call: None,
        }))
    }

    /// The same error, with the status and query ID of the answer it came with.
    pub fn with_answer(mut self, status: u16, query_id: Option<String>) -> Self {
        self.0.status = Some(status);
        self.0.query_id = query_id;
        self
    }

    /// The same error, naming the call it happened on.
    pub fn on(mut self, call: Call) -> Self {
        self.0.call = Some(call);
        self
    }

    /// What the user should do, naming the missing call for missing rights.
    pub fn advice(&self) -> String {
        match (&self.kind, &self.call) {
            (ErrorKind::MissingRights, Some(call)) => format!(
                "Your consumer key is not allowed to call {call}. Request a new key that includes it (Mailshift asks for the right rules), or ask the account's administrator."
            ),
            _ => self.kind.advice().to_owned(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        let mut details = Vec::new();
        if let Some(call) = &self.call {
            details.push(call.to_string());
        }
        if let Some(status) = self.status {
            details.push(format!("HTTP {status}"));
        }
        if let Some(code) = self.error_code.as_ref().or(self.class.as_ref()) {
            details.push(code.clone());
        }
        if let Some(id) = &self.query_id {
            details.push(format!("query ID {id}"));
        }
        if !details.is_empty() {
            write!(f, " ({})", details.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

impl std::ops::Deref for Error {
    type Target = ErrorInfo;

    fn deref(&self) -> &ErrorInfo {
        &self.0
    }
}

/// Whether an answer says the request's timestamp is outside OVHcloud's window.
///
/// *Unconfirmed*: the exact code; OVHcloud is reported to answer `QUERY_TIME_OUT` ("Query out of
/// time"), so both the code and the wording are recognised here and nowhere else.
pub fn is_timestamp_refusal(error_code: Option<&str>, message: &str) -> bool {
    let message = message.to_ascii_lowercase();
    error_code == Some("QUERY_TIME_OUT")
        || message.contains("out of time")
        || message.contains("timestamp")
}

fn classify(
    status: u16,
    error_code: Option<&str>,
    class: Option<&str>,
    message: &str,
) -> ErrorKind {
    match error_code {
        Some("NOT_GRANTED_CALL" | "FORBIDDEN") => return ErrorKind::MissingRights,
        Some("NOT_CREDENTIAL" | "INVALID_CREDENTIAL" | "INVALID_KEY" | "INVALID_SIGNATURE") => {
            return ErrorKind::InvalidCredentials;
        }
        _ => {}
    }
    if is_timestamp_refusal(error_code, message) && matches!(status, 400 | 401 | 403) {
        return ErrorKind::ClockSkew;
    }
    if status == 400 && message.eq_ignore_ascii_case("invalid signature") {
        return ErrorKind::InvalidCredentials;
    }
    match status {
        // The API layer (a `class`, no `errorCode`) refusing an action is not about the keys.
        403 if error_code.is_none() && class.is_some() => ErrorKind::MissingRights,
        401 | 403 => ErrorKind::InvalidCredentials,
        404 => ErrorKind::NotFound,
        409 => ErrorKind::Conflict,
        429 => ErrorKind::RateLimited,
        460 => ErrorKind::ServiceExpired,
        500..=599 => ErrorKind::ServerFault,
        _ => ErrorKind::BadInput,
    }
}

/// The answer of a read where "not found" means "there is none" (a domain without a footer,
/// an account already moved).
pub fn found<R>(answer: Result<R, Error>) -> Result<Option<R>, Error> {
    match answer {
        Ok(value) => Ok(Some(value)),
        Err(error) if error.kind == ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(status: u16, body: &str) -> Error {
        Error::from_response(status, body, Some("EU.ext-1.abc".to_owned()))
    }

    #[test]
    fn reads_the_auth_layer_shape() {
        let error = parse(
            403,
            r#"{"errorCode":"NOT_GRANTED_CALL","httpCode":"403 Forbidden","message":"This call has not been granted"}"#,
        );
        assert_eq!(error.kind, ErrorKind::MissingRights);
        assert_eq!(error.error_code.as_deref(), Some("NOT_GRANTED_CALL"));
        assert_eq!(error.message, "This call has not been granted");
        assert_eq!(error.query_id.as_deref(), Some("EU.ext-1.abc"));
        assert_eq!(error.status, Some(403));
    }

    #[test]
    fn reads_the_api_layer_shape() {
        let error = parse(
            409,
            r#"{"class":"Client::Conflict::AlreadyExists","message":"This account is already being processed, please try later"}"#,
        );
        assert_eq!(error.kind, ErrorKind::Conflict);
        assert_eq!(
            error.class.as_deref(),
            Some("Client::Conflict::AlreadyExists")
        );
        assert!(error.message.contains("already being processed"));
    }

    #[test]
    fn classifies_every_documented_case() {
        let cases = [
            (
                403,
                r#"{"errorCode":"INVALID_CREDENTIAL","message":"This credential is not valid"}"#,
                ErrorKind::InvalidCredentials,
            ),
            (
                403,
                r#"{"errorCode":"INVALID_KEY","message":"Invalid application key"}"#,
                ErrorKind::InvalidCredentials,
            ),
            (
                401,
                r#"{"errorCode":"NOT_CREDENTIAL","message":"You must login first"}"#,
                ErrorKind::InvalidCredentials,
            ),
            (
                400,
                r#"{"errorCode":"INVALID_SIGNATURE","message":"Invalid signature"}"#,
                ErrorKind::InvalidCredentials,
            ),
            (
                400,
                r#"{"message":"Invalid signature"}"#,
                ErrorKind::InvalidCredentials,
            ),
            (
                400,
                r#"{"errorCode":"QUERY_TIME_OUT","message":"Query out of time"}"#,
                ErrorKind::ClockSkew,
            ),
            (
                403,
                r#"{"errorCode":"FORBIDDEN","message":"Forbidden"}"#,
                ErrorKind::MissingRights,
            ),
            (
                400,
                r#"{"class":"Client::BadRequest","message":"Invalid password"}"#,
                ErrorKind::BadInput,
            ),
            (
                404,
                r#"{"class":"Client::NotFound","message":"The requested object (service = x) does not exist"}"#,
                ErrorKind::NotFound,
            ),
            (
                460,
                r#"{"class":"Client::Gone","message":"This service is expired"}"#,
                ErrorKind::ServiceExpired,
            ),
            (
                429,
                r#"{"class":"Client::TooManyRequests","message":"Too many requests"}"#,
                ErrorKind::RateLimited,
            ),
            (
                503,
                "<html>Service Unavailable</html>",
                ErrorKind::ServerFault,
            ),
        ];
        for (status, body, kind) in cases {
            assert_eq!(parse(status, body).kind, kind, "{status} {body}");
        }
    }

    #[test]
    fn a_body_that_is_not_json_still_gives_a_message() {
        assert_eq!(parse(502, "Bad Gateway").message, "Bad Gateway");
        assert_eq!(parse(502, "").message, "HTTP 502 with an empty answer");
    }

    #[test]
    fn missing_rights_name_the_call_and_display_carries_the_query_id() {
        let error = parse(
            403,
            r#"{"errorCode":"NOT_GRANTED_CALL","message":"This call has not been granted"}"#,
        )
        .on(Call {
            method: Method::Put,
            template: "/email/pro/{service}/account/{email}".to_owned(),
        });
        assert!(
            error
                .advice()
                .contains("PUT /email/pro/{service}/account/{email}")
        );
        let shown = error.to_string();
        assert!(shown.contains("query ID EU.ext-1.abc"), "{shown}");
        assert!(shown.contains("NOT_GRANTED_CALL"), "{shown}");
    }

    #[test]
    fn only_rate_limits_server_and_network_faults_are_transient() {
        let transient: Vec<_> = [
            ErrorKind::BadInput,
            ErrorKind::MissingRights,
            ErrorKind::InvalidCredentials,
            ErrorKind::NotFound,
            ErrorKind::Conflict,
            ErrorKind::RateLimited,
            ErrorKind::ServerFault,
            ErrorKind::NetworkFault,
        ]
        .into_iter()
        .filter(|k| k.is_transient())
        .collect();
        assert_eq!(
            transient,
            [
                ErrorKind::RateLimited,
                ErrorKind::ServerFault,
                ErrorKind::NetworkFault
            ]
        );
    }
}
