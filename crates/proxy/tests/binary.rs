//! The `mailshift-proxy` binary itself: what it logs, how it stops, and how it handles an
//! upstream that never answers.

use std::io::Read;
use std::sync::Arc;

use mailshift_ovh::json::Ignored;
use mailshift_ovh::rate_limit::RateLimiter;
use mailshift_ovh::transport::NativeTransport;
use mailshift_ovh::{
    Client, ClientConfig, Credentials, Endpoint, HttpRequest, Method, SystemClock, Transport,
    operations,
};

mod common;
use common::{AK, AS};
#[path = "support/proxy_binary.rs"]
mod proxy_binary;
use proxy_binary::{proxy, stop};

#[tokio::test]
async fn logs_method_upstream_status_and_time_but_no_secret_or_address() {
    let (sandbox, key) = common::sandbox().await;
    let (child, url, _app) = proxy(&format!("http://{}", sandbox.address()), &[]);

    let client = Client::new(
        ClientConfig::new(Endpoint::custom(&sandbox.base_url()).expect("url"))
            .sent_via(format!("{url}/api/sandbox/1.0")),
        NativeTransport::new().expect("transport"),
        SystemClock,
    )
    .with_credentials(Credentials::new(AK, AS, &key))
    .with_rate_limiter(Arc::new(RateLimiter::new(6_000, 100)));
    let path = operations::exchange::ACCOUNT
        .path(&[
            "hosted-dc12345-1",
            "hosted-dc12345-1",
            "claire.martin@demo-company.fr",
        ])
        .expect("p");
    let _: Ignored = client.get(&path).await.expect("through the proxy");
    let search = operations::exchange::ACCOUNTS
        .path(&["hosted-dc12345-1", "hosted-dc12345-1"])
        .expect("p")
        .query("primaryEmailAddress", "claire.martin@demo-company.fr")
        .expect("a described query parameter");
    let found: Vec<String> = client
        .get(&search)
        .await
        .expect("a query string through the proxy");
    assert_eq!(found, ["claire.martin@demo-company.fr"]);

    let (stopped_cleanly, output) = stop(child);
    assert!(stopped_cleanly, "SIGTERM ends it with success: {output}");
    assert!(
        output.contains(r#""method":"GET""#)
            && output.contains(r#""upstream":"sandbox""#)
            && output.contains(r#""status":200"#),
        "{output}"
    );
    for secret in [key.as_str(), AS, "claire.martin", "demo-company.fr", "$1$"] {
        assert!(
            !output.contains(secret),
            "the log shows {secret:?}: {output}"
        );
    }
    sandbox.stop().await;
}

#[tokio::test]
async fn an_upstream_that_never_answers_gets_a_504_in_time() {
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = silent.local_addr().expect("address");
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            held.push(socket);
        }
    });
    let (child, url, _app) = proxy(&format!("http://{address}"), &["--upstream-timeout", "1"]);
    let started = std::time::Instant::now();
    let answer = NativeTransport::new()
        .expect("transport")
        .send(HttpRequest {
            method: Method::Get,
            url: format!("{url}/api/sandbox/1.0/auth/time"),
            headers: vec![],
            body: None,
        })
        .await
        .expect("an answer from the proxy");
    assert_eq!(answer.status, 504, "{}", answer.body);
    assert!(answer.body.contains("did not answer in time"));
    assert!(started.elapsed().as_secs() < 10);
    let (stopped_cleanly, _) = stop(child);
    assert!(stopped_cleanly);
}

#[tokio::test]
async fn calls_over_the_cap_are_refused_at_once_with_retry_after() {
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = silent.local_addr().expect("address");
    let (reached, mut upstream_reached) = tokio::sync::mpsc::channel::<()>(4);
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            held.push(socket);
            let _ = reached.send(()).await;
        }
    });
    let (child, url, _app) = proxy(
        &format!("http://{address}"),
        &["--max-in-flight", "1", "--upstream-timeout", "3"],
    );
    let call = |url: String| async move {
        NativeTransport::new()
            .expect("transport")
            .send(HttpRequest {
                method: Method::Get,
                url,
                headers: vec![],
                body: None,
            })
            .await
            .expect("an answer")
    };
    let first = tokio::spawn(call(format!("{url}/api/sandbox/1.0/auth/time")));
    // Once the silent upstream has the first call, that call holds the only slot.
    upstream_reached
        .recv()
        .await
        .expect("the first call reached the upstream");
    let second = call(format!("{url}/api/sandbox/1.0/auth/time")).await;
    assert_eq!(second.status, 503, "{}", second.body);
    assert_eq!(second.header("retry-after"), Some("1"));
    assert!(second.body.contains("Too many calls in flight"));
    assert_eq!(first.await.expect("first call").status, 504);
    let (stopped_cleanly, _) = stop(child);
    assert!(stopped_cleanly);
}

/// Writes `request` as it is and returns the first bytes of the answer.
fn raw_exchange(proxy: &str, request: &[u8], then_wait: bool) -> String {
    use std::io::Write;
    let mut stream =
        std::net::TcpStream::connect(proxy.trim_start_matches("http://")).expect("connect");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .expect("timeout");
    let _ = stream.write_all(request);
    if !then_wait {
        let _ = stream.shutdown(std::net::Shutdown::Write);
    }
    let mut answer = vec![0; 256];
    let read = stream.read(&mut answer).unwrap_or(0);
    String::from_utf8_lossy(&answer[..read]).into_owned()
}

