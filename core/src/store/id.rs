//! Record ids: one scheme for every record type, a short prefix naming the kind and 96 random
//! bits (`ci_3f9a…`, `je_…`, `as_…`, `ps_…`). Must never derive an id from user content.

use crate::error::Result;

/// A new opaque id such as `ci_3f9a…`: a prefix naming the record kind and 96 random bits
/// from SQLite's CSPRNG (SQLCipher seeds it from the OS).
pub fn new_id(conn: &rusqlite::Connection, prefix: &str) -> Result<String> {
    let hex: String = conn.query_row("SELECT lower(hex(randomblob(12)))", [], |r| r.get(0))?;
    Ok(format!("{prefix}_{hex}"))
}
