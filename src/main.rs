//! Starts the app in the page (wasm32); natively, says how to run it.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(mailshift::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Mailshift runs in the browser: `cargo xtask run` builds it and prints its address.");
}
