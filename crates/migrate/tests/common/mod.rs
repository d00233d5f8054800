//! A sandbox, a client holding every email right, and the engine's fast timing, for the tests.
#![allow(dead_code)]

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use mailshift_migrate::Right;
use mailshift_migrate::engine::Timing;
use mailshift_migrate::passwords::Passwords;
use mailshift_migrate::plan::{Pace, Plan, plan};
use mailshift_migrate::{Options, snapshot};
use mailshift_ovh::models::HostedAccount;
use mailshift_ovh::models::domain::LegacyAccount;
use mailshift_ovh::operations::domain;
use mailshift_ovh::rate_limit::RateLimiter;
use mailshift_ovh::retry::RetryPolicy;
use mailshift_ovh::service::{ServiceId, is_free_slot};
use mailshift_ovh::transport::NativeTransport;
use mailshift_ovh::{
    CallLog, Client, ClientConfig, Credentials, Endpoint, HttpRequest, HttpResponse, Method,
    SystemClock, Transport, TransportError,
};
use mailshift_sandbox::scenario::{
    AccountSpec, ContactSpec, DisclaimerSpec, DomainSpec, HostedSpec, LegacySpec,
};
use mailshift_sandbox::{
    Faults, Latency, RunningSandbox, Scenario, every_email_rule, start_with_key,
};

const AK: &str = "migrateAK";
const AS: &str = "migrateAS";

/// The demo company's Exchange source.
pub fn demo_exchange() -> ServiceId {
    ServiceId::Exchange {
        organization: "hosted-dc12345-1".into(),
        service: "hosted-dc12345-1".into(),
    }
}

/// The demo company's Email Pro.
pub fn demo_pro() -> ServiceId {
    ServiceId::EmailPro {
        service: "emailpro-dc12345-1".into(),
    }
}

/// The demo company's MX Plan.
pub fn demo_mxplan() -> ServiceId {
    ServiceId::MxPlan {
        service: "mxplan-dc12345-1".into(),
    }
}

/// A running sandbox with a consumer key holding every email right.
pub struct Fixture {
    pub sandbox: RunningSandbox,
    pub key: String,
}

/// Starts `scenario` with tasks scaled by `time_scale` and these faults.
pub async fn sandbox(scenario: Scenario, time_scale: f64, faults: Faults) -> Fixture {
    let (sandbox, key) = start_with_key(
        (AK, AS),
        scenario,
        Latency::scaled(time_scale),
        faults,
        every_email_rule(),
    )
    .await
    .expect("sandbox");
    Fixture { sandbox, key }
}

impl Fixture {
    /// A client over `transport`, recording its calls in `log`, paced generously: these tests
    /// are about the engine, the client's pacing is tested in its own crate.
    pub fn client_over<T: Transport>(&self, transport: T, log: &CallLog) -> Client<T, SystemClock> {
        let mut config =
            ClientConfig::new(Endpoint::custom(&self.sandbox.base_url()).expect("url"));
        // Retries as the client makes them, at the pace of a sandbox whose tasks end at once.
        config.retry = RetryPolicy {
            max_attempts: 5,
            base: Duration::from_millis(20),
            cap: Duration::from_millis(200),
        };
        config.timeout = Duration::from_secs(10);
        Client::new(config, transport, SystemClock)
            .with_credentials(Credentials::new(AK, AS, &self.key))
            .with_rate_limiter(Arc::new(RateLimiter::new(600_000, 10_000)))
            .with_call_log(log.clone())
    }

    /// A plain client.
    pub fn client(&self, log: &CallLog) -> Client<NativeTransport, SystemClock> {
        self.client_over(NativeTransport::new().expect("transport"), log)
    }

    /// The writes the sandbox received.
    pub fn writes(&self) -> Vec<mailshift_sandbox::server::RecordedCall> {
        self.sandbox
            .calls()
            .into_iter()
            .filter(|c| c.method != "GET")
            .collect()
    }
}

