//! Practice sessions and the practice summary through `Companion` (issue 6).
//!
//! Thin: a session linked to a programme step is checked by the programme module, which owns
//! enrolments; everything else is the practice module's.

use reset_core::ResetError;
use reset_core::practice::{
    self, HIDE_STREAK_PREFERENCE, PracticeSession, PracticeSessionInput, PracticeSummary,
};
use reset_core::programme;
use reset_core::time::{self, LocalDay};

use crate::companion::Companion;

#[uniffi::export]
impl Companion {
    /// Logs a practice session; by default it ended just now. Minutes must be 1–720.
    pub fn log_practice_session(
        &self,
        input: PracticeSessionInput,
    ) -> Result<PracticeSession, ResetError> {
        self.with(|s| {
            let (now, zone, cat) = (s.now()?, s.zone, programme::catalogue()?);
            s.store
                .write(|tx| programme::log_practice(tx, cat, &input, now, zone))
        })
    }

    /// Practice sessions whose local day lies between `from` and `to` (either open), oldest first: start and end instants and the session type by name, ready for
    /// HealthKit `mindfulSession` and Health Connect `MindfulnessSessionRecord`.
    pub fn practice_sessions(
        &self,
        from: Option<LocalDay>,
        to: Option<LocalDay>,
    ) -> Result<Vec<PracticeSession>, ResetError> {
        self.with(|s| {
            practice::session::list(
                s.store.conn(),
                from.map(LocalDay::date),
                to.map(LocalDay::date),
            )
        })
    }

    /// One session by its id (`ps_…`), or by the number that was its id before schema v7.
    /// `NotFound` when there is none; `InvalidInput` on `id` for text that is neither.
    pub fn practice_session(&self, id: String) -> Result<PracticeSession, ResetError> {
        self.with(|s| practice::session::find(s.store.conn(), &id))
    }

    /// Minutes per day and week, days practised this week, habit strength and the streak
    /// (unless hidden), for `from`..`to` (default: the last four weeks).
    pub fn practice_summary(
        &self,
        from: Option<LocalDay>,
        to: Option<LocalDay>,
    ) -> Result<PracticeSummary, ResetError> {
        self.with(|s| {
            let today = time::local_date(s.now()?, s.zone);
            practice::summary::summary(
                s.store.conn(),
                from.map(LocalDay::date),
                to.map(LocalDay::date),
                today,
            )
        })
    }

    /// Hides (or shows again) the practice streak; the gentler measures always stay.
    pub fn set_streak_hidden(&self, hidden: bool) -> Result<(), ResetError> {
        self.with(|s| {
            let value = if hidden { "true" } else { "false" };
            s.store
                .write(|tx| reset_core::preferences::set(tx, HIDE_STREAK_PREFERENCE, value))
        })
    }
}
