//! The end: the opt-in reset of the provisional source accounts, the DNS checks, the mail
//! client settings and the report.

use leptos::prelude::*;
use mailshift_migrate::report::{DomainCheck, Report};
use mailshift_wizard::driver::Command;
use mailshift_wizard::mail_client::settings;
use mailshift_wizard::progress::Action;
use mailshift_wizard::size::format_size;
use mailshift_wizard::{Lang, Text};

use crate::browser_files::download;
use crate::components::{CopyValue, DeclinedNotice};
use crate::reactive::reactive;
use crate::state::{Wizard, use_wizard};

/// The finish page.
#[component]
pub fn Finish() -> impl IntoView {
    let wizard = use_wizard();
    let run = wizard.run;
    if wizard.show_run_unless_planned() {
        return ().into_any();
    }
    let save = move |name: &'static str, mime: &'static str, text: fn(&Report) -> String| {
        move |_| {
            if let Some(text) = run.with_untracked(|r| r.report.as_deref().map(text)) {
                let _ = download(name, mime, &text);
            }
        }
    };
    view! {
        <section class="finish">
            <h1>{wizard.text(Text::FinishTitle)}</h1>
            <DeclinedNotice />
            <section class="reset">
                <h2>{wizard.text(Text::ResetTitle)}</h2>
                <p>{wizard.text(Text::ResetLead)}</p>
                {reactive(move || resets(wizard))}
            </section>
            <section class="report">
                <h2>{wizard.text(Text::ReportTitle)}</h2>
                <button type="button" class="primary build-report" disabled=move || !wizard.can(Action::BuildReport) on:click=wizard.sends(Command::Report)>
                    {wizard.text(Text::BuildReport)}
                </button>
                {reactive(move || run.read().report.is_some().then(|| view! {
                    <div class="downloads">
                        <button type="button" class="download-json" on:click=save("mailshift-report.json", "application/json", Report::to_json)>{wizard.text(Text::ReportJson)}</button>
                        <button type="button" on:click=save("mailshift-accounts.csv", "text/csv", Report::accounts_csv)>{wizard.text(Text::ReportAccountsCsv)}</button>
                        <button type="button" on:click=save("mailshift-calls.csv", "text/csv", Report::calls_csv)>{wizard.text(Text::ReportCallsCsv)}</button>
                    </div>
                }))}
            </section>
            <section class="dns">
                <h2>{wizard.text(Text::DnsTitle)}</h2>
                <p>{wizard.text(Text::DnsLead)}</p>
                {reactive(move || {
                    let lang = wizard.lang.get();
                    run.with(|r| {
                        let trouble = r.report_trouble.clone().map(|t| view! { <p class="problem" role="alert">{Text::DnsTrouble.fill(lang, &[&t])}</p> });
                        let checks = r.report.as_ref().map(|report| report.diagnostics.iter().map(|c| dns_check(c, lang)).collect_view());
                        view! { {trouble}{checks} }
                    })
                })}
            </section>
            <section class="mail-client">
                <h2>{wizard.text(Text::ClientTitle)}</h2>
                <p>{wizard.text(Text::ClientLead)}</p>
                {reactive(move || client_table(wizard))}
            </section>
            <section class="close">
                <p>{wizard.text(Text::CloseRunNote)}</p>
                <button type="button" disabled=move || !wizard.can(Action::GoToFinish) on:click=move |_| wizard.close_run()>{wizard.text(Text::CloseRun)}</button>
            </section>
        </section>
    }
    .into_any()
}

