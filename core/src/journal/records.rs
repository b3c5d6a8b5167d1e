//! The typed records behind each journal kind, and their validation.
//!
//! Each kind is a record with named fields, not a blob of text, so a thought record's
//! ratings and distortions can be checked, counted and exported. Ratings are `i32` on the
//! wire so an out-of-range number reaches validation (and a message naming the field)
//! instead of failing inside a decoder that might echo it.

use crate::checkin::vocabulary::EmotionLabel;
use crate::entry::text::{
    check_items, check_optional_rating, check_rating, check_required, check_text,
};
use crate::error::Result;
use crate::journal::distortion::CognitiveDistortion;

/// Free writing.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FreeText {
    /// The text (required; the main field).
    pub text: String,
}

/// One emotion in a thought record, rated 0–100 before and (optionally) after.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct EmotionRating {
    /// Which emotion, from the HealthKit-aligned vocabulary.
    pub label: EmotionLabel,
    /// Intensity 0–100 when the thought came.
    pub before: i32,
    /// Intensity 0–100 after the balanced thought.
    #[serde(default)]
    pub after: Option<i32>,
}

/// A CBT thought record (the classic seven-column form).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ThoughtRecord {
    /// Where, when, who with, what happened.
    pub situation: String,
    /// The thoughts that went through the person's mind (required; the main field).
    pub automatic_thoughts: String,
    /// Emotions with intensity before and after.
    pub emotions: Vec<EmotionRating>,
    /// Thinking patterns spotted, from the fixed list.
    pub distortions: Vec<CognitiveDistortion>,
    /// Facts that support the thought.
    pub evidence_for: String,
    /// Facts that do not support it.
    pub evidence_against: String,
    /// A more balanced alternative thought.
    pub balanced_thought: String,
    /// Belief in the automatic thought, 0–100, at the start.
    pub belief_before: Option<i32>,
    /// Belief in the automatic thought, 0–100, at the end.
    pub belief_after: Option<i32>,
}

/// Good things noticed (three good things, a gratitude list).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct GratitudeList {
    /// The things (at least one; the main field).
    pub items: Vec<String>,
    /// Why they mattered, optionally.
    pub reflection: String,
}

/// Whether a worry is about a problem one can act on now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum WorryType {
    /// A real, current problem with something to do about it.
    Practical,
    /// A "what if" about something that may never happen.
    Hypothetical,
}

/// A worry log entry: the worry, its type, and later what actually happened.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct WorryLog {
    /// The worry (required; the main field).
    pub worry: String,
    /// Practical or hypothetical, once decided.
    pub worry_type: Option<WorryType>,
    /// What happened in the end (filled in later).
    pub what_happened: String,
}

/// An exposure or behavioural experiment.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ExposureRecord {
    /// What the person did or will do (required; the main field).
    pub situation: String,
    /// What they predicted would happen.
    pub prediction: String,
    /// Distress 0–100 just before.
    pub distress_before: Option<i32>,
    /// Highest distress 0–100 during.
    pub distress_peak: Option<i32>,
    /// Distress 0–100 at the end.
    pub distress_after: Option<i32>,
    /// What actually happened.
    pub outcome: String,
    /// What they learned.
    pub learned: String,
}

/// Whether a behavioural-activation activity is planned or done.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ActivityStatus {
    /// Scheduled for later.
    Planned,
    /// Done (the default: a journal mostly records what happened).
    #[default]
    Done,
}

/// A behavioural-activation activity with mastery and pleasure ratings.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ActivityRecord {
    /// The activity (required; the main field).
    pub activity: String,
    /// Planned or done.
    pub status: ActivityStatus,
    /// Sense of achievement 0–10.
    pub mastery: Option<i32>,
    /// Enjoyment 0–10.
    pub pleasure: Option<i32>,
}

/// Intensity, belief and distress ratings are 0–100 (SUDS-style); mastery and pleasure 0–10.
const PERCENT: (i32, i32) = (0, 100);
const TEN: (i32, i32) = (0, 10);