/// Checks, by the sandbox's own record, that no write reached it twice.
pub fn assert_each_write_once(fixture: &Fixture, context: &str) {
    let sent: Vec<_> = fixture
        .writes()
        .into_iter()
        .map(|c| (c.method, c.path, c.body_sha1))
        .collect();
    let distinct: std::collections::BTreeSet<_> = sent.iter().collect();
    assert_eq!(
        distinct.len(),
        sent.len(),
        "a write went twice {context}: {sent:#?}"
    );
}

/// Waits that fit a sandbox whose tasks end at once.
pub fn fast() -> Timing {
    Timing {
        pace: Pace {
            per_minute: 600_000,
            task: Duration::from_millis(5),
            settle: Duration::from_millis(5),
            poll: Duration::from_millis(10),
        },
        deadline: Duration::from_secs(30),
        attempts: 4,
    }
}

/// Reads both sides and plans the move of every configured source account.
pub async fn plan_all<T: Transport>(
    client: &Client<T, SystemClock>,
    source: &ServiceId,
    destination: &ServiceId,
    options: &Options,
) -> Plan {
    let calls = source.hosted_calls().expect("hosted source");
    let accounts: Vec<HostedAccount> = client
        .list_all(&source.path(calls.accounts, &[]).expect("path"))
        .await
        .expect("accounts");
    let selected: Vec<String> = accounts
        .into_iter()
        .filter(|a| !is_free_slot(&a.primary_email_address))
        .map(|a| a.primary_email_address)
        .collect();
    let snapshot = snapshot::read(client, source, destination, &selected)
        .await
        .expect("snapshot");
    plan(
        &snapshot,
        options,
        &selected,
        &Passwords::new(),
        &fast().pace,
    )
}

/// Forwards requests until the `after`th write has been sent, then never answers another
/// request: a tab closed, a machine stopped. `stuck` is set once a request waits forever, so
/// the `after`th write's answer has surely arrived.
pub struct Crashing {
    pub inner: NativeTransport,
    pub after: usize,
    pub writes: Cell<usize>,
    pub crashed: Cell<bool>,
    pub stuck: Rc<Cell<bool>>,
}

impl Crashing {
    /// Crashes after `after` writes.
    pub fn after(after: usize) -> (Self, Rc<Cell<bool>>) {
        let stuck = Rc::new(Cell::new(false));
        let transport = Self {
            inner: NativeTransport::new().expect("transport"),
            after,
            writes: Cell::new(0),
            crashed: Cell::new(false),
            stuck: stuck.clone(),
        };
        (transport, stuck)
    }
}

impl Transport for Crashing {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> {
        let future: Pin<Box<dyn Future<Output = _>>> = if self.crashed.get() {
            self.stuck.set(true);
            Box::pin(std::future::pending())
        } else {
            if request.method != Method::Get {
                self.writes.set(self.writes.get() + 1);
                if self.writes.get() >= self.after {
                    self.crashed.set(true);
                }
            }
            Box::pin(self.inner.send(request))
        };
        future
    }
}

