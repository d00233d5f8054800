//! The steps of OVHcloud's guide, each with the one write behind it.

use mailshift_ovh::models::exchange::{DepartRestriction, JoinRestriction};
use mailshift_ovh::operations::{domain, exchange, pro};
use mailshift_ovh::service::{HostedCalls, Platform, ServiceId};
use mailshift_ovh::{Method, Operation};

/// A delegated right (spec 4.4).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    miniserde::Serialize,
    miniserde::Deserialize,
)]
pub enum Right {
    /// Full access to the mailbox.
    #[serde(rename = "fullAccess")]
    FullAccess,
    /// Send as the account.
    #[serde(rename = "sendAs")]
    SendAs,
    /// Send on behalf of the account.
    #[serde(rename = "sendOnBehalfTo")]
    SendOnBehalfTo,
}

impl Right {
    /// Every right, in the order the report lists them.
    pub const ALL: [Self; 3] = [Self::FullAccess, Self::SendAs, Self::SendOnBehalfTo];

    /// How people call it.
    pub fn label(self) -> &'static str {
        match self {
            Self::FullAccess => "full access",
            Self::SendAs => "send as",
            Self::SendOnBehalfTo => "send on behalf",
        }
    }

    /// The read, grant and revoke calls of this right on a hosted platform.
    pub fn calls(self, calls: &HostedCalls) -> (Operation, Operation, Operation) {
        match self {
            Self::FullAccess => (
                calls.full_access,
                calls.grant_full_access,
                calls.revoke_full_access,
            ),
            Self::SendAs => (calls.send_as, calls.grant_send_as, calls.revoke_send_as),
            Self::SendOnBehalfTo => (
                calls.send_on_behalf_to,
                calls.grant_send_on_behalf_to,
                calls.revoke_send_on_behalf_to,
            ),
        }
    }
}

/// An Exchange group as the source holds it, members and managers by address.
#[derive(Clone, Debug, PartialEq, Eq, Hash, miniserde::Serialize, miniserde::Deserialize)]
pub struct Group {
    /// Its address.
    pub address: String,
    /// The name shown.
    #[serde(rename = "displayName")]
    pub display_name: Option<String>,
    /// Who may join.
    pub join: JoinRestriction,
    /// Who may leave.
    pub depart: DepartRestriction,
    /// Hidden from the address book.
    #[serde(rename = "hiddenFromGal")]
    pub hidden_from_gal: bool,
    /// Only authenticated senders.
    #[serde(rename = "senderAuthentification")]
    pub sender_authentification: bool,
    /// Member accounts.
    pub members: Vec<String>,
    /// Manager accounts.
    pub managers: Vec<String>,
}

