//! Step 2: the source and the destination.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mailshift_ovh::Error;
use mailshift_wizard::catalog::{self, DomainAtDestination, Platform, ServiceSummary};
use mailshift_wizard::settings::Step;
use mailshift_wizard::{Lang, ServiceId, Text};

use crate::components::ProblemBox;
use crate::reactive::reactive;
use crate::state::{Wizard, use_wizard};

/// The name of a platform.
pub fn platform_name(platform: Platform) -> Text {
    match platform {
        Platform::Exchange => Text::PlatformExchange,
        Platform::EmailPro => Text::PlatformEmailPro,
        Platform::MxPlan => Text::PlatformMxPlan,
        Platform::LegacyMxPlan => Text::PlatformLegacy,
    }
}

/// The choose page.
#[component]
pub fn Choose() -> impl IntoView {
    let wizard = use_wizard();
    let listing = RwSignal::new(Listing::default());

    // `resume`: this listing rebuilds a review after a reload, so go back to it once done.
    let discover = move |resume: bool| {
        let Some(client) = wizard.client() else {
            wizard.disconnect();
            return;
        };
        listing.set(Listing {
            progress: Some((0, 0)),
            error: None,
        });
        spawn_local(async move {
            let found = catalog::discover(&client, &mut |done, total| {
                listing.update(|l| l.progress = Some((done, total)))
            })
            .await;
            listing.update(|l| l.progress = None);
            match found {
                Ok(found) => {
                    wizard.settings.update(|s| s.drop_unlisted(&found));
                    wizard.session.update(|s| s.catalog = Some(found));
                    if resume && ready_to_review(wizard) {
                        wizard.show(Step::Review);
                    }
                }
                Err(problem) => listing.update(|l| l.error = Some(problem)),
            }
        });
    };
    if wizard.session.with_untracked(|s| s.catalog.is_none()) {
        discover(wizard.settings.with_untracked(|s| s.reached) == Step::Review);
    }

    let can_review = move || ready_to_review(wizard);

    view! {
        <section class="choose">
            <h1>{wizard.text(Text::ChooseTitle)}</h1>
            {reactive(move || {
                listing
                    .with(|l| l.progress)
                    .map(|(done, total)| {
                        let lang = wizard.lang.get();
                        let text = if total == 0 {
                            Text::DiscoveringStart.get(lang).to_owned()
                        } else {
                            Text::Discovering.fill(lang, &[&done.to_string(), &total.to_string()])
                        };
                        // The bar's numbers go in as text: the only numeric attributes in the app
                        // would bring their own code, 0.4 KB of the gzipped bundle.
                        view! {
                            <p class="progress" role="status">
                                {text}
                                <progress max={total.max(1).to_string()} value={done.to_string()}></progress>
                            </p>
                        }
                    })
            })}
            {reactive(move || listing.with(|l| l.error.clone()).map(|e| view! { <ProblemBox error=e /> }))}
            {reactive(move || wizard.session.with(|s| s.catalog.as_ref().map(|found| service_lists(wizard, found))))}
            <div class="actions">
                <button type="button" class="secondary reload" on:click=move |_| discover(false)>
                    {wizard.text(Text::ReloadList)}
                </button>
                <button
                    type="button"
                    class="primary review-button"
                    disabled={move || !can_review()}
                    on:click=move |_| wizard.go(Step::Review)
                >
                    {wizard.text(Text::ReviewButton)}
                </button>
            </div>
        </section>
    }
}

/// How the listing of the services goes.
#[derive(Clone, Default)]
struct Listing {
    /// Services summarised so far, of those found (0 of 0 while listing them).
    progress: Option<(usize, usize)>,
    /// Why the last listing stopped.
    error: Option<Error>,
}

/// Whether the chosen source and destination can be reviewed.
fn ready_to_review(wizard: Wizard) -> bool {
    wizard.session.with(|session| {
        session.catalog.as_ref().is_some_and(|c| {
            wizard
                .settings
                .with(|s| c.can_review(s.source.as_ref(), s.destination.as_ref()))
        })
    })
}

