//! Where the person is in the wizard.

use leptos::prelude::*;
use mailshift_wizard::Text;
use mailshift_wizard::settings::Step;

use crate::state::use_wizard;

/// The steps, the current one marked; a reached step can be revisited once connected.
#[component]
pub fn StepNav() -> impl IntoView {
    let wizard = use_wizard();
    view! {
        <nav class="step-nav" aria-label={wizard.text(Text::WizardSteps)}>
            <ol>
                {Step::ALL
                    .into_iter()
                    .map(|step| {
                        let reachable = move || {
                            let connected = wizard.is_connected();
                            // Read again whenever the run changes: it may have been closed.
                            let recorded = wizard.run.with(|_| wizard.has_recorded_run());
                            step.can_visit(wizard.settings.with(|s| s.reached), connected, recorded)
                        };
                        view! {
                            <li aria-current={move || if wizard.page.get() == step { "step" } else { "false" }}>
                                <button
                                    type="button"
                                    class="step-link"
                                    disabled={move || !reachable() || wizard.page.get() == step}
                                    on:click=move |_| wizard.show(step)
                                >
                                    {wizard.text(step.label())}
                                </button>
                            </li>
                        }
                    })
                    .map(IntoAny::into_any).collect_view()}
            </ol>
        </nav>
    }
}
