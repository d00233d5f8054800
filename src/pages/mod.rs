//! One page component per wizard step.

mod home;

pub use home::Home;
