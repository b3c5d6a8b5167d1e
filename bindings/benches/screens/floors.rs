//! The raw-SQL floor: the same data each screen call returns, fetched with hand-written
//! SQL through rusqlite on the same SQLCipher file and key, into owned values. What the
//! core adds on top (validation, domain types, derived numbers, FFI-ready records) is the
//! difference the report's ratio shows.

use std::path::Path;

use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags, ToSql};

/// Opens `path` exactly as the store does: raw key, then the session pragmas.
pub fn open(path: &Path, key: &[u8; 32]) -> Connection {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).expect("open raw");
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    conn.execute_batch(&format!(
        "PRAGMA cipher_log_level = NONE; PRAGMA key = \"x'{hex}'\";"
    ))
    .expect("key");
    conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .expect("first read");
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;")
        .expect("pragmas");
    conn
}

/// Every row of `sql` as owned values (what a hand-written data layer would hand back).
pub fn fetch(conn: &Connection, sql: &str, params: &[&dyn ToSql]) -> Vec<Vec<Value>> {
    let mut stmt = conn.prepare_cached(sql).expect("prepare floor");
    let columns = stmt.column_count();
    let rows = stmt
        .query_map(params, |r| {
            (0..columns).map(|i| r.get::<_, Value>(i)).collect()
        })
        .expect("query floor");
    rows.collect::<rusqlite::Result<_>>().expect("rows")
}

pub const CHECK_INS: &str = "SELECT id, kind, mood, labels, areas, note, tags, at_ms, time_zone, local_date, created_ms, updated_ms
     FROM check_ins WHERE local_date BETWEEN ?1 AND ?2 ORDER BY at_ms DESC, seq DESC";

pub const CALENDAR: &str =
    "SELECT local_date, avg(mood), min(mood), max(mood), count(*) FROM check_ins
     WHERE local_date BETWEEN ?1 AND ?2 GROUP BY local_date ORDER BY local_date";

/// Insights' inputs: the calendar, every check-in's mood, day, minute, labels, areas and
/// tags in the range, and the thought records (their distortions and ratings live in JSON).
pub fn insights(conn: &Connection, from: &str, to: &str) -> usize {
    let p: [&dyn ToSql; 2] = [&from, &to];
    fetch(conn, CALENDAR, &p).len()
        + fetch(conn,
            "SELECT mood, local_date, local_minute, labels, areas, tags FROM check_ins
             WHERE local_date BETWEEN ?1 AND ?2", &p).len()
        + fetch(conn,
            "SELECT record FROM journal_entries WHERE kind = 'thought' AND local_date BETWEEN ?1 AND ?2", &p).len()
}

pub const ASSESSMENTS: &str = "SELECT id, instrument, answers, total, severity, flags, prorated, signpost, taken_at_ms, zone, local_date
     FROM assessments ORDER BY taken_at_ms, id";

/// First and latest PHQ-9 and GAD-7 totals (the outcome's inputs).
pub fn outcome(conn: &Connection) -> usize {
    let mut n = 0;
    for instrument in ["phq9", "gad7"] {
        let p: [&dyn ToSql; 1] = [&instrument];
        n += fetch(conn,
            "SELECT (SELECT total FROM assessments WHERE instrument = ?1 ORDER BY taken_at_ms LIMIT 1),
                    (SELECT total FROM assessments WHERE instrument = ?1 ORDER BY taken_at_ms DESC LIMIT 1)", &p).len();
    }
    n
}

/// The enrolment to show (the active one, else the last to end) and its completions.
pub fn programme_today(conn: &Connection) -> usize {
    fetch(
        conn,
        "WITH shown AS (SELECT id FROM programme_enrolments
                        ORDER BY state = 'active' DESC, ended_ms DESC, id DESC LIMIT 1)
         SELECT e.id, e.programme_id, e.state, e.started_ms, e.time_zone, e.resumed_ms,
                c.step_id, c.at_ms, c.time_zone, c.local_date
         FROM shown JOIN programme_enrolments e ON e.id = shown.id
         LEFT JOIN programme_completions c ON c.enrolment_id = e.id ORDER BY c.at_ms",
        &[],
    )
    .len()
}

/// The planner's inputs: every rule, pending snoozes and the completions from today on.
pub fn reminder_inputs(conn: &Connection, today: &str) -> usize {
    let p: [&dyn ToSql; 1] = [&today];
    fetch(
        conn,
        "SELECT * FROM reminder_rules ORDER BY created_at, id",
        &[],
    )
    .len()
        + fetch(conn, "SELECT * FROM reminder_snoozes", &[]).len()
        + fetch(
            conn,
            "SELECT kind, local_date FROM reminder_completions WHERE local_date >= ?1",
            &p,
        )
        .len()
}

/// Ranked full-text matches with snippets, from journal entries and check-in notes.
pub fn search(conn: &Connection, query: &str) -> usize {
    let p: [&dyn ToSql; 1] = [&query];
    fetch(
        conn,
        "SELECT e.id, e.kind, e.local_date, e.at_ms, snippet(journal_fts, -1, '[', ']', '...', 12)
         FROM journal_fts JOIN journal_entries e ON e.seq = journal_fts.rowid
         WHERE journal_fts MATCH ?1 ORDER BY rank LIMIT 20",
        &p,
    )
    .len()
        + fetch(
            conn,
            "SELECT c.id, c.local_date, c.at_ms, snippet(check_in_fts, -1, '[', ']', '...', 12)
         FROM check_in_fts JOIN check_ins c ON c.seq = check_in_fts.rowid
         WHERE check_in_fts MATCH ?1 ORDER BY rank LIMIT 20",
            &p,
        )
        .len()
}

/// What a therapist export reads for a range: check-ins, assessments, safety events,
/// practice, programme steps and shared journal entries.
pub fn export_rows(conn: &Connection, from: &str, to: &str) -> usize {
    let p: [&dyn ToSql; 2] = [&from, &to];
    fetch(conn, CHECK_INS, &p).len()
        + fetch(conn, "SELECT * FROM assessments WHERE local_date BETWEEN ?1 AND ?2 ORDER BY taken_at_ms", &p).len()
        + fetch(conn, "SELECT * FROM safety_events WHERE local_date BETWEEN ?1 AND ?2", &p).len()
        + fetch(conn, "SELECT * FROM practice_sessions WHERE local_date BETWEEN ?1 AND ?2 ORDER BY started_ms", &p).len()
        + fetch(conn, "SELECT * FROM programme_completions WHERE local_date BETWEEN ?1 AND ?2", &p).len()
        + fetch(conn,
            "SELECT * FROM journal_entries WHERE shared_with_therapist = 1 AND local_date BETWEEN ?1 AND ?2", &p).len()
}

/// Every row of every user table (what a backup must read).
pub fn whole_profile(conn: &Connection) -> usize {
    let tables: Vec<String> = fetch(conn,
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'", &[])
        .into_iter()
        .filter_map(|r| match r.into_iter().next() {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        })
        .collect();
    tables
        .iter()
        .map(|t| fetch(conn, &format!("SELECT * FROM \"{t}\""), &[]).len())
        .sum()
}
