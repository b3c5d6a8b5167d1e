//! The encrypted full-text index: two FTS5 tables inside the SQLCipher file, one for journal
//! entries and one for check-in notes, each row keyed by its record's `seq`.
//!
//! The tables (migration v3) use `unicode61 remove_diacritics 2`, so search ignores case and
//! accents, and prefix indexes for 2, 3 and 4 characters. They run with FTS5's `secure-delete`
//! option, so deleting a row removes its terms from the index b-tree itself rather than
//! writing a delete marker next to them; with `PRAGMA secure_delete` the freed pages are then
//! zeroed. Callers keep rows and index in step inside the same transaction.

use rusqlite::Transaction;

use rusqlite::OptionalExtension;

use crate::error::{Error, Result};

/// Which index a row lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchTable {
    /// `journal_fts`, rowid = `journal_entries.seq`.
    Journal,
    /// `check_in_fts`, rowid = `check_ins.seq`.
    CheckIns,
}

impl SearchTable {
    /// The FTS5 table name.
    pub fn table(self) -> &'static str {
        match self {
            SearchTable::Journal => "journal_fts",
            SearchTable::CheckIns => "check_in_fts",
        }
    }
}

/// Indexes (or re-indexes) one record: its text, vocabulary words and tags.
pub fn put(
    tx: &Transaction<'_>,
    table: SearchTable,
    seq: i64,
    text: &str,
    words: &str,
    tags: &[String],
) -> Result<()> {
    remove(tx, table, seq)?;
    tx.prepare_cached(&format!(
        "INSERT INTO {} (rowid, text, words, tags) VALUES (?1, ?2, ?3, ?4)",
        table.table()
    ))?
    .execute(rusqlite::params![seq, text, words, tags.join(" ")])?;
    Ok(())
}

/// Removes one record from the index (nothing happens if it is not there).
pub fn remove(tx: &Transaction<'_>, table: SearchTable, seq: i64) -> Result<()> {
    tx.prepare_cached(&format!("DELETE FROM {} WHERE rowid = ?1", table.table()))?
        .execute([seq])?;
    Ok(())
}

/// Hard-deletes the record with `id` from `rows` (`check_ins` or `journal_entries`) and its
/// index entry; `not_found` naming `what` if there is none. `rows` is one of our table names.
pub fn delete_record(
    tx: &Transaction<'_>,
    rows: &str,
    search: SearchTable,
    id: &str,
    what: &str,
) -> Result<()> {
    let seq: i64 = tx
        .query_row(
            &format!("SELECT seq FROM {rows} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found(what))?;
    remove(tx, search, seq)?;
    tx.execute(&format!("DELETE FROM {rows} WHERE seq = ?1"), [seq])?;
    Ok(())
}
