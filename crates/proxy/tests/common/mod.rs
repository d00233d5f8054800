//! The real sandbox with the demo company and a key reading its email services, for the proxy's
//! tests.

use mailshift_ovh::Method;
use mailshift_ovh::models::auth::AccessRule;
use mailshift_sandbox::{Faults, Latency, RunningSandbox, Scenario, start_with_key};

/// The application the tests sign with.
pub const AK: &str = "proxyTestAK";
/// Its secret.
pub const AS: &str = "proxyTestAS-secret";

/// Starts the sandbox and returns it with a validated consumer key for `GET /email/*`.
pub async fn sandbox() -> (RunningSandbox, String) {
    let read = vec![AccessRule {
        method: Method::Get,
        path: "/email/*".into(),
    }];
    start_with_key(
        (AK, AS),
        Scenario::demo(),
        Latency::scaled(0.0),
        Faults::default(),
        read,
    )
    .await
    .expect("sandbox")
}
