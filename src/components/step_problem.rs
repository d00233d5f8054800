//! A step's failure as a person reads it: what happened and what to do in their language when
//! OVHcloud answered it, the call, OVHcloud's query ID, and the engine's own words folded away.

use leptos::prelude::*;
use mailshift_migrate::Problem;
use mailshift_wizard::Text;
use mailshift_wizard::problem::{Context, explain_step};

use crate::reactive::reactive;
use crate::state::use_wizard;

/// The problem of a step, re-explained when the language changes.
#[component]
pub fn StepProblem(
    /// The problem.
    problem: Problem,
) -> impl IntoView {
    let wizard = use_wizard();
    reactive(move || {
        let lang = wizard.lang.get();
        let proxy = wizard.proxy();
        let shown = explain_step(
            &problem,
            lang,
            Context {
                proxy: &proxy,
                awaiting_validation: false,
            },
        );
        view! {
            <div class="problem" role="alert">
                <p class="problem-title">{shown.title}</p>
                <p class="problem-advice">{shown.advice}</p>
                {shown.query_id.map(|id| view! { <p class="problem-query-id">{Text::QueryId.fill(lang, &[&id])}</p> })}
                <details class="problem-detail">
                    <summary>{Text::TechnicalDetails.get(lang)}</summary>
                    <code>{shown.detail}</code>
                </details>
            </div>
        }
    })
}
