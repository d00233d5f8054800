//! The writes a migration makes, through the real client: checks as OVHcloud makes them, tasks
//! that take time, and effects that land when the task is done.

use std::time::Duration;

use mailshift_ovh::models::bodies::{
    AccountUpdate, FullAccessGrant, NewAlias, NewDisclaimer, NewDomain, NewExternalContact,
    NewMailingList, NewMember, NewPassword, SendGrant,
};
use mailshift_ovh::models::exchange::{DepartRestriction, Export, ExportUrl, JoinRestriction};
use mailshift_ovh::models::hosted::DomainType;
use mailshift_ovh::models::{
    Disclaimer, ExternalContact, HostedAccount, HostedDomain, Task, TaskStatus,
};
use mailshift_ovh::tasks::PollSchedule;
use mailshift_ovh::{CancelToken, ErrorKind, Secret, operations};

mod common;
use common::{Fixture, ORG, PRO, demo, demo_at};

const CLAIRE: &str = "claire.martin@demo-company.fr";
const NEW_EXCHANGE: &str = "hosted-dc12345-2";

/// Every account of an Exchange service whose organisation has its name, each checked against
/// the schema.
async fn exchange_accounts(f: &Fixture, service: &str) -> Vec<HostedAccount> {
    let path = operations::exchange::ACCOUNTS
        .path(&[service, service])
        .expect("p");
    f.bulk(&path, operations::exchange::ACCOUNT.template).await
}

fn fast() -> PollSchedule {
    PollSchedule {
        first: Duration::from_millis(20),
        factor: 1.5,
        longest: Duration::from_millis(200),
        deadline: Duration::from_secs(20),
    }
}

