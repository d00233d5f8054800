//! Step 1: what Mailshift does, the endpoint and proxy, and the API keys.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mailshift_ovh::{CancelToken, Credentials, Error, SystemClock};
use mailshift_wizard::connection::{self, Connected, clean_key, purpose, rules_to_request};
use mailshift_wizard::settings::{RememberedKeys, Step};
use mailshift_wizard::validation_wait::{self, WaitEnd};
use mailshift_wizard::{EndpointChoice, Text};

use crate::api::{self, DemoKeys};
use crate::browser_storage::BrowserStorage;
use crate::components::{EndpointPicker, ProblemBox};
use crate::reactive::reactive;
use crate::state::{Connection, Wizard, use_wizard};

const STEPS: [(Text, Text); 7] = [
    (Text::Step1Name, Text::Step1Text),
    (Text::Step2Name, Text::Step2Text),
    (Text::Step3Name, Text::Step3Text),
    (Text::Step4Name, Text::Step4Text),
    (Text::Step5Name, Text::Step5Text),
    (Text::Step6Name, Text::Step6Text),
    (Text::Step7Name, Text::Step7Text),
];

/// The connect page.
#[component]
pub fn Connect() -> impl IntoView {
    let wizard = use_wizard();
    let remembered = RememberedKeys::load(&BrowserStorage);
    let application_key = RwSignal::new(
        wizard
            .settings
            .with_untracked(|s| s.application_key.clone()),
    );
    let application_secret = RwSignal::new(
        remembered
            .as_ref()
            .map(|k| k.application_secret.expose().to_owned())
            .unwrap_or_default(),
    );
    let consumer_key = RwSignal::new(
        remembered
            .as_ref()
            .map(|k| k.consumer_key.expose().to_owned())
            .unwrap_or_default(),
    );
    let status = RwSignal::new(Status::default());
    let form = KeyForm {
        keys: [application_key, application_secret, consumer_key],
        status,
    };
    let endpoint = move || wizard.settings.with(|s| s.endpoint);
    let proxy_text = RwSignal::new(wizard.proxy());

    let load_proxy = move || {
        let proxy = wizard.proxy();
        spawn_local(async move {
            match api::upstreams(&proxy).await {
                Ok(found) => {
                    let fresh = wizard
                        .settings
                        .with_untracked(|s| s.application_key.is_empty());
                    if found.has_sandbox() && fresh {
                        wizard
                            .settings
                            .update(|s| s.endpoint = EndpointChoice::Sandbox);
                    }
                    let offered = found.has_sandbox();
                    wizard.session.update(|s| s.upstreams = Some(found));
                    status.update(|s| s.error = None);
                    if offered
                        && wizard.settings.with_untracked(|s| s.endpoint) == EndpointChoice::Sandbox
                    {
                        let keys = api::demo_keys(&proxy).await.ok();
                        status.update(|s| s.demo = keys);
                    }
                    if form.remembered_and_ready(wizard) {
                        form.connect(wizard, false);
                    }
                }
                Err(problem) => {
                    wizard.session.update(|s| s.upstreams = None);
                    status.update(|s| s.error = Some((problem, false)));
                }
            }
        });
    };
    load_proxy();

    let pick = Callback::new(move |choice: EndpointChoice| {
        wizard.settings.update(|s| s.endpoint = choice);
        status.update(|s| s.demo = None);
        let offered = wizard
            .session
            .with_untracked(|s| s.upstreams.as_ref().is_some_and(|u| u.has_sandbox()));
        if choice == EndpointChoice::Sandbox && offered {
            let proxy = wizard.proxy();
            spawn_local(async move {
                let keys = api::demo_keys(&proxy).await.ok();
                status.update(|s| s.demo = keys);
            });
        }
    });

    // The wait for a requested key, so that connecting otherwise, forgetting or leaving the
    // page stops it.
    let waiting = StoredValue::new(None::<CancelToken>);

    let request_access = move |_| {
        let Some([ak, secret]) = checked(status, [application_key, application_secret]) else {
            return;
        };
        let Some(upstreams) = wizard.session.with_untracked(|s| s.upstreams.clone()) else {
            load_proxy();
            return;
        };
        let (source, destination) = wizard
            .settings
            .with_untracked(|s| (s.source.clone(), s.destination.clone()));
        status.update(|s| {
            s.busy = Some(Text::Requesting);
            s.error = None;
        });
        spawn_local(async move {
            let choice = wizard.settings.with_untracked(|s| s.endpoint);
            let requested = async {
                let client = api::client(
                    choice,
                    &wizard.proxy(),
                    &upstreams,
                    None,
                    wizard.calls.get_value(),
                )?;
                client
                    .request_credential(
                        &ak,
                        rules_to_request(source.as_ref(), destination.as_ref()),
                        Some(api::return_address()),
                    )
                    .await
            }
            .await;
            // A page left while the request was answered has nothing to show or wait for.
            if status.try_update(|s| s.busy = None).is_none() {
                return;
            }
            let pending = match requested {
                Ok(pending) => pending,
                Err(problem) => {
                    status.update(|s| s.error = Some((problem, false)));
                    return;
                }
            };
            consumer_key.set(pending.consumer_key.clone());
            status.update(|s| s.validation_url = Some(pending.validation_url.clone()));
            let _ = window().open_with_url_and_target(&pending.validation_url, "_blank");
            let cancel = CancelToken::new();
            waiting.set_value(Some(cancel.clone()));
            let credentials = Credentials::new(&ak, &secret, &pending.consumer_key);
            let end = validation_wait::wait(&SystemClock, &cancel, || {
                try_connect(wizard, credentials.clone())
            })
            .await;
            // Signals are read only for a wait that was not cancelled: a cancelled one may
            // belong to a page that is gone.
            let shown = match end {
                WaitEnd::Cancelled => return,
                WaitEnd::Connected | WaitEnd::GaveUp => None,
                WaitEnd::Lacking(lacking) => Some(Ok(lacking)),
                WaitEnd::Failed(problem) => Some(Err(problem)),
            };
            status.update(|s| {
                s.validation_url = None;
                match shown {
                    Some(Ok(lacking)) => s.missing = Some(lacking),
                    Some(Err(problem)) => s.error = Some((problem, false)),
                    None => {}
                }
            });
        });
    };

    let stop_waiting = move || {
        if let Some(cancel) = waiting.try_update_value(Option::take).flatten() {
            cancel.cancel();
        }
    };
    on_cleanup(stop_waiting);

    let on_connect = move |_| {
        stop_waiting();
        status.update(|s| s.validation_url = None);
        form.connect(wizard, false);
    };

    let check_now = move |_| form.connect(wizard, true);

    let forget = move |_| {
        // Also stops waiting for a requested key: nothing may reconnect after a forget.
        stop_waiting();
        status.update(|s| {
            s.validation_url = None;
            s.forgotten = true;
        });
        wizard.forget();
        application_key.set(String::new());
        application_secret.set(String::new());
        consumer_key.set(String::new());
    };

    let create_app = move || match endpoint().ovh_endpoint() {
        Some(e) => format!("{}/createApp/", e.base_url().trim_end_matches("/1.0")),
        None => String::new(),
    };

    let field = move |index: usize,
                      label: Text,
                      value: RwSignal<String>,
                      kind: &'static str,
                      name: &'static str| {
        view! {
            <label class="key-field">
                <span>{wizard.text(label)}</span>
                <input
                    type={kind}
                    name={name}
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || value.get()
                    on:input=move |e| value.set(event_target_value(&e))
                />
                {reactive(move || {
                    status
                        .with(|s| s.problems[index])
                        .map(|t| view! { <span class="field-problem" role="alert">{wizard.t(t)}</span> })
                })}
            </label>
        }
    };

    view! {
        <section class="intro">
            <h1>"Mailshift"</h1>
            <p class="lead">{wizard.text(Text::IntroLead)}</p>
            {wizard.has_recorded_run().then(|| view! { <p class="notice" role="status">{wizard.text(Text::RunRecorded)}</p> })}
        </section>
        <section class="steps" aria-labelledby="steps-title">
            <h2 id="steps-title">{wizard.text(Text::HowTitle)}</h2>
            <ol class="step-list">
                {STEPS
                    .into_iter()
                    .map(|(name, text)| {
                        view! {
                            <li>
                                <strong>{wizard.text(name)}</strong>
                                <span>{wizard.text(text)}</span>
                            </li>
                        }
                    })
                    .map(IntoAny::into_any).collect_view()}
            </ol>
        </section>
        <section class="connect" aria-labelledby="connect-title">
            <h2 id="connect-title">{wizard.text(Text::ConnectTitle)}</h2>
            {reactive(move || {
                (wizard.settings.with(|s| s.reached > Step::Connect) && !wizard.is_connected()
                    && application_secret.with(String::is_empty))
                    .then(|| view! { <p class="notice welcome-back">{wizard.t(Text::SecretsGone)}</p> })
            })}
            <EndpointPicker on_pick=pick />
            {reactive(move || {
                (endpoint() == EndpointChoice::Sandbox
                    && wizard.session.with(|s| s.upstreams.as_ref().is_some_and(|u| !u.has_sandbox())))
                    .then(|| view! { <p class="endpoint-warning" role="alert">{wizard.t(Text::SandboxMissing)}</p> })
            })}
            <label class="proxy-field">
                <span>{wizard.text(Text::ProxyLabel)}</span>
                <input
                    type="url"
                    name="proxy"
                    prop:value=move || proxy_text.get()
                    on:change=move |e| {
                        let value = event_target_value(&e);
                        proxy_text.set(value.clone());
                        wizard.settings.update(|s| s.proxy = Some(value.trim().to_owned()).filter(|v| !v.is_empty() && *v != api::page_origin()));
                        load_proxy();
                    }
                />
                <span class="hint">{wizard.text(Text::ProxyHint)}</span>
            </label>
            <h3>{wizard.text(Text::KeysTitle)}</h3>
            {reactive(move || {
                let lang = wizard.lang.get();
                match status.with(|s| s.demo.clone()) {
                    Some(keys) if endpoint() == EndpointChoice::Sandbox => {
                        let filled = keys.clone();
                        view! {
                            <div class="sandbox-keys">
                                <h4>{Text::SandboxKeysTitle.get(lang)}</h4>
                                <p>{Text::SandboxKeysText.fill(lang, &[&keys.login.0, &keys.login.1])}</p>
                                <dl>
                                    <dt>{Text::FieldAppKey.get(lang)}</dt>
                                    <dd><code>{keys.application_key.clone()}</code></dd>
                                    <dt>{Text::FieldAppSecret.get(lang)}</dt>
                                    <dd><code>{keys.application_secret.clone()}</code></dd>
                                    <dt>{Text::FieldConsumerKey.get(lang)}</dt>
                                    <dd><code>{keys.consumer_key.clone()}</code></dd>
                                </dl>
                                <button
                                    type="button"
                                    class="secondary use-demo"
                                    on:click=move |_| {
                                        application_key.set(filled.application_key.clone());
                                        application_secret.set(filled.application_secret.clone());
                                        consumer_key.set(filled.consumer_key.clone());
                                    }
                                >
                                    {Text::UseDemoKeys.get(lang)}
                                </button>
                            </div>
                        }
                            .into_any()
                    }
                    _ => {
                        let url = create_app();
                        view! { <p class="keys-how-to">{Text::KeysHowTo.fill(lang, &[&url])}</p> }.into_any()
                    }
                }
            })}
            <div class="key-fields">
                {field(0, Text::FieldAppKey, application_key, "text", "application-key")}
                {field(1, Text::FieldAppSecret, application_secret, "password", "application-secret")}
                {field(2, Text::FieldConsumerKey, consumer_key, "password", "consumer-key")}
                <p class="hint">{wizard.text(Text::ConsumerKeyHint)}</p>
            </div>
            <label class="remember">
                <input
                    type="checkbox"
                    name="remember"
                    prop:checked=move || wizard.remember.get()
                    on:change=move |e| {
                        let on = event_target_checked(&e);
                        wizard.remember.set(on);
                        if !on {
                            RememberedKeys::forget(&BrowserStorage);
                        }
                    }
                />
                <span>{wizard.text(Text::Remember)}</span>
            </label>
            <p class="hint">{wizard.text(Text::RememberHint)}</p>
            <div class="actions">
                <button type="button" class="primary connect-button" disabled={move || status.with(|s| s.busy.is_some())} on:click=on_connect>
                    {wizard.text(Text::ConnectButton)}
                </button>
                <button type="button" class="secondary request-access" disabled={move || status.with(|s| s.busy.is_some())} on:click=request_access>
                    {wizard.text(Text::RequestAccess)}
                </button>
                <button type="button" class="link forget" on:click=forget>
                    {wizard.text(Text::Forget)}
                </button>
            </div>
            {reactive(move || status.with(|s| s.busy).map(|t| view! { <p class="progress" role="status">{wizard.t(t)}</p> }))}
            {reactive(move || status.with(|s| s.forgotten).then(|| view! { <p class="notice" role="status">{wizard.t(Text::Forgotten)}</p> }))}
            {reactive(move || {
                status
                    .with(|s| s.validation_url.clone())
                    .map(|url| {
                        view! {
                            <div class="awaiting" role="status">
                                <h3>{wizard.t(Text::AwaitingTitle)}</h3>
                                <p>{wizard.t(Text::AwaitingText)}</p>
                                <a class="validation-link" href=url target="_blank" rel="noopener">
                                    {wizard.t(Text::OpenValidation)}
                                </a>
                                <button type="button" class="secondary check-now" on:click=check_now>
                                    {wizard.t(Text::CheckNow)}
                                </button>
                            </div>
                        }
                    })
            })}
            {reactive(move || status.with(|s| s.error.clone()).map(|(e, awaiting)| view! { <ProblemBox error=e awaiting_validation=awaiting /> }))}
            {reactive(move || {
                status
                    .with(|s| s.missing.clone())
                    .map(|connected| {
                        let list = connected
                            .missing
                            .iter()
                            .map(|r| format!("{} {}", r.method, r.path))
                            .collect::<Vec<_>>()
                            .join(", ");
                        view! {
                            <div class="problem missing-rights" role="alert">
                                <p class="problem-title">{wizard.t(Text::MissingRightsTitle)}</p>
                                <p class="problem-advice">
                                    {Text::MissingRightsText.fill(wizard.lang.get(), &[&list])}
                                </p>
                            </div>
                        }
                    })
            })}
            <details class="rights">
                <summary>{wizard.text(Text::RightsTitle)}</summary>
                <p>{wizard.text(Text::RightsIntro)}</p>
                <ul class="rule-list">
                    {reactive(move || {
                        let (source, destination) = wizard.settings.with(|s| (s.source.clone(), s.destination.clone()));
                        rules_to_request(source.as_ref(), destination.as_ref())
                            .into_iter()
                            .map(|rule| {
                                let why = wizard.t(purpose(&rule));
                                view! {
                                    <li>
                                        <code>{format!("{} {}", rule.method, rule.path)}</code>
                                        " — "
                                        {why}
                                    </li>
                                }
                            })
                            .map(IntoAny::into_any).collect_view()
                    })}
                </ul>
            </details>
        </section>
    }
}

