//! History: completed assessments stored with their answers, UTC instant, IANA zone and
//! local date (DESIGN §2), and the safety events recording that a signpost was shown.
//!
//! Owns the `assessments` and `safety_events` tables. Must never store an answer set that did
//! not score, and never put answers into a safety event: it records when, why, which
//! instrument and which region's resources — what the therapist export shows.

use crate::time::Tz;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, Transaction, params};
use serde::Serialize;

use super::answer::{Answer, format_answers, parse_answers};
use super::instrument::instrument;
use super::scoring::{AssessmentResult, evaluate};
use super::signpost::{Region, SignpostReason};
use crate::error::{Error, Result};
use crate::store::id::{self, RecordRef, new_id};
use crate::time::{self, Captured, CapturedKeys, Moment};

/// JSON keys of an assessment's moment: `taken_at_ms`, `taken_at` (with offset), `zone`, `local_date`.
fn taken_json<S: serde::Serializer>(c: &Captured, s: S) -> std::result::Result<S::Ok, S::Error> {
    c.serialize_as(
        CapturedKeys {
            at: None,
            at_ms: Some("taken_at_ms"),
            zone: Some("zone"),
            local_date: Some("local_date"),
            local_time: Some("taken_at"),
        },
        s,
    )
}

/// JSON keys of a safety event's moment: `occurred_at_ms`, `occurred_at`, `zone`, `local_date`.
fn occurred_json<S: serde::Serializer>(c: &Captured, s: S) -> std::result::Result<S::Ok, S::Error> {
    c.serialize_as(
        CapturedKeys {
            at: None,
            at_ms: Some("occurred_at_ms"),
            zone: Some("zone"),
            local_date: Some("local_date"),
            local_time: Some("occurred_at"),
        },
        s,
    )
}

/// One stored assessment, as history lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AssessmentRecord {
    /// The record's id (`as_` + 24 hex digits). In the CLI's JSON: `uid`.
    #[serde(rename = "uid")]
    pub id: String,
    /// The row number that was this record's id before schema v7 (still accepted by
    /// [`find`]). In the CLI's JSON: `id`, as it always was.
    #[serde(rename = "id")]
    pub legacy_id: i64,
    /// Instrument id (`phq9`).
    pub instrument: String,
    /// The answers in item order.
    pub answers: Vec<Answer>,
    /// The total shown at the time.
    pub total: u32,
    /// The instrument's highest total.
    pub max: u32,
    /// The band shown at the time.
    pub severity: String,
    /// Flags raised.
    pub flags: Vec<String>,
    /// Whether the total was prorated from fewer answers.
    pub prorated: bool,
    /// The signpost shown with it, if any.
    pub signpost: Option<SignpostReason>,
    /// When it was completed, the zone the person was in and the local day it belongs to.
    #[serde(flatten, serialize_with = "taken_json")]
    pub taken: Captured,
}

/// What storing an assessment returns: the stored row and the full result to show
/// (signpost first, when present).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TakenAssessment {
    /// The stored row.
    pub record: AssessmentRecord,
    /// The scored result with its crisis resources.
    pub result: AssessmentResult,
}

/// A record that a crisis signpost was shown. Never holds answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SafetyEvent {
    /// The event's id (`se_` + 24 hex digits). In JSON: `uid`.
    #[serde(rename = "uid")]
    pub id: String,
    /// The row number that was its id before schema v7. In JSON: `id`.
    #[serde(rename = "id")]
    pub legacy_id: i64,
    /// When it was shown, the zone the person was in and the local day.
    #[serde(flatten, serialize_with = "occurred_json")]
    pub occurred: Captured,
    /// The instrument whose result brought it up.
    pub instrument: String,
    /// Why it was shown.
    pub reason: SignpostReason,
    /// The region whose resources were listed.
    pub region: String,
    /// The version of the crisis resources file shown.
    pub resources_version: u32,
    /// The assessment it came with (its `as_` id), unless that was deleted.
    pub assessment_id: Option<String>,
}

