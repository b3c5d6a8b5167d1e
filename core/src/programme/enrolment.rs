//! Enrolments: which programme a person is following, the steps they have completed, and the
//! operations on them (start, complete, leave, resume, restart) with their views (today,
//! progress).
//!
//! Owns the `programme_enrolments` and `programme_completions` tables. One structured
//! programme is active at a time (free practice is always available alongside). Must never
//! delete a completion (leaving and restarting keep history) or store anything for a step
//! the rules in [`super::progress`] say is locked. Callers run the writing operations inside
//! one transaction (`Store::write`).

use crate::time::Tz;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::catalogue::Catalogue;
use super::content::Programme;
use super::progress::{self, Admission, Completion, ProgrammeState, StepProgress, StepStatus};
use crate::error::{Error, Result};
use crate::time::{
    Captured, CapturedKeys, Moment, from_unix_ms, local_date, parse_date, parse_zone,
};

/// JSON keys of a step completion's moment: `completed_at` (with offset) and `local_date`.
fn completed_json<S: serde::Serializer>(
    c: &Captured,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    c.serialize_as(
        CapturedKeys {
            at: None,
            at_ms: None,
            zone: None,
            local_date: Some("local_date"),
            local_time: Some("completed_at"),
        },
        s,
    )
}

/// What `today` shows: the current programme and its steps for today.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ProgrammeToday {
    /// The programme's id, or `null` when none is in progress.
    pub programme: Option<String>,
    /// The programme's title.
    pub title: Option<String>,
    /// Active, paused or finished.
    pub state: Option<ProgrammeState>,
    /// Steps completed today, then the ones that are open or opening next.
    pub steps: Vec<StepProgress>,
}

/// A person's whole progress through their current programme.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ProgrammeProgress {
    /// The programme's id.
    pub programme: String,
    /// The programme's title.
    pub title: String,
    /// Active, paused or finished.
    pub state: ProgrammeState,
    /// When they enrolled (RFC 3339, in the zone they were in then).
    #[serde(serialize_with = "crate::time::moment::captured_local_json")]
    pub enrolled_at: Captured,
    /// Steps completed so far.
    pub completed_steps: u32,
    /// Steps in the programme.
    pub total_steps: u32,
    /// The first step not yet done, if any.
    pub next_step: Option<String>,
    /// Every step with its status.
    pub steps: Vec<StepProgress>,
}

/// The outcome of completing a step.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct StepCompletion {
    /// The programme's id.
    pub programme: String,
    /// The step completed.
    pub step_id: String,
    /// When it was completed (RFC 3339, in the zone the person was in then).
    #[serde(flatten, serialize_with = "completed_json")]
    pub completed: Captured,
    /// The local day it counts for, `YYYY-MM-DD`.
    /// True when the step had already been completed: nothing new was stored.
    pub already_completed: bool,
    /// The programme's state afterwards.
    pub state: ProgrammeState,
    /// The next step and when it opens, if any remain.
    pub next: Option<StepProgress>,
}

/// An enrolment row.
#[derive(Debug, Clone)]
struct Enrolment {
    id: i64,
    programme_id: String,
    state: String,
    started_at: DateTime<Utc>,
    zone: Tz,
    resumed_at: Option<DateTime<Utc>>,
}

const ENROLMENT_COLUMNS: &str = "id, programme_id, state, started_ms, time_zone, resumed_ms";

fn enrolment_from_row(
    row: &Row<'_>,
) -> rusqlite::Result<(i64, String, String, i64, String, Option<i64>)> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
    ))
}

fn query_enrolment(
    conn: &Connection,
    where_clause: &str,
    args: impl rusqlite::Params,
) -> Result<Option<Enrolment>> {
    let sql =
        format!("SELECT {ENROLMENT_COLUMNS} FROM programme_enrolments {where_clause} LIMIT 1");
    let row = conn
        .prepare_cached(&sql)?
        .query_row(args, enrolment_from_row)
        .optional()?;
    row.map(|(id, programme_id, state, started, zone, resumed)| {
        Ok(Enrolment {
            id,
            programme_id,
            state,
            started_at: from_unix_ms(started, "started_ms")?,
            zone: stored_zone(&zone)?,
            resumed_at: resumed
                .map(|ms| from_unix_ms(ms, "resumed_ms"))
                .transpose()?,
        })
    })
    .transpose()
}

