//! Journal entry rows: add, read, list, edit, share and hard-delete, each keeping the search
//! index in step inside the caller's transaction.

use crate::time::Tz;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction};

use crate::entry::index::{self, SearchTable};
use crate::entry::{self, text};
use crate::error::{Error, Result};
use crate::journal::{JournalBody, JournalEdit, JournalEntry, JournalInput, JournalKind, records};
use crate::time::{Captured, DateRange, LocalDay, Moment, moment::stored_stamp};

/// Which entries to list.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct JournalFilter {
    /// First local day included.
    pub from: Option<LocalDay>,
    /// Last local day included.
    pub to: Option<LocalDay>,
    /// Only this kind.
    pub kind: Option<JournalKind>,
}

/// Validates and stores a new entry with its search row.
pub fn add(
    tx: &Transaction<'_>,
    input: JournalInput,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<JournalEntry> {
    input.body.validate()?;
    let entry::NewEntry {
        id,
        moment,
        tags,
        stored_ms,
    } = entry::begin(tx, "je", input.at, &input.tags, now, zone)?;
    tx.execute(
        "INSERT INTO journal_entries (id, kind, record, tags, shared_with_therapist, at_ms, time_zone, local_date, local_minute, created_ms, updated_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        rusqlite::params![
            id,
            input.body.kind().code(),
            input.body.to_json()?,
            serde_json::to_string(&tags)?,
            input.shared_with_therapist,
            moment.at.timestamp_millis(),
            moment.zone.name(),
            moment.local_date.to_string(),
            moment.local_minute,
            stored_ms,
        ],
    )?;
    let seq = tx.last_insert_rowid();
    reindex(tx, seq, &input.body, &tags)?;
    get(tx, &id)
}

fn reindex(tx: &Transaction<'_>, seq: i64, body: &JournalBody, tags: &[String]) -> Result<()> {
    index::put(
        tx,
        SearchTable::Journal,
        seq,
        &records::search_text(body),
        &records::search_words(body),
        tags,
    )
}

const COLUMNS: &str = "seq, id, kind, record, tags, shared_with_therapist, at_ms, time_zone, local_date, created_ms, updated_ms";

/// A row as stored.
struct Raw {
    seq: i64,
    id: String,
    kind: String,
    record: String,
    tags: String,
    shared: bool,
    at_ms: i64,
    time_zone: String,
    local_date: String,
    created_ms: i64,
    updated_ms: i64,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok(Raw {
        seq: r.get(0)?,
        id: r.get(1)?,
        kind: r.get(2)?,
        record: r.get(3)?,
        tags: r.get(4)?,
        shared: r.get(5)?,
        at_ms: r.get(6)?,
        time_zone: r.get(7)?,
        local_date: r.get(8)?,
        created_ms: r.get(9)?,
        updated_ms: r.get(10)?,
    })
}

/// Decodes a stored record of `kind`. A failure here is our bug, never the person's input.
fn decode_body(kind: JournalKind, json: &str) -> Result<JournalBody> {
    let broken = |_| Error::internal("a stored journal record does not decode");
    Ok(match kind {
        JournalKind::Free => JournalBody::Free {
            record: serde_json::from_str(json).map_err(broken)?,
        },
        JournalKind::Thought => JournalBody::Thought {
            record: serde_json::from_str(json).map_err(broken)?,
        },
        JournalKind::Gratitude => JournalBody::Gratitude {
            record: serde_json::from_str(json).map_err(broken)?,
        },
        JournalKind::Worry => JournalBody::Worry {
            record: serde_json::from_str(json).map_err(broken)?,
        },
        JournalKind::Exposure => JournalBody::Exposure {
            record: serde_json::from_str(json).map_err(broken)?,
        },
        JournalKind::Activity => JournalBody::Activity {
            record: serde_json::from_str(json).map_err(broken)?,
        },
    })
}

impl Raw {
    fn into_entry(self) -> Result<JournalEntry> {
        let kind: JournalKind = self
            .kind
            .parse()
            .map_err(|_| Error::internal("a stored journal kind is unknown"))?;
        Ok(JournalEntry {
            id: self.id,
            kind,
            body: decode_body(kind, &self.record)?,
            tags: text::stored_tags(&self.tags)?,
            shared_with_therapist: self.shared,
            captured: Captured::stored(self.at_ms, self.time_zone, &self.local_date)?,
            created_at: stored_stamp(self.created_ms)?,
            updated_at: stored_stamp(self.updated_ms)?,
        })
    }
}

