//! Reusable pieces of the pages.

mod endpoint_picker;

pub use endpoint_picker::EndpointPicker;
