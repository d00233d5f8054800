//! Legacy MX Plan (`/email/domain`): account creation and OVHcloud's own migration of a
//! mailbox to Exchange or Email Pro. Its tasks have no status: they disappear when done.

use mailshift_ovh::Method;
use mailshift_ovh::password::PasswordPolicy;
use serde_json::{Value, json};

use crate::call::Call;
use crate::clock::rfc3339;
use crate::refusal::Refusal;
use crate::tasks::Latency;
use crate::world::{FREE_SLOT_DOMAIN, Facts, Hosted, Kind, World, render};

/// What a legacy task does once done.
#[derive(Clone, Debug, PartialEq)]
pub enum LegacyEffect {
    /// A mailbox is created.
    Create {
        /// Its facts.
        account: Facts,
    },
    /// A mailbox and its content go.
    Delete {
        /// The local part.
        name: String,
    },
    /// A mailbox moves to a free slot of an Exchange or Email Pro service.
    Migrate {
        /// The local part on the legacy service.
        name: String,
        /// The destination service's index.
        destination: usize,
        /// The free slot it takes.
        slot: String,
    },
}

/// A legacy task not finished yet.
#[derive(Clone, Debug)]
pub struct LegacyRunning {
    id: i64,
    domain: String,
    done_ms: i64,
    effect: LegacyEffect,
}

/// The destination kinds `GET .../migrate?type=` names.
fn migration_type(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Exchange => Some("HOSTED EXCHANGE"),
        Kind::Pro => Some("EMAIL PRO"),
        Kind::MxPlan => None,
    }
}

impl World {
    /// Finishes legacy tasks whose time has come.
    pub(crate) fn settle_legacy(&mut self, now_ms: i64) {
        let running = std::mem::take(&mut self.legacy_running);
        for task in running {
            if now_ms < task.done_ms {
                self.legacy_running.push(task);
                continue;
            }
            if let Some(service) = self.legacy.iter_mut().find(|l| l.domain == task.domain) {
                service.tasks.remove(&task.id);
            }
            self.apply_legacy(&task.domain, task.effect, task.done_ms / 1000);
        }
    }

