//! The language switch in the header.

use leptos::prelude::*;
use mailshift_wizard::{Lang, Text};

use crate::state::use_wizard;

/// A select between English and French; every text on the page follows it at once.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let wizard = use_wizard();
    view! {
        <label class="language-switch">
            <span>{wizard.text(Text::LanguageLabel)}</span>
            <select
                name="language"
                on:change=move |event| {
                    let code = event_target_value(&event);
                    if let Some(lang) = Lang::ALL.into_iter().find(|l| l.code() == code) {
                        wizard.set_lang(lang);
                    }
                }
            >
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <option value={lang.code()} selected={move || wizard.lang.get() == lang}>
                                {lang.name()}
                            </option>
                        }
                    })
                    .map(IntoAny::into_any).collect_view()}
            </select>
        </label>
    }
}
