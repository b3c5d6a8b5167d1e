//! What a restore would replace: the current profile's records per kind and the newest of
//! each, shown before the person confirms (a restore replaces everything, including entries
//! newer than the backup).

use rusqlite::Connection;

use crate::error::Result;
use crate::store::COUNTED_TABLES;

/// One kind of record in the current profile.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct KindOverview {
    /// The kind, as `status` names it (`check_ins`, `journal_entries`, …).
    pub kind: String,
    /// How many there are.
    pub rows: u64,
    /// When the newest was made, for kinds that carry a time (Swift `Date`, Kotlin `Instant`;
    /// RFC 3339 UTC in JSON).
    pub newest: Option<crate::time::Timestamp>,
}

/// The time columns that date a record, most telling first.
const TIME_COLUMNS: &[&str] = &[
    "at_ms",
    "taken_at_ms",
    "occurred_at_ms",
    "started_ms",
    "created_ms",
    "created_at_ms",
];

/// Counts and newest record per kind of the profile open on `conn`.
pub fn profile_overview(conn: &Connection) -> Result<Vec<KindOverview>> {
    let mut out = Vec::new();
    for (label, table) in COUNTED_TABLES {
        let rows: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
            r.get(0)
        })?;
        let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
        let columns: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let newest = match TIME_COLUMNS
            .iter()
            .find(|c| columns.iter().any(|n| n == *c))
        {
            Some(column) => {
                let ms: Option<i64> = conn.query_row(
                    &format!("SELECT max(\"{column}\") FROM \"{table}\""),
                    [],
                    |r| r.get(0),
                )?;
                ms.and_then(chrono::DateTime::from_timestamp_millis)
                    .map(crate::time::Timestamp)
            }
            None => None,
        };
        out.push(KindOverview {
            kind: (*label).to_string(),
            rows: u64::try_from(rows).unwrap_or(0),
            newest,
        });
    }
    Ok(out)
}
