//! Reset Companion core: the domain logic and encrypted storage shared by the iOS app, the
//! Android app and the `reset` CLI.
//!
//! Plain Rust with no platform knowledge. Time arrives from the shell ([`time::Clock`] and an
//! IANA zone); I/O is limited to the profile's SQLite file ([`store`]). With the `ffi`
//! feature the public types derive uniffi so they cross to Swift and Kotlin once.

#[cfg(feature = "ffi")]
uniffi::setup_scaffolding!();

pub mod assessment;
pub mod auto_backup;
pub mod backup;
pub mod checkin;
#[cfg(feature = "dev")]
pub mod dataset;
pub mod dump;
pub mod entry;
pub mod error;
pub mod export;
pub mod insights;
pub mod journal;
pub mod json_keys;
pub mod lock;
pub mod outfile;
pub mod practice;
pub mod preferences;
pub mod programme;
pub mod progress;
pub mod reminder;
pub mod safety_plan;
pub mod store;
pub mod time;

pub use error::{Error, ErrorKind, ResetError, Result};
