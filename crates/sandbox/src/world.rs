//! The state of the simulated OVHcloud account: services and everything in them.
//!
//! Objects are kept as *facts* (the fields that mean something, by their schema names) and
//! rendered through the model each route's schema names, so every answer has exactly that
//! model's fields, with neutral values for those the sandbox does not simulate.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::clock::rfc3339;
use crate::scenario::{AccountSpec, HostedSpec, LegacySpec, Scenario};
use crate::schema::Api;

/// Facts about one object, by schema field name. Like a JSON value and unlike a bare map,
/// indexing a missing field gives `null` rather than a panic.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts(pub Map<String, Value>);

impl std::ops::Index<&str> for Facts {
    type Output = Value;

    fn index(&self, key: &str) -> &Value {
        self.0.get(key).unwrap_or(&Value::Null)
    }
}

impl std::ops::Deref for Facts {
    type Target = Map<String, Value>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for Facts {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl IntoIterator for Facts {
    type Item = (String, Value);
    type IntoIter = serde_json::map::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl From<Value> for Facts {
    /// The fields of a JSON object; anything else has none.
    fn from(value: Value) -> Self {
        match value {
            Value::Object(map) => Self(map),
            _ => Self::default(),
        }
    }
}

/// The domain of unconfigured account slots.
pub const FREE_SLOT_DOMAIN: &str = "configureme.me";

/// Which hosted platform a service is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Hosted Exchange.
    Exchange,
    /// Email Pro.
    Pro,
    /// MX Plan, current platform.
    MxPlan,
}

impl Kind {
    /// The name of its service parameter in the API paths.
    pub fn service_param(self) -> &'static str {
        match self {
            Self::Exchange => "exchangeService",
            _ => "service",
        }
    }

    /// Its mail server, as mail clients and OVH Mail Migrator see it.
    fn hostname(self) -> &'static str {
        match self {
            Self::Exchange => "ex5.mail.ovh.net",
            Self::Pro => "pro2.mail.ovh.net",
            Self::MxPlan => "ex.mail.ovh.net",
        }
    }

    /// The default mailbox size, in GB.
    fn default_quota_gb(self) -> f64 {
        match self {
            Self::Exchange => 50.0,
            Self::Pro => 10.0,
            Self::MxPlan => 5.0,
        }
    }

    fn offer(self) -> &'static str {
        match self {
            Self::Exchange => "hosted",
            Self::Pro => "emailpro",
            Self::MxPlan => "MXPLAN",
        }
    }
}

/// Where the three hosted platforms keep their services in the API.
const HOSTED_BASES: [(&str, Kind); 3] = [
    (
        "/email/exchange/{organizationName}/service/{exchangeService}",
        Kind::Exchange,
    ),
    ("/email/pro/{service}", Kind::Pro),
    ("/email/mxplan/{service}", Kind::MxPlan),
];

/// The hosted platform a schema template belongs to, and the rest of the template after the
/// service's own part.
pub fn hosted_template(template: &str) -> Option<(Kind, &str)> {
    HOSTED_BASES
        .iter()
        .find_map(|(base, kind)| Some((*kind, template.strip_prefix(base)?)))
}

/// An account with what hangs off it.
#[derive(Clone, Debug, Default)]
pub struct Account {
    /// The account itself.
    pub facts: Facts,
    /// Aliases by address.
    pub aliases: BTreeMap<String, Facts>,
    /// Full-access delegations by the delegate's account id.
    pub full_access: BTreeMap<i64, Facts>,
    /// Send-as delegations by the delegate's account id.
    pub send_as: BTreeMap<i64, Facts>,
    /// Send-on-behalf delegations by the delegate's account id.
    pub send_on_behalf_to: BTreeMap<i64, Facts>,
    /// Its tasks by id.
    pub tasks: BTreeMap<i64, Facts>,
    /// Exchange: its PST export, while one exists.
    pub export: Option<Facts>,
    /// Exchange: where to download the finished PST, once asked for.
    pub export_url: Option<Facts>,
}

impl Account {
    /// One of its delegations by the name the API gives it in paths.
    pub fn delegations(&self, right: &str) -> Option<&BTreeMap<i64, Facts>> {
        match right {
            "fullAccess" => Some(&self.full_access),
            "sendAs" => Some(&self.send_as),
            "sendOnBehalfTo" => Some(&self.send_on_behalf_to),
            _ => None,
        }
    }
}

