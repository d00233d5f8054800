//! Why a whole run (or the destination's preparation) stopped: the sentence in the person's
//! language, the failed call explained, and the browser's own words when it would not keep the
//! journal.

use leptos::prelude::*;
use mailshift_migrate::RunError;
use mailshift_wizard::Text;
use mailshift_wizard::problem::run_stop;

use crate::components::StepProblem;
use crate::reactive::reactive;
use crate::state::use_wizard;

/// A run that cannot go on, re-said when the language changes.
#[component]
pub fn RunStopped(
    /// Why it stopped.
    error: RunError,
) -> impl IntoView {
    let wizard = use_wizard();
    reactive(move || {
        let lang = wizard.lang.get();
        let stop = run_stop(&error, lang);
        view! {
            <p class="problem" role="alert">{stop.why}</p>
            {stop.call.cloned().map(|problem| view! { <StepProblem problem=problem /> })}
            {stop.detail.map(|detail| view! {
                <details class="problem-detail">
                    <summary>{Text::TechnicalDetails.get(lang)}</summary>
                    <code>{detail.to_owned()}</code>
                </details>
            })}
        }
    })
}
