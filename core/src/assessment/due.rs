//! Due dates: which assessments are due today and which come next.
//!
//! Owns cadences (every N days per instrument: the instrument's default — 14 days for GAD-7
//! and PHQ-9 — unless the person set their own, stored in `assessment_cadences`) and the
//! planner, a pure function that programmes extend by passing extra [`MeasurementPoint`]s.
//! Must never nag: it reports what is due; reminders decide whether to say so.

use chrono::{Days, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::instrument::{catalogue, instrument};
use crate::error::{Error, Result};
use crate::time;
use crate::time::LocalDay;

/// Longest cadence a person may set, in days.
pub const MAX_CADENCE_DAYS: u32 = 366;

/// An extra moment to measure, e.g. a programme's week-4 PHQ-9.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MeasurementPoint {
    /// Instrument id.
    pub instrument: String,
    /// Local date it falls due.
    pub date: LocalDay,
    /// Who asked for it (`programme:sleep-basics`), shown as the reason.
    pub source: String,
}

/// Why an assessment is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum DueReason {
    /// Scheduled and never taken: a baseline is due now.
    NeverTaken,
    /// The cadence has passed since the last one.
    Cadence,
    /// A measurement point (from a programme) has arrived.
    MeasurementPoint,
}

/// One instrument that is due, or next due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DueAssessment {
    /// Instrument id.
    pub instrument: String,
    /// Its short title.
    pub title: String,
    /// Local date it is (or was) due.
    pub due_date: LocalDay,
    /// Why.
    pub reason: DueReason,
    /// Local date of the latest one taken.
    pub last_taken: Option<LocalDay>,
    /// The cadence in force, if scheduled.
    pub every_days: Option<u32>,
    /// The measurement point's source, when that is the reason.
    pub source: Option<String>,
}

/// What is due today and what comes next, each sorted by date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DueReport {
    /// The local date the report is for.
    pub today: LocalDay,
    /// Due on or before today.
    pub due: Vec<DueAssessment>,
    /// Scheduled after today, one per instrument.
    pub upcoming: Vec<DueAssessment>,
}

/// The cadence in force for one instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Cadence {
    /// Instrument id.
    pub instrument: String,
    /// Days between measurements; `None` = not scheduled.
    pub every_days: Option<u32>,
    /// Whether this is the instrument's default rather than the person's choice.
    pub is_default: bool,
}

/// The cadence of every instrument, in catalogue order.
pub fn cadences(conn: &Connection) -> Result<Vec<Cadence>> {
    let mut stmt =
        conn.prepare_cached("SELECT every_days FROM assessment_cadences WHERE instrument = ?1")?;
    catalogue()?
        .iter()
        .map(|ins| {
            let chosen: Option<Option<u32>> = stmt.query_row([&ins.id], |r| r.get(0)).optional()?;
            Ok(Cadence {
                instrument: ins.id.clone(),
                every_days: chosen.unwrap_or(ins.default_cadence_days),
                is_default: chosen.is_none(),
            })
        })
        .collect()
}

/// Sets the person's cadence for `instrument_id`: every `every_days` days, or `None` to stop
/// scheduling it.
pub fn set_cadence(
    tx: &Transaction<'_>,
    instrument_id: &str,
    every_days: Option<u32>,
) -> Result<Cadence> {
    let ins = instrument(instrument_id)?;
    if every_days.is_some_and(|d| d == 0 || d > MAX_CADENCE_DAYS) {
        return Err(Error::invalid(
            "every_days",
            format!("a cadence is 1–{MAX_CADENCE_DAYS} days"),
        ));
    }
    tx.execute(
        "INSERT INTO assessment_cadences (instrument, every_days) VALUES (?1, ?2)
         ON CONFLICT (instrument) DO UPDATE SET every_days = excluded.every_days",
        params![ins.id, every_days],
    )?;
    Ok(Cadence {
        instrument: ins.id.clone(),
        every_days,
        is_default: false,
    })
}