/// When and where an assessment was completed.
#[derive(Debug, Clone, Copy)]
pub struct TakenAt {
    /// The instant it was completed (not after `now`).
    pub at: DateTime<Utc>,
    /// The current instant, from the injected clock.
    pub now: DateTime<Utc>,
    /// The IANA zone the person was in.
    pub zone: Tz,
}

/// Scores and stores an assessment; records a safety event when the result carries a
/// signpost. Nothing is written when the answers do not score.
pub fn take(
    tx: &Transaction<'_>,
    instrument_id: &str,
    answers: &[Answer],
    region: &Region,
    when: TakenAt,
) -> Result<TakenAssessment> {
    let TakenAt { at, now, zone } = when;
    if at > now {
        return Err(Error::invalid(
            "taken_at",
            "an assessment cannot be taken in the future",
        ));
    }
    time::check_record_instant(at, now, "taken_at")?;
    let ins = instrument(instrument_id)?;
    let result = evaluate(ins, answers)?.into_result(region)?;
    let moment = Moment::capture(at, zone);
    let local_date = moment.local_date.to_string();
    let reason = result.signpost.as_ref().map(|s| s.reason);
    let uid = new_id(tx, id::ASSESSMENT)?;
    tx.execute(
        "INSERT INTO assessments (instrument, instrument_version, answers, total, severity,
             flags, prorated, signpost, taken_at_ms, zone, local_date, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            ins.id,
            ins.version,
            format_answers(answers),
            result.total,
            result.severity,
            result.flags.join(","),
            result.prorated,
            reason.map(SignpostReason::as_str),
            at.timestamp_millis(),
            zone.name(),
            local_date,
            uid,
        ],
    )?;
    let row = tx.last_insert_rowid();
    if let Some(signpost) = &result.signpost {
        tx.execute(
            "INSERT INTO safety_events (occurred_at_ms, zone, local_date, instrument, reason,
                 region, resources_version, assessment_id, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                at.timestamp_millis(),
                zone.name(),
                local_date,
                ins.id,
                signpost.reason.as_str(),
                signpost.region,
                signpost.resources_version,
                row,
                new_id(tx, id::SAFETY_EVENT)?,
            ],
        )?;
    }
    let record = AssessmentRecord {
        id: uid,
        legacy_id: row,
        instrument: ins.id.clone(),
        answers: answers.to_vec(),
        total: result.total,
        max: result.max,
        severity: result.severity.clone(),
        flags: result.flags.clone(),
        prorated: result.prorated,
        signpost: reason,
        taken: moment.captured(),
    };
    Ok(TakenAssessment { record, result })
}

const RECORD_COLUMNS: &str = "id, instrument, answers, total, severity, flags, prorated, signpost,
     taken_at_ms, zone, local_date, uid";

/// One stored assessment, by its id (`as_…`) or by the row number it had before schema v7.
/// An unknown id is `not_found`; text that is neither is `invalid_input` on `id`.
pub fn find(conn: &Connection, id: &str) -> Result<AssessmentRecord> {
    let wanted = RecordRef::parse(id, id::ASSESSMENT, "id")?;
    let (condition, value) = wanted.condition();
    let sql = format!("SELECT {RECORD_COLUMNS} FROM assessments WHERE {condition}");
    collect(conn, &sql, [value])?
        .pop()
        .ok_or_else(|| Error::not_found("assessment"))
}

/// Stored assessments, oldest first; only `instrument`'s when given.
pub fn history(conn: &Connection, instrument_id: Option<&str>) -> Result<Vec<AssessmentRecord>> {
    match instrument_id {
        Some(id) => {
            let ins = instrument(id)?;
            let sql = format!(
                "SELECT {RECORD_COLUMNS} FROM assessments WHERE instrument = ?1
                 ORDER BY taken_at_ms, id"
            );
            collect(conn, &sql, [ins.id.as_str()])
        }
        None => {
            let sql = format!("SELECT {RECORD_COLUMNS} FROM assessments ORDER BY taken_at_ms, id");
            collect(conn, &sql, [])
        }
    }
}

fn collect(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<AssessmentRecord>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, RawRecord::read)?;
    rows.map(|r| r.map_err(Error::from).and_then(RawRecord::into_record))
        .collect()
}

