//! One page component per wizard step.

mod choose;
mod connect;
mod copy;
pub mod destination;
mod finish;
mod plan;
pub mod review;
mod run;
mod validation_return;

pub use choose::Choose;
pub use connect::Connect;
pub use copy::Copy;
pub use destination::Destination;
pub use finish::Finish;
pub use plan::PlanPage;
pub use review::Review;
pub use run::Run;
pub use validation_return::ValidationReturn;
