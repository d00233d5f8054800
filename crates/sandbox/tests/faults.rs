//! Faults on demand, seen through the real client: each one gets the answer OVHcloud would give
//! and the client's matching behaviour.

use std::time::Duration;

use mailshift_ovh::models::bodies::AccountUpdate;
use mailshift_ovh::models::{HostedAccount, HostedDomain};
use mailshift_ovh::retry::RetryPolicy;
use mailshift_ovh::tasks::PollSchedule;
use mailshift_ovh::{CancelToken, ClientConfig, ErrorKind, operations};
use serde_json::json;

mod common;
use common::{ORG, demo, demo_at};

fn impatient(config: ClientConfig) -> ClientConfig {
    ClientConfig {
        retry: RetryPolicy {
            max_attempts: 2,
            base: Duration::from_millis(5),
            cap: Duration::from_millis(10),
        },
        timeout: Duration::from_millis(400),
        ..config
    }
}

fn service() -> mailshift_ovh::ApiPath {
    operations::exchange::SERVICE.path(&[ORG, ORG]).expect("p")
}

#[tokio::test]
async fn server_errors_rate_limits_and_dropped_connections() {
    let f = demo().await;
    let client = f.client_with(impatient);

    f.set_faults(json!({"serverErrorRate": 1.0})).await;
    let error = client
        .get::<mailshift_ovh::json::Ignored>(&service())
        .await
        .expect_err("5xx");
    assert_eq!(error.kind, ErrorKind::ServerFault);
    assert!(error.query_id.is_some());

    f.set_faults(json!({"rateLimitEvery": 1, "rateLimitBurst": 1}))
        .await;
    assert_eq!(
        client
            .get::<mailshift_ovh::json::Ignored>(&service())
            .await
            .expect_err("429")
            .kind,
        ErrorKind::RateLimited
    );

    f.set_faults(json!({"dropRate": 1.0})).await;
    assert_eq!(
        client
            .get::<mailshift_ovh::json::Ignored>(&service())
            .await
            .expect_err("dropped")
            .kind,
        ErrorKind::NetworkFault
    );

    f.set_faults(json!({})).await;
    assert!(
        client
            .get::<mailshift_ovh::json::Ignored>(&service())
            .await
            .is_ok(),
        "faults cleared"
    );
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_read_survives_occasional_faults_thanks_to_retries() {
    let f = demo().await;
    // Every third call gets a 429: a read retried by the client still gets through.
    f.set_faults(json!({"rateLimitEvery": 3, "rateLimitBurst": 1}))
        .await;
    let patient = f.client_with(|config| ClientConfig {
        retry: RetryPolicy {
            max_attempts: 3,
            base: Duration::from_millis(5),
            cap: Duration::from_millis(10),
        },
        ..config
    });
    for _ in 0..6 {
        patient
            .get::<mailshift_ovh::json::Ignored>(&service())
            .await
            .expect("retried past the 429");
    }
    f.sandbox.stop().await;
}

#[tokio::test]
async fn slow_answers_meet_the_client_timeout() {
    let f = demo().await;
    f.set_faults(json!({"slowRate": 1.0, "slowMs": 1500})).await;
    let error = f
        .client_with(impatient)
        .get::<mailshift_ovh::json::Ignored>(&service())
        .await
        .expect_err("too slow");
    assert_eq!(error.kind, ErrorKind::NetworkFault);
    assert!(
        error.message.contains("no answer within"),
        "{}",
        error.message
    );
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_task_in_error_leaves_the_account_as_it_was() {
    let f = demo_at(0.05).await;
    f.set_faults(json!({"taskErrorRate": 1.0})).await;
    let claire = "claire.martin@demo-company.fr";
    let rename = AccountUpdate {
        login: "claire.martin01".into(),
        domain: "demo-company.fr".into(),
        ..Default::default()
    };
    let () = f
        .client
        .send(
            &operations::exchange::UPDATE_ACCOUNT
                .path(&[ORG, ORG, claire])
                .expect("p"),
            &rename,
        )
        .await
        .expect("accepted");
    let busy: HostedAccount = f
        .read(
            &operations::exchange::ACCOUNT
                .path(&[ORG, ORG, claire])
                .expect("p"),
        )
        .await;
    let task = operations::exchange::SERVICE_TASK
        .path(&[
            ORG,
            ORG,
            &busy.task_pending_id.unwrap_or_default().to_string(),
        ])
        .expect("p");
    let schedule = PollSchedule {
        first: Duration::from_millis(10),
        factor: 1.0,
        longest: Duration::from_millis(10),
        deadline: Duration::from_secs(5),
    };
    let failed = f
        .client
        .wait_for_task(&task, &schedule, &CancelToken::new())
        .await
        .expect_err("error");
    assert_eq!(failed.kind, ErrorKind::TaskFailed);
    let after: HostedAccount = f
        .read(
            &operations::exchange::ACCOUNT
                .path(&[ORG, ORG, claire])
                .expect("p"),
        )
        .await;
    assert_eq!(after.primary_email_address, claire, "not renamed");
    assert_eq!(after.task_pending_id, Some(0), "no longer busy");
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_skewed_sandbox_clock_is_absorbed_by_one_resynchronisation() {
    let f = demo().await;
    let client = f.client_with(impatient);
    client
        .get::<mailshift_ovh::json::Ignored>(&service())
        .await
        .expect("in sync");
    f.set_faults(json!({"clockSkewS": -3600})).await;
    client
        .get::<mailshift_ovh::json::Ignored>(&service())
        .await
        .expect("re-synchronised once, then accepted");
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_cname_published_in_the_simulated_dns_validates_a_domain() {
    use mailshift_ovh::models::bodies::NewDomain;
    use mailshift_ovh::models::hosted::DomainType;
    use mailshift_ovh::{HttpRequest, Method, Transport};
    let f = demo().await;
    let add = NewDomain {
        name: "elsewhere.example".into(),
        kind: DomainType::NonAuthoritative,
        mx_relay: Some("mx.elsewhere.example".into()),
        configure_mx: false,
        configure_autodiscover: false,
    };
    let pro = common::PRO;
    let _: mailshift_ovh::models::Task = f
        .write(
            &operations::pro::CREATE_DOMAIN.path(&[pro]).expect("p"),
            &add,
        )
        .await;
    let path = operations::pro::DOMAIN
        .path(&[pro, "elsewhere.example"])
        .expect("p");
    let before: HostedDomain = f.read(&path).await;
    assert!(!before.domain_validated);
    let cname = before.cname_to_check.clone().expect("a CNAME to publish");

    let url = f
        .sandbox
        .base_url()
        .replace("/1.0", "/sandbox/dns/elsewhere.example");
    let published = mailshift_ovh::transport::NativeTransport::new()
        .expect("transport")
        .send(HttpRequest {
            method: Method::Put,
            url,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: Some(json!({"cname": [cname]}).to_string()),
        })
        .await
        .expect("dns");
    assert_eq!(published.status, 200);
    let after: HostedDomain = f.read(&path).await;
    assert!(after.domain_validated);
    f.sandbox.stop().await;
}