/// Waits until `flag` is set.
pub async fn until(flag: Rc<Cell<bool>>) {
    while !flag.get() {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

/// A small company on Exchange (`acme.fr`) and on Email Pro (`beta.fr`), with every kind of
/// destination for both: Exchange, Email Pro, MX Plan and legacy MX Plan.
pub fn pairs() -> Scenario {
    let people = |domain: &str| {
        let at = |local: &str| format!("{local}@{domain}");
        let mut accounts = vec![
            AccountSpec {
                address: at("anna"),
                display_name: Some("Anna Lopez".into()),
                usage_mb: 300,
                aliases: vec![at("direction")],
                ..AccountSpec::default()
            },
            AccountSpec {
                address: at("bruno"),
                display_name: Some("Bruno Marchand".into()),
                usage_mb: 120,
                ..AccountSpec::default()
            },
            AccountSpec {
                address: at("carla"),
                display_name: Some("Carla Nguyen".into()),
                usage_mb: 80,
                aliases: vec![at("compta")],
                ..AccountSpec::default()
            },
        ];
        accounts[0].full_access = vec![at("bruno")];
        accounts[2].send_as = vec![at("anna")];
        accounts
    };
    let hosted = |service: &str, domain: &str, slots: u32, accounts: Vec<AccountSpec>| HostedSpec {
        service: service.into(),
        complexity_enabled: true,
        min_password_length: 8,
        domains: vec![DomainSpec {
            name: domain.into(),
            ..DomainSpec::default()
        }],
        accounts,
        free_slots: slots,
        external_contacts: vec![ContactSpec {
            address: format!("partner@{domain}.example"),
            display_name: "Partner".into(),
        }],
        disclaimers: vec![DisclaimerSpec {
            domain: domain.into(),
            content: format!("<p>{domain}</p>"),
            outside_only: true,
        }],
        ..HostedSpec::default()
    };
    let relayed = |service: &str, domain: &str| HostedSpec {
        service: service.into(),
        complexity_enabled: false,
        min_password_length: 9,
        domains: vec![DomainSpec {
            name: domain.into(),
            non_authoritative: true,
            mx_relay: Some("mx0.mail.ovh.net".into()),
            ..DomainSpec::default()
        }],
        free_slots: 5,
        ..HostedSpec::default()
    };
    let empty = |service: &str, domain: &str| HostedSpec {
        external_contacts: Vec::new(),
        disclaimers: Vec::new(),
        ..hosted(service, domain, 6, Vec::new())
    };
    Scenario {
        account: "ab123-ovh".into(),
        exchange: vec![
            HostedSpec {
                mailing_lists: Vec::new(),
                ..hosted("ex-src", "acme.fr", 0, people("acme.fr"))
            },
            empty("ex-dst", "acme-new.fr"),
        ],
        email_pro: vec![
            hosted("pro-src", "beta.fr", 0, people("beta.fr")),
            empty("pro-dst", "beta-new.fr"),
        ],
        mx_plan: vec![
            relayed("mxp-acme", "acme.fr"),
            relayed("mxp-beta", "beta.fr"),
        ],
        legacy_mx_plan: vec![
            LegacySpec {
                domain: "acme.fr".into(),
                max_accounts: 5,
                accounts: Vec::new(),
            },
            LegacySpec {
                domain: "beta.fr".into(),
                max_accounts: 5,
                accounts: Vec::new(),
            },
        ],
    }
}

/// Exchange's service id for a service named like its organization.
pub fn exchange(name: &str) -> ServiceId {
    ServiceId::Exchange {
        organization: name.into(),
        service: name.into(),
    }
}

/// An account as read back: its address, aliases and delegations (delegates by address).
pub type Held = (String, Vec<String>, Vec<(Right, String)>);

/// Every configured account of a service, as the API shows it.
pub async fn held<T: Transport>(client: &Client<T, SystemClock>, id: &ServiceId) -> Vec<Held> {
    let Some(calls) = id.hosted_calls() else {
        let names: Vec<String> = client
            .get(&id.path(domain::ACCOUNTS, &[]).expect("path"))
            .await
            .expect("names");
        let mut out = Vec::new();
        for name in names {
            let account: LegacyAccount = client
                .get(&id.path(domain::ACCOUNT, &[&name]).expect("path"))
                .await
                .expect("account");
            out.push((account.email, Vec::new(), Vec::new()));
        }
        out.sort();
        return out;
    };
    let accounts: Vec<HostedAccount> = client
        .list_all(&id.path(calls.accounts, &[]).expect("path"))
        .await
        .expect("accounts");
    let name = |wanted: i64| {
        accounts
            .iter()
            .find(|a| a.id == wanted)
            .map(|a| a.primary_email_address.clone())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for account in accounts
        .iter()
        .filter(|a| !is_free_slot(&a.primary_email_address))
    {
        let address = &account.primary_email_address;
        let mut aliases: Vec<String> = client
            .get(&id.path(calls.aliases, &[address]).expect("path"))
            .await
            .expect("aliases");
        aliases.sort();
        let mut rights = Vec::new();
        for right in Right::ALL {
            let ids: Vec<i64> = client
                .get(&id.path(right.calls(&calls).0, &[address]).expect("path"))
                .await
                .expect("delegates");
            rights.extend(ids.into_iter().map(|i| (right, name(i))));
        }
        rights.sort();
        out.push((address.clone(), aliases, rights));
    }
    out.sort();
    out
}
