//! Reusable pieces of the pages.

pub mod account_table;
mod connection_bar;
mod copy_button;
mod declined_notice;
mod endpoint_picker;
mod language_switch;
mod problem_box;
mod run_stopped;
mod step_nav;
mod step_problem;

pub use account_table::AccountTable;
pub use connection_bar::ConnectionBar;
pub use copy_button::CopyValue;
pub use declined_notice::DeclinedNotice;
pub use endpoint_picker::EndpointPicker;
pub use language_switch::LanguageSwitch;
pub use problem_box::ProblemBox;
pub use run_stopped::RunStopped;
pub use step_nav::StepNav;
pub use step_problem::StepProblem;
