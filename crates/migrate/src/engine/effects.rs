//! What each step reads and writes: the looks that tell whether a step is done, undone or
//! busy, and the write behind it, on Exchange, Email Pro, MX Plan and legacy MX Plan.

use futures_util::future::LocalBoxFuture;
use mailshift_ovh::client;
use mailshift_ovh::error::found;
use mailshift_ovh::models::bodies::{
    AccountUpdate, FullAccessGrant, NewAlias, NewDisclaimer, NewDomain, NewExternalContact,
    NewLegacyAccount, NewMailingList, NewManager, NewMember, NewPassword, SendGrant,
};
use mailshift_ovh::models::domain::{LegacyAccount, LegacyUsage};
use mailshift_ovh::models::exchange::{Export, ExportUrl, MailingList};
use mailshift_ovh::models::hosted::DomainType;
use mailshift_ovh::models::{
    Disclaimer, ExternalContact, HostedAccount, HostedDomain, ObjectState, Task, TaskStatus,
};
use mailshift_ovh::operations::{domain, exchange, pro};
use mailshift_ovh::service::{HostedCalls, Platform, ServiceId};
use mailshift_ovh::transport::HttpResponse;
use mailshift_ovh::{ApiPath, Clock, Error, ErrorKind, Transport};

use super::{Migration, Seen, Who, unix_seconds};
use crate::passwords::generate;
use crate::plan::AccountPlan;
use crate::status::{Event, Tally};
use crate::step::{Group, Right, Side, Step};

