//! Checks after a kill: the file as the kill left it (through plain SQLite), then every
//! acknowledged record through the facade.
//!
//! What "consistent" means here: the right key opens it and a wrong one does not;
//! `PRAGMA integrity_check` is `ok`; no foreign-key violation; each journal entry and
//! check-in has exactly its full-text row and the FTS5 indexes pass their own integrity
//! check; every signposted assessment has its safety event; every `ACK`ed record reads back
//! with the same fingerprint; and at most one record exists that was never acknowledged
//! (the write in flight when the kill landed, which committed but had not returned).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use reset_core::journal::JournalFilter;
use reset_core::time::FixedClock;
use rusqlite::Connection;

use crate::fixture;
use crate::workload::{self, Ack, json_fingerprint};

/// The tables whose rows the workload creates (one row per op of that kind).
pub const WRITE_TABLES: &[(&str, &str)] = &[
    ("check_in", "check_ins"),
    ("journal", "journal_entries"),
    ("assessment", "assessments"),
    ("practice", "practice_sessions"),
    ("programme_step", "programme_completions"),
    ("programme_start", "programme_enrolments"),
    ("programme_restart", "programme_enrolments"),
];

/// What plain SQLite saw in the file before the library touched it.
#[derive(Debug, Clone, Default)]
pub struct RawState {
    /// `PRAGMA user_version`.
    pub version: i64,
    /// Tables present.
    pub tables: BTreeSet<String>,
    /// Rows per table, for the tables in [`WRITE_TABLES`] that exist.
    pub counts: BTreeMap<String, i64>,
}

fn q(e: rusqlite::Error) -> String {
    format!("sqlite: {e}")
}

fn count(conn: &Connection, sql: &str) -> Result<i64, String> {
    conn.query_row(sql, [], |r| r.get(0)).map_err(q)
}

/// Opens the file as the kill left it and checks it structurally. `Err` names the problem.
pub fn raw_check(db: &Path, key: &[u8]) -> Result<RawState, String> {
    // Killed after the file was created but before its first transaction committed: an
    // empty file is an empty database (any key "opens" it, and there is nothing to lose).
    if std::fs::metadata(db).map(|m| m.len()).unwrap_or(0) == 0 {
        return Ok(RawState::default());
    }
    if fixture::raw_connection(db, &fixture::wrong_key())
        .and_then(|c| count(&c, "SELECT count(*) FROM sqlite_master"))
        .is_ok()
    {
        return Err("a wrong key opened the database".into());
    }
    let conn = fixture::raw_connection(db, key)?;
    let version = count(&conn, "PRAGMA user_version").map_err(|e| format!("right key: {e}"))?;
    let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(q)?;
    let answers: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .map_err(q)?
        .collect::<Result<_, _>>()
        .map_err(q)?;
    drop(stmt);
    if answers != ["ok"] {
        return Err(format!("integrity_check: {}", answers.join("; ")));
    }
    let fk = count(&conn, "SELECT count(*) FROM pragma_foreign_key_check")?;
    if fk != 0 {
        return Err(format!("{fk} foreign-key violations"));
    }
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .map_err(q)?;
    let tables: BTreeSet<String> = stmt
        .query_map([], |r| r.get(0))
        .map_err(q)?
        .collect::<Result<_, _>>()
        .map_err(q)?;
    drop(stmt);
    for (rows, fts) in [
        ("journal_entries", "journal_fts"),
        ("check_ins", "check_in_fts"),
    ] {
        if !tables.contains(rows) {
            continue;
        }
        let unindexed = count(
            &conn,
            &format!("SELECT count(*) FROM {rows} WHERE seq NOT IN (SELECT rowid FROM {fts})"),
        )?;
        let orphans = count(
            &conn,
            &format!("SELECT count(*) FROM {fts} WHERE rowid NOT IN (SELECT seq FROM {rows})"),
        )?;
        if unindexed != 0 || orphans != 0 {
            return Err(format!(
                "{rows}: {unindexed} rows without a search row, {orphans} search rows without a record"
            ));
        }
        conn.execute(
            &format!("INSERT INTO {fts} ({fts}) VALUES ('integrity-check')"),
            [],
        )
        .map_err(|e| format!("{fts} integrity-check: {e}"))?;
    }
    if tables.contains("assessments") {
        let signposted = count(
            &conn,
            "SELECT count(*) FROM assessments WHERE signpost IS NOT NULL",
        )?;
        let events = count(&conn, "SELECT count(*) FROM safety_events")?;
        if signposted != events {
            return Err(format!(
                "{signposted} signposted assessments but {events} safety events"
            ));
        }
    }
    let mut counts = BTreeMap::new();
    for (_, table) in WRITE_TABLES {
        if tables.contains(*table) {
            counts.insert(
                (*table).to_string(),
                count(&conn, &format!("SELECT count(*) FROM {table}"))?,
            );
        }
    }
    Ok(RawState {
        version,
        tables,
        counts,
    })
}

/// Everything acknowledged so far in one profile's life, across kills.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    /// Every `ACK` read from every child on this profile.
    pub acks: Vec<Ack>,
    /// Records that committed without an `ACK` (the kill landed after commit, before the
    /// reply), per table; each is adopted once so later runs expect it.
    pub adopted: BTreeMap<String, i64>,
    /// The op number the next child starts at.
    pub next_op: u64,
}