    fn apply_legacy(&mut self, domain: &str, effect: LegacyEffect, now: i64) {
        match effect {
            LegacyEffect::Create { account } => {
                if let Some(service) = self.legacy.iter_mut().find(|l| l.domain == domain) {
                    let name = account["accountName"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned();
                    service.accounts.insert(name, account);
                }
            }
            LegacyEffect::Delete { name } => {
                if let Some(service) = self.legacy.iter_mut().find(|l| l.domain == domain) {
                    service.accounts.remove(&name);
                }
            }
            LegacyEffect::Migrate {
                name,
                destination,
                slot,
            } => {
                if let Some(service) = self.legacy.iter_mut().find(|l| l.domain == domain) {
                    service.accounts.remove(&name);
                }
                let Some(hosted) = self.hosted.get_mut(destination) else {
                    return;
                };
                hosted.domains.entry(domain.to_owned()).or_insert_with(|| {
                    Facts::from(json!({
                        "name": domain, "type": "nonAuthoritative", "state": "ok", "taskPendingId": 0,
                        "domainValidated": true, "main": false, "isAliasDomain": false, "domainAliases": [],
                    }))
                });
                if let Some(mut account) = hosted.accounts.remove(&slot) {
                    let address = format!("{name}@{domain}");
                    account.facts.extend(Facts::from(json!({
                        "login": name, "domain": domain, "primaryEmailAddress": address,
                        "configured": true, "state": "ok", "taskPendingId": 0, "lastUpdateDate": rfc3339(now),
                    })));
                    hosted.accounts.insert(address, account);
                }
            }
        }
    }

    fn start_legacy_task(
        &mut self,
        domain: &str,
        action: &str,
        name: &str,
        effect: LegacyEffect,
        now_ms: i64,
        latency: &Latency,
    ) -> Facts {
        let id = self.next_id();
        let run = latency
            .run_ms
            .get(action)
            .copied()
            .unwrap_or(latency.default_run_ms)
            + latency.start_ms;
        let done_ms = now_ms + (run as f64 * latency.scale.max(0.0)).round() as i64;
        let facts = Facts::from(json!({
            "id": id, "action": action, "date": rfc3339(now_ms / 1000), "domain": domain, "name": name,
        }));
        if let Some(service) = self.legacy.iter_mut().find(|l| l.domain == domain) {
            service.tasks.insert(id, facts.clone());
        }
        self.legacy_running.push(LegacyRunning {
            id,
            domain: domain.to_owned(),
            done_ms,
            effect,
        });
        facts
    }

    /// The destinations a legacy mailbox can move to, of a type if one is asked for.
    fn destinations(&self, wanted: Option<&str>) -> Vec<(usize, &Hosted)> {
        self.hosted
            .iter()
            .enumerate()
            .filter(|(_, h)| migration_type(h.kind).is_some_and(|t| wanted.is_none_or(|w| w == t)))
            .collect()
    }

    /// What `checkMigrate` reports for moving `name` to `slot` on `destination`.
    fn migration_check(&self, domain: &str, name: &str, destination: &Hosted, slot: &str) -> Value {
        let mut errors = Vec::new();
        let busy = self.legacy_running.iter().any(|t| {
            t.domain == domain
                && matches!(&t.effect, LegacyEffect::Migrate { name: n, .. } if n == name)
        });
        if busy {
            errors.push(json!({"code": "ACCOUNT_INPROGRESS", "details": format!("{name}@{domain} is already being migrated")}));
        }
        let free = destination
            .accounts
            .get(slot)
            .is_some_and(|a| a.facts["configured"] == false);
        if !free {
            errors.push(json!({"code": "UNKNOW", "details": format!("{slot} is not a free account on {}", destination.name)}));
        }
        json!({"alias": [], "filter": [], "forward": [], "error": errors, "warning": []})
    }
}

/// Reads of the legacy migration endpoints; `None` when not one of them.
pub fn read_migration(
    call: &Call<'_>,
    world: &World,
    rest: &str,
) -> Option<Result<crate::email::Found, Refusal>> {
    let Call {
        api,
        route,
        params,
        query,
        ..
    } = *call;
    let now = call.now();
    use crate::email::Found;
    let rest = rest.strip_prefix("/account/{accountName}/migrate")?;
    let param = |name: &str| params.get(name).map_or("", String::as_str);
    let domain = param("domain");
    let name = param("accountName");
    if world
        .legacy(domain)
        .is_none_or(|l| !l.accounts.contains_key(name))
    {
        return Some(Err(Refusal::not_found("accountName", name)));
    }
    if rest.is_empty() {
        let wanted = query
            .iter()
            .find(|(n, _)| n == "type")
            .map(|(_, v)| v.as_str());
        let names: Vec<Value> = world
            .destinations(wanted)
            .iter()
            .map(|(_, h)| json!(h.name))
            .collect();
        return Some(Ok(Found::Collection {
            ids: names.clone(),
            objects: names,
        }));
    }
    let rest = rest.strip_prefix("/{destinationServiceName}")?;
    let wanted = param("destinationServiceName");
    let Some((_, destination)) = world
        .destinations(None)
        .into_iter()
        .find(|(_, h)| h.name == wanted)
    else {
        return Some(Err(Refusal::not_found("destinationServiceName", wanted)));
    };
    let model = &route.response_type;
    let object = |facts: Value| {
        Some(Ok(Found::Object(render(
            api,
            model,
            &Facts::from(facts),
            now,
        ))))
    };
    match rest {
        "" => object(json!({
            "destinationServiceName": destination.name,
            "type": migration_type(destination.kind),
            "contactAdmin": "demo-sandbox", "contactBilling": "demo-sandbox", "contactTech": "demo-sandbox",
        })),
        "/destinationEmailAddress" => {
            let slots: Vec<Value> = destination
                .accounts
                .iter()
                .filter(|(_, a)| a.facts["configured"] == false)
                .map(|(address, _)| json!(address))
                .collect();
            Some(Ok(Found::Collection {
                ids: slots.clone(),
                objects: slots,
            }))
        }
        "/destinationEmailAddress/{destinationEmailAddress}" => {
            let slot = param("destinationEmailAddress");
            match destination
                .accounts
                .get(slot)
                .filter(|a| a.facts["domain"] == FREE_SLOT_DOMAIN)
            {
                Some(account) => object(
                    json!({"destinationEmailAddress": slot, "quota": account.facts["quota"]}),
                ),
                None => Some(Err(Refusal::not_found("destinationEmailAddress", slot))),
            }
        }
        "/destinationEmailAddress/{destinationEmailAddress}/checkMigrate" => object(
            world.migration_check(domain, name, destination, param("destinationEmailAddress")),
        ),
        _ => None,
    }
}

/// Legacy writes: creating a mailbox, and migrating one; `None` when not one of them.
pub fn write_legacy(
    call: &Call<'_>,
    world: &mut World,
    latency: &Latency,
) -> Option<Result<Option<Value>, Refusal>> {
    let Call {
        api,
        route,
        params,
        body,
        now_ms,
        ..
    } = *call;
    let rest = route.template.strip_prefix("/email/domain/{domain}")?;
    if route.method == Method::Delete && rest == "/account/{accountName}" {
        let domain = params.get("domain").cloned().unwrap_or_default();
        let name = params.get("accountName").cloned().unwrap_or_default();
        let Some(service) = world.legacy(&domain) else {
            return Some(Err(Refusal::not_found("domain", &domain)));
        };
        if !service.accounts.contains_key(&name) {
            return Some(Err(Refusal::not_found("accountName", &name)));
        }
        let effect = LegacyEffect::Delete { name: name.clone() };
        let facts = world.start_legacy_task(&domain, "delete", &name, effect, now_ms, latency);
        return Some(Ok(Some(render(
            api,
            &route.response_type,
            &facts,
            now_ms / 1000,
        ))));
    }
    if route.method != Method::Post {
        return None;
    }
    let param = |name: &str| params.get(name).map_or("", String::as_str);
    let field = |name: &str| {
        body.and_then(|b| b.get(name))
            .cloned()
            .unwrap_or(Value::Null)
    };
    let domain = param("domain").to_owned();
    let Some(service) = world.legacy(&domain) else {
        return Some(Err(Refusal::not_found("domain", &domain)));
    };
    let task = |facts: Facts| {
        Ok(Some(render(
            api,
            &route.response_type,
            &facts,
            now_ms / 1000,
        )))
    };
    match rest {
        "/account" => {
            let name = field("accountName")
                .as_str()
                .unwrap_or_default()
                .to_lowercase();
            if service.accounts.contains_key(&name)
                || service.tasks.values().any(|t| t["name"] == name.as_str())
                || world.address_in_use(&format!("{name}@{domain}"))
            {
                return Some(Err(Refusal::api(
                    409,
                    "Client::Conflict::AlreadyExists",
                    format!("The account {name} already exists"),
                )));
            }
            let max = service.quota["account"].as_i64().unwrap_or(0);
            if i64::try_from(service.accounts.len()).unwrap_or(i64::MAX) >= max {
                return Some(Err(Refusal::api(
                    403,
                    "Client::Forbidden",
                    format!("This service allows {max} accounts, all in use"),
                )));
            }
            let allowed: Vec<i64> = service.facts["allowedAccountSize"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_i64)
                .collect();
            let size = field("size")
                .as_i64()
                .or_else(|| allowed.first().copied())
                .unwrap_or(0);
            if !allowed.contains(&size) {
                return Some(Err(Refusal::bad_request(format!(
                    "The size must be one of {allowed:?}"
                ))));
            }
            let password = field("password").as_str().unwrap_or_default().to_owned();
            if let Some(problem) = PasswordPolicy::Legacy
                .problems(&password, &name, "")
                .first()
            {
                return Some(Err(Refusal::bad_request(format!(
                    "Invalid password: {problem}"
                ))));
            }
            let account = Facts::from(json!({
                "accountName": name, "domain": domain, "email": format!("{name}@{domain}"),
                "description": field("description").as_str().unwrap_or_default(), "size": size, "isBlocked": false,
            }));
            let facts = world.start_legacy_task(
                &domain,
                "addAccount",
                &name,
                LegacyEffect::Create { account },
                now_ms,
                latency,
            );
            Some(task(facts))
        }
        "/account/{accountName}/migrate/{destinationServiceName}/destinationEmailAddress/{destinationEmailAddress}/migrate" =>
        {
            let name = param("accountName").to_owned();
            if !service.accounts.contains_key(&name) {
                return Some(Err(Refusal::not_found("accountName", &name)));
            }
            let wanted = param("destinationServiceName");
            let Some((index, destination)) = world
                .destinations(None)
                .into_iter()
                .find(|(_, h)| h.name == wanted)
            else {
                return Some(Err(Refusal::not_found("destinationServiceName", wanted)));
            };
            let slot = param("destinationEmailAddress").to_owned();
            let check = world.migration_check(&domain, &name, destination, &slot);
            if let Some(first) = check["error"].as_array().and_then(|e| e.first()) {
                return Some(Err(Refusal::bad_request(format!(
                    "Migration impossible: {}",
                    first["details"].as_str().unwrap_or("see checkMigrate")
                ))));
            }
            let policy = PasswordPolicy::Hosted {
                min_length: usize::try_from(
                    destination.facts["minPasswordLength"].as_i64().unwrap_or(8),
                )
                .unwrap_or(8),
                complexity: destination.facts["complexityEnabled"]
                    .as_bool()
                    .unwrap_or(true),
            };
            let password = field("password").as_str().unwrap_or_default().to_owned();
            if let Some(problem) = policy.problems(&password, &name, "").first() {
                return Some(Err(Refusal::bad_request(format!(
                    "Invalid password: {problem}"
                ))));
            }
            let effect = LegacyEffect::Migrate {
                name: name.clone(),
                destination: index,
                slot,
            };
            let facts =
                world.start_legacy_task(&domain, "migration", &name, effect, now_ms, latency);
            Some(task(facts))
        }
        _ => None,
    }
}
