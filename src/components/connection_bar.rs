//! Who the wizard is connected as, and a way to use other keys.

use leptos::prelude::*;
use mailshift_wizard::Text;
use mailshift_wizard::connection::format_date;

use crate::reactive::reactive;
use crate::state::use_wizard;

/// The OVHcloud account and the key's expiry, once connected.
#[component]
pub fn ConnectionBar() -> impl IntoView {
    let wizard = use_wizard();
    reactive(move || {
        let connected = wizard
            .connection
            .with(|c| c.as_ref().map(|c| c.connected.clone()))?;
        let lang = wizard.lang.get();
        let account = match &connected.account {
            Some(account) => Text::ConnectedAs.fill(lang, &[account]),
            None => Text::ConnectedNoAccount.get(lang).to_owned(),
        };
        let expiry = match &connected.expiration {
            Some(date) => Text::ExpiresOn.fill(lang, &[&format_date(date)]),
            None => Text::NeverExpires.get(lang).to_owned(),
        };
        Some(view! {
            <div class="connection-bar" role="status">
                <span class="connected-account">{account}</span>
                " "
                <span class="key-expiry">{expiry}</span>
                <button type="button" class="link disconnect" on:click=move |_| wizard.disconnect()>
                    {Text::Disconnect.get(lang)}
                </button>
            </div>
        })
    })
}
