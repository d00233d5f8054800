//! The sandbox against the real OVH client: consumer keys, the validation page, signatures,
//! access rules, validation errors and an account with no service yet.

use mailshift_ovh::access_rules::AccessRules;
use mailshift_ovh::json::Ignored;
use mailshift_ovh::models::auth::{AccessRule, CredentialState};
use mailshift_ovh::signing::{Signed, signature};
use mailshift_ovh::transport::NativeTransport;
use mailshift_ovh::{
    Client, ClientConfig, Credentials, Endpoint, ErrorKind, HttpRequest, Method, SystemClock,
    Transport, operations,
};
use mailshift_sandbox::{
    Application, Config, DemoKeys, Faults, Latency, RunningSandbox, Scenario, start,
};
use serde_json::{Value, json};

const AK: &str = "testApplicationKey";
const AS: &str = "testApplicationSecret";

async fn sandbox() -> RunningSandbox {
    start(Config {
        listen: "127.0.0.1:0".parse().expect("address"),
        public_origin: None,
        applications: vec![Application {
            id: 7,
            key: AK.into(),
            secret: AS.into(),
            name: "Mailshift test".into(),
        }],
        accounts: vec![("jd12345-ovh".into(), "correct horse".into())],
        scenario: Scenario::default(),
        latency: Latency::scaled(0.0),
        faults: Faults::default(),
    })
    .await
    .expect("sandbox starts")
}

fn client(
    sandbox: &RunningSandbox,
    secret: &str,
    consumer_key: &str,
) -> Client<NativeTransport, SystemClock> {
    let endpoint = Endpoint::custom(&sandbox.base_url()).expect("base URL");
    Client::new(
        ClientConfig::new(endpoint),
        NativeTransport::new().expect("transport"),
        SystemClock,
    )
    .with_credentials(Credentials::new(AK, secret, consumer_key))
}

fn read_rule(path: &str) -> AccessRule {
    AccessRule {
        method: Method::Get,
        path: path.into(),
    }
}

async fn post_form(url: &str, fields: &[(&str, &str)]) -> mailshift_ovh::HttpResponse {
    let body = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", v.replace(' ', "+")))
        .collect::<Vec<_>>()
        .join("&");
    NativeTransport::new()
        .expect("transport")
        .send(HttpRequest {
            method: Method::Post,
            url: url.to_owned(),
            headers: vec![(
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            )],
            body: Some(body),
        })
        .await
        .expect("an answer")
}

