//! Legacy MX Plan through the real client: creating mailboxes under the platform's rules, and
//! OVHcloud's own migration of a mailbox to an Email Pro free slot.

use std::time::Duration;

use mailshift_ovh::models::bodies::{NewLegacyAccount, NewPassword};
use mailshift_ovh::models::domain::{
    LegacyAccount, LegacyTask, MigrationAccount, MigrationCheck, MigrationService,
};
use mailshift_ovh::models::{HostedAccount, HostedDomain};
use mailshift_ovh::tasks::PollSchedule;
use mailshift_ovh::{CancelToken, ErrorKind, Secret, operations};

mod common;
use common::{PRO, demo, demo_at};

const LEGACY: &str = "demo-company.org";

fn account(name: &str, password: &str) -> NewLegacyAccount {
    NewLegacyAccount {
        account_name: name.into(),
        password: Secret::new(password),
        size: None,
        description: None,
    }
}

#[tokio::test]
async fn mailboxes_are_created_under_the_legacy_rules_and_the_quota() {
    let f = demo().await;
    let create = operations::domain::CREATE_ACCOUNT
        .path(&[LEGACY])
        .expect("p");
    let accented = f
        .client
        .send::<LegacyTask>(&create, &account("bob", "Élégant1234"))
        .await;
    assert_eq!(accented.expect_err("accents").kind, ErrorKind::BadInput);
    let task: LegacyTask = f.write(&create, &account("bob", "Kettle12345")).await;
    assert_eq!(task.action, "addAccount");
    let bob: LegacyAccount = f
        .read(
            &operations::domain::ACCOUNT
                .path(&[LEGACY, "bob"])
                .expect("p"),
        )
        .await;
    assert_eq!(bob.email, "bob@demo-company.org");
    assert_eq!(
        bob.size, 262_144_000,
        "the smallest allowed size by default"
    );

    let twice = f
        .client
        .send::<LegacyTask>(&create, &account("bob", "Kettle12345"))
        .await;
    assert_eq!(twice.expect_err("exists").kind, ErrorKind::Conflict);
    for name in ["c1", "c2", "c3"] {
        let _: LegacyTask = f.write(&create, &account(name, "Kettle12345")).await;
    }
    let full = f
        .client
        .send::<LegacyTask>(&create, &account("c4", "Kettle12345"))
        .await;
    assert_eq!(
        full.expect_err("five accounts at most").kind,
        ErrorKind::MissingRights
    );
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_mailbox_migrates_to_an_email_pro_slot() {
    let f = demo_at(0.005).await;
    let targets: Vec<String> = f
        .read(
            &operations::domain::MIGRATION_SERVICES
                .path(&[LEGACY, "info"])
                .expect("p")
                .query("type", "EMAIL PRO")
                .expect("q"),
        )
        .await;
    assert_eq!(targets, [PRO]);
    let described: MigrationService = f
        .read(
            &mailshift_ovh::Operation::new(
                mailshift_ovh::Method::Get,
                "/email/domain/{domain}/account/{accountName}/migrate/{destinationServiceName}",
            )
            .path(&[LEGACY, "info", PRO])
            .expect("p"),
        )
        .await;
    assert_eq!(described.kind, "EMAIL PRO");
    let slots: Vec<String> = f
        .read(
            &operations::domain::MIGRATION_ADDRESSES
                .path(&[LEGACY, "info", PRO])
                .expect("p"),
        )
        .await;
    assert_eq!(slots.len(), 15);
    let slot = &slots[0];
    let details: MigrationAccount = f
        .read(&mailshift_ovh::Operation::new(mailshift_ovh::Method::Get, "/email/domain/{domain}/account/{accountName}/migrate/{destinationServiceName}/destinationEmailAddress/{destinationEmailAddress}").path(&[LEGACY, "info", PRO, slot]).expect("p"))
        .await;
    assert_eq!(&details.destination_email_address, slot);

    let check: MigrationCheck = f
        .read(
            &operations::domain::CHECK_MIGRATE
                .path(&[LEGACY, "info", PRO, slot])
                .expect("p"),
        )
        .await;
    assert!(check.can_migrate(), "{check:?}");
    let wrong: MigrationCheck = f
        .read(
            &operations::domain::CHECK_MIGRATE
                .path(&[LEGACY, "info", PRO, "nobody@configureme.me"])
                .expect("p"),
        )
        .await;
    assert!(!wrong.can_migrate());

    let migrate = operations::domain::MIGRATE
        .path(&[LEGACY, "info", PRO, slot])
        .expect("p");
    let weak = f
        .client
        .send::<LegacyTask>(
            &migrate,
            &NewPassword {
                password: Secret::new("short"),
            },
        )
        .await;
    assert_eq!(weak.expect_err("weak").kind, ErrorKind::BadInput);
    let task: LegacyTask = f
        .write(
            &migrate,
            &NewPassword {
                password: Secret::new("Blue-Kettle-42"),
            },
        )
        .await;
    assert_eq!(task.action, "migration");
    let busy: MigrationCheck = f
        .read(
            &operations::domain::CHECK_MIGRATE
                .path(&[LEGACY, "info", PRO, &slots[1]])
                .expect("p"),
        )
        .await;
    assert!(!busy.can_migrate(), "already in progress");

    let schedule = PollSchedule {
        first: Duration::from_millis(20),
        factor: 1.5,
        longest: Duration::from_millis(100),
        deadline: Duration::from_secs(10),
    };
    let task_path = operations::domain::ACCOUNT_TASK
        .path(&[LEGACY, &task.id.to_string()])
        .expect("p");
    f.client
        .wait_for_legacy_task(&task_path, &schedule, &CancelToken::new())
        .await
        .expect("gone means done");

    let moved: HostedAccount = f
        .read(
            &operations::pro::ACCOUNT
                .path(&[PRO, "info@demo-company.org"])
                .expect("p"),
        )
        .await;
    assert!(moved.configured);
    let domain: HostedDomain = f
        .read(&operations::pro::DOMAIN.path(&[PRO, LEGACY]).expect("p"))
        .await;
    assert_eq!(domain.name, LEGACY);
    let left = f
        .client
        .get::<LegacyAccount>(
            &operations::domain::ACCOUNT
                .path(&[LEGACY, "info"])
                .expect("p"),
        )
        .await;
    assert_eq!(left.expect_err("moved away").kind, ErrorKind::NotFound);
    f.sandbox.stop().await;
}
