//! Step 3: the inventory of the source, what the destination offers, and the selection.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mailshift_ovh::Error;
use mailshift_ovh::password::PasswordPolicy;
use mailshift_wizard::inventory::{self, Inventory, Stage, Support};
use mailshift_wizard::settings::Step;
use mailshift_wizard::size::format_size;
use mailshift_wizard::{Lang, Text};

use crate::components::account_table::{DetailState, Details};
use crate::components::{AccountTable, ProblemBox};
use crate::reactive::reactive;
use crate::state::{Wizard, use_wizard};

/// The review page.
#[component]
pub fn Review() -> impl IntoView {
    let wizard = use_wizard();
    let reading = RwSignal::new(Reading::default());
    let details = RwSignal::new(Details::default());

    let load = move || {
        let Some(client) = wizard.client() else {
            wizard.disconnect();
            return;
        };
        reading.update(|r| r.error = None);
        // After a reload the services must be read again: the choose page does it, then
        // comes back here.
        if wizard.session.with_untracked(|s| s.catalog.is_none()) {
            wizard.show(Step::Choose);
            return;
        }
        spawn_local(async move {
            let chosen = wizard
                .settings
                .with_untracked(|s| (s.source.clone(), s.destination.clone()));
            let found = wizard.session.with_untracked(|s| {
                let c = s.catalog.as_ref()?;
                Some((
                    c.get(chosen.0.as_ref()?)?.clone(),
                    c.get(chosen.1.as_ref()?)?.clone(),
                ))
            });
            let Some((source, destination)) = found else {
                reading.update(|r| r.stage = None);
                wizard.go(Step::Choose);
                return;
            };
            let result = inventory::load(&client, &source, &destination, &mut |s| {
                reading.update(|r| r.stage = Some(s))
            })
            .await;
            reading.update(|r| r.stage = None);
            match result {
                Ok(found) => {
                    wizard
                        .settings
                        .update(|s| s.selection.retain_known(&found.accounts));
                    reading.update(|r| r.found = Some(found));
                }
                Err(problem) => reading.update(|r| r.error = Some(problem)),
            }
        });
    };
    load();

    // A memo: the rows are copied once per change, not once per read.
    let rows = Memo::new(move |_| {
        reading.with(|l| {
            l.found
                .as_ref()
                .map(|l| l.accounts.clone())
                .unwrap_or_default()
        })
    });

    let ask_details = Callback::new(move |address: String| {
        let Some(client) = wizard.client() else {
            return;
        };
        let Some(source) = wizard.settings.with_untracked(|s| s.source.clone()) else {
            return;
        };
        let rows = rows.get_untracked();
        details.update(|d| d.set(address.clone(), DetailState::Loading));
        spawn_local(async move {
            let found = inventory::load_details(&client, &source, &address, &rows).await;
            let state = match found {
                Ok(found) => DetailState::Loaded(found),
                Err(problem) => DetailState::Failed(wizard.explain(&problem, false).title),
            };
            details.update(|d| d.set(address, state));
        });
    });

    view! {
        <section class="review">
            <h1>{wizard.text(Text::ReviewTitle)}</h1>
            <button type="button" class="link change-choice" on:click=move |_| wizard.go(Step::Choose)>
                {wizard.text(Text::ChangeChoice)}
            </button>
            {reactive(move || reading.with(|r| r.stage).map(|s| view! { <p class="progress" role="status">{stage_text(s, wizard.lang.get())}</p> }))}
            {reactive(move || reading.with(|r| r.error.clone()).map(|e| view! { <ProblemBox error=e /> }))}
            {reactive(move || { let lang = wizard.lang.get(); reading.with(|l| l.found.as_ref().map(|found| destination_panel(found, lang, wizard))) })}
            // Built once and shown once there is an inventory, so that a new one keeps the
            // table's search and order.
            <section class="accounts-section" hidden={move || reading.with(|l| l.found.is_none())}>
                <h2>{wizard.text(Text::AccountsTitle)}</h2>
                {reactive(move || {
                    let blocked = reading.with(|l| l.found.as_ref().map_or(0, |l| l.blocked().count()));
                    (blocked > 0)
                        .then(|| {
                            view! {
                                <p class="blocked-summary notice" role="note">
                                    {Text::BlockedSummary.fill(wizard.lang.get(), &[&blocked.to_string()])}
                                </p>
                            }
                        })
                })}
                {reactive(move || {
                    rows.with(Vec::is_empty)
                        .then(|| view! { <p class="notice">{wizard.t(Text::NoAccounts)}</p> })
                })}
                <AccountTable
                    rows=rows
                    details=details
                    on_details=ask_details
                />
            </section>
            {reactive(move || { let lang = wizard.lang.get(); reading.with(|l| l.found.as_ref().map(|found| features_lists(found, lang))) })}
            <div class="actions">
                <button
                    type="button"
                    class="primary continue-destination"
                    disabled=move || reading.with(|l| l.found.is_none()) || wizard.settings.with(|s| s.selection.is_empty())
                    on:click=move |_| wizard.go(Step::Destination)
                >
                    {wizard.text(Text::ContinueToDestination)}
                </button>
            </div>
        </section>
    }
}

/// What the page has read of the source and the destination, and how far it is.
#[derive(Clone, Default)]
struct Reading {
    /// What is being read, while it is.
    stage: Option<Stage>,
    /// Why the last reading stopped.
    error: Option<Error>,
    /// The inventory, once read.
    found: Option<Inventory>,
}

