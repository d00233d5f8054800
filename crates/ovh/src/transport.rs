//! Sending a prepared HTTP request: the one I/O boundary of the client.
//!
//! Requests arrive here fully formed (URL, headers, exact body bytes); implementations pass them
//! through untouched, since the signature covers them.

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(all(not(target_arch = "wasm32"), feature = "native"))]
mod native;

use std::fmt;
use std::future::Future;

#[cfg(target_arch = "wasm32")]
pub use browser::BrowserTransport;
#[cfg(all(not(target_arch = "wasm32"), feature = "native"))]
pub use native::NativeTransport;

use crate::method::Method;

/// A request ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// Where to send it (the proxy's URL when there is one).
    pub url: String,
    /// Headers, in order.
    pub headers: Vec<(String, String)>,
    /// The exact body, if any.
    pub body: Option<String>,
}

/// An answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// Headers, names as received.
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub body: String,
}

impl HttpResponse {
    /// A header's value, looked up without regard to case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// The request got no HTTP answer at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransportError {
    /// What went wrong, for the user.
    pub message: String,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransportError {}

/// Sends requests. Implementations must not alter method, URL, headers or body.
pub trait Transport {
    /// Sends one request and returns its answer, whatever the status.
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>>;
}
