//! Whole runs against the real sandbox: every source and destination pair, then a second run
//! that must write nothing.
#![cfg(not(target_arch = "wasm32"))]

use mailshift_migrate::engine::{Control, Migration, prepare};
use mailshift_migrate::passwords::Passwords;
use mailshift_migrate::plan::Leftover;
use mailshift_migrate::{AccountStatus, MemoryJournal, Options, Plan, Right, Step};
use mailshift_ovh::models::{Disclaimer, ExternalContact, HostedAccount};
use mailshift_ovh::operations::exchange;
use mailshift_ovh::service::{Platform, ServiceId};
use mailshift_ovh::{CallLog, Client, SystemClock, Transport};
use mailshift_sandbox::{Faults, Scenario};

mod common;
use common::{
    Held, demo_exchange, demo_mxplan, demo_pro, exchange, fast, held, pairs, plan_all, sandbox,
};

/// A group as read back: its address, member and manager addresses.
type GroupHeld = (String, Vec<String>, Vec<String>);

/// Every group of an Exchange service.
async fn groups<T: Transport>(client: &Client<T, SystemClock>, id: &ServiceId) -> Vec<GroupHeld> {
    let calls = id.hosted_calls().expect("hosted");
    let accounts: Vec<HostedAccount> = client
        .list_all(&id.path(calls.accounts, &[]).expect("path"))
        .await
        .expect("accounts");
    let name = |wanted: &i64| {
        accounts
            .iter()
            .find(|a| a.id == *wanted)
            .map(|a| a.primary_email_address.clone())
            .unwrap_or_default()
    };
    let lists: Vec<String> = client
        .get(&id.path(exchange::MAILING_LISTS, &[]).expect("path"))
        .await
        .expect("groups");
    let mut out = Vec::new();
    for list in lists {
        let read = |operation| {
            let path = id.path(operation, &[&list]).expect("path");
            async move { client.get::<Vec<i64>>(&path).await.expect("ids") }
        };
        let mut members: Vec<String> = read(exchange::MAILING_LIST_MEMBERS)
            .await
            .iter()
            .map(name)
            .collect();
        let mut managers: Vec<String> = read(exchange::MAILING_LIST_MANAGERS)
            .await
            .iter()
            .map(name)
            .collect();
        members.sort();
        managers.sort();
        out.push((list, members, managers));
    }
    out.sort();
    out
}

/// Both sides, for comparing end states.
async fn both<T: Transport>(
    client: &Client<T, SystemClock>,
    plan: &Plan,
) -> (Vec<Held>, Vec<Held>) {
    (
        held(client, &plan.source).await,
        held(client, &plan.destination).await,
    )
}

/// Checks that the destination holds what the plan said and the source what it left.
async fn check_end_state<T: Transport>(client: &Client<T, SystemClock>, plan: &Plan) {
    let (source, destination) = both(client, plan).await;
    let legacy = plan.destination.platform() == Platform::LegacyMxPlan;
    for account in plan.moving() {
        let there = destination
            .iter()
            .find(|(a, _, _)| *a == account.address)
            .unwrap_or_else(|| panic!("{} is not on the destination", account.address));
        let mut aliases: Vec<String> = account
            .steps
            .iter()
            .filter_map(|s| match s {
                Step::AddAlias { alias, .. } => Some(alias.clone()),
                _ => None,
            })
            .collect();
        aliases.sort();
        assert_eq!(there.1, aliases, "aliases of {}", account.address);
        let mut rights: Vec<(Right, String)> = account
            .delegations
            .iter()
            .filter_map(|s| match s {
                Step::Delegate {
                    right, delegate, ..
                } => Some((*right, delegate.clone())),
                _ => None,
            })
            .collect();
        rights.sort();
        assert_eq!(there.2, rights, "delegations of {}", account.address);
        let left = source
            .iter()
            .find(|(a, _, _)| *a == account.provisional)
            .unwrap_or_else(|| panic!("{} is not on the source", account.provisional));
        if !legacy {
            assert!(
                left.1.is_empty(),
                "{} kept its aliases: {:?}",
                left.0,
                left.1
            );
        }
        assert!(!source.iter().any(|(a, _, _)| *a == account.address));
    }
    for blocked in plan.accounts.iter().filter(|a| a.blocked) {
        assert!(
            source.iter().any(|(a, _, _)| *a == blocked.address),
            "{} moved",
            blocked.address
        );
    }
    let Some(calls) = plan.destination.hosted_calls() else {
        return;
    };
    for step in &plan.service {
        match step {
            Step::CreateContact { address, .. } => {
                let path = plan
                    .destination
                    .path(calls.external_contact, &[address])
                    .expect("path");
                let _: ExternalContact = client.get(&path).await.expect("contact recreated");
            }
            Step::CreateGroup {
                group,
                on_source: false,
            } => {
                let there = groups(client, &plan.destination).await;
                let held = there
                    .iter()
                    .find(|(a, _, _)| *a == group.address)
                    .unwrap_or_else(|| panic!("{} is not on the destination", group.address));
                let mut members = group.members.clone();
                members.sort();
                assert_eq!(held.1, members, "members of {}", group.address);
                let mut managers = group.managers.clone();
                managers.sort();
                assert_eq!(held.2, managers, "managers of {}", group.address);
                let left = groups(client, &plan.source).await;
                assert!(!left.iter().any(|(a, _, _)| *a == group.address));
            }
            Step::CreateFooter { domain, .. } => {
                let path = plan
                    .destination
                    .path(calls.disclaimer, &[domain])
                    .expect("path");
                let _: Disclaimer = client.get(&path).await.expect("footer recreated");
            }
            _ => {}
        }
    }
}