#[tokio::test]
async fn a_rename_takes_time_blocks_other_writes_and_then_moves_the_address() {
    let f = demo_at(0.02).await;
    let account = operations::exchange::UPDATE_ACCOUNT
        .path(&[ORG, ORG, CLAIRE])
        .expect("p");
    let rename = AccountUpdate {
        login: "claire.martin01".into(),
        domain: "demo-company.fr".into(),
        ..Default::default()
    };
    let () = f.client.send(&account, &rename).await.expect("accepted");

    let busy: HostedAccount = f
        .read(
            &operations::exchange::ACCOUNT
                .path(&[ORG, ORG, CLAIRE])
                .expect("p"),
        )
        .await;
    let task_id = busy.task_pending_id.expect("a pending task");
    assert_ne!(task_id, 0);
    let again = f
        .client
        .send::<()>(&account, &rename)
        .await
        .expect_err("busy");
    assert_eq!(again.kind, ErrorKind::Conflict);

    let task_path = operations::exchange::SERVICE_TASK
        .path(&[ORG, ORG, &task_id.to_string()])
        .expect("p");
    let task = f
        .client
        .wait_for_task(&task_path, &fast(), &CancelToken::new())
        .await
        .expect("done");
    assert_eq!(task.function, "setAccount");
    assert_eq!(task.status, TaskStatus::Done);

    let moved: HostedAccount = f
        .read(
            &operations::exchange::ACCOUNT
                .path(&[ORG, ORG, "claire.martin01@demo-company.fr"])
                .expect("p"),
        )
        .await;
    assert_eq!(moved.id, busy.id);
    let aliases: Vec<String> = f
        .read(
            &operations::exchange::ALIASES
                .path(&[ORG, ORG, "claire.martin01@demo-company.fr"])
                .expect("p"),
        )
        .await;
    assert_eq!(aliases.len(), 2, "aliases stay with the account");
    let gone = f
        .client
        .get::<mailshift_ovh::json::Ignored>(
            &operations::exchange::ACCOUNT
                .path(&[ORG, ORG, CLAIRE])
                .expect("p"),
        )
        .await;
    assert_eq!(gone.expect_err("old address").kind, ErrorKind::NotFound);
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_slot_is_configured_then_takes_a_password_that_fits_the_policy() {
    let f = demo().await;
    let slots = exchange_accounts(&f, NEW_EXCHANGE).await;
    let slot = &slots[0].primary_email_address;
    let configure = AccountUpdate {
        login: "claire.martin".into(),
        domain: "demo-company.com".into(),
        display_name: Some("Claire Martin".into()),
        ..Default::default()
    };
    let path = operations::exchange::UPDATE_ACCOUNT
        .path(&[NEW_EXCHANGE, NEW_EXCHANGE, slot])
        .expect("p");
    let () = f.client.send(&path, &configure).await.expect("configured");
    let created: HostedAccount = f
        .read(
            &operations::exchange::ACCOUNT
                .path(&[NEW_EXCHANGE, NEW_EXCHANGE, "claire.martin@demo-company.com"])
                .expect("p"),
        )
        .await;
    assert!(created.configured);
    assert_eq!(created.display_name.as_deref(), Some("Claire Martin"));

    let change = operations::exchange::CHANGE_PASSWORD
        .path(&[NEW_EXCHANGE, NEW_EXCHANGE, "claire.martin@demo-company.com"])
        .expect("p");
    let weak = f
        .client
        .send::<Task>(
            &change,
            &NewPassword {
                password: Secret::new("Martin2026!"),
            },
        )
        .await
        .expect_err("contains the name");
    assert_eq!(weak.kind, ErrorKind::BadInput);
    assert!(weak.message.contains("display name"), "{}", weak.message);
    let task: Task = f
        .client
        .send(
            &change,
            &NewPassword {
                password: Secret::new("Blue-Kettle-42"),
            },
        )
        .await
        .expect("strong enough");
    assert_eq!(task.function, "changePassword");

    let elsewhere = AccountUpdate {
        login: "x".into(),
        domain: "not-mine.fr".into(),
        ..Default::default()
    };
    let slot2 = &slots[1].primary_email_address;
    let refused = f
        .client
        .send::<()>(
            &operations::exchange::UPDATE_ACCOUNT
                .path(&[NEW_EXCHANGE, NEW_EXCHANGE, slot2])
                .expect("p"),
            &elsewhere,
        )
        .await
        .expect_err("domain not attached");
    assert_eq!(refused.kind, ErrorKind::BadInput);
    f.sandbox.stop().await;
}

#[tokio::test]
async fn names_already_taken_and_unknown_delegates_are_refused() {
    let f = demo().await;
    let alias = operations::exchange::CREATE_ALIAS
        .path(&[ORG, ORG, CLAIRE])
        .expect("p");
    let clash = f
        .client
        .send::<Task>(
            &alias,
            &NewAlias {
                alias: "julien.bernard@demo-company.fr".into(),
            },
        )
        .await
        .expect_err("an account has it");
    assert_eq!(clash.kind, ErrorKind::Conflict);
    let _: Task = f
        .client
        .send(
            &alias,
            &NewAlias {
                alias: "claire@demo-company.fr".into(),
            },
        )
        .await
        .expect("free");
    let aliases: Vec<String> = f
        .read(
            &operations::exchange::ALIASES
                .path(&[ORG, ORG, CLAIRE])
                .expect("p"),
        )
        .await;
    assert!(aliases.contains(&"claire@demo-company.fr".to_owned()));

    let grant = operations::exchange::GRANT_FULL_ACCESS
        .path(&[ORG, ORG, CLAIRE])
        .expect("p");
    let unknown = f
        .client
        .send::<Task>(
            &grant,
            &FullAccessGrant {
                allowed_account_id: 999_999,
            },
        )
        .await;
    assert_eq!(unknown.expect_err("no such id").kind, ErrorKind::NotFound);

    let emma: HostedAccount = f
        .read(
            &operations::exchange::ACCOUNT
                .path(&[ORG, ORG, "emma.robert@demo-company.fr"])
                .expect("p"),
        )
        .await;
    let task: Task = f
        .write(
            &grant,
            &FullAccessGrant {
                allowed_account_id: emma.id,
            },
        )
        .await;
    assert_eq!(task.function, "addFullAccess");
    let send_as = operations::exchange::GRANT_SEND_AS
        .path(&[ORG, ORG, CLAIRE])
        .expect("p");
    let task: Task = f
        .write(
            &send_as,
            &SendGrant {
                allow_account_id: emma.id,
            },
        )
        .await;
    assert_eq!(task.function, "addSendAs");
    let full: Vec<i64> = f
        .read(
            &operations::exchange::FULL_ACCESS
                .path(&[ORG, ORG, CLAIRE])
                .expect("p"),
        )
        .await;
    assert!(full.contains(&emma.id));
    let senders: Vec<i64> = f
        .read(
            &operations::exchange::SEND_AS
                .path(&[ORG, ORG, CLAIRE])
                .expect("p"),
        )
        .await;
    assert_eq!(senders, [emma.id]);
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_reset_returns_the_account_to_a_free_slot() {
    let f = demo().await;
    let before = exchange_accounts(&f, ORG).await;
    let _: Task = f
        .client
        .call(
            &operations::exchange::RESET_ACCOUNT
                .path(&[ORG, ORG, "hugo.leroy@demo-company.fr"])
                .expect("p"),
        )
        .await
        .expect("reset");
    let after = exchange_accounts(&f, ORG).await;
    assert_eq!(after.len(), before.len());
    assert_eq!(after.iter().filter(|a| !a.configured).count(), 2);
    assert!(after.iter().all(|a| a.login != "hugo.leroy"));
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_non_authoritative_domain_is_creating_then_ready() {
    let f = demo_at(0.02).await;
    let add = NewDomain {
        name: "demo-company.fr".into(),
        kind: DomainType::NonAuthoritative,
        mx_relay: Some("mx1.mail.ovh.net".into()),
        configure_mx: false,
        configure_autodiscover: false,
    };
    let task: Task = f
        .client
        .send(
            &operations::pro::CREATE_DOMAIN.path(&[PRO]).expect("p"),
            &add,
        )
        .await
        .expect("added");
    assert_eq!(task.function, "addDomain");
    let path = operations::pro::DOMAIN
        .path(&[PRO, "demo-company.fr"])
        .expect("p");
    let early: HostedDomain = f.read(&path).await;
    assert_eq!(early.kind, DomainType::NonAuthoritative);
    f.client
        .wait_until_ready(&path, &fast(), &CancelToken::new())
        .await
        .expect("ready");
    let ready: HostedDomain = f.read(&path).await;
    assert!(ready.domain_validated, "its zone is at OVHcloud");
    let twice = f
        .client
        .send::<Task>(
            &operations::pro::CREATE_DOMAIN.path(&[PRO]).expect("p"),
            &add,
        )
        .await;
    assert_eq!(twice.expect_err("already there").kind, ErrorKind::Conflict);
    f.sandbox.stop().await;
}

#[tokio::test]
async fn groups_contacts_and_footers_are_recreated_on_the_destination() {
    let f = demo().await;
    let accounts = exchange_accounts(&f, NEW_EXCHANGE).await;
    let slot = &accounts[0];
    let configure = AccountUpdate {
        login: "lucas.richard".into(),
        domain: "demo-company.com".into(),
        ..Default::default()
    };
    let () = f
        .client
        .send(
            &operations::exchange::UPDATE_ACCOUNT
                .path(&[NEW_EXCHANGE, NEW_EXCHANGE, &slot.primary_email_address])
                .expect("p"),
            &configure,
        )
        .await
        .expect("configured");

    let group = NewMailingList {
        mailing_list_address: "commercial@demo-company.com".into(),
        join_restriction: JoinRestriction::Open,
        depart_restriction: DepartRestriction::Open,
        display_name: Some("Service commercial".into()),
        hidden_from_gal: false,
        sender_authentification: false,
    };
    let lists = operations::exchange::CREATE_MAILING_LIST
        .path(&[NEW_EXCHANGE, NEW_EXCHANGE])
        .expect("p");
    let task: Task = f.write(&lists, &group).await;
    assert_eq!(task.function, "addDistributionGroup");
    let twice = f.client.send::<Task>(&lists, &group).await;
    assert_eq!(twice.expect_err("exists").kind, ErrorKind::Conflict);
    let members = operations::exchange::ADD_MAILING_LIST_MEMBER
        .path(&[NEW_EXCHANGE, NEW_EXCHANGE, "commercial@demo-company.com"])
        .expect("p");
    let _: Task = f
        .write(
            &members,
            &NewMember {
                member_account_id: slot.id,
            },
        )
        .await;
    let listed: Vec<i64> = f
        .read(
            &operations::exchange::MAILING_LIST_MEMBERS
                .path(&[NEW_EXCHANGE, NEW_EXCHANGE, "commercial@demo-company.com"])
                .expect("p"),
        )
        .await;
    assert_eq!(listed, [slot.id]);
    let stranger = f
        .client
        .send::<Task>(
            &members,
            &NewMember {
                member_account_id: 42,
            },
        )
        .await;
    assert_eq!(
        stranger.expect_err("no such account").kind,
        ErrorKind::NotFound
    );

    let contact = NewExternalContact {
        external_email_address: "expert@cabinet-comptable.fr".into(),
        display_name: Some("Cabinet comptable".into()),
        first_name: None,
        last_name: None,
        initials: None,
        hidden_from_gal: false,
    };
    let _: Task = f
        .write(
            &operations::exchange::CREATE_EXTERNAL_CONTACT
                .path(&[NEW_EXCHANGE, NEW_EXCHANGE])
                .expect("p"),
            &contact,
        )
        .await;
    let contacts: Vec<ExternalContact> = f
        .bulk(
            &operations::exchange::EXTERNAL_CONTACTS.path(&[NEW_EXCHANGE, NEW_EXCHANGE]).expect("p"),
            "/email/exchange/{organizationName}/service/{exchangeService}/externalContact/{externalEmailAddress}",
        )
        .await;
    assert_eq!(contacts[0].display_name, "Cabinet comptable");

    let footer = NewDisclaimer {
        content: "<p>Demo Company</p>".into(),
        outside_only: true,
    };
    let disclaimer = operations::exchange::CREATE_DISCLAIMER
        .path(&[NEW_EXCHANGE, NEW_EXCHANGE, "demo-company.com"])
        .expect("p");
    let _: Task = f.write(&disclaimer, &footer).await;
    let stored: Disclaimer = f
        .read(
            &operations::exchange::DISCLAIMER
                .path(&[NEW_EXCHANGE, NEW_EXCHANGE, "demo-company.com"])
                .expect("p"),
        )
        .await;
    assert!(stored.outside_only);
    let again = f.client.send::<Task>(&disclaimer, &footer).await;
    assert_eq!(
        again.expect_err("one footer per domain").kind,
        ErrorKind::Conflict
    );

    let on_pro = f
        .client
        .send::<Task>(
            &operations::pro::CREATE_EXTERNAL_CONTACT
                .path(&[PRO])
                .expect("p"),
            &contact,
        )
        .await;
    assert!(on_pro.is_ok(), "Email Pro has external contacts too");
    f.sandbox.stop().await;
}

#[tokio::test]
async fn a_pst_export_progresses_then_gives_a_download_url() {
    let f = demo_at(0.01).await;
    let sophie = "sophie.dubois@demo-company.fr";
    let export = operations::exchange::EXPORT
        .path(&[ORG, ORG, sophie])
        .expect("p");
    let missing = f
        .client
        .get::<mailshift_ovh::json::Ignored>(&export)
        .await
        .expect_err("none yet");
    assert_eq!(missing.kind, ErrorKind::NotFound);

    let start = operations::exchange::START_EXPORT
        .path(&[ORG, ORG, sophie])
        .expect("p");
    let task: Task = f.client.call(&start).await.expect("started");
    assert_eq!(task.function, "addExportPstRequest");
    let again = f
        .client
        .call::<Task>(&start)
        .await
        .expect_err("one at a time");
    assert_eq!(again.kind, ErrorKind::Conflict);
    let url = operations::exchange::CREATE_EXPORT_URL
        .path(&[ORG, ORG, sophie])
        .expect("p");
    let early = f.client.call::<Task>(&url).await.expect_err("not finished");
    assert_eq!(early.kind, ErrorKind::BadInput);

    let mut percent = 0;
    for _ in 0..100 {
        let progress: Export = f.read(&export).await;
        assert!(progress.percent_complete >= percent, "never goes back");
        percent = progress.percent_complete;
        if percent == 100 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(percent, 100);

    let _: Task = f.client.call(&url).await.expect("asked for the URL");
    let read_url = operations::exchange::EXPORT_URL
        .path(&[ORG, ORG, sophie])
        .expect("p");
    let mut download = None;
    for _ in 0..100 {
        match f.client.get::<ExportUrl>(&read_url).await {
            Ok(found) => {
                download = Some(found);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
    let download = download.expect("the URL appears");
    assert!(download.url.ends_with("sophie.dubois.pst"));
    let _: ExportUrl = f.read(&read_url).await;

    let _: Task = f
        .client
        .call(
            &operations::exchange::DELETE_EXPORT
                .path(&[ORG, ORG, sophie])
                .expect("p"),
        )
        .await
        .expect("cleaned");
    f.sandbox.stop().await;
}
