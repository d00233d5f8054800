//! The browser's `localStorage` behind the wizard's [`Storage`] trait.

use mailshift_wizard::Storage;

/// `window.localStorage`; every call tolerates its absence (some privacy modes remove it).
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserStorage;

impl BrowserStorage {
    fn local() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }
}

impl Storage for BrowserStorage {
    fn read(&self, key: &str) -> Option<String> {
        Self::local()?.get_item(key).ok().flatten()
    }

    fn write(&self, key: &str, value: &str) -> Result<(), String> {
        let storage = Self::local().ok_or("this browser offers no local storage")?;
        storage
            .set_item(key, value)
            .map_err(|_| "the browser refused to store it".to_owned())
    }

    fn remove(&self, key: &str) {
        if let Some(storage) = Self::local() {
            let _ = storage.remove_item(key);
        }
    }
}
