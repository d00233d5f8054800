//! The root component: page frame, language switch, and the current wizard step.

use leptos::prelude::*;
use mailshift_wizard::Text;
use mailshift_wizard::settings::Step;

use crate::api::is_validation_return;
use crate::components::{ConnectionBar, LanguageSwitch, StepNav};
use crate::pages::{
    Choose, Connect, Copy, Destination, Finish, PlanPage, Review, Run, ValidationReturn,
};
use crate::reactive::reactive;
use crate::state::{Wizard, use_wizard};

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    provide_context(Wizard::new());
    let wizard = use_wizard();
    let returned = is_validation_return();
    view! {
        <header class="site-header">
            <span class="brand">"Mailshift"</span>
            <LanguageSwitch />
        </header>
        <main class="page">
            {reactive(move || {
                if returned {
                    return view! { <ValidationReturn /> }.into_any();
                }
                let page = match wizard.page.get() {
                    Step::Connect => view! { <Connect /> }.into_any(),
                    Step::Choose => view! { <Choose /> }.into_any(),
                    Step::Review => view! { <Review /> }.into_any(),
                    Step::Destination => view! { <Destination /> }.into_any(),
                    Step::Plan => view! { <PlanPage /> }.into_any(),
                    Step::Run => view! { <Run /> }.into_any(),
                    Step::Copy => view! { <Copy /> }.into_any(),
                    Step::Finish => view! { <Finish /> }.into_any(),
                };
                view! {
                    <StepNav />
                    <ConnectionBar />
                    {page}
                }
                    .into_any()
            })}
        </main>
        {reactive(move || {
            wizard
                .storage_refused
                .get()
                .then(|| view! { <p class="notice storage-refused" role="alert">{wizard.t(Text::StorageRefused)}</p> })
        })}
        <footer class="site-footer">{wizard.text(Text::FooterNote)}</footer>
    }
}
