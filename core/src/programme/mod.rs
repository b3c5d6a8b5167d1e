//! Programmes: the Reset Series as validated content packs, and a person's kind progress
//! through them (DESIGN §6).
//!
//! Owns the content model and validator ([`content`], [`validate`]), the embedded packs
//! ([`catalogue`]), the pure unlock and pacing rules ([`progress`]) and enrolments with their
//! completed steps ([`enrolment`]). Progress is kind: a missed day pauses a programme and
//! never resets it. Must never read the host clock (callers pass `now` and the zone), store
//! anything for a step that is still locked, or put content or progress in error messages
//! beyond ids and times.

pub mod catalogue;
pub mod content;
pub mod enrolment;
pub mod progress;
pub mod validate;

pub use catalogue::{Catalogue, catalogue};
pub use content::{PracticeTarget, Programme, ProgrammeStep, ProgrammeSummary, StepKind};
pub use enrolment::{ProgrammeProgress, ProgrammeToday, StepCompletion, log_practice};
pub use progress::{ProgrammeState, StepProgress, StepStatus};
pub use validate::{parse_pack, validate};

#[cfg(test)]
mod tests;
