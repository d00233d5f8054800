//! Every `GET` of the schemas, called on the demo company: each one the sandbox answers with
//! success must match its schema response type exactly, and those it does not model must
//! answer 404, never an invented success.

use std::collections::BTreeMap;

use mailshift_ovh::models::HostedAccount;
use mailshift_ovh::models::Task;
use mailshift_ovh::models::bodies::{NewAlias, NewLegacyAccount};
use mailshift_ovh::models::domain::LegacyTask;
use mailshift_ovh::{ErrorKind, Method, Operation, Secret, operations};
use mailshift_sandbox::validation::check_response;

mod common;
use common::{MXP, ORG, PRO, Raw, demo_at};

#[tokio::test]
async fn every_read_answers_its_schema_type_or_not_found() {
    // Slow tasks, so the ones started below are still there to read.
    let f = demo_at(50.0).await;
    let accounts: Vec<HostedAccount> = f
        .bulk(
            &operations::exchange::ACCOUNTS.path(&[ORG, ORG]).expect("p"),
            operations::exchange::ACCOUNT.template,
        )
        .await;
    let id_of = |login: &str| {
        accounts
            .iter()
            .find(|a| a.login == login)
            .map(|a| a.id.to_string())
            .unwrap_or_default()
    };
    let task: Task = f
        .client
        .send(
            &operations::exchange::CREATE_ALIAS
                .path(&[ORG, ORG, "claire.martin@demo-company.fr"])
                .expect("p"),
            &NewAlias {
                alias: "claire@demo-company.fr".into(),
            },
        )
        .await
        .expect("a task to read");
    let legacy_task: LegacyTask = f
        .client
        .send(
            &operations::domain::CREATE_ACCOUNT
                .path(&["demo-company.org"])
                .expect("p"),
            &NewLegacyAccount {
                account_name: "bob".into(),
                password: Secret::new("Kettle12345"),
                size: None,
                description: None,
            },
        )
        .await
        .expect("a legacy task to read");

    let values: BTreeMap<&str, String> = BTreeMap::from([
        ("organizationName", ORG.to_owned()),
        ("exchangeService", ORG.to_owned()),
        (
            "primaryEmailAddress",
            "claire.martin@demo-company.fr".to_owned(),
        ),
        ("domainName", "demo-company.fr".to_owned()),
        ("alias", "direction@demo-company.fr".to_owned()),
        ("allowedAccountId", id_of("julien.bernard")),
        ("mailingListAddress", "equipe@demo-company.fr".to_owned()),
        ("memberAccountId", id_of("claire.martin")),
        ("managerAccountId", id_of("claire.martin")),
        (
            "externalEmailAddress",
            "expert@cabinet-comptable.fr".to_owned(),
        ),
        ("domain", "demo-company.org".to_owned()),
        ("accountName", "info".to_owned()),
        ("destinationServiceName", PRO.to_owned()),
    ]);
    let mut validated = Vec::new();
    let mut not_found = 0;
    let routes: Vec<_> = f
        .api
        .routes()
        .iter()
        .filter(|r| r.method == Method::Get && r.template.starts_with("/email/"))
        .cloned()
        .collect();
    for route in &routes {
        let service = if route.template.starts_with("/email/pro/") {
            PRO
        } else {
            MXP
        };
        let task_id = if route.template.starts_with("/email/domain/") {
            legacy_task.id
        } else {
            task.id
        };
        let template: &'static str = Box::leak(route.template.clone().into_boxed_str());
        let operation = Operation::new(Method::Get, template);
        let params: Vec<String> = operation
            .parameters()
            .map(|name| match name {
                "service" => service.to_owned(),
                "email" => "placeholder".to_owned(),
                "id" => task_id.to_string(),
                other => values
                    .get(other)
                    .cloned()
                    .unwrap_or_else(|| "unknown".to_owned()),
            })
            .collect();
        let refs: Vec<&str> = params.iter().map(String::as_str).collect();
        let Ok(path) = operation.path(&refs) else {
            continue;
        };
        match f.client.get::<Raw>(&path).await {
            Ok(answer) => {
                check_response(&f.api, &route.response_type, &common::value_of(&answer))
                    .unwrap_or_else(|e| panic!("GET {template}: {e}"));
                validated.push(template);
            }
            Err(error) if error.kind == ErrorKind::NotFound => not_found += 1,
            Err(error) => panic!("GET {template}: {error}"),
        }
    }
    assert!(
        validated.len() >= 40,
        "only {} reads validated: {validated:#?}",
        validated.len()
    );
    assert!(not_found > 0, "reads the sandbox does not model answer 404");
    for expected in [
        operations::exchange::ACCOUNT_TASK.template,
        operations::exchange::SERVICE_TASK.template,
        operations::exchange::MAILING_LIST_MANAGERS.template,
        operations::domain::ACCOUNT_TASK.template,
        operations::domain::SUMMARY.template,
        operations::domain::CHECK_MIGRATE.template,
    ] {
        assert!(
            validated.contains(&expected),
            "{expected} was not validated"
        );
    }
    f.sandbox.stop().await;
}
