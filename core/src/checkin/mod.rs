//! Mood check-ins: the ten-second "how do you feel?" on a 7-point scale, with optional
//! HealthKit-aligned emotion labels and life areas, a note and tags. Several a day.
//!
//! Owns the check-in record, its validation and its rows (`check_ins`, plus the note in the
//! encrypted search index); the pieces every entry shares live in [`crate::entry`] and
//! [`crate::time`].
//! Must never: store a mood off the 1…7 scale or a word outside the fixed vocabularies,
//! or put a note, label or mood into an error message.

pub mod mood;
pub mod vocabulary;

use crate::time::Tz;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction};

use crate::entry::index::{self, SearchTable};
use crate::entry::{self, text};
use crate::error::{Error, Result};
use crate::time::{Captured, DateRange, Timestamp, moment::stored_stamp};
pub use mood::{MoodKind, ValenceClassification};
pub use vocabulary::{EmotionLabel, LifeArea};

/// What the person enters for a check-in.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CheckInInput {
    /// 1 very unpleasant … 4 neutral … 7 very pleasant.
    pub mood: i32,
    /// A passing feeling (default) or the day's mood.
    pub kind: MoodKind,
    /// Words for the feeling, from the HealthKit vocabulary.
    pub labels: Vec<EmotionLabel>,
    /// Parts of life it is about, from the HealthKit vocabulary.
    pub areas: Vec<LifeArea>,
    /// An optional free-text note (≤ 100 KiB).
    pub note: Option<String>,
    /// Tags such as `sleep` or `exercise` (normalised to lower case).
    pub tags: Vec<String>,
    /// The instant it is about; `None` means now.
    pub at: Option<Timestamp>,
}

/// A stored check-in.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CheckIn {
    /// Opaque id (`ci_…`).
    pub id: String,
    /// Momentary emotion or daily mood.
    pub kind: MoodKind,
    /// 1…7.
    pub mood: i32,
    /// HealthKit valence, `(mood − 4) / 3`.
    pub valence: f64,
    /// HealthKit valence classification (raw value = mood).
    pub valence_classification: ValenceClassification,
    /// Emotion labels.
    pub labels: Vec<EmotionLabel>,
    /// Life areas.
    pub areas: Vec<LifeArea>,
    /// The note, if any.
    pub note: Option<String>,
    /// Normalised tags.
    pub tags: Vec<String>,
    /// When it is about: the instant, the zone and the local day at capture.
    #[serde(flatten, serialize_with = "crate::time::moment::entry_json")]
    pub captured: Captured,
    /// When it was first stored.
    pub created_at: Timestamp,
    /// When it was last changed.
    pub updated_at: Timestamp,
}

/// A validated check-in ready to store.
struct Valid {
    mood: i32,
    kind: MoodKind,
    labels: Vec<EmotionLabel>,
    areas: Vec<LifeArea>,
    note: Option<String>,
}

fn validate(input: CheckInInput) -> Result<Valid> {
    mood::check_mood("mood", input.mood)?;
    text::check_items("labels", &input.labels)?;
    text::check_items("areas", &input.areas)?;
    Ok(Valid {
        mood: input.mood,
        kind: input.kind,
        labels: vocabulary::dedup(&input.labels),
        areas: vocabulary::dedup(&input.areas),
        note: text::optional_text("note", input.note)?,
    })
}

