//! The wizard's reads against the real sandbox: discovery of the demo company, its inventory
//! for an MX Plan destination, details on demand, and 300 accounts listed by pages.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use mailshift_ovh::models::ObjectState;
use mailshift_ovh::models::auth::AccessRule;
use mailshift_ovh::rate_limit::RateLimiter;
use mailshift_ovh::transport::NativeTransport;
use mailshift_ovh::{
    Client, ClientConfig, Credentials, Endpoint, HttpRequest, HttpResponse, Method, SystemClock,
    Transport, TransportError,
};
use mailshift_sandbox::scenario::AccountSpec;
use mailshift_sandbox::{Faults, Latency, RunningSandbox, Scenario, start_with_key};
use mailshift_wizard::catalog::{self, DomainAtDestination, Platform, ServiceId};
use mailshift_wizard::connection;
use mailshift_wizard::inventory::{self, Blocker, Stage, Support};

const AK: &str = "wizardAK";
const AS: &str = "wizardAS";

/// Counts the calls that reach the network.
#[derive(Clone)]
struct Counted {
    inner: Rc<NativeTransport>,
    calls: Rc<Cell<usize>>,
}

impl Transport for Counted {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.calls.set(self.calls.get() + 1);
        self.inner.send(request).await
    }
}

async fn sandbox(
    scenario: Scenario,
    rules: &[(Method, &str)],
) -> (
    RunningSandbox,
    Client<Counted, SystemClock>,
    Rc<Cell<usize>>,
) {
    let rules = rules
        .iter()
        .map(|(method, path)| AccessRule {
            method: *method,
            path: (*path).into(),
        })
        .collect();
    let (sandbox, key) = start_with_key(
        (AK, AS),
        scenario,
        Latency::scaled(0.0),
        Faults::default(),
        rules,
    )
    .await
    .expect("sandbox");
    let calls = Rc::new(Cell::new(0));
    let transport = Counted {
        inner: Rc::new(NativeTransport::new().expect("transport")),
        calls: calls.clone(),
    };
    let client = Client::new(
        ClientConfig::new(Endpoint::custom(&sandbox.base_url()).expect("url")),
        transport,
        SystemClock,
    )
    .with_credentials(Credentials::new(AK, AS, &key))
    // Pacing is the client's own concern, tested there; these tests count calls.
    .with_rate_limiter(Arc::new(RateLimiter::new(60_000, 1_000)));
    (sandbox, client, calls)
}

const READ_ALL: &[(Method, &str)] = &[(Method::Get, "/*")];

fn demo_exchange() -> ServiceId {
    ServiceId::Exchange {
        organization: "hosted-dc12345-1".into(),
        service: "hosted-dc12345-1".into(),
    }
}

#[tokio::test(flavor = "current_thread")]
async fn connecting_reads_the_account_and_finds_missing_rights() {
    let (_sandbox, client, _) = sandbox(Scenario::demo(), READ_ALL).await;
    let connected = connection::check(&client).await.expect("connected");
    assert_eq!(connected.account.as_deref(), Some("dc12345-ovh"));
    assert!(connected.missing.is_empty(), "{:?}", connected.missing);

    let narrow = [
        (Method::Get, "/auth/*"),
        (Method::Get, "/email/exchange"),
        (Method::Get, "/email/exchange/*"),
    ];
    let (_sandbox, client, _) = sandbox(Scenario::demo(), &narrow).await;
    let connected = connection::check(&client).await.expect("connected");
    let missing: Vec<_> = connected.missing.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        missing,
        [
            "/email/domain",
            "/email/domain/*",
            "/email/mxplan",
            "/email/mxplan/*",
            "/email/pro",
            "/email/pro/*"
        ]
    );
}

