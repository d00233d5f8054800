//! The access rules a consumer key is requested with: only what the chosen migration needs.

use crate::method::Method::{self, Delete, Get, Post, Put};
use crate::models::auth::AccessRule;

/// An email platform, narrowed to one service when it is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Exchange: organization and service, or all of them.
    Exchange(Option<(String, String)>),
    /// Email Pro: one service, or all of them.
    EmailPro(Option<String>),
    /// MX Plan on the current platform.
    MxPlan(Option<String>),
    /// MX Plan on the legacy platform (the service is the domain).
    LegacyMxPlan(Option<String>),
}

impl Scope {
    fn base(&self) -> String {
        match self {
            Self::Exchange(Some((org, service))) => {
                format!("/email/exchange/{org}/service/{service}")
            }
            Self::Exchange(None) => "/email/exchange/*".to_owned(),
            Self::EmailPro(service) => format!("/email/pro/{}", service.as_deref().unwrap_or("*")),
            Self::MxPlan(service) => format!("/email/mxplan/{}", service.as_deref().unwrap_or("*")),
            Self::LegacyMxPlan(domain) => {
                format!("/email/domain/{}", domain.as_deref().unwrap_or("*"))
            }
        }
    }
}

/// What the migration will recreate or do beyond moving accounts; each adds its own rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Extras {
    /// Recreate aliases.
    pub aliases: bool,
    /// Recreate full access, send as and send on behalf.
    pub delegations: bool,
    /// Recreate groups (Exchange destinations).
    pub groups: bool,
    /// Recreate external contacts.
    pub external_contacts: bool,
    /// Recreate footers.
    pub footers: bool,
    /// Reset provisional source accounts afterwards (a `DELETE`).
    pub reset_source: bool,
    /// Make PST backups of Exchange source mailboxes.
    pub pst_export: bool,
}

impl Extras {
    /// Everything.
    pub const ALL: Self = Self {
        aliases: true,
        delegations: true,
        groups: true,
        external_contacts: true,
        footers: true,
        reset_source: true,
        pst_export: true,
    };
}

/// Collects access rules, each once, in a stable order.
#[derive(Clone, Debug, Default)]
pub struct AccessRules {
    /// Sorted and without repeats: a set's lookups without a B-tree in the web bundle.
    rules: Vec<AccessRule>,
}

impl AccessRules {
    /// Only the right to read the key's own state and the account it acts for.
    pub fn new() -> Self {
        let mut rules = Self::default();
        rules.add(Get, "/auth/currentCredential");
        rules.add(Get, "/auth/details");
        rules
    }

    /// Reading the list and details of every email service, to choose source and destination.
    pub fn discover_services(mut self) -> Self {
        for root in [
            "/email/exchange",
            "/email/pro",
            "/email/mxplan",
            "/email/domain",
        ] {
            self.add(Get, root);
            self.add(Get, &format!("{root}/*"));
        }
        self
    }

    /// What the source of the migration needs: reading, renaming, and the chosen extras.
    pub fn source(mut self, scope: &Scope, extras: Extras) -> Self {
        let base = scope.base();
        self.read(&base);
        if let Scope::LegacyMxPlan(_) = scope {
            // OVHcloud moves legacy mailboxes itself: no rename, no reset.
            self.add(
                Post,
                &format!("{base}/account/*/migrate/*/destinationEmailAddress/*/migrate"),
            );
            return self;
        }
        self.add(Put, &format!("{base}/account/*"));
        // The provisional account's password, for the copy tool to log in with.
        self.add(Post, &format!("{base}/account/*/changePassword"));
        if extras.reset_source {
            self.add(Delete, &format!("{base}/account/*"));
        }
        if extras.aliases {
            // Aliases leave the source, and come back in a rollback.
            self.add(Delete, &format!("{base}/account/*/alias/*"));
            self.add(Post, &format!("{base}/account/*/alias"));
        }
        if extras.groups && matches!(scope, Scope::Exchange(_)) {
            // A group leaves the source, and is recreated there in a rollback.
            self.groups(&base);
        }
        if extras.pst_export && matches!(scope, Scope::Exchange(_)) {
            self.add(Post, &format!("{base}/account/*/export"));
            self.add(Post, &format!("{base}/account/*/exportURL"));
            self.add(Delete, &format!("{base}/account/*/export"));
        }
        self
    }