fn resets(wizard: Wizard) -> impl IntoView {
    let lang = wizard.lang.get();
    let run = wizard.run;
    run.with(|r| {
        let Some(plan) = r.plan.as_ref() else {
            return ().into_any();
        };
        let rows: Vec<_> = plan
            .moving()
            .filter(|a| r.shows_reset(&a.address))
            .map(|a| {
                let address = a.address.clone();
                let sizes = match r.sizes_of(&address) {
                    Some((source, destination)) => Text::SizesSideBySide.fill(lang, &[&format_size(source, lang), &format_size(destination, lang)]),
                    None => Text::SizeSource.fill(lang, &[&format_size(a.usage, lang)]),
                };
                let can_reset = r.can(Action::Reset(&address));
                let can_compare = r.can(Action::Sizes(&address));
                // Offered only once the engine refused this account's reset, saying why.
                let refused = r.reset_refused(&address);
                let reset = wizard.sends(Command::Reset(address.clone()));
                let compare = wizard.sends(Command::Sizes(address.clone()));
                let allow = wizard.sends(Command::OverrideReset(address.clone()));
                view! {
                    <li class="reset-row" data-address=address.clone()>
                        <strong>{address.clone()}</strong>
                        " "
                        <span class="sizes">{sizes}</span>
                        <button type="button" class="compare-sizes" disabled=!can_compare on:click=compare>{Text::ReadSizes.get(lang)}</button>
                        <button type="button" class="danger reset-account" disabled=!can_reset on:click=reset>{Text::ResetAccount.get(lang)}</button>
                        {refused.then(|| view! { <button type="button" class="override-reset" on:click=allow>{Text::OverrideReset.get(lang)}</button> })}
                    </li>
                }
            })
            .collect();
        if rows.is_empty() {
            view! { <p class="notice">{Text::ResetNone.get(lang)}</p> }.into_any()
        } else {
            view! { <ul class="resets">{rows}</ul> }.into_any()
        }
    })
}

fn dns_check(check: &DomainCheck, lang: Lang) -> impl IntoView {
    let state = |valid: bool| {
        if valid {
            Text::DnsValid
        } else {
            Text::DnsToChange
        }
        .get(lang)
    };
    let row = |name: &'static str,
               valid: Option<bool>,
               expected: Vec<String>,
               current: &[String]| {
        valid.map(|valid| {
            view! {
                <tr class=if valid { "dns-ok" } else { "dns-fix" }>
                    <th scope="row">{name}</th>
                    <td>{expected.into_iter().map(|e| view! { <CopyValue value=e label=name.to_owned() /> }).collect_view()}</td>
                    <td>{current.join(", ")}</td>
                    <td>{state(valid)}</td>
                </tr>
            }
        })
    };
    view! {
        <table class="dns-table">
            <caption>{check.domain.clone()}</caption>
            <thead>
                <tr>
                    <th scope="col">{Text::DnsRecord.get(lang)}</th>
                    <th scope="col">{Text::DnsExpected.get(lang)}</th>
                    <th scope="col">{Text::DnsCurrent.get(lang)}</th>
                    <th scope="col">{Text::ColState.get(lang)}</th>
                </tr>
            </thead>
            <tbody>
                {row("MX", Some(check.mx_valid), check.expected_mx.clone(), &check.current_mx)}
                {row("SRV", check.srv_valid, check.expected_srv.clone().into_iter().collect(), &check.current_srv)}
                {row("SPF", check.spf_valid, check.expected_spf.clone().into_iter().collect(), &check.current_spf)}
            </tbody>
        </table>
    }
}

fn client_table(wizard: Wizard) -> impl IntoView {
    let lang = wizard.lang.get();
    let found = wizard.run.with(|r| {
        r.plan
            .as_ref()
            .map(|p| settings(p.destination.platform(), p.destination_server.as_deref()))
    });
    let rows = found.unwrap_or_default().into_iter().map(|s| {
        view! {
            <tr>
                <th scope="row">{s.protocol}</th>
                <td><CopyValue value=s.server label=s.protocol.to_owned() /></td>
                <td>{s.port.to_string()}</td>
                <td>{s.security}</td>
            </tr>
        }
    });
    view! {
        <table class="client-table">
            <thead>
                <tr>
                    <th scope="col">{Text::ColProtocol.get(lang)}</th>
                    <th scope="col">{Text::ColServer.get(lang)}</th>
                    <th scope="col">{Text::ColPort.get(lang)}</th>
                    <th scope="col">{Text::ColSecurity.get(lang)}</th>
                </tr>
            </thead>
            <tbody>{rows.collect_view()}</tbody>
        </table>
    }
}