#[tokio::test(flavor = "current_thread")]
async fn discovers_the_demo_company_and_reviews_it_for_an_mx_plan() {
    let (_sandbox, client, _) = sandbox(Scenario::demo(), READ_ALL).await;
    let mut seen = Vec::new();
    let found = catalog::discover(&client, &mut |done, total| seen.push((done, total)))
        .await
        .expect("catalog");
    assert_eq!(seen.last(), Some(&(5, 5)));
    let platforms: Vec<Platform> = found.services.iter().map(|s| s.id.platform()).collect();
    assert_eq!(
        platforms,
        [
            Platform::Exchange,
            Platform::Exchange,
            Platform::EmailPro,
            Platform::MxPlan,
            Platform::LegacyMxPlan
        ]
    );
    let source = found.get(&demo_exchange()).expect("source").clone();
    assert_eq!((source.accounts, source.free_slots), (12, 1));
    let mx = found.services[3].clone();
    assert_eq!(
        found.domains_at(&source.id, &mx.id),
        [(
            "demo-company.fr".to_owned(),
            DomainAtDestination::Present {
                authoritative: Some(false),
                state: ObjectState::Ok
            }
        )]
    );
    let pro = &found.services[2];
    assert_eq!(
        found.domains_at(&source.id, &pro.id)[0].1,
        DomainAtDestination::Absent
    );

    let mut stages = Vec::new();
    let review = inventory::load(&client, &source, &mx, &mut |stage| stages.push(stage))
        .await
        .expect("inventory");
    assert!(stages.contains(&Stage::Accounts {
        loaded: 13,
        total: Some(13)
    }));
    assert_eq!(review.accounts.len(), 12);
    let too_big: Vec<&str> = review
        .accounts
        .iter()
        .filter(|a| {
            a.blockers
                .iter()
                .any(|b| matches!(b, Blocker::TooBig { .. }))
        })
        .map(|a| a.address.as_str())
        .collect();
    assert_eq!(
        too_big,
        [
            "claire.martin@demo-company.fr",
            "emma.robert@demo-company.fr",
            "lea.moreau@demo-company.fr",
            "sophie.dubois@demo-company.fr"
        ]
    );
    let suspended: Vec<&str> = review
        .accounts
        .iter()
        .filter(|a| {
            a.blockers
                .contains(&Blocker::NotReady(ObjectState::Suspended))
        })
        .map(|a| a.address.as_str())
        .collect();
    assert_eq!(suspended, ["nathan.simon@demo-company.fr"]);
    assert_eq!(review.groups.len(), 2);
    assert_eq!(review.contacts.len(), 2);
    assert_eq!(review.footers.len(), 1);
    assert_eq!(review.destination.free_slots, 10);
    assert_eq!(review.destination.features.groups, Support::No);

    let claire = inventory::load_details(
        &client,
        &source.id,
        "claire.martin@demo-company.fr",
        &review.accounts,
    )
    .await
    .expect("details");
    assert_eq!(
        claire.aliases,
        ["c.martin@demo-company.fr", "direction@demo-company.fr"]
    );
    assert_eq!(claire.full_access, ["julien.bernard@demo-company.fr"]);
    assert_eq!(claire.send_on_behalf_to, ["julien.bernard@demo-company.fr"]);
    assert!(claire.send_as.is_empty());
}

#[tokio::test(flavor = "current_thread")]
async fn three_hundred_accounts_cost_calls_per_page_not_per_account() {
    let mut scenario = Scenario::demo();
    let people = &mut scenario.exchange[0].accounts;
    for n in people.len()..300 {
        people.push(AccountSpec {
            address: format!("person{n:03}@demo-company.fr"),
            display_name: Some(format!("Person {n}")),
            usage_mb: (n as u64 * 37) % 9_000,
            ..AccountSpec::default()
        });
    }
    let (_sandbox, client, calls) = sandbox(scenario, READ_ALL).await;
    let found = catalog::discover(&client, &mut |_, _| {})
        .await
        .expect("catalog");
    let source = found.get(&demo_exchange()).expect("source").clone();
    let destination = found.services[2].clone();
    let before = calls.get();
    let started = std::time::Instant::now();
    let review = inventory::load(&client, &source, &destination, &mut |_| {})
        .await
        .expect("inventory");
    let used = calls.get() - before;
    println!(
        "inventory of {} accounts: {used} calls, {:?} without pacing",
        review.accounts.len(),
        started.elapsed()
    );
    assert_eq!(review.accounts.len(), 300);
    // Source accounts: 4 pages of 100 (301 with the free slot); groups, contacts, one footer;
    // destination: its service and one page of slots.
    assert_eq!(used, 4 + 3 + 2);
}