/// An Exchange group with its members and managers.
#[derive(Clone, Debug, Default)]
pub struct List {
    /// The group itself.
    pub facts: Facts,
    /// Members by account id.
    pub members: BTreeMap<i64, Facts>,
    /// Managers by account id.
    pub managers: BTreeMap<i64, Facts>,
}

/// An Exchange, Email Pro or MX Plan service.
#[derive(Clone, Debug)]
pub struct Hosted {
    /// Its platform.
    pub kind: Kind,
    /// Exchange only: the organization.
    pub organization: Option<String>,
    /// The service name.
    pub name: String,
    /// The service's own fields.
    pub facts: Facts,
    /// Domains by name.
    pub domains: BTreeMap<String, Facts>,
    /// Footers by domain.
    pub disclaimers: BTreeMap<String, Facts>,
    /// Accounts by primary address, free slots included.
    pub accounts: BTreeMap<String, Account>,
    /// External contacts by address.
    pub contacts: BTreeMap<String, Facts>,
    /// Groups by address.
    pub lists: BTreeMap<String, List>,
    /// Service-wide tasks by id.
    pub tasks: BTreeMap<i64, Facts>,
}

/// A legacy MX Plan service.
#[derive(Clone, Debug)]
pub struct Legacy {
    /// The domain.
    pub domain: String,
    /// The service's own fields.
    pub facts: Facts,
    /// Accounts by local part.
    pub accounts: BTreeMap<String, Facts>,
    /// Maximum counts.
    pub quota: Facts,
    /// Pending account tasks by id (they disappear when done).
    pub tasks: BTreeMap<i64, Facts>,
}

/// The MX, SRV, SPF and CNAME records a domain's zone publishes.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Zone {
    /// MX targets.
    pub mx: Vec<String>,
    /// The autodiscover SRV record.
    pub srv: Vec<String>,
    /// SPF records.
    pub spf: Vec<String>,
    /// CNAME names, such as the one OVHcloud asks for to prove ownership.
    pub cname: Vec<String>,
}

/// Everything the account owns.
#[derive(Clone, Debug, Default)]
pub struct World {
    /// Hosted services.
    pub hosted: Vec<Hosted>,
    /// Legacy MX Plan services.
    pub legacy: Vec<Legacy>,
    /// The simulated DNS: each domain's published records.
    pub dns: BTreeMap<String, Zone>,
    /// Tasks not finished yet.
    pub(crate) running: Vec<crate::tasks::Running>,
    /// Tasks that have ended, oldest first.
    pub finished: Vec<crate::tasks::Finished>,
    /// Legacy MX Plan tasks not finished yet.
    pub(crate) legacy_running: Vec<crate::legacy::LegacyRunning>,
    /// Share of tasks that end in error, and the seeded draws deciding which.
    task_errors: Option<(f64, fastrand::Rng)>,
    next_id: i64,
}

impl World {
    /// Builds the world a scenario describes, at time `now`.
    pub fn from_scenario(scenario: &Scenario, now: i64) -> Result<Self, String> {
        let mut world = Self {
            next_id: 1_000,
            ..Self::default()
        };
        for (kind, specs) in [
            (Kind::Exchange, &scenario.exchange),
            (Kind::Pro, &scenario.email_pro),
            (Kind::MxPlan, &scenario.mx_plan),
        ] {
            for spec in specs {
                let hosted = world.hosted_from(kind, spec, now)?;
                world.hosted.push(hosted);
            }
        }
        for spec in &scenario.legacy_mx_plan {
            let legacy = world.legacy_from(spec, now);
            world.legacy.push(legacy);
        }
        // Each domain's zone points at the service that is authoritative for it.
        for hosted in &world.hosted {
            for (name, domain) in &hosted.domains {
                if domain["type"] == "authoritative" {
                    world.dns.insert(name.clone(), expected_zone(hosted.kind));
                }
            }
        }
        Ok(world)
    }

    /// Makes this share of new tasks end in error, drawn from `seed`.
    pub fn set_task_errors(&mut self, rate: f64, seed: u64) {
        self.task_errors = (rate > 0.0).then(|| (rate, fastrand::Rng::with_seed(seed)));
    }

    /// Whether the next task ends in error.
    pub(crate) fn task_fails(&mut self) -> bool {
        self.task_errors
            .as_mut()
            .is_some_and(|(rate, rng)| rng.f64() < *rate)
    }

