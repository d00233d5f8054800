//! Reading the email platforms: what each `GET` of the schemas answers from the world.
//!
//! Exchange, Email Pro and current MX Plan share their shapes under different bases, so their
//! templates are reduced to one form (`/account/{email}/tasks/{id}`...) and served once.

use serde_json::{Value, json};

use crate::call::Call;
use crate::clock::rfc3339;
use crate::refusal::Refusal;
use crate::schema::Api;
use crate::world::{Facts, Hosted, Kind, World, hosted_template, render};

/// What a read found.
#[derive(Debug)]
pub enum Found {
    /// One object, already rendered.
    Object(Value),
    /// A collection: its ids, and the same items as full objects for bulk listing.
    Collection {
        /// What a plain `GET` answers.
        ids: Vec<Value>,
        /// What `X-Pagination-Mode: CachedObjectList-Pages` pages through.
        objects: Vec<Value>,
    },
}

/// Answers a `GET`; `None` when the sandbox does not model the operation.
pub fn read(call: &Call<'_>, world: &World) -> Option<Result<Found, Refusal>> {
    let Call {
        api, route, params, ..
    } = *call;
    let now = call.now();
    let param = |name: &str| params.get(name).map_or("", String::as_str);

    match route.template.as_str() {
        "/email/exchange" => {
            let mut organizations: Vec<&str> = world
                .hosted
                .iter()
                .filter_map(|h| h.organization.as_deref())
                .collect();
            organizations.dedup();
            return Some(Ok(names(organizations)));
        }
        "/email/exchange/{organizationName}/service" => {
            let organization = param("organizationName");
            let services: Vec<&Hosted> = world
                .hosted
                .iter()
                .filter(|h| h.organization.as_deref() == Some(organization))
                .collect();
            if services.is_empty() {
                return Some(Err(Refusal::not_found("organizationName", organization)));
            }
            return Some(Ok(names(services.iter().map(|h| h.name.as_str()))));
        }
        "/email/pro" | "/email/mxplan" => {
            let kind = if route.template == "/email/pro" {
                Kind::Pro
            } else {
                Kind::MxPlan
            };
            let model = item_model(api, &route.template);
            let services: Vec<&Hosted> = world.hosted.iter().filter(|h| h.kind == kind).collect();
            return Some(Ok(Found::Collection {
                ids: services.iter().map(|h| json!(h.name)).collect(),
                objects: services
                    .iter()
                    .map(|h| render(api, &model, &h.facts, now))
                    .collect(),
            }));
        }
        _ => {}
    }
    if let Some(rest) = route.template.strip_prefix("/email/domain") {
        return legacy(call, world, rest);
    }
    let (kind, rest) = hosted_template(&route.template)?;
    let hosted = match kind {
        Kind::Exchange => world.hosted(
            kind,
            Some(param("organizationName")),
            param("exchangeService"),
        ),
        _ => world.hosted(kind, None, param("service")),
    };
    let Some(hosted) = hosted else {
        let name = kind.service_param();
        return Some(Err(Refusal::not_found(name, param(name))));
    };
    let rest = rest
        .replace("{primaryEmailAddress}", "{email}")
        .replace("/account/{email}/task/", "/account/{email}/tasks/");
    let rest = if rest == "/account/{email}/task" {
        "/account/{email}/tasks".to_owned()
    } else {
        rest
    };
    hosted_read(call, world, hosted, &rest)
}

