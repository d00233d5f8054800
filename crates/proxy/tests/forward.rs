//! The proxy between the real OVH client and the real sandbox: signed calls pass untouched,
//! pages from other origins are refused before anything is forwarded, and no path reaches
//! another host.

use std::sync::Arc;

use mailshift_ovh::json::Ignored;
use mailshift_ovh::models::HostedAccount;
use mailshift_ovh::rate_limit::RateLimiter;
use mailshift_ovh::transport::NativeTransport;
use mailshift_ovh::{
    Client, ClientConfig, Credentials, Endpoint, ErrorKind, HttpRequest, HttpResponse, Method,
    SystemClock, Transport, operations,
};
use mailshift_proxy::cors::Origins;
use mailshift_proxy::forward::Timeouts;
use mailshift_proxy::hosts::Hosts;
use mailshift_proxy::upstream::Upstreams;
use mailshift_proxy::{Config, router};
use mailshift_sandbox::RunningSandbox;

mod common;
use common::{AK, AS};

struct Setup {
    sandbox: RunningSandbox,
    proxy: String,
    key: String,
}

async fn setup() -> Setup {
    setup_with(Hosts::default()).await
}

/// The sandbox and a proxy in front of it that also answers to `hosts`.
async fn setup_with(hosts: Hosts) -> Setup {
    let (sandbox, key) = common::sandbox().await;
    let app_dir = std::env::temp_dir();
    let app = router(&Config {
        app_dir,
        upstreams: Upstreams::new(Some(&format!("http://{}", sandbox.address()))),
        origins: Origins::default(),
        hosts,
        timeouts: Timeouts::default(),
        max_in_flight: 64,
    })
    .expect("router");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let proxy = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Setup {
        sandbox,
        proxy,
        key,
    }
}

async fn raw(
    method: Method,
    url: String,
    headers: &[(&str, &str)],
    body: Option<String>,
) -> HttpResponse {
    NativeTransport::new()
        .expect("transport")
        .send(HttpRequest {
            method,
            url,
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            body,
        })
        .await
        .expect("an answer")
}

#[tokio::test]
async fn a_signed_call_through_the_proxy_is_accepted_by_the_sandbox() {
    let s = setup().await;
    let client = Client::new(
        ClientConfig::new(Endpoint::custom(&s.sandbox.base_url()).expect("url"))
            .sent_via(format!("{}/api/sandbox/1.0", s.proxy)),
        NativeTransport::new().expect("transport"),
        SystemClock,
    )
    .with_credentials(Credentials::new(AK, AS, &s.key))
    .with_rate_limiter(Arc::new(RateLimiter::new(6_000, 100)));
    let services: Vec<String> = client
        .get(&operations::pro::SERVICES.path(&[]).expect("p"))
        .await
        .expect("the signature covers the sandbox's URL, not the proxy's");
    assert_eq!(services, ["emailpro-dc12345-1"]);
    let account = operations::exchange::ACCOUNT
        .path(&[
            "hosted-dc12345-1",
            "hosted-dc12345-1",
            "claire.martin@demo-company.fr",
        ])
        .expect("p");
    let claire: HostedAccount = client
        .get(&account)
        .await
        .expect("an @ in the path passes as signed");
    assert_eq!(claire.login, "claire.martin");

    let listed = client
        .list_all::<HostedAccount>(
            &operations::exchange::ACCOUNTS
                .path(&["hosted-dc12345-1", "hosted-dc12345-1"])
                .expect("p"),
        )
        .await
        .expect("pagination headers pass both ways");
    assert_eq!(listed.len(), 13);

    let organizations = client
        .get::<Ignored>(&operations::exchange::ORGANIZATIONS.path(&[]).expect("p"))
        .await;
    assert!(organizations.is_ok(), "GET /email/* covers it");
    let wrong = Client::new(
        ClientConfig::new(Endpoint::custom(&s.sandbox.base_url()).expect("url"))
            .sent_via(format!("{}/api/sandbox/1.0", s.proxy)),
        NativeTransport::new().expect("transport"),
        SystemClock,
    )
    .with_credentials(Credentials::new(AK, "typo", &s.key));
    let error = wrong
        .get::<Ignored>(&operations::pro::SERVICES.path(&[]).expect("p"))
        .await
        .expect_err("typo");
    assert_eq!(error.kind, ErrorKind::InvalidCredentials);
    assert!(
        error.query_id.is_some(),
        "the query ID comes back through the proxy"
    );
}

