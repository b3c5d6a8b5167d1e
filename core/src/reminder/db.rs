//! Storage of reminder rules, snoozes, completions and the record of what the shell was handed
//! (tables from `store/migrations/v0005_reminders.sql`).
//!
//! Plain SQL over a connection or transaction the caller owns. Must never decide anything:
//! validation lives in `rule`, planning in `plan`.

use std::collections::HashMap;

use crate::time::Tz;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, Row, params};

use super::plan::{DoneFact, PlannedNotification, Snooze, fingerprint};
use super::rule::{
    ActivityKind, DaySet, QuietWindow, Rule, RuleDraft, format_time_of_day, parse_time_of_day,
};
use crate::error::{Error, Result};
use crate::time::{format_utc, parse_date, parse_instant};

const RULE_COLUMNS: &str = "id, kind, times, days, skip_if_done, quiet_start, quiet_end, \
                            paused_until, enabled, label, created_at";

fn corrupt(what: &str) -> Error {
    Error::Corrupt {
        reason: format!("a stored reminder has an unreadable {what}"),
    }
}

fn kind_of(text: &str) -> Result<ActivityKind> {
    ActivityKind::parse(text).map_err(|_| corrupt("kind"))
}

fn date_of(text: &str) -> Result<NaiveDate> {
    parse_date(text, "date").map_err(|_| corrupt("date"))
}

fn instant_of(text: &str) -> Result<DateTime<Utc>> {
    parse_instant(text, "instant").map_err(|_| corrupt("instant"))
}

fn rule_from_row(row: &Row<'_>) -> Result<Rule> {
    let times: String = row.get(2)?;
    let mut parsed = times
        .split(',')
        .map(|t| parse_time_of_day(t, "times").ok())
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| corrupt("time"))?;
    parsed.sort();
    let mask: i64 = row.get(3)?;
    let quiet = match (
        row.get::<_, Option<String>>(5)?,
        row.get::<_, Option<String>>(6)?,
    ) {
        (Some(a), Some(b)) => {
            Some(QuietWindow::parse(&format!("{a}-{b}")).map_err(|_| corrupt("quiet hours"))?)
        }
        _ => None,
    };
    Ok(Rule {
        id: row.get(0)?,
        kind: kind_of(&row.get::<_, String>(1)?)?,
        times: parsed,
        days: u8::try_from(mask)
            .ok()
            .and_then(DaySet::from_mask)
            .ok_or_else(|| corrupt("day set"))?,
        skip_if_done: row.get(4)?,
        quiet,
        paused_until: row
            .get::<_, Option<String>>(7)?
            .map(|d| date_of(&d))
            .transpose()?,
        enabled: row.get(8)?,
        label: row.get(9)?,
        created_at: instant_of(&row.get::<_, String>(10)?)?,
    })
}

/// Stores a validated rule under a new random id (`rule_` + 16 hex digits) and returns it.
pub fn insert_rule(
    conn: &Connection,
    draft: &RuleDraft,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<Rule> {
    // SQLite's randomblob is a CSPRNG: unique ids without another dependency.
    let id: String = conn.query_row("SELECT 'rule_' || lower(hex(randomblob(8)))", [], |r| {
        r.get(0)
    })?;
    let times: Vec<String> = draft
        .times
        .iter()
        .copied()
        .map(format_time_of_day)
        .collect();
    conn.execute(
        "INSERT INTO reminder_rules (id, kind, times, days, skip_if_done, quiet_start, quiet_end,
             paused_until, enabled, label, created_at, created_zone)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, 1, ?8, ?9, ?10)",
        params![
            id,
            draft.kind.as_str(),
            times.join(","),
            draft.days.mask(),
            draft.skip_if_done,
            draft.quiet.map(|q| format_time_of_day(q.start)),
            draft.quiet.map(|q| format_time_of_day(q.end)),
            draft.label,
            format_utc(now),
            zone.name(),
        ],
    )?;
    load_rule(conn, &id)
}

/// Every rule, oldest first.
pub fn load_rules(conn: &Connection) -> Result<Vec<Rule>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {RULE_COLUMNS} FROM reminder_rules ORDER BY created_at, id"
    ))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(rule_from_row(row)?);
    }
    Ok(out)
}

/// One rule; `not_found` when there is none with this id.
pub fn load_rule(conn: &Connection, id: &str) -> Result<Rule> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {RULE_COLUMNS} FROM reminder_rules WHERE id = ?1"
    ))?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(row) => rule_from_row(row),
        None => Err(Error::not_found("reminder rule")),
    }
}

fn changed(n: usize) -> Result<()> {
    if n == 0 {
        Err(Error::not_found("reminder rule"))
    } else {
        Ok(())
    }
}

/// Deletes a rule and (by cascade) its snoozes.
pub fn delete_rule(conn: &Connection, id: &str) -> Result<()> {
    changed(conn.execute("DELETE FROM reminder_rules WHERE id = ?1", [id])?)
}

