//! What check-ins and journal entries share: the limits on typed text ([`text`]), the
//! encrypted full-text index ([`index`]) and the prologue every new entry goes through
//! ([`begin`]: its tags, its id and its captured moment).
//!
//! Exists so neither `checkin` nor `journal` imports the other. Must never: hold domain rules
//! of one kind of entry, or put entry text into an error.

pub mod index;
pub mod text;

use crate::time::Tz;
use chrono::{DateTime, Utc};
use rusqlite::Transaction;

use crate::error::Result;
use crate::store::id::new_id;
use crate::time::{Moment, Timestamp};

/// The parts of a new entry that do not depend on its kind.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEntry {
    /// Its opaque id (`ci_…`, `je_…`).
    pub id: String,
    /// When it is about, in the zone the person is in now.
    pub moment: Moment,
    /// Its tags, normalised.
    pub tags: Vec<String>,
    /// `created_ms` and `updated_ms` for the new row.
    pub stored_ms: i64,
}

/// The one insert prologue of check-ins and journal entries, called after the kind's own
/// validation: normalises the tags, captures the moment (`at`, else `now`, in `zone`) and draws
/// an id with `prefix`.
pub fn begin(
    tx: &Transaction<'_>,
    prefix: &str,
    at: Option<Timestamp>,
    tags: &[String],
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<NewEntry> {
    let tags = text::normalize_tags(tags)?;
    Ok(NewEntry {
        id: new_id(tx, prefix)?,
        moment: Moment::resolve(at, now, zone)?,
        tags,
        stored_ms: now.timestamp_millis(),
    })
}
