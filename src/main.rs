//! Starts the app in the page (wasm32); natively, says how to run it.

/// Talc rather than Rust's default dlmalloc: the wasm is 0.7 KB smaller gzipped (README).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(mailshift::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Mailshift runs in the browser: `cargo xtask run` builds it and prints its address.");
}
