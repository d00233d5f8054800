//! Connecting: checking pasted keys, the rights to request, and what a key can do.

use mailshift_ovh::access_rules::{AccessRules, Extras, Scope, pattern_matches};
use mailshift_ovh::models::auth::AccessRule;
use mailshift_ovh::{Client, Clock, Error, ErrorKind, Method, Transport};

use crate::catalog::ServiceId;
use crate::text::Text;

/// What the person asked Mailshift to recreate: the rights for it are requested up front, and
/// the optional reset and PST export are asked for only when chosen in a later step.
const RECREATE: Extras = Extras {
    aliases: true,
    delegations: true,
    groups: true,
    external_contacts: true,
    footers: true,
    reset_source: false,
    pst_export: false,
};

/// Why a pasted key cannot be used as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyProblem {
    /// Nothing was given.
    Missing,
    /// It contains spaces or line breaks (a bad copy).
    Spaces,
}

impl KeyProblem {
    /// The sentence that explains it.
    pub fn text(self) -> Text {
        match self {
            Self::Missing => Text::KeyMissing,
            Self::Spaces => Text::KeySpaces,
        }
    }
}

/// A key as pasted, without the spaces a copy often adds around it.
pub fn clean_key(pasted: &str) -> Result<String, KeyProblem> {
    let key = pasted.trim();
    if key.is_empty() {
        Err(KeyProblem::Missing)
    } else if key.chars().any(char::is_whitespace) {
        Err(KeyProblem::Spaces)
    } else {
        Ok(key.to_owned())
    }
}

/// The rules to request: reading every email service to choose from, then what a migration
/// needs on the chosen source and destination, or on every platform before they are chosen.
pub fn rules_to_request(
    source: Option<&ServiceId>,
    destination: Option<&ServiceId>,
) -> Vec<AccessRule> {
    let mut rules = AccessRules::new().discover_services();
    rules = match source {
        Some(source) => rules.source(&source.scope(), RECREATE),
        None => rules
            .source(&Scope::Exchange(None), RECREATE)
            .source(&Scope::EmailPro(None), RECREATE),
    };
    match destination {
        Some(destination) => rules.destination(&destination.scope(), RECREATE),
        None => [
            Scope::Exchange(None),
            Scope::EmailPro(None),
            Scope::MxPlan(None),
            Scope::LegacyMxPlan(None),
        ]
        .iter()
        .fold(rules, |rules, scope| rules.destination(scope, RECREATE)),
    }
    .build()
}

/// Why a rule is asked for, in words.
pub fn purpose(rule: &AccessRule) -> Text {
    let path = rule.path.as_str();
    let ends = |suffix: &str| path.ends_with(suffix);
    // What a rule is for follows from what it names; a DELETE removes what moved, or undoes it.
    let delegation = ["/fullAccess", "/sendAs", "/sendOnBehalfTo"]
        .iter()
        .any(|right| ends(right) || ends(&format!("{right}/*")));
    match rule.method {
        Method::Get if path.starts_with("/auth/") => Text::PurposeKey,
        Method::Get => Text::PurposeRead,
        Method::Put => Text::PurposeRename,
        _ if ends("/export") || ends("/exportURL") => Text::PurposePst,
        _ if ends("/alias") || ends("/alias/*") || ends("/redirection") => Text::PurposeAliases,
        _ if delegation => Text::PurposeDelegations,
        _ if path.contains("/mailingList") => Text::PurposeGroups,
        _ if ends("/externalContact") || ends("/externalContact/*") => Text::PurposeContacts,
        _ if ends("/disclaimer") => Text::PurposeFooters,
        Method::Delete => Text::PurposeReset,
        Method::Post if ends("/domain") => Text::PurposeDomain,
        Method::Post if ends("/changePassword") || ends("/account") => Text::PurposePassword,
        Method::Post if ends("/migrate") => Text::PurposeLegacyMove,
        Method::Post => Text::PurposeOther,
    }
}

/// The rules in `needed` that `granted` does not cover.
pub fn missing_rules(granted: &[AccessRule], needed: &[AccessRule]) -> Vec<AccessRule> {
    needed
        .iter()
        .filter(|need| {
            !granted
                .iter()
                .any(|g| g.method == need.method && pattern_matches(&g.path, &need.path))
        })
        .cloned()
        .collect()
}

/// What a working key tells about itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connected {
    /// The OVHcloud account (NIC handle), when the key may read it.
    pub account: Option<String>,
    /// When the key expires (OVHcloud's date text), or `None` for never.
    pub expiration: Option<String>,
    /// Rules the wizard's next steps need that the key lacks.
    pub missing: Vec<AccessRule>,
}