    /// A fresh id for an account, task or contact.
    pub fn next_id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }

    /// The hosted service of this platform and name (and organization, for Exchange).
    pub fn hosted(&self, kind: Kind, organization: Option<&str>, name: &str) -> Option<&Hosted> {
        self.hosted_index(kind, organization, name)
            .and_then(|i| self.hosted.get(i))
    }

    /// Where that service sits in [`World::hosted`].
    pub fn hosted_index(
        &self,
        kind: Kind,
        organization: Option<&str>,
        name: &str,
    ) -> Option<usize> {
        self.hosted.iter().position(|h| {
            h.kind == kind
                && h.name == name
                && (kind != Kind::Exchange || h.organization.as_deref() == organization)
        })
    }

    /// Whether `address` is live anywhere on the customer's platforms that hold its domain: an
    /// account, alias, group or external contact of a hosted service, a legacy mailbox, or the
    /// target of a rename still running.
    ///
    /// *Unconfirmed* (spec section 9, "one address, one place"): OVHcloud refuses an address
    /// that is live on another of the customer's platforms for the same domain, which is why
    /// its guide renames first. This is the one place the sandbox says so. An external contact
    /// at a domain none of the platforms holds is not counted.
    pub fn address_in_use(&self, address: &str) -> bool {
        let address = address.to_lowercase();
        let Some((local, domain)) = address.split_once('@') else {
            return false;
        };
        let hosted = self
            .hosted
            .iter()
            .filter(|h| h.domains.contains_key(domain) || domain == FREE_SLOT_DOMAIN)
            .any(|h| {
                h.accounts.contains_key(&address)
                    || h.accounts
                        .values()
                        .any(|a| a.aliases.contains_key(&address))
                    || h.lists.contains_key(&address)
                    || h.contacts.contains_key(&address)
            });
        let legacy = self
            .legacy
            .iter()
            .any(|l| l.domain == domain && l.accounts.contains_key(local));
        hosted || legacy || self.renaming_to(&address)
    }

    /// The legacy MX Plan service of this domain.
    pub fn legacy(&self, domain: &str) -> Option<&Legacy> {
        self.legacy.iter().find(|l| l.domain == domain)
    }

    /// A domain's facts with its diagnostics computed from the simulated DNS.
    pub fn diagnosed_domain(&self, hosted: &Hosted, name: &str) -> Option<Facts> {
        let mut domain = hosted.domains.get(name)?.clone();
        let expected = expected_zone(hosted.kind);
        let zone = self.dns.get(name).cloned().unwrap_or_default();
        // A domain whose zone is elsewhere is validated once the asked-for CNAME is published.
        if let Some(cname) = domain["cnameToCheck"].as_str()
            && zone.cname.iter().any(|c| c == cname)
        {
            domain.insert("domainValidated".into(), json!(true));
        }
        domain.insert(
            "mxIsValid".into(),
            json!(!zone.mx.is_empty() && zone.mx == expected.mx),
        );
        domain.insert(
            "srvIsValid".into(),
            json!(!zone.srv.is_empty() && zone.srv == expected.srv),
        );
        domain.insert(
            "spfIsValid".into(),
            json!(zone.spf.iter().any(|r| expected.spf.contains(r))),
        );
        domain.insert("expectedMX".into(), json!(expected.mx));
        domain.insert("expectedSPF".into(), json!(expected.spf.first()));
        domain.insert(
            "expectedAutodiscoverSRV".into(),
            json!(expected.srv.first()),
        );
        domain.insert("mxRecord".into(), json!(zone.mx));
        domain.insert("srvRecord".into(), json!(zone.srv));
        domain.insert("spfRecord".into(), json!(zone.spf));
        Some(domain)
    }

    fn hosted_from(&mut self, kind: Kind, spec: &HostedSpec, now: i64) -> Result<Hosted, String> {
        let main = spec
            .domains
            .first()
            .ok_or_else(|| format!("service {} has no domain", spec.service))?;
        let mut service = facts(json!({
            "displayName": spec.display_name,
            "domain": main.name,
            "hostname": kind.hostname(),
            "complexityEnabled": spec.complexity_enabled,
            "minPasswordLength": spec.min_password_length,
            "maxReceiveSize": 100,
            "maxSendSize": 100,
            "state": "ok",
            "offer": kind.offer(),
            "taskPendingId": 0,
            "webUrl": format!("https://{}/owa", kind.hostname()),
            "lastUpdateDate": rfc3339(now),
        }));
        if kind == Kind::MxPlan {
            service.insert("isZimbra".into(), json!(spec.is_zimbra));
        }
        let mut hosted = Hosted {
            kind,
            organization: (kind == Kind::Exchange).then(|| {
                spec.organization
                    .clone()
                    .unwrap_or_else(|| spec.service.clone())
            }),
            name: spec.service.clone(),
            facts: service,
            domains: BTreeMap::new(),
            disclaimers: BTreeMap::new(),
            accounts: BTreeMap::new(),
            contacts: BTreeMap::new(),
            lists: BTreeMap::new(),
            tasks: BTreeMap::new(),
        };
        for (i, domain) in spec.domains.iter().enumerate() {
            let validated = domain.hosted_at_ovh;
            hosted.domains.insert(
                domain.name.clone(),
                facts(json!({
                    "name": domain.name,
                    "type": if domain.non_authoritative { "nonAuthoritative" } else { "authoritative" },
                    "mxRelay": domain.mx_relay,
                    "state": "ok",
                    "taskPendingId": 0,
                    "domainValidated": validated,
                    "cnameToCheck": (!validated).then(|| format!("ovh-{}.{}", &spec.service, domain.name)),
                    "main": i == 0,
                    "isAliasDomain": false,
                    "domainAliases": [],
                })),
            );
        }
        for account in &spec.accounts {
            let id = self.next_id();
            hosted.accounts.insert(
                account.address.to_lowercase(),
                self.account_from(kind, account, id, now)?,
            );
        }
        for _ in 0..spec.free_slots {
            let id = self.next_id();
            let login = format!("{:08x}", fastrand::u32(..));
            let address = format!("{login}@{FREE_SLOT_DOMAIN}");
            let slot = Account {
                facts: facts(json!({
                    "id": id, "primaryEmailAddress": address, "login": login, "domain": FREE_SLOT_DOMAIN,
                    "displayName": null, "state": "ok", "configured": false, "taskPendingId": 0,
                    "currentUsage": 0, "quota": kind.default_quota_gb(), "creationDate": rfc3339(now),
                })),
                ..Account::default()
            };
            hosted.accounts.insert(address, slot);
        }
        self.link_delegations(&mut hosted, spec)?;
        for list in &spec.mailing_lists {
            let mut group = List {
                facts: facts(json!({
                    "mailingListAddress": list.address, "displayName": list.display_name,
                    "joinRestriction": "open", "departRestriction": "open", "hiddenFromGAL": false,
                    "senderAuthentification": false, "state": "ok", "taskPendingId": 0,
                    "creationDate": rfc3339(now),
                })),
                ..List::default()
            };
            for (who, target, field) in [
                (&list.members, &mut group.members, "member"),
                (&list.managers, &mut group.managers, "manager"),
            ] {
                for address in who {
                    let id = account_id(&hosted, address)?;
                    target.insert(id, facts(json!({
                        format!("{field}AccountId"): id, format!("{field}EmailAddress"): address,
                        "taskPendingId": 0, "creationDate": rfc3339(now),
                    })));
                }
            }
            hosted.lists.insert(list.address.to_lowercase(), group);
        }
        for contact in &spec.external_contacts {
            let id = self.next_id();
            hosted.contacts.insert(
                contact.address.to_lowercase(),
                facts(json!({
                    "externalEmailAddress": contact.address, "displayName": contact.display_name,
                    "id": id, "state": "ok", "taskPendingId": 0, "hiddenFromGAL": false,
                    "creationDate": rfc3339(now),
                })),
            );
        }
        for disclaimer in &spec.disclaimers {
            hosted.disclaimers.insert(
                disclaimer.domain.clone(),
                facts(json!({
                    "name": disclaimer.domain, "content": disclaimer.content,
                    "outsideOnly": disclaimer.outside_only, "taskPendingId": 0,
                    "creationDate": rfc3339(now),
                })),
            );
        }
        Ok(hosted)
    }

    fn account_from(
        &self,
        kind: Kind,
        spec: &AccountSpec,
        id: i64,
        now: i64,
    ) -> Result<Account, String> {
        let address = spec.address.to_lowercase();
        let (login, domain) = address
            .split_once('@')
            .ok_or_else(|| format!("{} is not an email address", spec.address))?;
        let mut account = Account {
            facts: facts(json!({
                "id": id, "primaryEmailAddress": address, "login": login, "domain": domain,
                "displayName": spec.display_name, "firstName": spec.first_name, "lastName": spec.last_name,
                "state": spec.state.as_deref().unwrap_or("ok"), "configured": true, "taskPendingId": 0,
                // *Unconfirmed* unit: KiB, as the Control Panel's arithmetic implies.
                "currentUsage": spec.usage_mb * 1024,
                "quota": spec.quota_gb.unwrap_or(kind.default_quota_gb()),
                "numberOfAliases": spec.aliases.len(),
                "creationDate": rfc3339(now), "passwordLastUpdate": rfc3339(now),
            })),
            ..Account::default()
        };
        for alias in &spec.aliases {
            account.aliases.insert(
                alias.to_lowercase(),
                facts(json!({"alias": alias, "taskPendingId": 0, "creationDate": rfc3339(now)})),
            );
        }
        Ok(account)
    }

    fn link_delegations(&self, hosted: &mut Hosted, spec: &HostedSpec) -> Result<(), String> {
        for account in &spec.accounts {
            let mut links = Vec::new();
            for (delegates, which) in [
                (&account.full_access, 0),
                (&account.send_as, 1),
                (&account.send_on_behalf_to, 2),
            ] {
                for delegate in delegates {
                    links.push((which, account_id(hosted, delegate)?));
                }
            }
            let Some(target) = hosted.accounts.get_mut(&account.address.to_lowercase()) else {
                continue;
            };
            for (which, id) in links {
                let record = facts(
                    json!({"allowedAccountId": id, "taskPendingId": 0, "creationDate": rfc3339(0)}),
                );
                match which {
                    0 => target.full_access.insert(id, record),
                    1 => target.send_as.insert(id, record),
                    _ => target.send_on_behalf_to.insert(id, record),
                };
            }
        }
        Ok(())
    }

    fn legacy_from(&mut self, spec: &LegacySpec, now: i64) -> Legacy {
        let facts_of = |name: &str, account: &crate::scenario::LegacyAccountSpec| {
            facts(json!({
                "accountName": name, "domain": spec.domain, "email": format!("{name}@{}", spec.domain),
                "description": account.description, "size": account.size_mb * 1024 * 1024, "isBlocked": false,
                "usedBytes": account.used_mb * 1024 * 1024,
            }))
        };
        Legacy {
            domain: spec.domain.clone(),
            facts: facts(json!({
                "domain": spec.domain, "status": "ok", "offer": "MXPLAN",
                "allowedAccountSize": [262_144_000_i64, 5_368_709_120_i64],
                "isMXValid": "valid", "isSPFValid": "valid", "creationDate": rfc3339(now),
            })),
            accounts: spec
                .accounts
                .iter()
                .map(|a| (a.name.clone(), facts_of(&a.name, a)))
                .collect(),
            quota: facts(
                json!({"account": spec.max_accounts, "alias": 1000, "mailingList": 10, "redirection": 1000, "responder": 1000}),
            ),
            tasks: BTreeMap::new(),
        }
    }
}