/// Sends a request exactly as written (no URL library to tidy it) and returns the answer.
async fn raw_http(proxy: &str, request: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = proxy.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn preflights_are_answered_for_allowed_origins_only() {
    let s = setup().await;
    let preflight = |origin: &str| {
        format!(
            "OPTIONS /api/sandbox/1.0/email/pro HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: {origin}\r\n\
             Access-Control-Request-Method: PUT\r\n\
             Access-Control-Request-Headers: x-ovh-signature, content-type, x-evil\r\n\
             Connection: close\r\n\r\n"
        )
    };
    let allowed = raw_http(&s.proxy, &preflight("http://127.0.0.1:3000"))
        .await
        .to_ascii_lowercase();
    assert!(allowed.starts_with("http/1.1 204"), "{allowed}");
    assert!(allowed.contains("access-control-allow-origin: http://127.0.0.1:3000"));
    assert!(allowed.contains("access-control-allow-methods: get, post, put, delete"));
    assert!(allowed.contains("x-ovh-signature, content-type"));
    assert!(
        !allowed.contains("x-evil"),
        "headers outside the allowlist are not offered"
    );
    assert!(allowed.contains("vary: origin"));
    assert!(!allowed.contains("access-control-allow-origin: *"));

    let refused = raw_http(&s.proxy, &preflight("https://evil.example"))
        .await
        .to_ascii_lowercase();
    assert!(refused.starts_with("http/1.1 403"), "{refused}");
    assert!(!refused.contains("access-control-allow-origin"));

    let url = format!("{}/api/sandbox/1.0/auth/time", s.proxy);
    let evil = raw(
        Method::Get,
        url.clone(),
        &[("Origin", "https://evil.example")],
        None,
    )
    .await;
    assert_eq!(evil.status, 403, "refused before reaching the sandbox");
    assert!(evil.body.contains("not allowed"));
    let own = raw(
        Method::Get,
        url,
        &[("Origin", "http://localhost:8080")],
        None,
    )
    .await;
    assert_eq!(own.status, 200);
    let exposed = own
        .header("access-control-expose-headers")
        .unwrap_or_default();
    assert!(exposed.contains("X-Ovh-QueryID"), "{exposed}");
}

#[tokio::test]
async fn no_path_reaches_another_host_and_limits_hold() {
    let s = setup().await;
    for (path, status) in [
        ("/api/sandbox/1.0/../../etc/passwd", "400"),
        ("/api/sandbox/1.0/%2e%2e/x", "400"),
        ("/api/sandbox/1.0/%2E%2e/%2e%2E/x", "400"),
        ("/api/evil.example/1.0/auth/time", "404"),
        ("/api/sandbox", "400"),
        ("http://evil.example/api/sandbox/1.0/auth/time", "400"),
    ] {
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        let answer = raw_http(&s.proxy, &request).await;
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status}")),
            "{path}: {answer}"
        );
    }
    let host_trick = raw(
        Method::Get,
        format!("{}/api/sandbox/1.0/auth/time", s.proxy),
        &[("Host", "localhost")],
        None,
    )
    .await;
    assert_eq!(
        host_trick.status, 200,
        "the Host header picks no upstream: the sandbox still answers"
    );
    let big = raw(
        Method::Post,
        format!("{}/api/sandbox/1.0/auth/credential", s.proxy),
        &[],
        Some("x".repeat(1024 * 1024 + 1)),
    )
    .await;
    assert_eq!(big.status, 413);
    let health = raw(Method::Get, format!("{}/health", s.proxy), &[], None).await;
    assert_eq!(health.body, "ok");
}

/// A page on a foreign name pointed at the proxy's address sends that name as `Host` and as
/// its `Origin`, which agree: it is refused for the API and the app's files alike.
#[tokio::test]
async fn a_rebound_name_is_refused_everywhere_and_named_hosts_are_answered() {
    let s = setup_with(Hosts::new(vec!["mailshift.example.com".into()])).await;
    for path in [
        "/api/sandbox/1.0/auth/time",
        "/",
        "/index.html",
        "/health",
        "/api",
    ] {
        let rebound = raw(
            Method::Get,
            format!("{}{path}", s.proxy),
            &[
                ("Host", "rebind.example:8080"),
                ("Origin", "http://rebind.example:8080"),
            ],
            None,
        )
        .await;
        assert_eq!(rebound.status, 421, "{path}");
        assert!(
            rebound.body.contains("--allow-host rebind.example"),
            "{}",
            rebound.body
        );
        assert!(rebound.header("access-control-allow-origin").is_none());
    }
    let behind_a_domain = raw(
        Method::Get,
        format!("{}/api/sandbox/1.0/auth/time", s.proxy),
        &[
            ("Host", "mailshift.example.com"),
            ("Origin", "https://mailshift.example.com"),
        ],
        None,
    )
    .await;
    assert_eq!(behind_a_domain.status, 200, "{}", behind_a_domain.body);
}

#[tokio::test]
async fn speaks_http2_as_well_as_http1() {
    let s = setup().await;
    let h2 = reqwest::Client::builder()
        .http2_prior_knowledge()
        .build()
        .expect("client");
    let answer = h2
        .get(format!("{}/api/sandbox/1.0/auth/time", s.proxy))
        .send()
        .await
        .expect("an HTTP/2 answer");
    assert_eq!(answer.version(), reqwest::Version::HTTP_2);
    assert_eq!(answer.status(), 200);
    assert!(answer.headers().contains_key("x-ovh-queryid"));
}

#[tokio::test]
async fn lists_where_it_forwards_so_pages_know_whether_a_sandbox_is_offered() {
    let setup = setup().await;
    let answer = raw(Method::Get, format!("{}/api", setup.proxy), &[], None).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("Access-Control-Allow-Origin"), Some("*"));
    let listed: serde_json::Value = serde_json::from_str(&answer.body).expect("JSON");
    assert_eq!(listed["upstreams"]["ovh-eu"], "https://eu.api.ovh.com");
    assert_eq!(
        listed["upstreams"]["sandbox"],
        format!("http://{}", setup.sandbox.address())
    );
    assert_eq!(listed["upstreams"].as_object().map(|o| o.len()), Some(4));
}
