//! The first page: what Mailshift does, the steps of a migration, and where to connect.

use leptos::prelude::*;

use crate::components::EndpointPicker;
use crate::endpoint_choice::EndpointChoice;

/// The steps of a migration as OVHcloud's guide lays them out, in the order Mailshift runs them.
const STEPS: [(&str, &str); 7] = [
    (
        "Connect",
        "Sign in to the OVHcloud API with a key limited to what the migration needs.",
    ),
    (
        "Choose",
        "Pick the source (Exchange or Email Pro) and the destination (Exchange, Email Pro or MX Plan).",
    ),
    (
        "Review",
        "See every account with its aliases and delegations, the groups, contacts and footers, \
         and what cannot move as it is.",
    ),
    (
        "Prepare",
        "Add your domain to the destination as non-authoritative and wait until it is ready.",
    ),
    (
        "Move",
        "For each account: rename it to a provisional address, create the address on the \
         destination, then copy the mailbox with OVH Mail Migrator.",
    ),
    (
        "Recreate",
        "Rebuild what the copy leaves behind: aliases, delegations, groups, external contacts \
         and footers.",
    ),
    (
        "Check",
        "Verify the MX, SRV and SPF records of your domain and publish the ones that are missing.",
    ),
];

/// The landing page of the wizard.
#[component]
pub fn Home() -> impl IntoView {
    let endpoint = RwSignal::new(EndpointChoice::default());

    view! {
        <section class="intro">
            <h1>"Mailshift"</h1>
            <p class="lead">
                "Mailshift moves the email addresses of your domain from one OVHcloud email \
                platform to another (from Exchange or Email Pro to Exchange, Email Pro or MX Plan), \
                doing for you, account by account, what OVHcloud's migration guide asks you to do \
                by hand in the Control Panel. It runs entirely in your browser: your API keys sign \
                each call on this page and are never sent anywhere but to OVHcloud."
            </p>
        </section>
        <section class="steps" aria-labelledby="steps-title">
            <h2 id="steps-title">"How a migration goes"</h2>
            <ol class="step-list">
                {STEPS
                    .into_iter()
                    .map(|(name, text)| {
                        view! {
                            <li>
                                <strong>{name}</strong>
                                <span>{text}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
        <section class="connect" aria-labelledby="connect-title">
            <h2 id="connect-title">"Start"</h2>
            <EndpointPicker selected=endpoint />
        </section>
    }
}
