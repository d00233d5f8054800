//! The OVH client in Chromium: requests signed in the browser and sent with the browser
//! transport to a local server (started by `cargo xtask test`) that checks them as OVHcloud
//! would, over the canonical URL, while they travel to another address as through the proxy.
#![cfg(target_arch = "wasm32")]

use mailshift_ovh::json::Ignored;
use mailshift_ovh::models::bodies::NewAlias;
use mailshift_ovh::transport::BrowserTransport;
use mailshift_ovh::{
    Client, ClientConfig, Credentials, Endpoint, ErrorKind, SystemClock, operations,
};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Set by `cargo xtask test` when it compiles this test.
const SERVER: Option<&str> = option_env!("MAILSHIFT_SIGNATURE_SERVER");

fn client(secret: &str) -> Client<BrowserTransport, SystemClock> {
    let server = SERVER
        .expect("run the browser tests with cargo xtask test, which starts the signature server");
    Client::new(
        ClientConfig::new(Endpoint::OvhEu).sent_via(server),
        BrowserTransport,
        SystemClock,
    )
    .with_credentials(Credentials::new("browserTestAK", secret, "browserTestCK"))
}

/// What the signature server saw of a call.
#[derive(miniserde::Deserialize)]
struct Echo {
    verified: bool,
    method: String,
    url: String,
    body: String,
}

#[wasm_bindgen_test]
async fn a_read_signed_in_the_browser_is_verified_over_the_canonical_url() {
    let path = operations::pro::ACCOUNT
        .path(&["emailpro-ab1", "john+news@d.fr"])
        .expect("path");
    let echo: Echo = client("browserTestAS").get(&path).await.expect("verified");
    assert!(echo.verified);
    assert_eq!(echo.method, "GET");
    assert_eq!(
        echo.url,
        "https://eu.api.ovh.com/1.0/email/pro/emailpro-ab1/account/john%2Bnews@d.fr"
    );
    assert_eq!(echo.body, "");
}

#[wasm_bindgen_test]
async fn a_write_arrives_with_the_exact_body_that_was_signed() {
    let path = operations::exchange::CREATE_ALIAS
        .path(&["hosted-ab1", "hosted-ab1", "john@d.fr"])
        .expect("path");
    let body = NewAlias {
        alias: "j.smith@d.fr".to_owned(),
    };
    let echo: Echo = client("browserTestAS")
        .send(&path, &body)
        .await
        .expect("verified");
    assert_eq!(echo.method, "POST");
    assert_eq!(echo.body, r#"{"alias":"j.smith@d.fr"}"#);
}

#[wasm_bindgen_test]
async fn a_wrong_secret_is_refused_with_the_ovh_error_and_its_query_id() {
    let path = operations::pro::ACCOUNT
        .path(&["emailpro-ab1", "john@d.fr"])
        .expect("path");
    let error = client("browserTestAs")
        .get::<Ignored>(&path)
        .await
        .expect_err("a one-letter typo in the secret breaks the signature");
    assert_eq!(error.kind, ErrorKind::InvalidCredentials);
    assert_eq!(error.error_code.as_deref(), Some("INVALID_SIGNATURE"));
    assert_eq!(error.query_id.as_deref(), Some("LOCAL.signature-check"));
}
