//! The wizard's shared state: reactive handles over the plain types of `mailshift-wizard`,
//! provided once by the app and read by every page.

use std::rc::Rc;

use leptos::prelude::*;
use mailshift_ovh::Error;
use mailshift_wizard::connection::Connected;
use mailshift_wizard::problem::{self, Context, Problem};
use mailshift_wizard::settings::{RememberedKeys, Settings, Step, forget_everything};
use mailshift_wizard::{Catalog, Lang, Text};

use crate::api::{ApiClient, Upstreams, page_origin};
use crate::browser_storage::BrowserStorage;

/// Everything the pages share.
#[derive(Clone, Copy)]
pub struct Wizard {
    /// The interface language; changed through [`Wizard::set_lang`].
    pub lang: RwSignal<Lang>,
    /// The choices, saved on every change.
    pub settings: RwSignal<Settings>,
    /// The step whose page is shown.
    pub page: RwSignal<Step>,
    /// The working connection, once connected.
    pub connection: RwSignal<Option<Connection>, LocalStorage>,
    /// What this tab learnt from the proxy and OVHcloud.
    pub session: RwSignal<Session>,
    /// Whether the secrets are remembered on this device.
    pub remember: RwSignal<bool>,
    /// Set when the browser refuses to save.
    pub storage_refused: RwSignal<bool>,
}

/// A working connection: one value, so that the client and what it is connected as cannot
/// disagree.
#[derive(Clone)]
pub struct Connection {
    /// The signed client; it holds the secrets, in memory only.
    pub client: Rc<ApiClient>,
    /// What the key said about itself.
    pub connected: Connected,
}

/// What this tab learnt from the proxy and OVHcloud: one value, so one signal.
#[derive(Clone, Default)]
pub struct Session {
    /// Where the proxy forwards, once asked.
    pub upstreams: Option<Upstreams>,
    /// The services, once listed.
    pub catalog: Option<Catalog>,
}

impl Wizard {
    /// Reads what was saved and starts saving every change.
    pub fn new() -> Self {
        let mut saved = Settings::load(&BrowserStorage);
        let lang = saved.lang.unwrap_or_else(browser_lang);
        saved.lang = Some(lang);
        mark_page_lang(lang);
        let wizard = Self {
            lang: RwSignal::new(lang),
            settings: RwSignal::new(saved),
            page: RwSignal::new(Step::Connect),
            connection: RwSignal::new_local(None),
            session: RwSignal::new(Session::default()),
            remember: RwSignal::new(RememberedKeys::load(&BrowserStorage).is_some()),
            storage_refused: RwSignal::new(false),
        };
        Effect::new(move |_| {
            let settings = wizard.settings.get();
            wizard
                .storage_refused
                .set(settings.save(&BrowserStorage).is_err());
        });
        wizard
    }

    /// Switches the interface language: every text follows, the choice is saved, and the page
    /// says which language it is in.
    pub fn set_lang(self, lang: Lang) {
        self.lang.set(lang);
        self.settings.update(|s| s.lang = Some(lang));
        mark_page_lang(lang);
    }

    /// A text in the current language (reactive).
    pub fn t(self, text: Text) -> &'static str {
        text.get(self.lang.get())
    }

    /// A text that follows the language, for a view. Every call returns the same closure type,
    /// so the page's wasm holds one copy of the code that renders and updates texts.
    pub fn text(self, text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || text.get(self.lang.get())
    }

    /// The proxy the calls go through.
    pub fn proxy(self) -> String {
        self.settings
            .with(|s| s.proxy.clone())
            .filter(|p| !p.trim().is_empty())
            .unwrap_or_else(page_origin)
    }

    /// Explains an error in the current language.
    pub fn explain(self, error: &Error, awaiting_validation: bool) -> Problem {
        let proxy = self.proxy();
        problem::explain(
            error,
            self.lang.get(),
            Context {
                proxy: &proxy,
                awaiting_validation,
            },
        )
    }

    /// Moves to `step` and remembers it as the furthest reached.
    pub fn go(self, step: Step) {
        self.settings.update(|s| s.reached = step);
        self.show(step);
    }

    /// Shows `step`; showing the current step again would rebuild its page and lose its state.
    pub fn show(self, step: Step) {
        if self.page.get_untracked() != step {
            self.page.set(step);
        }
    }

    /// The signed client, when connected (not tracked: pages call it from event handlers).
    pub fn client(self) -> Option<Rc<ApiClient>> {
        self.connection
            .with_untracked(|c| c.as_ref().map(|c| Rc::clone(&c.client)))
    }

    /// Whether a connection works (tracked).
    pub fn is_connected(self) -> bool {
        self.connection.with(Option::is_some)
    }

    /// Drops the connection and everything read with it.
    pub fn disconnect(self) {
        self.connection.set(None);
        self.session.update(|s| s.catalog = None);
        self.show(Step::Connect);
    }

    /// Forgets everything saved on this device and starts over.
    pub fn forget(self) {
        forget_everything(&BrowserStorage);
        self.disconnect();
        self.remember.set(false);
        let lang = self.lang.get_untracked();
        self.settings.set(Settings {
            lang: Some(lang),
            ..Settings::default()
        });
    }
}

impl Default for Wizard {
    fn default() -> Self {
        Self::new()
    }
}

/// `<html lang>`, for screen readers, spelling and hyphenation.
fn mark_page_lang(lang: Lang) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
}

fn browser_lang() -> Lang {
    let languages = window().navigator().languages();
    let tags: Vec<String> = languages.iter().filter_map(|v| v.as_string()).collect();
    Lang::preferred(tags.iter().map(String::as_str))
}

/// The wizard provided by [`crate::App`].
pub fn use_wizard() -> Wizard {
    expect_context::<Wizard>()
}
