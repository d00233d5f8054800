//! What survives a reload: the choices made so far, and the secret keys only when the person
//! asks for them to be remembered on this device.

use std::cell::RefCell;
use std::collections::BTreeMap;

use mailshift_ovh::Secret;

use crate::catalog::{Catalog, ServiceId};
use crate::endpoint_choice::EndpointChoice;
use crate::lang::Lang;
use crate::table::Selection;
use crate::text::Text;

/// Where the choices are saved.
pub const SETTINGS_KEY: &str = "mailshift.settings";

/// Where remembered secrets are saved, apart from the rest so that forgetting them is one step.
pub const KEYS_KEY: &str = "mailshift.keys";

/// A place to keep text between visits: the browser's `localStorage`, or memory in tests.
pub trait Storage {
    /// The text under `key`, if any.
    fn read(&self, key: &str) -> Option<String>;
    /// Keeps `value` under `key`; fails when the device refuses (full, or private browsing).
    fn write(&self, key: &str, value: &str) -> Result<(), String>;
    /// Removes what is under `key`.
    fn remove(&self, key: &str);
}

impl<S: Storage + ?Sized> Storage for &S {
    fn read(&self, key: &str) -> Option<String> {
        (**self).read(key)
    }

    fn write(&self, key: &str, value: &str) -> Result<(), String> {
        (**self).write(key, value)
    }

    fn remove(&self, key: &str) {
        (**self).remove(key)
    }
}

/// A storage that lives as long as the value: for native tests and when the browser has none.
#[derive(Debug, Default)]
pub struct MemoryStorage(RefCell<BTreeMap<String, String>>);

impl Storage for MemoryStorage {
    fn read(&self, key: &str) -> Option<String> {
        self.0.borrow().get(key).cloned()
    }

    fn write(&self, key: &str, value: &str) -> Result<(), String> {
        self.0.borrow_mut().insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) {
        self.0.borrow_mut().remove(key);
    }
}

/// The wizard's steps, in order.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    miniserde::Serialize,
    miniserde::Deserialize,
)]
pub enum Step {
    /// Keys and endpoint.
    #[default]
    #[serde(rename = "connect")]
    Connect,
    /// Source and destination.
    #[serde(rename = "choose")]
    Choose,
    /// The inventory and the selection.
    #[serde(rename = "review")]
    Review,
    /// The destination made ready for the domain (phase 1).
    #[serde(rename = "destination")]
    Destination,
    /// The options, the passwords, the findings and the dry run.
    #[serde(rename = "plan")]
    Plan,
    /// The run, account by account.
    #[serde(rename = "run")]
    Run,
    /// The mailbox content copy.
    #[serde(rename = "copy")]
    Copy,
    /// The reset, the DNS checks, the mail client settings and the report.
    #[serde(rename = "finish")]
    Finish,
}

impl Step {
    /// Every step, in order: the navigation's one list.
    pub const ALL: [Step; 8] = [
        Step::Connect,
        Step::Choose,
        Step::Review,
        Step::Destination,
        Step::Plan,
        Step::Run,
        Step::Copy,
        Step::Finish,
    ];

    /// Its name in the navigation.
    pub fn label(self) -> Text {
        match self {
            Step::Connect => Text::StepConnect,
            Step::Choose => Text::StepChoose,
            Step::Review => Text::StepReview,
            Step::Destination => Text::StepDestination,
            Step::Plan => Text::StepPlan,
            Step::Run => Text::StepRun,
            Step::Copy => Text::StepCopy,
            Step::Finish => Text::StepFinish,
        }
    }

    /// Whether the run has begun by this step: from here on, going back to change the
    /// choices would leave the recorded run behind, so the earlier steps are closed.
    pub fn is_after_start(self) -> bool {
        self >= Step::Run
    }

    /// Whether the navigation may show this step: once connected, any step up to the furthest
    /// reached, except the choices and the plan once a run is recorded (it must be finished or
    /// rolled back first, since it was planned from them).
    pub fn can_visit(self, reached: Step, connected: bool, run_recorded: bool) -> bool {
        let closed = run_recorded && self > Step::Connect && !self.is_after_start();
        connected && self <= reached && !closed
    }
}

