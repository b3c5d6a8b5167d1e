//! The pure progression rules: when a step opens, what its status is at an instant, whether
//! a completion is allowed, and whether a programme is active, paused or finished.
//!
//! Plain functions over plain data (a programme, the completions so far, an instant and a
//! zone), in the ferrostar style: no storage and no clock, so every rule is tested directly.
//! Must never reset progress: nothing here removes a completion, and a lapse only pauses.

use crate::time::Tz;
use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use serde::Serialize;

use super::content::{PracticeTarget, Programme, ProgrammeStep, StepKind};
use crate::error::{Error, Result};
use crate::time::{
    Captured, Moment, format_local, local_date, moment::local_time_json, resolve_wall_time,
};

/// A completed step as stored: when, and the zone and local day the person was in then.
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    /// The step completed.
    pub step_id: String,
    /// The instant it was completed.
    pub at: DateTime<Utc>,
    /// The zone the person was in at that instant.
    pub zone: Tz,
    /// The local day it belongs to, in that zone.
    pub local_date: NaiveDate,
}

impl Completion {
    /// The completion as it crosses the FFI.
    pub fn captured(&self) -> Captured {
        Captured {
            at: self.at.into(),
            time_zone: self.zone.name().to_string(),
            local_date: self.local_date.into(),
        }
    }

    /// A completion at `at` by someone in `zone`, with its local day worked out once.
    pub fn new(step_id: impl Into<String>, at: DateTime<Utc>, zone: Tz) -> Self {
        Completion {
            step_id: step_id.into(),
            at,
            zone,
            local_date: local_date(at, zone),
        }
    }
}

/// When a step can be taken, given the completions so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// No prerequisites: open from enrolment.
    Open,
    /// Prerequisites done; opens at `at` (possibly already past). `zone` is the zone whose
    /// midnight it is, used to show the time as the local midnight it was computed from.
    OpensAt { at: DateTime<Utc>, zone: Tz },
    /// A prerequisite is not completed yet, so no time can be given.
    AwaitingPrerequisites,
}

/// A step's status at one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum StepStatus {
    /// Can be taken now.
    Available,
    /// Not yet: see `unlocks_at` and the wait note.
    Locked,
    /// Completed.
    Done,
}

/// Where an enrolment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ProgrammeState {
    /// On track: a step is open and not overdue, or the next one is on its way.
    Active,
    /// A step has waited longer than its rhythm (a missed day for a daily programme, a
    /// missed week for a weekly one). Nothing is lost; completing a step or resuming clears it.
    Paused,
    /// Every step is done.
    Finished,
}

impl ProgrammeState {
    /// The lowercase name used in JSON: `active`, `paused`, `finished`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProgrammeState::Active => "active",
            ProgrammeState::Paused => "paused",
            ProgrammeState::Finished => "finished",
        }
    }
}

/// One step as a person sees it at an instant: its status, and when it opens if locked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct StepProgress {
    /// Step id.
    pub id: String,
    /// Display title.
    pub title: String,
    /// What the step asks of the person.
    pub kind: StepKind,
    /// About how long it takes, in minutes.
    pub minutes: u32,
    /// Available, locked or done.
    pub status: StepStatus,
    /// When a locked step opens (local midnight in the zone whose midnight it is); `None`
    /// when it is available, done, or waiting for an earlier step. JSON: RFC 3339 with offset.
    #[serde(serialize_with = "local_time_json")]
    pub unlocks_at: Option<Captured>,
    /// When it was completed, in the zone the person was in then. JSON: RFC 3339 with offset.
    #[serde(serialize_with = "local_time_json")]
    pub completed_at: Option<Captured>,
    /// Why the step is waiting, while it is locked with a known unlock time.
    pub wait_note: Option<String>,
    /// A practice the step asks for.
    pub practice_target: Option<PracticeTarget>,
    /// A journal kind to open from the step.
    pub journal_kind: Option<String>,
    /// Questionnaires to take at this step.
    pub instruments: Vec<String>,
}

/// The instant a step opens after `prerequisite`: local midnight `gap_days` days after the
/// local day it was completed, in the zone the person was in when they completed it.
///
/// A midnight that does not exist in that zone (a spring-forward gap at 00:00) resolves as
/// RFC 5545 says ([`resolve_wall_time`]). A gap of 0 opens the step straight away.
pub fn opens_after(prerequisite: &Completion, gap_days: u32) -> DateTime<Utc> {
    if gap_days == 0 {
        return prerequisite.at;
    }
    let day = prerequisite
        .local_date
        .checked_add_days(Days::new(u64::from(gap_days)))
        .unwrap_or(prerequisite.local_date);
    resolve_wall_time(day, NaiveTime::MIN, prerequisite.zone)
}

/// When `step` opens given the completions `done` (the latest of its prerequisites' times).
pub fn gate(step: &ProgrammeStep, done: &[Completion]) -> Gate {
    if step.requires.is_empty() {
        return Gate::Open;
    }
    let mut latest: Option<(DateTime<Utc>, Tz)> = None;
    for required in &step.requires {
        let Some(c) = find(done, required) else {
            return Gate::AwaitingPrerequisites;
        };
        let at = opens_after(c, step.min_gap_days);
        if latest.is_none_or(|(t, _)| at > t) {
            latest = Some((at, c.zone));
        }
    }
    match latest {
        Some((at, zone)) => Gate::OpensAt { at, zone },
        None => Gate::Open,
    }
}

