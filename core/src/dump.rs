//! The canonical JSON dump of a whole profile: every user table and every row, in one
//! deterministic order, so two profiles holding the same data give byte-identical dumps.
//!
//! It proves round trips (`dump(restore(backup(db))) == dump(db)`) and is what
//! `reset export json` writes. It is generic over the schema: tables are read from the
//! database itself (SQLite's `table_list`), so every table a later migration adds is dumped
//! without touching this file. Derived data is left out: FTS5 indexes (virtual tables and
//! their shadow tables) and SQLite's own `sqlite_*` tables.
//!
//! Must never: write anywhere but the writer it is handed, or change the database (it reads
//! inside one read transaction, so the dump is a consistent snapshot).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use rusqlite::Connection;
use rusqlite::types::ValueRef;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::progress::{Meter, Progress};

/// The `format` field of every dump.
pub const DUMP_FORMAT: &str = "reset-companion-dump";
/// The version of the dump's layout; bumped only if the layout (not the schema) changes.
pub const DUMP_VERSION: u32 = 1;

/// Rows in one table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TableRows {
    /// The table's name, e.g. `check_ins`.
    pub table: String,
    /// How many rows it holds.
    pub rows: u64,
}

/// What a dump contained.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DumpSummary {
    /// The schema version of the dumped profile.
    pub schema_version: i64,
    /// Rows per table, sorted by table name.
    pub tables: Vec<TableRows>,
}

/// The shape of one user table: its name, its columns in declared order, and the columns
/// that order its rows (the primary key, or every column when it has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableShape {
    pub name: String,
    pub columns: Vec<String>,
    pub order_by: Vec<String>,
}

/// Writes the canonical dump of `conn`'s main database to `out`.
///
/// Layout: one JSON object; `tables` sorted by name; each table's `columns` in declared order
/// and `rows` as arrays in that column order, sorted by primary key; one row per line so two
/// dumps diff readably. BLOBs are `{"$blob": "<hex>"}`; non-finite REALs `{"$real": "inf"}`.
pub fn write(
    conn: &Connection,
    out: &mut dyn Write,
    progress: &dyn Progress,
) -> Result<DumpSummary> {
    let meter = Meter::new(progress);
    // One read transaction: every table is read from the same snapshot.
    let tx = conn.unchecked_transaction()?;
    let schema_version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables = user_tables(&tx, "main")?;
    let mut rows = Vec::with_capacity(tables.len());
    let head = serde_json::json!({"format": DUMP_FORMAT, "version": DUMP_VERSION, "schema_version": schema_version});
    // The header object is written without its closing brace so `tables` follows it.
    let head = serde_json::to_string(&head)?;
    let head = head
        .strip_suffix('}')
        .ok_or_else(|| Error::internal("dump header"))?;
    write!(out, "{head},\"tables\":[")?;
    for (i, table) in tables.iter().enumerate() {
        let n = write_table(&tx, table, out, i > 0)?;
        rows.push(TableRows {
            table: table.name.clone(),
            rows: n,
        });
        meter.within(0, Meter::TOTAL, i as u64 + 1, tables.len() as u64);
    }
    writeln!(out, "\n]}}")?;
    tx.commit()?;
    meter.finish();
    Ok(DumpSummary {
        schema_version,
        tables: rows,
    })
}

/// Writes the canonical dump of the profile at `profile` (whose open connection is `conn`) to
/// the file `out`, atomically. `out` must not be the profile's own database file.
pub fn write_file(
    conn: &Connection,
    profile: &Path,
    out: &Path,
    progress: &dyn Progress,
) -> Result<DumpSummary> {
    crate::outfile::write_guarded(profile, out, crate::outfile::Writing::Export, |w| {
        write(conn, w, progress)
    })
}

/// The canonical dump as a string (tests and small profiles).
pub fn to_string(conn: &Connection) -> Result<String> {
    let mut buf = Vec::new();
    write(conn, &mut buf, &crate::progress::Silent)?;
    String::from_utf8(buf).map_err(|_| Error::internal("dump is not UTF-8"))
}