fn hosted_read(
    call: &Call<'_>,
    world: &World,
    hosted: &Hosted,
    rest: &str,
) -> Option<Result<Found, Refusal>> {
    let Call {
        api,
        route,
        params,
        query,
        ..
    } = *call;
    let now = call.now();
    let param = |name: &str| params.get(name).map_or("", String::as_str);
    let model = &route.response_type;
    let one = |facts: Option<&Facts>, what: &str, value: &str| {
        Some(match facts {
            Some(facts) => Ok(Found::Object(render(api, model, facts, now))),
            None => Err(Refusal::not_found(what, value)),
        })
    };
    let account_param = params
        .get("primaryEmailAddress")
        .or_else(|| params.get("email"));
    let account =
        account_param.map(|address| (address, hosted.accounts.get(&address.to_lowercase())));
    if let Some((address, None)) = account {
        let name = if hosted.kind == Kind::Exchange {
            "primaryEmailAddress"
        } else {
            "email"
        };
        return Some(Err(Refusal::not_found(name, address)));
    }
    let account = account.and_then(|(_, a)| a);
    let id_param = |name: &str| param(name).parse::<i64>().unwrap_or(-1);
    let collection = |items: Vec<(Value, &Facts)>| {
        let item = item_model(api, &route.template);
        Some(Ok(Found::Collection {
            ids: items.iter().map(|(id, _)| id.clone()).collect(),
            objects: items
                .iter()
                .map(|(_, f)| render(api, &item, f, now))
                .collect(),
        }))
    };
    match (rest, account) {
        ("", _) => one(Some(&hosted.facts), "service", &hosted.name),
        ("/server", _) => {
            // Addresses from the documentation ranges: the sandbox's server is nowhere.
            let used: i64 = hosted
                .accounts
                .values()
                .filter_map(|a| a.facts["currentUsage"].as_i64())
                .sum();
            let server = Facts::from(json!({
                "ip": "192.0.2.10", "ipV6": "2001:db8::10", "state": "ok", "taskPendingId": 0,
                "isAValid": true, "isAaaaValid": true, "isPtrValid": true, "isPtrV6Valid": true,
                "currentDiskUsage": used,
            }));
            Some(Ok(Found::Object(render(api, model, &server, now))))
        }
        ("/domain", _) => {
            let diagnosed: Vec<Facts> = hosted
                .domains
                .keys()
                .filter_map(|d| world.diagnosed_domain(hosted, d))
                .collect();
            collection(diagnosed.iter().map(|d| (d["name"].clone(), d)).collect())
        }
        ("/domain/{domainName}", _) => one(
            world.diagnosed_domain(hosted, param("domainName")).as_ref(),
            "domainName",
            param("domainName"),
        ),
        ("/domain/{domainName}/disclaimer", _) => {
            if !hosted.domains.contains_key(param("domainName")) {
                return Some(Err(Refusal::not_found("domainName", param("domainName"))));
            }
            one(
                hosted.disclaimers.get(param("domainName")),
                "disclaimer",
                param("domainName"),
            )
        }
        ("/account", _) => {
            let wanted_address = query
                .iter()
                .find(|(n, _)| n == "primaryEmailAddress")
                .map(|(_, v)| v.as_str());
            let wanted_id = query
                .iter()
                .find(|(n, _)| n == "id")
                .and_then(|(_, v)| v.parse::<i64>().ok());
            let items = hosted
                .accounts
                .values()
                .filter(|a| {
                    wanted_address.is_none_or(|w| {
                        like(
                            w,
                            a.facts["primaryEmailAddress"].as_str().unwrap_or_default(),
                        )
                    })
                })
                .filter(|a| wanted_id.is_none_or(|w| a.facts["id"].as_i64() == Some(w)))
                .map(|a| (a.facts["primaryEmailAddress"].clone(), &a.facts))
                .collect();
            collection(items)
        }
        ("/account/{email}", Some(account)) => one(Some(&account.facts), "email", ""),
        ("/account/{email}/alias", Some(account)) => collection(
            account
                .aliases
                .values()
                .map(|a| (a["alias"].clone(), a))
                .collect(),
        ),
        ("/account/{email}/alias/{alias}", Some(account)) => one(
            account.aliases.get(&param("alias").to_lowercase()),
            "alias",
            param("alias"),
        ),
        ("/account/{email}/tasks", Some(account)) => {
            collection(account.tasks.iter().map(|(id, f)| (json!(id), f)).collect())
        }
        ("/account/{email}/tasks/{id}", Some(account)) => {
            one(account.tasks.get(&id_param("id")), "id", param("id"))
        }
        ("/account/{email}/export", Some(account)) => one(account.export.as_ref(), "export", ""),
        ("/account/{email}/exportURL", Some(account)) => {
            one(account.export_url.as_ref(), "exportURL", "")
        }
        (delegation, Some(account))
            if delegation.starts_with("/account/{email}/")
                && account.delegations(delegation_right(delegation)).is_some() =>
        {
            let right = delegation_right(delegation);
            let granted = account.delegations(right)?;
            if delegation.ends_with("/{allowedAccountId}") {
                one(
                    granted.get(&id_param("allowedAccountId")),
                    "allowedAccountId",
                    param("allowedAccountId"),
                )
            } else {
                collection(granted.iter().map(|(id, f)| (json!(id), f)).collect())
            }
        }
        ("/task", _) => collection(hosted.tasks.iter().map(|(id, f)| (json!(id), f)).collect()),
        ("/task/{id}", _) => one(hosted.tasks.get(&id_param("id")), "id", param("id")),
        ("/externalContact", _) => collection(
            hosted
                .contacts
                .values()
                .map(|c| (c["externalEmailAddress"].clone(), c))
                .collect(),
        ),
        ("/externalContact/{externalEmailAddress}", _) => one(
            hosted
                .contacts
                .get(&param("externalEmailAddress").to_lowercase()),
            "externalEmailAddress",
            param("externalEmailAddress"),
        ),
        ("/mailingList", _) => collection(
            hosted
                .lists
                .values()
                .map(|l| (l.facts["mailingListAddress"].clone(), &l.facts))
                .collect(),
        ),
        (list_rest, _) if list_rest.starts_with("/mailingList/{mailingListAddress}") => {
            let address = param("mailingListAddress");
            let Some(list) = hosted.lists.get(&address.to_lowercase()) else {
                return Some(Err(Refusal::not_found("mailingListAddress", address)));
            };
            match &list_rest["/mailingList/{mailingListAddress}".len()..] {
                "" => one(Some(&list.facts), "mailingListAddress", address),
                "/member/account" => {
                    collection(list.members.iter().map(|(id, f)| (json!(id), f)).collect())
                }
                "/member/account/{memberAccountId}" => one(
                    list.members.get(&id_param("memberAccountId")),
                    "memberAccountId",
                    param("memberAccountId"),
                ),
                "/manager/account" => {
                    collection(list.managers.iter().map(|(id, f)| (json!(id), f)).collect())
                }
                "/manager/account/{managerAccountId}" => one(
                    list.managers.get(&id_param("managerAccountId")),
                    "managerAccountId",
                    param("managerAccountId"),
                ),
                _ => None,
            }
        }
        _ => None,
    }
}

