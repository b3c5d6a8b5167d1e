//! One module per capability's commands; `main.rs` only registers them.

pub mod assess;
pub mod backup;
pub mod backup_auto;
pub mod checkin;
pub mod crisis;
pub mod dev;
pub mod export;
pub mod journal;
pub mod journal_view;
pub mod programme;
pub mod questionnaire;
pub mod remind;
pub mod safety_plan;
pub mod thought_record;

use reset_core::ResetError;
use reset_core::time::{self, LocalDay, Timestamp};

/// `--at`-style RFC 3339 text as a typed instant; a bad one is `invalid_input` naming `field`.
pub fn instant_arg(text: Option<&str>, field: &str) -> Result<Option<Timestamp>, ResetError> {
    Ok(text
        .map(|t| time::parse_instant(t, field).map(Timestamp))
        .transpose()?)
}

/// `--from`/`--to`-style `YYYY-MM-DD` text as a typed local day, naming `field` when bad.
pub fn day_arg(text: Option<&str>, field: &str) -> Result<Option<LocalDay>, ResetError> {
    Ok(text.map(|t| LocalDay::parse(t, field)).transpose()?)
}