fn stage_text(stage: Stage, lang: Lang) -> String {
    match stage {
        Stage::Destination => Text::LoadingDestination.get(lang).to_owned(),
        Stage::Accounts {
            loaded,
            total: Some(total),
        } => Text::LoadingAccounts.fill(lang, &[&loaded.to_string(), &total.to_string()]),
        Stage::Accounts { total: None, .. } => Text::LoadingAccountsStart.get(lang).to_owned(),
        Stage::Features => Text::LoadingFeatures.get(lang).to_owned(),
    }
}

fn support_text(support: Support) -> Text {
    match support {
        Support::Yes => Text::SupportYes,
        Support::AsRedirections => Text::SupportRedirections,
        Support::No => Text::SupportNo,
    }
}

fn support_class(support: Support) -> &'static str {
    match support {
        Support::Yes => "support-yes",
        Support::AsRedirections => "support-asredirections",
        Support::No => "support-no",
    }
}

fn policy_text(policy: PasswordPolicy, lang: Lang) -> String {
    match policy {
        PasswordPolicy::Hosted {
            min_length,
            complexity: true,
        } => Text::PolicyHostedComplex.fill(lang, &[&min_length.to_string()]),
        PasswordPolicy::Hosted {
            min_length,
            complexity: false,
        } => Text::PolicyHostedSimple.fill(lang, &[&min_length.to_string()]),
        PasswordPolicy::Zimbra => Text::PolicyZimbra.get(lang).to_owned(),
        PasswordPolicy::Legacy => Text::PolicyLegacy.get(lang).to_owned(),
    }
}

fn destination_panel(found: &Inventory, lang: Lang, wizard: Wizard) -> impl IntoView + use<> {
    let destination = found.destination.clone();
    let features = destination.features;
    let rows = [
        (Text::FeatureAliases, features.aliases),
        (Text::FeatureDelegations, features.delegations),
        (Text::FeatureGroups, features.groups),
        (Text::FeatureContacts, features.external_contacts),
        (Text::FeatureFooters, features.footers),
        (Text::FeatureCollaboration, features.collaboration),
    ];
    let free = destination.free_slots;
    view! {
        <section class="destination-panel">
            <h2>{Text::DestinationTitle.get(lang)}</h2>
            <p class="free-slots">{Text::FreeSlots.fill(lang, &[&free.to_string()])}</p>
            {reactive(move || {
                let chosen = wizard.settings.with(|s| s.selection.len());
                (chosen > free)
                    .then(|| {
                        view! {
                            <p class="problem slots-short" role="alert">
                                {Text::SlotsShort.fill(lang, &[&chosen.to_string(), &free.to_string()])}
                            </p>
                        }
                    })
            })}
            <p class="password-policy">
                {Text::PolicyTitle.fill(lang, &[&policy_text(destination.password_policy, lang)])}
            </p>
            <p class="mailbox-limit">
                {match destination.mailbox_limit {
                    Some(limit) => Text::LimitTitle.fill(lang, &[&format_size(limit, lang)]),
                    None => Text::NoLimit.get(lang).to_owned(),
                }}
            </p>
            <h3>{Text::FeaturesTitle.get(lang)}</h3>
            <dl class="features">
                {rows
                    .into_iter()
                    .map(|(name, support)| {
                        view! {
                            <dt>{name.get(lang)}</dt>
                            <dd class=support_class(support)>{support_text(support).get(lang)}</dd>
                        }
                    })
                    .map(IntoAny::into_any).collect_view()}
            </dl>
        </section>
    }
}

fn features_lists(found: &Inventory, lang: Lang) -> impl IntoView + use<> {
    let features = found.destination.features;
    let section = |class: &'static str, title: String, items: Vec<String>, support: Support| {
        let empty = items.is_empty();
        view! {
            <section class=class>
                <h3>{title}</h3>
                {(!empty && support == Support::No)
                    .then(|| view! { <p class="notice">{Text::NotOnDestination.get(lang)}</p> })}
                {if empty {
                    view! { <p>{Text::NoneFound.get(lang)}</p> }.into_any()
                } else {
                    view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).map(IntoAny::into_any).collect_view()}</ul> }.into_any()
                }}
            </section>
        }
    };
    let groups = found
        .groups
        .iter()
        .map(|g| format!("{} ({})", g.address, g.display_name))
        .collect::<Vec<_>>();
    let contacts = found
        .contacts
        .iter()
        .map(|c| format!("{} ({})", c.display_name, c.address))
        .collect::<Vec<_>>();
    let footers = found
        .footers
        .iter()
        .map(|f| {
            let scope = if f.outside_only {
                Text::FooterOutside
            } else {
                Text::FooterAll
            };
            format!("{}: {}", f.domain, scope.get(lang))
        })
        .collect::<Vec<_>>();
    view! {
        <div class="source-features">
            {section("groups", Text::GroupsTitle.fill(lang, &[&groups.len().to_string()]), groups, features.groups)}
            {section("contacts", Text::ContactsTitle.fill(lang, &[&contacts.len().to_string()]), contacts, features.external_contacts)}
            {section("footers", Text::FootersTitle.fill(lang, &[&footers.len().to_string()]), footers, features.footers)}
        </div>
    }
}