/// The cleaned keys of the first `N` fields, or `None` after marking the fields that are wrong.
fn checked<const N: usize>(
    status: RwSignal<Status>,
    fields: [RwSignal<String>; N],
) -> Option<[String; N]> {
    let results = fields.map(|f| clean_key(&f.get_untracked()));
    status.update(|s| {
        s.problems = [None; 3];
        for (slot, result) in s.problems.iter_mut().zip(&results) {
            *slot = result.as_ref().err().map(|e| e.text());
        }
    });
    let mut ok = Vec::with_capacity(N);
    for result in results {
        ok.push(result.ok()?);
    }
    ok.try_into().ok()
}

/// What the page says besides the fields, in one value: one signal for the page instead of one
/// per message, each of which would add its own code to the bundle.
#[derive(Clone, Default)]
struct Status {
    /// What is being done, while a call runs.
    busy: Option<Text>,
    /// The last failure, and whether a requested key was being waited for.
    error: Option<(Error, bool)>,
    /// A key that works but lacks rules.
    missing: Option<Connected>,
    /// Where the person validates a requested key, while it is waited for.
    validation_url: Option<String>,
    /// Set once everything stored was forgotten.
    forgotten: bool,
    /// What is wrong with each key field.
    problems: [Option<Text>; 3],
    /// The sandbox's demo keys, when the sandbox is chosen and offers them.
    demo: Option<DemoKeys>,
}