/// Plans every configured account of `source`, runs it, checks the end state, then runs the
/// journal again and checks that nothing more was written.
async fn full_run(scenario: Scenario, source: ServiceId, destination: ServiceId) -> Plan {
    let fixture = sandbox(scenario, 0.0, Faults::default()).await;
    let log = CallLog::new();
    let client = fixture.client(&log);
    let plan = plan_all(&client, &source, &destination, &Options::default()).await;
    assert!(plan.can_run(), "{:#?}", plan.findings);
    let journal = MemoryJournal::new();
    let control = Control::new();
    let migration = Migration::start(&client, &journal, &control, plan.clone(), Passwords::new())
        .await
        .expect("started")
        .with_timing(fast());
    migration.run().await.expect("ran");
    for (address, status) in migration.statuses() {
        let blocked = plan.account(&address).is_some_and(|a| a.blocked);
        let expected = if blocked {
            AccountStatus::Blocked
        } else {
            AccountStatus::AwaitingCopy
        };
        assert_eq!(status, expected, "{address}");
    }
    check_end_state(&client, &plan).await;

    let writes = fixture.writes().len();
    let again = Migration::resume(&client, &journal, &control, migration.passwords())
        .await
        .expect("resumed")
        .with_timing(fast());
    again.run().await.expect("ran again");
    let more: Vec<_> = fixture.writes().into_iter().skip(writes).collect();
    assert!(more.is_empty(), "a second run wrote: {more:#?}");
    plan
}

#[tokio::test(flavor = "current_thread")]
async fn the_demo_company_moves_from_exchange_to_email_pro() {
    let plan = full_run(Scenario::demo(), demo_exchange(), demo_pro()).await;
    assert!(
        matches!(plan.global.first(), Some(Step::AddDomain { domain, .. }) if domain == "demo-company.fr")
    );
    let blocked: Vec<&str> = plan
        .accounts
        .iter()
        .filter(|a| a.blocked)
        .map(|a| a.address.as_str())
        .collect();
    assert_eq!(
        blocked,
        [
            "nathan.simon@demo-company.fr",
            "sophie.dubois@demo-company.fr"
        ]
    );
    let claire = plan
        .account("claire.martin@demo-company.fr")
        .expect("claire");
    assert_eq!(claire.provisional, "claire.martin01@demo-company.fr");
    assert_eq!(claire.delegations.len(), 2);
    assert!(
        plan.not_recreated
            .iter()
            .any(|n| matches!(n.what, Leftover::Group(_)))
    );
}

