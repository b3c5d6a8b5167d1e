//! Insights over a range of local days: the mood calendar, averages by weekday and time of
//! day, words and tags that go with better or worse mood, the most frequent cognitive
//! distortions, and how emotions changed across thought records.
//!
//! Owns the arithmetic and its honesty rules. Must never overclaim: an association is only
//! reported when at least [`MIN_SAMPLE`] check-ins have the word *and* [`MIN_SAMPLE`] do not,
//! it is called better or worse only past [`CLEAR_DIFFERENCE`] mood points, and it is always
//! described as going together, never as a cause. Reads only; never writes.

mod accumulate;

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;

use crate::checkin::vocabulary::EmotionLabel;
use crate::error::Result;
use crate::journal::CognitiveDistortion;
use crate::time::{DateRange, LocalDay};

/// The fewest check-ins on each side (with and without a word) before it is compared.
pub const MIN_SAMPLE: u32 = 5;
/// The smallest difference in average mood (on the 1–7 scale) called better or worse.
pub const CLEAR_DIFFERENCE: f64 = 0.5;
/// Days covered when no `from` is given: the 30 days up to `to`.
pub const DEFAULT_DAYS: i64 = 30;

/// One local day of the mood calendar.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MoodDay {
    /// `YYYY-MM-DD`.
    pub date: LocalDay,
    /// Mean mood of the day's check-ins (1…7).
    pub average: f64,
    /// Lowest mood that day.
    pub min: i32,
    /// Highest mood that day.
    pub max: i32,
    /// Number of check-ins that day.
    pub count: u32,
}

/// Mood grouped by a weekday or a part of the day.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MoodBucket {
    /// `monday`…`sunday`, or `morning` / `afternoon` / `evening` / `night`.
    pub name: String,
    /// Check-ins in the bucket.
    pub count: u32,
    /// Their mean mood, or none when empty.
    pub average: Option<f64>,
}

/// Where an associated word comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum AssociationSource {
    /// An emotion label.
    Label,
    /// A life area.
    Area,
    /// A tag.
    Tag,
}

/// How mood with a word compares with mood without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum MoodDirection {
    /// Mood tends to be higher with it.
    Better,
    /// Mood tends to be lower with it.
    Worse,
    /// The averages differ by less than [`CLEAR_DIFFERENCE`].
    NoClearDifference,
}

/// A word or tag and the mood that goes with it (association, not cause).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MoodAssociation {
    /// Label, area or tag.
    pub source: AssociationSource,
    /// The word's code or the tag.
    pub name: String,
    /// Check-ins with it.
    pub count_with: u32,
    /// Check-ins without it.
    pub count_without: u32,
    /// Mean mood with it.
    pub average_with: f64,
    /// Mean mood without it.
    pub average_without: f64,
    /// `average_with − average_without`.
    pub difference: f64,
    /// Better, worse, or no clear difference.
    pub direction: MoodDirection,
}

/// How often a distortion was named in thought records.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DistortionCount {
    /// The distortion.
    pub distortion: CognitiveDistortion,
    /// Thought records naming it.
    pub count: u32,
}

/// How one emotion's intensity changed across thought records rated before and after.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct EmotionChange {
    /// The emotion.
    pub label: EmotionLabel,
    /// Ratings with both a before and an after.
    pub count: u32,
    /// Mean intensity before (0–100).
    pub average_before: f64,
    /// Mean intensity after (0–100).
    pub average_after: f64,
    /// `average_after − average_before` (negative = eased).
    pub average_change: f64,
}

/// Everything the insights screen shows for a range.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Insights {
    /// First local day, `YYYY-MM-DD`.
    pub from: LocalDay,
    /// Last local day, `YYYY-MM-DD`.
    pub to: LocalDay,
    /// Check-ins in the range.
    pub check_in_count: u32,
    /// Mean mood over the range.
    pub average_mood: Option<f64>,
    /// Mood per local day (days without check-ins are absent).
    pub calendar: Vec<MoodDay>,
    /// Monday first.
    pub by_weekday: Vec<MoodBucket>,
    /// Morning 05–12, afternoon 12–17, evening 17–22, night 22–05 (local time at capture).
    pub by_time_of_day: Vec<MoodBucket>,
    /// Words and tags with enough check-ins on both sides, largest difference first.
    pub associations: Vec<MoodAssociation>,
    /// The sample size each side of an association needs.
    pub min_sample: u32,
    /// Thought records in the range.
    pub thought_record_count: u32,
    /// Distortions named, most frequent first.
    pub distortions: Vec<DistortionCount>,
    /// Emotion intensity before → after, per emotion.
    pub emotion_changes: Vec<EmotionChange>,
    /// A plain-language reminder of what these numbers can and cannot say.
    pub caveat: String,
}

/// Resolves optional ends to a closed range: `to` defaults to `today`, `from` to 30 days earlier.
pub fn resolve_range(range: &DateRange, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let to = range.to.unwrap_or(today);
    let from = range.from.unwrap_or(to - Duration::days(DEFAULT_DAYS - 1));
    (from, to)
}

/// The mood calendar: one row per local day with check-ins, oldest first.
pub fn calendar(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<MoodDay>> {
    let mut stmt = conn.prepare_cached(
        "SELECT local_date, avg(mood), min(mood), max(mood), count(*) FROM check_ins
         WHERE local_date BETWEEN ?1 AND ?2 GROUP BY local_date ORDER BY local_date",
    )?;
    let rows = stmt.query_map([from.to_string(), to.to_string()], |r| {
        Ok(MoodDay {
            date: r.get(0)?,
            average: r.get(1)?,
            min: r.get(2)?,
            max: r.get(3)?,
            count: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Computes every insight for the closed range `from..=to`.
pub fn compute(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Insights> {
    let moods = accumulate::moods(conn, from, to)?;
    let thoughts = accumulate::thoughts(conn, from, to)?;
    Ok(Insights {
        from: LocalDay(from),
        to: LocalDay(to),
        check_in_count: moods.total.count,
        average_mood: moods.total.mean(),
        calendar: calendar(conn, from, to)?,
        by_weekday: moods.weekday_buckets(),
        by_time_of_day: moods.time_of_day_buckets(),
        associations: moods.associations(),
        min_sample: MIN_SAMPLE,
        thought_record_count: thoughts.records,
        distortions: thoughts.distortion_counts(),
        emotion_changes: thoughts.emotion_changes(),
        caveat: "These are patterns in your own entries: things that went together, not causes. A word or tag \
                 is compared only when at least 5 check-ins have it and 5 do not."
            .into(),
    })
}

#[cfg(test)]
mod bench;
#[cfg(test)]
mod tests;