/// The choices made so far; nothing secret.
#[derive(Clone, Debug, Default, PartialEq, miniserde::Serialize)]
pub struct Settings {
    /// The interface language, once chosen.
    pub lang: Option<Lang>,
    /// The API endpoint.
    pub endpoint: EndpointChoice,
    /// The proxy's address, when not the page's own origin.
    pub proxy: Option<String>,
    /// The application key, which identifies the application but grants nothing alone.
    #[serde(rename = "applicationKey")]
    pub application_key: String,
    /// The furthest step reached.
    pub reached: Step,
    /// The chosen source.
    pub source: Option<ServiceId>,
    /// The chosen destination.
    pub destination: Option<ServiceId>,
    /// The chosen accounts.
    pub selection: Selection,
}

/// [`Settings`] as saved, each field optional: what an earlier version did not save takes
/// its default.
#[derive(miniserde::Deserialize)]
struct SavedSettings {
    lang: Option<Lang>,
    endpoint: Option<EndpointChoice>,
    proxy: Option<String>,
    #[serde(rename = "applicationKey")]
    application_key: Option<String>,
    reached: Option<Step>,
    /// What earlier versions saved `reached` as.
    step: Option<Step>,
    source: Option<ServiceId>,
    destination: Option<ServiceId>,
    selection: Option<Selection>,
}

impl From<SavedSettings> for Settings {
    fn from(saved: SavedSettings) -> Self {
        Self {
            lang: saved.lang,
            endpoint: saved.endpoint.unwrap_or_default(),
            proxy: saved.proxy,
            application_key: saved.application_key.unwrap_or_default(),
            reached: saved.reached.or(saved.step).unwrap_or_default(),
            source: saved.source,
            destination: saved.destination,
            selection: saved.selection.unwrap_or_default(),
        }
    }
}

/// The secrets, kept only when the person ticks "remember on this device".
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct RememberedKeys {
    /// The application secret.
    #[serde(rename = "applicationSecret")]
    pub application_secret: Secret,
    /// The consumer key.
    #[serde(rename = "consumerKey")]
    pub consumer_key: Secret,
}

impl Settings {
    /// Chooses the source: another source's accounts are not this one's, so the selection is
    /// cleared, and a destination that is the same service is dropped.
    pub fn choose_source(&mut self, id: ServiceId) {
        if self.source.as_ref() != Some(&id) {
            self.selection.clear();
        }
        if self.destination.as_ref() == Some(&id) {
            self.destination = None;
        }
        self.source = Some(id);
    }

    /// Chooses the destination.
    pub fn choose_destination(&mut self, id: ServiceId) {
        self.destination = Some(id);
    }

    /// Drops a saved source or destination that the account no longer lists (a service
    /// deleted or moved since the last visit); a dropped source takes its selection with it.
    pub fn drop_unlisted(&mut self, catalog: &Catalog) {
        if self
            .source
            .as_ref()
            .is_some_and(|id| catalog.get(id).is_none())
        {
            self.source = None;
            self.selection.clear();
        }
        if self
            .destination
            .as_ref()
            .is_some_and(|id| catalog.get(id).is_none())
        {
            self.destination = None;
        }
    }

    /// The saved choices; defaults when nothing, or something unreadable, was saved.
    pub fn load(storage: &dyn Storage) -> Self {
        storage
            .read(SETTINGS_KEY)
            .and_then(|text| mailshift_ovh::json::from_str::<SavedSettings>(&text).ok())
            .map(Self::from)
            .unwrap_or_default()
    }

    /// Saves the choices.
    pub fn save(&self, storage: &dyn Storage) -> Result<(), String> {
        let text = mailshift_ovh::json::to_string(self);
        storage.write(SETTINGS_KEY, &text)
    }
}

impl RememberedKeys {
    /// The remembered secrets, if any.
    pub fn load(storage: &dyn Storage) -> Option<Self> {
        storage
            .read(KEYS_KEY)
            .and_then(|text| mailshift_ovh::json::from_str(&text).ok())
    }

    /// Remembers the secrets on this device.
    pub fn save(&self, storage: &dyn Storage) -> Result<(), String> {
        let text = mailshift_ovh::json::to_string(self);
        storage.write(KEYS_KEY, &text)
    }

    /// Forgets remembered secrets only.
    pub fn forget(storage: &dyn Storage) {
        storage.remove(KEYS_KEY);
    }
}

