//! Practice: meditation, breathing, body-scan and other sessions a person logs, and the
//! gentle measures built from them (minutes per day and week, days practised this week,
//! habit strength, an optional streak).
//!
//! Owns practice sessions ([`session`]), the habit-strength formula ([`habit`]) and the
//! summary ([`summary`]). Must never shame: there is no "broken streak" state, a streak can
//! be hidden, and habit strength decays slowly rather than resetting. Must never read the
//! host clock; callers pass `now` and the zone.

pub mod habit;
pub mod session;
pub mod summary;
mod technique;

pub use session::{PracticeSession, PracticeSessionInput, StepLink};
pub use summary::{HIDE_STREAK_PREFERENCE, PracticeDay, PracticeSummary, PracticeWeek};
pub use technique::PracticeTechnique;

#[cfg(test)]
mod tests;
