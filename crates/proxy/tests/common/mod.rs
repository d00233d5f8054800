//! The real sandbox with the demo company and a key reading its email services, for the proxy's
//! tests.

use mailshift_ovh::Method;
use mailshift_ovh::models::auth::AccessRule;
use mailshift_sandbox::{Application, Faults, Latency, RunningSandbox, Scenario};

/// The application the tests sign with.
pub const AK: &str = "proxyTestAK";
/// Its secret.
pub const AS: &str = "proxyTestAS-secret";

/// Starts the sandbox and returns it with a validated consumer key for `GET /email/*`.
pub async fn sandbox() -> (RunningSandbox, String) {
    let sandbox = mailshift_sandbox::start(mailshift_sandbox::Config {
        listen: "127.0.0.1:0".parse().expect("address"),
        public_origin: None,
        applications: vec![Application {
            id: 1,
            key: AK.into(),
            secret: AS.into(),
            name: "Proxy test".into(),
        }],
        accounts: Vec::new(),
        scenario: Scenario::demo(),
        latency: Latency::scaled(0.0),
        faults: Faults::default(),
    })
    .await
    .expect("sandbox");
    let key = sandbox
        .validated_key(
            AK,
            vec![AccessRule {
                method: Method::Get,
                path: "/email/*".into(),
            }],
            None,
        )
        .expect("key");
    (sandbox, key)
}
