//! The tab OVHcloud's validation page sends back to.

use leptos::prelude::*;
use mailshift_wizard::Text;

use crate::state::use_wizard;

/// Says that access is granted and that the first tab carries on: the secrets live only there.
#[component]
pub fn ValidationReturn() -> impl IntoView {
    let wizard = use_wizard();
    view! {
        <section class="validation-return">
            <h1>{wizard.text(Text::ReturnedTitle)}</h1>
            <p>{wizard.text(Text::ReturnedText)}</p>
        </section>
    }
}
