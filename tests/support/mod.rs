//! What the component tests share: a fresh place in the page to mount into.

use web_sys::Element;

/// An empty element attached to the page, with the browser's storage cleared, so that each
/// test mounts its component as if on a first visit.
pub fn fresh_root() -> Element {
    let window = web_sys::window().expect("a window");
    if let Ok(Some(storage)) = window.local_storage() {
        storage.clear().expect("clear storage");
    }
    let document = window.document().expect("a document");
    let root = document.create_element("div").expect("root");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("attach");
    root
}
