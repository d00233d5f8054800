//! The destination page's rules: where each domain of the chosen accounts stands on the
//! destination, and whether the way on is open (phase 1 of OVHcloud's guide).

use mailshift_migrate::Snapshot;
use mailshift_migrate::plan::domains_of;
use mailshift_ovh::models::ObjectState;
use mailshift_ovh::service::Platform;

/// Where one domain stands on the destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainState {
    /// Not there: Mailshift adds it as non-authoritative.
    ToAdd,
    /// There, non-authoritative and ready.
    Ready,
    /// There, but OVHcloud has not finished with it.
    NotReady(ObjectState),
    /// There as authoritative: mail to the addresses still on the source would be refused.
    Authoritative,
    /// Its zone is outside OVHcloud: this CNAME must be published for OVHcloud to accept it.
    CnameToPublish(String),
}

/// One domain of the chosen accounts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DomainRow {
    /// Its name.
    pub name: String,
    /// Where it stands.
    pub state: DomainState,
}

/// What the page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Preparation {
    /// MX Plan destinations carry their one domain already: there is nothing to configure.
    NotNeeded,
    /// The domains, each with its state.
    Domains(Vec<DomainRow>),
}

impl Preparation {
    /// The destination's state for the domains of `selected` (source addresses).
    pub fn of(snapshot: &Snapshot, selected: &[String]) -> Self {
        if !matches!(
            snapshot.destination.id.platform(),
            Platform::Exchange | Platform::EmailPro
        ) {
            return Self::NotNeeded;
        }
        let rows = domains_of(selected.iter().map(String::as_str))
            .into_iter()
            .map(|name| {
                let there = snapshot
                    .destination
                    .domains
                    .iter()
                    .find(|d| d.name.eq_ignore_ascii_case(&name));
                let state = match there {
                    None => DomainState::ToAdd,
                    Some(d) if d.authoritative == Some(true) => DomainState::Authoritative,
                    Some(d) if d.state != ObjectState::Ok => DomainState::NotReady(d.state),
                    Some(d) => match &d.cname_to_publish {
                        Some(cname) => DomainState::CnameToPublish(cname.clone()),
                        None => DomainState::Ready,
                    },
                };
                DomainRow { name, state }
            })
            .collect();
        Self::Domains(rows)
    }

    /// Whether Mailshift has something to do (add a domain, or wait for a CNAME).
    pub fn has_work(&self) -> bool {
        match self {
            Self::NotNeeded => false,
            Self::Domains(rows) => rows
                .iter()
                .any(|r| matches!(r.state, DomainState::ToAdd | DomainState::CnameToPublish(_))),
        }
    }

    /// Whether the way on to the plan is open: every domain ready.
    pub fn is_ready(&self) -> bool {
        match self {
            Self::NotNeeded => true,
            Self::Domains(rows) => rows.iter().all(|r| r.state == DomainState::Ready),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mailshift_migrate::snapshot::{Destination, DestinationDomain, Source};
    use mailshift_ovh::password::PasswordPolicy;
    use mailshift_ovh::service::ServiceId;

    fn snapshot(destination: ServiceId, domains: Vec<DestinationDomain>) -> Snapshot {
        Snapshot {
            source: Source {
                id: ServiceId::EmailPro {
                    service: "pro".into(),
                },
                hostname: None,
                policy: PasswordPolicy::Legacy,
                accounts: Vec::new(),
                details: Vec::new(),
                groups: Vec::new(),
                contacts: Vec::new(),
                footers: Vec::new(),
            },
            destination: Destination {
                id: destination,
                hostname: None,
                policy: PasswordPolicy::Legacy,
                domains,
                accounts: Vec::new(),
                legacy: None,
            },
        }
    }

    fn domain(
        name: &str,
        state: ObjectState,
        authoritative: bool,
        cname: Option<&str>,
    ) -> DestinationDomain {
        DestinationDomain {
            name: name.into(),
            state,
            authoritative: Some(authoritative),
            cname_to_publish: cname.map(str::to_owned),
        }
    }

    fn exchange() -> ServiceId {
        ServiceId::Exchange {
            organization: "org".into(),
            service: "ex".into(),
        }
    }

    #[test]
    fn each_domain_of_the_chosen_accounts_gets_its_state_once() {
        let selected = [
            "a@one.fr",
            "b@ONE.fr",
            "c@two.fr",
            "d@three.fr",
            "e@four.fr",
        ]
        .map(String::from);
        let found = snapshot(
            exchange(),
            vec![
                domain("two.fr", ObjectState::Ok, false, None),
                domain("three.fr", ObjectState::Creating, false, None),
                domain("four.fr", ObjectState::Ok, true, None),
            ],
        );
        let Preparation::Domains(rows) = Preparation::of(&found, &selected) else {
            panic!("Exchange needs its domains");
        };
        let states: Vec<_> = rows
            .iter()
            .map(|r| (r.name.as_str(), r.state.clone()))
            .collect();
        assert_eq!(
            states,
            [
                ("four.fr", DomainState::Authoritative),
                ("one.fr", DomainState::ToAdd),
                ("three.fr", DomainState::NotReady(ObjectState::Creating)),
                ("two.fr", DomainState::Ready),
            ]
        );
        let prep = Preparation::Domains(rows);
        assert!(prep.has_work() && !prep.is_ready());
    }

    #[test]
    fn a_cname_is_work_and_mx_plan_needs_none() {
        let selected = ["a@one.fr".to_owned()];
        let cname = snapshot(
            exchange(),
            vec![domain(
                "one.fr",
                ObjectState::Ok,
                false,
                Some("ovhcontrol123.one.fr"),
            )],
        );
        let prep = Preparation::of(&cname, &selected);
        assert!(prep.has_work() && !prep.is_ready());
        let ready = snapshot(
            exchange(),
            vec![domain("one.fr", ObjectState::Ok, false, None)],
        );
        assert!(Preparation::of(&ready, &selected).is_ready());
        let mx = snapshot(
            ServiceId::MxPlan {
                service: "mx".into(),
            },
            Vec::new(),
        );
        assert_eq!(Preparation::of(&mx, &selected), Preparation::NotNeeded);
        assert!(Preparation::NotNeeded.is_ready());
    }
}
