//! The wizard's shared state: reactive handles over the plain types of `mailshift-wizard`,
//! provided once by the app and read by every page.

use std::rc::Rc;
use std::sync::Arc;

use futures_channel::mpsc::{UnboundedSender, unbounded};
use leptos::prelude::*;
use leptos::task::spawn_local;
use mailshift_migrate::passwords::Passwords;
use mailshift_migrate::{Control, Snapshot};
use mailshift_ovh::{CallLog, Error};
use mailshift_wizard::connection::Connected;
use mailshift_wizard::driver::{Command, Means, Start, Update as RunUpdate, drive};
use mailshift_wizard::problem::{self, Context, Problem};
use mailshift_wizard::progress::{Action, Phase, Progress};
use mailshift_wizard::settings::{RememberedKeys, Settings, Step, forget_everything};
use mailshift_wizard::stored_journal::StoredJournal;
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
    /// Every call the client made, for the report.
    pub calls: StoredValue<CallLog>,
    /// The run as the pages show it.
    pub run: RwSignal<Progress>,
    /// The run's task, while it takes commands.
    runner: StoredValue<Option<Runner>, LocalStorage>,
    /// The passwords set so far, in memory only.
    pub passwords: StoredValue<Passwords, LocalStorage>,
}

/// The handles of the run's task: its commands, and its pause and cancel switch.
struct Runner {
    commands: UnboundedSender<Command>,
    control: Rc<Control>,
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
    /// Both sides as last read for the chosen accounts, by the destination page.
    pub snapshot: Option<Arc<Snapshot>>,
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
            calls: StoredValue::new(CallLog::new()),
            run: RwSignal::new(Progress::default()),
            runner: StoredValue::new_local(None),
            passwords: StoredValue::new_local(Passwords::new()),
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

    /// Drops the connection and everything read with it; a run under way stops at its next
    /// step boundary, and its journal stays to resume it.
    pub fn disconnect(self) {
        self.stop_runner();
        self.connection.set(None);
        self.session.update(|s| {
            s.catalog = None;
            s.snapshot = None;
        });
        self.show(Step::Connect);
    }

    /// The run's journal, in this browser.
    pub fn journal(self) -> StoredJournal<BrowserStorage> {
        StoredJournal::new(BrowserStorage)
    }

    /// Whether a run is recorded in this browser.
    pub fn has_recorded_run(self) -> bool {
        !self.journal().is_empty()
    }

    /// Starts the run's task: a new run of a confirmed plan, or the recorded one resumed.
    pub fn start_run(self, start: Start) {
        let (Some(client), Some(upstreams)) = (
            self.client(),
            self.session.with_untracked(|s| s.upstreams.clone()),
        ) else {
            return self.disconnect();
        };
        self.stop_runner();
        let control = Rc::new(Control::new());
        let (commands, received) = unbounded();
        self.runner.set_value(Some(Runner {
            commands,
            control: Rc::clone(&control),
        }));
        self.run.set(Progress::default());
        let timing = upstreams.timing(self.settings.with_untracked(|s| s.endpoint));
        let calls = self.calls.get_value();
        let (run, passwords) = (self.run, self.passwords);
        spawn_local(async move {
            let journal = StoredJournal::new(BrowserStorage);
            let update = move |update: RunUpdate| {
                if let RunUpdate::Passwords(known) = &update {
                    passwords.set_value(known.clone());
                }
                run.update(|r| r.apply(update));
            };
            let means = Means {
                client: &client,
                journal: &journal,
                control: &control,
                timing,
                calls: &calls,
            };
            drive(means, start, received, &update).await;
        });
    }

    /// Sends a command to the run's task; a task that ended (cancelled) is resumed first.
    pub fn command(self, command: Command) {
        let sent = self.runner.with_value(|r| {
            r.as_ref()
                .is_some_and(|r| r.commands.unbounded_send(command.clone()).is_ok())
        });
        if sent {
            self.run.update(|r| r.sent(command));
        }
    }

    /// Whether the run may do `action` now; read in a view, it follows the run.
    pub fn can(self, action: Action<'_>) -> bool {
        self.run.with(|r| r.can(action))
    }

    /// Shows the run page when no plan is known yet (a later page reloaded, whose run resumes
    /// there); whether it did.
    pub fn show_run_unless_planned(self) -> bool {
        let unplanned = self.run.with_untracked(|r| r.plan.is_none());
        if unplanned {
            self.show(Step::Run);
        }
        unplanned
    }

    /// A click handler that sends `command` to the run's task.
    pub fn sends(self, command: Command) -> impl Fn(leptos::ev::MouseEvent) + Clone + 'static {
        move |_| self.command(command.clone())
    }

    /// Holds the run at its next step boundary.
    pub fn pause(self) {
        self.runner
            .with_value(|r| r.as_ref().map(|r| r.control.pause()));
        self.run.update(|r| r.hold(true));
    }

    /// Lets a held run go on, or resumes a cancelled or failed one from its journal.
    pub fn resume(self) {
        let phase = self.run.with_untracked(|r| r.phase.clone());
        match phase {
            Phase::Running { paused: true } => {
                self.runner
                    .with_value(|r| r.as_ref().map(|r| r.control.resume()));
                self.run.update(|r| r.hold(false));
            }
            _ => self.start_run(Start::Resume {
                passwords: self.passwords.get_value(),
            }),
        }
    }

    /// Stops the run at its next step boundary; it can be resumed.
    pub fn cancel(self) {
        self.runner
            .with_value(|r| r.as_ref().map(|r| r.control.cancel()));
    }

    fn stop_runner(self) {
        if let Some(runner) = self.runner.try_update_value(Option::take).flatten() {
            runner.control.cancel();
        }
    }

    /// Forgets the finished run, to plan another.
    pub fn close_run(self) {
        self.stop_runner();
        self.journal().clear();
        self.passwords.set_value(Passwords::new());
        self.run.set(Progress::default());
        self.session.update(|s| s.snapshot = None);
        self.settings.update(|s| s.reached = Step::Review);
        self.show(Step::Review);
    }

    /// Forgets the settings and the remembered keys, not a recorded run's journal; starts over.
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
