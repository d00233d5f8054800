//! A run stopped after each of its writes in turn: resumed from its journal it sends no write
//! twice and ends as an uninterrupted run does; rolled back it leaves the source as it was.
#![cfg(not(target_arch = "wasm32"))]

use std::pin::pin;

use futures_util::future::{Either, select};
use mailshift_migrate::engine::{Control, Migration};
use mailshift_migrate::passwords::Passwords;
use mailshift_migrate::{AccountStatus, MemoryJournal, Options, Plan};
use mailshift_ovh::CallLog;
use mailshift_ovh::service::ServiceId;
use mailshift_sandbox::Faults;

mod common;
use common::{
    Crashing, Fixture, Held, assert_each_write_once, exchange, fast, held, pairs, plan_all,
    sandbox, until,
};

fn source() -> ServiceId {
    exchange("ex-src")
}

fn destination() -> ServiceId {
    ServiceId::EmailPro {
        service: "pro-dst".into(),
    }
}

/// One account at a time, so that "after the `k`th write" names one moment.
fn one_at_a_time() -> Options {
    Options {
        at_once: 1,
        ..Options::default()
    }
}

/// Runs the plan until the `k`th write, then drops everything but the journal and the
/// passwords, as a closed tab whose keys were remembered would.
async fn crash_after(
    fixture: &Fixture,
    plan: &Plan,
    journal: &MemoryJournal,
    k: usize,
) -> Passwords {
    let (transport, stuck) = Crashing::after(k);
    let log = CallLog::new();
    let client = fixture.client_over(transport, &log);
    let control = Control::new();
    let migration = Migration::start(&client, journal, &control, plan.clone(), Passwords::new())
        .await
        .expect("started")
        .with_timing(fast());
    let run = pin!(migration.run());
    let crash = pin!(until(stuck));
    if let Either::Left((finished, _)) = select(run, crash).await {
        finished.expect("a run that ends before its crash ends well");
    }
    migration.passwords()
}

async fn reference() -> (Plan, Vec<Held>, Vec<Held>, usize) {
    let fixture = sandbox(pairs(), 0.0, Faults::default()).await;
    let log = CallLog::new();
    let client = fixture.client(&log);
    let plan = plan_all(&client, &source(), &destination(), &one_at_a_time()).await;
    let journal = MemoryJournal::new();
    let control = Control::new();
    let migration = Migration::start(&client, &journal, &control, plan.clone(), Passwords::new())
        .await
        .expect("started")
        .with_timing(fast());
    migration.run().await.expect("ran");
    let source_end = held(&client, &source()).await;
    let destination_end = held(&client, &destination()).await;
    (plan, source_end, destination_end, fixture.writes().len())
}