fn stored_zone(name: &str) -> Result<Tz> {
    parse_zone(name).map_err(|_| Error::Corrupt {
        reason: "a stored time zone is not a known IANA zone".into(),
    })
}

/// The one active enrolment, if any.
fn active(conn: &Connection) -> Result<Option<Enrolment>> {
    query_enrolment(conn, "WHERE state = 'active'", [])
}

/// The enrolment to show: the active one, or else the last one to end if it was finished.
fn current(conn: &Connection) -> Result<Option<Enrolment>> {
    if let Some(e) = active(conn)? {
        return Ok(Some(e));
    }
    let last = query_enrolment(
        conn,
        "WHERE ended_ms IS NOT NULL ORDER BY ended_ms DESC, id DESC",
        [],
    )?;
    Ok(last.filter(|e| e.state == "finished"))
}

/// The completed steps of an enrolment, oldest first.
fn completions(conn: &Connection, enrolment_id: i64) -> Result<Vec<Completion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT step_id, at_ms, time_zone, local_date FROM programme_completions
         WHERE enrolment_id = ?1 ORDER BY at_ms",
    )?;
    let rows = stmt.query_map([enrolment_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (step_id, at, zone, day) = row?;
        out.push(Completion {
            step_id,
            at: from_unix_ms(at, "at_ms")?,
            zone: stored_zone(&zone)?,
            local_date: parse_date(&day, "local_date")?,
        });
    }
    Ok(out)
}

fn progress_view(
    p: &Programme,
    e: &Enrolment,
    done: &[Completion],
    now: DateTime<Utc>,
    zone: Tz,
) -> ProgrammeProgress {
    let steps: Vec<StepProgress> = p
        .steps
        .iter()
        .map(|s| progress::step_progress(s, done, now))
        .collect();
    ProgrammeProgress {
        programme: p.id.clone(),
        title: p.title.clone(),
        state: progress::state(p, done, e.started_at, e.resumed_at, now, zone),
        enrolled_at: Moment::capture(e.started_at, e.zone).captured(),
        completed_steps: count(steps.iter().filter(|s| s.status == StepStatus::Done)),
        total_steps: count(steps.iter()),
        next_step: steps
            .iter()
            .find(|s| s.status != StepStatus::Done)
            .map(|s| s.id.clone()),
        steps,
    }
}

fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    u32::try_from(items.count()).unwrap_or(u32::MAX)
}

