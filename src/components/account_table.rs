//! The account table: search, sort, select all or none, a count, and details on demand.

use leptos::prelude::*;
use mailshift_wizard::inventory::{AccountDetails, AccountRow, Blocker};
use mailshift_wizard::size::format_size;
use mailshift_wizard::table::{SortKey, TableView};
use mailshift_wizard::{Lang, Text};

use crate::browser_folding::BrowserFolding;
use crate::reactive::reactive;
use crate::state::{Wizard, use_wizard};

/// The details of one account: not asked yet, loading, loaded, or failed with a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DetailState {
    /// Being read.
    Loading,
    /// Read.
    Loaded(AccountDetails),
    /// Could not be read: the explained problem's title.
    Failed(String),
}

/// The details asked for so far, by address: a few at most, so a list rather than a map.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Details(Vec<(String, DetailState)>);

impl Details {
    /// What is known of `address`'s details.
    pub fn get(&self, address: &str) -> Option<&DetailState> {
        self.0.iter().find(|(a, _)| a == address).map(|(_, s)| s)
    }

    /// Records where `address`'s details stand.
    pub fn set(&mut self, address: String, state: DetailState) {
        match self.0.iter_mut().find(|(a, _)| *a == address) {
            Some(entry) => entry.1 = state,
            None => self.0.push((address, state)),
        }
    }
}