#[tokio::test(flavor = "current_thread")]
async fn a_run_stopped_after_any_write_resumes_without_sending_a_write_twice() {
    let (_, source_end, destination_end, total) = reference().await;
    assert!(total >= 20, "{total} writes");
    for k in 1..=total {
        let fixture = sandbox(pairs(), 0.0, Faults::default()).await;
        let log = CallLog::new();
        let client = fixture.client(&log);
        let plan = plan_all(&client, &source(), &destination(), &one_at_a_time()).await;
        let journal = MemoryJournal::new();
        let passwords = crash_after(&fixture, &plan, &journal, k).await;
        assert_eq!(fixture.writes().len(), k, "stopped right after write {k}");

        let control = Control::new();
        let resumed = Migration::resume(&client, &journal, &control, passwords)
            .await
            .expect("resumed")
            .with_timing(fast());
        resumed.run().await.expect("finished");
        assert_each_write_once(&fixture, &format!("after a stop at {k}"));
        assert_eq!(fixture.writes().len(), total, "stop at {k}");
        assert_eq!(held(&client, &source()).await, source_end, "stop at {k}");
        assert_eq!(
            held(&client, &destination()).await,
            destination_end,
            "stop at {k}"
        );
        assert!(
            resumed
                .statuses()
                .iter()
                .all(|(_, s)| *s == AccountStatus::AwaitingCopy)
        );
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_rollback_after_any_write_restores_the_source_exactly() {
    let (_, _, _, total) = reference().await;
    for k in 1..=total {
        let fixture = sandbox(pairs(), 0.0, Faults::default()).await;
        let log = CallLog::new();
        let client = fixture.client(&log);
        let source_before = held(&client, &source()).await;
        let destination_before = held(&client, &destination()).await;
        let plan = plan_all(&client, &source(), &destination(), &one_at_a_time()).await;
        let journal = MemoryJournal::new();
        let passwords = crash_after(&fixture, &plan, &journal, k).await;

        let control = Control::new();
        let resumed = Migration::resume(&client, &journal, &control, passwords)
            .await
            .expect("resumed")
            .with_timing(fast());
        resumed.rollback_all().await.expect("rolled back");
        assert_eq!(
            held(&client, &source()).await,
            source_before,
            "rollback after {k}"
        );
        assert_eq!(
            held(&client, &destination()).await,
            destination_before,
            "rollback after {k}"
        );
        for (address, status) in resumed.statuses() {
            let touched = status == AccountStatus::RolledBack;
            let untouched = status == AccountStatus::Waiting;
            assert!(touched || untouched, "{address}: {status:?} after {k}");
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn passwords_lost_with_the_tab_are_set_anew_before_the_copy_and_reported() {
    let fixture = sandbox(pairs(), 0.0, Faults::default()).await;
    let log = CallLog::new();
    let client = fixture.client(&log);
    let plan = plan_all(&client, &source(), &destination(), &one_at_a_time()).await;
    let journal = MemoryJournal::new();
    // Stop after the first account's two passwords (domain, rename, configure, 2 passwords).
    let _lost = crash_after(&fixture, &plan, &journal, 5).await;
    let control = Control::new();
    let resumed = Migration::resume(&client, &journal, &control, Passwords::new())
        .await
        .expect("resumed")
        .with_timing(fast());
    resumed.run().await.expect("finished");
    let first = &plan.moving().next().expect("an account").address;
    let password_writes = fixture
        .writes()
        .iter()
        .filter(|c| c.path.ends_with(&format!("{first}/changePassword")))
        .count();
    assert_eq!(password_writes, 2, "set, lost with the tab, set anew");
    let report = mailshift_migrate::report::build(
        resumed.plan(),
        &journal.entries(),
        &resumed.statuses(),
        log.records(),
        Vec::new(),
    );
    let account = report
        .accounts
        .iter()
        .find(|a| a.address == *first)
        .expect("in the report");
    assert!(account.password_renewed);
    assert!(
        resumed.password(first).is_some(),
        "the new one is in memory"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn pause_holds_the_run_between_steps_and_cancel_stops_it_until_resumed() {
    use mailshift_migrate::Event;
    use mailshift_migrate::engine::RunError;
    use std::cell::Cell;
    use std::time::Duration;

    let fixture = sandbox(pairs(), 0.0, Faults::default()).await;
    let log = CallLog::new();
    let client = fixture.client(&log);
    let plan = plan_all(&client, &source(), &destination(), &one_at_a_time()).await;
    let journal = MemoryJournal::new();
    let control = Control::new();
    let steps = Cell::new(0);
    let migration = Migration::start(&client, &journal, &control, plan, Passwords::new())
        .await
        .expect("started")
        .with_timing(fast())
        .on_event(|event| {
            if let Event::StepDone { .. } = event {
                steps.set(steps.get() + 1);
                match steps.get() {
                    3 => control.pause(),
                    8 => control.cancel(),
                    _ => {}
                }
            }
        });
    let supervise = async {
        while !control.is_paused() {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let held = fixture.writes().len();
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(
            fixture.writes().len(),
            held,
            "nothing is written while paused"
        );
        control.resume();
    };
    let (ran, ()) = futures_util::future::join(migration.run(), supervise).await;
    assert_eq!(ran, Err(RunError::Cancelled));
    // Step 8 is Bruno's rename: the cancel waits for his configuration, so that his address
    // is not left nowhere, and takes effect at the boundary after it.
    assert_eq!(
        steps.get(),
        9,
        "cancelled at the next step boundary out of the window"
    );
    assert!(
        migration
            .statuses()
            .iter()
            .any(|(_, s)| *s == AccountStatus::Paused)
    );

    let again = Control::new();
    let resumed = Migration::resume(&client, &journal, &again, migration.passwords())
        .await
        .expect("resumed")
        .with_timing(fast());
    resumed.run().await.expect("finished");
    assert!(
        resumed
            .statuses()
            .iter()
            .all(|(_, s)| *s == AccountStatus::AwaitingCopy)
    );
    assert_each_write_once(&fixture, "after a cancel and a resume");
}
