//! Reactive blocks as one type.

use leptos::prelude::*;

/// A reactive block: tachys compiles its render effect once per closure type, so as one type
/// every block shares one copy.
pub fn reactive<V: IntoView + 'static>(
    mut block: impl FnMut() -> V + Send + 'static,
) -> Box<dyn FnMut() -> AnyView + Send> {
    Box::new(move || block().into_any())
}
