//! Episodes: a period of care starting on a local date (the start of a programme or of
//! therapy), and its outcome from the first and latest PHQ-9 and GAD-7 taken in it.
//!
//! Owns the `assessment_episodes` table and which episode is current: the one with the latest
//! start date, or — when none was started — one beginning on the date of the first stored
//! assessment. Must never invent scores: without both a PHQ-9 and a GAD-7 in the episode there
//! is no outcome summary.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use super::outcome::{OutcomeScores, OutcomeSummary, summarise};
use crate::error::{Error, Result};
use crate::time::LocalDay;

/// A period of care whose outcome is measured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Episode {
    /// The stored episode's id (`ep_` + 24 hex digits); `None` for the implicit one starting
    /// at the first assessment. In the CLI's JSON: `uid`.
    #[serde(rename = "uid")]
    pub id: Option<String>,
    /// The row number that was the stored episode's id before schema v7. In JSON: `id`.
    #[serde(rename = "id")]
    pub legacy_id: Option<i64>,
    /// First local date in the episode.
    pub start_date: LocalDay,
}

/// The current episode's measurements and, when it has both measures, its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct EpisodeOutcome {
    /// The episode; `None` when nothing has been stored yet.
    pub episode: Option<Episode>,
    /// The first PHQ-9 total in the episode.
    pub phq9_first: Option<u32>,
    /// The latest PHQ-9 total in the episode.
    pub phq9_latest: Option<u32>,
    /// How many PHQ-9s the episode holds.
    pub phq9_count: u32,
    /// The first GAD-7 total in the episode.
    pub gad7_first: Option<u32>,
    /// The latest GAD-7 total in the episode.
    pub gad7_latest: Option<u32>,
    /// How many GAD-7s the episode holds.
    pub gad7_count: u32,
    /// The NHS Talking Therapies indicators, once the episode has a PHQ-9 and a GAD-7.
    /// With a single one of each, first and latest are the same measurement.
    pub summary: Option<OutcomeSummary>,
}

/// Starts a new episode on `start_date` (not after `today`); it becomes the current one.
pub fn start_episode(
    tx: &Transaction<'_>,
    start_date: NaiveDate,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Episode> {
    if start_date > today {
        return Err(Error::invalid(
            "start_date",
            "an episode cannot start after today",
        ));
    }
    let start = LocalDay(start_date);
    let uid = crate::store::id::new_id(tx, crate::store::id::EPISODE)?;
    tx.execute(
        "INSERT INTO assessment_episodes (start_date, created_at_ms, uid) VALUES (?1, ?2, ?3)",
        params![start, now.timestamp_millis(), uid],
    )?;
    Ok(Episode {
        id: Some(uid),
        legacy_id: Some(tx.last_insert_rowid()),
        start_date: start,
    })
}

/// The current episode, if there is a stored one or any assessment.
pub fn current_episode(conn: &Connection) -> Result<Option<Episode>> {
    episode_on_or_before(conn, None)
}

/// The episode a day falls in: the latest stored episode starting on or before `date`, or —
/// when none does — the implicit one from the first assessment, if that was on or before it.
/// A report whose range ends on `date` pairs its outcome over this episode (issue 17), so the
/// chosen start of the range never changes the baseline.
pub fn episode_at(conn: &Connection, date: NaiveDate) -> Result<Option<Episode>> {
    episode_on_or_before(conn, Some(&date.to_string()))
}

/// The first day of the earliest stored episode that starts after `date`, if any: a report
/// ending on `date` measures the episode before it, and must say that later scores belong to
/// another episode (therapist review, second round, L4).
pub fn next_episode_start(conn: &Connection, date: NaiveDate) -> Result<Option<NaiveDate>> {
    let day: Option<LocalDay> = conn.query_row(
        "SELECT min(start_date) FROM assessment_episodes WHERE start_date > ?1",
        [date.to_string()],
        |r| r.get(0),
    )?;
    Ok(day.map(|d| d.date()))
}

/// The latest stored episode starting on or before `day` (any day when `None`), else the
/// implicit one that starts with the first assessment on or before it.
fn episode_on_or_before(conn: &Connection, day: Option<&str>) -> Result<Option<Episode>> {
    let stored = conn
        .query_row(
            "SELECT id, start_date, uid FROM assessment_episodes
             WHERE ?1 IS NULL OR start_date <= ?1
             ORDER BY start_date DESC, id DESC LIMIT 1",
            [day],
            |r| {
                Ok(Episode {
                    id: r.get(2)?,
                    legacy_id: Some(r.get(0)?),
                    start_date: r.get(1)?,
                })
            },
        )
        .optional()?;
    if stored.is_some() {
        return Ok(stored);
    }
    let first: Option<LocalDay> = conn.query_row(
        "SELECT min(local_date) FROM assessments WHERE ?1 IS NULL OR local_date <= ?1",
        [day],
        |r| r.get(0),
    )?;
    Ok(first.map(|start_date| Episode {
        id: None,
        legacy_id: None,
        start_date,
    }))
}

/// (count, first total, latest total) of `instrument` on or after `start`.
fn span(
    conn: &Connection,
    instrument: &str,
    start: &str,
) -> Result<(u32, Option<u32>, Option<u32>)> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*),
                (SELECT total FROM assessments WHERE instrument = ?1 AND local_date >= ?2
                 ORDER BY taken_at_ms, id LIMIT 1),
                (SELECT total FROM assessments WHERE instrument = ?1 AND local_date >= ?2
                 ORDER BY taken_at_ms DESC, id DESC LIMIT 1)
             FROM assessments WHERE instrument = ?1 AND local_date >= ?2",
        )?
        .query_row(params![instrument, start], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?)
}

/// The current episode's first and latest PHQ-9 and GAD-7, and their outcome.
pub fn episode_outcome(conn: &Connection) -> Result<EpisodeOutcome> {
    let episode = current_episode(conn)?;
    let start = episode
        .as_ref()
        .map_or_else(String::new, |e| e.start_date.to_string());
    let (phq9_count, phq9_first, phq9_latest) = span(conn, "phq9", &start)?;
    let (gad7_count, gad7_first, gad7_latest) = span(conn, "gad7", &start)?;
    let summary = match (phq9_first, phq9_latest, gad7_first, gad7_latest) {
        (Some(phq9_first), Some(phq9_last), Some(gad7_first), Some(gad7_last)) => {
            Some(summarise(&OutcomeScores {
                phq9_first,
                phq9_last,
                gad7_first,
                gad7_last,
            })?)
        }
        _ => None,
    };
    Ok(EpisodeOutcome {
        episode,
        phq9_first,
        phq9_latest,
        phq9_count,
        gad7_first,
        gad7_latest,
        gad7_count,
        summary,
    })
}
