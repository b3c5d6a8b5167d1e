//! Assessments: the validated questionnaires (GAD-7, PHQ-9, GAD-2, PHQ-2, PSS-10, WSAS) —
//! instruments as data, scoring, safety signposting, stored history, episodes with their
//! NHS Talking Therapies outcome, and which measurements are due.
//!
//! Facts (items, cut-offs, outcome rules, crisis numbers) come only from
//! `shared/reference/clinical.md` and live in `core/content/instruments.json` and
//! `core/content/crisis_resources.json`. This module must never show a score without its
//! signpost when a safety rule holds, never store an answer set it could not score, and never
//! put answers in an error, a log or a safety event.
//!
//! | file | concern |
//! |---|---|
//! | `instrument.rs` | the instrument catalogue and its invariants |
//! | `answer.rs` | one answer per item and the `1,2,na,decline` text form |
//! | `scoring.rs` | totals, bands, flags, prorating (pure) |
//! | `signpost.rs` | crisis resources per region, choice of region |
//! | `outcome.rs` | NHS Talking Therapies indicators (pure) |
//! | `indicator.rs` | each indicator on its own, with the change that decided it, in words |
//! | `history.rs` | stored results and safety events |
//! | `episode.rs` | episodes and their outcome |
//! | `due.rs` | cadences and the due list |

mod answer;
mod due;
mod episode;
mod history;
mod indicator;
mod instrument;
mod outcome;
mod scoring;
mod signpost;

#[cfg(test)]
mod store_tests;
#[cfg(test)]
mod tests;

pub use answer::{Answer, format_answers, parse_answers};
pub use due::{
    Cadence, DueAssessment, DueReason, DueReport, MeasurementPoint, cadences, due, plan_due,
    set_cadence,
};
pub use episode::{
    Episode, EpisodeOutcome, current_episode, episode_at, episode_outcome, next_episode_start,
    start_episode,
};
pub use history::{
    AssessmentRecord, SafetyEvent, TakenAssessment, TakenAt, find, history, safety_events, take,
};
pub use indicator::{
    IndicatorStatus, MeasureChange, OutcomeIndicator, OutcomeIndicatorKind, OutcomeMeasure,
    ReliableChange, signed_change,
};
pub use instrument::{
    AnswerOption, Band, FlagCondition, FlagRule, Instrument, InstrumentItem, catalogue, instrument,
};
pub use outcome::{
    GAD7_CASENESS, GAD7_RELIABLE_CHANGE, OutcomeCategory, OutcomeScores, OutcomeSummary,
    PHQ9_CASENESS, PHQ9_RELIABLE_CHANGE, summarise,
};
pub use scoring::{AssessmentResult, SELF_HARM_THOUGHTS, Scored, evaluate, score};
pub use signpost::{
    CrisisRegion, CrisisResource, REGION_PREFERENCE, Region, Signpost, SignpostReason,
    region_codes, region_for, resolve_region, resources_version,
};
