//! A radio group for choosing the API endpoint.

use leptos::prelude::*;

use crate::endpoint_choice::EndpointChoice;

/// Lets the person pick an API endpoint and shows what the chosen one means.
#[component]
pub fn EndpointPicker(
    /// The chosen endpoint; the picker reads and writes it.
    selected: RwSignal<EndpointChoice>,
) -> impl IntoView {
    let options = EndpointChoice::ALL
        .into_iter()
        .map(|choice| {
            view! {
                <label class="endpoint-option" data-endpoint=choice.id()>
                    <input
                        type="radio"
                        name="endpoint"
                        value=choice.id()
                        prop:checked=move || selected.get() == choice
                        on:change=move |_| selected.set(choice)
                    />
                    <span class="endpoint-label">{choice.label()}</span>
                    <span class="endpoint-hint">{choice.hint()}</span>
                </label>
            }
        })
        .collect_view();

    let address = move || match selected.get().ovh_endpoint() {
        Some(endpoint) => format!("API address: {}", endpoint.base_url()),
        None => "API address: the sandbox started beside this page.".to_owned(),
    };

    view! {
        <fieldset class="endpoint-picker">
            <legend>"Where is your OVHcloud account?"</legend>
            <div class="endpoint-options">{options}</div>
            <p class="endpoint-address" aria-live="polite">{address}</p>
            {move || {
                selected
                    .get()
                    .warning()
                    .map(|text| view! { <p class="endpoint-warning" role="alert">{text}</p> })
            }}
        </fieldset>
    }
}