fn service_lists(wizard: Wizard, found: &catalog::Catalog) -> impl IntoView + use<> {
    let lang = wizard.lang.get();
    if found.services.is_empty() {
        return view! { <p class="notice">{Text::NoServices.get(lang)}</p> }.into_any();
    }
    if found.sources().next().is_none() {
        return view! { <p class="notice">{Text::NoSources.get(lang)}</p> }.into_any();
    }
    let source = wizard.settings.with(|s| s.source.clone());
    let destination = wizard.settings.with(|s| s.destination.clone());
    let sources = found
        .sources()
        .map(|s| service_option(wizard, lang, s, "source", source.as_ref() == Some(&s.id)))
        .map(IntoAny::into_any)
        .collect_view();
    let destinations = match &source {
        Some(source_id) => found
            .destinations_for(source_id)
            .map(|s| {
                service_option(
                    wizard,
                    lang,
                    s,
                    "destination",
                    destination.as_ref() == Some(&s.id),
                )
            })
            .map(IntoAny::into_any)
            .collect_view()
            .into_any(),
        None => view! { <p class="hint">{Text::PickSourceFirst.get(lang)}</p> }.into_any(),
    };
    let domains = match (&source, &destination) {
        (Some(s), Some(d)) => {
            let items = found
                .domains_at(s, d)
                .into_iter()
                .map(|(name, at)| domain_line(lang, &name, &at))
                .map(IntoAny::into_any)
                .collect_view();
            Some(view! {
                <section class="domains-at-destination" aria-live="polite">
                    <h2>{Text::DomainsTitle.get(lang)}</h2>
                    <ul>{items}</ul>
                </section>
            })
        }
        _ => None,
    };
    view! {
        <fieldset class="service-list sources">
            <legend>{Text::SourceLegend.get(lang)}</legend>
            {sources}
        </fieldset>
        <fieldset class="service-list destinations">
            <legend>{Text::DestinationLegend.get(lang)}</legend>
            {destinations}
        </fieldset>
        {domains}
    }
    .into_any()
}

fn domain_line(lang: Lang, name: &str, at: &DomainAtDestination) -> impl IntoView + use<> {
    let (class, text) = match at {
        DomainAtDestination::Absent => ("domain-absent", Text::DomainAbsent.fill(lang, &[name])),
        DomainAtDestination::CannotAdd => {
            ("domain-blocked", Text::DomainCannotAdd.fill(lang, &[name]))
        }
        DomainAtDestination::Present {
            authoritative,
            state,
        } => {
            let state = Text::of_state(*state).get(lang);
            match authoritative {
                Some(false) => (
                    "domain-ready",
                    Text::DomainNonAuthoritative.fill(lang, &[name, state]),
                ),
                Some(true) => (
                    "domain-blocked",
                    Text::DomainAuthoritative.fill(lang, &[name, state]),
                ),
                None => (
                    "domain-ready",
                    Text::DomainPresent.fill(lang, &[name, state]),
                ),
            }
        }
    };
    view! { <li class=class>{text}</li> }
}

fn service_option(
    wizard: Wizard,
    lang: Lang,
    service: &ServiceSummary,
    group: &'static str,
    checked: bool,
) -> impl IntoView + use<> {
    let id: ServiceId = service.id.clone();
    let domains = if service.domains.is_empty() {
        Text::NoDomain.get(lang).to_owned()
    } else {
        service
            .domains
            .iter()
            .map(|d| d.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let counts = Text::ServiceCounts.fill(
        lang,
        &[
            &service.accounts.to_string(),
            &service.free_slots.to_string(),
        ],
    );
    let warning = (!service.is_usable()).then(|| Text::ServiceNotOk.fill(lang, &[&service.state]));
    let title = match &service.display_name {
        Some(name) => format!("{name} ({})", service.id.name()),
        None => service.id.name().to_owned(),
    };
    let key = id.key();
    let value = key.clone();
    view! {
        <label class="service-option" data-service=key>
            <input
                type="radio"
                name={group}
                value=value
                checked=checked
                disabled={!service.is_usable()}
                on:change=move |_| {
                    let picked = id.clone();
                    wizard.settings.update(|s| {
                        if group == "source" {
                            s.choose_source(picked);
                        } else {
                            s.choose_destination(picked);
                        }
                    });
                }
            />
            <span class="service-name">
                <strong>{title}</strong>
                " · "
                {platform_name(service.id.platform()).get(lang)}
            </span>
            <span class="service-facts">{Text::ServiceDomains.fill(lang, &[&domains])} " · " {counts}</span>
            {warning.map(|w| view! { <span class="service-warning">{w}</span> })}
        </label>
    }
}
