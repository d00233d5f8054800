//! A sandbox with the demo company and a client holding every email right, for the tests.
#![allow(dead_code)]

use std::sync::Arc;

use mailshift_ovh::models::auth::AccessRule;
use mailshift_ovh::rate_limit::RateLimiter;
use mailshift_ovh::transport::NativeTransport;
use mailshift_ovh::{ApiPath, Client, ClientConfig, Credentials, Endpoint, Method, SystemClock};
use mailshift_sandbox::schema::Api;
use mailshift_sandbox::validation::check_response;
use mailshift_sandbox::{Application, Config, Faults, Latency, RunningSandbox, Scenario, start};
pub use miniserde::json::Value as Raw;
use serde_json::Value;

const AK: &str = "fixtureAK";
const AS: &str = "fixtureAS";

/// The demo company's services.
pub const ORG: &str = "hosted-dc12345-1";
/// The Email Pro destination.
pub const PRO: &str = "emailpro-dc12345-1";
/// The MX Plan.
pub const MXP: &str = "mxplan-dc12345-1";

/// Starts the demo company with tasks scaled by `time_scale`.
pub async fn demo_at(time_scale: f64) -> Fixture {
    let sandbox = start(Config {
        listen: "127.0.0.1:0".parse().expect("address"),
        public_origin: None,
        applications: vec![Application {
            id: 1,
            key: AK.into(),
            secret: AS.into(),
            name: "Fixture".into(),
        }],
        accounts: Vec::new(),
        scenario: Scenario::demo(),
        latency: Latency::scaled(time_scale),
        faults: Faults::default(),
    })
    .await
    .expect("sandbox");
    let rules = [Method::Get, Method::Post, Method::Put, Method::Delete]
        .into_iter()
        .map(|method| AccessRule {
            method,
            path: "/email/*".into(),
        })
        .collect();
    let key = sandbox.validated_key(AK, rules, None).expect("key");
    let client = Client::new(
        ClientConfig::new(Endpoint::custom(&sandbox.base_url()).expect("url")),
        NativeTransport::new().expect("transport"),
        SystemClock,
    )
    .with_credentials(Credentials::new(AK, AS, &key))
    // These tests are about the sandbox; the client's pacing is tested in its own crate.
    .with_rate_limiter(Arc::new(RateLimiter::new(6_000, 100)));
    Fixture {
        sandbox,
        client,
        api: Api::load().expect("schemas"),
        key,
    }
}

/// The demo company with tasks that finish at once.
pub async fn demo() -> Fixture {
    demo_at(0.0).await
}

pub struct Fixture {
    pub sandbox: RunningSandbox,
    pub client: Client<NativeTransport, SystemClock>,
    pub api: Api,
    /// The consumer key the client signs with.
    pub key: String,
}

impl Fixture {
    /// Another client on the same key, configured by `adjust` (retries, timeout...).
    pub fn client_with(
        &self,
        adjust: impl FnOnce(ClientConfig) -> ClientConfig,
    ) -> Client<NativeTransport, SystemClock> {
        let config = adjust(ClientConfig::new(
            Endpoint::custom(&self.sandbox.base_url()).expect("url"),
        ));
        Client::new(
            config,
            NativeTransport::new().expect("transport"),
            SystemClock,
        )
        .with_credentials(Credentials::new(AK, AS, &self.key))
        .with_rate_limiter(Arc::new(RateLimiter::new(6_000, 100)))
    }

    /// Sets the sandbox's faults through its control endpoint.
    pub async fn set_faults(&self, faults: serde_json::Value) {
        use mailshift_ovh::{HttpRequest, Transport};
        let url = self.sandbox.base_url().replace("/1.0", "/sandbox/faults");
        let answer = NativeTransport::new()
            .expect("transport")
            .send(HttpRequest {
                method: Method::Put,
                url,
                headers: vec![("Content-Type".into(), "application/json".into())],
                body: Some(faults.to_string()),
            })
            .await
            .expect("control endpoint");
        assert_eq!(answer.status, 200, "{}", answer.body);
    }

    /// Sends a write, checks the raw answer against the schema's response type, decodes it.
    pub async fn write<B: miniserde::Serialize, T: miniserde::Deserialize>(
        &self,
        path: &ApiPath,
        body: &B,
    ) -> T {
        let raw: Raw = self.client.send(path, body).await.expect("accepted");
        let (text, raw) = both_forms(&raw);
        let template = path.operation().template;
        let route = self
            .api
            .routes()
            .iter()
            .find(|r| r.template == template && r.method == path.method())
            .expect("schema route");
        if route.response_type != "void" {
            check_response(&self.api, &route.response_type, &raw)
                .unwrap_or_else(|e| panic!("{template}: {e}"));
        }
        decode(&text, template)
    }

    /// Reads `path`, checks the raw answer against its schema type, then decodes it.
    pub async fn read<T: miniserde::Deserialize>(&self, path: &ApiPath) -> T {
        let raw: Raw = self.client.get(path).await.expect("answer");
        let (text, raw) = both_forms(&raw);
        let template = path.operation().template;
        let route = self
            .api
            .routes()
            .iter()
            .find(|r| r.template == template && r.method == Method::Get)
            .expect("schema route");
        check_response(&self.api, &route.response_type, &raw)
            .unwrap_or_else(|e| panic!("{template}: {e}"));
        decode(&text, template)
    }

    /// Bulk-lists `path` and checks each object against the item route's type.
    pub async fn bulk<T: miniserde::Deserialize>(
        &self,
        path: &ApiPath,
        item_template: &str,
    ) -> Vec<T> {
        let raw: Vec<Raw> = self.client.list_all(path).await.expect("pages");
        let route = self
            .api
            .routes()
            .iter()
            .find(|r| r.template == item_template && r.method == Method::Get)
            .expect("item route");
        raw.iter()
            .map(|object| {
                let (text, object) = both_forms(object);
                check_response(&self.api, &route.response_type, &object)
                    .unwrap_or_else(|e| panic!("{item_template}: {e}"));
                decode(&text, item_template)
            })
            .collect()
    }
}

/// An answer as its text and as a value the schema checks read.
fn both_forms(raw: &Raw) -> (String, Value) {
    (miniserde::json::to_string(raw), value_of(raw))
}

/// An answer as a value the schema checks read.
pub fn value_of(raw: &Raw) -> Value {
    serde_json::from_str(&miniserde::json::to_string(raw)).expect("JSON")
}

/// An answer read as the web app reads it.
fn decode<T: miniserde::Deserialize>(text: &str, template: &str) -> T {
    mailshift_ovh::json::from_str(text)
        .unwrap_or_else(|_| panic!("{template}: the app cannot read {text}"))
}
