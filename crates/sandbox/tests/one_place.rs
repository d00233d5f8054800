//! What a migration leans on: an address lives in one place across the customer's platforms,
//! the deletes a rollback makes, and a write whose answer is lost still being carried out.

use mailshift_ovh::models::bodies::{AccountUpdate, FullAccessGrant, NewAlias};
use mailshift_ovh::models::{HostedAccount, Task};
use mailshift_ovh::{ErrorKind, operations};
use serde_json::json;

mod common;
use common::{MXP, ORG, demo};

const CLAIRE: &str = "claire.martin@demo-company.fr";
const JULIEN: &str = "julien.bernard@demo-company.fr";

async fn free_slot(f: &common::Fixture) -> String {
    let path = operations::mxplan::ACCOUNTS.path(&[MXP]).expect("p");
    let accounts: Vec<HostedAccount> = f.bulk(&path, operations::mxplan::ACCOUNT.template).await;
    accounts
        .into_iter()
        .find(|a| !a.configured)
        .map(|a| a.primary_email_address)
        .expect("a free slot")
}

fn claire_update() -> AccountUpdate {
    AccountUpdate {
        login: "claire.martin".into(),
        domain: "demo-company.fr".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn an_address_live_on_one_platform_cannot_be_configured_on_another_until_renamed() {
    let f = demo().await;
    let slot = free_slot(&f).await;
    let configure = operations::mxplan::UPDATE_ACCOUNT
        .path(&[MXP, &slot])
        .expect("p");
    let refused = f
        .client
        .send::<()>(&configure, &claire_update())
        .await
        .expect_err("still on Exchange");
    assert_eq!(refused.kind, ErrorKind::Conflict);
    assert!(refused.message.contains(CLAIRE), "{}", refused.message);

    let rename = operations::exchange::UPDATE_ACCOUNT
        .path(&[ORG, ORG, CLAIRE])
        .expect("p");
    let provisional = AccountUpdate {
        login: "claire.martin01".into(),
        domain: "demo-company.fr".into(),
        ..Default::default()
    };
    let () = f.client.send(&rename, &provisional).await.expect("renamed");
    let () = f
        .client
        .send(&configure, &claire_update())
        .await
        .expect("free now");
    let on_mxplan: HostedAccount = f
        .read(&operations::mxplan::ACCOUNT.path(&[MXP, CLAIRE]).expect("p"))
        .await;
    assert!(on_mxplan.configured);

    // Claire's aliases stayed with the renamed account, so they are still taken.
    let alias = operations::mxplan::CREATE_ALIAS
        .path(&[MXP, CLAIRE])
        .expect("p");
    let taken = f
        .client
        .send::<Task>(
            &alias,
            &NewAlias {
                alias: "direction@demo-company.fr".into(),
            },
        )
        .await
        .expect_err("alias on Exchange");
    assert_eq!(taken.kind, ErrorKind::Conflict);
}

#[tokio::test]
async fn aliases_and_delegations_can_be_removed() {
    let f = demo().await;
    let remove = operations::exchange::DELETE_ALIAS
        .path(&[ORG, ORG, CLAIRE, "direction@demo-company.fr"])
        .expect("p");
    let task: Task = f.client.call(&remove).await.expect("removed");
    assert_eq!(task.function, "deleteAlias");
    let aliases: Vec<String> = f
        .read(
            &operations::exchange::ALIASES
                .path(&[ORG, ORG, CLAIRE])
                .expect("p"),
        )
        .await;
    assert_eq!(aliases, ["c.martin@demo-company.fr"]);
    let again = f
        .client
        .call::<Task>(&remove)
        .await
        .expect_err("already gone");
    assert_eq!(again.kind, ErrorKind::NotFound);

    let julien: HostedAccount = f
        .read(
            &operations::exchange::ACCOUNT
                .path(&[ORG, ORG, JULIEN])
                .expect("p"),
        )
        .await;
    let revoke = operations::exchange::REVOKE_FULL_ACCESS
        .path(&[ORG, ORG, CLAIRE, &julien.id.to_string()])
        .expect("p");
    let task: Task = f.client.call(&revoke).await.expect("revoked");
    assert_eq!(task.function, "delFullAccess");
    let holders: Vec<i64> = f
        .read(
            &operations::exchange::FULL_ACCESS
                .path(&[ORG, ORG, CLAIRE])
                .expect("p"),
        )
        .await;
    assert!(holders.is_empty());
    let grant = operations::exchange::GRANT_FULL_ACCESS
        .path(&[ORG, ORG, CLAIRE])
        .expect("p");
    let _: Task = f
        .write(
            &grant,
            &FullAccessGrant {
                allowed_account_id: julien.id,
            },
        )
        .await;
}

#[tokio::test]
async fn a_dropped_answer_still_carries_the_write_out_and_is_recorded() {
    let f = demo().await;
    f.client
        .server_time()
        .await
        .expect("clock read before the faults");
    f.set_faults(json!({"dropRate": 1.0})).await;
    let rename = operations::exchange::UPDATE_ACCOUNT
        .path(&[ORG, ORG, CLAIRE])
        .expect("p");
    let provisional = AccountUpdate {
        login: "claire.martin01".into(),
        domain: "demo-company.fr".into(),
        ..Default::default()
    };
    let lost = f
        .client
        .send::<()>(&rename, &provisional)
        .await
        .expect_err("answer lost");
    assert_eq!(lost.kind, ErrorKind::NetworkFault);
    f.set_faults(json!({})).await;
    let renamed: HostedAccount = f
        .read(
            &operations::exchange::ACCOUNT
                .path(&[ORG, ORG, "claire.martin01@demo-company.fr"])
                .expect("p"),
        )
        .await;
    assert_eq!(renamed.login, "claire.martin01");

    let calls = f.sandbox.calls();
    let put = calls
        .iter()
        .find(|c| c.method == "PUT")
        .expect("the PUT is recorded");
    assert!(put.dropped);
    assert_eq!(put.status, 200);
    assert!(put.path.ends_with("/account/claire.martin@demo-company.fr"));
    assert!(put.body_sha1.as_ref().is_some_and(|h| h.len() == 40));
}

#[tokio::test]
async fn a_legacy_mailbox_tells_what_it_holds() {
    use mailshift_ovh::models::domain::LegacyUsage;
    let f = demo().await;
    let usage: LegacyUsage = f
        .read(
            &operations::domain::ACCOUNT_USAGE
                .path(&["demo-company.org", "info"])
                .expect("p"),
        )
        .await;
    assert_eq!(usage.quota, Some(120 * 1024 * 1024));
    let missing = f
        .client
        .get::<LegacyUsage>(
            &operations::domain::ACCOUNT_USAGE
                .path(&["demo-company.org", "nobody"])
                .expect("p"),
        )
        .await
        .expect_err("no such mailbox");
    assert_eq!(missing.kind, ErrorKind::NotFound);
}

/// What these tests read of a mail server.
#[derive(miniserde::Deserialize)]
struct Server {
    state: String,
    #[serde(rename = "isAValid")]
    is_a_valid: bool,
}

#[tokio::test]
async fn each_platform_shows_its_server_as_its_schema_says() {
    let f = demo().await;
    for (template, params) in [
        (
            "/email/exchange/{organizationName}/service/{exchangeService}/server",
            vec![ORG, ORG],
        ),
        ("/email/pro/{service}/server", vec!["emailpro-dc12345-1"]),
        ("/email/mxplan/{service}/server", vec![MXP]),
    ] {
        let operation = mailshift_ovh::Operation::new(mailshift_ovh::Method::Get, template);
        let server: Server = f.read(&operation.path(&params).expect("p")).await;
        assert_eq!(server.state, "ok", "{template}");
        assert!(server.is_a_valid, "{template}");
    }
}
