//! The run page's rows in headless Chromium: one row per account, updated in place (the same
//! element) when its account's state changes, with the buttons that state allows.
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use mailshift::pages::Run;
use mailshift::state::Wizard;
use mailshift_migrate::{AccountStatus, Event, Plan, Problem};
use mailshift_wizard::driver::Update as RunUpdate;
use mailshift_wizard::test_plan;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlButtonElement};

mod support;

wasm_bindgen_test_configure!(run_in_browser);

fn plan(addresses: &[&str]) -> Box<Plan> {
    Box::new(test_plan::plan(
        addresses
            .iter()
            .map(|a| test_plan::account(a, "x", None))
            .collect(),
    ))
}

fn row(root: &Element, address: &str) -> Element {
    root.query_selector(&format!("tr[data-address=\"{address}\"]"))
        .expect("selector")
        .unwrap_or_else(|| panic!("a row for {address}"))
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

fn button(row: &Element, label: &str) -> HtmlButtonElement {
    let buttons = row.query_selector_all("button").expect("buttons");
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|b| b.unchecked_into::<HtmlButtonElement>())
        .find(|b| b.text_content().as_deref() == Some(label))
        .unwrap_or_else(|| panic!("a {label} button"))
}

#[wasm_bindgen_test]
async fn rows_update_in_place_and_offer_what_their_state_allows() {
    let root = support::fresh_root();
    let wizard = RwSignal::new(None::<Wizard>);
    let _handle = mount_to(root.clone().unchecked_into(), move || {
        let shared = Wizard::new();
        provide_context(shared);
        shared.run.update(|r| {
            r.apply(RunUpdate::Started {
                plan: plan(&["anne@d.fr", "bob@d.fr"]),
                statuses: Vec::new(),
            })
        });
        wizard.set(Some(shared));
        view! { <Run /> }
    });
    tick().await;
    let shared = wizard.get_untracked().expect("mounted");
    let anne = row(&root, "anne@d.fr");
    assert!(text(&anne).contains("p-anne@d.fr") && text(&anne).contains("waiting"));
    assert_eq!(
        root.query_selector_all("tbody tr").expect("rows").length(),
        2
    );

    shared.run.update(|r| {
        r.apply(RunUpdate::Event(Event::Account {
            address: "anne@d.fr".into(),
            status: AccountStatus::Stopped {
                step: "rename".into(),
                problem: Problem::new("OVHcloud refused the rename", "Retry later"),
                stranded: true,
            },
        }));
        r.apply(RunUpdate::Ran(Ok(())));
    });
    tick().await;
    let again = row(&root, "anne@d.fr");
    assert!(
        again.is_same_node(Some(&anne)),
        "the row is updated, not rebuilt"
    );
    assert!(
        text(&again).contains("stopped, address nowhere"),
        "{}",
        text(&again)
    );
    assert!(text(&again).contains("OVHcloud refused the rename"));
    assert!(!button(&again, "Retry").disabled() && !button(&again, "Roll back").disabled());
    let bob = row(&root, "bob@d.fr");
    assert!(button(&bob, "Retry").disabled(), "bob has nothing to retry");
    let alert = root
        .query_selector(".stranded")
        .expect("selector")
        .expect("an alert");
    assert!(text(&alert).contains("anne@d.fr exists nowhere right now"));
}
