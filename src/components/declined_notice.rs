//! Why the last command of the run did not go through: the engine's refusal in the person's
//! language, or the call that failed.

use leptos::prelude::*;
use mailshift_wizard::problem::refusal_text;
use mailshift_wizard::progress::Declined;

use crate::components::StepProblem;
use crate::reactive::reactive;
use crate::state::use_wizard;

/// The run's last refusal or failure, until the next command is sent.
#[component]
pub fn DeclinedNotice() -> impl IntoView {
    let wizard = use_wizard();
    reactive(move || {
        wizard.run.read().refusal.clone().map(|declined| match declined {
            Declined::Refused(refusal) => view! {
                <p class="problem refusal" role="alert">{refusal_text(&refusal, wizard.lang.get())}</p>
            }
            .into_any(),
            Declined::Failed(problem) => view! {
                <div class="refusal"><StepProblem problem=*problem /></div>
            }
            .into_any(),
        })
    })
}