    /// What the destination needs: its domain, accounts, passwords, and the chosen extras.
    pub fn destination(mut self, scope: &Scope, extras: Extras) -> Self {
        let base = scope.base();
        self.read(&base);
        match scope {
            Scope::LegacyMxPlan(_) => {
                self.add(Post, &format!("{base}/account"));
                // A rollback deletes the account it created.
                self.add(Delete, &format!("{base}/account/*"));
                if extras.aliases {
                    self.add(Post, &format!("{base}/redirection"));
                }
                return self;
            }
            Scope::Exchange(_) | Scope::EmailPro(_) => self.add(Post, &format!("{base}/domain")),
            Scope::MxPlan(_) => {}
        }
        // Each item recreated here is removed again in a rollback, the account freed last.
        self.add(Put, &format!("{base}/account/*"));
        self.add(Delete, &format!("{base}/account/*"));
        self.add(Post, &format!("{base}/account/*/changePassword"));
        if extras.aliases {
            self.add(Post, &format!("{base}/account/*/alias"));
            self.add(Delete, &format!("{base}/account/*/alias/*"));
        }
        if extras.delegations {
            for right in ["fullAccess", "sendAs", "sendOnBehalfTo"] {
                self.add(Post, &format!("{base}/account/*/{right}"));
                self.add(Delete, &format!("{base}/account/*/{right}/*"));
            }
        }
        if extras.groups && matches!(scope, Scope::Exchange(_)) {
            self.groups(&base);
        }
        if extras.external_contacts {
            self.add(Post, &format!("{base}/externalContact"));
            self.add(Delete, &format!("{base}/externalContact/*"));
        }
        if extras.footers {
            self.add(Post, &format!("{base}/domain/*/disclaimer"));
            self.add(Delete, &format!("{base}/domain/*/disclaimer"));
        }
        self
    }

    /// The rules, sorted.
    pub fn build(self) -> Vec<AccessRule> {
        self.rules
    }

    /// Creating a group with its members and managers, and deleting one: a group leaves one
    /// side and is created on the other, both ways.
    fn groups(&mut self, base: &str) {
        self.add(Post, &format!("{base}/mailingList"));
        self.add(Post, &format!("{base}/mailingList/*/member/account"));
        self.add(Post, &format!("{base}/mailingList/*/manager/account"));
        self.add(Delete, &format!("{base}/mailingList/*"));
    }

    fn read(&mut self, base: &str) {
        self.add(Get, base);
        self.add(Get, &format!("{base}/*"));
    }

    fn add(&mut self, method: Method, path: &str) {
        let rule = AccessRule {
            method,
            path: path.to_owned(),
        };
        if let Err(at) = self.rules.binary_search(&rule) {
            self.rules.insert(at, rule);
        }
    }
}