/// Validates and stores a check-in in `tx` (with its note in the search index).
pub fn add(
    tx: &Transaction<'_>,
    input: CheckInInput,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<CheckIn> {
    let (at, tags) = (input.at, input.tags.clone());
    let v = validate(input)?;
    let entry::NewEntry {
        id,
        moment,
        tags,
        stored_ms,
    } = entry::begin(tx, "ci", at, &tags, now, zone)?;
    tx.execute(
        "INSERT INTO check_ins (id, kind, mood, labels, areas, note, tags, at_ms, time_zone, local_date, local_minute, created_ms, updated_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        rusqlite::params![
            id,
            v.kind.code(),
            v.mood,
            vocabulary::to_mask(&v.labels, EmotionLabel::bit),
            vocabulary::to_mask(&v.areas, LifeArea::bit),
            v.note,
            serde_json::to_string(&tags)?,
            moment.at.timestamp_millis(),
            moment.zone.name(),
            moment.local_date.to_string(),
            moment.local_minute,
            stored_ms,
        ],
    )?;
    let seq = tx.last_insert_rowid();
    let words: Vec<&str> = v
        .labels
        .iter()
        .map(|l| l.code())
        .chain(v.areas.iter().map(|a| a.code()))
        .collect();
    index::put(
        tx,
        SearchTable::CheckIns,
        seq,
        v.note.as_deref().unwrap_or(""),
        &words.join(" "),
        &tags,
    )?;
    get(tx, &id)
}

const COLUMNS: &str = "id, kind, mood, labels, areas, note, tags, at_ms, time_zone, local_date, created_ms, updated_ms";

fn from_row(r: &Row<'_>) -> rusqlite::Result<RawCheckIn> {
    Ok(RawCheckIn {
        id: r.get(0)?,
        kind: r.get(1)?,
        mood: r.get(2)?,
        labels: r.get(3)?,
        areas: r.get(4)?,
        note: r.get(5)?,
        tags: r.get(6)?,
        at_ms: r.get(7)?,
        time_zone: r.get(8)?,
        local_date: r.get(9)?,
        created_ms: r.get(10)?,
        updated_ms: r.get(11)?,
    })
}

/// A row as stored, before it is checked and formatted.
struct RawCheckIn {
    id: String,
    kind: String,
    mood: i32,
    labels: i64,
    areas: i64,
    note: Option<String>,
    tags: String,
    at_ms: i64,
    time_zone: String,
    local_date: String,
    created_ms: i64,
    updated_ms: i64,
}

impl RawCheckIn {
    fn into_check_in(self) -> Result<CheckIn> {
        Ok(CheckIn {
            id: self.id,
            kind: MoodKind::parse(&self.kind)
                .map_err(|_| Error::internal("a stored check-in kind is unknown"))?,
            mood: self.mood,
            valence: mood::valence(self.mood),
            valence_classification: mood::classification(self.mood),
            labels: vocabulary::from_mask(self.labels, EmotionLabel::ALL, EmotionLabel::bit),
            areas: vocabulary::from_mask(self.areas, LifeArea::ALL, LifeArea::bit),
            note: self.note,
            tags: text::stored_tags(&self.tags)?,
            captured: Captured::stored(self.at_ms, self.time_zone, &self.local_date)?,
            created_at: stored_stamp(self.created_ms)?,
            updated_at: stored_stamp(self.updated_ms)?,
        })
    }
}

/// The check-in with `id`, or `not_found`.
pub fn get(conn: &Connection, id: &str) -> Result<CheckIn> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM check_ins WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("check-in"))?
    .into_check_in()
}

/// Check-ins whose local day lies in `range`, newest first.
pub fn list(conn: &Connection, range: &DateRange) -> Result<Vec<CheckIn>> {
    let (from, to) = range.sql_bounds();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM check_ins WHERE local_date BETWEEN ?1 AND ?2 ORDER BY at_ms DESC, seq DESC"
    ))?;
    let rows = stmt.query_map([from, to], from_row)?;
    rows.map(|r| r.map_err(Error::from).and_then(RawCheckIn::into_check_in))
        .collect()
}

/// Deletes a check-in and its search entry; `not_found` if there is none.
pub fn delete(tx: &Transaction<'_>, id: &str) -> Result<()> {
    index::delete_record(tx, "check_ins", SearchTable::CheckIns, id, "check-in")
}

#[cfg(test)]
pub(crate) mod tests;