impl<T: Transport, C: Clock> Migration<'_, T, C> {
    /// The service a side names.
    pub(super) fn service(&self, side: Side) -> &ServiceId {
        match side {
            Side::Source => &self.plan.source,
            Side::Destination => &self.plan.destination,
        }
    }

    /// The calls of a side's hosted platform (none on legacy MX Plan).
    pub(super) fn calls(&self, side: Side) -> Result<HostedCalls, Error> {
        self.service(side)
            .hosted_calls()
            .ok_or_else(|| Error::bad_input("this step has no call on legacy MX Plan"))
    }

    /// The path of `operation` on a side's service, then `rest`.
    pub(super) fn path(
        &self,
        side: Side,
        operation: mailshift_ovh::Operation,
        rest: &[&str],
    ) -> Result<ApiPath, Error> {
        self.service(side).path(operation, rest)
    }

    /// A read, counted for its account as a read or a poll.
    pub(super) async fn get<R: miniserde::Deserialize>(
        &self,
        by: Who<'_>,
        path: &ApiPath,
    ) -> Result<R, Error> {
        client::decode(path, &self.read(by, path).await?)
    }

    /// The answer to a read, apart from its decoding: one copy for every type read.
    fn read<'a>(
        &'a self,
        by: Who<'_>,
        path: &'a ApiPath,
    ) -> LocalBoxFuture<'a, Result<HttpResponse, Error>> {
        self.count(by.account, |t| {
            if by.waiting {
                t.polls += 1;
            } else {
                t.reads += 1;
            }
        });
        if by.urgent {
            self.client.request_urgent(path, None)
        } else {
            self.client.request(path, None, &[])
        }
    }

    /// Adds a call to an account's tally.
    pub(super) fn count(&self, account: Option<&str>, add: impl FnOnce(&mut Tally)) {
        let mut tallies = self.tallies.borrow_mut();
        let index = match tallies.iter().position(|(a, _)| a.as_deref() == account) {
            Some(i) => i,
            None => {
                tallies.push((account.map(str::to_owned), Tally::default()));
                tallies.len() - 1
            }
        };
        add(&mut tallies[index].1);
    }

    /// An account of one side, `None` when it does not exist.
    pub(super) async fn account(
        &self,
        by: Who<'_>,
        side: Side,
        address: &str,
    ) -> Result<Option<HostedAccount>, Error> {
        let calls = self.calls(side)?;
        found(
            self.get(by, &self.path(side, calls.account, &[address])?)
                .await,
        )
    }

    /// The numeric id of a destination account, read once.
    pub(super) async fn destination_id(
        &self,
        by: Who<'_>,
        address: &str,
    ) -> Result<Option<i64>, Error> {
        let known = self
            .book
            .borrow()
            .ids
            .iter()
            .find(|(a, _)| a == address)
            .map(|(_, id)| *id);
        if known.is_some() {
            return Ok(known);
        }
        let account = self.account(by, Side::Destination, address).await?;
        if let Some(account) = &account {
            self.book
                .borrow_mut()
                .ids
                .push((address.to_owned(), account.id));
        }
        Ok(account.map(|a| a.id))
    }

    /// An account's aliases, `None` when the account does not exist.
    pub(super) async fn aliases(
        &self,
        by: Who<'_>,
        side: Side,
        address: &str,
    ) -> Result<Option<Vec<String>>, Error> {
        let calls = self.calls(side)?;
        found(
            self.get(by, &self.path(side, calls.aliases, &[address])?)
                .await,
        )
    }

    /// Whether `alias` is on the account; `None` when the account does not exist.
    pub(super) async fn has_alias(
        &self,
        by: Who<'_>,
        side: Side,
        account: &str,
        alias: &str,
    ) -> Result<Option<bool>, Error> {
        Ok(self
            .aliases(by, side, account)
            .await?
            .map(|list| list.iter().any(|a| a.eq_ignore_ascii_case(alias))))
    }

    /// Whether the delegate holds the right on the destination account.
    pub(super) async fn holds_right(
        &self,
        by: Who<'_>,
        account: &str,
        right: Right,
        delegate: &str,
    ) -> Result<Option<bool>, Error> {
        let (Some(_), Some(delegate_id)) = (
            self.destination_id(by, account).await?,
            self.destination_id(by, delegate).await?,
        ) else {
            return Ok(None);
        };
        let calls = self.calls(Side::Destination)?;
        let ids: Option<Vec<i64>> = found(
            self.get(
                by,
                &self.path(Side::Destination, right.calls(&calls).0, &[account])?,
            )
            .await,
        )?;
        Ok(ids.map(|ids| ids.contains(&delegate_id)))
    }

    /// Looks at what the step changes; `expect_done` reads first what a finished step shows.
    pub(super) async fn observe(
        &self,
        by: Who<'_>,
        step: &Step,
        expect_done: bool,
    ) -> Result<Seen, Error> {
        let legacy = self.plan.destination.platform() == Platform::LegacyMxPlan;
        Ok(match step {
            Step::AddDomain { domain, .. } => {
                let calls = self.calls(Side::Destination)?;
                let path = self.path(Side::Destination, calls.domain, &[domain])?;
                match found::<HostedDomain>(self.get(by, &path).await)? {
                    None => Seen::Undone,
                    Some(d) if d.state != ObjectState::Ok || d.task_pending_id != 0 => Seen::Busy,
                    Some(d) if !d.domain_validated => {
                        (self.listener)(&Event::WaitingForCname {
                            domain: domain.clone(),
                            cname: d.cname_to_check.unwrap_or_default(),
                        });
                        Seen::Busy
                    }
                    Some(_) => Seen::Done,
                }
            }
            Step::Rename { from, to } => self
                .moving(by, Side::Source, from, to, expect_done)
                .await?
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::NotFound,
                        format!("neither {from} nor {to} exists on the source any more"),
                    )
                })?,
            Step::Configure { address, .. } if legacy => {
                match self.legacy_mailbox(by, address).await? {
                    (_, true) => Seen::Busy,
                    (Some(_), false) => Seen::Done,
                    (None, false) => Seen::Undone,
                }
            }
            Step::Configure { slot, address } => {
                let slot = slot.as_deref().unwrap_or_default();
                self.moving(by, Side::Destination, slot, address, expect_done)
                    .await?
                    .ok_or_else(|| {
                        Error::new(
                            ErrorKind::NotFound,
                            format!(
                                "the free slot {slot} is gone from the destination and {address} is not there: plan again to pick another slot"
                            ),
                        )
                    })?
            }
            Step::SetPassword(address) | Step::SetSourcePassword(address) => {
                let side = step.side();
                let since = self.book.borrow().intent(by.account, step);
                match self.account(by, side, address).await? {
                    None => {
                        return Err(Error::new(
                            ErrorKind::NotFound,
                            format!("{address} does not exist, so its password cannot be set"),
                        ));
                    }
                    Some(a) if !is_idle(&a) => Seen::Busy,
                    Some(a) => {
                        let changed = a
                            .password_last_update
                            .as_deref()
                            .and_then(unix_seconds)
                            .zip(since)
                            .is_some_and(|(changed, since)| changed >= since);
                        if changed { Seen::Done } else { Seen::Undone }
                    }
                }
            }
            Step::RemoveAlias { account, alias } => {
                match self.has_alias(by, Side::Source, account, alias).await? {
                    Some(true) => Seen::Undone,
                    _ => Seen::Done,
                }
            }
            Step::AddAlias { account, alias } | Step::RestoreAlias { account, alias } => {
                match self.has_alias(by, step.side(), account, alias).await? {
                    Some(true) => Seen::Done,
                    Some(false) => Seen::Undone,
                    None => {
                        return Err(Error::new(
                            ErrorKind::NotFound,
                            format!("{account} does not exist, so {alias} cannot join it"),
                        ));
                    }
                }
            }
            Step::DropAlias { account, alias } => {
                match self
                    .has_alias(by, Side::Destination, account, alias)
                    .await?
                {
                    Some(true) => Seen::Undone,
                    _ => Seen::Done,
                }
            }
            Step::Delegate {
                account,
                right,
                delegate,
            } => match self.holds_right(by, account, *right, delegate).await? {
                Some(true) => Seen::Done,
                Some(false) => Seen::Undone,
                None => {
                    return Err(Error::new(
                        ErrorKind::NotFound,
                        format!("{account} or {delegate} is not on the destination"),
                    ));
                }
            },
            Step::Revoke {
                account,
                right,
                delegate,
            } => match self.holds_right(by, account, *right, delegate).await? {
                Some(true) => Seen::Undone,
                _ => Seen::Done,
            },
            Step::Free(address) if legacy => match self.legacy_mailbox(by, address).await? {
                (_, true) => Seen::Busy,
                (Some(_), false) => Seen::Undone,
                (None, false) => Seen::Done,
            },
            Step::Free(address) | Step::Reset(address) => {
                match self.account(by, step.side(), address).await? {
                    None => Seen::Done,
                    Some(a) if is_idle(&a) => Seen::Undone,
                    Some(_) => Seen::Busy,
                }
            }
            Step::CreateContact { address, .. } | Step::DeleteContact(address) => {
                let calls = self.calls(Side::Destination)?;
                let path = self.path(Side::Destination, calls.external_contact, &[address])?;
                let contact = found::<ExternalContact>(self.get(by, &path).await)?;
                let creating = matches!(step, Step::CreateContact { .. });
                match contact {
                    None if creating => Seen::Undone,
                    None => Seen::Done,
                    Some(c) if c.state != ObjectState::Ok || c.task_pending_id != 0 => Seen::Busy,
                    Some(_) if creating => Seen::Done,
                    Some(_) => Seen::Undone,
                }
            }
            Step::RemoveGroup(group) => match self.group(by, step.side(), &group.address).await? {
                None => Seen::Done,
                Some(idle) if idle => Seen::Undone,
                Some(_) => Seen::Busy,
            },
            Step::CreateGroup { group, .. } => {
                match self.group(by, step.side(), &group.address).await? {
                    None => Seen::Undone,
                    Some(idle) if idle => Seen::Done,
                    Some(_) => Seen::Busy,
                }
            }
            Step::DeleteGroup(address) => match self.group(by, step.side(), address).await? {
                None => Seen::Done,
                Some(idle) if idle => Seen::Undone,
                Some(_) => Seen::Busy,
            },
            Step::AddToGroup {
                group,
                account,
                manager,
                ..
            } => {
                let side = step.side();
                let id = self.account_id(by, side, account).await?.ok_or_else(|| {
                    Error::new(
                        ErrorKind::NotFound,
                        format!("{account} is not there to join {group}"),
                    )
                })?;
                let list = if *manager {
                    exchange::MAILING_LIST_MANAGERS
                } else {
                    exchange::MAILING_LIST_MEMBERS
                };
                let ids: Vec<i64> = self.get(by, &self.path(side, list, &[group])?).await?;
                if ids.contains(&id) {
                    Seen::Done
                } else {
                    Seen::Undone
                }
            }
            Step::ExportPst(address) | Step::DropPst(address) => {
                let path = self.path(Side::Source, exchange::EXPORT, &[address])?;
                let export = found::<Export>(self.get(by, &path).await)?;
                let making = matches!(step, Step::ExportPst(_));
                if let Some(e) = &export
                    && making
                {
                    (self.listener)(&Event::Export {
                        account: by.account.unwrap_or(address).to_owned(),
                        percent: e.percent_complete,
                    });
                }
                match export {
                    None if making => Seen::Undone,
                    None => Seen::Done,
                    Some(e) if e.task_pending_id != 0 => Seen::Busy,
                    Some(e) if making && e.percent_complete >= 100 => Seen::Done,
                    Some(_) if making => Seen::Busy,
                    Some(_) => Seen::Undone,
                }
            }
            Step::RequestPstUrl(address) => {
                let path = self.path(Side::Source, exchange::EXPORT_URL, &[address])?;
                match found::<ExportUrl>(self.get(by, &path).await)? {
                    Some(_) => Seen::Done,
                    None => Seen::Undone,
                }
            }
            Step::CreateFooter { domain, .. } | Step::DeleteFooter(domain) => {
                let calls = self.calls(Side::Destination)?;
                let path = self.path(Side::Destination, calls.disclaimer, &[domain])?;
                let footer = found::<Disclaimer>(self.get(by, &path).await)?;
                let creating = matches!(step, Step::CreateFooter { .. });
                match footer {
                    None if creating => Seen::Undone,
                    None => Seen::Done,
                    Some(f) if f.task_pending_id != 0 => Seen::Busy,
                    Some(_) if creating => Seen::Done,
                    Some(_) => Seen::Undone,
                }
            }
        })
    }

    /// Where an account changing its address from `from` to `to` stands, `None` when it is at
    /// neither. An account changes address at once, so reading `from` and then `to` always
    /// finds it; when `to` is read first (a finished step is expected) and missed, the account
    /// may move between the two reads, so `to` is read once more.
    pub(super) async fn moving(
        &self,
        by: Who<'_>,
        side: Side,
        from: &str,
        to: &str,
        expect_done: bool,
    ) -> Result<Option<Seen>, Error> {
        let seen = |account: &HostedAccount, arrived: bool| match (is_idle(account), arrived) {
            (false, _) => Seen::Busy,
            (true, true) => Seen::Done,
            (true, false) => Seen::Undone,
        };
        if expect_done && let Some(account) = self.account(by, side, to).await? {
            return Ok(Some(seen(&account, true)));
        }
        if let Some(account) = self.account(by, side, from).await? {
            return Ok(Some(seen(&account, false)));
        }
        Ok(self
            .account(by, side, to)
            .await?
            .map(|account| seen(&account, true)))
    }

    /// A group of one side: `Some(whether it is idle)`, `None` when it does not exist.
    pub(super) async fn group(
        &self,
        by: Who<'_>,
        side: Side,
        address: &str,
    ) -> Result<Option<bool>, Error> {
        let path = self.path(side, exchange::MAILING_LIST, &[address])?;
        Ok(found::<MailingList>(self.get(by, &path).await)?
            .map(|g| g.state == ObjectState::Ok && g.task_pending_id == 0))
    }

    /// The numeric id of an account on one side (read once on the destination).
    pub(super) async fn account_id(
        &self,
        by: Who<'_>,
        side: Side,
        address: &str,
    ) -> Result<Option<i64>, Error> {
        match side {
            Side::Destination => self.destination_id(by, address).await,
            Side::Source => Ok(self.account(by, side, address).await?.map(|a| a.id)),
        }
    }

    /// A legacy MX Plan mailbox of the destination, if it exists, and whether a task is still
    /// pending for it (legacy tasks have no status: pending means listed).
    pub(super) async fn legacy_mailbox(
        &self,
        by: Who<'_>,
        address: &str,
    ) -> Result<(Option<LegacyAccount>, bool), Error> {
        let local = address.split('@').next().unwrap_or_default();
        let path = self.path(Side::Destination, domain::ACCOUNT, &[local])?;
        let mailbox = found::<LegacyAccount>(self.get(by, &path).await)?;
        let tasks = self
            .path(Side::Destination, domain::ACCOUNT_TASKS, &[])?
            .query("name", local)?;
        let pending: Vec<i64> = self.get(by, &tasks).await?;
        Ok((mailbox, !pending.is_empty()))
    }

    /// The password for `address`, generated now if none is known.
    pub(super) fn password_for(
        &self,
        address: &str,
        side: Side,
    ) -> Result<mailshift_ovh::Secret, Error> {
        if let Some(known) = self.passwords.borrow().get(address) {
            return Ok(known.clone());
        }
        let account = self.plan.account(address);
        let login = address.split('@').next().unwrap_or_default();
        let display = account
            .and_then(|a| a.display_name.as_deref())
            .unwrap_or_default();
        let policy = match side {
            Side::Destination => self.plan.destination_policy,
            // Source accounts are on Exchange or Email Pro: the hosted rules, at their strictest.
            Side::Source => self.plan.source_policy,
        };
        let password = generate(policy, login, display)
            .map_err(|e| Error::bad_input(format!("cannot generate a password: {}", e.0)))?;
        self.passwords.borrow_mut().set(address, password.clone());
        Ok(password)
    }

    /// Sends the step's write; `Some(task id)` when it answers with a task.
    ///
    /// The write is decided first, then sent through one boxed request: one copy of the send
    /// serves every step.
    pub(super) async fn send(&self, by: Who<'_>, step: &Step) -> Result<Option<i64>, Error> {
        let id = self.id_written(by, step).await?;
        let write = self.write(step, id)?;
        let body = write.body.as_deref();
        let request = if write.urgent {
            self.client.request_urgent(&write.path, body)
        } else {
            self.client.request(&write.path, body, &[])
        };
        let response = request.await?;
        match write.answer {
            Answer::Task => Ok(Some(client::decode::<Task>(&write.path, &response)?.id)),
            Answer::Nothing => Ok(None),
        }
    }

    /// The id of the account a step's write names by number (a delegate, a group's new
    /// member), read before the write.
    async fn id_written(&self, by: Who<'_>, step: &Step) -> Result<Option<i64>, Error> {
        match step {
            Step::Delegate { delegate, .. } | Step::Revoke { delegate, .. } => {
                let id = self.destination_id(by, delegate).await?;
                id.map(Some).ok_or_else(|| {
                    Error::new(
                        ErrorKind::NotFound,
                        format!("{delegate} is not on the destination"),
                    )
                })
            }
            Step::AddToGroup { group, account, .. } => {
                let id = self.account_id(by, step.side(), account).await?;
                id.map(Some).ok_or_else(|| {
                    Error::new(
                        ErrorKind::NotFound,
                        format!("{account} is not there to join {group}"),
                    )
                })
            }
            _ => Ok(None),
        }
    }

    /// The write that carries `step` out; `id` is what [`Self::id_written`] read for it.
    fn write(&self, step: &Step, id: Option<i64>) -> Result<Write, Error> {
        let side = step.side();
        let legacy = self.service(side).platform() == Platform::LegacyMxPlan;
        let id = id.unwrap_or_default();
        let path = |operation, rest: &[&str]| self.path(side, operation, rest);
        Ok(match step {
            Step::AddDomain { domain, mx_relay } => {
                let create = match self.plan.destination.platform() {
                    Platform::Exchange => exchange::CREATE_DOMAIN,
                    _ => pro::CREATE_DOMAIN,
                };
                let body = NewDomain {
                    name: domain.clone(),
                    kind: DomainType::NonAuthoritative,
                    mx_relay: mx_relay.clone(),
                    configure_mx: false,
                    configure_autodiscover: false,
                };
                Write::task(path(create, &[])?, Some(&body))
            }
            Step::Rename { from, to } => {
                let calls = self.calls(side)?;
                Write::plain(
                    path(calls.update_account, &[from])?,
                    Some(&update(to, None)),
                )
            }
            Step::Configure { address, .. } if legacy => {
                let local = address.split('@').next().unwrap_or_default();
                let body = NewLegacyAccount {
                    account_name: local.to_owned(),
                    password: self.password_for(address, side)?,
                    size: self.plan.legacy_size,
                    description: self
                        .plan
                        .account(address)
                        .and_then(|a| a.display_name.clone()),
                };
                Write::plain(path(domain::CREATE_ACCOUNT, &[])?, Some(&body))
            }
            Step::Configure { slot, address } => {
                let calls = self.calls(side)?;
                let slot = slot.as_deref().unwrap_or_default();
                let display = self
                    .plan
                    .account(address)
                    .and_then(|a| a.display_name.clone());
                let body = update(address, display);
                Write {
                    urgent: true,
                    ..Write::plain(path(calls.update_account, &[slot])?, Some(&body))
                }
            }
            Step::SetPassword(address) | Step::SetSourcePassword(address) => {
                let calls = self.calls(side)?;
                let body = NewPassword {
                    password: self.password_for(address, side)?,
                };
                Write::task(path(calls.change_password, &[address])?, Some(&body))
            }
            Step::RemoveAlias { account, alias } | Step::DropAlias { account, alias } => {
                let calls = self.calls(side)?;
                Write::task(path(calls.delete_alias, &[account, alias])?, None)
            }
            Step::AddAlias { account, alias } | Step::RestoreAlias { account, alias } => {
                let calls = self.calls(side)?;
                let body = NewAlias {
                    alias: alias.clone(),
                };
                Write::task(path(calls.create_alias, &[account])?, Some(&body))
            }
            Step::Delegate { account, right, .. } => {
                let calls = self.calls(side)?;
                let grant = path(right.calls(&calls).1, &[account])?;
                match right {
                    Right::FullAccess => {
                        let body = FullAccessGrant {
                            allowed_account_id: id,
                        };
                        Write::task(grant, Some(&body))
                    }
                    _ => {
                        let body = SendGrant {
                            allow_account_id: id,
                        };
                        Write::task(grant, Some(&body))
                    }
                }
            }
            Step::Revoke { account, right, .. } => {
                let calls = self.calls(side)?;
                Write::task(
                    path(right.calls(&calls).2, &[account, &id.to_string()])?,
                    None,
                )
            }
            Step::Free(address) if legacy => {
                let local = address.split('@').next().unwrap_or_default();
                Write::plain(path(domain::DELETE_ACCOUNT, &[local])?, None)
            }
            Step::Free(address) | Step::Reset(address) => {
                let calls = self.calls(side)?;
                Write::task(path(calls.reset_account, &[address])?, None)
            }
            Step::CreateContact {
                address,
                display_name,
            } => {
                let calls = self.calls(side)?;
                let body = NewExternalContact {
                    external_email_address: address.clone(),
                    display_name: Some(display_name.clone()),
                    first_name: None,
                    last_name: None,
                    initials: None,
                    hidden_from_gal: false,
                };
                Write::task(path(calls.create_external_contact, &[])?, Some(&body))
            }
            Step::DeleteContact(address) => {
                let calls = self.calls(side)?;
                Write::task(path(calls.delete_external_contact, &[address])?, None)
            }
            Step::CreateFooter {
                domain,
                content,
                outside_only,
            } => {
                let calls = self.calls(side)?;
                let body = NewDisclaimer {
                    content: content.clone(),
                    outside_only: *outside_only,
                };
                Write::task(path(calls.create_disclaimer, &[domain])?, Some(&body))
            }
            Step::RemoveGroup(Group { address, .. }) | Step::DeleteGroup(address) => {
                Write::task(path(exchange::DELETE_MAILING_LIST, &[address])?, None)
            }
            Step::CreateGroup { group, .. } => {
                let body = NewMailingList {
                    mailing_list_address: group.address.clone(),
                    join_restriction: group.join,
                    depart_restriction: group.depart,
                    display_name: group.display_name.clone(),
                    hidden_from_gal: group.hidden_from_gal,
                    sender_authentification: group.sender_authentification,
                };
                Write::task(path(exchange::CREATE_MAILING_LIST, &[])?, Some(&body))
            }
            Step::AddToGroup { group, manager, .. } => {
                if *manager {
                    let body = NewManager {
                        manager_account_id: id,
                    };
                    Write::task(
                        path(exchange::ADD_MAILING_LIST_MANAGER, &[group])?,
                        Some(&body),
                    )
                } else {
                    let body = NewMember {
                        member_account_id: id,
                    };
                    Write::task(
                        path(exchange::ADD_MAILING_LIST_MEMBER, &[group])?,
                        Some(&body),
                    )
                }
            }
            Step::ExportPst(address) => {
                Write::task(path(exchange::START_EXPORT, &[address])?, None)
            }
            Step::RequestPstUrl(address) => {
                Write::task(path(exchange::CREATE_EXPORT_URL, &[address])?, None)
            }
            Step::DropPst(address) => Write::task(path(exchange::DELETE_EXPORT, &[address])?, None),
            Step::DeleteFooter(domain) => {
                let calls = self.calls(side)?;
                Write::task(path(calls.delete_disclaimer, &[domain])?, None)
            }
        })
    }

    /// Waits for a task of the service the step writes to; gives its last status.
    pub(super) async fn wait_for_task(
        &self,
        by: Who<'_>,
        id: i64,
        step: &Step,
    ) -> Result<TaskStatus, Error> {
        let side = step.side();
        let calls = self.calls(side)?;
        let path = self.path(side, calls.service_task, &[&id.to_string()])?;
        let clock = self.client.clock();
        let started = clock.now_ms();
        let deadline_ms = i64::try_from(self.timing.deadline.as_millis()).unwrap_or(i64::MAX);
        clock.sleep(self.settle_for(step)).await;
        let mut looks = 0;
        loop {
            let task: Task = self.get(by, &path).await?;
            looks += 1;
            match task.status {
                TaskStatus::Done | TaskStatus::Cancelled | TaskStatus::Error => {
                    self.learn(step, looks);
                    return Ok(task.status);
                }
                TaskStatus::Todo | TaskStatus::Doing | TaskStatus::Unrecognized => {}
            }
            if clock.now_ms() - started > deadline_ms {
                return Err(Error::new(
                    ErrorKind::DeadlineExceeded,
                    format!(
                        "OVHcloud task {id} ({}) is still not finished",
                        task.function
                    ),
                ));
            }
            clock.sleep(self.timing.pace.poll).await;
        }
    }

    /// The source's and the destination's mailbox usage of an account, in bytes.
    pub(super) async fn usages(
        &self,
        by: Who<'_>,
        account: &AccountPlan,
    ) -> Result<(u64, u64), Error> {
        let usage = |a: Option<HostedAccount>| {
            a.and_then(|a| a.current_usage)
                .map_or(0, mailshift_ovh::size::usage_bytes)
        };
        let source = usage(self.account(by, Side::Source, &account.provisional).await?);
        let destination = if self.plan.destination.platform() == Platform::LegacyMxPlan {
            let local = account.address.split('@').next().unwrap_or_default();
            let path = self.path(Side::Destination, domain::ACCOUNT_USAGE, &[local])?;
            let usage: LegacyUsage = self.get(by, &path).await?;
            usage.quota.map_or(0, |b| u64::try_from(b).unwrap_or(0))
        } else {
            usage(
                self.account(by, Side::Destination, &account.address)
                    .await?,
            )
        };
        Ok((source, destination))
    }
}

