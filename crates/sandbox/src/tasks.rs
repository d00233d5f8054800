//! Time in the sandbox: writes create tasks that go `todo -> doing -> done` on a latency model,
//! and their effect lands when they are done, as OVHcloud's do.

use std::collections::BTreeMap;

use serde_json::json;

use crate::clock::rfc3339;
use crate::world::{Account, FREE_SLOT_DOMAIN, Facts, World};

/// How long tasks take.
#[derive(Clone, Debug, PartialEq)]
pub struct Latency {
    /// Milliseconds before a task starts.
    pub start_ms: u64,
    /// Milliseconds a task runs, per task function.
    pub run_ms: BTreeMap<&'static str, u64>,
    /// For functions not listed.
    pub default_run_ms: u64,
    /// Each duration varies by up to this share either way.
    pub jitter: f64,
    /// Multiplies every duration: 1.0 for a believable demo, near 0 for fast tests.
    pub scale: f64,
}

impl Default for Latency {
    /// A believable pace: seconds per task.
    fn default() -> Self {
        Self {
            start_ms: 1_500,
            run_ms: BTreeMap::from([
                ("setAccount", 6_000),
                ("addAccount", 8_000),
                ("changePassword", 4_000),
                ("addAlias", 3_000),
                ("addFullAccess", 3_000),
                ("addSendAs", 3_000),
                ("addSendOnBehalfTo", 3_000),
                ("deleteAccount", 5_000),
                ("addDomain", 10_000),
            ]),
            default_run_ms: 5_000,
            jitter: 0.3,
            scale: 1.0,
        }
    }
}

impl Latency {
    /// The default pace multiplied by `scale`.
    pub fn scaled(scale: f64) -> Self {
        Self {
            scale,
            ..Self::default()
        }
    }

    /// How long a typical task takes from its write to its end, in milliseconds, scaled.
    pub fn typical_task_ms(&self) -> u64 {
        ((self.start_ms + self.default_run_ms) as f64 * self.scale.max(0.0)).round() as u64
    }

    fn jittered(&self, ms: u64) -> i64 {
        let spread = 1.0 + self.jitter * (fastrand::f64() * 2.0 - 1.0);
        (ms as f64 * spread * self.scale.max(0.0)).round() as i64
    }
}

/// What a task changes once done.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// The account takes a new address (a rename, or a free slot being configured).
    Address {
        /// The account.
        account: i64,
        /// The new login.
        login: String,
        /// The new domain.
        domain: String,
        /// Other fields the `PUT` set.
        fields: Facts,
    },
    /// The password changed.
    Password {
        /// The account.
        account: i64,
    },
    /// An alias appears.
    Alias {
        /// The account.
        account: i64,
        /// The alias.
        alias: String,
    },
    /// A delegation appears: 0 full access, 1 send as, 2 send on behalf.
    Delegation {
        /// The account delegating.
        account: i64,
        /// Which right.
        right: u8,
        /// The delegate's id.
        delegate: i64,
    },
    /// An alias goes.
    DropAlias {
        /// The account.
        account: i64,
        /// The alias.
        alias: String,
    },
    /// A delegation goes: 0 full access, 1 send as, 2 send on behalf.
    DropDelegation {
        /// The account delegating.
        account: i64,
        /// Which right.
        right: u8,
        /// The delegate's id.
        delegate: i64,
    },
    /// An object of the service (group, contact, footer) goes.
    Drop {
        /// Which collection.
        collection: Collection,
        /// Its key there.
        key: String,
    },
    /// The account returns to a free slot.
    Reset {
        /// The account.
        account: i64,
    },
    /// A domain finishes being added.
    Domain {
        /// Its name.
        name: String,
    },
    /// An object of the service (group, contact, footer) finishes being created.
    Ready {
        /// Which collection: `lists`, `contacts` or `disclaimers`.
        collection: Collection,
        /// Its key there.
        key: String,
    },
    /// A PST export runs; it is complete when the task is done.
    Export {
        /// The account.
        account: i64,
    },
    /// The download URL of a finished export is ready.
    ExportUrl {
        /// The account.
        account: i64,
    },
    /// The export and its URL are removed.
    DropExport {
        /// The account.
        account: i64,
    },
    /// A member or manager joins a group.
    Membership {
        /// The group's address.
        list: String,
        /// Manager rather than member.
        manager: bool,
        /// The account joining.
        account: i64,
        /// Its address, shown on the membership.
        address: String,
    },
}

/// The service-wide collections whose objects are created through tasks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Collection {
    /// Exchange groups.
    Lists,
    /// External contacts.
    Contacts,
    /// Footers, by domain.
    Disclaimers,
}