fn legacy(call: &Call<'_>, world: &World, rest: &str) -> Option<Result<Found, Refusal>> {
    let Call {
        api,
        route,
        params,
        query,
        ..
    } = *call;
    let now = call.now();
    if rest.is_empty() {
        let model = item_model(api, &route.template);
        return Some(Ok(Found::Collection {
            ids: world.legacy.iter().map(|l| json!(l.domain)).collect(),
            objects: world
                .legacy
                .iter()
                .map(|l| render(api, &model, &l.facts, now))
                .collect(),
        }));
    }
    let rest = rest.strip_prefix("/{domain}")?;
    if let Some(found) = crate::legacy::read_migration(call, world, rest) {
        return Some(found);
    }
    let domain = params.get("domain").map_or("", String::as_str);
    let Some(service) = world.legacy(domain) else {
        return Some(Err(Refusal::not_found("domain", domain)));
    };
    let model = &route.response_type;
    let param = |name: &str| params.get(name).map_or("", String::as_str);
    match rest {
        "" => Some(Ok(Found::Object(render(api, model, &service.facts, now)))),
        "/account" => {
            let wanted = query
                .iter()
                .find(|(n, _)| n == "accountName")
                .map(|(_, v)| v.as_str());
            let item = item_model(api, &route.template);
            let accounts: Vec<&Facts> = service
                .accounts
                .values()
                .filter(|a| {
                    wanted.is_none_or(|w| like(w, a["accountName"].as_str().unwrap_or_default()))
                })
                .collect();
            Some(Ok(Found::Collection {
                ids: accounts.iter().map(|a| a["accountName"].clone()).collect(),
                objects: accounts
                    .iter()
                    .map(|a| render(api, &item, a, now))
                    .collect(),
            }))
        }
        "/account/{accountName}" => Some(match service.accounts.get(param("accountName")) {
            Some(account) => Ok(Found::Object(render(api, model, account, now))),
            None => Err(Refusal::not_found("accountName", param("accountName"))),
        }),
        // Nothing copies mail into the sandbox: a mailbox holds what its scenario gave it.
        "/account/{accountName}/usage" => Some(match service.accounts.get(param("accountName")) {
            Some(account) => {
                let usage = json!({"quota": account["usedBytes"].as_i64().unwrap_or(0), "emailCount": 0, "date": rfc3339(now)});
                Ok(Found::Object(render(api, model, &Facts::from(usage), now)))
            }
            None => Err(Refusal::not_found("accountName", param("accountName"))),
        }),
        "/quota" => Some(Ok(Found::Object(render(api, model, &service.quota, now)))),
        "/summary" => {
            let summary = json!({"account": service.accounts.len(), "mailingList": 0, "redirection": 0, "responder": 0});
            let facts = Facts::from(summary);
            Some(Ok(Found::Object(render(api, model, &facts, now))))
        }
        "/task/account" => {
            let wanted = query
                .iter()
                .find(|(n, _)| n == "name")
                .map(|(_, v)| v.as_str());
            let item = item_model(api, &route.template);
            let tasks: Vec<(&i64, &Facts)> = service
                .tasks
                .iter()
                .filter(|(_, t)| wanted.is_none_or(|w| t["name"] == w))
                .collect();
            Some(Ok(Found::Collection {
                ids: tasks.iter().map(|(id, _)| json!(id)).collect(),
                objects: tasks
                    .iter()
                    .map(|(_, t)| render(api, &item, t, now))
                    .collect(),
            }))
        }
        "/task/account/{id}" => Some(
            match service.tasks.get(&param("id").parse::<i64>().unwrap_or(-1)) {
                Some(task) => Ok(Found::Object(render(api, model, task, now))),
                None => Err(Refusal::not_found("id", param("id"))),
            },
        ),
        _ => None,
    }
}

