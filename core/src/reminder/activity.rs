//! Where "this kind of activity was done today" comes from, besides the reminder's own
//! completions: the rows other capabilities store (practice sessions, check-ins, journal
//! entries, programme steps, questionnaires), each already carrying its local day (DESIGN §2).
//!
//! Read-only and declared as data. The reminder module does not link those modules: it reads
//! their tables only when the table and columns exist, so it builds and works without them.
//! Must never read anything but the day and the instant (no moods, scores or text).

use chrono::{DateTime, NaiveDate};
use rusqlite::Connection;

use super::plan::DoneFact;
use super::rule::ActivityKind;
use crate::error::Result;
use crate::time::parse_date;

/// One source of completions: rows of `table` with `local_date` and a Unix-ms instant.
struct Source {
    kind: ActivityKind,
    table: &'static str,
    instant_ms: &'static str,
    /// An extra condition on a column that must also exist (e.g. only completed sessions).
    only_if: Option<(&'static str, &'static str)>,
}

const SOURCES: &[Source] = &[
    Source {
        kind: ActivityKind::Meditation,
        table: "practice_sessions",
        instant_ms: "ended_ms",
        only_if: Some(("completed", "completed = 1")),
    },
    Source {
        kind: ActivityKind::Checkin,
        table: "check_ins",
        instant_ms: "at_ms",
        only_if: None,
    },
    Source {
        kind: ActivityKind::Journal,
        table: "journal_entries",
        instant_ms: "at_ms",
        only_if: None,
    },
    Source {
        kind: ActivityKind::Programme,
        table: "programme_completions",
        instant_ms: "at_ms",
        only_if: None,
    },
    Source {
        kind: ActivityKind::Assessment,
        table: "assessments",
        instant_ms: "taken_at_ms",
        only_if: None,
    },
];

fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
    let names = stmt.query_map([table], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

/// Completions recorded by other capabilities for local dates in `[from, to]`.
pub fn done_elsewhere(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<DoneFact>> {
    let mut out = Vec::new();
    for src in SOURCES {
        let cols = columns(conn, src.table)?;
        let has = |c: &str| cols.iter().any(|x| x == c);
        if !has("local_date") || !has(src.instant_ms) || src.only_if.is_some_and(|(c, _)| !has(c)) {
            continue;
        }
        let extra = src.only_if.map_or("1", |(_, cond)| cond);
        // Names come from the constant table above, never from input.
        let sql = format!(
            "SELECT local_date, min({ms}) FROM {t} WHERE local_date BETWEEN ?1 AND ?2 AND {extra}
             GROUP BY local_date",
            ms = src.instant_ms,
            t = src.table
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([from.to_string(), to.to_string()])?;
        while let Some(row) = rows.next()? {
            let (day, ms): (String, i64) = (row.get(0)?, row.get(1)?);
            // A row another module wrote badly is its problem, not a reason to stop reminding.
            let (Ok(local_date), Some(at)) = (
                parse_date(&day, "local_date"),
                DateTime::from_timestamp_millis(ms),
            ) else {
                continue;
            };
            out.push(DoneFact {
                kind: src.kind,
                local_date,
                at,
                notification_id: None,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminder::test_support::{date, utc};

    #[test]
    fn completions_are_read_from_tables_that_exist_and_missing_ones_are_skipped() {
        let conn = Connection::open_in_memory().unwrap();
        assert!(
            done_elsewhere(&conn, date("2027-05-01"), date("2027-05-31"))
                .unwrap()
                .is_empty()
        );
        conn.execute_batch(
            "CREATE TABLE check_ins (local_date TEXT, at_ms INTEGER, mood INTEGER);
             CREATE TABLE practice_sessions (local_date TEXT, ended_ms INTEGER, completed INTEGER);
             CREATE TABLE journal_entries (day TEXT, at_ms INTEGER);",
        )
        .unwrap();
        let t = |s: &str| utc(s).timestamp_millis();
        conn.execute_batch(&format!(
            "INSERT INTO check_ins VALUES ('2027-05-03', {a}, 2), ('2027-05-03', {b}, 6), ('2027-06-09', {b}, 1);
             INSERT INTO practice_sessions VALUES ('2027-05-04', {c}, 0), ('2027-05-05', {c}, 1);
             INSERT INTO journal_entries VALUES ('2027-05-03', {a});",
            a = t("2027-05-03T09:00:00Z"),
            b = t("2027-05-03T07:00:00Z"),
            c = t("2027-05-05T07:00:00Z"),
        ))
        .unwrap();
        let facts = done_elsewhere(&conn, date("2027-05-01"), date("2027-05-31")).unwrap();
        let got: Vec<_> = facts.iter().map(|f| (f.kind, f.local_date, f.at)).collect();
        assert_eq!(
            got,
            [
                // The earliest check-in of the day counts; an unfinished session does not;
                // a table without `local_date` is not a source.
                (
                    ActivityKind::Meditation,
                    date("2027-05-05"),
                    utc("2027-05-05T07:00:00Z")
                ),
                (
                    ActivityKind::Checkin,
                    date("2027-05-03"),
                    utc("2027-05-03T07:00:00Z")
                ),
            ]
        );
    }
}