/// A task that has ended, with its times to the millisecond: what benchmarks compare the
/// engine's waits with (OVHcloud's own task dates are to the second).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finished {
    /// The task id.
    pub id: i64,
    /// What it did, e.g. `addAccount`.
    pub function: String,
    /// The address an account took, for renames and slot configurations.
    pub address: Option<String>,
    /// When it was created (ms).
    pub created_ms: i64,
    /// When it ended (ms).
    pub done_ms: i64,
    /// Whether it ended in error.
    pub failed: bool,
}

/// A task still running.
#[derive(Clone, Debug)]
pub struct Running {
    id: i64,
    function: String,
    created_ms: i64,
    fails: bool,
    service: usize,
    account: Option<i64>,
    start_ms: i64,
    done_ms: i64,
    effect: Effect,
}

impl World {
    /// Whether a rename or slot configuration still running will give an account `address`.
    pub(crate) fn renaming_to(&self, address: &str) -> bool {
        self.running.iter().any(|task| match &task.effect {
            Effect::Address { login, domain, .. } => {
                format!("{login}@{domain}").eq_ignore_ascii_case(address)
            }
            _ => false,
        })
    }

    /// Starts a task on a service (and account), returning its facts as first seen.
    pub fn start_task(
        &mut self,
        service: usize,
        account: Option<i64>,
        function: &str,
        effect: Effect,
        now_ms: i64,
        latency: &Latency,
    ) -> Facts {
        let id = self.next_id();
        let fails = self.task_fails();
        let start_ms = now_ms + latency.jittered(latency.start_ms);
        let run = latency
            .run_ms
            .get(function)
            .copied()
            .unwrap_or(latency.default_run_ms);
        let done_ms = start_ms + latency.jittered(run);
        let facts = task_facts(id, function, "todo", now_ms, None);
        let Some(hosted) = self.hosted.get_mut(service) else {
            return facts;
        };
        // Every task shows at service level too, where it can still be read after a rename.
        hosted.tasks.insert(id, facts.clone());
        if let Some(target) = account.and_then(|a| account_by_id(&mut hosted.accounts, a)) {
            target.facts.insert("taskPendingId".into(), json!(id));
            target.tasks.insert(id, facts.clone());
        }
        self.running.push(Running {
            id,
            function: function.to_owned(),
            created_ms: now_ms,
            fails,
            service,
            account,
            start_ms,
            done_ms,
            effect,
        });
        facts
    }

    /// Moves every task to where the clock says it is, applying effects of finished ones.
    pub fn settle(&mut self, now_ms: i64) {
        self.settle_legacy(now_ms);
        let running = std::mem::take(&mut self.running);
        for task in running {
            let status = if now_ms < task.start_ms {
                "todo"
            } else if now_ms < task.done_ms {
                "doing"
            } else if task.fails {
                "error"
            } else {
                "done"
            };
            let finished = matches!(status, "done" | "error").then_some(task.done_ms);
            if let Effect::Export { account } = task.effect {
                let span = (task.done_ms - task.start_ms).max(1);
                let percent = ((now_ms - task.start_ms).clamp(0, span) * 100 / span).min(99);
                if let Some(export) = self
                    .hosted
                    .get_mut(task.service)
                    .and_then(|h| account_by_id(&mut h.accounts, account))
                    .and_then(|a| a.export.as_mut())
                {
                    export.insert("percentComplete".into(), json!(percent));
                }
            }
            if let Some(hosted) = self.hosted.get_mut(task.service) {
                let finish = json!(finished.map(|ms| rfc3339(ms / 1000)));
                let account_view = task
                    .account
                    .and_then(|a| account_by_id(&mut hosted.accounts, a))
                    .and_then(|account| account.tasks.get_mut(&task.id));
                for facts in account_view
                    .into_iter()
                    .chain(hosted.tasks.get_mut(&task.id))
                {
                    facts.insert("status".into(), json!(status));
                    facts.insert("finishDate".into(), finish.clone());
                }
            }
            if let Some(done_ms) = finished {
                let address = match &task.effect {
                    Effect::Address { login, domain, .. } => Some(format!("{login}@{domain}")),
                    _ => None,
                };
                self.finished.push(Finished {
                    id: task.id,
                    function: task.function.clone(),
                    address,
                    created_ms: task.created_ms,
                    done_ms,
                    failed: task.fails,
                });
            }
            if finished.is_some() && task.fails {
                self.release(task.service, task.account, &task.effect);
            } else if finished.is_some() {
                self.apply(task.service, &task.effect, task.done_ms);
            } else {
                self.running.push(task);
            }
        }
    }

