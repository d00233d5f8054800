//! The root component: page frame around the current wizard step.

use leptos::prelude::*;

use crate::pages::Home;

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="site-header">
            <span class="brand">"Mailshift"</span>
        </header>
        <main class="page">
            <Home />
        </main>
        <footer class="site-footer">
            "Mailshift is an independent tool and is not affiliated with OVHcloud."
        </footer>
    }
}
