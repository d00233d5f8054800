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
    match rule.method {
        Method::Get if path.starts_with("/auth/") => Text::PurposeKey,
        Method::Get => Text::PurposeRead,
        Method::Put => Text::PurposeRename,
        Method::Delete => Text::PurposeReset,
        Method::Post if ends("/domain") => Text::PurposeDomain,
        Method::Post if ends("/changePassword") || ends("/account") => Text::PurposePassword,
        Method::Post if ends("/alias") || ends("/redirection") => Text::PurposeAliases,
        Method::Post if ends("/fullAccess") || ends("/sendAs") || ends("/sendOnBehalfTo") => {
            Text::PurposeDelegations
        }
        Method::Post if path.contains("/mailingList") => Text::PurposeGroups,
        Method::Post if ends("/externalContact") => Text::PurposeContacts,
        Method::Post if ends("/disclaimer") => Text::PurposeFooters,
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
        assert!(
            broad.iter().all(|r| r.method != Method::Delete),
            "no reset unless asked"
        );
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