#[tokio::test]
async fn request_access_validate_on_the_page_then_call() {
    let sandbox = sandbox().await;
    let anonymous = client(&sandbox, AS, "none-yet");
    let rules = AccessRules::new().discover_services().build();
    let pending = anonymous
        .request_credential(
            AK,
            rules.clone(),
            Some("http://127.0.0.1:8080/connect?back=1".into()),
        )
        .await
        .expect("a pending key");
    assert_eq!(pending.state, CredentialState::PendingValidation);
    assert!(
        pending.validation_url.starts_with(
            &sandbox
                .base_url()
                .replace("/1.0", "/auth/?credentialToken=")
        )
    );

    let with_key = client(&sandbox, AS, &pending.consumer_key);
    let early = with_key
        .current_credential()
        .await
        .expect_err("not validated yet");
    assert_eq!(early.kind, ErrorKind::InvalidCredentials);

    let page = NativeTransport::new()
        .expect("transport")
        .send(HttpRequest {
            method: Method::Get,
            url: pending.validation_url.clone(),
            headers: vec![],
            body: None,
        })
        .await
        .expect("page");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Mailshift test") && page.body.contains("GET /email/pro/*"));

    let token = pending.validation_url.rsplit('=').next().expect("token");
    let form_url = sandbox.base_url().replace("/1.0", "/auth/");
    let wrong = post_form(
        &form_url,
        &[
            ("credentialToken", token),
            ("login", "jd12345-ovh"),
            ("password", "wrong"),
            ("validity", "1"),
            ("decision", "grant"),
        ],
    )
    .await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains("Wrong account or password"));

    let granted = post_form(
        &form_url,
        &[
            ("credentialToken", token),
            ("login", "jd12345-ovh"),
            ("password", "correct horse"),
            ("validity", "1"),
            ("decision", "grant"),
        ],
    )
    .await;
    assert_eq!(granted.status, 303, "sent back to the application");
    assert_eq!(
        granted.header("location"),
        Some("http://127.0.0.1:8080/connect?back=1")
    );

    let current = with_key.current_credential().await.expect("validated");
    assert_eq!(current.status, CredentialState::Validated);
    assert_eq!(current.rules, rules);
    assert!(current.expiration.is_some(), "one day, as chosen");
    let services: Vec<String> = with_key
        .get(&operations::pro::SERVICES.path(&[]).expect("path"))
        .await
        .expect("list");
    assert!(services.is_empty(), "the account owns no Email Pro service");
    let details = with_key.auth_details().await.expect("details");
    assert_eq!(details.account, "xx11111-ovh", "the scenario's customer");

    sandbox.stop().await;
}

#[tokio::test]
async fn demo_keys_are_offered_only_once_published() {
    let sandbox = sandbox().await;
    let url = sandbox.base_url().replace("/1.0", "/sandbox/demo");
    let get = || async {
        NativeTransport::new()
            .expect("transport")
            .send(HttpRequest {
                method: Method::Get,
                url: url.clone(),
                headers: vec![],
                body: None,
            })
            .await
            .expect("answer")
    };
    let none = get().await;
    assert_eq!(none.status, 404);
    assert!(none.body.contains("Client::NotFound"));
    let key = sandbox
        .validated_key(AK, vec![read_rule("/*")], None)
        .expect("key");
    sandbox.publish_demo(DemoKeys {
        application_key: AK.into(),
        application_secret: AS.into(),
        consumer_key: key.clone(),
        login: ("jd12345-ovh".into(), "correct horse".into()),
    });
    let published = get().await;
    assert_eq!(published.status, 200);
    let keys: Value = serde_json::from_str(&published.body).expect("JSON");
    assert_eq!(keys["consumerKey"], key.as_str());
    assert_eq!(keys["login"], json!(["jd12345-ovh", "correct horse"]));
    client(&sandbox, AS, &key)
        .current_credential()
        .await
        .expect("the published key works");
    sandbox.stop().await;
}

#[tokio::test]
async fn refuses_bad_signatures_missing_rights_and_revoked_keys_with_query_ids() {
    let sandbox = sandbox().await;
    let key = sandbox
        .validated_key(
            AK,
            vec![read_rule("/email/pro*"), read_rule("/auth/*")],
            None,
        )
        .expect("key");

    let typo = client(&sandbox, "testApplicationSecreT", &key);
    let error = typo.current_credential().await.expect_err("bad signature");
    assert_eq!(error.kind, ErrorKind::InvalidCredentials);
    assert_eq!(error.error_code.as_deref(), Some("INVALID_SIGNATURE"));
    assert!(
        error
            .query_id
            .as_deref()
            .is_some_and(|id| id.starts_with("SBX."))
    );

    let good = client(&sandbox, AS, &key);
    let outside = good
        .get::<mailshift_ovh::json::Ignored>(
            &operations::exchange::ORGANIZATIONS.path(&[]).expect("path"),
        )
        .await
        .expect_err("no rule for /email/exchange");
    assert_eq!(outside.kind, ErrorKind::MissingRights);
    assert_eq!(outside.error_code.as_deref(), Some("NOT_GRANTED_CALL"));

    let unknown = good
        .get::<mailshift_ovh::json::Ignored>(
            &operations::pro::SERVICE
                .path(&["emailpro-zz9"])
                .expect("path"),
        )
        .await
        .expect_err("no such service");
    assert_eq!(unknown.kind, ErrorKind::NotFound);
    assert!(unknown.message.contains("emailpro-zz9"));

    assert!(sandbox.revoke(&key));
    let revoked = good.current_credential().await.expect_err("revoked");
    assert_eq!(revoked.kind, ErrorKind::InvalidCredentials);
    sandbox.stop().await;
}

#[tokio::test]
async fn checks_bodies_against_the_schema_before_anything_else() {
    let sandbox = sandbox().await;
    let key = sandbox
        .validated_key(
            AK,
            vec![AccessRule {
                method: Method::Post,
                path: "/email/pro/*".into(),
            }],
            None,
        )
        .expect("key");
    let client = client(&sandbox, AS, &key);
    let path = operations::pro::CREATE_ALIAS
        .path(&["emailpro-ab1", "john@d.fr"])
        .expect("path");
    let wrong_type = client
        .send::<Ignored>(&path, &raw(r#"{"alias": 5}"#))
        .await
        .expect_err("not a string");
    assert_eq!(wrong_type.kind, ErrorKind::BadInput);
    assert!(
        wrong_type.message.contains("[alias]"),
        "{}",
        wrong_type.message
    );
    let missing = client
        .send::<Ignored>(&path, &raw("{}"))
        .await
        .expect_err("missing");
    assert!(missing.message.contains("alias"), "{}", missing.message);
    let valid = client
        .send::<Ignored>(&path, &raw(r#"{"alias": "j@d.fr"}"#))
        .await
        .expect_err("service unknown");
    assert_eq!(
        valid.kind,
        ErrorKind::NotFound,
        "a valid call reaches the (empty) account"
    );
    sandbox.stop().await;
}

#[tokio::test]
async fn a_request_signed_by_hand_is_accepted_and_unknown_paths_are_404() {
    let sandbox = sandbox().await;
    let key = sandbox
        .validated_key(AK, vec![read_rule("/*")], None)
        .expect("key");
    let transport = NativeTransport::new().expect("transport");
    let time: i64 = serde_json::from_str(
        &transport
            .send(HttpRequest {
                method: Method::Get,
                url: format!("{}/auth/time", sandbox.base_url()),
                headers: vec![],
                body: None,
            })
            .await
            .expect("time")
            .body,
    )
    .expect("a number");
    let signed = |path: &str| {
        let url = format!("{}{path}", sandbox.base_url());
        let sig = signature(
            AS,
            &key,
            &Signed {
                method: Method::Get,
                url: &url,
                body: "",
                timestamp: time,
            },
        );
        HttpRequest {
            method: Method::Get,
            url,
            headers: vec![
                ("X-Ovh-Application".into(), AK.into()),
                ("X-Ovh-Consumer".into(), key.clone()),
                ("X-Ovh-Timestamp".into(), time.to_string()),
                ("X-Ovh-Signature".into(), sig),
                ("X-Pagination-Mode".into(), "CachedObjectList-Pages".into()),
            ],
            body: None,
        }
    };
    let listed = transport
        .send(signed("/email/domain"))
        .await
        .expect("answer");
    assert_eq!(listed.status, 200);
    assert_eq!(listed.body, "[]");
    assert_eq!(listed.header("X-Pagination-Elements"), Some("0"));
    let unknown = transport
        .send(signed("/email/nowhere"))
        .await
        .expect("answer");
    assert_eq!(unknown.status, 404);
    assert!(unknown.header("X-Ovh-QueryID").is_some());
    sandbox.stop().await;
}

/// A body as written, whatever its shape: what a client with other types would send.
fn raw(text: &str) -> miniserde::json::Value {
    miniserde::json::from_str(text).expect("JSON")
}
