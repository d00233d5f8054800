//! Phase 1: the destination accepts the domain as non-authoritative before any address moves.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mailshift_migrate::{Snapshot, snapshot};
use mailshift_ovh::{CancelToken, Error};
use mailshift_wizard::Text;
use mailshift_wizard::destination::{self, DomainRow, DomainState, Preparation, Stage};
use mailshift_wizard::settings::Step;

use crate::components::{CopyValue, ProblemBox, RunStopped};
use crate::reactive::reactive;
use crate::state::{Wizard, use_wizard};

/// The destination page.
#[component]
pub fn Destination() -> impl IntoView {
    let wizard = use_wizard();
    let state = RwSignal::new(Stage::Reading);
    let token = CancelToken::new();
    on_cleanup({
        let token = token.clone();
        move || token.cancel()
    });

    let read = {
        let token = token.clone();
        move || {
            state.set(Stage::Reading);
            let token = token.clone();
            spawn_local(async move {
                let read = read_both(wizard).await;
                if token.is_cancelled() {
                    return;
                }
                match read {
                    Some(Ok(found)) => {
                        let selected = selected(wizard);
                        let shown = Stage::Shown(
                            Preparation::of(&found, &selected),
                            found.source.hostname.clone(),
                        );
                        wizard
                            .session
                            .update(|s| s.snapshot = Some(Arc::new(found)));
                        state.set(shown);
                    }
                    Some(Err(error)) => state.set(Stage::ReadFailed(error)),
                    None => wizard.disconnect(),
                }
            });
        }
    };
    read();

    let configure = {
        let read = read.clone();
        let token = token.clone();
        move |_| {
            let (Some(client), Some(found), Some(upstreams)) = (
                wizard.client(),
                wizard.session.with_untracked(|s| s.snapshot.clone()),
                wizard.session.with_untracked(|s| s.upstreams.clone()),
            ) else {
                return wizard.disconnect();
            };
            let timing = upstreams.timing(wizard.settings.with_untracked(|s| s.endpoint));
            state.set(Stage::Working(None));
            let read = read.clone();
            let token = token.clone();
            spawn_local(async move {
                let on_step = |step| state.set(Stage::Working(Some(step)));
                let configured = destination::configure(
                    &client,
                    &found,
                    &selected(wizard),
                    timing,
                    &token,
                    on_step,
                )
                .await;
                match configured {
                    Some(Ok(())) => read(),
                    Some(Err(error)) => state.set(Stage::Failed(error)),
                    None => {}
                }
            });
        }
    };

    view! {
        <section class="destination">
            <h1>{wizard.text(Text::PrepareTitle)}</h1>
            {reactive(move || {
                let lang = wizard.lang.get();
                match state.get() {
                    Stage::Reading => view! { <p class="progress" role="status">{Text::ReadingBothSides.get(lang)}</p> }.into_any(),
                    Stage::ReadFailed(error) => view! { <ProblemBox error=error /> }.into_any(),
                    Stage::Working(step) => {
                        let doing = step.map_or(Text::StepAddDomain, |s| s).get(lang);
                        view! { <p class="progress" role="status">{Text::ConfiguringDestination.fill(lang, &[doing])}</p> }.into_any()
                    }
                    Stage::Failed(error) => view! { <RunStopped error=error /> }.into_any(),
                    Stage::Shown(Preparation::NotNeeded, _) => view! { <p class="notice">{Text::DestinationNotNeeded.get(lang)}</p> }.into_any(),
                    Stage::Shown(Preparation::Domains(rows), relay) => {
                        let relay = relay.unwrap_or_else(|| "—".to_owned());
                        view! {
                            <p class="lead">{Text::DestinationLead.fill(lang, &[&relay])}</p>
                            <ul class="domains">{rows.into_iter().map(|row| domain_item(row, wizard)).collect_view()}</ul>
                        }
                            .into_any()
                    }
                }
            })}
            <div class="actions">
                {reactive(move || {
                    state.with(Stage::configure_label).map(|label| view! { <button type="button" class="primary" on:click=configure.clone()>{wizard.text(label)}</button> })
                })}
                {
                    let read = read.clone();
                    reactive(move || {
                        let again = state.with(Stage::can_check_again);
                        let read = read.clone();
                        again.then(|| view! { <button type="button" on:click=move |_| read()>{wizard.text(Text::CheckAgain)}</button> })
                    })
                }
                <button
                    type="button"
                    class="primary"
                    disabled=move || !state.with(Stage::can_continue)
                    on:click=move |_| wizard.go(Step::Plan)
                >
                    {wizard.text(Text::ContinueToPlan)}
                </button>
            </div>
        </section>
    }
}

fn domain_item(row: DomainRow, wizard: Wizard) -> impl IntoView {
    let lang = wizard.lang.get_untracked();
    let (class, text, cname) = match &row.state {
        DomainState::ToAdd => (
            "domain to-add",
            Text::DomainToAdd.get(lang).to_owned(),
            None,
        ),
        DomainState::Ready => ("domain ready", Text::DomainReady.get(lang).to_owned(), None),
        DomainState::NotReady(state) => (
            "domain waiting",
            Text::DomainNotReady.fill(lang, &[Text::of_state(*state).get(lang)]),
            None,
        ),
        DomainState::Authoritative => (
            "domain blocked",
            Text::DomainIsAuthoritative.get(lang).to_owned(),
            None,
        ),
        DomainState::CnameToPublish(cname) => (
            "domain waiting",
            Text::DomainCname.get(lang).to_owned(),
            Some(cname.clone()),
        ),
    };
    view! {
        <li class=class>
            <strong>{row.name}</strong>
            " "
            <span>{text}</span>
            {cname.map(|c| view! { <CopyValue value=c label="CNAME".to_owned() /> })}
        </li>
    }
}

/// The chosen source accounts.
pub fn selected(wizard: Wizard) -> Vec<String> {
    wizard
        .settings
        .with_untracked(|s| s.selection.iter().map(str::to_owned).collect())
}

/// Reads both sides for the chosen accounts; `None` when not connected or nothing is chosen.
pub async fn read_both(wizard: Wizard) -> Option<Result<Snapshot, Error>> {
    let client = wizard.client()?;
    let (source, destination) = wizard
        .settings
        .with_untracked(|s| (s.source.clone(), s.destination.clone()));
    let found = snapshot::read(&client, &source?, &destination?, &selected(wizard)).await;
    Some(found)
}
