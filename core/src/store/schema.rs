//! Schema versions and migrations (mozilla application-services `sql-support` model).
//!
//! Each version is one SQL file applied inside its own IMMEDIATE transaction together with
//! `PRAGMA user_version`, so an interrupted upgrade leaves the previous version intact.
//! Released migrations are frozen: change the schema only by adding a version.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::Result;

/// One schema step: the SQL that takes the database from `version - 1` to `version`.
struct Migration {
    version: i64,
    sql: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: include_str!("migrations/v0001_profile.sql"),
    },
    Migration {
        version: 2,
        sql: include_str!("migrations/v0002_assessments.sql"),
    },
    Migration {
        version: 3,
        sql: include_str!("migrations/v0003_journal.sql"),
    },
    Migration {
        version: 4,
        sql: include_str!("migrations/v0004_programmes.sql"),
    },
    Migration {
        version: 5,
        sql: include_str!("migrations/v0005_reminders.sql"),
    },
    Migration {
        version: 6,
        sql: include_str!("migrations/v0006_safety_plan.sql"),
    },
    Migration {
        version: 7,
        sql: include_str!("migrations/v0007_record_ids.sql"),
    },
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// User-data tables reported by `status` as (label, table).
pub const COUNTED_TABLES: &[(&str, &str)] = &[
    ("assessments", "assessments"),
    ("safety_events", "safety_events"),
    ("check_ins", "check_ins"),
    ("journal_entries", "journal_entries"),
    ("programme_enrolments", "programme_enrolments"),
    ("programme_completions", "programme_completions"),
    ("practice_sessions", "practice_sessions"),
    ("reminder_rules", "reminder_rules"),
    ("safety_plan_versions", "safety_plan_versions"),
];

/// One `sqlite_master` row: type, name, table name and the SQL that created it.
pub type SchemaRow = (String, String, String, Option<String>);

/// Every `sqlite_master` row of a database built afresh at `version` by this build's own
/// migrations, sorted: the exact schema a database of that version may have. Derived rather
/// than listed, so a migration added later is covered without a change here.
pub fn known_schema(version: i64) -> Result<Vec<SchemaRow>> {
    Ok(fresh_at(version)?.1)
}

/// A plaintext in-memory database built afresh at `version`, and its schema.
pub(crate) fn fresh_at(version: i64) -> Result<(Connection, Vec<SchemaRow>)> {
    if !(1..=SCHEMA_VERSION).contains(&version) {
        return Err(crate::error::Error::Corrupt {
            reason: "the schema version is not one this build knows".into(),
        });
    }
    let mut conn = Connection::open_in_memory()?;
    for m in MIGRATIONS.iter().filter(|m| m.version <= version) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(m.sql)?;
        tx.pragma_update(None, "user_version", m.version)?;
        tx.commit()?;
    }
    let schema = read_schema(&conn, "main")?;
    Ok((conn, schema))
}

/// Every `sqlite_master` row of the attached database `db` (`main`, say), sorted.
pub fn read_schema(conn: &Connection, db: &str) -> Result<Vec<SchemaRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT type, name, tbl_name, sql FROM \"{db}\".sqlite_master ORDER BY type, name, tbl_name"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Applies every migration newer than `from`, each in its own transaction.
pub(super) fn migrate(conn: &mut Connection, from: i64) -> Result<()> {
    for m in MIGRATIONS.iter().filter(|m| m.version > from) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(m.sql)?;
        tx.pragma_update(None, "user_version", m.version)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
pub(super) fn versions() -> Vec<i64> {
    MIGRATIONS.iter().map(|m| m.version).collect()
}
