//! Component tests of the pieces with logic, in headless Chromium: the account table and the
//! language switch.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use mailshift::components::account_table::Details;
use mailshift::components::{AccountTable, LanguageSwitch};
use mailshift::state::Wizard;
use mailshift_ovh::models::ObjectState;
use mailshift_wizard::inventory::{AccountRow, Blocker};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

mod support;

wasm_bindgen_test_configure!(run_in_browser);

fn row(address: &str, name: &str, mb: u64, blockers: Vec<Blocker>) -> AccountRow {
    AccountRow {
        id: 0,
        address: address.into(),
        display_name: name.into(),
        size: Some(mb * 1024 * 1024),
        state: ObjectState::Ok,
        blockers,
    }
}

fn all_text(root: &Element, selector: &str) -> Vec<String> {
    let found = root.query_selector_all(selector).expect("selector");
    (0..found.length())
        .filter_map(|i| found.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

fn attribute(root: &Element, selector: &str, name: &str) -> Option<String> {
    root.query_selector(selector)
        .expect("selector")
        .unwrap_or_else(|| panic!("{selector} is on the page"))
        .get_attribute(name)
}

fn click(root: &Element, selector: &str) {
    root.query_selector(selector)
        .expect("selector")
        .unwrap_or_else(|| panic!("{selector} is on the page"))
        .unchecked_into::<HtmlElement>()
        .click();
}

/// Mounts a table of three accounts; the selection is the returned wizard's.
fn mount_table(root: &Element) -> (Wizard, impl Sized) {
    let asked = RwSignal::new(Vec::<String>::new());
    let mounted = Rc::new(Cell::new(None));
    let slot = mounted.clone();
    let handle = mount_to(root.clone().unchecked_into(), move || {
        let wizard = Wizard::new();
        provide_context(wizard);
        slot.set(Some(wizard));
        let rows = Memo::new(|_| {
            vec![
                row("anne@d.fr", "Anne Martin", 100, Vec::new()),
                row(
                    "bob@d.fr",
                    "Bob Petit",
                    7_000,
                    vec![Blocker::TooBig {
                        size: 7_000 * 1024 * 1024,
                        limit: 5 * 1024 * 1024 * 1024,
                    }],
                ),
                row("carla@d.fr", "Carla Martin", 300, Vec::new()),
            ]
        });
        view! {
            <AccountTable
                rows=rows
                details=RwSignal::new(Details::default())
                on_details=Callback::new(move |address| asked.update(|a| a.push(address)))
            />
        }
    });
    (mounted.get().expect("the table is mounted"), handle)
}

fn selected(wizard: Wizard) -> Vec<String> {
    wizard
        .settings
        .with_untracked(|s| s.selection.iter().map(str::to_owned).collect())
}

#[wasm_bindgen_test]
async fn the_table_searches_selects_what_can_move_and_counts() {
    let root = support::fresh_root();
    let (wizard, _handle) = mount_table(&root);
    tick().await;
    assert_eq!(all_text(&root, "td.address").len(), 3);
    assert!(all_text(&root, ".blocker")[0].contains("Too big for the destination"));
    assert_eq!(all_text(&root, ".selected-count"), ["0 of 3 selected"]);

    click(&root, ".select-all");
    tick().await;
    assert_eq!(selected(wizard), ["anne@d.fr", "carla@d.fr"]);
    assert_eq!(all_text(&root, ".selected-count"), ["2 of 3 selected"]);

    click(&root, ".select-none");
    tick().await;
    assert!(selected(wizard).is_empty());

    let search: HtmlInputElement = root
        .query_selector("input[name=search]")
        .expect("selector")
        .expect("search box")
        .unchecked_into();
    search.set_value("martin");
    search
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    tick().await;
    let shown: Vec<String> = all_text(&root, "td.address")
        .into_iter()
        .map(|t| t.split('@').next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(shown, ["anne", "carla"]);

    click(&root, "button[data-sort=size]");
    tick().await;
    click(&root, "button[data-sort=size]");
    tick().await;
    let shown: Vec<String> = all_text(&root, "td.size");
    assert_eq!(shown, ["300\u{a0}MB", "100\u{a0}MB"]);
    // Attributes set by name (crate::attribute) follow their values like view!'s own.
    let expected = [
        (
            "th:has(> [data-sort=size])",
            "aria-sort",
            Some("descending"),
        ),
        ("th:has(> [data-sort=address])", "aria-sort", Some("none")),
        ("[data-sort=size]", "title", Some("Sort by size")),
        ("th:has(> [data-sort=size])", "scope", Some("col")),
        ("input[aria-label='anne@d.fr']", "disabled", None),
    ];
    for (selector, name, value) in expected {
        assert_eq!(
            attribute(&root, selector, name).as_deref(),
            value,
            "{selector} {name}"
        );
    }
}

#[wasm_bindgen_test]
async fn blocked_rows_cannot_be_ticked() {
    let root = support::fresh_root();
    let (_wizard, _handle) = mount_table(&root);
    tick().await;
    assert_eq!(
        attribute(&root, "input[aria-label='bob@d.fr']", "disabled"),
        Some(String::new())
    );
    assert_eq!(
        attribute(&root, "tr[data-address='bob@d.fr']", "class"),
        Some("blocked".to_owned())
    );
}

#[wasm_bindgen_test]
async fn the_language_switch_translates_the_page_at_once() {
    let root = support::fresh_root();
    let _handle = mount_to(root.clone().unchecked_into(), || {
        provide_context(Wizard::new());
        view! { <LanguageSwitch /> }
    });
    tick().await;
    assert_eq!(all_text(&root, ".language-switch > span"), ["Language"]);
    let select: HtmlSelectElement = root
        .query_selector("select[name=language]")
        .expect("selector")
        .expect("select")
        .unchecked_into();
    select.set_value("fr");
    select
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    tick().await;
    assert_eq!(all_text(&root, ".language-switch > span"), ["Langue"]);
    assert_eq!(
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .as_deref(),
        Some("fr")
    );
}

#[wasm_bindgen_test]
fn the_browser_folding_ignores_case_and_accents_so_names_search_and_sort_as_people_expect() {
    use mailshift::browser_folding::BrowserFolding;
    use mailshift_wizard::table::{Folding, SortKey, TableView};

    assert_eq!(BrowserFolding.fold("ÉMILE Zoé"), "emile zoe");
    assert_eq!(BrowserFolding.fold("Ça Œuvre"), "ca œuvre");
    assert_eq!(BrowserFolding.fold("ADA@Example.FR"), "ada@example.fr");

    let rows = vec![
        row("z@d.fr", "Zoé Martin", 1, vec![]),
        row("e@d.fr", "Émile Zola", 1, vec![]),
        row("a@d.fr", "alain Petit", 1, vec![]),
    ];
    let search = TableView {
        search: "emile".into(),
        ..TableView::default()
    };
    let found: Vec<&str> = search
        .rows(&rows, &BrowserFolding)
        .iter()
        .map(|r| r.address.as_str())
        .collect();
    assert_eq!(found, ["e@d.fr"]);

    let mut by_name = TableView::default();
    by_name.sort_by(SortKey::DisplayName);
    let order: Vec<&str> = by_name
        .rows(&rows, &BrowserFolding)
        .iter()
        .map(|r| r.display_name.as_str())
        .collect();
    assert_eq!(order, ["alain Petit", "Émile Zola", "Zoé Martin"]);
}
