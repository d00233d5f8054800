//! Forwarding `/api/{upstream}/...` to OVHcloud untouched: method, path, query and body byte
//! for byte (signatures cover them), headers through an allowlist both ways, no cookies, no
//! redirects followed.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::cors::Origins;
use crate::upstream::{Refused, Upstreams};

/// The largest request body forwarded; OVH calls carry small JSON bodies.
pub const BODY_LIMIT: usize = 1024 * 1024;
/// Headers the browser may read from answers.
const EXPOSED: &str = "X-Ovh-QueryID, X-Pagination-Elements, X-Pagination-Cursor-Next, Retry-After";

/// How long to wait for OVHcloud, and for a slow client's request body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// To open a connection to OVHcloud.
    pub connect: Duration,
    /// For OVHcloud's whole answer; its own clients allow 180 s.
    pub total: Duration,
    /// For the client's request body to arrive.
    pub client_body: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            total: Duration::from_secs(180),
            client_body: Duration::from_secs(30),
        }
    }
}

/// What forwarding needs: where calls may go, who may send them, a pooled client, and the
/// cap on calls in flight.
#[derive(Clone, Debug)]
pub struct Forwarder {
    upstreams: Upstreams,
    origins: Origins,
    client: reqwest::Client,
    in_flight: Arc<tokio::sync::Semaphore>,
    client_body: Duration,
}

impl Forwarder {
    /// A forwarder with pooled keep-alive connections, these timeouts, and at most
    /// `max_in_flight` upstream calls at once.
    pub fn new(
        upstreams: Upstreams,
        origins: Origins,
        timeouts: Timeouts,
        max_in_flight: usize,
    ) -> Result<Self, String> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(timeouts.connect)
            .timeout(timeouts.total)
            .tcp_nodelay(true)
            .pool_idle_timeout(Duration::from_secs(90))
            .build()
            .map_err(|e| format!("cannot set up HTTPS to OVHcloud: {e}"))?;
        Ok(Self {
            upstreams,
            origins,
            client,
            in_flight: Arc::new(tokio::sync::Semaphore::new(max_in_flight.max(1))),
            client_body: timeouts.client_body,
        })
    }
}

/// Whether a request header goes upstream: OVH's own, content negotiation, pagination.
fn forwards_request_header(name: &HeaderName) -> bool {
    let name = name.as_str();
    name.starts_with("x-ovh-")
        || name.starts_with("x-pagination-")
        || matches!(
            name,
            "content-type" | "accept" | "accept-language" | "authorization" | "pragma"
        )
}

/// Whether an answer header comes back: content type, OVH's own, pagination, pacing.
fn forwards_response_header(name: &HeaderName) -> bool {
    let name = name.as_str();
    name.starts_with("x-ovh-")
        || name.starts_with("x-pagination-")
        || matches!(name, "content-type" | "retry-after")
}

/// Answers `/api/{upstream}/...`, then logs one line: method, upstream, status and duration,
/// never headers, paths, query strings, bodies or addresses, which carry keys and emails.
pub async fn forward(State(forwarder): State<Arc<Forwarder>>, request: Request) -> Response {
    let started = std::time::Instant::now();
    let method = request.method().clone();
    let upstream = request
        .uri()
        .path()
        .strip_prefix("/api/")
        .and_then(|rest| rest.split('/').next())
        .filter(|name| {
            forwarder
                .upstreams
                .origins()
                .any(|(known, _)| known == *name)
        })
        .unwrap_or("-")
        .to_owned();
    let response = answer(&forwarder, request).await;
    let line = serde_json::json!({
        "method": method.as_str(),
        "upstream": upstream,
        "status": response.status().as_u16(),
        "ms": started.elapsed().as_millis(),
    });
    println!("{line}");
    response
}

async fn answer(forwarder: &Forwarder, request: Request) -> Response {
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if let Some(origin) = &origin
        && !forwarder.origins.allows(origin, host.as_deref())
    {
        return refuse(
            StatusCode::FORBIDDEN,
            "Proxy::OriginNotAllowed",
            "This page is not allowed to use this Mailshift proxy",
        );
    }
    let mut response = if request.method() == Method::OPTIONS {
        preflight(request.headers())
    } else {
        send(forwarder, request).await
    };
    if let Some(origin) = origin
        && let Ok(value) = HeaderValue::from_str(&origin)
    {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(EXPOSED),
        );
    }
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("Origin"));
    response
}

