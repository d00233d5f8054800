//! A radio group for choosing the API endpoint.

use leptos::prelude::*;
use mailshift_wizard::{EndpointChoice, Text};

use crate::reactive::reactive;
use crate::state::use_wizard;

/// Lets the person pick the wizard's API endpoint and shows what the chosen one means.
#[component]
pub fn EndpointPicker(
    /// Called with the new choice.
    on_pick: Callback<EndpointChoice>,
) -> impl IntoView {
    let wizard = use_wizard();
    let selected = move || wizard.settings.with(|s| s.endpoint);
    let options = EndpointChoice::ALL
        .into_iter()
        .map(|choice| {
            view! {
                <label class="endpoint-option" data-endpoint=choice.id()>
                    <input
                        type="radio"
                        name="endpoint"
                        value={choice.id()}
                        prop:checked=move || selected() == choice
                        on:change=move |_| on_pick.run(choice)
                    />
                    <span class="endpoint-label">{reactive(move || choice.label(wizard.lang.get()))}</span>
                    <span class="endpoint-hint">{wizard.text(choice.hint())}</span>
                </label>
            }
        })
        .map(IntoAny::into_any)
        .collect_view();

    let address = move || {
        let lang = wizard.lang.get();
        let base = match selected().ovh_endpoint() {
            Some(endpoint) => endpoint.base_url().to_owned(),
            None => wizard
                .session
                .with(|s| {
                    s.upstreams
                        .as_ref()
                        .and_then(|u| u.sandbox().map(str::to_owned))
                })
                .map_or_else(
                    || Text::SandboxName.get(lang).to_owned(),
                    |o| format!("{o}/1.0"),
                ),
        };
        Text::EndpointAddress.fill(lang, &[&base])
    };

    view! {
        <fieldset class="endpoint-picker">
            <legend>{wizard.text(Text::EndpointLegend)}</legend>
            <div class="endpoint-options">{options}</div>
            <p class="endpoint-address" aria-live="polite">{address}</p>
            {reactive(move || {
                selected()
                    .warning()
                    .map(|text| {
                        view! { <p class="endpoint-warning" role="alert">{wizard.t(text)}</p> }
                    })
            })}
        </fieldset>
    }
}