/// Removes the settings and the remembered keys. A recorded run's journal stays: it holds no
/// secret, and it is its accounts' way back until the run is closed.
pub fn forget_everything(storage: &dyn Storage) {
    storage.remove(SETTINGS_KEY);
    storage.remove(KEYS_KEY);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_come_back_and_secrets_are_kept_apart() {
        let storage = MemoryStorage::default();
        let mut settings = Settings {
            lang: Some(Lang::Fr),
            endpoint: EndpointChoice::Sandbox,
            application_key: "AK".into(),
            reached: Step::Review,
            source: Some(ServiceId::EmailPro {
                service: "pro-1".into(),
            }),
            ..Settings::default()
        };
        settings.selection.toggle("a@d.fr");
        settings.save(&storage).expect("saved");
        assert_eq!(Settings::load(&storage), settings);
        let saved = storage.read(SETTINGS_KEY).expect("written");
        assert!(!saved.contains("secret"), "{saved}");
        assert_eq!(RememberedKeys::load(&storage), None);

        let keys = RememberedKeys {
            application_secret: Secret::new("AS-value"),
            consumer_key: Secret::new("CK-value"),
        };
        keys.save(&storage).expect("saved");
        assert_eq!(RememberedKeys::load(&storage), Some(keys));
        RememberedKeys::forget(&storage);
        assert_eq!(RememberedKeys::load(&storage), None);
        assert_eq!(Settings::load(&storage), settings);
        forget_everything(&storage);
        assert_eq!(Settings::load(&storage), Settings::default());
    }

    fn pro(service: &str) -> ServiceId {
        ServiceId::EmailPro {
            service: service.into(),
        }
    }

    #[test]
    fn a_new_source_clears_the_selection_and_cannot_also_be_the_destination() {
        let mut settings = Settings::default();
        settings.choose_source(pro("a"));
        settings.selection.toggle("x@d.fr");
        settings.choose_source(pro("a"));
        assert_eq!(settings.selection.len(), 1, "the same source keeps it");
        settings.choose_destination(pro("b"));
        settings.choose_source(pro("b"));
        assert!(settings.selection.is_empty());
        assert_eq!(
            settings.destination, None,
            "a service cannot receive from itself"
        );
        assert_eq!(settings.source, Some(pro("b")));
    }

    #[test]
    fn saved_services_no_longer_listed_are_dropped_with_their_selection() {
        let listed = |ids: &[ServiceId]| Catalog {
            services: ids
                .iter()
                .map(|id| crate::catalog::ServiceSummary {
                    id: id.clone(),
                    display_name: None,
                    state: "ok".into(),
                    domains: Vec::new(),
                    accounts: 0,
                    free_slots: 0,
                })
                .collect(),
        };
        let mut settings = Settings::default();
        settings.choose_source(pro("a"));
        settings.choose_destination(pro("b"));
        settings.selection.toggle("x@d.fr");
        settings.drop_unlisted(&listed(&[pro("a"), pro("b")]));
        assert_eq!(
            (settings.source.is_some(), settings.destination.is_some()),
            (true, true)
        );
        settings.drop_unlisted(&listed(&[pro("a")]));
        assert_eq!(settings.destination, None);
        assert_eq!(settings.selection.len(), 1);
        settings.drop_unlisted(&listed(&[]));
        assert_eq!(settings.source, None);
        assert!(settings.selection.is_empty());
    }

    #[test]
    fn a_reached_step_saved_by_an_earlier_version_is_read() {
        let storage = MemoryStorage::default();
        storage
            .write(SETTINGS_KEY, r#"{"step":"review"}"#)
            .expect("written");
        assert_eq!(Settings::load(&storage).reached, Step::Review);
    }

    #[test]
    fn the_navigation_opens_reached_steps_and_closes_the_choices_once_a_run_is_recorded() {
        assert!(
            !Step::Choose.can_visit(Step::Review, false, false),
            "not connected"
        );
        assert!(Step::Choose.can_visit(Step::Review, true, false));
        assert!(
            !Step::Plan.can_visit(Step::Review, true, false),
            "not reached"
        );
        assert!(
            !Step::Review.can_visit(Step::Copy, true, true),
            "run recorded"
        );
        assert!(Step::Connect.can_visit(Step::Copy, true, true));
        assert!(Step::Run.can_visit(Step::Copy, true, true));
        assert_eq!(
            Step::ALL.windows(2).filter(|w| w[0] < w[1]).count(),
            7,
            "in order"
        );
    }

    #[test]
    fn unreadable_saved_state_gives_a_fresh_start() {
        let storage = MemoryStorage::default();
        storage.write(SETTINGS_KEY, "{not json").expect("written");
        storage.write(KEYS_KEY, "[]").expect("written");
        assert_eq!(Settings::load(&storage), Settings::default());
        assert_eq!(RememberedKeys::load(&storage), None);
        storage
            .write(SETTINGS_KEY, r#"{"endpoint":"ovh-ca","futureField":1}"#)
            .expect("written");
        assert_eq!(Settings::load(&storage).endpoint, EndpointChoice::OvhCa);
    }
}
