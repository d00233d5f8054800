//! One page component per wizard step.

mod choose;
mod connect;
pub mod review;
mod validation_return;

pub use choose::Choose;
pub use connect::Connect;
pub use review::Review;
pub use validation_return::ValidationReturn;
