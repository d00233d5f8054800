//! Reusable pieces of the pages.

pub mod account_table;
mod connection_bar;
mod endpoint_picker;
mod language_switch;
mod problem_box;
mod step_nav;

pub use account_table::AccountTable;
pub use connection_bar::ConnectionBar;
pub use endpoint_picker::EndpointPicker;
pub use language_switch::LanguageSwitch;
pub use problem_box::ProblemBox;
pub use step_nav::StepNav;