/// What a platform expects a domain's zone to publish. *Unconfirmed* values, in the style of
/// OVHcloud's own.
fn expected_zone(kind: Kind) -> Zone {
    Zone {
        mx: vec![
            "mx1.mail.ovh.net".into(),
            "mx2.mail.ovh.net".into(),
            "mx3.mail.ovh.net".into(),
        ],
        srv: vec![format!("0 0 443 {}", kind.hostname())],
        spf: vec!["v=spf1 include:mx.ovh.com ~all".into()],
        cname: Vec::new(),
    }
}

fn account_id(hosted: &Hosted, address: &str) -> Result<i64, String> {
    hosted
        .accounts
        .get(&address.to_lowercase())
        .and_then(|a| a.facts["id"].as_i64())
        .ok_or_else(|| format!("{address} is not an account of {}", hosted.name))
}

fn facts(value: Value) -> Facts {
    Facts::from(value)
}

/// Renders facts as the schema model `model`: every property present, facts where they
/// fit, neutral values elsewhere.
pub fn render(api: &Api, model: &str, facts: &Facts, now: i64) -> Value {
    let Some(properties) = api.model(model).and_then(|m| m["properties"].as_object()) else {
        return Value::Object(facts.0.clone());
    };
    let mut out = Map::new();
    for (name, property) in properties {
        let value = match facts.get(name) {
            Some(value) if !value.is_null() || property["canBeNull"].as_bool().unwrap_or(false) => {
                fit(value, property)
            }
            _ => neutral(api, property, now),
        };
        out.insert(name.clone(), value);
    }
    Value::Object(out)
}