    /// After a failed task: the object is left as it was, no longer busy; an object whose
    /// creation failed does not exist.
    fn release(&mut self, service: usize, account: Option<i64>, effect: &Effect) {
        let Some(hosted) = self.hosted.get_mut(service) else {
            return;
        };
        if let Some(target) = account.and_then(|a| account_by_id(&mut hosted.accounts, a)) {
            target.facts.insert("taskPendingId".into(), json!(0));
        }
        match effect {
            Effect::Domain { name } => {
                hosted.domains.remove(name);
            }
            Effect::Ready { collection, key } => {
                match collection {
                    Collection::Lists => hosted.lists.remove(key).map(|_| ()),
                    Collection::Contacts => hosted.contacts.remove(key).map(|_| ()),
                    Collection::Disclaimers => hosted.disclaimers.remove(key).map(|_| ()),
                };
            }
            _ => {}
        }
    }

    fn apply(&mut self, service: usize, effect: &Effect, done_ms: i64) {
        let Some(hosted) = self.hosted.get_mut(service) else {
            return;
        };
        let now = done_ms / 1000;
        match effect {
            Effect::Address {
                account,
                login,
                domain,
                fields,
            } => {
                let Some(mut moved) = take_by_id(&mut hosted.accounts, *account) else {
                    return;
                };
                let address = format!("{login}@{domain}");
                moved.facts.extend(fields.clone());
                moved.facts.extend(facts_of(json!({
                    "login": login, "domain": domain, "primaryEmailAddress": address,
                    "configured": true, "state": "ok", "taskPendingId": 0,
                    "lastUpdateDate": rfc3339(now),
                })));
                hosted.accounts.insert(address, moved);
            }
            Effect::Password { account } => {
                if let Some(target) = account_by_id(&mut hosted.accounts, *account) {
                    target
                        .facts
                        .insert("passwordLastUpdate".into(), json!(rfc3339(now)));
                    target.facts.insert("taskPendingId".into(), json!(0));
                }
            }
            Effect::Alias { account, alias } => {
                if let Some(target) = account_by_id(&mut hosted.accounts, *account) {
                    target.aliases.insert(
                        alias.clone(),
                        facts_of(json!({"alias": alias, "taskPendingId": 0, "creationDate": rfc3339(now)})),
                    );
                    let count = target.aliases.len();
                    target.facts.insert("numberOfAliases".into(), json!(count));
                    target.facts.insert("taskPendingId".into(), json!(0));
                }
            }
            Effect::Delegation {
                account,
                right,
                delegate,
            } => {
                if let Some(target) = account_by_id(&mut hosted.accounts, *account) {
                    let record = facts_of(
                        json!({"allowedAccountId": delegate, "taskPendingId": 0, "creationDate": rfc3339(now)}),
                    );
                    match right {
                        0 => target.full_access.insert(*delegate, record),
                        1 => target.send_as.insert(*delegate, record),
                        _ => target.send_on_behalf_to.insert(*delegate, record),
                    };
                    target.facts.insert("taskPendingId".into(), json!(0));
                }
            }
            Effect::DropAlias { account, alias } => {
                if let Some(target) = account_by_id(&mut hosted.accounts, *account) {
                    target.aliases.remove(alias);
                    let count = target.aliases.len();
                    target.facts.insert("numberOfAliases".into(), json!(count));
                    target.facts.insert("taskPendingId".into(), json!(0));
                }
            }
            Effect::DropDelegation {
                account,
                right,
                delegate,
            } => {
                if let Some(target) = account_by_id(&mut hosted.accounts, *account) {
                    match right {
                        0 => target.full_access.remove(delegate),
                        1 => target.send_as.remove(delegate),
                        _ => target.send_on_behalf_to.remove(delegate),
                    };
                    target.facts.insert("taskPendingId".into(), json!(0));
                }
            }
            Effect::Drop { collection, key } => {
                match collection {
                    Collection::Lists => hosted.lists.remove(key).map(|_| ()),
                    Collection::Contacts => hosted.contacts.remove(key).map(|_| ()),
                    Collection::Disclaimers => hosted.disclaimers.remove(key).map(|_| ()),
                };
            }
            Effect::Reset { account } => {
                let Some(old) = take_by_id(&mut hosted.accounts, *account) else {
                    return;
                };
                let login = format!("{:08x}", fastrand::u32(..));
                let address = format!("{login}@{FREE_SLOT_DOMAIN}");
                let mut slot = Account {
                    facts: old.facts,
                    tasks: old.tasks,
                    ..Account::default()
                };
                slot.facts.extend(facts_of(json!({
                    "login": login, "domain": FREE_SLOT_DOMAIN, "primaryEmailAddress": address,
                    "configured": false, "displayName": null, "firstName": null, "lastName": null,
                    "currentUsage": 0, "numberOfAliases": 0, "state": "ok", "taskPendingId": 0,
                })));
                hosted.accounts.insert(address, slot);
            }
            Effect::Domain { name } => {
                if let Some(domain) = hosted.domains.get_mut(name) {
                    domain.insert("state".into(), json!("ok"));
                    domain.insert("taskPendingId".into(), json!(0));
                }
            }
            Effect::Ready { collection, key } => {
                let facts = match collection {
                    Collection::Lists => hosted.lists.get_mut(key).map(|l| &mut l.facts),
                    Collection::Contacts => hosted.contacts.get_mut(key),
                    Collection::Disclaimers => hosted.disclaimers.get_mut(key),
                };
                if let Some(facts) = facts {
                    if facts.contains_key("state") {
                        facts.insert("state".into(), json!("ok"));
                    }
                    facts.insert("taskPendingId".into(), json!(0));
                }
            }
            Effect::Export { account } => {
                if let Some(export) =
                    account_by_id(&mut hosted.accounts, *account).and_then(|t| t.export.as_mut())
                {
                    export.insert("percentComplete".into(), json!(100));
                    export.insert("taskPendingId".into(), json!(0));
                }
            }
            Effect::ExportUrl { account } => {
                if let Some(target) = account_by_id(&mut hosted.accounts, *account) {
                    let login = target.facts["login"]
                        .as_str()
                        .unwrap_or("mailbox")
                        .to_owned();
                    target.export_url = Some(facts_of(json!({
                        "url": format!("https://exportpst.mail.ovh.net/download/{:016x}/{login}.pst", fastrand::u64(..)),
                        "expiration": rfc3339(now + 86_400),
                    })));
                }
            }
            Effect::DropExport { account } => {
                if let Some(target) = account_by_id(&mut hosted.accounts, *account) {
                    target.export = None;
                    target.export_url = None;
                }
            }
            Effect::Membership {
                list,
                manager,
                account,
                address,
            } => {
                if let Some(group) = hosted.lists.get_mut(list) {
                    let (role, target) = if *manager {
                        ("manager", &mut group.managers)
                    } else {
                        ("member", &mut group.members)
                    };
                    target.insert(
                        *account,
                        facts_of(json!({
                            format!("{role}AccountId"): account, format!("{role}EmailAddress"): address,
                            "taskPendingId": 0, "creationDate": rfc3339(now),
                        })),
                    );
                }
            }
        }
    }
}