/// Today's steps for the current programme (an empty view when there is none).
pub fn today(
    conn: &Connection,
    cat: &Catalogue,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<ProgrammeToday> {
    let Some(e) = current(conn)? else {
        return Ok(ProgrammeToday {
            programme: None,
            title: None,
            state: None,
            steps: Vec::new(),
        });
    };
    let p = cat.get(&e.programme_id)?;
    let done = completions(conn, e.id)?;
    Ok(ProgrammeToday {
        programme: Some(p.id.clone()),
        title: Some(p.title.clone()),
        state: Some(progress::state(
            p,
            &done,
            e.started_at,
            e.resumed_at,
            now,
            zone,
        )),
        steps: progress::today(p, &done, now, zone),
    })
}

/// The whole progress through the current programme, or `None` when there is none.
pub fn progress(
    conn: &Connection,
    cat: &Catalogue,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<Option<ProgrammeProgress>> {
    let Some(e) = current(conn)? else {
        return Ok(None);
    };
    let p = cat.get(&e.programme_id)?;
    let done = completions(conn, e.id)?;
    Ok(Some(progress_view(p, &e, &done, now, zone)))
}

fn view_of(
    conn: &Connection,
    cat: &Catalogue,
    e: &Enrolment,
    at: DateTime<Utc>,
    zone: Tz,
) -> Result<ProgrammeProgress> {
    let p = cat.get(&e.programme_id)?;
    let done = completions(conn, e.id)?;
    Ok(progress_view(p, e, &done, at, zone))
}

fn insert_enrolment(
    conn: &Connection,
    p: &Programme,
    at: DateTime<Utc>,
    zone: Tz,
) -> Result<Enrolment> {
    conn.execute(
        "INSERT INTO programme_enrolments (programme_id, content_version, state, started_ms, time_zone, local_date)
         VALUES (?1, ?2, 'active', ?3, ?4, ?5)",
        params![p.id, p.version, at.timestamp_millis(), zone.name(), local_date(at, zone).to_string()],
    )?;
    Ok(Enrolment {
        id: conn.last_insert_rowid(),
        programme_id: p.id.clone(),
        state: "active".into(),
        started_at: at,
        zone,
        resumed_at: None,
    })
}

fn reactivate(conn: &Connection, id: i64, at: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "UPDATE programme_enrolments SET state = 'active', ended_ms = NULL, resumed_ms = ?2 WHERE id = ?1",
        params![id, at.timestamp_millis()],
    )?;
    Ok(())
}

fn end(conn: &Connection, id: i64, state: &str, at: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "UPDATE programme_enrolments SET state = ?2, ended_ms = ?3 WHERE id = ?1",
        params![id, state, at.timestamp_millis()],
    )?;
    Ok(())
}

fn busy_with(other: &str) -> Error {
    Error::conflict(format!(
        "programme `{other}` is in progress; one structured programme runs at a time. Leave it first (its progress is kept)"
    ))
}

/// Enrols in `programme_id` at `at`.
///
/// Starting the programme already in progress changes nothing. Starting one that was left
/// earlier picks it up where it was left. Another programme in progress is a `conflict`.
pub fn start(
    conn: &Connection,
    cat: &Catalogue,
    programme_id: &str,
    at: DateTime<Utc>,
    zone: Tz,
) -> Result<ProgrammeProgress> {
    let p = cat.get(programme_id)?;
    if let Some(e) = active(conn)? {
        if e.programme_id != p.id {
            return Err(busy_with(&e.programme_id));
        }
        return view_of(conn, cat, &e, at, zone);
    }
    let left = query_enrolment(
        conn,
        "WHERE state = 'left' AND programme_id = ?1 ORDER BY ended_ms DESC, id DESC",
        [&p.id],
    )?;
    let e = match left {
        Some(mut e) => {
            reactivate(conn, e.id, at)?;
            e.resumed_at = Some(at);
            e
        }
        None => insert_enrolment(conn, p, at, zone)?,
    };
    view_of(conn, cat, &e, at, zone)
}

/// Sets the active programme aside, keeping its progress. Returns its id, or `None` if no
/// programme was active (leaving twice is not an error).
pub fn leave(conn: &Connection, at: DateTime<Utc>) -> Result<Option<String>> {
    let Some(e) = active(conn)? else {
        return Ok(None);
    };
    end(conn, e.id, "left", at)?;
    Ok(Some(e.programme_id))
}

/// Clears a pause on the active programme, or picks up the programme left most recently.
pub fn resume(
    conn: &Connection,
    cat: &Catalogue,
    at: DateTime<Utc>,
    zone: Tz,
) -> Result<ProgrammeProgress> {
    let e = match active(conn)? {
        Some(e) => e,
        None => query_enrolment(
            conn,
            "WHERE state = 'left' ORDER BY ended_ms DESC, id DESC",
            [],
        )?
        .ok_or_else(|| Error::not_found("a programme to resume"))?,
    };
    reactivate(conn, e.id, at)?;
    let e = Enrolment {
        resumed_at: Some(at),
        ..e
    };
    view_of(conn, cat, &e, at, zone)
}

