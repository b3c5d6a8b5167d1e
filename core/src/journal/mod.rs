//! Journaling: free writing and the structured exercises of CBT and mindfulness programmes
//! (thought records, gratitude, worry logs, exposures, behavioural activation), with tags, a
//! per-entry "shared with my therapist" flag, and full-text search inside the encrypted file.
//!
//! Owns the typed records ([`records`]), their rows (`journal_entries`) and the FTS5 index
//! ([`index`], [`search`]); every change to an entry and to its index happens in one
//! transaction. Must never: store a partly valid entry, leave deleted text in the index, or
//! put any entry text into an error message or log.

pub mod distortion;
pub mod entries;
pub mod input;
pub mod records;
pub mod search;

use std::str::FromStr;

use crate::error::{Error, Result};
use crate::time::{Captured, Timestamp};
pub use distortion::CognitiveDistortion;
pub use entries::JournalFilter;
pub use records::{
    ActivityRecord, ActivityStatus, EmotionRating, ExposureRecord, FreeText, GratitudeList,
    ThoughtRecord, WorryLog, WorryType,
};
pub use search::SearchHit;

/// The kinds of journal entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum JournalKind {
    /// Free writing.
    Free,
    /// CBT thought record.
    Thought,
    /// Gratitude list.
    Gratitude,
    /// Worry log.
    Worry,
    /// Exposure or behavioural experiment.
    Exposure,
    /// Behavioural activation.
    Activity,
}

impl JournalKind {
    /// Every kind, in CLI order.
    pub const ALL: [JournalKind; 6] = [
        JournalKind::Free,
        JournalKind::Thought,
        JournalKind::Gratitude,
        JournalKind::Worry,
        JournalKind::Exposure,
        JournalKind::Activity,
    ];

    /// The code used by the CLI, JSON and the database (`free`, `thought`, …).
    pub fn code(self) -> &'static str {
        match self {
            JournalKind::Free => "free",
            JournalKind::Thought => "thought",
            JournalKind::Gratitude => "gratitude",
            JournalKind::Worry => "worry",
            JournalKind::Exposure => "exposure",
            JournalKind::Activity => "activity",
        }
    }

    /// The name of the field `--text` fills for this kind.
    pub fn main_field(self) -> &'static str {
        match self {
            JournalKind::Free => "text",
            JournalKind::Thought => "automatic_thoughts",
            JournalKind::Gratitude => "items",
            JournalKind::Worry => "worry",
            JournalKind::Exposure => "situation",
            JournalKind::Activity => "activity",
        }
    }
}

impl FromStr for JournalKind {
    type Err = Error;
    fn from_str(text: &str) -> Result<Self> {
        JournalKind::ALL
            .into_iter()
            .find(|k| k.code() == text)
            .ok_or_else(|| {
                Error::invalid(
                    "kind",
                    "expected free, thought, gratitude, worry, exposure or activity",
                )
            })
    }
}

/// The typed content of an entry: one record per kind.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum JournalBody {
    /// Free writing.
    Free { record: FreeText },
    /// A CBT thought record.
    Thought { record: ThoughtRecord },
    /// A gratitude list.
    Gratitude { record: GratitudeList },
    /// A worry log entry.
    Worry { record: WorryLog },
    /// An exposure or behavioural experiment.
    Exposure { record: ExposureRecord },
    /// A behavioural-activation activity.
    Activity { record: ActivityRecord },
}

impl JournalBody {
    /// Which kind this body is.
    pub fn kind(&self) -> JournalKind {
        match self {
            JournalBody::Free { .. } => JournalKind::Free,
            JournalBody::Thought { .. } => JournalKind::Thought,
            JournalBody::Gratitude { .. } => JournalKind::Gratitude,
            JournalBody::Worry { .. } => JournalKind::Worry,
            JournalBody::Exposure { .. } => JournalKind::Exposure,
            JournalBody::Activity { .. } => JournalKind::Activity,
        }
    }

