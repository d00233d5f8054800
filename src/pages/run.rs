//! The run: overall progress, one row per account updating in place, the live log, and the
//! ways to pause, resume, cancel, retry and roll back.

use leptos::prelude::*;
use mailshift_migrate::AccountStatus;
use mailshift_wizard::driver::Command;
use mailshift_wizard::progress::{Action, Phase, log_text, status_class, status_text, step_text};
use mailshift_wizard::settings::Step;
use mailshift_wizard::{Lang, Text};

use crate::components::{DeclinedNotice, RunStopped, StepProblem};
use crate::reactive::reactive;
use crate::state::{Wizard, use_wizard};

/// The run page.
#[component]
pub fn Run() -> impl IntoView {
    let wizard = use_wizard();
    // A reload, or a tab reopened: the recorded run is resumed and reconciled with OVHcloud.
    if wizard
        .run
        .with_untracked(|r| r.plan.is_none() && r.phase == Phase::Starting)
    {
        if wizard.has_recorded_run() {
            wizard.resume();
        } else {
            wizard.show(Step::Plan);
        }
    }
    let run = wizard.run;
    let addresses = Memo::new(move |_| {
        run.with(|r| {
            r.rows()
                .iter()
                .map(|row| row.address.clone())
                .collect::<Vec<_>>()
        })
    });

    view! {
        <section class="run">
            <h1>{wizard.text(Text::RunTitle)}</h1>
            <p class="phase" role="status">{reactive(move || phase_text(&run.read().phase, wizard.lang.get()))}</p>
            {reactive(move || match run.read().phase.clone() {
                Phase::Failed(error) => Some(view! { <RunStopped error=error /> }),
                _ => None,
            })}
            <DeclinedNotice />
            <div class="overall">
                <progress
                    max="100"
                    value=move || run.with(|r| r.percent()).to_string()
                    aria-label=wizard.text(Text::RunProgressLabel)
                ></progress>
                <span>
                    {reactive(move || {
                        let c = run.with(|r| r.counts());
                        Text::RunOverall.fill(wizard.lang.get(), &[&c.moved.to_string(), &c.moving.to_string(), &c.stopped.to_string()])
                    })}
                </span>
            </div>
            <div class="actions run-controls">
                <button type="button" disabled=move || !wizard.can(Action::Pause) on:click=move |_| wizard.pause()>{wizard.text(Text::Pause)}</button>
                <button type="button" disabled=move || !wizard.can(Action::Resume) on:click=move |_| wizard.resume()>{wizard.text(Text::Resume)}</button>
                <button type="button" disabled=move || !wizard.can(Action::Cancel) on:click=move |_| wizard.cancel()>{wizard.text(Text::CancelRun)}</button>
                <button type="button" disabled=move || !wizard.can(Action::RetryStopped) on:click=wizard.sends(Command::RetryStopped)>
                    {wizard.text(Text::RetryStopped)}
                </button>
            </div>
            {reactive(move || stranded_alerts(wizard))}
            <table class="run-table">
                <thead>
                    <tr>
                        <th scope="col">{wizard.text(Text::ColAddress)}</th>
                        <th scope="col">{wizard.text(Text::ColProvisional)}</th>
                        <th scope="col">{wizard.text(Text::ColState)}</th>
                        <th scope="col">{wizard.text(Text::ColLastStep)}</th>
                        <th scope="col">{wizard.text(Text::ColActions)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || addresses.get() key=|address| address.clone() let:address>
                        <AccountRow address=address />
                    </For>
                </tbody>
            </table>
            <details class="rollback-all">
                <summary>{wizard.text(Text::RollBackAllTitle)}</summary>
                <p>{wizard.text(Text::RollBackAllText)}</p>
                <button type="button" class="danger" disabled=move || !wizard.can(Action::RollbackAll) on:click=wizard.sends(Command::RollbackAll)>
                    {wizard.text(Text::RollBackAll)}
                </button>
            </details>
            <section class="log">
                <h2>{wizard.text(Text::LogTitle)}</h2>
                <ol class="log-lines" aria-live="off" tabindex="0" aria-label=wizard.text(Text::LogTitle)>
                    <For each=move || run.with(|r| r.log().cloned().collect::<Vec<_>>()) key=|line| line.n let:line>
                        <li>{reactive(move || log_text(&line, wizard.lang.get()))}</li>
                    </For>
                </ol>
            </section>
            <div class="actions">
                <button type="button" class="primary" disabled=move || !wizard.can(Action::GoToCopy) on:click=move |_| wizard.go(Step::Copy)>
                    {wizard.text(Text::ContinueToCopy)}
                </button>
            </div>
        </section>
    }
}

/// One account's row; it reads its own status, so an event re-renders only its cells.
#[component]
fn AccountRow(address: String) -> impl IntoView {
    let wizard = use_wizard();
    let run = wizard.run;
    let row = {
        let address = address.clone();
        Memo::new(move |_| run.with(|r| r.row(&address).cloned()))
    };
    let status = move || row.with(|r| r.as_ref().map(|r| r.status.clone()));
    let retry = wizard.sends(Command::Retry(address.clone()));
    let rollback = wizard.sends(Command::Rollback(address.clone()));
    let can_retry = {
        let address = address.clone();
        move || run.with(|r| r.can(Action::Retry(&address)))
    };
    let can_roll_back = {
        let address = address.clone();
        move || run.with(|r| r.can(Action::Rollback(&address)))
    };
    view! {
        <tr class="account-row" data-address=address.clone()>
            <th scope="row">{address.clone()}</th>
            <td>{reactive(move || row.with(|r| r.as_ref().map(|r| r.provisional.clone())))}</td>
            <td class=move || status().as_ref().map_or("status", status_class)>
                {reactive(move || status().map(|s| status_text(&s).get(wizard.lang.get())))}
                {reactive(move || match status() {
                    Some(AccountStatus::Stopped { problem, .. }) => Some(view! { <StepProblem problem=problem /> }),
                    _ => None,
                })}
            </td>
            <td>{reactive(move || row.with(|r| r.as_ref().and_then(|r| r.last_step.as_ref()).map(|s| step_text(s).get(wizard.lang.get()))))}</td>
            <td class="row-actions">
                <button type="button" disabled=move || !can_retry() on:click=retry>{wizard.text(Text::Retry)}</button>
                <button type="button" disabled=move || !can_roll_back() on:click=rollback>{wizard.text(Text::RollBack)}</button>
            </td>
        </tr>
    }
}

fn stranded_alerts(wizard: Wizard) -> impl IntoView {
    let lang = wizard.lang.get();
    wizard.run.with(|r| {
        r.rows()
            .iter()
            .filter(|row| matches!(row.status, AccountStatus::Stopped { stranded: true, .. }))
            .map(|row| view! { <p class="problem stranded" role="alert">{Text::StrandedAlert.fill(lang, &[&row.address])}</p> })
            .collect_view()
    })
}

/// What the task is doing; a failure is told apart, as an alert.
fn phase_text(phase: &Phase, lang: Lang) -> &'static str {
    match phase {
        Phase::Starting => Text::PhaseStarting.get(lang),
        Phase::Running { paused: false } => Text::PhaseRunning.get(lang),
        Phase::Running { paused: true } => Text::PhasePaused.get(lang),
        Phase::Idle => Text::PhaseIdle.get(lang),
        Phase::Busy(_) => Text::PhaseBusy.get(lang),
        Phase::Cancelled => Text::PhaseCancelled.get(lang),
        Phase::Failed(_) => "",
    }
}
