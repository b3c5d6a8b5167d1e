//! Assessments through the FFI: instruments, scoring with safety signposts, history,
//! episodes and outcomes, due dates and cadences. Thin calls into `reset_core::assessment`.

use reset_core::assessment::{
    self, Answer, AssessmentRecord, AssessmentResult, Cadence, CrisisRegion, CrisisResource,
    DueReport, Episode, EpisodeOutcome, Instrument, MeasurementPoint, OutcomeScores,
    OutcomeSummary, SafetyEvent, TakenAssessment, TakenAt,
};
use reset_core::time::{self, LocalDay, Timestamp};

use crate::ResetError;
use crate::companion::{Companion, guarded};

/// Every instrument (GAD-7, PHQ-9, GAD-2, PHQ-2, PSS-10, WSAS) with items, answer options,
/// bands and citation, to render a questionnaire.
#[uniffi::export]
pub fn assessment_instruments() -> Result<Vec<Instrument>, ResetError> {
    guarded(|| Ok(assessment::catalogue()?.to_vec()))
}

/// Parses the text form `1,2,na,decline` into answers; a bad token is `InvalidInput` naming
/// `answers[i]` (0-based).
#[uniffi::export]
pub fn parse_assessment_answers(text: String) -> Result<Vec<Answer>, ResetError> {
    guarded(|| assessment::parse_answers(&text))
}

/// The text form `1,2,na,decline` of `answers`.
#[uniffi::export]
pub fn format_assessment_answers(answers: Vec<Answer>) -> String {
    assessment::format_answers(&answers)
}

/// The NHS Talking Therapies indicators for first and last PHQ-9 and GAD-7 totals.
#[uniffi::export]
pub fn assessment_outcome_for_scores(scores: OutcomeScores) -> Result<OutcomeSummary, ResetError> {
    guarded(|| assessment::summarise(&scores))
}

#[uniffi::export]
impl Companion {
    /// Scores answers without storing them. When PHQ-9 item 9 is above 0 or declined, or the
    /// PHQ-9 total is severe, the result carries a `signpost` to show *before* the score.
    ///
    /// `region` (`GB`, `US`, `IE`) overrides the `region` preference; without either, the
    /// region is inferred from the time zone, else GB. Invalid answers throw `InvalidInput`
    /// naming `answers[i]`.
    pub fn score_assessment(
        &self,
        instrument: String,
        answers: Vec<Answer>,
        region: Option<String>,
    ) -> Result<AssessmentResult, ResetError> {
        self.with(|s| {
            let region = assessment::region_for(s.store.conn(), region.as_deref(), s.zone)?;
            assessment::score(&instrument, &answers, region)
        })
    }

    /// Scores and stores a completed assessment, taken at `taken_at` (default now)
    /// in the session's zone. A signpost is recorded as a safety event (never the answers).
    /// Nothing is stored when the answers are invalid.
    pub fn take_assessment(
        &self,
        instrument: String,
        answers: Vec<Answer>,
        taken_at: Option<Timestamp>,
        region: Option<String>,
    ) -> Result<TakenAssessment, ResetError> {
        self.with(|s| {
            let now = s.now()?;
            let at = taken_at.map_or(now, Timestamp::instant);
            let when = TakenAt {
                at,
                now,
                zone: s.zone,
            };
            let zone = s.zone;
            s.store.write(|tx| {
                let region = assessment::region_for(tx, region.as_deref(), zone)?;
                assessment::take(tx, &instrument, &answers, region, when)
            })
        })
    }

    /// Stored assessments, oldest first; only one instrument's when `instrument` is given.
    pub fn assessment_history(
        &self,
        instrument: Option<String>,
    ) -> Result<Vec<AssessmentRecord>, ResetError> {
        self.with(|s| assessment::history(s.store.conn(), instrument.as_deref()))
    }

    /// One stored assessment by its id (`as_…`), or by the number that was its id before
    /// schema v7. `NotFound` when there is none; `InvalidInput` on `id` for text that is neither.
    pub fn assessment(&self, id: String) -> Result<AssessmentRecord, ResetError> {
        self.with(|s| assessment::find(s.store.conn(), &id))
    }

    /// Starts a new episode of care on `start_date` (default today); outcomes
    /// then compare the first and latest measures from that date on.
    pub fn start_assessment_episode(
        &self,
        start_date: Option<LocalDay>,
    ) -> Result<Episode, ResetError> {
        self.with(|s| {
            let now = s.now()?;
            let today = time::local_date(now, s.zone);
            let start = start_date.map_or(today, LocalDay::date);
            s.store
                .write(|tx| assessment::start_episode(tx, start, today, now))
        })
    }

    /// The current episode: the latest started, else one from the first assessment.
    pub fn current_assessment_episode(&self) -> Result<Option<Episode>, ResetError> {
        self.with(|s| assessment::current_episode(s.store.conn()))
    }

    /// The current episode's first and latest PHQ-9 and GAD-7 and, once it has both, the
    /// NHS Talking Therapies outcome.
    pub fn assessment_outcome(&self) -> Result<EpisodeOutcome, ResetError> {
        self.with(|s| assessment::episode_outcome(s.store.conn()))
    }

    /// What is due today and next, from cadences and history, plus any extra measurement
    /// points (a programme's) passed in `extra_points`.
    pub fn assessments_due(
        &self,
        extra_points: Vec<MeasurementPoint>,
    ) -> Result<DueReport, ResetError> {
        self.with(|s| {
            let today = time::local_date(s.now()?, s.zone);
            assessment::due(s.store.conn(), today, &extra_points)
        })
    }

    /// The cadence in force for every instrument.
    pub fn assessment_cadences(&self) -> Result<Vec<Cadence>, ResetError> {
        self.with(|s| assessment::cadences(s.store.conn()))
    }

    /// Sets how often an instrument is due (1–366 days), or `nil` / `null` to stop scheduling it.
    pub fn set_assessment_cadence(
        &self,
        instrument: String,
        every_days: Option<u32>,
    ) -> Result<Cadence, ResetError> {
        self.with(|s| {
            s.store
                .write(|tx| assessment::set_cadence(tx, &instrument, every_days))
        })
    }

    /// Every time a crisis signpost was shown, oldest first (for the therapist export).
    pub fn safety_events(&self) -> Result<Vec<SafetyEvent>, ResetError> {
        self.with(|s| assessment::safety_events(s.store.conn()))
    }

    /// The crisis resources for `region`, else the person's region (preference, then zone,
    /// then GB): for a "get help now" button anywhere in the app.
    pub fn crisis_resources(
        &self,
        region: Option<String>,
    ) -> Result<Vec<CrisisResource>, ResetError> {
        self.with(|s| {
            let region = assessment::region_for(s.store.conn(), region.as_deref(), s.zone)?;
            Ok(region.resources.clone())
        })
    }

    /// [`Self::crisis_resources`] with the region they are for: a "get help now" screen shows
    /// `region_name`, and when `region_is_fallback` says plainly that these are not the
    /// person's own country's services (new-user review F30).
    pub fn crisis_region(&self, region: Option<String>) -> Result<CrisisRegion, ResetError> {
        self.with(|s| {
            let region = assessment::region_for(s.store.conn(), region.as_deref(), s.zone)?;
            Ok(region.crisis_region())
        })
    }
}
