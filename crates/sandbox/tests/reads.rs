//! The demo company read through the real OVH client, into its typed models, with every answer
//! checked against the response type the schema gives for its route.

use mailshift_ovh::models::domain::{LegacyAccount, LegacyQuota};
use mailshift_ovh::models::exchange::MailingList;
use mailshift_ovh::models::{
    Disclaimer, DnsExpectations, ExternalContact, HostedAccount, HostedDomain, HostedService,
    MxPlanService,
};
use mailshift_ovh::operations;

mod common;
use common::{MXP, ORG, PRO, demo};

#[tokio::test]
async fn lists_every_service_of_the_demo_company() {
    let f = demo().await;
    let organizations: Vec<String> = f
        .read(&operations::exchange::ORGANIZATIONS.path(&[]).expect("p"))
        .await;
    assert_eq!(organizations, ["hosted-dc12345-1", "hosted-dc12345-2"]);
    let services: Vec<String> = f
        .read(&operations::exchange::SERVICES.path(&[ORG]).expect("p"))
        .await;
    assert_eq!(services, [ORG]);
    let pro: Vec<String> = f
        .read(&operations::pro::SERVICES.path(&[]).expect("p"))
        .await;
    assert_eq!(pro, [PRO]);
    let mxplan: Vec<String> = f
        .read(&operations::mxplan::SERVICES.path(&[]).expect("p"))
        .await;
    assert_eq!(mxplan, [MXP]);
    let legacy: Vec<String> = f
        .read(&operations::domain::SERVICES.path(&[]).expect("p"))
        .await;
    assert_eq!(legacy, ["demo-company.org"]);

    let exchange: HostedService = f
        .read(&operations::exchange::SERVICE.path(&[ORG, ORG]).expect("p"))
        .await;
    assert!(exchange.complexity_enabled);
    assert_eq!(exchange.min_password_length, Some(8));
    let pro_service: HostedService = f
        .read(&operations::pro::SERVICE.path(&[PRO]).expect("p"))
        .await;
    assert_eq!(pro_service.domain, "demo-company.net");
    let mxp: MxPlanService = f
        .read(&operations::mxplan::SERVICE.path(&[MXP]).expect("p"))
        .await;
    assert!(!mxp.is_zimbra);
    f.sandbox.stop().await;
}

#[tokio::test]
async fn reads_the_source_inventory() {
    let f = demo().await;
    let accounts: Vec<HostedAccount> = f
        .bulk(
            &operations::exchange::ACCOUNTS.path(&[ORG, ORG]).expect("p"),
            operations::exchange::ACCOUNT.template,
        )
        .await;
    assert_eq!(accounts.len(), 13, "12 people and 1 free slot");
    let big = accounts
        .iter()
        .filter(|a| a.current_usage.unwrap_or(0) > 5 * 1024 * 1024)
        .count();
    assert_eq!(big, 4, "four mailboxes over 5 GB");
    assert_eq!(accounts.iter().filter(|a| !a.configured).count(), 1);

    let claire = "claire.martin@demo-company.fr";
    let aliases: Vec<String> = f
        .read(
            &operations::exchange::ALIASES
                .path(&[ORG, ORG, claire])
                .expect("p"),
        )
        .await;
    assert_eq!(
        aliases,
        ["c.martin@demo-company.fr", "direction@demo-company.fr"]
    );
    let full: Vec<i64> = f
        .read(
            &operations::exchange::FULL_ACCESS
                .path(&[ORG, ORG, claire])
                .expect("p"),
        )
        .await;
    let julien = accounts
        .iter()
        .find(|a| a.login == "julien.bernard")
        .map(|a| a.id);
    assert_eq!(full.first().copied(), julien);

    let lists: Vec<MailingList> = f
        .bulk(
            &operations::exchange::MAILING_LISTS
                .path(&[ORG, ORG])
                .expect("p"),
            operations::exchange::MAILING_LIST.template,
        )
        .await;
    assert_eq!(lists.len(), 2);
    let members: Vec<i64> = f
        .read(
            &operations::exchange::MAILING_LIST_MEMBERS
                .path(&[ORG, ORG, "equipe@demo-company.fr"])
                .expect("p"),
        )
        .await;
    assert_eq!(members.len(), 5);
    let contacts: Vec<ExternalContact> = f
        .bulk(
            &operations::exchange::EXTERNAL_CONTACTS.path(&[ORG, ORG]).expect("p"),
            "/email/exchange/{organizationName}/service/{exchangeService}/externalContact/{externalEmailAddress}",
        )
        .await;
    assert_eq!(contacts.len(), 2);
    let footer: Disclaimer = f
        .read(
            &operations::exchange::DISCLAIMER
                .path(&[ORG, ORG, "demo-company.fr"])
                .expect("p"),
        )
        .await;
    assert!(footer.outside_only && footer.content.contains("Demo Company"));
    f.sandbox.stop().await;
}