impl Ledger {
    fn expected(&self, table: &str) -> i64 {
        let acked = self
            .acks
            .iter()
            .filter(|a| {
                WRITE_TABLES
                    .iter()
                    .any(|(k, t)| *k == a.kind && *t == table)
            })
            .count();
        i64::try_from(acked).unwrap_or(i64::MAX) + self.adopted.get(table).copied().unwrap_or(0)
    }
}

/// Checks a profile after a kill in the writes workload, given the `ACK`s this child printed.
/// Returns how many unacknowledged records committed (0 or 1).
pub fn check_writes(
    db: &Path,
    key: &[u8],
    ledger: &mut Ledger,
    new: Vec<Ack>,
) -> Result<u64, String> {
    if let Some(last) = new.last() {
        ledger.next_op = last.op + 1;
    }
    ledger.acks.extend(new);
    if !db.exists() {
        return if ledger.acks.is_empty() {
            Ok(0)
        } else {
            Err("the database file is gone".into())
        };
    }
    let raw = raw_check(db, key)?;
    let mut extra_total = 0;
    let mut extra_tables = Vec::new();
    for table in raw.counts.keys() {
        let found = raw.counts[table];
        let extra = found - ledger.expected(table);
        if extra < 0 {
            return Err(format!("{table}: {} acknowledged records missing", -extra));
        }
        if extra > 0 {
            extra_total += extra;
            extra_tables.push((table.clone(), extra));
        }
    }
    if extra_total > 1 {
        return Err(format!(
            "{extra_total} unacknowledged records; at most the one in flight may exist"
        ));
    }
    for (table, extra) in extra_tables {
        *ledger.adopted.entry(table).or_insert(0) += extra;
    }
    if extra_total == 1 {
        ledger.next_op += 1;
    }
    check_acks_through_facade(db, key, &ledger.acks)?;
    Ok(u64::try_from(extra_total).unwrap_or(0))
}

/// Reads every acknowledged record back through the facade and compares fingerprints.
pub fn check_acks_through_facade(db: &Path, key: &[u8], acks: &[Ack]) -> Result<(), String> {
    let clock = Arc::new(FixedClock(
        reset_core::time::from_unix_ms(workload::BASE_MS, "now").map_err(|e| e.to_string())?,
    ));
    let c = workload::open(db, key, clock).map_err(|e| format!("reopen: {e}"))?;
    let status = c.status().map_err(|e| e.to_string())?;
    if status.schema_version != reset_core::store::SCHEMA_VERSION {
        return Err(format!("schema {} after reopening", status.schema_version));
    }
    let fp = |pairs: Vec<(String, String)>| pairs.into_iter().collect::<BTreeMap<_, _>>();
    let check_ins = fp(c
        .check_ins(None, None)
        .map_err(|e| e.to_string())?
        .iter()
        .map(|x| (x.id.clone(), json_fingerprint(x)))
        .collect());
    let assessments = fp(c
        .assessment_history(None)
        .map_err(|e| e.to_string())?
        .iter()
        .map(|x| (x.id.to_string(), json_fingerprint(x)))
        .collect());
    let practice = fp(c
        .practice_sessions(None, None)
        .map_err(|e| e.to_string())?
        .iter()
        .map(|x| (x.id.to_string(), json_fingerprint(x)))
        .collect());
    // Listing parses every stored journal record: a torn JSON record would fail here.
    let journal = fp(c
        .journal_entries(JournalFilter::default())
        .map_err(|e| e.to_string())?
        .iter()
        .map(|x| (x.id.clone(), json_fingerprint(x)))
        .collect());
    c.close();
    let conn = fixture::raw_connection(db, key)?;
    for a in acks {
        let found =
            match a.kind.as_str() {
                "check_in" => check_ins.get(&a.id) == Some(&a.hash),
                "journal" => journal.get(&a.id) == Some(&a.hash),
                "assessment" => assessments.get(&a.id) == Some(&a.hash),
                "practice" => practice.get(&a.id) == Some(&a.hash),
                "programme_step" => {
                    let (step, at) = a.id.split_once('@').ok_or("bad step ack")?;
                    conn.query_row(
                    "SELECT count(*) FROM programme_completions WHERE step_id = ?1 AND at_ms = ?2",
                    rusqlite::params![step, at.parse::<i64>().map_err(|e| e.to_string())?],
                    |r| r.get::<_, i64>(0),
                ).map_err(q)? == 1
                }
                "programme_start" | "programme_restart" => {
                    conn.query_row(
                        "SELECT count(*) FROM programme_enrolments WHERE started_ms = ?1",
                        [a.id.parse::<i64>().map_err(|e| e.to_string())?],
                        |r| r.get::<_, i64>(0),
                    )
                    .map_err(q)?
                        == 1
                }
                "programme_resume" => true,
                other => return Err(format!("unknown ack kind {other}")),
            };
        if !found {
            return Err(format!(
                "acknowledged {} {} (op {}) is missing or changed",
                a.kind, a.id, a.op
            ));
        }
    }
    Ok(())
}