/// A row as SQLite holds it, before the text columns are interpreted.
struct RawRecord {
    id: i64,
    instrument: String,
    answers: String,
    total: u32,
    severity: String,
    flags: String,
    prorated: bool,
    signpost: Option<String>,
    taken_at_ms: i64,
    zone: String,
    local_date: String,
    uid: Option<String>,
}

impl RawRecord {
    fn read(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(RawRecord {
            id: r.get(0)?,
            instrument: r.get(1)?,
            answers: r.get(2)?,
            total: r.get(3)?,
            severity: r.get(4)?,
            flags: r.get(5)?,
            prorated: r.get(6)?,
            signpost: r.get(7)?,
            taken_at_ms: r.get(8)?,
            zone: r.get(9)?,
            local_date: r.get(10)?,
            uid: r.get(11)?,
        })
    }

    fn into_record(self) -> Result<AssessmentRecord> {
        let corrupt = |what: &str| Error::Corrupt {
            reason: format!("assessment {} has an unreadable {what}", self.id),
        };
        let answers = parse_answers(&self.answers).map_err(|_| corrupt("answer list"))?;
        time::parse_zone(&self.zone).map_err(|_| corrupt("zone"))?;
        let taken = Captured::stored(self.taken_at_ms, self.zone.clone(), &self.local_date)
            .map_err(|_| corrupt("instant"))?;
        let max = instrument(&self.instrument)
            .map_err(|_| corrupt("instrument"))?
            .max_total;
        let signpost = match &self.signpost {
            Some(s) => Some(SignpostReason::parse(s).ok_or_else(|| corrupt("signpost"))?),
            None => None,
        };
        Ok(AssessmentRecord {
            id: self.uid.clone().ok_or_else(|| corrupt("id"))?,
            legacy_id: self.id,
            instrument: self.instrument,
            answers,
            total: self.total,
            max,
            severity: self.severity,
            flags: split_flags(&self.flags),
            prorated: self.prorated,
            signpost,
            taken,
        })
    }
}

fn split_flags(text: &str) -> Vec<String> {
    text.split(',')
        .filter(|f| !f.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether the stored answers (`1,0,…,decline`) decline PHQ-9 item 9.
fn item9_declined(instrument: Option<&str>, answers: Option<&str>) -> bool {
    instrument == Some("phq9") && answers.and_then(|a| a.split(',').nth(8)) == Some("decline")
}

/// Every safety event, oldest first. A signpost stored as `self_harm_thoughts` for a PHQ-9
/// whose item 9 was declined reads back as [`SignpostReason::Item9Declined`]: the reason is
/// derived from the stored answers, so every row — old or new — says what happened, with no
/// data migration (therapist read-through, finding 5).
pub fn safety_events(conn: &Connection) -> Result<Vec<SafetyEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.occurred_at_ms, e.zone, e.local_date, e.instrument, e.reason, e.region,
                e.resources_version, a.uid, a.instrument, a.answers, e.uid
         FROM safety_events e LEFT JOIN assessments a ON a.id = e.assessment_id
         ORDER BY e.occurred_at_ms, e.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, u32>(7)?,
            r.get::<_, Option<String>>(8)?,
            item9_declined(
                r.get::<_, Option<String>>(9)?.as_deref(),
                r.get::<_, Option<String>>(10)?.as_deref(),
            ),
            r.get::<_, Option<String>>(11)?,
        ))
    })?;
    rows.map(|row| {
        let (
            id,
            ms,
            zone,
            local_date,
            instrument,
            reason,
            region,
            version,
            assessment_id,
            declined,
            uid,
        ) = row?;
        let corrupt = || Error::Corrupt {
            reason: format!("safety event {id} is unreadable"),
        };
        let occurred = Captured::stored(ms, zone, &local_date).map_err(|_| corrupt())?;
        Ok(SafetyEvent {
            id: uid.ok_or_else(corrupt)?,
            legacy_id: id,
            occurred,
            instrument,
            reason: match SignpostReason::parse(&reason).ok_or_else(corrupt)? {
                SignpostReason::SelfHarmThoughts if declined => SignpostReason::Item9Declined,
                r => r,
            },
            region,
            resources_version: version,
            assessment_id,
        })
    })
    .collect()
}
