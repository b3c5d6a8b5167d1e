//! Record ids: one scheme for every record type, a short prefix naming the kind and 96 random
//! bits (`ci_3f9a…`, `je_…`, `as_…`, `se_…`, `ep_…`, `ps_…`). Must never derive an id from user
//! content.
//!
//! Assessments, safety events, episodes and practice sessions had only their SQLite row number
//! before schema v7 (`v0007_record_ids.sql`). That number is kept as the record's *legacy id*:
//! a lookup takes either the prefixed id or the old number, so ids written down before the
//! migration (`reset assess show 12`, an app's saved reference) still resolve.

use crate::error::{Error, Result};

/// Prefix of an assessment's id.
pub const ASSESSMENT: &str = "as";
/// Prefix of a safety event's id.
pub const SAFETY_EVENT: &str = "se";
/// Prefix of an episode's id.
pub const EPISODE: &str = "ep";
/// Prefix of a practice session's id.
pub const PRACTICE_SESSION: &str = "ps";

/// A new opaque id such as `ci_3f9a…`: a prefix naming the record kind and 96 random bits
/// from SQLite's CSPRNG (SQLCipher seeds it from the OS).
pub fn new_id(conn: &rusqlite::Connection, prefix: &str) -> Result<String> {
    let hex: String = conn.query_row("SELECT lower(hex(randomblob(12)))", [], |r| r.get(0))?;
    Ok(format!("{prefix}_{hex}"))
}

/// How a caller named a record: its prefixed id, or the row number it had before schema v7.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordRef {
    /// `as_3f9a…`: matched against the `uid` column.
    Id(String),
    /// `12`: matched against the row number (the legacy id).
    Legacy(i64),
}

impl RecordRef {
    /// Reads `text` as an id with `prefix` (`as_` + 24 hex digits) or a legacy row number
    /// (a positive integer). Anything else is `invalid_input` on `field`; the message never
    /// repeats the text.
    pub fn parse(text: &str, prefix: &str, field: &str) -> Result<RecordRef> {
        let text = text.trim();
        if let Some(hex) = text
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix('_'))
        {
            if hex.len() == 24 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Ok(RecordRef::Id(text.to_ascii_lowercase()));
            }
        } else if !text.is_empty()
            && text.len() <= 18
            && text.bytes().all(|b| b.is_ascii_digit())
            && let Ok(n) = text.parse::<i64>()
            && n > 0
        {
            return Ok(RecordRef::Legacy(n));
        }
        Err(Error::invalid(
            field,
            format!(
                "expected an id such as {prefix}_0123456789abcdef01234567 (or an id number from before)"
            ),
        ))
    }

    /// The SQL condition and its parameter: `uid = ?1` or `id = ?1`.
    pub fn condition(&self) -> (&'static str, rusqlite::types::Value) {
        match self {
            RecordRef::Id(id) => ("uid = ?1", rusqlite::types::Value::Text(id.clone())),
            RecordRef::Legacy(n) => ("id = ?1", rusqlite::types::Value::Integer(*n)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefixed_id_or_an_old_row_number_is_accepted_anything_else_names_the_field() {
        let id = "as_0123456789abcdef01234567";
        assert_eq!(
            RecordRef::parse(id, ASSESSMENT, "id").unwrap(),
            RecordRef::Id(id.into())
        );
        assert_eq!(
            RecordRef::parse(" 12 ", ASSESSMENT, "id").unwrap(),
            RecordRef::Legacy(12)
        );
        for bad in [
            "",
            "0",
            "-3",
            "12a",
            "ps_0123456789abcdef01234567",
            "as_0123",
            "as_0123456789abcdef0123456z",
            "99999999999999999999",
        ] {
            let err = RecordRef::parse(bad, ASSESSMENT, "id").unwrap_err();
            assert!(
                matches!(&err, Error::InvalidInput { field, .. } if field == "id"),
                "{bad}: {err:?}"
            );
        }
    }
}
