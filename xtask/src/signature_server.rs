//! A local server for the browser tests of the OVH client: it answers `/auth/time` and checks
//! every other request's OVH headers and signature the way OVHcloud does, over the canonical
//! `ovh-eu` URL, so a request signed in Chromium is proven to arrive exactly as it was signed.

use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context;
use mailshift_ovh::Method;
use mailshift_ovh::signing::{Signed, signature};
use serde_json::json;
use tiny_http::{Header, Request, Response, Server};

/// The application key the browser tests sign with (`crates/ovh/tests/browser.rs`).
const APPLICATION_KEY: &str = "browserTestAK";
/// Its secret.
const APPLICATION_SECRET: &str = "browserTestAS";
/// The consumer key.
const CONSUMER_KEY: &str = "browserTestCK";
/// The base the browser tests address their calls to; the server stands in for the proxy.
const CANONICAL_BASE: &str = "https://eu.api.ovh.com/1.0";
/// OVHcloud refuses timestamps too far from its clock.
const TIMESTAMP_WINDOW_S: i64 = 180;

/// The running server; it stops when dropped.
pub struct SignatureServer {
    server: Arc<Server>,
    thread: Option<JoinHandle<()>>,
    url: String,
}

impl SignatureServer {
    /// Starts on a free loopback port.
    pub fn start() -> anyhow::Result<Self> {
        let server = Arc::new(
            Server::http("127.0.0.1:0")
                .map_err(|e| anyhow::anyhow!("{e}"))
                .context("starting the signature check server")?,
        );
        let url = format!(
            "http://{}",
            server
                .server_addr()
                .to_ip()
                .context("the signature server has no IP address")?
        );
        let serving = Arc::clone(&server);
        let thread = std::thread::spawn(move || {
            for request in serving.incoming_requests() {
                answer(request);
            }
        });
        Ok(Self {
            server,
            thread: Some(thread),
            url,
        })
    }

    /// Where it listens, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for SignatureServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn answer(mut request: Request) {
    let origin = header(&request, "Origin").map(str::to_owned);
    let mut response = if request.method() == &tiny_http::Method::Options {
        Response::from_string("").with_status_code(204)
    } else {
        let mut body = String::new();
        match request.as_reader().read_to_string(&mut body) {
            Ok(_) => check(&request, &body),
            Err(_) => error(400, "INVALID_SIGNATURE", "Invalid signature"),
        }
    };
    let mut headers = vec![
        ("X-Ovh-QueryID", "LOCAL.signature-check".to_owned()),
        ("Vary", "Origin".to_owned()),
        ("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE".to_owned()),
        (
            "Access-Control-Allow-Headers",
            "Content-Type, Accept, X-Ovh-Application, X-Ovh-Consumer, X-Ovh-Timestamp, X-Ovh-Signature".to_owned(),
        ),
        ("Access-Control-Expose-Headers", "X-Ovh-QueryID".to_owned()),
        // The test runner's page is cross-origin isolated; this lets it read the answers.
        ("Cross-Origin-Resource-Policy", "cross-origin".to_owned()),
    ];
    if let Some(origin) = origin {
        headers.push(("Access-Control-Allow-Origin", origin));
    }
    for (name, value) in headers {
        if let Ok(header) = Header::from_bytes(name, value) {
            response.add_header(header);
        }
    }
    let _ = request.respond(response);
}

fn check(request: &Request, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    if request.url() == "/auth/time" {
        return json_response(200, &json!(now).to_string());
    }
    let method = match request.method() {
        tiny_http::Method::Get => Method::Get,
        tiny_http::Method::Post => Method::Post,
        tiny_http::Method::Put => Method::Put,
        tiny_http::Method::Delete => Method::Delete,
        _ => return error(405, "METHOD_NOT_ALLOWED", "Method not allowed"),
    };
    if header(request, "X-Ovh-Application") != Some(APPLICATION_KEY) {
        return error(403, "INVALID_KEY", "Invalid application key");
    }
    if header(request, "X-Ovh-Consumer") != Some(CONSUMER_KEY) {
        return error(403, "INVALID_CREDENTIAL", "This credential is not valid");
    }
    let Some(timestamp) = header(request, "X-Ovh-Timestamp").and_then(|t| t.parse::<i64>().ok())
    else {
        return error(400, "INVALID_SIGNATURE", "Invalid signature");
    };
    if (timestamp - now).abs() > TIMESTAMP_WINDOW_S {
        return error(400, "QUERY_TIME_OUT", "Query out of time");
    }
    let url = format!("{CANONICAL_BASE}{}", request.url());
    let expected = signature(
        APPLICATION_SECRET,
        CONSUMER_KEY,
        &Signed {
            method,
            url: &url,
            body,
            timestamp,
        },
    );
    if header(request, "X-Ovh-Signature") != Some(expected.as_str()) {
        return error(400, "INVALID_SIGNATURE", "Invalid signature");
    }
    let echo = json!({"verified": true, "method": method.as_str(), "url": url, "body": body});
    json_response(200, &echo.to_string())
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

fn error(status: u16, code: &str, message: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let http = format!("{status}");
    let body = json!({"errorCode": code, "httpCode": http, "message": message});
    json_response(status, &body.to_string())
}

fn json_response(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut response = Response::from_string(body).with_status_code(status);
    if let Ok(header) = Header::from_bytes("Content-Type", "application/json") {
        response.add_header(header);
    }
    response
}
