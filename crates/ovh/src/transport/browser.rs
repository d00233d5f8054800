//! The browser transport, on gloo-net (`fetch`).

use gloo_net::http::RequestBuilder;

use super::{HttpRequest, HttpResponse, Transport, TransportError};

/// Sends requests with the browser's `fetch`, without cookies and without following redirects.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserTransport;

impl Transport for BrowserTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut builder = RequestBuilder::new(&request.url)
            .method(to_gloo(request.method))
            .credentials(web_sys::RequestCredentials::Omit)
            .redirect(web_sys::RequestRedirect::Error);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let prepared = match request.body {
            Some(body) => builder.body(body),
            None => builder.build(),
        }
        .map_err(|e| TransportError {
            message: format!("the browser refused to prepare the request: {}", said(e)),
        })?;
        let response = prepared.send().await.map_err(|e| TransportError {
            message: format!(
                "the browser got no answer (is the proxy running and reachable?): {}",
                said(e)
            ),
        })?;
        let status = response.status();
        let headers = response.headers().entries().collect();
        let body = response.text().await.map_err(|e| TransportError {
            message: format!("the answer broke off: {}", said(e)),
        })?;
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

/// What the browser said. gloo-net's own `Display` would bring serde_json's error texts into
/// the bundle, for its JSON helpers, which this transport does not use.
fn said(error: gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(js) => format!("{}: {}", js.name, js.message),
        gloo_net::Error::GlooError(text) => text,
        // gloo-net's `json` feature, which another crate of the app turns on, adds a variant.
        #[allow(unreachable_patterns)]
        _ => "the browser gave no reason".to_owned(),
    }
}

fn to_gloo(method: crate::method::Method) -> gloo_net::http::Method {
    use crate::method::Method;
    match method {
        Method::Get => gloo_net::http::Method::GET,
        Method::Post => gloo_net::http::Method::POST,
        Method::Put => gloo_net::http::Method::PUT,
        Method::Delete => gloo_net::http::Method::DELETE,
    }
}