/// Whether `path` matches an access rule pattern, where `*` stands for any text.
pub fn pattern_matches(pattern: &str, path: &str) -> bool {
    let mut parts = pattern.split('*');
    let Some(first) = parts.next() else {
        return path.is_empty();
    };
    let Some(mut rest) = path.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (i, part) in parts.iter().enumerate() {
        if i + 1 == parts.len() {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operations;

    fn has(rules: &[AccessRule], method: Method, path: &str) -> bool {
        rules.iter().any(|r| r.method == method && r.path == path)
    }

    #[test]
    fn a_rule_asked_twice_is_listed_once() {
        let once = AccessRules::new().discover_services().build();
        let twice = AccessRules::new()
            .discover_services()
            .discover_services()
            .build();
        assert_eq!(once, twice);
        assert_eq!(once.len(), 10);
    }

    #[test]
    fn a_narrowed_migration_names_its_services_only() {
        let rules = AccessRules::new()
            .source(
                &Scope::Exchange(Some(("org-1".into(), "ex-1".into()))),
                Extras::default(),
            )
            .destination(&Scope::EmailPro(Some("pro-1".into())), Extras::default())
            .build();
        assert!(has(
            &rules,
            Put,
            "/email/exchange/org-1/service/ex-1/account/*"
        ));
        assert!(has(&rules, Post, "/email/pro/pro-1/domain"));
        assert!(has(
            &rules,
            Post,
            "/email/pro/pro-1/account/*/changePassword"
        ));
        assert!(rules.iter().all(|r| !r.path.contains("/email/pro/*")));
        assert!(
            !has(
                &rules,
                Delete,
                "/email/exchange/org-1/service/ex-1/account/*"
            ),
            "no reset asked, no DELETE of a source account"
        );
        assert!(
            has(&rules, Delete, "/email/pro/pro-1/account/*"),
            "a rollback frees the destination account"
        );
        assert!(!has(&rules, Put, "/email/pro/pro-1/account/*/alias"));
        assert!(
            rules.windows(2).all(|pair| pair[0] < pair[1]),
            "sorted, each rule once: {rules:?}"
        );
    }

    #[test]
    fn extras_add_only_their_own_rules() {
        let scope = Scope::Exchange(Some(("o".into(), "s".into())));
        let plain = AccessRules::new()
            .destination(&scope, Extras::default())
            .build();
        let full = AccessRules::new().destination(&scope, Extras::ALL).build();
        assert!(full.len() > plain.len());
        for rule in &plain {
            assert!(full.contains(rule));
        }
        assert!(has(
            &full,
            Post,
            "/email/exchange/o/service/s/mailingList/*/member/account"
        ));
        let pro = AccessRules::new()
            .destination(&Scope::EmailPro(Some("p".into())), Extras::ALL)
            .build();
        assert!(
            pro.iter().all(|r| !r.path.contains("mailingList")),
            "no groups on Email Pro"
        );
    }

    #[test]
    fn unknown_services_use_wildcards() {
        let rules = AccessRules::new().discover_services().build();
        assert!(has(&rules, Get, "/email/pro/*"));
        assert!(rules.iter().all(|r| r.method == Get));
    }

    #[test]
    fn every_rule_allows_some_operation_the_client_makes() {
        let rules = AccessRules::new()
            .discover_services()
            .source(&Scope::Exchange(None), Extras::ALL)
            .source(&Scope::EmailPro(None), Extras::ALL)
            .source(&Scope::LegacyMxPlan(None), Extras::ALL)
            .destination(&Scope::Exchange(None), Extras::ALL)
            .destination(&Scope::EmailPro(None), Extras::ALL)
            .destination(&Scope::MxPlan(None), Extras::ALL)
            .destination(&Scope::LegacyMxPlan(None), Extras::ALL)
            .build();
        for rule in &rules {
            let used = operations::all().any(|op| {
                let sample: Vec<&str> = op.parameters().map(|_| "x").collect();
                op.method == rule.method
                    && op
                        .path(&sample)
                        .is_ok_and(|p| pattern_matches(&rule.path, &p.path_and_query()))
            });
            assert!(
                used,
                "{} {} allows nothing the client does",
                rule.method, rule.path
            );
        }
    }

    #[test]
    fn patterns_match_like_ovh_wildcards() {
        assert!(pattern_matches("/email/pro/*", "/email/pro/a/account/b@c"));
        assert!(pattern_matches(
            "/email/pro/s/account/*/alias",
            "/email/pro/s/account/b@c/alias"
        ));
        assert!(!pattern_matches(
            "/email/pro/s/account/*/alias",
            "/email/pro/t/account/b/alias"
        ));
        assert!(pattern_matches(
            "/auth/currentCredential",
            "/auth/currentCredential"
        ));
        assert!(!pattern_matches("/email/pro", "/email/pro/x"));
    }
}