/// One step of a migration; every write the engine makes is one of these.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// Phase 1: the domain joins the destination as non-authoritative, and is waited for.
    AddDomain {
        /// The domain.
        domain: String,
        /// The server that receives its mail today (the source's).
        mx_relay: Option<String>,
    },
    /// The source account takes its provisional name.
    Rename {
        /// Its address now.
        from: String,
        /// Its provisional address.
        to: String,
    },
    /// The original address is configured on a free slot of the destination (created on
    /// legacy MX Plan).
    Configure {
        /// The free slot taken, `None` on legacy MX Plan.
        slot: Option<String>,
        /// The address.
        address: String,
    },
    /// The destination account, by address, gets its password.
    SetPassword(String),
    /// The provisional source account, by address, gets a password the copy tool can log in with.
    SetSourcePassword(String),
    /// An alias leaves the source account.
    RemoveAlias {
        /// The source account (provisional address).
        account: String,
        /// The alias.
        alias: String,
    },
    /// The alias joins the destination account.
    AddAlias {
        /// The destination account.
        account: String,
        /// The alias.
        alias: String,
    },
    /// A delegation is recreated on the destination, between destination ids.
    Delegate {
        /// The account that delegates.
        account: String,
        /// Which right.
        right: Right,
        /// The account given it.
        delegate: String,
    },
    /// An external contact is recreated on the destination.
    CreateContact {
        /// Its address.
        address: String,
        /// The name shown.
        display_name: String,
    },
    /// A domain's footer is recreated on the destination.
    CreateFooter {
        /// The domain.
        domain: String,
        /// The footer (HTML).
        content: String,
        /// Only on messages leaving the organisation.
        outside_only: bool,
    },
    /// A group leaves the source, so that its address can live on the destination; it is kept as
    /// the source held it, for a rollback to recreate.
    RemoveGroup(Group),
    /// The group is created (on the destination; in a rollback, again on the source).
    CreateGroup {
        /// The group.
        group: Group,
        /// Whether on the source.
        on_source: bool,
    },
    /// An account joins a group, by its id on that side.
    AddToGroup {
        /// The group's address.
        group: String,
        /// The account.
        account: String,
        /// As a manager rather than a member.
        manager: bool,
        /// Whether on the source.
        on_source: bool,
    },
    /// Rollback: the group, by address, leaves the destination, its members with it.
    DeleteGroup(String),
    /// Exchange sources: a PST export of the provisional account (its address), followed to its
    /// end.
    ExportPst(String),
    /// The download address of the provisional account's finished PST is asked for.
    RequestPstUrl(String),
    /// The provisional account's PST export is removed once downloaded (or in a rollback).
    DropPst(String),
    /// The provisional source account, by address, returns to a free slot, its mailbox erased.
    Reset(String),
    /// Rollback: the alias leaves the destination account.
    DropAlias {
        /// The destination account.
        account: String,
        /// The alias.
        alias: String,
    },
    /// Rollback: the alias returns to the source account.
    RestoreAlias {
        /// The source account (provisional address).
        account: String,
        /// The alias.
        alias: String,
    },
    /// Rollback: the delegation leaves the destination.
    Revoke {
        /// The account that delegated.
        account: String,
        /// Which right.
        right: Right,
        /// The account that held it.
        delegate: String,
    },
    /// Rollback: the destination account, by address, returns to a free slot (legacy MX Plan: it
    /// goes).
    Free(String),
    /// Rollback: the external contact, by address, leaves the destination.
    DeleteContact(String),
    /// Rollback: the footer of a domain leaves the destination.
    DeleteFooter(String),
}

mailshift_ovh::tagged_enum!(Step {
    names {}
    values {
        "setPassword" => SetPassword(String),
        "setSourcePassword" => SetSourcePassword(String),
        "removeGroup" => RemoveGroup(Group),
        "deleteGroup" => DeleteGroup(String),
        "exportPst" => ExportPst(String),
        "requestPstUrl" => RequestPstUrl(String),
        "dropPst" => DropPst(String),
        "reset" => Reset(String),
        "free" => Free(String),
        "deleteContact" => DeleteContact(String),
        "deleteFooter" => DeleteFooter(String),
    }
    fields {
        "addDomain" => AddDomain { domain: String, mx_relay: Option<String> },
        "rename" => Rename { from: String, to: String },
        "configure" => Configure { slot: Option<String>, address: String },
        "removeAlias" => RemoveAlias { account: String, alias: String },
        "addAlias" => AddAlias { account: String, alias: String },
        "delegate" => Delegate { account: String, right: Right, delegate: String },
        "createContact" => CreateContact { address: String, display_name: String },
        "createFooter" => CreateFooter { domain: String, content: String, outside_only: bool },
        "createGroup" => CreateGroup { group: Group, on_source: bool },
        "addToGroup" => AddToGroup { group: String, account: String, manager: bool, on_source: bool },
        "dropAlias" => DropAlias { account: String, alias: String },
        "restoreAlias" => RestoreAlias { account: String, alias: String },
        "revoke" => Revoke { account: String, right: Right, delegate: String },
    }
});

