//! The uniffi facade: one [`Companion`] object whose methods are thin calls into `reset-core`.
//!
//! This crate owns the FFI boundary rules (DESIGN §4): every call is synchronous and short,
//! returns [`ResetError`] instead of panicking (a caught panic becomes `Internal`), and holds
//! the session state (store, zone, clock) behind one mutex so a `Companion` may be shared
//! across threads. Domain logic lives in the core, never here.

uniffi::setup_scaffolding!();

// One file per domain, each a thin `#[uniffi::export] impl Companion` block (ADR 9).
pub mod assessment;
pub mod auto_backup;
pub mod backup;
pub mod checkin;
mod companion;
pub mod crisis;
#[cfg(feature = "dev")]
mod dataset;
mod export;
pub mod insights;
pub mod journal;
pub mod practice;
pub mod programme;
mod reminder;
pub mod safety_plan;

pub use companion::{Companion, CompanionConfig, Status, open_companion};
pub use reset_core::time::Clock;
pub use reset_core::{ErrorKind, ResetError};

/// The version of the core library, e.g. `0.1.0`.
#[uniffi::export]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The stable snake_case name of an error kind (`invalid_input`, `wrong_key`, …).
#[uniffi::export]
pub fn error_kind_name(kind: ErrorKind) -> String {
    kind.as_str().to_string()
}

/// Returns its argument: the cheapest possible call, used to measure the FFI boundary's cost.
#[uniffi::export]
pub fn ffi_round_trip(value: u64) -> u64 {
    value
}
