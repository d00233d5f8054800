//! The server's app-serving routes, driven through the real router.

use std::fs;
use std::path::PathBuf;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use mailshift_proxy::cors::Origins;
use mailshift_proxy::forward::Timeouts;
use mailshift_proxy::hosts::Hosts;
use mailshift_proxy::upstream::Upstreams;
use mailshift_proxy::{Config, router};
use tower::ServiceExt;

const INDEX: &str = "<!doctype html><title>Mailshift</title>";
const WASM: &[u8] = b"\0asm\x01\0\0\0";

/// A built app in `<tmp>/app`, beside a file `<tmp>/secret.txt` that must never be served.
struct Fixture {
    root: tempfile::TempDir,
}

impl Fixture {
    fn app(&self) -> PathBuf {
        self.root.path().join("app")
    }
}

fn app_dir() -> Fixture {
    let fixture = Fixture {
        root: tempfile::tempdir().expect("temp dir"),
    };
    let app = fixture.app();
    fs::create_dir(&app).expect("app dir");
    fs::write(app.join("index.html"), INDEX).expect("write index");
    fs::write(app.join("mailshift-4f1c2a9b8d7e6f50_bg.wasm"), WASM).expect("write wasm");
    fs::write(
        app.join("mailshift-4f1c2a9b8d7e6f50.js"),
        "export default 1;\n".repeat(200),
    )
    .expect("write js");
    fs::write(app.join("robots.txt"), "User-agent: *\n").expect("write robots");
    fs::write(fixture.root.path().join("secret.txt"), "secret").expect("write secret");
    fixture
}

async fn get(dir: &Fixture, uri: &str, accept_encoding: Option<&str>) -> axum::response::Response {
    let mut request = Request::get(uri).header(header::HOST, "localhost:8080");
    if let Some(encoding) = accept_encoding {
        request = request.header(header::ACCEPT_ENCODING, encoding);
    }
    router(&Config {
        app_dir: dir.app(),
        upstreams: Upstreams::new(None),
        origins: Origins::default(),
        hosts: Hosts::default(),
        timeouts: Timeouts::default(),
        max_in_flight: 64,
    })
    .expect("router")
    .oneshot(request.body(Body::empty()).expect("request"))
    .await
    .expect("infallible")
}

async fn body(response: axum::response::Response) -> Vec<u8> {
    to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body")
        .to_vec()
}

fn header_of(response: &axum::response::Response, name: header::HeaderName) -> &str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn root_serves_index_and_asks_to_revalidate() {
    let dir = app_dir();
    let response = get(&dir, "/", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(header_of(&response, header::CONTENT_TYPE).starts_with("text/html"));
    assert_eq!(header_of(&response, header::CACHE_CONTROL), "no-cache");
    assert_eq!(body(response).await, INDEX.as_bytes());
}

#[tokio::test]
async fn app_routes_fall_back_to_index() {
    let dir = app_dir();
    let response = get(&dir, "/inventory/accounts", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(body(response).await, INDEX.as_bytes());
}

#[tokio::test]
async fn missing_files_are_404_not_index() {
    let dir = app_dir();
    let response = get(&dir, "/mailshift-0000000000000000.js", None).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_ne!(body(response).await, INDEX.as_bytes());
}

#[tokio::test]
async fn hashed_assets_are_immutable_with_their_mime_type() {
    let dir = app_dir();
    let response = get(&dir, "/mailshift-4f1c2a9b8d7e6f50_bg.wasm", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header_of(&response, header::CONTENT_TYPE),
        "application/wasm"
    );
    assert_eq!(
        header_of(&response, header::CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(body(response).await, WASM);
}

#[tokio::test]
async fn unhashed_files_are_revalidated() {
    let dir = app_dir();
    let response = get(&dir, "/robots.txt", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header_of(&response, header::CACHE_CONTROL), "no-cache");
}

#[tokio::test]
async fn compresses_for_clients_that_accept_it() {
    let dir = app_dir();
    let plain = body(get(&dir, "/mailshift-4f1c2a9b8d7e6f50.js", None).await).await;

    let gzip = get(&dir, "/mailshift-4f1c2a9b8d7e6f50.js", Some("gzip")).await;
    assert_eq!(header_of(&gzip, header::CONTENT_ENCODING), "gzip");
    assert!(body(gzip).await.len() < plain.len());

    let brotli = get(&dir, "/mailshift-4f1c2a9b8d7e6f50.js", Some("br, gzip")).await;
    assert_eq!(header_of(&brotli, header::CONTENT_ENCODING), "br");
    assert!(body(brotli).await.len() < plain.len());
}

#[tokio::test]
async fn cannot_escape_the_app_folder() {
    let dir = app_dir();
    for uri in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/app/../../secret.txt",
    ] {
        let response = get(&dir, uri, None).await;
        let status = response.status();
        let served = body(response).await;
        assert_ne!(served, b"secret", "{uri} escaped the app folder ({status})");
    }
}

/// The copies `cargo xtask` writes beside the built files; their bytes only need to be told
/// apart here, since the server sends them without reading them.
fn with_precompressed_copies(dir: &Fixture) {
    let app = dir.app();
    for name in ["mailshift-4f1c2a9b8d7e6f50_bg.wasm", "index.html"] {
        fs::write(app.join(format!("{name}.gz")), format!("gzip of {name}")).expect("write gz");
        fs::write(app.join(format!("{name}.br")), format!("br of {name}")).expect("write br");
    }
}

#[tokio::test]
async fn sends_the_precompressed_copy_the_browser_accepts() {
    let dir = app_dir();
    with_precompressed_copies(&dir);
    let wasm = "/mailshift-4f1c2a9b8d7e6f50_bg.wasm";

    for (accepted, encoding, expected) in [
        (
            Some("gzip, deflate, br, zstd"),
            "br",
            "br of mailshift-4f1c2a9b8d7e6f50_bg.wasm",
        ),
        (
            Some("gzip"),
            "gzip",
            "gzip of mailshift-4f1c2a9b8d7e6f50_bg.wasm",
        ),
    ] {
        let response = get(&dir, wasm, accepted).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(header_of(&response, header::CONTENT_ENCODING), encoding);
        assert_eq!(
            header_of(&response, header::CONTENT_TYPE),
            "application/wasm"
        );
        assert!(header_of(&response, header::CACHE_CONTROL).ends_with("immutable"));
        assert_eq!(header_of(&response, header::VARY), "accept-encoding");
        assert_eq!(body(response).await, expected.as_bytes(), "{accepted:?}");
    }

    let plain = get(&dir, wasm, None).await;
    assert_eq!(header_of(&plain, header::CONTENT_ENCODING), "");
    assert_eq!(body(plain).await, WASM);
}

#[tokio::test]
async fn app_routes_get_the_precompressed_index() {
    let dir = app_dir();
    with_precompressed_copies(&dir);
    let response = get(&dir, "/inventory", Some("gzip")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header_of(&response, header::CONTENT_ENCODING), "gzip");
    assert!(header_of(&response, header::CONTENT_TYPE).starts_with("text/html"));
    assert_eq!(header_of(&response, header::CACHE_CONTROL), "no-cache");
    assert_eq!(body(response).await, b"gzip of index.html");
}
