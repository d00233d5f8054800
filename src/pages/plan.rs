//! The plan: the engine's options, the passwords, the checks and the dry run. Nothing is
//! written before the person confirms.

use leptos::prelude::*;
use mailshift_migrate::options::{MOST_AT_ONCE, PasswordSource};
use mailshift_migrate::passwords::Passwords;
use mailshift_migrate::{AccountPlan, Features, Options, Plan, Severity, plan};
use mailshift_wizard::driver::Start;
use mailshift_wizard::planning::{
    finding_text, given_passwords, may_confirm, minutes, not_recreated_text, option_problem,
    password_problem, typed, typed_password_problems,
};
use mailshift_wizard::settings::Step;
use mailshift_wizard::{Lang, Text};

use crate::pages::destination::selected;
use crate::reactive::reactive;
use crate::state::{Wizard, use_wizard};

/// The plan page.
#[component]
pub fn PlanPage() -> impl IntoView {
    let wizard = use_wizard();
    let Some(found) = wizard.session.with_untracked(|s| s.snapshot.clone()) else {
        // After a reload both sides must be read again: the destination page does it.
        wizard.show(Step::Destination);
        return ().into_any();
    };
    let Some(upstreams) = wizard.session.with_untracked(|s| s.upstreams.clone()) else {
        wizard.disconnect();
        return ().into_any();
    };
    let pace = upstreams
        .timing(wizard.settings.with_untracked(|s| s.endpoint))
        .pace;
    let chosen = selected(wizard);
    let options = RwSignal::new(Options::default());
    // Typed passwords live in this page's memory only, and go to the run when confirmed.
    let typed_passwords = RwSignal::new(Vec::<(String, String)>::new());
    let planned = Memo::new(move |_| {
        let options = options.get();
        let base = plan(&found, &options, &chosen, &Passwords::new(), &pace);
        if typed(&options) {
            let given = typed_passwords.with(|t| given_passwords(&base, t));
            plan(&found, &options, &chosen, &given, &pace)
        } else {
            base
        }
    });

    let confirm = move |_| {
        let plan = planned.get_untracked();
        let passwords = typed_passwords.with_untracked(|t| given_passwords(&plan, t));
        wizard.start_run(Start::New {
            plan: Box::new(plan),
            passwords,
        });
        typed_passwords.set(Vec::new());
        wizard.go(Step::Run);
    };

    view! {
        <section class="plan">
            <h1>{wizard.text(Text::PlanTitle)}</h1>
            <p class="lead">{wizard.text(Text::PlanLead)}</p>
            <OptionsForm options=options />
            <PasswordsForm options=options entered=typed_passwords planned=planned />
            {reactive(move || findings(&planned.read(), wizard.lang.get()))}
            {reactive(move || dry_run(&planned.read(), wizard.lang.get()))}
            <p class="notice">{wizard.text(Text::ConfirmNote)}</p>
            <div class="actions">
                <button
                    type="button"
                    class="primary confirm-run"
                    disabled=move || !may_confirm(&planned.read(), &options.read())
                    on:click=confirm
                >
                    {wizard.text(Text::ConfirmRun)}
                </button>
            </div>
        </section>
    }
    .into_any()
}

