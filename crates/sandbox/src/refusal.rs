//! Errors in OVHcloud's two shapes: the auth layer's `{errorCode, httpCode, message}` and the
//! API's `{class, message}`. The sandbox adds `X-Ovh-QueryID` to every answer elsewhere.
//!
//! The wording of validation messages is *unconfirmed* (recalled from OVHcloud's answers, not
//! checked against the live API); it lives here and nowhere else.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// An answer refusing a request.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    /// The HTTP status.
    pub status: u16,
    /// The JSON body.
    pub body: Value,
}

impl Refusal {
    /// An auth-layer refusal, e.g. 403 `NOT_GRANTED_CALL`.
    pub fn auth(status: u16, code: &str, message: &str) -> Self {
        let reason = StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or_default();
        Self {
            status,
            body: json!({"errorCode": code, "httpCode": format!("{status} {reason}"), "message": message}),
        }
    }

    /// An API-layer refusal, e.g. 404 `Client::NotFound`.
    pub fn api(status: u16, class: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            body: json!({"class": class, "message": message.into()}),
        }
    }

    /// 400 for a request whose parameters do not fit the schema.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::api(400, "Client::BadRequest", message)
    }

    /// The application key is unknown.
    pub fn invalid_key() -> Self {
        Self::auth(403, "INVALID_KEY", "Invalid application key")
    }

    /// No consumer key was sent to a call that needs one.
    pub fn not_credential() -> Self {
        Self::auth(403, "NOT_CREDENTIAL", "You must login first")
    }

    /// The consumer key is unknown, pending, refused, expired or revoked.
    pub fn invalid_credential() -> Self {
        Self::auth(403, "INVALID_CREDENTIAL", "This credential is not valid")
    }

    /// The signature does not match (also what a malformed body gets, per the spec).
    pub fn invalid_signature() -> Self {
        Self::auth(400, "INVALID_SIGNATURE", "Invalid signature")
    }

    /// The timestamp is outside the window.
    pub fn query_time_out() -> Self {
        Self::auth(400, "QUERY_TIME_OUT", "Query out of time")
    }

    /// No access rule of the consumer key allows the call.
    pub fn not_granted() -> Self {
        Self::auth(403, "NOT_GRANTED_CALL", "This call has not been granted")
    }

    /// No such path in the API.
    pub fn unknown_path() -> Self {
        Self::api(404, "Client::NotFound", "Got an invalid (or empty) URL")
    }

    /// The path exists, not with this method.
    pub fn unknown_method() -> Self {
        Self::api(405, "Client::MethodNotAllowed", "Method not allowed")
    }

    /// The service or object does not exist.
    pub fn not_found(what: &str, value: &str) -> Self {
        Self::api(
            404,
            "Client::NotFound",
            format!("The requested object ({what} = {value}) does not exist"),
        )
    }

    /// Parameters the operation does not describe.
    pub fn undescribed(names: &[&str]) -> Self {
        Self::bad_request(format!(
            "Received not described parameters: ({})",
            names.join(", ")
        ))
    }

    /// Required parameters missing.
    pub fn missing(names: &[&str]) -> Self {
        Self::bad_request(format!("Missing parameter(s): {}", names.join(", ")))
    }

    /// A value of the wrong type.
    pub fn wrong_type(field: &str, value: &Value, data_type: &str) -> Self {
        Self::bad_request(format!(
            "[{field}] Given data ({}) is not valid for type {data_type}",
            shown(value)
        ))
    }

    /// A value outside an enumeration.
    pub fn not_in_enum(field: &str, value: &Value, data_type: &str) -> Self {
        Self::bad_request(format!(
            "[{field}] Given data ({}) does not belong to the {data_type} enumeration",
            shown(value)
        ))
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::BAD_REQUEST);
        (status, axum::Json(self.body)).into_response()
    }
}
