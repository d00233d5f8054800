//! A run under OVHcloud's bad days (server errors, bursts of 429, tasks ending in error,
//! answers lost): every account ends moved or stopped in a named state with a report entry,
//! none is left renamed with nowhere to go unsaid, and each stopped one can be retried.
#![cfg(not(target_arch = "wasm32"))]

use mailshift_migrate::engine::{Control, Migration};
use mailshift_migrate::passwords::Passwords;
use mailshift_migrate::report;
use mailshift_migrate::{AccountStatus, MemoryJournal, Options};
use mailshift_ovh::CallLog;
use mailshift_ovh::models::HostedAccount;
use mailshift_ovh::service::ServiceId;
use mailshift_ovh::{Client, ErrorKind, SystemClock, Transport};
use mailshift_sandbox::{Faults, Scenario};

mod common;
use common::{demo_exchange, demo_pro, fast, plan_all, sandbox};

async fn exists<T: Transport>(
    client: &Client<T, SystemClock>,
    id: &ServiceId,
    address: &str,
) -> bool {
    let calls = id.hosted_calls().expect("hosted");
    match client
        .get::<HostedAccount>(&id.path(calls.account, &[address]).expect("path"))
        .await
    {
        Ok(_) => true,
        Err(e) if e.kind == ErrorKind::NotFound => false,
        Err(e) => panic!("{e:?}"),
    }
}

#[tokio::test(flavor = "current_thread")]
async fn under_faults_every_account_ends_in_a_named_state_and_none_is_stranded_unsaid() {
    // The mix of faults on three seeds, then a day bad enough that steps fail for good.
    let usual = |seed| Faults {
        seed,
        server_error_rate: 0.05,
        rate_limit_every: 37,
        rate_limit_burst: 3,
        drop_rate: 0.02,
        task_error_rate: 0.02,
        ..Faults::default()
    };
    let harsh = Faults {
        task_error_rate: 0.45,
        ..usual(7)
    };
    for faults in [usual(3), usual(11), usual(42), harsh] {
        let seed = faults.seed;
        let expect_stops = faults.task_error_rate > 0.1;
        let fixture = sandbox(Scenario::demo(), 0.0, Faults::default()).await;
        let log = CallLog::new();
        let client = fixture.client(&log);
        let plan = plan_all(&client, &demo_exchange(), &demo_pro(), &Options::default()).await;
        let journal = MemoryJournal::new();
        let control = Control::new();
        let migration =
            Migration::start(&client, &journal, &control, plan.clone(), Passwords::new())
                .await
                .expect("started")
                .with_timing(fast());
        set_faults(&fixture, &faults).await;
        migration.run().await.expect("the run itself goes through");
        set_faults(&fixture, &Faults::default()).await;

        let mut stopped = Vec::new();
        for account in plan.moving() {
            let status = migration.status(&account.address).expect("a status");
            let renamed = !exists(&client, &plan.source, &account.address).await;
            let live = exists(&client, &plan.destination, &account.address).await;
            match &status {
                AccountStatus::AwaitingCopy => assert!(renamed && live, "{}", account.address),
                AccountStatus::Stopped {
                    stranded, problem, ..
                } => {
                    // An address that exists nowhere is always said so (the converse may be
                    // a false alarm while a rename was still under way when the step failed).
                    assert!(
                        *stranded || !renamed || live,
                        "{} exists nowhere, unsaid: {problem:?}",
                        account.address
                    );
                    assert!(!problem.message.is_empty() && !problem.advice.is_empty());
                    stopped.push(account.address.clone());
                }
                other => panic!("{}: {other:?} (seed {seed})", account.address),
            }
        }
        let built = report::build(
            &plan,
            &journal.entries(),
            &migration.statuses(),
            log.records(),
            Vec::new(),
        );
        let csv = built.accounts_csv();
        for account in &plan.accounts {
            assert!(
                csv.contains(&account.address),
                "{} missing from the report",
                account.address
            );
        }
        assert!(
            log.records()
                .iter()
                .any(|c| c.status == Some(429) || c.status.is_some_and(|s| s >= 500))
        );

        // Stops are allowed on a usual day (rarely seen); a harsh one must show some.
        assert!(!expect_stops || !stopped.is_empty(), "seed {seed}: no stop");
        // A reload finds each stopped account stopped again, the address's state read afresh.
        let reloaded = Migration::resume(&client, &journal, &control, migration.passwords())
            .await
            .expect("resumed");
        for address in &stopped {
            assert_eq!(
                reloaded.status(address),
                migration.status(address),
                "{address}"
            );
        }
        // Once OVHcloud is well again, every stopped account goes through.
        for address in &stopped {
            migration.retry(address).await.expect("retried");
            assert_eq!(
                migration.status(address),
                Some(AccountStatus::AwaitingCopy),
                "{address}"
            );
        }
    }
}

async fn set_faults(fixture: &common::Fixture, faults: &Faults) {
    use mailshift_ovh::transport::NativeTransport;
    use mailshift_ovh::{HttpRequest, Method};
    let url = fixture
        .sandbox
        .base_url()
        .replace("/1.0", "/sandbox/faults");
    let answer = NativeTransport::new()
        .expect("transport")
        .send(HttpRequest {
            method: Method::Put,
            url,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: Some(serde_json::to_string(faults).expect("json")),
        })
        .await
        .expect("control endpoint");
    assert_eq!(answer.status, 200, "{}", answer.body);
}
