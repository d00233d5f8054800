//! Browser tests of the app shell, run by wasm-bindgen-test in headless Chromium.
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use mailshift::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app in a fresh element, with nothing saved from an earlier test; the app stays
/// mounted while the returned handle lives.
fn mount_app() -> (Element, impl Sized) {
    if let Ok(Some(storage)) = window().local_storage() {
        storage.clear().expect("clear storage");
    }
    let document = document();
    let root = document.create_element("div").expect("create root");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("attach root");
    let handle = mount_to(root.clone().unchecked_into(), App);
    (root, handle)
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("{selector} is on the page"))
        .text_content()
        .unwrap_or_default()
}

fn radio(root: &Element, id: &str) -> HtmlInputElement {
    root.query_selector(&format!("input[name=endpoint][value={id}]"))
        .expect("valid selector")
        .unwrap_or_else(|| panic!("radio {id} is on the page"))
        .unchecked_into()
}

#[wasm_bindgen_test]
fn shows_name_purpose_and_steps() {
    let (root, _app) = mount_app();
    assert_eq!(text(&root, "h1"), "Mailshift");
    assert!(text(&root, ".lead").contains("OVHcloud email platform"));
    let steps = root.query_selector_all(".step-list li").expect("steps");
    assert_eq!(steps.length(), 7);
    assert!(text(&root, ".step-list li:first-child").starts_with("Connect"));
}

#[wasm_bindgen_test]
fn offers_four_endpoints_with_europe_first_chosen() {
    let (root, _app) = mount_app();
    let values: Vec<String> = ["ovh-eu", "ovh-ca", "ovh-us", "sandbox"]
        .iter()
        .map(|id| radio(&root, id).value())
        .collect();
    assert_eq!(values, ["ovh-eu", "ovh-ca", "ovh-us", "sandbox"]);
    assert!(radio(&root, "ovh-eu").checked());
    assert!(text(&root, ".endpoint-address").contains("https://eu.api.ovh.com/1.0"));
    assert!(
        root.query_selector(".endpoint-warning")
            .expect("query")
            .is_none()
    );
}

#[wasm_bindgen_test]
async fn choosing_an_endpoint_updates_what_the_page_says() {
    let (root, _app) = mount_app();

    radio(&root, "ovh-ca")
        .unchecked_into::<HtmlElement>()
        .click();
    tick().await;
    assert!(radio(&root, "ovh-ca").checked());
    assert!(!radio(&root, "ovh-eu").checked());
    assert!(text(&root, ".endpoint-address").contains("https://ca.api.ovh.com/1.0"));

    radio(&root, "ovh-us")
        .unchecked_into::<HtmlElement>()
        .click();
    tick().await;
    assert!(text(&root, ".endpoint-warning").contains("US region"));

    radio(&root, "sandbox")
        .unchecked_into::<HtmlElement>()
        .click();
    tick().await;
    assert!(text(&root, ".endpoint-address").contains("Sandbox"));
    assert!(
        root.query_selector(".endpoint-warning")
            .expect("query")
            .is_none()
    );
}
