//! After the run: the content copy hand-off, the reset that is refused while the destination
//! holds clearly less, the report with no secret in it, and the DNS diagnostics.
#![cfg(not(target_arch = "wasm32"))]

use mailshift_migrate::engine::{Control, Migration};
use mailshift_migrate::handoff::{CSV_HEADER, handoffs, omm_csv};
use mailshift_migrate::passwords::Passwords;
use mailshift_migrate::report::{self, diagnose};
use mailshift_migrate::{AccountStatus, MemoryJournal, Options};
use mailshift_ovh::models::HostedAccount;
use mailshift_ovh::{CallLog, ErrorKind};
use mailshift_sandbox::{Faults, Scenario};

mod common;
use common::{demo_exchange, demo_pro, fast, plan_all, sandbox};

const CLAIRE: &str = "claire.martin@demo-company.fr";

#[tokio::test(flavor = "current_thread")]
async fn the_copy_tool_gets_every_value_and_a_reset_waits_for_the_mail() {
    let fixture = sandbox(Scenario::demo(), 0.0, Faults::default()).await;
    let log = CallLog::new();
    let client = fixture.client(&log);
    let options = Options {
        reset_after_copy: true,
        ..Options::default()
    };
    let plan = plan_all(&client, &demo_exchange(), &demo_pro(), &options).await;
    let journal = MemoryJournal::new();
    let control = Control::new();
    let migration = Migration::start(&client, &journal, &control, plan.clone(), Passwords::new())
        .await
        .expect("started")
        .with_timing(fast());
    migration.run().await.expect("ran");

    // What OVHcloud Mail Migrator asks for, with both passwords from memory.
    let passwords = migration.passwords();
    let all = handoffs(&plan, &passwords);
    let claire = all.iter().find(|h| h.address == CLAIRE).expect("claire");
    assert_eq!(claire.source.login, "claire.martin01@demo-company.fr");
    assert_eq!(
        claire.source.server,
        "https://ex5.mail.ovh.net/ews/exchange.asmx"
    );
    assert_eq!(claire.destination.login, CLAIRE);
    assert_eq!(claire.destination.form_type, "Email Pro");
    let destination_password = claire.destination.password.clone().expect("known");
    let csv = omm_csv(&all);
    assert!(csv.starts_with(CSV_HEADER));
    assert!(csv.contains(destination_password.expose()));
    assert_eq!(csv.lines().count(), 1 + plan.moving().count());

    // A reset before the copy is confirmed, or while the destination is empty, is refused.
    let early = migration.reset(CLAIRE).await.expect_err("not confirmed");
    assert!(
        early.to_string().contains("confirm its content copy"),
        "{early}"
    );
    migration.confirm_copy(CLAIRE).await.expect("confirmed");
    let refused = migration
        .reset(CLAIRE)
        .await
        .expect_err("destination empty");
    let message = refused.to_string();
    assert!(
        message.contains("0 MB") && message.contains("7420 MB"),
        "{message}"
    );
    let calls = demo_exchange().hosted_calls().expect("hosted");
    let provisional = "claire.martin01@demo-company.fr";
    let path = demo_exchange()
        .path(calls.account, &[provisional])
        .expect("path");
    let _still: HostedAccount = client.get(&path).await.expect("not reset");

    // Overridden by name, it goes through, and the report says so.
    migration.override_reset(CLAIRE).await.expect("override");
    let (source, destination) = migration.reset(CLAIRE).await.expect("reset");
    assert_eq!((source / (1024 * 1024), destination), (7_420, 0));
    let gone = client
        .get::<HostedAccount>(&path)
        .await
        .expect_err("back to a free slot");
    assert_eq!(gone.kind, ErrorKind::NotFound);
    assert_eq!(migration.status(CLAIRE), Some(AccountStatus::Done));
    let rollback = migration.rollback(CLAIRE).await.expect_err("mailbox gone");
    assert!(
        rollback.to_string().contains("cannot be rolled back"),
        "{rollback}"
    );

    let diagnostics = diagnose(&client, &plan).await.expect("diagnostics");
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].domain, "demo-company.fr");
    assert!(
        diagnostics[0].needs_work(),
        "the zone still points at Exchange, so Email Pro's checks fail"
    );
    let built = report::build(
        &plan,
        &journal.entries(),
        &migration.statuses(),
        log.records(),
        diagnostics,
    );
    let claire_report = built
        .accounts
        .iter()
        .find(|a| a.address == CLAIRE)
        .expect("in the report");
    assert!(claire_report.reset_override);
    assert!(claire_report.window_ms.is_some_and(|w| w >= 0));
    assert!(built.calls.len() == log.len() && !built.calls.is_empty());
    let json = built.to_json();
    let csv = built.accounts_csv() + &built.calls_csv();
    let journal_text = mailshift_ovh::json::to_string(&journal.entries());
    for (address, _) in migration.statuses() {
        for secret in [
            passwords.get(&address),
            passwords.get(&address.replace('@', "01@")),
        ]
        .into_iter()
        .flatten()
        {
            assert!(!json.contains(secret.expose()), "a password in the report");
            assert!(
                !csv.contains(secret.expose()),
                "a password in the CSV report"
            );
            assert!(
                !journal_text.contains(secret.expose()),
                "a password in the journal"
            );
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn exchange_sources_get_a_pst_backup_with_its_download_address_then_cleaned_up() {
    use mailshift_migrate::Event;
    use std::cell::RefCell;

    let fixture = sandbox(Scenario::demo(), 0.0, Faults::default()).await;
    let log = CallLog::new();
    let client = fixture.client(&log);
    let options = Options {
        pst_backup: true,
        ..Options::default()
    };
    let plan = plan_all(&client, &demo_exchange(), &demo_pro(), &options).await;
    let claire = plan.account(CLAIRE).expect("claire");
    let names: Vec<&str> = claire.steps.iter().map(|s| s.name()).collect();
    assert!(names.ends_with(&[
        "export the mailbox as PST",
        "ask for the PST's download address"
    ]));
    let journal = MemoryJournal::new();
    let control = Control::new();
    let progress = RefCell::new(Vec::new());
    let migration = Migration::start(&client, &journal, &control, plan, Passwords::new())
        .await
        .expect("started")
        .with_timing(fast())
        .on_event(|event| {
            if let Event::Export { account, percent } = event
                && account == CLAIRE
            {
                progress.borrow_mut().push(*percent);
            }
        });
    migration.run().await.expect("ran");
    assert_eq!(progress.borrow().last(), Some(&100));
    let download = migration.pst(CLAIRE).await.expect("a download address");
    assert!(download.url.ends_with(".pst"), "{}", download.url);
    assert!(!download.expiration.is_empty());

    migration.drop_pst(CLAIRE).await.expect("cleaned up");
    let export = mailshift_ovh::operations::exchange::EXPORT
        .path(&[
            "hosted-dc12345-1",
            "hosted-dc12345-1",
            "claire.martin01@demo-company.fr",
        ])
        .expect("path");
    let gone = client
        .get::<mailshift_ovh::json::Ignored>(&export)
        .await
        .expect_err("no export any more");
    assert_eq!(gone.kind, ErrorKind::NotFound);
}

#[tokio::test(flavor = "current_thread")]
async fn a_reset_towards_legacy_mx_plan_compares_what_the_new_mailbox_holds() {
    let fixture = sandbox(common::pairs(), 0.0, Faults::default()).await;
    let log = CallLog::new();
    let client = fixture.client(&log);
    let destination = mailshift_ovh::service::ServiceId::LegacyMxPlan {
        domain: "acme.fr".into(),
    };
    let plan = plan_all(
        &client,
        &common::exchange("ex-src"),
        &destination,
        &Options::default(),
    )
    .await;
    let journal = MemoryJournal::new();
    let control = Control::new();
    let migration = Migration::start(&client, &journal, &control, plan, Passwords::new())
        .await
        .expect("started")
        .with_timing(fast());
    migration.run().await.expect("ran");
    migration
        .confirm_copy("anna@acme.fr")
        .await
        .expect("confirmed");
    let refused = migration
        .reset("anna@acme.fr")
        .await
        .expect_err("nothing copied");
    let message = refused.to_string();
    assert!(
        message.contains("holds 0 MB and the source 300 MB"),
        "{message}"
    );
}
