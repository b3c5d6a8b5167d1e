//! Practice sessions: logging one, and reading them back in the shape the platform health
//! stores want (HealthKit `mindfulSession`, Health Connect `MindfulnessSessionRecord`).
//!
//! Owns the `practice_sessions` table. Must never invent a session the person did not log,
//! or write to a health store itself: the shell does that with the fields given here.

use crate::time::Tz;
use chrono::{DateTime, Duration, NaiveDate, Offset, Utc};
use rusqlite::{Connection, Row, params};
use serde::Serialize;

use super::PracticeTechnique;
use crate::error::{Error, Result};
use crate::store::id::{self, RecordRef, new_id};
use crate::time::{Captured, CapturedKeys, Moment, Timestamp, format_local, parse_zone};

/// The longest session that can be logged, in minutes (12 hours).
pub const MAX_MINUTES: u32 = 720;

/// What the person logs.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PracticeSessionInput {
    /// The technique practised.
    pub technique: PracticeTechnique,
    /// Minutes actually practised (1–720).
    pub actual_minutes: u32,
    /// Minutes planned, if a length was chosen beforehand (1–720).
    pub planned_minutes: Option<u32>,
    /// False when the session was interrupted; it still counts as practice.
    pub completed: bool,
    /// When it started; by default it ended just now.
    pub started_at: Option<Timestamp>,
    /// A step of the active programme this session was part of.
    pub step_id: Option<String>,
}

/// The programme step a session was part of, resolved by `programme::log_practice`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepLink {
    /// The enrolment row.
    pub enrolment_id: i64,
    /// The programme's id.
    pub programme_id: String,
}

/// A logged session, with everything a health store needs to mirror it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PracticeSession {
    /// The session's id (`ps_` + 24 hex digits). In the CLI's JSON: `uid`.
    pub id: String,
    /// The row number that was its id before schema v7 (still accepted by [`find`]). In the
    /// CLI's JSON: `id`, as it always was.
    pub legacy_id: i64,
    /// The technique, stored by name.
    pub technique: PracticeTechnique,
    /// The start (HealthKit `startDate`, Health Connect `startTime`), the zone the person was
    /// in and the local day it counts for.
    pub started: Captured,
    /// The end (`endDate` / `endTime`).
    pub ended_at: Timestamp,
    /// UTC offset at the start in seconds (Health Connect `startZoneOffset`).
    pub start_utc_offset_seconds: i32,
    /// UTC offset at the end in seconds (Health Connect `endZoneOffset`).
    pub end_utc_offset_seconds: i32,
    /// Minutes planned, if any.
    pub planned_minutes: Option<u32>,
    /// Minutes practised.
    pub actual_minutes: u32,
    /// False when interrupted.
    pub completed: bool,
    /// The programme it was part of, if any.
    pub programme_id: Option<String>,
    /// The programme step it was part of, if any.
    pub step_id: Option<String>,
    /// Health Connect `MindfulnessSessionRecord` session type constant, by name.
    pub health_connect_type: String,
    /// A stable id for the health store's de-duplication (HealthKit
    /// `HKMetadataKeyExternalUUID`, Health Connect `clientRecordId`): `reset-practice-` and the
    /// session's `ps_` id, unique across profiles, erases and restores. Sessions stored before
    /// schema v7 keep the `reset-practice-<row number>` they were already written under.
    pub external_id: String,
}

impl PracticeSession {
    /// The end as RFC 3339 in the zone the person was in (`2027-03-28T09:20:00+01:00`).
    pub fn ended_local(&self) -> String {
        match parse_zone(&self.started.time_zone) {
            Ok(zone) => format_local(self.ended_at.0, zone),
            Err(_) => self.ended_at.to_rfc3339(),
        }
    }
}

impl Serialize for PracticeSession {
    /// The CLI's JSON: start and end as RFC 3339 in the person's zone and as Unix ms.
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Json<'a> {
            id: i64,
            uid: &'a str,
            technique: PracticeTechnique,
            #[serde(flatten, serialize_with = "start_json")]
            started: &'a Captured,
            ended_at: String,
            end_unix_ms: i64,
            start_utc_offset_seconds: i32,
            end_utc_offset_seconds: i32,
            planned_minutes: Option<u32>,
            actual_minutes: u32,
            completed: bool,
            programme_id: &'a Option<String>,
            step_id: &'a Option<String>,
            health_connect_type: &'a str,
            external_id: &'a str,
        }
        fn start_json<S: serde::Serializer>(
            c: &&Captured,
            s: S,
        ) -> std::result::Result<S::Ok, S::Error> {
            c.serialize_as(
                CapturedKeys {
                    at: None,
                    at_ms: Some("start_unix_ms"),
                    zone: Some("time_zone"),
                    local_date: Some("local_date"),
                    local_time: Some("started_at"),
                },
                s,
            )
        }
        let ended_at = self.ended_local();
        Json {
            id: self.legacy_id,
            uid: &self.id,
            technique: self.technique,
            started: &self.started,
            ended_at,
            end_unix_ms: self.ended_at.unix_ms(),
            start_utc_offset_seconds: self.start_utc_offset_seconds,
            end_utc_offset_seconds: self.end_utc_offset_seconds,
            planned_minutes: self.planned_minutes,
            actual_minutes: self.actual_minutes,
            completed: self.completed,
            programme_id: &self.programme_id,
            step_id: &self.step_id,
            health_connect_type: &self.health_connect_type,
            external_id: &self.external_id,
        }
        .serialize(s)
    }
}