/// The plan from cadences, the latest local date each instrument was taken, and extra
/// measurement points. Pure.
///
/// Per instrument the earliest of: today when scheduled but never taken; the latest date plus
/// the cadence; each measurement point not yet met (met = taken on or after its date).
pub fn plan_due(
    today: NaiveDate,
    cadences: &[Cadence],
    last_taken: &[(String, NaiveDate)],
    points: &[MeasurementPoint],
) -> Result<DueReport> {
    let last_of = |id: &str| last_taken.iter().find(|(i, _)| i == id).map(|(_, d)| *d);
    let mut best: Vec<(NaiveDate, DueAssessment)> = Vec::new();
    let mut offer = |date: NaiveDate, item: DueAssessment| {
        match best
            .iter_mut()
            .find(|(_, b)| b.instrument == item.instrument)
        {
            // On the same date a measurement point wins: it says more about why.
            Some(slot)
                if date < slot.0
                    || (date == slot.0 && item.reason == DueReason::MeasurementPoint) =>
            {
                *slot = (date, item);
            }
            Some(_) => {}
            None => best.push((date, item)),
        }
    };
    for cadence in cadences {
        let Some(every) = cadence.every_days else {
            continue;
        };
        let ins = instrument(&cadence.instrument)?;
        let last = last_of(&ins.id);
        let (date, reason) = match last {
            None => (today, DueReason::NeverTaken),
            Some(d) => match d.checked_add_days(Days::new(u64::from(every))) {
                Some(next) => (next, DueReason::Cadence),
                None => continue,
            },
        };
        offer(
            date,
            entry(&ins.id, &ins.title, date, reason, last, Some(every), None),
        );
    }
    for (i, point) in points.iter().enumerate() {
        let ins = instrument(&point.instrument)
            .map_err(|_| Error::invalid(format!("points[{i}].instrument"), "unknown instrument"))?;
        let date = point.date.date();
        let last = last_of(&ins.id);
        if last.is_some_and(|d| d >= date) {
            continue;
        }
        let every = cadences
            .iter()
            .find(|c| c.instrument == ins.id)
            .and_then(|c| c.every_days);
        let source = Some(point.source.clone());
        let item = entry(
            &ins.id,
            &ins.title,
            date,
            DueReason::MeasurementPoint,
            last,
            every,
            source,
        );
        offer(date, item);
    }
    best.sort_by_key(|a| a.0);
    let (due, upcoming): (Vec<_>, Vec<_>) = best.into_iter().partition(|(d, _)| *d <= today);
    Ok(DueReport {
        today: today.into(),
        due: due.into_iter().map(|(_, a)| a).collect(),
        upcoming: upcoming.into_iter().map(|(_, a)| a).collect(),
    })
}

fn entry(
    id: &str,
    title: &str,
    date: NaiveDate,
    reason: DueReason,
    last: Option<NaiveDate>,
    every_days: Option<u32>,
    source: Option<String>,
) -> DueAssessment {
    DueAssessment {
        instrument: id.to_string(),
        title: title.to_string(),
        due_date: date.into(),
        reason,
        last_taken: last.map(LocalDay),
        every_days,
        source,
    }
}

/// The due report for `today` from stored history and cadences plus extra `points`.
pub fn due(conn: &Connection, today: NaiveDate, points: &[MeasurementPoint]) -> Result<DueReport> {
    let mut stmt = conn.prepare_cached(
        "SELECT instrument, max(local_date) FROM assessments GROUP BY instrument",
    )?;
    let last: Vec<(String, NaiveDate)> = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .map(|row| {
            let (id, date) = row?;
            let date = time::parse_date(&date, "local_date").map_err(|_| Error::Corrupt {
                reason: "an assessment has an unreadable local date".into(),
            })?;
            Ok((id, date))
        })
        .collect::<Result<_>>()?;
    plan_due(today, &cadences(conn)?, &last, points)
}
