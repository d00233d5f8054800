//! An error as a person reads it.

use leptos::prelude::*;
use mailshift_ovh::Error;
use mailshift_wizard::Text;

use crate::reactive::reactive;
use crate::state::use_wizard;

/// What happened, what to do, the OVHcloud query ID, and the technical details folded away;
/// re-explained when the language changes.
#[component]
pub fn ProblemBox(
    /// The error to explain.
    error: Error,
    /// Whether a freshly requested key may still wait for validation.
    #[prop(optional)]
    awaiting_validation: bool,
) -> impl IntoView {
    let wizard = use_wizard();
    reactive(move || {
        wizard.lang.track();
        let problem = wizard.explain(&error, awaiting_validation);
        let lang = wizard.lang.get();
        view! {
            <div class="problem" role="alert">
                <p class="problem-title">{problem.title}</p>
                <p class="problem-advice">{problem.advice}</p>
                {problem
                    .query_id
                    .map(|id| {
                        view! {
                            <p class="problem-query-id">{Text::QueryId.fill(lang, &[&id])}</p>
                        }
                    })}
                <details class="problem-detail">
                    <summary>{Text::TechnicalDetails.get(lang)}</summary>
                    <code>{problem.detail}</code>
                </details>
            </div>
        }
    })
}