fn write_table(
    conn: &Connection,
    table: &TableShape,
    out: &mut dyn Write,
    comma: bool,
) -> Result<u64> {
    let head = serde_json::json!({"name": table.name, "columns": table.columns});
    let head = serde_json::to_string(&head)?;
    let head = head
        .strip_suffix('}')
        .ok_or_else(|| Error::internal("dump table header"))?;
    write!(out, "{}\n{head},\"rows\":[", if comma { "," } else { "" })?;
    let columns: Vec<String> = table.columns.iter().map(|c| quote(c)).collect();
    let order: Vec<String> = table.order_by.iter().map(|c| quote(c)).collect();
    let sql = format!(
        "SELECT {} FROM main.{} ORDER BY {}",
        columns.join(", "),
        quote(&table.name),
        order.join(", ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut result = stmt.query([])?;
    let mut n = 0u64;
    while let Some(row) = result.next()? {
        let mut values = Vec::with_capacity(table.columns.len());
        for i in 0..table.columns.len() {
            values.push(json_value(row.get_ref(i)?));
        }
        let line = serde_json::to_string(&values)?;
        write!(out, "{}\n{line}", if n > 0 { "," } else { "" })?;
        n += 1;
    }
    write!(out, "\n]}}")?;
    Ok(n)
}

fn json_value(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => match serde_json::Number::from_f64(f) {
            Some(n) => Value::Number(n),
            None => serde_json::json!({"$real": if f.is_sign_negative() { "-inf" } else { "inf" }}),
        },
        // Invalid UTF-8 in a TEXT column is kept losslessly as hex rather than mangled.
        ValueRef::Text(t) => match std::str::from_utf8(t) {
            Ok(s) => Value::String(s.to_string()),
            Err(_) => serde_json::json!({"$text_bytes": hex::encode(t)}),
        },
        ValueRef::Blob(b) => serde_json::json!({"$blob": hex::encode(b)}),
    }
}

/// The user tables of `schema` (`main` or an attached name), sorted by name: ordinary
/// tables only — no views, no virtual tables, no FTS shadow tables, no `sqlite_*` tables.
pub(crate) fn user_tables(conn: &Connection, schema: &str) -> Result<Vec<TableShape>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM pragma_table_list
         WHERE schema = ?1 AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
         ORDER BY name",
    )?;
    let names = stmt
        .query_map([schema], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut tables = Vec::with_capacity(names.len());
    for name in names {
        let mut info =
            conn.prepare("SELECT name, pk FROM pragma_table_info(?1, ?2) ORDER BY cid")?;
        let cols = info
            .query_map([name.as_str(), schema], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut key: Vec<(i64, String)> = cols
            .iter()
            .filter(|(_, pk)| *pk > 0)
            .map(|(c, pk)| (*pk, c.clone()))
            .collect();
        key.sort();
        let columns: Vec<String> = cols.into_iter().map(|(c, _)| c).collect();
        // Without a primary key, ordering by every column is still total up to identical rows,
        // whose order cannot matter; rowids are not used because a copy may renumber them.
        let order_by = if key.is_empty() {
            columns.clone()
        } else {
            key.into_iter().map(|(_, c)| c).collect()
        };
        tables.push(TableShape {
            name,
            columns,
            order_by,
        });
    }
    Ok(tables)
}

/// Row counts of every user table in `schema`, by name.
pub(crate) fn row_counts(conn: &Connection, schema: &str) -> Result<BTreeMap<String, u64>> {
    let mut counts = BTreeMap::new();
    for table in user_tables(conn, schema)? {
        let sql = format!(
            "SELECT count(*) FROM {}.{}",
            quote(schema),
            quote(&table.name)
        );
        let n: i64 = conn.query_row(&sql, [], |r| r.get(0))?;
        counts.insert(table.name, u64::try_from(n).unwrap_or(0));
    }
    Ok(counts)
}

/// Quotes an SQL identifier (names come from the database's own catalogue).
pub(crate) fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests;
