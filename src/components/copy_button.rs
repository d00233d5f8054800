//! A value shown with a button that copies it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mailshift_wizard::Text;

use crate::browser_files::copy;
use crate::reactive::reactive;
use crate::state::use_wizard;

/// `value` in a code span, with a copy button that says when it is copied; `label` names the
/// value for screen readers.
#[component]
pub fn CopyValue(
    /// What to show and copy.
    value: String,
    /// What it is, for the button's accessible name.
    label: String,
) -> impl IntoView {
    let wizard = use_wizard();
    let copied = RwSignal::new(false);
    let shown = value.clone();
    let name = move || format!("{} {label}", wizard.t(Text::CopyValue));
    view! {
        <span class="copy-value">
            <code>{shown}</code>
            <button
                type="button"
                class="copy"
                aria-label=name
                on:click=move |_| {
                    let value = value.clone();
                    spawn_local(async move {
                        let done = copy(&value).await.is_ok();
                        let _ = copied.try_set(done);
                    });
                }
            >
                {reactive(move || if copied.get() { wizard.t(Text::CopiedValue) } else { wizard.t(Text::CopyValue) })}
            </button>
        </span>
    }
}
