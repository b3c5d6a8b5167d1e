//! Programmes through `Companion` (issue 6): the catalogue, enrolment and step progress.
//!
//! Thin: each call hands the session's clock and zone (or the caller's instant) to the core,
//! which applies the rules and writes inside one transaction.

use chrono::{DateTime, Utc};
use reset_core::ResetError;
use reset_core::programme::{
    self, Programme, ProgrammeProgress, ProgrammeSummary, ProgrammeToday, StepCompletion, enrolment,
};
use reset_core::time::Timestamp;

use crate::companion::{Companion, Session, guarded};

/// `at` if the caller gave one, else the session's clock.
fn instant(s: &Session, at: Option<Timestamp>) -> reset_core::Result<DateTime<Utc>> {
    let now = s.now()?;
    let at = at.map_or(now, Timestamp::instant);
    // A programme step is a record too: not before 1900, not in the future.
    reset_core::time::check_record_instant(at, now, "at")?;
    Ok(at)
}

/// Checks a programme pack (its JSON text) as the app checks its own packs at start-up.
///
/// Returns the programme's summary, or throws `InvalidInput` naming the step at fault
/// (duplicate ids, unreachable steps, unknown instruments or journal kinds, empty text).
#[uniffi::export]
pub fn validate_programme_pack(json: String) -> Result<ProgrammeSummary, ResetError> {
    guarded(|| Ok(programme::parse_pack(&json)?.summary()))
}

#[uniffi::export]
impl Companion {
    /// Every programme on offer, sorted by id.
    pub fn programmes(&self) -> Result<Vec<ProgrammeSummary>, ResetError> {
        self.with(|_| Ok(programme::catalogue()?.summaries()))
    }

    /// The programme with `id`, every step with its full text. Throws `NotFound`.
    pub fn programme(&self, id: String) -> Result<Programme, ResetError> {
        self.with(|_| Ok(programme::catalogue()?.get(&id)?.clone()))
    }

    /// Enrols in programme `id` at `at` (default: now).
    ///
    /// Starting the programme already in progress changes nothing; one left earlier is
    /// picked up where it was left. Throws `Conflict` while another programme is in progress.
    pub fn start_programme(
        &self,
        id: String,
        at: Option<Timestamp>,
    ) -> Result<ProgrammeProgress, ResetError> {
        self.with(|s| {
            let (at, zone, cat) = (instant(s, at)?, s.zone, programme::catalogue()?);
            s.store.write(|tx| enrolment::start(tx, cat, &id, at, zone))
        })
    }

    /// Today's steps: those done today, and those open or opening next with their unlock times.
    pub fn programme_today(&self) -> Result<ProgrammeToday, ResetError> {
        self.with(|s| enrolment::today(s.store.conn(), programme::catalogue()?, s.now()?, s.zone))
    }

    /// Progress through the current programme, every step with its status; `nil`/`null` if none.
    pub fn programme_progress(&self) -> Result<Option<ProgrammeProgress>, ResetError> {
        self.with(|s| {
            enrolment::progress(s.store.conn(), programme::catalogue()?, s.now()?, s.zone)
        })
    }

    /// Completes step `step_id` of the current programme at `at` (default: now).
    ///
    /// Idempotent. Throws `Conflict`, naming when the step opens, if it is still locked; nothing
    /// is stored then.
    pub fn complete_programme_step(
        &self,
        step_id: String,
        at: Option<Timestamp>,
    ) -> Result<StepCompletion, ResetError> {
        self.with(|s| {
            let (at, zone, cat) = (instant(s, at)?, s.zone, programme::catalogue()?);
            s.store
                .write(|tx| enrolment::complete(tx, cat, &step_id, at, zone))
        })
    }

    /// Sets the programme in progress aside, keeping its progress. Returns its id, or `nil`/`null`.
    pub fn leave_programme(&self) -> Result<Option<String>, ResetError> {
        self.with(|s| {
            let at = s.now()?;
            s.store.write(|tx| enrolment::leave(tx, at))
        })
    }

    /// Clears a pause after a lapse, or picks up the programme left most recently.
    pub fn resume_programme(&self) -> Result<ProgrammeProgress, ResetError> {
        self.with(|s| {
            let (at, zone, cat) = (s.now()?, s.zone, programme::catalogue()?);
            s.store.write(|tx| enrolment::resume(tx, cat, at, zone))
        })
    }

    /// Starts programme `id` (default: the current one) again from its first step; the earlier
    /// run is kept as history.
    pub fn restart_programme(&self, id: Option<String>) -> Result<ProgrammeProgress, ResetError> {
        self.with(|s| {
            let (at, zone, cat) = (s.now()?, s.zone, programme::catalogue()?);
            s.store
                .write(|tx| enrolment::restart(tx, cat, id.as_deref(), at, zone))
        })
    }
}