/// `fullAccess` in `/account/{email}/fullAccess/{allowedAccountId}`.
fn delegation_right(rest: &str) -> &str {
    rest.trim_start_matches("/account/{email}/")
        .split('/')
        .next()
        .unwrap_or_default()
}

fn names<'a>(names: impl IntoIterator<Item = &'a str>) -> Found {
    let ids: Vec<Value> = names.into_iter().map(|n| json!(n)).collect();
    Found::Collection {
        objects: ids.clone(),
        ids,
    }
}

/// The model of one item of a collection: the response type of `GET {template}/{param}`,
/// whatever the platform names that parameter.
fn item_model(api: &Api, template: &str) -> String {
    let prefix = format!("{template}/{{");
    api.routes()
        .iter()
        .find(|r| {
            r.method == mailshift_ovh::Method::Get
                && r.template
                    .strip_prefix(&prefix)
                    .is_some_and(|rest| rest.ends_with('}') && !rest.contains('/'))
        })
        .map_or_else(String::new, |r| r.response_type.clone())
}

/// OVHcloud's query filters compare like SQL `LIKE`: `%` for any text, otherwise equal (case
/// aside).
fn like(pattern: &str, value: &str) -> bool {
    let pattern = pattern.to_lowercase().replace('%', "*");
    mailshift_ovh::access_rules::pattern_matches(&pattern, &value.to_lowercase())
}
