//! The destination page's rules: where each domain of the chosen accounts stands on the
//! destination, and whether the way on is open (phase 1 of OVHcloud's guide).

use futures_util::future::{Either, select};
use mailshift_migrate::engine::{RunError, Timing, prepare};
use mailshift_migrate::passwords::Passwords;
use mailshift_migrate::plan::domains_of;
use mailshift_migrate::{Control, Event, Options, Snapshot, plan};
use mailshift_ovh::models::ObjectState;
use mailshift_ovh::service::Platform;
use mailshift_ovh::{CancelToken, Client, Clock, Error, Transport};

use crate::Text;
use crate::progress::step_text;

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

    /// Whether a domain waits for its CNAME to be published.
    pub fn waits_for_cname(&self) -> bool {
        matches!(self, Self::Domains(rows) if rows.iter().any(|r| matches!(r.state, DomainState::CnameToPublish(_))))
    }
}

/// What the destination page is doing.
#[derive(Clone, Debug)]
pub enum Stage {
    /// Reading both sides.
    Reading,
    /// Read: the domains, and the source's server (the relay).
    Shown(Preparation, Option<String>),
    /// Configuring the destination; the step under way once known.
    Working(Option<Text>),
    /// Reading failed.
    ReadFailed(Error),
    /// Configuring failed.
    Failed(RunError),
}

impl Stage {
    /// The label of the button that configures the destination, when there is work for it.
    pub fn configure_label(&self) -> Option<Text> {
        match self {
            Self::Shown(p, _) if p.has_work() => Some(if p.waits_for_cname() {
                Text::WaitForCname
            } else {
                Text::AddDomains
            }),
            _ => None,
        }
    }

    /// Whether reading the destination again may tell something new.
    pub fn can_check_again(&self) -> bool {
        match self {
            Self::Shown(p, _) => !p.is_ready(),
            Self::ReadFailed(_) | Self::Failed(_) => true,
            Self::Reading | Self::Working(_) => false,
        }
    }

    /// Whether the way on to the plan is open.
    pub fn can_continue(&self) -> bool {
        matches!(self, Self::Shown(p, _) if p.is_ready())
    }
}

/// Phase 1 for the chosen accounts: plans it from what was read, adds the missing domains and
/// waits until the destination takes them, telling `on_step` of each step done. `None` when
/// `cancel` fires first: leaving the page drops the wait at once, not at the next step boundary.
pub async fn configure<T: Transport, C: Clock>(
    client: &Client<T, C>,
    found: &Snapshot,
    selected: &[String],
    timing: Timing,
    cancel: &CancelToken,
    on_step: impl Fn(Text),
) -> Option<Result<(), RunError>> {
    let phase1 = plan(
        found,
        &Options::default(),
        selected,
        &Passwords::new(),
        &timing.pace,
    );
    let on_event = |event: &Event| {
        // The wait may run once more after a cancel: what it says then has nobody to hear it.
        if cancel.is_cancelled() {
            return;
        }
        if let Event::StepDone { step, .. } = event {
            on_step(step_text(step));
        }
    };
    let control = Control::new();
    let prepared = select(
        Box::pin(prepare(client, &control, &phase1, timing, on_event)),
        cancel.cancelled(),
    )
    .await;
    match prepared {
        Either::Left((outcome, _)) => Some(outcome),
        Either::Right(_) => None,
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

    fn rows(states: &[DomainState]) -> Preparation {
        Preparation::Domains(
            states
                .iter()
                .map(|state| DomainRow {
                    name: "one.fr".into(),
                    state: state.clone(),
                })
                .collect(),
        )
    }

    #[test]
    fn the_page_offers_what_each_stage_allows() {
        let shown = |states: &[DomainState]| Stage::Shown(rows(states), None);
        let to_add = shown(&[DomainState::ToAdd, DomainState::Ready]);
        assert_eq!(to_add.configure_label(), Some(Text::AddDomains));
        assert!(to_add.can_check_again() && !to_add.can_continue());

        let cname = shown(&[DomainState::ToAdd, DomainState::CnameToPublish("c".into())]);
        assert_eq!(cname.configure_label(), Some(Text::WaitForCname));

        let waiting = shown(&[DomainState::NotReady(ObjectState::Creating)]);
        assert_eq!(waiting.configure_label(), None);
        assert!(waiting.can_check_again() && !waiting.can_continue());

        let ready = shown(&[DomainState::Ready]);
        assert_eq!(ready.configure_label(), None);
        assert!(!ready.can_check_again() && ready.can_continue());

        let not_needed = Stage::Shown(Preparation::NotNeeded, None);
        assert!(not_needed.can_continue() && not_needed.configure_label().is_none());

        for busy in [Stage::Reading, Stage::Working(Some(Text::StepAddDomain))] {
            assert!(busy.configure_label().is_none());
            assert!(!busy.can_check_again() && !busy.can_continue());
        }
        let failed = Stage::ReadFailed(Error::new(mailshift_ovh::ErrorKind::NetworkFault, "down"));
        assert!(failed.can_check_again() && !failed.can_continue());
    }
}
