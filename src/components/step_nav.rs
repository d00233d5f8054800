//! Where the person is in the wizard.

use leptos::prelude::*;
use mailshift_wizard::Text;
use mailshift_wizard::settings::Step;

use crate::attribute::attr;
use crate::state::use_wizard;

/// The steps, the current one marked; a reached step can be revisited once connected.
#[component]
pub fn StepNav() -> impl IntoView {
    let wizard = use_wizard();
    let steps = [
        (Step::Connect, Text::StepConnect),
        (Step::Choose, Text::StepChoose),
        (Step::Review, Text::StepReview),
    ];
    view! {
        <nav class="step-nav" {attr("aria-label", wizard.text(Text::WizardSteps))}>
            <ol>
                {steps
                    .into_iter()
                    .map(|(step, label)| {
                        let reachable = move || {
                            wizard.session.with(|s| s.connected.is_some())
                                && step <= wizard.settings.with(|s| s.step)
                        };
                        view! {
                            <li {attr("aria-current", move || if wizard.step.get() == step { "step" } else { "false" })}>
                                <button
                                    type="button"
                                    class="step-link"
                                    {attr("disabled", move || !reachable() || wizard.step.get() == step)}
                                    on:click=move |_| wizard.show(step)
                                >
                                    {wizard.text(label)}
                                </button>
                            </li>
                        }
                    })
                    .map(IntoAny::into_any).collect_view()}
            </ol>
        </nav>
    }
}