/// Sets or clears the date notifications resume on.
pub fn set_paused_until(conn: &Connection, id: &str, until: Option<NaiveDate>) -> Result<()> {
    changed(conn.execute(
        "UPDATE reminder_rules SET paused_until = ?2 WHERE id = ?1",
        params![id, until.map(|d| d.to_string())],
    )?)
}

/// Turns a rule on or off.
pub fn set_enabled(conn: &Connection, id: &str, enabled: bool) -> Result<()> {
    changed(conn.execute(
        "UPDATE reminder_rules SET enabled = ?2 WHERE id = ?1",
        params![id, enabled],
    )?)
}

fn snooze_from_row(row: &Row<'_>) -> Result<Snooze> {
    Ok(Snooze {
        id: row.get(0)?,
        rule_id: row.get(1)?,
        kind: kind_of(&row.get::<_, String>(2)?)?,
        local_date: date_of(&row.get::<_, String>(3)?)?,
        fire_at: instant_of(&row.get::<_, String>(4)?)?,
        source_id: row.get(5)?,
    })
}

/// Snoozes that fire at or after `from`.
pub fn load_snoozes(conn: &Connection, from: DateTime<Utc>) -> Result<Vec<Snooze>> {
    let mut stmt = conn.prepare(
        "SELECT id, rule_id, kind, local_date, fire_at, source_id FROM reminder_snoozes
         WHERE fire_at >= ?1 ORDER BY fire_at, id",
    )?;
    let mut rows = stmt.query([format_utc(from)])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(snooze_from_row(row)?);
    }
    Ok(out)
}

/// A snooze by its own id.
pub fn find_snooze(conn: &Connection, id: &str) -> Result<Option<Snooze>> {
    let mut stmt = conn.prepare(
        "SELECT id, rule_id, kind, local_date, fire_at, source_id FROM reminder_snoozes WHERE id = ?1",
    )?;
    let mut rows = stmt.query([id])?;
    rows.next()?.map(snooze_from_row).transpose()
}

/// Stores a snooze, replacing any earlier snooze of the same notification.
pub fn insert_snooze(conn: &Connection, s: &Snooze, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "DELETE FROM reminder_snoozes WHERE source_id = ?1 OR id = ?1",
        [&s.source_id],
    )?;
    conn.execute(
        "INSERT INTO reminder_snoozes (id, rule_id, kind, local_date, fire_at, source_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            s.id,
            s.rule_id,
            s.kind.as_str(),
            s.local_date.to_string(),
            format_utc(s.fire_at),
            s.source_id,
            format_utc(now),
        ],
    )?;
    Ok(())
}

/// Deletes the snoozes of one occurrence (it was marked done).
pub fn delete_snoozes_of(conn: &Connection, source_id: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM reminder_snoozes WHERE source_id = ?1",
        [source_id],
    )?;
    Ok(())
}

/// Forgets snoozes that fired before `before` (they can never be pending again).
pub fn prune_snoozes(conn: &Connection, before: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "DELETE FROM reminder_snoozes WHERE fire_at < ?1",
        [format_utc(before)],
    )?;
    Ok(())
}

/// Completions recorded for local dates in `[from, to]`.
pub fn load_done(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<DoneFact>> {
    let mut stmt = conn.prepare(
        "SELECT kind, local_date, done_at, notification_id FROM reminder_completions
         WHERE local_date BETWEEN ?1 AND ?2 ORDER BY done_at",
    )?;
    let mut rows = stmt.query([from.to_string(), to.to_string()])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(DoneFact {
            kind: kind_of(&row.get::<_, String>(0)?)?,
            local_date: date_of(&row.get::<_, String>(1)?)?,
            at: instant_of(&row.get::<_, String>(2)?)?,
            notification_id: row.get(3)?,
        });
    }
    Ok(out)
}

/// Records that an activity was done (the zone is kept beside the instant, DESIGN §2).
pub fn insert_done(conn: &Connection, fact: &DoneFact, zone: Tz) -> Result<()> {
    conn.execute(
        "INSERT INTO reminder_completions (kind, local_date, done_at, zone, notification_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            fact.kind.as_str(),
            fact.local_date.to_string(),
            format_utc(fact.at),
            zone.name(),
            fact.notification_id,
        ],
    )?;
    Ok(())
}

/// What the shell was last handed: id → fingerprint.
pub fn handed_over(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare("SELECT id, fingerprint FROM reminder_handed_over")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces the record of what the shell holds with `plan`.
pub fn replace_handed_over(conn: &Connection, plan: &[PlannedNotification]) -> Result<()> {
    conn.execute("DELETE FROM reminder_handed_over", [])?;
    let mut stmt = conn
        .prepare("INSERT OR REPLACE INTO reminder_handed_over (id, fingerprint) VALUES (?1, ?2)")?;
    for n in plan {
        stmt.execute([&n.id, &fingerprint(n)])?;
    }
    Ok(())
}