/// The engine's options, one line each.
#[component]
fn OptionsForm(options: RwSignal<Options>) -> impl IntoView {
    let wizard = use_wizard();
    let flag = |text: Text, get: fn(&Options) -> bool, set: fn(&mut Options, bool)| {
        view! {
            <label class="option">
                <input
                    type="checkbox"
                    prop:checked=move || options.with(get)
                    on:change=move |ev| options.update(|o| set(o, event_target_checked(&ev)))
                />
                {wizard.text(text)}
            </label>
        }
    };
    let feature = |text: Text, get: fn(&Features) -> bool, set: fn(&mut Features, bool)| {
        view! {
            <label class="option">
                <input
                    type="checkbox"
                    prop:checked=move || options.with(|o| get(&o.features))
                    on:change=move |ev| options.update(|o| set(&mut o.features, event_target_checked(&ev)))
                />
                {wizard.text(text)}
            </label>
        }
    };
    view! {
        <fieldset class="options">
            <legend>{wizard.text(Text::OptionsTitle)}</legend>
            <label class="option text">
                <span>{wizard.text(Text::OptPattern)}</span>
                <input
                    type="text"
                    name="provisional-pattern"
                    prop:value=move || options.with(|o| o.provisional_pattern.clone())
                    on:input=move |ev| options.update(|o| o.provisional_pattern = event_target_value(&ev))
                />
                <small>{wizard.text(Text::OptPatternHelp)}</small>
            </label>
            {feature(Text::OptAliases, |f| f.aliases, |f, v| f.aliases = v)}
            {feature(Text::OptFullAccess, |f| f.full_access, |f, v| f.full_access = v)}
            {feature(Text::OptSendAs, |f| f.send_as, |f, v| f.send_as = v)}
            {feature(Text::OptSendOnBehalf, |f| f.send_on_behalf, |f, v| f.send_on_behalf = v)}
            {feature(Text::OptGroups, |f| f.groups, |f, v| f.groups = v)}
            {feature(Text::OptContacts, |f| f.external_contacts, |f, v| f.external_contacts = v)}
            {feature(Text::OptFooters, |f| f.footers, |f, v| f.footers = v)}
            {flag(Text::OptSourcePasswords, |o| o.source_passwords, |o, v| o.source_passwords = v)}
            {flag(Text::OptPst, |o| o.pst_backup, |o, v| o.pst_backup = v)}
            {flag(Text::OptReset, |o| o.reset_after_copy, |o, v| o.reset_after_copy = v)}
            <label class="option text">
                <span>{wizard.text(Text::OptAtOnce)}</span>
                <input
                    type="number"
                    name="at-once"
                    min="1"
                    max=MOST_AT_ONCE.to_string()
                    prop:value=move || options.with(|o| o.at_once.to_string())
                    on:input=move |ev| {
                        let n = event_target_value(&ev).trim().parse().unwrap_or(0);
                        options.update(|o| o.at_once = n);
                    }
                />
            </label>
            {reactive(move || {
                let lang = wizard.lang.get();
                let problems = options.with(Options::problems);
                (!problems.is_empty())
                    .then(|| view! {
                        <ul class="problem option-problems" role="alert">
                            {problems.iter().map(|p| view! { <li>{option_problem(p, lang)}</li> }).collect_view()}
                        </ul>
                    })
            })}
        </fieldset>
    }
}

/// Generated or typed passwords; typed ones are checked as they are typed.
#[component]
fn PasswordsForm(
    options: RwSignal<Options>,
    entered: RwSignal<Vec<(String, String)>>,
    planned: Memo<Plan>,
) -> impl IntoView {
    let wizard = use_wizard();
    let choose = move |source: PasswordSource| {
        view! {
            <input
                type="radio"
                name="password-source"
                prop:checked=move || options.with(|o| o.passwords == source)
                on:change=move |_| options.update(|o| o.passwords = source)
            />
        }
    };
    view! {
        <fieldset class="passwords">
            <legend>{wizard.text(Text::PasswordsTitle)}</legend>
            <label class="option">{choose(PasswordSource::Generated)}{wizard.text(Text::PasswordsGenerated)}</label>
            <label class="option">{choose(PasswordSource::Given)}{wizard.text(Text::PasswordsGiven)}</label>
            {reactive(move || {
                options.with(typed).then(|| {
                    let accounts: Vec<AccountPlan> = planned.with_untracked(|p| p.moving().cloned().collect());
                    accounts.into_iter().map(|account| password_field(account, entered, planned, wizard)).collect_view()
                })
            })}
        </fieldset>
    }
}