/// The key fields and what the page says about them.
#[derive(Clone, Copy)]
struct KeyForm {
    /// Application key, application secret, consumer key.
    keys: [RwSignal<String>; 3],
    status: RwSignal<Status>,
}

impl KeyForm {
    /// Whether remembered keys fill every field and no connection exists yet.
    fn remembered_and_ready(self, wizard: Wizard) -> bool {
        wizard.remember.get_untracked()
            && wizard.client().is_none()
            && self
                .keys
                .iter()
                .all(|s| s.with_untracked(|v| !v.is_empty()))
    }

    /// Checks the fields, then the keys with OVHcloud, and shows what went wrong.
    fn connect(self, wizard: Wizard, awaiting_validation: bool) {
        let Some([ak, secret, ck]) = checked(self.status, self.keys) else {
            return;
        };
        self.status.update(|s| {
            s.busy = Some(Text::Checking);
            s.error = None;
            s.missing = None;
        });
        spawn_local(async move {
            let result = try_connect(wizard, Credentials::new(&ak, &secret, &ck)).await;
            self.status.update(|s| {
                s.busy = None;
                match result {
                    Ok(lacking) => s.missing = lacking,
                    Err(problem) => s.error = Some((problem, awaiting_validation)),
                }
            });
        });
    }
}