#[tokio::test(flavor = "current_thread")]
async fn the_destination_is_configured_alone_before_any_account_moves() {
    let fixture = sandbox(Scenario::demo(), 0.0, Faults::default()).await;
    let log = CallLog::new();
    let client = fixture.client(&log);
    let before = plan_all(&client, &demo_exchange(), &demo_pro(), &Options::default()).await;
    assert_eq!(before.global.len(), 1, "the domain is missing on Email Pro");
    let events = std::cell::RefCell::new(Vec::new());
    prepare(&client, &Control::new(), &before, fast(), |e| {
        events.borrow_mut().push(e.clone())
    })
    .await
    .expect("prepared");
    let writes: Vec<_> = fixture
        .writes()
        .into_iter()
        .map(|c| (c.method, c.path))
        .collect();
    assert_eq!(
        writes,
        [(
            "POST".to_owned(),
            "/email/pro/emailpro-dc12345-1/domain".to_owned()
        )],
        "phase 1 alone writes the domain and nothing else"
    );
    assert!(
        events
            .borrow()
            .iter()
            .any(|e| matches!(e, mailshift_migrate::Event::StepDone { account: None, .. })),
        "{:?}",
        events.borrow()
    );
    let after = plan_all(&client, &demo_exchange(), &demo_pro(), &Options::default()).await;
    assert!(after.global.is_empty(), "{:?}", after.global);
    assert!(after.can_run(), "{:#?}", after.findings);
    prepare(&client, &Control::new(), &after, fast(), |_| {})
        .await
        .expect("nothing to do");
    assert_eq!(
        fixture.writes().len(),
        1,
        "a configured destination is not written again"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn the_demo_company_moves_from_exchange_to_mx_plan() {
    let plan = full_run(Scenario::demo(), demo_exchange(), demo_mxplan()).await;
    assert!(plan.global.is_empty(), "an MX Plan has its domain already");
    let too_big = plan.accounts.iter().filter(|a| a.blocked).count();
    assert_eq!(
        too_big, 5,
        "four mailboxes over 5 GB and one suspended account"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn every_source_moves_to_every_kind_of_destination() {
    let pro_src = ServiceId::EmailPro {
        service: "pro-src".into(),
    };
    let pairs_to_run = [
        (exchange("ex-src"), exchange("ex-dst")),
        (
            exchange("ex-src"),
            ServiceId::EmailPro {
                service: "pro-dst".into(),
            },
        ),
        (
            exchange("ex-src"),
            ServiceId::MxPlan {
                service: "mxp-acme".into(),
            },
        ),
        (
            exchange("ex-src"),
            ServiceId::LegacyMxPlan {
                domain: "acme.fr".into(),
            },
        ),
        (pro_src.clone(), exchange("ex-dst")),
        (
            pro_src.clone(),
            ServiceId::EmailPro {
                service: "pro-dst".into(),
            },
        ),
        (
            pro_src.clone(),
            ServiceId::MxPlan {
                service: "mxp-beta".into(),
            },
        ),
        (
            pro_src,
            ServiceId::LegacyMxPlan {
                domain: "beta.fr".into(),
            },
        ),
    ];
    for (source, destination) in pairs_to_run {
        let plan = full_run(pairs(), source.clone(), destination.clone()).await;
        assert_eq!(plan.moving().count(), 3, "{source:?} to {destination:?}");
        if destination.platform() == Platform::LegacyMxPlan {
            assert!(plan.service.is_empty());
            assert!(
                plan.accounts[0]
                    .not_recreated
                    .iter()
                    .any(|n| matches!(n.what, Leftover::Alias(_)))
            );
        } else {
            assert_eq!(plan.service.len(), 2, "a contact and a footer");
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_plan_with_blocking_findings_is_not_started() {
    let fixture = sandbox(pairs(), 0.0, Faults::default()).await;
    let log = CallLog::new();
    let client = fixture.client(&log);
    // Email Pro to an MX Plan of another domain: every account is blocked.
    let plan = plan_all(
        &client,
        &ServiceId::EmailPro {
            service: "pro-src".into(),
        },
        &ServiceId::MxPlan {
            service: "mxp-acme".into(),
        },
        &Options::default(),
    )
    .await;
    assert!(!plan.can_run());
    let journal = MemoryJournal::new();
    let control = Control::new();
    let refused = Migration::start(&client, &journal, &control, plan, Passwords::new()).await;
    assert!(refused.is_err());
    assert!(fixture.writes().is_empty());
    assert!(log.records().iter().all(|c| c.method.is_read()));
}

#[tokio::test(flavor = "current_thread")]
async fn the_demo_company_moves_between_exchange_services_with_its_groups_and_back() {
    let destination = exchange("hosted-dc12345-2");
    let plan = full_run(Scenario::demo(), demo_exchange(), destination.clone()).await;
    let moved: Vec<&str> = plan
        .service
        .iter()
        .filter_map(|s| match s {
            Step::CreateGroup { group, .. } => Some(group.address.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        moved,
        ["commercial@demo-company.fr", "equipe@demo-company.fr"]
    );

    // The same move, rolled back whole: the source is as it was, groups and members included.
    let fixture = sandbox(Scenario::demo(), 0.0, Faults::default()).await;
    let log = CallLog::new();
    let client = fixture.client(&log);
    let before = (
        held(&client, &demo_exchange()).await,
        groups(&client, &demo_exchange()).await,
        held(&client, &destination).await,
    );
    let plan = plan_all(&client, &demo_exchange(), &destination, &Options::default()).await;
    let journal = MemoryJournal::new();
    let control = Control::new();
    let migration = Migration::start(&client, &journal, &control, plan, Passwords::new())
        .await
        .expect("started")
        .with_timing(fast());
    migration.run().await.expect("ran");
    assert!(groups(&client, &destination).await.len() == 2);
    migration.rollback_all().await.expect("rolled back");
    let after = (
        held(&client, &demo_exchange()).await,
        groups(&client, &demo_exchange()).await,
        held(&client, &destination).await,
    );
    assert_eq!(after, before);
    assert!(groups(&client, &destination).await.is_empty());
}
