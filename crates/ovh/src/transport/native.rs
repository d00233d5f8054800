//! The native transport, on reqwest (rustls): for tests and command-line use.

use std::future::Future;

use super::{HttpRequest, HttpResponse, Transport, TransportError};
use crate::method::Method;

/// Sends requests with a pooled reqwest client. Redirects are not followed: OVHcloud's API does
/// not redirect, and a redirect must not carry a signed request elsewhere.
#[derive(Clone, Debug)]
pub struct NativeTransport {
    client: reqwest::Client,
}

impl NativeTransport {
    /// A transport with its own connection pool.
    pub fn new() -> Result<Self, TransportError> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .tcp_nodelay(true)
            .build()
            .map_err(|e| TransportError {
                message: format!("cannot set up HTTP: {e}"),
            })?;
        Ok(Self { client })
    }
}

impl Transport for NativeTransport {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut builder = self.client.request(method, &request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = request.body {
            builder = builder.body(body);
        }
        async move {
            // reqwest's messages embed the whole URL: paths carry email addresses, so drop it.
            let response = builder.send().await.map_err(|e| TransportError {
                message: format!(
                    "no answer from {}: {}",
                    host_of(&request.url),
                    e.without_url()
                ),
            })?;
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .map(|(n, v)| {
                    (
                        n.as_str().to_owned(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let body = response.text().await.map_err(|e| TransportError {
                message: format!(
                    "the answer from {} broke off: {}",
                    host_of(&request.url),
                    e.without_url()
                ),
            })?;
            Ok(HttpResponse {
                status,
                headers,
                body,
            })
        }
    }
}

/// The scheme and host of a URL, so messages never repeat paths or query strings.
fn host_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}
