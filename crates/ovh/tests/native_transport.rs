//! The native transport against a real HTTP server on loopback: requests go out untouched,
//! answers come back whole, redirects are not followed.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::Arc;
use std::thread::JoinHandle;

use mailshift_ovh::transport::NativeTransport;
use mailshift_ovh::{HttpRequest, Method, Transport};
use serde_json::{Value, json};
use tiny_http::{Header, Response, Server};

/// Echoes each request as JSON; `/redirect` answers 302 to another host.
fn echo_server() -> (String, Arc<Server>, JoinHandle<()>) {
    let server = Arc::new(Server::http("127.0.0.1:0").expect("bind"));
    let url = format!("http://{}", server.server_addr().to_ip().expect("ip"));
    let serving = Arc::clone(&server);
    let thread = std::thread::spawn(move || {
        for mut request in serving.incoming_requests() {
            let mut body = String::new();
            let _ = request.as_reader().read_to_string(&mut body);
            if request.url() == "/redirect" {
                let location =
                    Header::from_bytes("Location", "http://example.invalid/").expect("header");
                let _ = request.respond(Response::empty(302).with_header(location));
                continue;
            }
            let headers: Vec<Value> = request
                .headers()
                .iter()
                .map(|h| json!([h.field.as_str().as_str(), h.value.as_str()]))
                .collect();
            let echo = json!({
                "method": request.method().as_str(),
                "url": request.url(),
                "headers": headers,
                "body": body,
            });
            let query_id = Header::from_bytes("X-Ovh-QueryID", "EU.ext-9.native").expect("header");
            let _ = request.respond(
                Response::from_string(echo.to_string())
                    .with_status_code(201)
                    .with_header(query_id),
            );
        }
    });
    (url, server, thread)
}

#[tokio::test]
async fn sends_method_url_headers_and_body_untouched() {
    let (url, server, thread) = echo_server();
    let transport = NativeTransport::new().expect("transport");
    let body = r#"{"alias":"j.smith@d.fr", "spaced" : true}"#;
    let response = transport
        .send(HttpRequest {
            method: Method::Put,
            url: format!("{url}/email/pro/s/account/john%2Bx@d.fr?x=1&y=%20"),
            headers: vec![
                ("X-Ovh-Application".into(), "AK".into()),
                ("X-Ovh-Signature".into(), "$1$abc".into()),
                ("Content-Type".into(), "application/json".into()),
            ],
            body: Some(body.to_owned()),
        })
        .await
        .expect("an answer");
    assert_eq!(response.status, 201);
    assert_eq!(response.header("x-ovh-queryid"), Some("EU.ext-9.native"));
    let echo: Value = serde_json::from_str(&response.body).expect("JSON");
    assert_eq!(echo["method"], "PUT");
    assert_eq!(echo["url"], "/email/pro/s/account/john%2Bx@d.fr?x=1&y=%20");
    assert_eq!(echo["body"], body);
    // Header names are case-insensitive (HTTP/1 clients may lower-case them); values are not.
    let headers: Vec<(String, String)> = echo["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .map(|h| {
            (
                h[0].as_str().unwrap_or_default().to_ascii_lowercase(),
                h[1].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert!(headers.contains(&("x-ovh-signature".into(), "$1$abc".into())));
    assert!(headers.contains(&("x-ovh-application".into(), "AK".into())));
    server.unblock();
    thread.join().expect("server thread");
}

#[tokio::test]
async fn does_not_follow_redirects() {
    let (url, server, thread) = echo_server();
    let transport = NativeTransport::new().expect("transport");
    let response = transport
        .send(HttpRequest {
            method: Method::Get,
            url: format!("{url}/redirect"),
            headers: Vec::new(),
            body: None,
        })
        .await
        .expect("an answer");
    assert_eq!(response.status, 302);
    server.unblock();
    thread.join().expect("server thread");
}

#[tokio::test]
async fn a_closed_port_is_a_transport_error_naming_only_the_host() {
    let transport = NativeTransport::new().expect("transport");
    let error = transport
        .send(HttpRequest {
            method: Method::Get,
            url: "http://127.0.0.1:9/email/pro/secret-service?token=x".into(),
            headers: Vec::new(),
            body: None,
        })
        .await
        .expect_err("nothing listens on port 9");
    assert!(
        error.message.contains("http://127.0.0.1:9"),
        "{}",
        error.message
    );
    assert!(
        !error.message.contains("secret-service"),
        "{}",
        error.message
    );
}