/// Checks that the keys work: the time is synchronised, the key is valid, and it may list the
/// email services. Errors are OVHcloud's, classified, with their query IDs.
pub async fn check<T: Transport, C: Clock>(client: &Client<T, C>) -> Result<Connected, Error> {
    let current = client.current_credential().await?;
    let account = match client.auth_details().await {
        Ok(details) => Some(details.account),
        Err(error) if error.kind == ErrorKind::MissingRights => None,
        Err(error) => return Err(error),
    };
    let needed = AccessRules::new().discover_services().build();
    let missing = missing_rules(&current.rules, &needed)
        .into_iter()
        .filter(|rule| !rule.path.starts_with("/auth/"))
        .collect();
    Ok(Connected {
        account,
        expiration: current.expiration,
        missing,
    })
}

/// An OVHcloud date (`2026-11-25T04:00:00+01:00`) as people read it: `2026-11-25 04:00 (+01:00)`.
pub fn format_date(date: &str) -> String {
    let Some((day, rest)) = date.split_once('T') else {
        return date.to_owned();
    };
    let time: String = rest.chars().take(5).collect();
    let zone = rest
        .find(['+', '-', 'Z'])
        .map(|i| &rest[i..])
        .filter(|z| !z.is_empty());
    match zone {
        Some("Z") | Some("+00:00") => format!("{day} {time} UTC"),
        Some(zone) => format!("{day} {time} ({zone})"),
        None => format!("{day} {time}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mailshift_ovh::Method::{Get, Post, Put};

    use mailshift_migrate::step::{Group, Right, Side, Step};
    use mailshift_ovh::access_rules::pattern_matches;
    use mailshift_ovh::models::exchange::{DepartRestriction, JoinRestriction};

    /// One step of every kind, rollback steps included.
    fn every_step() -> Vec<Step> {
        let (a, b) = (|| "a@d.fr".to_owned(), || "b@d.fr".to_owned());
        let group = Group {
            address: "g@d.fr".into(),
            display_name: None,
            join: JoinRestriction::Closed,
            depart: DepartRestriction::Closed,
            hidden_from_gal: false,
            sender_authentification: false,
            members: vec![a()],
            managers: vec![b()],
        };
        let mut steps = vec![
            Step::AddDomain {
                domain: "d.fr".into(),
                mx_relay: None,
            },
            Step::Rename { from: a(), to: b() },
            Step::Configure {
                slot: Some(b()),
                address: a(),
            },
            Step::Configure {
                slot: None,
                address: a(),
            },
            Step::SetPassword(a()),
            Step::SetSourcePassword(b()),
            Step::RemoveAlias {
                account: b(),
                alias: a(),
            },
            Step::AddAlias {
                account: a(),
                alias: b(),
            },
            Step::CreateContact {
                address: a(),
                display_name: "A".into(),
            },
            Step::CreateFooter {
                domain: "d.fr".into(),
                content: "x".into(),
                outside_only: true,
            },
            Step::RemoveGroup(group.clone()),
            Step::DeleteGroup(group.address.clone()),
            Step::ExportPst(b()),
            Step::RequestPstUrl(b()),
            Step::DropPst(b()),
            Step::Reset(b()),
            Step::DropAlias {
                account: a(),
                alias: b(),
            },
            Step::RestoreAlias {
                account: b(),
                alias: a(),
            },
            Step::Free(a()),
            Step::DeleteContact(a()),
            Step::DeleteFooter("d.fr".into()),
        ];
        for on_source in [false, true] {
            steps.extend(group.on(on_source));
        }
        for right in Right::ALL {
            steps.push(Step::Delegate {
                account: a(),
                right,
                delegate: b(),
            });
            steps.push(Step::Revoke {
                account: a(),
                right,
                delegate: b(),
            });
        }
        steps
    }

    /// A schema template filled in for `service`: its names first, then `x` for the rest.
    fn concrete(template: &str, service: &ServiceId) -> String {
        let names = match service {
            ServiceId::Exchange {
                organization,
                service,
            } => vec![organization.as_str(), service.as_str()],
            ServiceId::EmailPro { service } | ServiceId::MxPlan { service } => {
                vec![service.as_str()]
            }
            ServiceId::LegacyMxPlan { domain } => vec![domain.as_str()],
        };
        template
            .split('{')
            .enumerate()
            .map(|(n, part)| match part.split_once('}') {
                Some((_, rest)) if n > 0 => {
                    format!("{}{rest}", names.get(n - 1).copied().unwrap_or("x"))
                }
                _ => part.to_owned(),
            })
            .collect()
    }

    #[test]
    fn the_key_asked_for_covers_every_write_of_a_migration_and_its_rollback() {
        let sources = [
            ServiceId::Exchange {
                organization: "o".into(),
                service: "s".into(),
            },
            ServiceId::EmailPro {
                service: "p".into(),
            },
        ];
        let destinations = [
            ServiceId::Exchange {
                organization: "o2".into(),
                service: "s2".into(),
            },
            ServiceId::EmailPro {
                service: "p2".into(),
            },
            ServiceId::MxPlan {
                service: "m".into(),
            },
            ServiceId::LegacyMxPlan {
                domain: "d.fr".into(),
            },
        ];
        for source in &sources {
            for destination in &destinations {
                let everything = AccessRules::new()
                    .source(&source.scope(), Extras::ALL)
                    .destination(&destination.scope(), Extras::ALL)
                    .build();
                let asked = [
                    rules_to_request(Some(source), Some(destination)),
                    rules_to_request(None, None),
                ];
                for (rules, opted_out) in [(everything, false)]
                    .into_iter()
                    .chain(asked.map(|r| (r, true)))
                {
                    for step in every_step() {
                        // The reset and the PST backup are asked for when chosen, later.
                        let later = matches!(
                            step,
                            Step::Reset(_)
                                | Step::ExportPst(_)
                                | Step::RequestPstUrl(_)
                                | Step::DropPst(_)
                        );
                        // Groups move only between Exchange services.
                        let group = matches!(
                            step,
                            Step::RemoveGroup(_)
                                | Step::CreateGroup { .. }
                                | Step::AddToGroup { .. }
                                | Step::DeleteGroup(_)
                        );
                        let exchange_pair = matches!(source, ServiceId::Exchange { .. })
                            && matches!(destination, ServiceId::Exchange { .. });
                        if (later && opted_out) || (group && !exchange_pair) {
                            continue;
                        }
                        let Some(call) = step.call(source, destination) else {
                            continue;
                        };
                        let side = match step.side() {
                            Side::Source => source,
                            Side::Destination => destination,
                        };
                        let path = concrete(&call.template, side);
                        assert!(
                            rules.iter().any(|r| r.method == call.method && pattern_matches(&r.path, &path)),
                            "{source:?} to {destination:?} (opted out: {opted_out}): {} {} ({path}) is not asked for",
                            call.method,
                            call.template
                        );
                    }
                }
            }
        }
    }

    fn rule(method: Method, path: &str) -> AccessRule {
        AccessRule {
            method,
            path: path.into(),
        }
    }

    #[test]
    fn pasted_keys_lose_surrounding_spaces_but_not_inner_ones() {
        assert_eq!(clean_key("  abc\n"), Ok("abc".into()));
        assert_eq!(clean_key(" \t"), Err(KeyProblem::Missing));
        assert_eq!(clean_key("ab c"), Err(KeyProblem::Spaces));
    }

    #[test]
    fn requests_narrow_rules_once_services_are_chosen() {
        let broad = rules_to_request(None, None);
        assert!(broad.contains(&rule(Get, "/email/pro/*")));
        assert!(broad.contains(&rule(Put, "/email/exchange/*/account/*")));
        let source = ServiceId::Exchange {
            organization: "org".into(),
            service: "ex".into(),
        };
        let destination = ServiceId::MxPlan {
            service: "mx".into(),
        };
        let narrow = rules_to_request(Some(&source), Some(&destination));
        assert!(narrow.contains(&rule(Put, "/email/exchange/org/service/ex/account/*")));
        assert!(narrow.contains(&rule(Post, "/email/mxplan/mx/account/*/changePassword")));
        assert!(!narrow.contains(&rule(Put, "/email/pro/*/account/*")));
        assert!(
            !narrow.contains(&rule(
                Method::Delete,
                "/email/exchange/org/service/ex/account/*"
            )),
            "no reset of a source account unless asked"
        );
        assert!(
            narrow.contains(&rule(Method::Delete, "/email/mxplan/mx/account/*")),
            "a rollback frees the destination account"
        );
        assert!(narrow.len() < broad.len());
    }

    #[test]
    fn every_requested_rule_has_a_stated_purpose() {
        for rule in rules_to_request(None, None) {
            assert_ne!(purpose(&rule), Text::PurposeOther, "{rule:?}");
        }
    }

    #[test]
    fn finds_what_a_key_lacks() {
        let needed = [rule(Get, "/email/pro"), rule(Get, "/email/pro/*")];
        assert!(missing_rules(&[rule(Get, "/*")], &needed).is_empty());
        assert!(missing_rules(&[rule(Get, "/email/*")], &needed).is_empty());
        assert_eq!(
            missing_rules(&[rule(Get, "/email/pro")], &needed),
            [rule(Get, "/email/pro/*")]
        );
        assert_eq!(missing_rules(&[rule(Post, "/*")], &needed).len(), 2);
    }

    #[test]
    fn dates_read_plainly() {
        assert_eq!(
            format_date("2026-11-25T04:00:00+01:00"),
            "2026-11-25 04:00 (+01:00)"
        );
        assert_eq!(format_date("2026-11-25T04:00:00Z"), "2026-11-25 04:00 UTC");
        assert_eq!(format_date("soon"), "soon");
    }
}