/// The accounts of the source with their flags; the selection is the wizard's (its settings),
/// details are asked for through `on_details`.
#[component]
pub fn AccountTable(
    /// The rows, in any order.
    rows: Memo<Vec<AccountRow>>,
    /// Details already asked for, by address; only read here (the page's own signal, rather than
    /// a read-only view of it that would be one more type in the bundle).
    details: RwSignal<Details>,
    /// Asks for one account's details.
    on_details: Callback<String>,
) -> impl IntoView {
    let wizard = use_wizard();
    let view_state = RwSignal::new(TableView::default());
    // The rows as searched and sorted; computed when read, which is when they are redrawn.
    let shown = move || {
        view_state.with(|view| {
            rows.with(|rows| {
                view.rows(rows, &BrowserFolding)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };

    let header = move |key: SortKey, label: Text, hint: Text| {
        view! {
            <th
                scope="col"
                aria-sort={move || {
                    view_state.with(|v| match (v.sort == key, v.descending) {
                        (false, _) => "none",
                        (true, false) => "ascending",
                        (true, true) => "descending",
                    })
                }}
            >
                <button
                    type="button"
                    class="sort"
                    data-sort={key.id()}
                    title={wizard.text(hint)}
                    on:click=move |_| view_state.update(|v| v.sort_by(key))
                >
                    {wizard.text(label)}
                </button>
            </th>
        }
    };

    view! {
        <div class="table-tools">
            <label class="search">
                <span>{wizard.text(Text::Search)}</span>
                <input
                    type="search"
                    name="search"
                    prop:value=move || view_state.with(|v| v.search.clone())
                    on:input=move |e| view_state.update(|v| v.search = event_target_value(&e))
                />
            </label>
            <button
                type="button"
                class="secondary select-all"
                on:click=move |_| {
                    let rows = untrack(shown);
                    wizard.settings.update(|s| s.selection.select_all(rows.iter()));
                }
            >
                {wizard.text(Text::SelectAll)}
            </button>
            <button
                type="button"
                class="secondary select-none"
                on:click=move |_| wizard.settings.update(|s| s.selection.clear())
            >
                {wizard.text(Text::SelectNone)}
            </button>
            <p class="selected-count" aria-live="polite">
                {reactive(move || {
                    Text::SelectedCount
                        .fill(
                            wizard.lang.get(),
                            &[
                                &wizard.settings.with(|s| s.selection.len()).to_string(),
                                &rows.with(Vec::len).to_string(),
                            ],
                        )
                })}
            </p>
        </div>
        <div class="table-scroll">
            <table class="accounts">
                <thead>
                    <tr>
                        <th scope="col" class="visually-hidden">{wizard.text(Text::ColSelect)}</th>
                        {header(SortKey::Address, Text::ColAddress, Text::SortByAddress)}
                        {header(SortKey::DisplayName, Text::ColName, Text::SortByName)}
                        {header(SortKey::Size, Text::ColSize, Text::SortBySize)}
                        {header(SortKey::State, Text::ColState, Text::SortByState)}
                        <th scope="col">{wizard.text(Text::ColDetails)}</th>
                    </tr>
                </thead>
                <tbody>
                    // Rebuilt whole when the search, the order or the language changes: a keyed
                    // list would save little for a few hundred rows and costs the bundle more.
                    {reactive(move || {
                        let lang = wizard.lang.get();
                        shown()
                            .into_iter()
                            .map(|row| account_row(row, lang, wizard, details, on_details))
                            .map(IntoAny::into_any).collect_view()
                    })}
                </tbody>
            </table>
        </div>
    }
}

/// One account's row: its checkbox, address with blockers, name, size, state and details.
fn account_row(
    row: AccountRow,
    lang: Lang,
    wizard: Wizard,
    details: RwSignal<Details>,
    on_details: Callback<String>,
) -> impl IntoView {
    let address = row.address.clone();
    let checked_address = address.clone();
    let toggle_address = address.clone();
    let detail_address = address.clone();
    let blocked = !row.blockers.is_empty();
    view! {
        <tr class=if blocked { "blocked" } else { "" } data-address=address.clone()>
            <td>
                <input
                    type="checkbox"
                    aria-label={address.clone()}
                    disabled=blocked
                    prop:checked=move || wizard.settings.with(|s| s.selection.contains(&checked_address))
                    on:change=move |_| wizard.settings.update(|s| s.selection.toggle(&toggle_address))
                />
            </td>
            <td class="address">
                {address.clone()}
                {row
                    .blockers
                    .iter()
                    .map(|b| view! { <span class="blocker">{blocker_text(*b, lang)}</span> })
                    .map(IntoAny::into_any).collect_view()}
            </td>
            <td>{row.display_name.clone()}</td>
            <td class="size">
                {row.size.map_or_else(|| Text::SizeUnknown.get(lang).to_owned(), |s| format_size(s, lang))}
            </td>
            <td>{Text::of_state(row.state).get(lang)}</td>
            <td class="details">
                {reactive(move || {
                    let known = details.with(|d| d.get(&detail_address).cloned());
                    let asked = detail_address.clone();
                    match known {
                        None => view! {
                            <button type="button" class="link show-details" on:click=move |_| on_details.run(asked.clone())>
                                {Text::ShowDetails.get(lang)}
                            </button>
                        }.into_any(),
                        Some(DetailState::Loading) => view! { <span>{Text::LoadingDetails.get(lang)}</span> }.into_any(),
                        Some(DetailState::Failed(why)) => view! { <span class="field-problem">{why}</span> }.into_any(),
                        Some(DetailState::Loaded(found)) => details_view(&found, lang).into_any(),
                    }
                })}
            </td>
        </tr>
    }
}

fn details_view(details: &AccountDetails, lang: Lang) -> impl IntoView {
    let list = |items: &[String]| {
        if items.is_empty() {
            Text::NoneWord.get(lang).to_owned()
        } else {
            items.join(", ")
        }
    };
    view! {
        <ul class="account-details">
            <li>{Text::AliasesLabel.fill(lang, &[&list(&details.aliases)])}</li>
            <li>{Text::FullAccessLabel.fill(lang, &[&list(&details.full_access)])}</li>
            <li>{Text::SendAsLabel.fill(lang, &[&list(&details.send_as)])}</li>
            <li>{Text::SendOnBehalfLabel.fill(lang, &[&list(&details.send_on_behalf_to)])}</li>
        </ul>
    }
}

/// Why an account cannot move, in words.
pub fn blocker_text(blocker: Blocker, lang: Lang) -> String {
    match blocker {
        Blocker::TooBig { size, limit } => {
            Text::BlockTooBig.fill(lang, &[&format_size(size, lang), &format_size(limit, lang)])
        }
        Blocker::NotReady(state) => Text::BlockState.fill(lang, &[Text::of_state(state).get(lang)]),
    }
}
