//! What survives a reload: the choices made so far, and the secret keys only when the person
//! asks for them to be remembered on this device.

use std::cell::RefCell;
use std::collections::BTreeMap;

use mailshift_ovh::Secret;
use serde::{Deserialize, Serialize};

use crate::catalog::ServiceId;
use crate::endpoint_choice::EndpointChoice;
use crate::lang::Lang;
use crate::table::Selection;

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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Step {
    /// Keys and endpoint.
    #[default]
    Connect,
    /// Source and destination.
    Choose,
    /// The inventory and the selection.
    Review,
}

/// The choices made so far; nothing secret.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Settings {
    /// The interface language, once chosen.
    pub lang: Option<Lang>,
    /// The API endpoint.
    pub endpoint: EndpointChoice,
    /// The proxy's address, when not the page's own origin.
    pub proxy: Option<String>,
    /// The application key, which identifies the application but grants nothing alone.
    pub application_key: String,
    /// The furthest step reached.
    pub step: Step,
    /// The chosen source.
    pub source: Option<ServiceId>,
    /// The chosen destination.
    pub destination: Option<ServiceId>,
    /// The chosen accounts.
    pub selection: Selection,
}

/// The secrets, kept only when the person ticks "remember on this device".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RememberedKeys {
    /// The application secret.
    pub application_secret: Secret,
    /// The consumer key.
    pub consumer_key: Secret,
}

impl Settings {
    /// The saved choices; defaults when nothing, or something unreadable, was saved.
    pub fn load(storage: &dyn Storage) -> Self {
        storage
            .read(SETTINGS_KEY)
            .and_then(|text| mailshift_ovh::json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Saves the choices.
    pub fn save(&self, storage: &dyn Storage) -> Result<(), String> {
        let text = serde_json::to_string(self).map_err(|e| e.to_string())?;
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
        let text = serde_json::to_string(self).map_err(|e| e.to_string())?;
        storage.write(KEYS_KEY, &text)
    }

    /// Forgets remembered secrets only.
    pub fn forget(storage: &dyn Storage) {
        storage.remove(KEYS_KEY);
    }
}

/// Removes everything Mailshift saved on this device.
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
            step: Step::Review,
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