/// A fact as the property's type wants it (a whole number where a `long` is asked).
fn fit(value: &Value, property: &Value) -> Value {
    match (property["type"].as_str(), value.as_f64()) {
        (Some("long"), Some(number)) if !value.is_i64() && !value.is_u64() => {
            json!(number.round() as i64)
        }
        _ => value.clone(),
    }
}

/// The value OVHcloud would show for a property nothing in the sandbox sets.
fn neutral(api: &Api, property: &Value, now: i64) -> Value {
    if property["canBeNull"].as_bool().unwrap_or(false) {
        return Value::Null;
    }
    let kind = property["type"].as_str().unwrap_or_default();
    if kind.ends_with("[]") {
        return json!([]);
    }
    match kind {
        "boolean" => json!(false),
        "long" => json!(0),
        "double" => json!(0.0),
        "datetime" => json!(rfc3339(now)),
        "date" => json!(rfc3339(now)[..10]),
        "string" | "text" | "password" | "phoneNumber" | "ipv4" | "ipv6" | "ipBlock" | "uuid" => {
            json!("")
        }
        model => match api.enum_values(model) {
            Some(values) => json!(values.first().copied().unwrap_or_default()),
            None if api.model(model).is_some() => render(api, model, &Facts::default(), now),
            None => Value::Null,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_world_links_delegations_by_account_id() {
        let world = World::from_scenario(&Scenario::demo(), 0).expect("demo");
        let source = world
            .hosted(Kind::Exchange, Some("hosted-dc12345-1"), "hosted-dc12345-1")
            .expect("source");
        let claire = &source.accounts["claire.martin@demo-company.fr"];
        let julien_id = source.accounts["julien.bernard@demo-company.fr"].facts["id"].as_i64();
        assert_eq!(claire.full_access.keys().next().copied(), julien_id);
        assert_eq!(claire.aliases.len(), 2);
        let free = source
            .accounts
            .keys()
            .filter(|a| a.ends_with(FREE_SLOT_DOMAIN))
            .count();
        assert_eq!(free, 1);
        assert_eq!(source.lists["equipe@demo-company.fr"].members.len(), 5);
    }

    #[test]
    fn diagnostics_come_from_the_simulated_zone() {
        let world = World::from_scenario(&Scenario::demo(), 0).expect("demo");
        let source = world
            .hosted(Kind::Exchange, Some("hosted-dc12345-1"), "hosted-dc12345-1")
            .expect("source");
        let on_source = world
            .diagnosed_domain(source, "demo-company.fr")
            .expect("domain");
        assert_eq!(on_source["mxIsValid"], true);
        let mxplan = world
            .hosted(Kind::MxPlan, None, "mxplan-dc12345-1")
            .expect("mx plan");
        let relayed = world
            .diagnosed_domain(mxplan, "demo-company.fr")
            .expect("domain");
        assert_eq!(
            relayed["srvIsValid"], false,
            "the zone points at Exchange, not MX Plan"
        );
    }

    #[test]
    fn a_scenario_naming_an_unknown_delegate_is_refused() {
        let mut scenario = Scenario::demo();
        scenario.exchange[0].accounts[0].send_as = vec!["ghost@demo-company.fr".into()];
        let error = World::from_scenario(&scenario, 0).expect_err("unknown delegate");
        assert!(error.contains("ghost@demo-company.fr"), "{error}");
    }

    #[test]
    fn rendering_fills_every_property_of_the_model() {
        let api = Api::load().expect("schemas");
        let world = World::from_scenario(&Scenario::demo(), 0).expect("demo");
        let pro = world
            .hosted(Kind::Pro, None, "emailpro-dc12345-1")
            .expect("pro");
        let (_, slot) = pro.accounts.iter().next().expect("a slot");
        let rendered = render(&api, "email.pro.AccountNative", &slot.facts, 0);
        let properties = api
            .model("email.pro.AccountNative")
            .and_then(|m| m["properties"].as_object())
            .expect("model");
        assert_eq!(rendered.as_object().map(Map::len), Some(properties.len()));
        assert_eq!(rendered["configured"], false);
        crate::validation::check_value(&api, "response", "email.pro.AccountNative", &rendered)
            .expect("fits its model");
    }
}
