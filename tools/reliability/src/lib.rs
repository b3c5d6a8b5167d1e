//! Reliability harnesses for issue 11 (part 1): what happens to a profile when the process
//! holding it is killed, when two `Companion`s share it, and when the disk fills up.
//!
//! Owns the crash-consistency harness — a child process ([`workload`]) that writes through
//! the real `Companion` facade and prints an `ACK` line only after each call returned `Ok`,
//! and a parent ([`crash`]) that SIGKILLs it at seeded random moments and then checks the
//! file ([`verify`]) — plus the fixtures those runs start from ([`fixture`]). The concurrency
//! and disk-full checks are integration tests in `tests/`. Figures: `docs/reliability.md`.
//!
//! Must never: ship in the apps (it is a workspace tool, not a dependency of the library),
//! read the database through anything but the real library and SQLite itself, or hide a
//! failed check — every mismatch is counted and reported, and any one fails the run.

pub mod auto_backup;
pub mod crash;
pub mod fixture;
pub mod rng;
pub mod rotation;
pub mod verify;
pub mod workload;