#[tokio::test]
async fn reads_destinations_domains_and_legacy_mx_plan() {
    let f = demo().await;
    let slots: Vec<HostedAccount> = f
        .bulk(
            &operations::pro::ACCOUNTS.path(&[PRO]).expect("p"),
            operations::pro::ACCOUNT.template,
        )
        .await;
    assert_eq!(slots.len(), 15);
    assert!(
        slots
            .iter()
            .all(|s| s.domain == "configureme.me" && !s.configured)
    );
    let one: HostedAccount = f
        .read(
            &operations::pro::ACCOUNT
                .path(&[PRO, &slots[0].primary_email_address])
                .expect("p"),
        )
        .await;
    assert_eq!(one.id, slots[0].id);

    let domain = operations::exchange::DOMAIN
        .path(&[ORG, ORG, "demo-company.fr"])
        .expect("p");
    let on_source: HostedDomain = f.read(&domain).await;
    assert!(on_source.mx_is_valid && on_source.srv_is_valid);
    let expected: DnsExpectations = f.read(&domain).await;
    assert_eq!(expected.expected_mx.len(), 3);
    let relayed: HostedDomain = f
        .read(
            &operations::mxplan::DOMAIN
                .path(&[MXP, "demo-company.fr"])
                .expect("p"),
        )
        .await;
    assert!(!relayed.srv_is_valid, "the zone still points at Exchange");

    let legacy: Vec<LegacyAccount> = f
        .bulk(
            &operations::domain::ACCOUNTS
                .path(&["demo-company.org"])
                .expect("p"),
            operations::domain::ACCOUNT.template,
        )
        .await;
    assert_eq!(legacy[0].email, "info@demo-company.org");
    let quota: LegacyQuota = f
        .read(
            &operations::domain::QUOTA
                .path(&["demo-company.org"])
                .expect("p"),
        )
        .await;
    assert_eq!(quota.account, 5);
    f.sandbox.stop().await;
}

#[tokio::test]
async fn unknown_objects_answer_not_found() {
    let f = demo().await;
    let missing = f
        .client
        .get::<mailshift_ovh::json::Ignored>(
            &operations::exchange::ACCOUNT
                .path(&[ORG, ORG, "nobody@demo-company.fr"])
                .expect("p"),
        )
        .await
        .expect_err("no such account");
    assert_eq!(missing.kind, mailshift_ovh::ErrorKind::NotFound);
    assert!(missing.message.contains("nobody@demo-company.fr"));
    let other_org = f
        .client
        .get::<mailshift_ovh::json::Ignored>(
            &operations::exchange::SERVICE
                .path(&["someone-else", ORG])
                .expect("p"),
        )
        .await
        .expect_err("wrong organization");
    assert_eq!(other_org.kind, mailshift_ovh::ErrorKind::NotFound);
    f.sandbox.stop().await;
}