fn check_minutes(value: u32, field: &str) -> Result<()> {
    if (1..=MAX_MINUTES).contains(&value) {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!("must be 1–{MAX_MINUTES} minutes"),
        ))
    }
}

/// Stores a session logged at `now` by someone in `zone`, and returns it.
///
/// Without a start time the session is taken to have just ended. The local day is the
/// start's, in `zone`. `link` is the programme step it was part of (resolved and checked by
/// `programme::log_practice`, so this module never reads programmes).
pub fn log(
    conn: &Connection,
    link: Option<StepLink>,
    input: &PracticeSessionInput,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<PracticeSession> {
    check_minutes(input.actual_minutes, "minutes")?;
    if let Some(planned) = input.planned_minutes {
        check_minutes(planned, "planned")?;
    }
    let length = Duration::minutes(i64::from(input.actual_minutes));
    let started = match input.started_at {
        Some(t) => t.instant(),
        None => now - length,
    };
    crate::time::check_record_instant(started, now, "at")?;
    let ended = started + length;
    let start = Moment::capture(started, zone);
    let uid = new_id(conn, id::PRACTICE_SESSION)?;
    conn.execute(
        "INSERT INTO practice_sessions (technique, started_ms, ended_ms, time_zone, local_date,
             planned_minutes, actual_minutes, completed, enrolment_id, programme_id, step_id,
             uid, external_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            input.technique.as_str(),
            started.timestamp_millis(),
            ended.timestamp_millis(),
            zone.name(),
            start.local_date.to_string(),
            input.planned_minutes,
            input.actual_minutes,
            input.completed,
            link.as_ref().map(|l| l.enrolment_id),
            link.as_ref().map(|l| l.programme_id.as_str()),
            input.step_id,
            uid,
            format!("reset-practice-{uid}"),
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?;
    let raw = stmt.query_row([id], RawSession::from_row)?;
    raw.into_session()
}

/// Sessions whose local day falls in `from..=to` (either end open), oldest first.
pub fn list(
    conn: &Connection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<PracticeSession>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE (?1 IS NULL OR local_date >= ?1) AND (?2 IS NULL OR local_date <= ?2)
         ORDER BY started_ms, id"
    ))?;
    let rows = stmt.query_map(
        params![from.map(|d| d.to_string()), to.map(|d| d.to_string())],
        RawSession::from_row,
    )?;
    rows.map(|r| r.map_err(Error::from).and_then(RawSession::into_session))
        .collect()
}

const SELECT: &str = "SELECT id, technique, started_ms, ended_ms, time_zone, local_date,
    planned_minutes, actual_minutes, completed, programme_id, step_id, uid, external_id
    FROM practice_sessions";

/// One stored session, by its id (`ps_…`) or by the row number it had before schema v7.
/// An unknown id is `not_found`; text that is neither is `invalid_input` on `id`.
pub fn find(conn: &Connection, id: &str) -> Result<PracticeSession> {
    let wanted = RecordRef::parse(id, id::PRACTICE_SESSION, "id")?;
    let (condition, value) = wanted.condition();
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE {condition}"))?;
    let mut rows = stmt.query_map([value], RawSession::from_row)?;
    match rows.next() {
        Some(raw) => raw?.into_session(),
        None => Err(Error::not_found("practice session")),
    }
}

/// A row as read, before its names and instants are checked.
struct RawSession {
    id: i64,
    technique: String,
    started_ms: i64,
    ended_ms: i64,
    zone: String,
    local_date: String,
    planned: Option<u32>,
    actual: u32,
    completed: bool,
    programme_id: Option<String>,
    step_id: Option<String>,
    uid: Option<String>,
    external_id: Option<String>,
}

impl RawSession {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(RawSession {
            id: r.get(0)?,
            technique: r.get(1)?,
            started_ms: r.get(2)?,
            ended_ms: r.get(3)?,
            zone: r.get(4)?,
            local_date: r.get(5)?,
            planned: r.get(6)?,
            actual: r.get(7)?,
            completed: r.get(8)?,
            programme_id: r.get(9)?,
            step_id: r.get(10)?,
            uid: r.get(11)?,
            external_id: r.get(12)?,
        })
    }

    fn into_session(self) -> Result<PracticeSession> {
        let corrupt = |what: &str| Error::Corrupt {
            reason: format!("a stored practice session has an unreadable {what}"),
        };
        let technique =
            PracticeTechnique::parse(&self.technique).ok_or_else(|| corrupt("technique"))?;
        let zone = parse_zone(&self.zone).map_err(|_| corrupt("time zone"))?;
        let started = Captured::stored(self.started_ms, self.zone, &self.local_date)?;
        let ended = Timestamp::from_unix_ms(self.ended_ms, "ended_ms")?;
        let offset = |t: DateTime<Utc>| t.with_timezone(&zone).offset().fix().local_minus_utc();
        Ok(PracticeSession {
            id: self.uid.ok_or_else(|| corrupt("id"))?,
            legacy_id: self.id,
            technique,
            start_utc_offset_seconds: offset(started.at.0),
            end_utc_offset_seconds: offset(ended.0),
            started,
            ended_at: ended,
            planned_minutes: self.planned,
            actual_minutes: self.actual,
            completed: self.completed,
            programme_id: self.programme_id,
            step_id: self.step_id,
            health_connect_type: technique.health_connect_type().to_string(),
            external_id: self.external_id.ok_or_else(|| corrupt("external id"))?,
        })
    }
}