impl ThoughtRecord {
    fn validate(&self) -> Result<()> {
        check_text("situation", &self.situation)?;
        check_required("automatic_thoughts", &self.automatic_thoughts)?;
        check_items("emotions", &self.emotions)?;
        for (i, e) in self.emotions.iter().enumerate() {
            check_rating(
                &format!("emotions[{i}].before"),
                e.before,
                PERCENT.0,
                PERCENT.1,
            )?;
            check_optional_rating(
                &format!("emotions[{i}].after"),
                e.after,
                PERCENT.0,
                PERCENT.1,
            )?;
        }
        check_items("distortions", &self.distortions)?;
        check_text("evidence_for", &self.evidence_for)?;
        check_text("evidence_against", &self.evidence_against)?;
        check_text("balanced_thought", &self.balanced_thought)?;
        check_optional_rating("belief_before", self.belief_before, PERCENT.0, PERCENT.1)?;
        check_optional_rating("belief_after", self.belief_after, PERCENT.0, PERCENT.1)
    }
}

impl GratitudeList {
    fn validate(&self) -> Result<()> {
        check_items("items", &self.items)?;
        if self.items.iter().all(|i| i.trim().is_empty()) {
            return Err(crate::Error::invalid(
                "items",
                "is required (at least one item)",
            ));
        }
        for (i, item) in self.items.iter().enumerate() {
            check_text(&format!("items[{i}]"), item)?;
        }
        check_text("reflection", &self.reflection)
    }
}

impl ExposureRecord {
    fn validate(&self) -> Result<()> {
        check_required("situation", &self.situation)?;
        check_text("prediction", &self.prediction)?;
        check_optional_rating(
            "distress_before",
            self.distress_before,
            PERCENT.0,
            PERCENT.1,
        )?;
        check_optional_rating("distress_peak", self.distress_peak, PERCENT.0, PERCENT.1)?;
        check_optional_rating("distress_after", self.distress_after, PERCENT.0, PERCENT.1)?;
        check_text("outcome", &self.outcome)?;
        check_text("learned", &self.learned)
    }
}

impl ActivityRecord {
    fn validate(&self) -> Result<()> {
        check_required("activity", &self.activity)?;
        check_optional_rating("mastery", self.mastery, TEN.0, TEN.1)?;
        check_optional_rating("pleasure", self.pleasure, TEN.0, TEN.1)
    }
}

/// Checks every field of a record, naming the first bad one.
pub(crate) fn validate(body: &super::JournalBody) -> Result<()> {
    use super::JournalBody as B;
    match body {
        B::Free { record } => check_required("text", &record.text),
        B::Thought { record } => record.validate(),
        B::Gratitude { record } => record.validate(),
        B::Worry { record } => {
            check_required("worry", &record.worry)?;
            check_text("what_happened", &record.what_happened)
        }
        B::Exposure { record } => record.validate(),
        B::Activity { record } => record.validate(),
    }
}

/// The text fields of a record joined for the search index (main field first).
pub(crate) fn search_text(body: &super::JournalBody) -> String {
    use super::JournalBody as B;
    let parts: Vec<&str> = match body {
        B::Free { record } => vec![&record.text],
        B::Thought { record: r } => vec![
            &r.automatic_thoughts,
            &r.situation,
            &r.evidence_for,
            &r.evidence_against,
            &r.balanced_thought,
        ],
        B::Gratitude { record: r } => r
            .items
            .iter()
            .map(String::as_str)
            .chain([r.reflection.as_str()])
            .collect(),
        B::Worry { record: r } => vec![&r.worry, &r.what_happened],
        B::Exposure { record: r } => vec![&r.situation, &r.prediction, &r.outcome, &r.learned],
        B::Activity { record: r } => vec![&r.activity],
    };
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Vocabulary words of a record (emotion labels, distortion names) for the search index.
pub(crate) fn search_words(body: &super::JournalBody) -> String {
    match body {
        super::JournalBody::Thought { record } => record
            .emotions
            .iter()
            .map(|e| e.label.code())
            .chain(record.distortions.iter().map(|d| d.name()))
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    }
}