    /// A body of `kind` whose main field is `text` and every other field empty.
    pub fn from_text(kind: JournalKind, text: &str) -> JournalBody {
        JournalBody::empty(kind).with_main_text(text)
    }

    /// An empty body of `kind` (invalid until its main field is filled).
    pub fn empty(kind: JournalKind) -> JournalBody {
        match kind {
            JournalKind::Free => JournalBody::Free {
                record: FreeText::default(),
            },
            JournalKind::Thought => JournalBody::Thought {
                record: ThoughtRecord::default(),
            },
            JournalKind::Gratitude => JournalBody::Gratitude {
                record: GratitudeList::default(),
            },
            JournalKind::Worry => JournalBody::Worry {
                record: WorryLog::default(),
            },
            JournalKind::Exposure => JournalBody::Exposure {
                record: ExposureRecord::default(),
            },
            JournalKind::Activity => JournalBody::Activity {
                record: ActivityRecord::default(),
            },
        }
    }

    /// The same body with its main field replaced by `text` (gratitude: the items become one).
    pub fn with_main_text(mut self, text: &str) -> JournalBody {
        let text = text.to_string();
        match &mut self {
            JournalBody::Free { record } => record.text = text,
            JournalBody::Thought { record } => record.automatic_thoughts = text,
            JournalBody::Gratitude { record } => record.items = vec![text],
            JournalBody::Worry { record } => record.worry = text,
            JournalBody::Exposure { record } => record.situation = text,
            JournalBody::Activity { record } => record.activity = text,
        }
        self
    }

    /// Checks every field, naming the first bad one.
    pub fn validate(&self) -> Result<()> {
        records::validate(self)
    }

    /// The record as JSON (what is stored in `journal_entries.record`).
    pub fn to_json(&self) -> Result<String> {
        Ok(serde_json::to_string(self)?)
    }
}

impl serde::Serialize for JournalBody {
    /// Serialises as the bare record; the kind travels next to it.
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            JournalBody::Free { record } => record.serialize(s),
            JournalBody::Thought { record } => record.serialize(s),
            JournalBody::Gratitude { record } => record.serialize(s),
            JournalBody::Worry { record } => record.serialize(s),
            JournalBody::Exposure { record } => record.serialize(s),
            JournalBody::Activity { record } => record.serialize(s),
        }
    }
}

/// A new entry.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct JournalInput {
    /// The typed content.
    pub body: JournalBody,
    /// Tags (normalised to lower case).
    pub tags: Vec<String>,
    /// Include this entry in therapist exports (off unless the person turns it on).
    pub shared_with_therapist: bool,
    /// The instant the entry is about; `None` means now.
    pub at: Option<Timestamp>,
}

/// Changes to an entry; `None` leaves a part as it is.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct JournalEdit {
    /// New content (may change the kind).
    pub body: Option<JournalBody>,
    /// New tags, replacing the old ones.
    pub tags: Option<Vec<String>>,
    /// A new instant; the local day is recomputed in the current zone.
    pub at: Option<Timestamp>,
    /// Allows a change of kind that discards the old record's structured fields (a thought
    /// record's situation, emotions, distortions and evidence, say); without it such an edit
    /// is refused with `invalid_input` on `kind`.
    #[cfg_attr(feature = "ffi", uniffi(default = false))]
    pub replace: bool,
}

/// A stored entry.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct JournalEntry {
    /// Opaque id (`je_…`).
    pub id: String,
    /// The kind of entry.
    pub kind: JournalKind,
    /// The typed content.
    #[serde(rename = "record")]
    pub body: JournalBody,
    /// Normalised tags.
    pub tags: Vec<String>,
    /// Whether it is included in therapist exports.
    pub shared_with_therapist: bool,
    /// When it is about: the instant, the zone and the local day at capture.
    #[serde(flatten, serialize_with = "crate::time::moment::entry_json")]
    pub captured: Captured,
    /// When it was first stored (kept by edits).
    pub created_at: Timestamp,
    /// When its content last changed.
    pub updated_at: Timestamp,
}

#[cfg(test)]
mod search_tests;
#[cfg(test)]
pub(crate) mod tests;
