//! Attributes set by name.

use leptos::tachys::html::attribute::AttributeValue;
use leptos::tachys::html::attribute::custom::{CustomAttr, custom_attribute};

/// `name=value` on an element, set by name rather than through `view!`'s typed attribute.
///
/// `view!` gives each attribute it knows (`scope`, `href`, `aria-label`...) a type of its own,
/// and the wasm holds a copy of the attribute code per type, about 110 bytes gzipped each.
/// Attributes set by name share one copy per kind of value (README, Release build). The app
/// sets this way every attribute that only a few elements use; `type`, `role`, `name` and
/// `class` stay in `view!`'s form.
pub fn attr<V: AttributeValue>(name: &'static str, value: V) -> CustomAttr<&'static str, V> {
    custom_attribute(name, value)
}