#[test]
fn slow_bodies_and_oversized_headers_get_a_clear_status() {
    let (child, url, _app) = proxy("http://127.0.0.1:9", &["--client-timeout", "1"]);
    // Ten bytes of a hundred announced, then silence.
    let slow = raw_exchange(
        &url,
        b"POST /api/ovh-eu/1.0/auth/credential HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n0123456789",
        true,
    );
    assert!(slow.starts_with("HTTP/1.1 408"), "{slow}");
    let mut huge =
        b"GET /api/ovh-eu/1.0/auth/time HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Ovh-Big: ".to_vec();
    huge.extend(std::iter::repeat_n(b'a', 600_000));
    huge.extend_from_slice(b"\r\n\r\n");
    let answer = raw_exchange(&url, &huge, false);
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
    let (stopped_cleanly, _) = stop(child);
    assert!(stopped_cleanly);
}

#[tokio::test]
async fn redirects_are_not_followed_and_cookies_never_pass() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let upstream = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = upstream.local_addr().expect("address");
    let (seen, mut received) = tokio::sync::mpsc::channel::<String>(4);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = upstream.accept().await {
            let mut request = vec![0; 8192];
            let read = socket.read(&mut request).await.unwrap_or(0);
            let _ = seen
                .send(String::from_utf8_lossy(&request[..read]).into_owned())
                .await;
            let answer = "HTTP/1.1 302 Found\r\nLocation: http://evil.example/steal\r\n\
                          Set-Cookie: session=upstream\r\nX-Ovh-QueryID: EU.redirect\r\n\
                          Content-Length: 0\r\nConnection: close\r\n\r\n";
            let _ = socket.write_all(answer.as_bytes()).await;
        }
    });
    let (child, url, _app) = proxy(&format!("http://{address}"), &[]);
    let answer = NativeTransport::new()
        .expect("transport")
        .send(HttpRequest {
            method: Method::Get,
            url: format!("{url}/api/sandbox/1.0/auth/time"),
            headers: vec![
                ("Cookie".into(), "session=browser".into()),
                ("X-Ovh-Application".into(), "AK".into()),
                ("X-Forwarded-For".into(), "10.0.0.1".into()),
            ],
            body: None,
        })
        .await
        .expect("an answer");
    assert_eq!(answer.status, 302, "handed back, not followed");
    assert_eq!(answer.header("location"), None);
    assert_eq!(answer.header("set-cookie"), None);
    assert_eq!(answer.header("x-ovh-queryid"), Some("EU.redirect"));
    let request = received
        .recv()
        .await
        .expect("the upstream saw the call")
        .to_ascii_lowercase();
    assert!(
        request.starts_with("get /1.0/auth/time http/1.1"),
        "{request}"
    );
    assert!(request.contains("x-ovh-application: ak"));
    assert!(!request.contains("cookie"), "{request}");
    assert!(!request.contains("x-forwarded-for"), "{request}");
    assert!(
        received.try_recv().is_err(),
        "only one call reached the upstream: nothing followed the redirect"
    );
    let (stopped_cleanly, _) = stop(child);
    assert!(stopped_cleanly);
}

#[test]
fn a_foreign_host_is_refused_with_a_log_line_naming_the_flag() {
    let (child, url, _app) = proxy(
        "http://127.0.0.1:9",
        &["--allow-host", "mailshift.example.com"],
    );
    let ask = |host: &str| {
        raw_exchange(
            &url,
            format!("GET /health HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
            true,
        )
    };
    let rebound = ask("rebind.example:8080");
    assert!(rebound.starts_with("HTTP/1.1 421"), "{rebound}");
    let named = ask("mailshift.example.com");
    assert!(named.starts_with("HTTP/1.1 200"), "{named}");
    let forged = ask("evil.example\" allowed=\"yes");
    assert!(forged.starts_with("HTTP/1.1 421"), "{forged}");
    let (stopped_cleanly, output) = stop(child);
    assert!(stopped_cleanly);
    assert!(
        output.contains(
            "refused a request for host \"rebind.example\": this proxy answers to localhost, IP addresses and names given with --allow-host (add --allow-host rebind.example"
        ),
        "{output}"
    );
    assert!(
        !output.contains('\u{1b}'),
        "a forged name cannot write raw control bytes: {output}"
    );
}

/// Writes `start`, then one more byte every 200 ms, until the proxy closes the connection;
/// whether it did within `limit`.
fn closed_while_trickling(proxy: &str, start: &[u8], limit: std::time::Duration) -> bool {
    use std::io::Write;
    let mut stream =
        std::net::TcpStream::connect(proxy.trim_start_matches("http://")).expect("connect");
    stream
        .set_read_timeout(Some(std::time::Duration::from_millis(200)))
        .expect("timeout");
    let _ = stream.write_all(start);
    let began = std::time::Instant::now();
    let mut buffer = [0; 64];
    while began.elapsed() < limit {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => {
                if stream.write_all(b"a").is_err() {
                    return true;
                }
            }
        }
    }
    false
}

#[test]
fn a_client_that_trickles_its_headers_or_sends_none_is_cut_off() {
    let (child, url, _app) = proxy("http://127.0.0.1:9", &["--header-timeout", "1"]);
    let limit = std::time::Duration::from_secs(10);
    assert!(
        closed_while_trickling(
            &url,
            b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ",
            limit
        ),
        "headers sent a byte at a time never end, and the proxy must not wait for them"
    );
    let mut idle =
        std::net::TcpStream::connect(url.trim_start_matches("http://")).expect("connect");
    idle.set_read_timeout(Some(limit)).expect("timeout");
    let mut buffer = [0; 64];
    let closed = match idle.read(&mut buffer) {
        Ok(read) => read == 0,
        Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
    };
    assert!(closed, "a connection that sends nothing is closed");
    let answered = raw_exchange(
        &url,
        b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        true,
    );
    assert!(answered.starts_with("HTTP/1.1 200"), "{answered}");
    let (stopped_cleanly, _) = stop(child);
    assert!(stopped_cleanly);
}