/// The body of a rename or a slot configuration to `address`.
/// A step's write, decided before it is sent.
struct Write {
    /// Where it goes.
    path: ApiPath,
    /// Its JSON body, if it has one.
    body: Option<String>,
    /// What its answer holds.
    answer: Answer,
    /// Whether it goes ahead of the other waiting calls of its key.
    urgent: bool,
}

/// What the answer to a write holds.
enum Answer {
    /// A task to wait for.
    Task,
    /// Nothing the run reads (`void`, or an object the next look reads again).
    Nothing,
}

impl Write {
    /// A write answered with a task.
    fn task(path: ApiPath, body: Option<&dyn miniserde::Serialize>) -> Self {
        Self::new(path, body, Answer::Task)
    }

    /// A write whose answer is not read.
    fn plain(path: ApiPath, body: Option<&dyn miniserde::Serialize>) -> Self {
        Self::new(path, body, Answer::Nothing)
    }

    fn new(path: ApiPath, body: Option<&dyn miniserde::Serialize>, answer: Answer) -> Self {
        Self {
            path,
            body: body.map(mailshift_ovh::json::to_string),
            answer,
            urgent: false,
        }
    }
}

fn update(address: &str, display_name: Option<String>) -> AccountUpdate {
    let (login, domain) = address.split_once('@').unwrap_or((address, ""));
    AccountUpdate {
        login: login.to_owned(),
        domain: domain.to_owned(),
        display_name,
        ..AccountUpdate::default()
    }
}

/// Ready to act on: state `ok`, nothing pending.
pub(super) fn is_idle(account: &HostedAccount) -> bool {
    account.state == ObjectState::Ok && account.task_pending_id.is_none_or(|t| t == 0)
}