/// An account of a service, by id.
pub fn account_by_id(accounts: &mut BTreeMap<String, Account>, id: i64) -> Option<&mut Account> {
    accounts
        .values_mut()
        .find(|a| a.facts["id"].as_i64() == Some(id))
}

fn take_by_id(accounts: &mut BTreeMap<String, Account>, id: i64) -> Option<Account> {
    let key = accounts
        .iter()
        .find(|(_, a)| a.facts["id"].as_i64() == Some(id))
        .map(|(k, _)| k.clone())?;
    accounts.remove(&key)
}

fn task_facts(id: i64, function: &str, status: &str, now_ms: i64, finish: Option<i64>) -> Facts {
    facts_of(json!({
        "id": id, "function": function, "status": status,
        "todoDate": rfc3339(now_ms / 1000), "finishDate": finish.map(rfc3339),
    }))
}

fn facts_of(value: serde_json::Value) -> Facts {
    Facts::from(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    const T0: i64 = 1_800_000_000_000;

    #[test]
    fn the_typical_task_follows_the_scale() {
        assert_eq!(Latency::default().typical_task_ms(), 6_500);
        assert_eq!(Latency::scaled(0.1).typical_task_ms(), 650);
        assert_eq!(Latency::scaled(0.0).typical_task_ms(), 0);
    }

    #[test]
    fn a_rename_lands_when_its_task_is_done() {
        let mut world = World::from_scenario(&Scenario::demo(), T0 / 1000).expect("demo");
        let claire = world.hosted[0].accounts["claire.martin@demo-company.fr"].facts["id"]
            .as_i64()
            .expect("id");
        let effect = Effect::Address {
            account: claire,
            login: "claire.martin01".into(),
            domain: "demo-company.fr".into(),
            fields: Facts::default(),
        };
        let latency = Latency {
            jitter: 0.0,
            ..Latency::default()
        };
        let task = world.start_task(0, Some(claire), "setAccount", effect, T0, &latency);
        let id = task["id"].as_i64().expect("task id");
        let status = |world: &World| world.hosted[0].tasks[&id]["status"].clone();

        world.settle(T0 + 1_000);
        assert_eq!(status(&world), "todo");
        world.settle(T0 + 2_000);
        assert_eq!(status(&world), "doing");
        assert!(
            world.hosted[0]
                .accounts
                .contains_key("claire.martin@demo-company.fr")
        );
        world.settle(T0 + 7_500);
        assert_eq!(status(&world), "done");
        let moved = &world.hosted[0].accounts["claire.martin01@demo-company.fr"];
        assert_eq!(moved.facts["taskPendingId"], 0);
        assert_eq!(moved.tasks[&id]["status"], "done");
        assert!(world.running.is_empty());
    }
}