impl Group {
    /// The steps that create this group on one side with its members and managers.
    pub fn on(&self, on_source: bool) -> Vec<Step> {
        let create = Step::CreateGroup {
            group: self.clone(),
            on_source,
        };
        let join = |accounts: &[String], manager: bool| {
            accounts
                .iter()
                .map(|account| Step::AddToGroup {
                    group: self.address.clone(),
                    account: account.clone(),
                    manager,
                    on_source,
                })
                .collect::<Vec<_>>()
        };
        std::iter::once(create)
            .chain(join(&self.members, false))
            .chain(join(&self.managers, true))
            .collect()
    }
}

/// Which platform a step writes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The platform the addresses leave.
    Source,
    /// The platform they move to.
    Destination,
}

/// A write as the dry run shows it: the exact call, with secrets masked.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct PlannedCall {
    /// The method.
    pub method: Method,
    /// The schema path template.
    pub template: String,
    /// The body as it will be sent, with passwords replaced by `********`.
    pub body: Option<String>,
}

/// What replaces a password in anything shown or recorded.
pub const MASK: &str = "********";

impl Step {
    /// A short name for logs and reports.
    pub fn name(&self) -> &'static str {
        match self {
            Self::AddDomain { .. } => "add the domain",
            Self::Rename { .. } => "rename",
            Self::Configure { .. } => "configure the address",
            Self::SetPassword(_) => "set the password",
            Self::SetSourcePassword(_) => "set the source password",
            Self::RemoveAlias { .. } => "remove the alias from the source",
            Self::AddAlias { .. } => "add the alias",
            Self::Delegate { .. } => "recreate a delegation",
            Self::CreateContact { .. } => "recreate an external contact",
            Self::CreateFooter { .. } => "recreate a footer",
            Self::RemoveGroup(_) => "remove the group from the source",
            Self::CreateGroup { .. } => "create the group",
            Self::AddToGroup { .. } => "add a member to the group",
            Self::DeleteGroup(_) => "remove the group from the destination",
            Self::ExportPst(_) => "export the mailbox as PST",
            Self::RequestPstUrl(_) => "ask for the PST's download address",
            Self::DropPst(_) => "remove the PST export",
            Self::Reset(_) => "reset the source account",
            Self::DropAlias { .. } => "remove the alias from the destination",
            Self::RestoreAlias { .. } => "put the alias back on the source",
            Self::Revoke { .. } => "remove a recreated delegation",
            Self::Free(_) => "free the destination account",
            Self::DeleteContact(_) => "remove a recreated external contact",
            Self::DeleteFooter(_) => "remove a recreated footer",
        }
    }

    /// The steps that undo this one, for a rollback, in order; none when there is nothing to
    /// undo (a password; members, which leave with their group) or it cannot be undone (a
    /// reset erased the mailbox; an added domain stays, harmless while non-authoritative).
    pub fn undo(&self) -> Vec<Self> {
        let one = match self {
            Self::Rename { from, to } => Self::Rename {
                from: to.clone(),
                to: from.clone(),
            },
            Self::Configure { address, .. } => Self::Free(address.clone()),
            Self::RemoveAlias { account, alias } => Self::RestoreAlias {
                account: account.clone(),
                alias: alias.clone(),
            },
            Self::AddAlias { account, alias } => Self::DropAlias {
                account: account.clone(),
                alias: alias.clone(),
            },
            Self::Delegate {
                account,
                right,
                delegate,
            } => Self::Revoke {
                account: account.clone(),
                right: *right,
                delegate: delegate.clone(),
            },
            Self::CreateContact { address, .. } => Self::DeleteContact(address.clone()),
            Self::CreateFooter { domain, .. } => Self::DeleteFooter(domain.clone()),
            Self::ExportPst(address) => Self::DropPst(address.clone()),
            Self::CreateGroup {
                group,
                on_source: false,
            } => Self::DeleteGroup(group.address.clone()),
            Self::RemoveGroup(group) => return group.on(true),
            _ => return Vec::new(),
        };
        vec![one]
    }

    /// The platform it writes to.
    pub fn side(&self) -> Side {
        match self {
            Self::Rename { .. }
            | Self::SetSourcePassword(_)
            | Self::RemoveAlias { .. }
            | Self::RestoreAlias { .. }
            | Self::ExportPst(_)
            | Self::RequestPstUrl(_)
            | Self::DropPst(_)
            | Self::RemoveGroup(_)
            | Self::CreateGroup {
                on_source: true, ..
            }
            | Self::AddToGroup {
                on_source: true, ..
            }
            | Self::Reset(_) => Side::Source,
            _ => Side::Destination,
        }
    }

    /// The write behind the step on these services, as the dry run shows it.
    pub fn call(&self, source: &ServiceId, destination: &ServiceId) -> Option<PlannedCall> {
        let service = match self.side() {
            Side::Source => source,
            Side::Destination => destination,
        };
        let (operation, body) = self.write(service)?;
        Some(PlannedCall {
            method: operation.method,
            template: operation.template.to_owned(),
            body,
        })
    }

    fn write(&self, service: &ServiceId) -> Option<(Operation, Option<String>)> {
        let platform = service.platform();
        if platform == Platform::LegacyMxPlan {
            return match self {
                Self::Configure { address, .. } => {
                    let local = address.split('@').next().unwrap_or_default();
                    Some((
                        domain::CREATE_ACCOUNT,
                        Some(format!(
                            r#"{{"accountName":"{local}","password":"{MASK}","size":<the largest allowed>}}"#
                        )),
                    ))
                }
                Self::Free(_) => Some((domain::DELETE_ACCOUNT, None)),
                _ => None,
            };
        }
        let calls = service.hosted_calls()?;
        let split = |address: &str| {
            let (login, domain) = address.split_once('@').unwrap_or((address, ""));
            format!(r#"{{"login":"{login}","domain":"{domain}"}}"#)
        };
        Some(match self {
            Self::AddDomain { domain, mx_relay } => {
                let create = match platform {
                    Platform::Exchange => exchange::CREATE_DOMAIN,
                    Platform::EmailPro => pro::CREATE_DOMAIN,
                    _ => return None,
                };
                let relay = mx_relay
                    .as_deref()
                    .map(|r| format!(r#","mxRelay":"{r}""#))
                    .unwrap_or_default();
                (
                    create,
                    Some(format!(
                        r#"{{"name":"{domain}","type":"nonAuthoritative"{relay},"configureMx":false,"configureAutodiscover":false}}"#
                    )),
                )
            }
            Self::Rename { to, .. } => (calls.update_account, Some(split(to))),
            Self::Configure { address, .. } => (calls.update_account, Some(split(address))),
            Self::SetPassword(_) | Self::SetSourcePassword(_) => (
                calls.change_password,
                Some(format!(r#"{{"password":"{MASK}"}}"#)),
            ),
            Self::RemoveAlias { .. } | Self::DropAlias { .. } => (calls.delete_alias, None),
            Self::AddAlias { alias, .. } | Self::RestoreAlias { alias, .. } => (
                calls.create_alias,
                Some(format!(r#"{{"alias":"{alias}"}}"#)),
            ),
            Self::Revoke { right, .. } => (right.calls(&calls).2, None),
            Self::Free(_) => (calls.reset_account, None),
            Self::DeleteContact(_) => (calls.delete_external_contact, None),
            Self::DeleteFooter(_) => (calls.delete_disclaimer, None),
            Self::Delegate { right, .. } => {
                let field = match right {
                    Right::FullAccess => "allowedAccountId",
                    _ => "allowAccountId",
                };
                (
                    right.calls(&calls).1,
                    Some(format!(r#"{{"{field}":<the delegate's id there>}}"#)),
                )
            }
            Self::CreateContact { address, .. } => (
                calls.create_external_contact,
                Some(format!(r#"{{"externalEmailAddress":"{address}",...}}"#)),
            ),
            Self::CreateFooter { .. } => (
                calls.create_disclaimer,
                Some(r#"{"content":...,"outsideOnly":...}"#.to_owned()),
            ),
            Self::Reset(_) => (calls.reset_account, None),
            Self::RemoveGroup(_) | Self::DeleteGroup(_) => (exchange::DELETE_MAILING_LIST, None),
            Self::CreateGroup { group, .. } => (
                exchange::CREATE_MAILING_LIST,
                Some(format!(
                    r#"{{"mailingListAddress":"{}","joinRestriction":...,"departRestriction":...}}"#,
                    group.address
                )),
            ),
            Self::AddToGroup { manager: true, .. } => (
                exchange::ADD_MAILING_LIST_MANAGER,
                Some(r#"{"managerAccountId":<its id there>}"#.to_owned()),
            ),
            Self::AddToGroup { .. } => (
                exchange::ADD_MAILING_LIST_MEMBER,
                Some(r#"{"memberAccountId":<its id there>}"#.to_owned()),
            ),
            Self::ExportPst(_) if platform == Platform::Exchange => (exchange::START_EXPORT, None),
            Self::RequestPstUrl(_) if platform == Platform::Exchange => {
                (exchange::CREATE_EXPORT_URL, None)
            }
            Self::DropPst(_) if platform == Platform::Exchange => (exchange::DELETE_EXPORT, None),
            Self::ExportPst(_) | Self::RequestPstUrl(_) | Self::DropPst(_) => {
                return None;
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pro() -> ServiceId {
        ServiceId::EmailPro {
            service: "emailpro-x".into(),
        }
    }

    fn exchange() -> ServiceId {
        ServiceId::Exchange {
            organization: "o".into(),
            service: "s".into(),
        }
    }

    #[test]
    fn each_step_names_its_exact_call_on_its_side_with_passwords_masked() {
        let rename = Step::Rename {
            from: "john@d.fr".into(),
            to: "john01@d.fr".into(),
        };
        let call = rename.call(&exchange(), &pro()).expect("a write");
        assert_eq!(call.method, Method::Put);
        assert_eq!(
            call.template,
            "/email/exchange/{organizationName}/service/{exchangeService}/account/{primaryEmailAddress}"
        );
        assert_eq!(
            call.body.as_deref(),
            Some(r#"{"login":"john01","domain":"d.fr"}"#)
        );
        let password = Step::SetPassword("john@d.fr".into())
            .call(&exchange(), &pro())
            .expect("a write");
        assert_eq!(
            password.template,
            "/email/pro/{service}/account/{email}/changePassword"
        );
        assert_eq!(password.body.as_deref(), Some(r#"{"password":"********"}"#));
        let legacy = ServiceId::LegacyMxPlan {
            domain: "d.fr".into(),
        };
        let create = Step::Configure {
            slot: None,
            address: "john@d.fr".into(),
        }
        .call(&exchange(), &legacy)
        .expect("a write");
        assert_eq!(create.template, "/email/domain/{domain}/account");
        assert!(create.body.is_some_and(|b| b.contains(MASK)));
    }

    #[test]
    fn an_mx_plan_destination_has_no_domain_to_add() {
        let mxplan = ServiceId::MxPlan {
            service: "m".into(),
        };
        let add = Step::AddDomain {
            domain: "d.fr".into(),
            mx_relay: None,
        };
        assert_eq!(add.call(&exchange(), &mxplan), None);
        let on_pro = add.call(&exchange(), &pro()).expect("a write");
        assert!(on_pro.body.is_some_and(|b| b.contains("nonAuthoritative")));
    }
}