/// Checks the credentials; on success keeps the client, saves what may be saved, and moves on.
/// A working key that cannot list the email services comes back as `Some`, with what it lacks.
async fn try_connect(wizard: Wizard, credentials: Credentials) -> Result<Option<Connected>, Error> {
    let upstreams = match wizard.session.with_untracked(|s| s.upstreams.clone()) {
        Some(found) => found,
        None => api::upstreams(&wizard.proxy()).await?,
    };
    let choice = wizard.settings.with_untracked(|s| s.endpoint);
    let (ak, secret, ck) = (
        credentials.application.key.clone(),
        credentials.application.secret.clone(),
        credentials.consumer_key.clone(),
    );
    let client = api::client(
        choice,
        &wizard.proxy(),
        &upstreams,
        Some(credentials),
        wizard.calls.get_value(),
    )?;
    let connected = connection::check(&client).await?;
    if !connected.missing.is_empty() {
        return Ok(Some(connected));
    }
    wizard.connection.set(Some(Connection {
        client: Rc::new(client),
        connected,
    }));
    if wizard.remember.get_untracked() {
        let kept = RememberedKeys {
            application_secret: secret,
            consumer_key: ck,
        }
        .save(&BrowserStorage);
        wizard.storage_refused.set(kept.is_err());
    }
    // A recorded run comes first: it is resumed, and the choices it was planned from wait.
    let reached = wizard.settings.with_untracked(|s| s.reached);
    let reached = if wizard.has_recorded_run() {
        reached.max(Step::Run)
    } else {
        reached.max(Step::Choose)
    };
    wizard.settings.update(|s| s.application_key = ak);
    wizard.go(reached);
    Ok(None)
}