/// Answers a preflight locally: the methods OVH uses, the headers the allowlist passes.
fn preflight(headers: &HeaderMap) -> Response {
    let asked: Vec<&str> = headers
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|h| !h.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let allowed: Vec<&str> = asked
        .into_iter()
        .filter(|h| {
            HeaderName::try_from(h.to_ascii_lowercase()).is_ok_and(|n| forwards_request_header(&n))
        })
        .collect();
    let mut response = StatusCode::NO_CONTENT.into_response();
    let out = response.headers_mut();
    out.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, PUT, DELETE"),
    );
    if let Ok(value) = HeaderValue::from_str(&allowed.join(", ")) {
        out.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, value);
    }
    out.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    response
}

async fn send(forwarder: &Forwarder, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    // This is not a forward proxy: an HTTP/1 request line naming a host (`GET http://host/...`)
    // is refused. HTTP/2 always carries scheme and authority, and they pick nothing either.
    let http1 = parts.version < axum::http::Version::HTTP_2;
    if http1 && (parts.uri.scheme().is_some() || parts.uri.authority().is_some()) {
        return refuse(
            StatusCode::BAD_REQUEST,
            "Proxy::AbsoluteUrl",
            "Absolute URLs are not accepted",
        );
    }
    let (name, target) = match forwarder
        .upstreams
        .for_request(parts.uri.path(), parts.uri.query())
    {
        Ok(found) => found,
        Err(Refused::NotProxied) => {
            return refuse(
                StatusCode::NOT_FOUND,
                "Proxy::NotFound",
                "Not a proxied path",
            );
        }
        Err(Refused::UnknownUpstream(name)) => {
            let known: Vec<&str> = forwarder
                .upstreams
                .origins()
                .map(|(name, _)| name)
                .collect();
            let message = format!(
                "No upstream named {name:?}; this proxy forwards to {}",
                known.join(", ")
            );
            return refuse(StatusCode::NOT_FOUND, "Proxy::UnknownUpstream", &message);
        }
        Err(Refused::BadPath) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "Proxy::BadPath",
                "This path cannot be forwarded",
            );
        }
    };
    let body = match tokio::time::timeout(forwarder.client_body, to_bytes(body, BODY_LIMIT)).await {
        Ok(Ok(body)) => body,
        Ok(Err(_)) => {
            return refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                "Proxy::BodyTooLarge",
                "The request body is larger than 1 MiB",
            );
        }
        Err(_) => {
            return refuse(
                StatusCode::REQUEST_TIMEOUT,
                "Proxy::RequestTimeout",
                "The request body did not arrive in time",
            );
        }
    };
    let Ok(method) = reqwest::Method::from_bytes(parts.method.as_str().as_bytes()) else {
        return refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            "Proxy::MethodNotAllowed",
            "Method not allowed",
        );
    };
    // Over the cap, answer at once: the client retries reads, and nothing reached OVHcloud.
    let Ok(_permit) = forwarder.in_flight.clone().try_acquire_owned() else {
        let mut busy = refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "Proxy::Busy",
            "Too many calls in flight through this proxy; try again in a moment",
        );
        busy.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return busy;
    };
    let mut upstream = forwarder.client.request(method, &target).body(body);
    for (name, value) in parts
        .headers
        .iter()
        .filter(|(n, _)| forwards_request_header(n))
    {
        upstream = upstream.header(name.as_str(), value.as_bytes());
    }
    let host = name.to_owned();
    let answer = match upstream.send().await {
        Ok(answer) => answer,
        Err(error) if error.is_timeout() => {
            return refuse(
                StatusCode::GATEWAY_TIMEOUT,
                "Proxy::GatewayTimeout",
                &format!("{host} did not answer in time"),
            );
        }
        Err(_) => {
            return refuse(
                StatusCode::BAD_GATEWAY,
                "Proxy::BadGateway",
                &format!("The proxy could not reach {host}"),
            );
        }
    };
    let status = StatusCode::from_u16(answer.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
    let mut headers = HeaderMap::new();
    for (name, value) in answer.headers() {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) && forwards_response_header(&name)
        {
            headers.append(name, value);
        }
    }
    match answer.bytes().await {
        Ok(bytes) => {
            let mut response = Response::new(Body::from(bytes));
            *response.status_mut() = status;
            *response.headers_mut() = headers;
            response
        }
        Err(_) => refuse(
            StatusCode::BAD_GATEWAY,
            "Proxy::BadGateway",
            &format!("The answer from {host} broke off"),
        ),
    }
}

/// A refusal in OVH's `{class, message}` shape, so the app reads it like any API error.
fn refuse(status: StatusCode, class: &str, message: &str) -> Response {
    let body = serde_json::json!({"class": class, "message": message}).to_string();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}