fn password_field(
    account: AccountPlan,
    entered: RwSignal<Vec<(String, String)>>,
    planned: Memo<Plan>,
    wizard: Wizard,
) -> impl IntoView {
    let address = account.address.clone();
    let value = {
        let address = address.clone();
        move || {
            entered.with(|t| {
                t.iter()
                    .find(|(a, _)| *a == address)
                    .map(|(_, p)| p.clone())
                    .unwrap_or_default()
            })
        }
    };
    let check = {
        let value = value.clone();
        move || {
            let lang = wizard.lang.get();
            let typed_now = value();
            if typed_now.is_empty() {
                return None;
            }
            let problems = planned.with(|p| typed_password_problems(p, &account, &typed_now));
            Some(if problems.is_empty() {
                view! { <span class="fits">{Text::PasswordFits.get(lang)}</span> }.into_any()
            } else {
                view! { <span class="problem">{problems.iter().map(|p| password_problem(p, lang)).collect::<Vec<_>>().join(" ")}</span> }.into_any()
            })
        }
    };
    let set = {
        let address = address.clone();
        move |ev| {
            let now = event_target_value(&ev);
            entered.update(|t| {
                t.retain(|(a, _)| *a != address);
                t.push((address.clone(), now));
            });
        }
    };
    view! {
        <label class="option text password">
            <span>{reactive(move || Text::PasswordFor.fill(wizard.lang.get(), &[&address]))}</span>
            <input type="password" autocomplete="new-password" prop:value=value on:input=set />
            <small role="status">{check}</small>
        </label>
    }
}

fn findings(plan: &Plan, lang: Lang) -> impl IntoView + use<> {
    let items: Vec<_> = plan
        .findings
        .iter()
        .map(|f| {
            let (class, label) = match f.severity {
                Severity::Blocking => ("finding blocking", Text::FindingBlocking),
                Severity::Warning => ("finding warning", Text::FindingWarning),
            };
            view! { <li class=class><strong>{label.get(lang)}</strong>" "{finding_text(f, lang)}</li> }
        })
        .collect();
    let empty = items.is_empty();
    view! {
        <section class="findings">
            <h2>{Text::FindingsTitle.get(lang)}</h2>
            {empty.then(|| view! { <p>{Text::NoFindings.get(lang)}</p> })}
            <ul>{items}</ul>
        </section>
    }
}

fn dry_run(plan: &Plan, lang: Lang) -> impl IntoView + use<> {
    let cost = *plan.cost;
    let calls = |steps: &[mailshift_migrate::Step]| {
        steps
            .iter()
            .filter_map(|s| plan.call(s))
            .map(|call| {
                let body = call.body.map(|b| format!(" {b}")).unwrap_or_default();
                view! { <li><code>{format!("{} {}{body}", call.method, call.template)}</code></li> }
            })
            .collect::<Vec<_>>()
    };
    let global = calls(&plan.global);
    let service = calls(&plan.service);
    let accounts: Vec<_> = plan
        .accounts
        .iter()
        .map(|a| {
            if a.blocked {
                return view! { <li class="stays">{Text::DryRunStays.fill(lang, &[&a.address])}</li> }.into_any();
            }
            let steps = calls(&a.steps);
            let delegations = calls(&a.delegations);
            let left: Vec<_> = a
                .not_recreated
                .iter()
                .map(|n| view! { <li>{not_recreated_text(n, lang)}</li> })
                .collect();
            let has_left = !left.is_empty();
            view! {
                <li class="account-plan">
                    <details>
                        <summary>{Text::DryRunAccount.fill(lang, &[&a.address, &a.provisional])}</summary>
                        <ol class="calls">{steps}{delegations}</ol>
                        {has_left.then(|| view! { <p>{Text::NotRecreatedTitle.get(lang)}</p><ul>{left}</ul> })}
                    </details>
                </li>
            }
            .into_any()
        })
        .collect();
    let left: Vec<_> = plan
        .not_recreated
        .iter()
        .map(|n| view! { <li>{not_recreated_text(n, lang)}</li> })
        .collect();
    let has_global = !global.is_empty();
    let has_service = !service.is_empty();
    let has_left = !left.is_empty();
    view! {
        <section class="dry-run">
            <h2>{Text::DryRunTitle.get(lang)}</h2>
            <p class="cost">
                {Text::DryRunCost.fill(lang, &[&cost.calls().to_string(), &cost.writes.to_string(), &minutes(cost.seconds).to_string()])}
            </p>
            {has_global.then(|| view! { <h3>{Text::DryRunPhase1.get(lang)}</h3><ol class="calls">{global}</ol> })}
            <ul class="accounts-plan">{accounts}</ul>
            {has_service.then(|| view! { <h3>{Text::DryRunService.get(lang)}</h3><ol class="calls">{service}</ol> })}
            {has_left.then(|| view! { <h3>{Text::NotRecreatedTitle.get(lang)}</h3><ul>{left}</ul> })}
        </section>
    }
}
