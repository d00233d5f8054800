//! Writes to Exchange, Email Pro and current MX Plan services: each is checked as OVHcloud
//! checks it, then starts a task whose effect lands when it is done.

use mailshift_ovh::Method;
use mailshift_ovh::password::PasswordPolicy;
use serde_json::{Value, json};

use crate::call::Call;
use crate::refusal::Refusal;
use crate::tasks::{Collection, Effect, Latency};
use crate::world::{FREE_SLOT_DOMAIN, Facts, Kind, World, hosted_template, render};

/// What a write answers: a task, or nothing (`void`).
pub type Written = Option<Value>;

/// Applies a write; `None` when the sandbox does not model the operation.
pub fn write(
    call: &Call<'_>,
    world: &mut World,
    latency: &Latency,
) -> Option<Result<Written, Refusal>> {
    let Call {
        api,
        route,
        params,
        body,
        now_ms,
        ..
    } = *call;
    if let Some(answer) = crate::legacy::write_legacy(call, world, latency) {
        return Some(answer);
    }
    let (kind, rest) = hosted_template(&route.template)?;
    let param = |name: &str| params.get(name).map_or("", String::as_str);
    let organization = (kind == Kind::Exchange).then(|| param("organizationName"));
    let name = param(kind.service_param());
    let Some(service) = world.hosted_index(kind, organization, name) else {
        return Some(Err(Refusal::not_found(kind.service_param(), name)));
    };
    let rest = rest.replace("{primaryEmailAddress}", "{email}");
    let field = |name: &str| {
        body.and_then(|b| b.get(name))
            .cloned()
            .unwrap_or(Value::Null)
    };
    let text = |name: &str| field(name).as_str().map(str::to_owned);
    let task = |facts: Facts| {
        Ok(Some(render(
            api,
            &route.response_type,
            &facts,
            now_ms / 1000,
        )))
    };

    if (route.method, rest.as_str()) == (Method::Post, "/domain") {
        let domain = text("name").unwrap_or_default();
        let hosted = &mut world.hosted[service];
        if hosted.domains.contains_key(&domain) {
            return Some(Err(Refusal::api(
                409,
                "Client::Conflict::AlreadyExists",
                format!("The domain {domain} is already attached to this service"),
            )));
        }
        let validated = world.dns.contains_key(&domain);
        let facts = json!({
            "name": domain, "type": field("type"), "mxRelay": field("mxRelay"), "state": "creating",
            "taskPendingId": 0, "domainValidated": validated, "main": false, "isAliasDomain": false,
            "cnameToCheck": (!validated).then(|| format!("ovh-{name}.{domain}")), "domainAliases": [],
        });
        world.hosted[service]
            .domains
            .insert(domain.clone(), Facts::from(facts));
        let started = world.start_task(
            service,
            None,
            "addDomain",
            Effect::Domain {
                name: domain.clone(),
            },
            now_ms,
            latency,
        );
        if let Some(d) = world.hosted[service].domains.get_mut(&domain) {
            d.insert("taskPendingId".into(), started["id"].clone());
        }
        return Some(task(started));
    }

    if let Some(answer) = service_object(call, world, service, kind, &rest, latency) {
        return Some(answer);
    }

    let address = params
        .get("primaryEmailAddress")
        .or_else(|| params.get("email"))
        .map(|a| a.to_lowercase())
        .unwrap_or_default();
    if !rest.starts_with("/account/{email}") {
        return None;
    }
    let hosted = &world.hosted[service];
    let Some(account) = hosted.accounts.get(&address) else {
        return Some(Err(Refusal::not_found(
            if kind == Kind::Exchange {
                "primaryEmailAddress"
            } else {
                "email"
            },
            &address,
        )));
    };
    let id = account.facts["id"].as_i64().unwrap_or_default();
    if account.facts["taskPendingId"].as_i64().unwrap_or(0) != 0 {
        return Some(Err(Refusal::api(
            409,
            "Client::Conflict",
            "This account is already being processed, please try later",
        )));
    }
    let configured = account.facts["configured"].as_bool().unwrap_or(false);
    let domains: Vec<String> = hosted.domains.keys().cloned().collect();
    let taken = |candidate: &str| world.address_in_use(candidate);

    match (route.method, &rest[16..]) {
        (Method::Put, "") => {
            let login = text("login").unwrap_or_else(|| {
                account.facts["login"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            });
            let domain = text("domain").unwrap_or_else(|| {
                account.facts["domain"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            });
            let new_address = format!("{login}@{domain}").to_lowercase();
            let mut fields = Facts::default();
            for name in ["displayName", "firstName", "lastName", "hiddenFromGAL"] {
                if let Some(value) = body.and_then(|b| b.get(name)) {
                    fields.insert(name.into(), value.clone());
                }
            }
            if new_address == address {
                if let Some(same) = world.hosted[service].accounts.get_mut(&address) {
                    same.facts.extend(fields);
                }
                return Some(Ok(None));
            }
            if domain != FREE_SLOT_DOMAIN && !domains.contains(&domain) {
                return Some(Err(Refusal::bad_request(format!(
                    "The domain {domain} is not attached to this service"
                ))));
            }
            if taken(&new_address) {
                return Some(Err(Refusal::api(
                    409,
                    "Client::Conflict::AlreadyExists",
                    format!("The address {new_address} is already used"),
                )));
            }
            let function = if configured {
                "setAccount"
            } else {
                "addAccount"
            };
            let effect = Effect::Address {
                account: id,
                login,
                domain,
                fields,
            };
            world.start_task(service, Some(id), function, effect, now_ms, latency);
            Some(Ok(None))
        }
        (Method::Post, "/changePassword") => {
            let password = text("password").unwrap_or_default();
            let facts = &account.facts;
            let policy = match (kind, hosted.facts["isZimbra"].as_bool()) {
                (Kind::MxPlan, Some(true)) => PasswordPolicy::Zimbra,
                _ => PasswordPolicy::Hosted {
                    min_length: usize::try_from(
                        hosted.facts["minPasswordLength"].as_i64().unwrap_or(8),
                    )
                    .unwrap_or(8),
                    complexity: hosted.facts["complexityEnabled"].as_bool().unwrap_or(true),
                },
            };
            let problems = policy.problems(
                &password,
                facts["login"].as_str().unwrap_or_default(),
                facts["displayName"].as_str().unwrap_or_default(),
            );
            if let Some(problem) = problems.first() {
                return Some(Err(Refusal::bad_request(format!(
                    "Invalid password: {problem}"
                ))));
            }
            Some(task(world.start_task(
                service,
                Some(id),
                "changePassword",
                Effect::Password { account: id },
                now_ms,
                latency,
            )))
        }
        (Method::Post, "/alias") => {
            let alias = text("alias").unwrap_or_default().to_lowercase();
            let alias_domain = alias
                .split_once('@')
                .map(|(_, d)| d.to_owned())
                .unwrap_or_default();
            if !domains.contains(&alias_domain) {
                return Some(Err(Refusal::bad_request(format!(
                    "The domain of {alias} is not attached to this service"
                ))));
            }
            if taken(&alias) {
                return Some(Err(Refusal::api(
                    409,
                    "Client::Conflict::AlreadyExists",
                    format!("The address {alias} is already used"),
                )));
            }
            Some(task(world.start_task(
                service,
                Some(id),
                "addAlias",
                Effect::Alias { account: id, alias },
                now_ms,
                latency,
            )))
        }
        (Method::Post, right @ ("/fullAccess" | "/sendAs" | "/sendOnBehalfTo")) => {
            let (right, function, field_name) = match right {
                "/fullAccess" => (0, "addFullAccess", "allowedAccountId"),
                "/sendAs" => (1, "addSendAs", "allowAccountId"),
                _ => (2, "addSendOnBehalfTo", "allowAccountId"),
            };
            let delegate = field(field_name).as_i64().unwrap_or_default();
            if !hosted
                .accounts
                .values()
                .any(|a| a.facts["id"].as_i64() == Some(delegate) && a.facts["configured"] == true)
            {
                return Some(Err(Refusal::not_found(field_name, &delegate.to_string())));
            }
            let effect = Effect::Delegation {
                account: id,
                right,
                delegate,
            };
            Some(task(world.start_task(
                service,
                Some(id),
                function,
                effect,
                now_ms,
                latency,
            )))
        }
        (Method::Delete, "/alias/{alias}") => {
            let alias = param("alias").to_lowercase();
            if !account.aliases.contains_key(&alias) {
                return Some(Err(Refusal::not_found("alias", &alias)));
            }
            Some(task(world.start_task(
                service,
                Some(id),
                "deleteAlias",
                Effect::DropAlias { account: id, alias },
                now_ms,
                latency,
            )))
        }
        (
            Method::Delete,
            right @ ("/fullAccess/{allowedAccountId}"
            | "/sendAs/{allowedAccountId}"
            | "/sendOnBehalfTo/{allowedAccountId}"),
        ) => {
            let (right, function) = match right {
                "/fullAccess/{allowedAccountId}" => (0, "delFullAccess"),
                "/sendAs/{allowedAccountId}" => (1, "delSendAs"),
                _ => (2, "delSendOnBehalfTo"),
            };
            let delegate = param("allowedAccountId").parse::<i64>().unwrap_or_default();
            let held = [
                &account.full_access,
                &account.send_as,
                &account.send_on_behalf_to,
            ][usize::from(right)]
            .contains_key(&delegate);
            if !held {
                return Some(Err(Refusal::not_found(
                    "allowedAccountId",
                    &delegate.to_string(),
                )));
            }
            let effect = Effect::DropDelegation {
                account: id,
                right,
                delegate,
            };
            Some(task(world.start_task(
                service,
                Some(id),
                function,
                effect,
                now_ms,
                latency,
            )))
        }
        (Method::Post, "/export") => {
            if account.export.is_some() {
                return Some(Err(Refusal::api(
                    409,
                    "Client::Conflict",
                    "An export of this account already exists",
                )));
            }
            let started = world.start_task(
                service,
                None,
                "addExportPstRequest",
                Effect::Export { account: id },
                now_ms,
                latency,
            );
            if let Some(target) =
                crate::tasks::account_by_id(&mut world.hosted[service].accounts, id)
            {
                target.export = Some(Facts::from(json!({
                    "creationDate": crate::clock::rfc3339(now_ms / 1000),
                    "percentComplete": 0,
                    "taskPendingId": started["id"],
                })));
            }
            Some(task(started))
        }
        (Method::Post, "/exportURL") => {
            let complete = account
                .export
                .as_ref()
                .is_some_and(|e| e["percentComplete"] == 100);
            if !complete {
                return Some(Err(Refusal::bad_request("The export is not finished yet")));
            }
            Some(task(world.start_task(
                service,
                None,
                "generatePstUrl",
                Effect::ExportUrl { account: id },
                now_ms,
                latency,
            )))
        }
        (Method::Delete, "/export") => {
            if account.export.is_none() {
                return Some(Err(Refusal::not_found("export", &address)));
            }
            Some(task(world.start_task(
                service,
                None,
                "deleteExportPstRequest",
                Effect::DropExport { account: id },
                now_ms,
                latency,
            )))
        }
        (Method::Delete, "") => {
            if !configured {
                return Some(Err(Refusal::bad_request("This account is not configured")));
            }
            Some(task(world.start_task(
                service,
                Some(id),
                "deleteAccount",
                Effect::Reset { account: id },
                now_ms,
                latency,
            )))
        }
        _ => None,
    }
}

/// Creating groups, group members and managers, external contacts and footers.
fn service_object(
    call: &Call<'_>,
    world: &mut World,
    service: usize,
    kind: Kind,
    rest: &str,
    latency: &Latency,
) -> Option<Result<Written, Refusal>> {
    let Call {
        api,
        route,
        params,
        body,
        now_ms,
        ..
    } = *call;
    if route.method == Method::Delete {
        return drop_service_object(call, world, service, kind, rest, latency);
    }
    if route.method != Method::Post {
        return None;
    }
    let field = |name: &str| {
        body.and_then(|b| b.get(name))
            .cloned()
            .unwrap_or(Value::Null)
    };
    let text = |name: &str| field(name).as_str().unwrap_or_default().to_lowercase();
    let param = |name: &str| params.get(name).map_or("", String::as_str);
    let now = now_ms / 1000;
    let hosted = &world.hosted[service];
    let domains: Vec<String> = hosted.domains.keys().cloned().collect();
    let in_use = |address: &str| {
        world.address_in_use(address)
            || hosted.lists.contains_key(address)
            || hosted.contacts.contains_key(address)
    };
    let conflict = |what: &str| {
        Err(Refusal::api(
            409,
            "Client::Conflict::AlreadyExists",
            format!("{what} already exists"),
        ))
    };
    let (function, collection, key, facts) = match rest {
        "/mailingList" if kind == Kind::Exchange => {
            let address = text("mailingListAddress");
            let own_domain = address
                .split_once('@')
                .is_some_and(|(_, d)| domains.iter().any(|x| x == d));
            if !own_domain {
                return Some(Err(Refusal::bad_request(format!(
                    "The domain of {address} is not attached to this service"
                ))));
            }
            if in_use(&address) {
                return Some(conflict(&address));
            }
            let facts = json!({
                "mailingListAddress": address, "displayName": field("displayName"),
                "joinRestriction": field("joinRestriction"), "departRestriction": field("departRestriction"),
                "hiddenFromGAL": field("hiddenFromGAL").as_bool().unwrap_or(false),
                "senderAuthentification": field("senderAuthentification").as_bool().unwrap_or(false),
                "maxReceiveSize": field("maxReceiveSize"), "maxSendSize": field("maxSendSize"),
                "state": "creating", "creationDate": rfc(now),
            });
            ("addDistributionGroup", Collection::Lists, address, facts)
        }
        "/externalContact" => {
            let address = text("externalEmailAddress");
            if in_use(&address) {
                return Some(conflict(&address));
            }
            let id = world.next_id();
            let facts = json!({
                "externalEmailAddress": address, "displayName": field("displayName"), "id": id,
                "firstName": field("firstName"), "lastName": field("lastName"), "initials": field("initials"),
                "hiddenFromGAL": field("hiddenFromGAL").as_bool().unwrap_or(false),
                "state": "creating", "creationDate": rfc(now),
            });
            ("addExternalContact", Collection::Contacts, address, facts)
        }
        "/domain/{domainName}/disclaimer" => {
            let domain = param("domainName").to_owned();
            if !hosted.domains.contains_key(&domain) {
                return Some(Err(Refusal::not_found("domainName", &domain)));
            }
            if hosted.disclaimers.contains_key(&domain) {
                return Some(conflict(&format!("A footer for {domain}")));
            }
            let facts = json!({
                "name": domain, "content": field("content"),
                "outsideOnly": field("outsideOnly").as_bool().unwrap_or(false), "creationDate": rfc(now),
            });
            (
                "addDomainDisclaimer",
                Collection::Disclaimers,
                domain,
                facts,
            )
        }
        "/mailingList/{mailingListAddress}/member/account"
        | "/mailingList/{mailingListAddress}/manager/account" => {
            let manager = rest.contains("/manager/");
            let list = param("mailingListAddress").to_lowercase();
            let Some(group) = hosted.lists.get(&list) else {
                return Some(Err(Refusal::not_found("mailingListAddress", &list)));
            };
            let id_field = if manager {
                "managerAccountId"
            } else {
                "memberAccountId"
            };
            let account = field(id_field).as_i64().unwrap_or_default();
            let Some(address) = hosted
                .accounts
                .values()
                .find(|a| a.facts["id"].as_i64() == Some(account) && a.facts["configured"] == true)
                .and_then(|a| a.facts["primaryEmailAddress"].as_str().map(str::to_owned))
            else {
                return Some(Err(Refusal::not_found(id_field, &account.to_string())));
            };
            let already = if manager {
                group.managers.contains_key(&account)
            } else {
                group.members.contains_key(&account)
            };
            if already {
                return Some(conflict(&format!("{address} in {list}")));
            }
            let function = if manager {
                "addDistributionGroupManager"
            } else {
                "addDistributionGroupMember"
            };
            let effect = Effect::Membership {
                list,
                manager,
                account,
                address,
            };
            let task = world.start_task(service, None, function, effect, now_ms, latency);
            return Some(Ok(Some(render(api, &route.response_type, &task, now))));
        }
        _ => return None,
    };
    let hosted = &mut world.hosted[service];
    let facts = Facts::from(facts);
    match collection {
        Collection::Lists => {
            hosted.lists.insert(
                key.clone(),
                crate::world::List {
                    facts,
                    ..Default::default()
                },
            );
        }
        Collection::Contacts => {
            hosted.contacts.insert(key.clone(), facts);
        }
        Collection::Disclaimers => {
            hosted.disclaimers.insert(key.clone(), facts);
        }
    }
    let task = world.start_task(
        service,
        None,
        function,
        Effect::Ready {
            collection,
            key: key.clone(),
        },
        now_ms,
        latency,
    );
    let hosted = &mut world.hosted[service];
    let pending = match collection {
        Collection::Lists => hosted.lists.get_mut(&key).map(|l| &mut l.facts),
        Collection::Contacts => hosted.contacts.get_mut(&key),
        Collection::Disclaimers => hosted.disclaimers.get_mut(&key),
    };
    if let Some(pending) = pending {
        pending.insert("taskPendingId".into(), task["id"].clone());
    }
    Some(Ok(Some(render(api, &route.response_type, &task, now))))
}

/// Deleting groups, external contacts and footers.
fn drop_service_object(
    call: &Call<'_>,
    world: &mut World,
    service: usize,
    kind: Kind,
    rest: &str,
    latency: &Latency,
) -> Option<Result<Written, Refusal>> {
    let param = |name: &str| call.params.get(name).map_or("", String::as_str);
    let hosted = &world.hosted[service];
    let (function, collection, name, key) = match rest {
        "/mailingList/{mailingListAddress}" if kind == Kind::Exchange => (
            "deleteDistributionGroup",
            Collection::Lists,
            "mailingListAddress",
            param("mailingListAddress").to_lowercase(),
        ),
        "/externalContact/{externalEmailAddress}" => (
            "deleteExternalContact",
            Collection::Contacts,
            "externalEmailAddress",
            param("externalEmailAddress").to_lowercase(),
        ),
        "/domain/{domainName}/disclaimer" => (
            "deleteDomainDisclaimer",
            Collection::Disclaimers,
            "domainName",
            param("domainName").to_owned(),
        ),
        _ => return None,
    };
    let exists = match collection {
        Collection::Lists => hosted.lists.contains_key(&key),
        Collection::Contacts => hosted.contacts.contains_key(&key),
        Collection::Disclaimers => hosted.disclaimers.contains_key(&key),
    };
    if !exists {
        return Some(Err(Refusal::not_found(name, &key)));
    }
    let effect = Effect::Drop { collection, key };
    let task = world.start_task(service, None, function, effect, call.now_ms, latency);
    Some(Ok(Some(render(
        call.api,
        &call.route.response_type,
        &task,
        call.now_ms / 1000,
    ))))
}

fn rfc(seconds: i64) -> String {
    crate::clock::rfc3339(seconds)
}