fn raw(conn: &Connection, id: &str) -> Result<Raw> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM journal_entries WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("journal entry"))
}

/// The entry with `id`, or `not_found`.
pub fn get(conn: &Connection, id: &str) -> Result<JournalEntry> {
    raw(conn, id)?.into_entry()
}

/// Entries matching `filter`, newest first.
pub fn list(conn: &Connection, filter: &JournalFilter) -> Result<Vec<JournalEntry>> {
    let range = DateRange::new(filter.from, filter.to)?;
    let (from, to) = range.sql_bounds();
    let kind = filter.kind.map(JournalKind::code);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM journal_entries
         WHERE local_date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR kind = ?3)
         ORDER BY at_ms DESC, seq DESC"
    ))?;
    let rows = stmt.query_map(rusqlite::params![from, to, kind], from_row)?;
    rows.map(|r| r.map_err(Error::from).and_then(Raw::into_entry))
        .collect()
}

/// Applies `edit`: keeps `created_at`, sets `updated_at` to `now`, re-indexes the text.
pub fn edit(
    tx: &Transaction<'_>,
    id: &str,
    edit: JournalEdit,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<JournalEntry> {
    let old = raw(tx, id)?;
    let moment = edit
        .at
        .map(|at| Moment::resolve(Some(at), now, zone))
        .transpose()?;
    let old_body = old.clone_body()?;
    let body = match edit.body {
        Some(b) => {
            b.validate()?;
            b
        }
        None => old_body.clone(),
    };
    if body.kind() != old_body.kind() && !edit.replace && has_structured_fields(&old_body) {
        return Err(Error::invalid(
            "kind",
            "changing the kind would discard this record's other fields; pass replace (`--replace`) to do it anyway",
        ));
    }
    let old_tags = text::stored_tags(&old.tags)?;
    let tags = match edit.tags {
        Some(t) => text::normalize_tags(&t)?,
        None => old_tags.clone(),
    };
    let same_moment = moment
        .is_none_or(|m| m.at.timestamp_millis() == old.at_ms && m.zone.name() == old.time_zone);
    if body == old_body && tags == old_tags && same_moment {
        return Err(Error::invalid(
            "edit",
            "nothing would change; give new content, tags or time",
        ));
    }
    tx.execute(
        "UPDATE journal_entries SET kind = ?2, record = ?3, tags = ?4, updated_ms = ?5 WHERE seq = ?1",
        rusqlite::params![old.seq, body.kind().code(), body.to_json()?, serde_json::to_string(&tags)?, now.timestamp_millis()],
    )?;
    if let Some(m) = moment {
        tx.execute(
            "UPDATE journal_entries SET at_ms = ?2, time_zone = ?3, local_date = ?4, local_minute = ?5 WHERE seq = ?1",
            rusqlite::params![old.seq, m.at.timestamp_millis(), m.zone.name(), m.local_date.to_string(), m.local_minute],
        )?;
    }
    reindex(tx, old.seq, &body, &tags)?;
    get(tx, id)
}

/// True when `body` holds more than its main text: fields a change of kind would drop.
fn has_structured_fields(body: &JournalBody) -> bool {
    body.clone().with_main_text("") != JournalBody::empty(body.kind()).with_main_text("")
}

impl Raw {
    fn clone_body(&self) -> Result<JournalBody> {
        let kind: JournalKind = self
            .kind
            .parse()
            .map_err(|_| Error::internal("a stored journal kind is unknown"))?;
        decode_body(kind, &self.record)
    }
}

/// Turns the therapist-sharing flag on or off (not an edit: `updated_at` is kept).
pub fn set_shared(tx: &Transaction<'_>, id: &str, shared: bool) -> Result<JournalEntry> {
    let n = tx.execute(
        "UPDATE journal_entries SET shared_with_therapist = ?2 WHERE id = ?1",
        rusqlite::params![id, shared],
    )?;
    if n == 0 {
        return Err(Error::not_found("journal entry"));
    }
    get(tx, id)
}

/// Hard-deletes an entry: the row and its index entry; `secure_delete` zeroes the pages.
pub fn delete(tx: &Transaction<'_>, id: &str) -> Result<()> {
    index::delete_record(
        tx,
        "journal_entries",
        SearchTable::Journal,
        id,
        "journal entry",
    )
}