/// Starts `programme_id` (default: the current one) again from the first step.
///
/// The earlier run is kept as history, never deleted.
pub fn restart(
    conn: &Connection,
    cat: &Catalogue,
    programme_id: Option<&str>,
    at: DateTime<Utc>,
    zone: Tz,
) -> Result<ProgrammeProgress> {
    let current = current(conn)?;
    let target = match (programme_id, &current) {
        (Some(id), _) => cat.get(id)?,
        (None, Some(e)) => cat.get(&e.programme_id)?,
        (None, None) => return Err(Error::not_found("a programme to restart (name one)")),
    };
    if let Some(e) = active(conn)? {
        if e.programme_id != target.id {
            return Err(busy_with(&e.programme_id));
        }
        end(conn, e.id, "restarted", at)?;
    }
    let e = insert_enrolment(conn, target, at, zone)?;
    view_of(conn, cat, &e, at, zone)
}

/// Completes `step_id` of the current programme at `at`, for someone in `zone`.
///
/// Idempotent: completing a done step stores nothing and reports `already_completed`. A
/// locked step is a `conflict` naming when it opens, and nothing is stored.
pub fn complete(
    conn: &Connection,
    cat: &Catalogue,
    step_id: &str,
    at: DateTime<Utc>,
    zone: Tz,
) -> Result<StepCompletion> {
    let e = current(conn)?
        .ok_or_else(|| Error::conflict("no programme is in progress; start one first"))?;
    let p = cat.get(&e.programme_id)?;
    let mut done = completions(conn, e.id)?;
    let (completion, already) = match progress::admit(p, &done, step_id, at)? {
        Admission::AlreadyDone(c) => (c, true),
        Admission::Allowed => {
            let c = Completion::new(step_id, at, zone);
            conn.execute(
                "INSERT INTO programme_completions (enrolment_id, step_id, at_ms, time_zone, local_date)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![e.id, c.step_id, at.timestamp_millis(), zone.name(), c.local_date.to_string()],
            )?;
            done.push(c.clone());
            (c, false)
        }
    };
    let state = progress::state(p, &done, e.started_at, e.resumed_at, at, zone);
    if state == ProgrammeState::Finished && e.state == "active" {
        end(conn, e.id, "finished", at)?;
    }
    let next = p
        .steps
        .iter()
        .find(|s| progress::find(&done, &s.id).is_none())
        .map(|s| progress::step_progress(s, &done, at));
    Ok(StepCompletion {
        programme: p.id.clone(),
        step_id: completion.step_id.clone(),
        completed: completion.captured(),
        already_completed: already,
        state,
        next,
    })
}

/// The enrolment a practice session may link to: the active one, with its programme, if
/// `step_id` belongs to it.
pub(crate) fn active_step(
    conn: &Connection,
    cat: &Catalogue,
    step_id: &str,
) -> Result<crate::practice::StepLink> {
    let e = active(conn)?
        .ok_or_else(|| Error::conflict("no programme is in progress to link this session to"))?;
    let p = cat.get(&e.programme_id)?;
    p.step(step_id)
        .ok_or_else(|| Error::not_found(format!("step `{step_id}` in programme `{}`", p.id)))?;
    Ok(crate::practice::StepLink {
        enrolment_id: e.id,
        programme_id: p.id.clone(),
    })
}

/// Logs a practice session (see `practice::session::log`), first checking that its step, if
/// any, belongs to the active programme. Programmes know about practice, never the reverse.
pub fn log_practice(
    conn: &Connection,
    cat: &Catalogue,
    input: &crate::practice::PracticeSessionInput,
    now: chrono::DateTime<chrono::Utc>,
    zone: crate::time::Tz,
) -> Result<crate::practice::PracticeSession> {
    let link = match input.step_id.as_deref() {
        Some(step) => Some(active_step(conn, cat, step)?),
        None => None,
    };
    crate::practice::session::log(conn, link, input, now, zone)
}
