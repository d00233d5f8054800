//! The mailbox copy: what OVH Mail Migrator asks for, per account, the project CSV, the PST
//! backups, and "copy done".

use leptos::prelude::*;
use mailshift_migrate::handoff::{CopyHandoff, CopySide, handoffs, omm_csv};
use mailshift_wizard::driver::Command;
use mailshift_wizard::progress::{Action, status_text};
use mailshift_wizard::settings::Step;
use mailshift_wizard::{Lang, Text};

use crate::browser_files::download;
use crate::components::{CopyValue, DeclinedNotice};
use crate::reactive::reactive;
use crate::state::{Wizard, use_wizard};

/// OVH Mail Migrator.
const OMM: &str = "https://omm.ovh.net/";

/// The copy page.
#[component]
pub fn Copy() -> impl IntoView {
    let wizard = use_wizard();
    let run = wizard.run;
    if wizard.show_run_unless_planned() {
        return ().into_any();
    }
    let pst = run.with_untracked(|r| r.plan.as_ref().is_some_and(|p| p.pst_backup));
    let list = move || {
        let passwords = wizard.passwords.get_value();
        run.with(|r| {
            let Some(plan) = r.plan.as_ref() else {
                return Vec::new();
            };
            handoffs(plan, &passwords)
                .into_iter()
                .filter(|h| r.shows_copy(&h.address))
                .collect::<Vec<_>>()
        })
    };
    let csv = move |_| {
        let passwords = wizard.passwords.get_value();
        let text =
            run.with_untracked(|r| r.plan.as_ref().map(|p| omm_csv(&handoffs(p, &passwords))));
        if let Some(text) = text {
            let _ = download("mailshift-omm.csv", "text/csv", &text);
        }
    };
    view! {
        <section class="copy">
            <h1>{wizard.text(Text::CopyTitle)}</h1>
            <p class="lead">{wizard.text(Text::CopyLead)}</p>
            <p><a href=OMM target="_blank" rel="noopener noreferrer">{wizard.text(Text::OpenOmm)}</a></p>
            <div class="csv">
                <button type="button" on:click=csv>{wizard.text(Text::CsvDownload)}</button>
                <p class="notice warning">{wizard.text(Text::CsvWarning)}</p>
            </div>
            <DeclinedNotice />
            {reactive(move || {
                let lang = wizard.lang.get();
                let all = list();
                if all.is_empty() {
                    return view! { <p class="notice">{Text::NothingToCopy.get(lang)}</p> }.into_any();
                }
                all.into_iter().map(|h| handoff_card(h, pst, lang, wizard)).collect_view().into_any()
            })}
            <div class="actions">
                <button type="button" disabled=move || !wizard.can(Action::ConfirmAll) on:click=wizard.sends(Command::ConfirmAll)>
                    {wizard.text(Text::ConfirmAll)}
                </button>
                <button type="button" class="primary" disabled=move || !wizard.can(Action::GoToFinish) on:click=move |_| wizard.go(Step::Finish)>
                    {wizard.text(Text::ContinueToFinish)}
                </button>
            </div>
        </section>
    }
    .into_any()
}

fn handoff_card(handoff: CopyHandoff, pst: bool, lang: Lang, wizard: Wizard) -> impl IntoView {
    let run = wizard.run;
    let address = handoff.address.clone();
    let status = run.with_untracked(|r| r.row(&address).map(|row| row.status.clone()));
    let confirm = wizard.sends(Command::ConfirmCopy(address.clone()));
    let can_confirm = {
        let address = address.clone();
        move || run.with(|r| r.can(Action::ConfirmCopy(&address)))
    };
    let export = pst.then(|| pst_part(address.clone(), lang, wizard));
    view! {
        <article class="handoff" data-address=address.clone()>
            <h2>{address.clone()}</h2>
            <p class="state">{status.map(|s| status_text(&s).get(lang))}</p>
            <div class="sides">
                {side(Text::SideSource, &handoff.source, lang)}
                {side(Text::SideDestination, &handoff.destination, lang)}
            </div>
            {export}
            <button type="button" class="confirm-copy" disabled=move || !can_confirm() on:click=confirm>
                {Text::ConfirmCopy.get(lang)}
            </button>
        </article>
    }
}

fn side(title: Text, side: &CopySide, lang: Lang) -> impl IntoView {
    let field = |name: Text, value: String| {
        view! {
            <dt>{name.get(lang)}</dt>
            <dd><CopyValue value=value label=format!("{} {}", title.get(lang), name.get(lang)) /></dd>
        }
    };
    let password = match &side.password {
        Some(p) => field(Text::FieldPassword, p.expose().to_owned()).into_any(),
        None => view! { <dt>{Text::FieldPassword.get(lang)}</dt><dd class="unknown">{Text::PasswordNotKept.get(lang)}</dd> }.into_any(),
    };
    view! {
        <section class="side">
            <h3>{title.get(lang)}</h3>
            <dl>
                <dt>{Text::FieldType.get(lang)}</dt>
                <dd>{side.form_type}</dd>
                {field(Text::FieldServer, side.server.clone())}
                {field(Text::FieldLogin, side.login.clone())}
                {password}
            </dl>
        </section>
    }
}

fn pst_part(address: String, lang: Lang, wizard: Wizard) -> impl IntoView {
    let run = wizard.run;
    let address_shown = address.clone();
    let link = {
        let address = address.clone();
        move || {
            run.with(|r| {
                r.exports
                    .iter()
                    .find(|(a, _)| *a == address)
                    .map(|(_, url)| (url.url.clone(), url.expiration.clone()))
            })
        }
    };
    let get = wizard.sends(Command::Pst(address.clone()));
    let drop_export = wizard.sends(Command::DropPst(address.clone()));
    let percent = {
        let address = address.clone();
        move || {
            run.with(|r| {
                r.export_progress
                    .iter()
                    .find(|(a, _)| *a == address)
                    .map(|(_, p)| *p)
            })
        }
    };
    view! {
        <section class="pst">
            <h3>{Text::PstTitle.get(lang)}</h3>
            {reactive(move || percent().map(|p| view! { <p class="pst-progress" role="status">{Text::LogExport.fill(lang, &[&address_shown, &p.to_string()])}</p> }))}
            <button type="button" on:click=get>{Text::PstGet.get(lang)}</button>
            {reactive(move || link().map(|(url, until)| view! {
                <a href=url rel="noopener noreferrer">{Text::PstLink.fill(lang, &[&until])}</a>
            }))}
            <button type="button" on:click=drop_export>{Text::PstDrop.get(lang)}</button>
        </section>
    }
}