/// The completion of `step_id`, if any.
pub fn find<'a>(done: &'a [Completion], step_id: &str) -> Option<&'a Completion> {
    done.iter().find(|c| c.step_id == step_id)
}

/// The status of `step` at instant `at`.
pub fn status_at(step: &ProgrammeStep, done: &[Completion], at: DateTime<Utc>) -> StepStatus {
    if find(done, &step.id).is_some() {
        return StepStatus::Done;
    }
    match gate(step, done) {
        Gate::Open => StepStatus::Available,
        Gate::OpensAt { at: opens, .. } if opens <= at => StepStatus::Available,
        Gate::OpensAt { .. } | Gate::AwaitingPrerequisites => StepStatus::Locked,
    }
}

/// The person's view of `step` at `now`.
pub fn step_progress(
    step: &ProgrammeStep,
    done: &[Completion],
    now: DateTime<Utc>,
) -> StepProgress {
    let status = status_at(step, done, now);
    let unlocks_at = match (status, gate(step, done)) {
        (StepStatus::Locked, Gate::OpensAt { at, zone }) => {
            Some(Moment::capture(at, zone).captured())
        }
        _ => None,
    };
    // The note explains a timed wait, so it shows only once there is a time to wait for.
    let wait_note = unlocks_at.as_ref().and(step.wait_note.clone());
    StepProgress {
        id: step.id.clone(),
        title: step.title.clone(),
        kind: step.kind,
        minutes: step.minutes,
        status,
        unlocks_at,
        completed_at: find(done, &step.id).map(Completion::captured),
        wait_note,
        practice_target: step.practice_target,
        journal_kind: step.journal_kind.clone(),
        instruments: step.instruments.clone(),
    }
}

/// What completing a step at an instant would do.
#[derive(Debug, Clone, PartialEq)]
pub enum Admission {
    /// The step is open: store a new completion.
    Allowed,
    /// Already completed: nothing to store (completion is idempotent).
    AlreadyDone(Completion),
}

/// Decides whether `step_id` may be completed at `at`.
///
/// A locked step is a `conflict` naming the unlock time (or the step still to finish), so
/// the caller stores nothing.
pub fn admit(
    programme: &Programme,
    done: &[Completion],
    step_id: &str,
    at: DateTime<Utc>,
) -> Result<Admission> {
    let step = programme.step(step_id).ok_or_else(|| {
        Error::not_found(format!("step `{step_id}` in programme `{}`", programme.id))
    })?;
    if let Some(c) = find(done, step_id) {
        return Ok(Admission::AlreadyDone(c.clone()));
    }
    match gate(step, done) {
        Gate::Open => Ok(Admission::Allowed),
        Gate::OpensAt { at: opens, .. } if opens <= at => Ok(Admission::Allowed),
        Gate::OpensAt { at: opens, zone } => Err(Error::conflict(format!(
            "step `{step_id}` is locked until {} ({}); nothing was saved",
            format_local(opens, zone),
            zone.name()
        ))),
        Gate::AwaitingPrerequisites => {
            let missing: Vec<&str> = step
                .requires
                .iter()
                .filter(|r| find(done, r).is_none())
                .map(String::as_str)
                .collect();
            Err(Error::conflict(format!(
                "step `{step_id}` is locked: it opens after `{}` is completed; nothing was saved",
                missing.join("` and `")
            )))
        }
    }
}

/// The steps to show today: those completed on today's local date, and every step whose
/// prerequisites are done but which is not done yet (available, or locked with a time).
pub fn today(
    programme: &Programme,
    done: &[Completion],
    now: DateTime<Utc>,
    zone: Tz,
) -> Vec<StepProgress> {
    let today = local_date(now, zone);
    programme
        .steps
        .iter()
        .filter(|step| match find(done, &step.id) {
            Some(c) => c.local_date == today,
            None => gate(step, done) != Gate::AwaitingPrerequisites,
        })
        .map(|step| step_progress(step, done, now))
        .collect()
}

/// Whether the enrolment is active, paused or finished at `now`.
///
/// Paused means an open step has waited a whole rhythm without being taken: at least one
/// full local day for a daily step (its `min_gap_days`, at least 1). The wait is counted from
/// when the step opened, or from `resumed_at` if the person resumed later.
pub fn state(
    programme: &Programme,
    done: &[Completion],
    enrolled_at: DateTime<Utc>,
    resumed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    zone: Tz,
) -> ProgrammeState {
    if programme.steps.iter().all(|s| find(done, &s.id).is_some()) {
        return ProgrammeState::Finished;
    }
    let today = local_date(now, zone);
    let overdue = programme.steps.iter().any(|step| {
        if status_at(step, done, now) != StepStatus::Available {
            return false;
        }
        let opened = match gate(step, done) {
            Gate::OpensAt { at, .. } => at,
            Gate::Open | Gate::AwaitingPrerequisites => enrolled_at,
        };
        let since = resumed_at.map_or(opened, |r| r.max(opened));
        let waited = days_between(local_date(since, zone), today);
        waited >= i64::from(step.min_gap_days.max(1))
    });
    if overdue {
        ProgrammeState::Paused
    } else {
        ProgrammeState::Active
    }
}

fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}
