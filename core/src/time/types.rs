//! The typed time values that cross the FFI and appear in records: an instant
//! ([`Timestamp`]), a local calendar day ([`LocalDay`]) and a local wall-clock time
//! ([`WallTime`]) (DESIGN §2, ADR 8).
//!
//! Across the FFI an instant is a uniffi timestamp (Swift `Date`, Kotlin `java.time.Instant`);
//! a day and a wall time are custom types mapped in `bindings/uniffi.toml` to Kotlin
//! `java.time.LocalDate` / `LocalTime` and Swift `DateComponents`. In JSON (the CLI contract,
//! exports) they keep the RFC 3339 strings the CLI has always printed: an instant as
//! `2027-03-28T01:30:00Z`, a day as `2027-03-28`, a wall time as `08:30`. Must never read
//! the host clock or zone.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDate, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// An instant on the UTC timeline, millisecond precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub DateTime<Utc>);

impl Timestamp {
    /// From Unix milliseconds (how the database stores instants), naming `field` if out of range.
    pub fn from_unix_ms(ms: i64, field: &str) -> Result<Self> {
        super::from_unix_ms(ms, field).map(Timestamp)
    }

    /// Milliseconds since the Unix epoch.
    pub fn unix_ms(self) -> i64 {
        self.0.timestamp_millis()
    }

    /// The chrono instant.
    pub fn instant(self) -> DateTime<Utc> {
        self.0
    }

    /// RFC 3339 UTC with a `Z`, whole seconds (`2027-03-28T01:30:00Z`): the JSON form.
    pub fn to_rfc3339(self) -> String {
        super::format_utc(self.0)
    }

    /// As a `SystemTime` (what uniffi lowers to `Date` / `Instant`).
    pub fn to_system_time(self) -> SystemTime {
        let ms = self.unix_ms();
        if ms >= 0 {
            UNIX_EPOCH + Duration::from_millis(ms.unsigned_abs())
        } else {
            UNIX_EPOCH - Duration::from_millis(ms.unsigned_abs())
        }
    }

    /// From a `SystemTime`, truncated to the millisecond; out of chrono's range is invalid input.
    pub fn from_system_time(t: SystemTime, field: &str) -> Result<Self> {
        let ms = match t.duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_millis()).ok(),
            Err(e) => i64::try_from(e.duration().as_nanos().div_ceil(1_000_000))
                .ok()
                .map(|m| -m),
        };
        let ms = ms.ok_or_else(|| Error::invalid(field, "instant out of range"))?;
        Timestamp::from_unix_ms(ms, field)
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(t: DateTime<Utc>) -> Self {
        Timestamp(t)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_instant(&text, "at")
            .map(Timestamp)
            .map_err(serde::de::Error::custom)
    }
}

/// A local calendar day (`2027-03-28`), the day an entry belongs to where it was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDay(pub NaiveDate);

impl LocalDay {
    /// Parses `YYYY-MM-DD`, naming `field` when it is not a date.
    pub fn parse(text: &str, field: &str) -> Result<Self> {
        super::parse_date(text, field).map(LocalDay)
    }

    /// The chrono date.
    pub fn date(self) -> NaiveDate {
        self.0
    }
}

impl From<NaiveDate> for LocalDay {
    fn from(d: NaiveDate) -> Self {
        LocalDay(d)
    }
}

impl fmt::Display for LocalDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for LocalDay {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LocalDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        LocalDay::parse(&text, "date").map_err(serde::de::Error::custom)
    }
}

/// A local wall-clock time to the minute (`08:30`): reminder times and quiet hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WallTime(pub NaiveTime);

impl WallTime {
    /// Parses `HH:MM` (seconds, if given as `HH:MM:SS`, must be zero), naming `field`.
    pub fn parse(text: &str, field: &str) -> Result<Self> {
        let bad = || Error::invalid(field, "expected a time HH:MM (00:00–23:59)");
        let t = NaiveTime::parse_from_str(text, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
            .map_err(|_| bad())?;
        if t.second() != 0 || t.nanosecond() != 0 || text.len() < 5 {
            return Err(bad());
        }
        Ok(WallTime(t))
    }

    /// The chrono time.
    pub fn time(self) -> NaiveTime {
        self.0
    }

    /// Minutes since midnight (0…1439).
    pub fn minute_of_day(self) -> u32 {
        self.0.hour() * 60 + self.0.minute()
    }
}

impl fmt::Display for WallTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%H:%M"))
    }
}

impl Serialize for WallTime {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for WallTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        WallTime::parse(&text, "time").map_err(serde::de::Error::custom)
    }
}

// Comparisons with the JSON text, so tests and the CLI read naturally. (Formatting to compare
// is fine here: these are never on a hot path.)
macro_rules! compares_with_text {
    ($t:ty) => {
        #[allow(clippy::cmp_owned)]
        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.to_string() == other
            }
        }
        #[allow(clippy::cmp_owned)]
        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.to_string() == *other
            }
        }
        #[allow(clippy::cmp_owned)]
        impl PartialEq<String> for $t {
            fn eq(&self, other: &String) -> bool {
                self.to_string() == *other
            }
        }
    };
}
compares_with_text!(Timestamp);
compares_with_text!(LocalDay);
compares_with_text!(WallTime);

/// Tests write instants and days as text: `"2027-03-28T09:00:00Z".into()`.
#[cfg(test)]
impl From<&str> for Timestamp {
    fn from(text: &str) -> Self {
        Timestamp(super::parse_instant(text, "test").expect("an RFC 3339 instant"))
    }
}

#[cfg(test)]
impl From<&str> for WallTime {
    fn from(text: &str) -> Self {
        WallTime::parse(text, "test").expect("an HH:MM wall time")
    }
}

#[cfg(test)]
impl From<&str> for LocalDay {
    fn from(text: &str) -> Self {
        LocalDay::parse(text, "test").expect("a YYYY-MM-DD day")
    }
}

// In SQLite a day is its `YYYY-MM-DD` text (sortable, what every table stores).
impl rusqlite::types::ToSql for LocalDay {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::from(self.to_string()))
    }
}

impl rusqlite::types::FromSql for LocalDay {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = v.as_str()?;
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(LocalDay)
            .map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
    }
}

// Across the FFI: an instant is a uniffi timestamp; a day and a wall time travel as their ISO
// text and are turned into the platform's date types by the conversions in uniffi.toml, so no
// app code ever parses them. A value that does not lift arrives in the app as the call's own
// `InvalidInput` error (uniffi hands a lift error of the call's error type back as that error).
#[cfg(feature = "ffi")]
fn lift_error(e: Error) -> uniffi::deps::anyhow::Error {
    crate::error::ResetError::from(e).into()
}

#[cfg(feature = "ffi")]
uniffi::custom_type!(Timestamp, SystemTime, {
    lower: |t| t.to_system_time(),
    try_lift: |t| Timestamp::from_system_time(t, "instant").map_err(lift_error),
});

#[cfg(feature = "ffi")]
uniffi::custom_type!(LocalDay, String, {
    lower: |d| d.to_string(),
    try_lift: |s| LocalDay::parse(&s, "date").map_err(lift_error),
});

#[cfg(feature = "ffi")]
uniffi::custom_type!(WallTime, String, {
    lower: |t| t.to_string(),
    try_lift: |s| WallTime::parse(&s, "time").map_err(lift_error),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_the_strings_the_cli_always_printed() {
        let t =
            Timestamp(super::super::parse_instant("2027-03-28T02:30:00.250+01:00", "t").unwrap());
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            "\"2027-03-28T01:30:00Z\""
        );
        let d = LocalDay::parse("2027-03-08", "d").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2027-03-08\"");
        let w = WallTime::parse("07:05", "w").unwrap();
        assert_eq!(serde_json::to_string(&w).unwrap(), "\"07:05\"");
    }

    #[test]
    fn a_system_time_round_trips_to_the_millisecond_on_both_sides_of_the_epoch() {
        for ms in [0_i64, 1, -1, 1_806_000_000_123, -86_400_001] {
            let t = Timestamp::from_unix_ms(ms, "t").unwrap();
            let back = Timestamp::from_system_time(t.to_system_time(), "t").unwrap();
            assert_eq!(back.unix_ms(), ms);
        }
    }

    #[test]
    fn a_wall_time_with_seconds_or_out_of_range_is_invalid_and_names_the_field() {
        assert_eq!(
            WallTime::parse("07:30:00", "t").unwrap().to_string(),
            "07:30"
        );
        for bad in ["7:3", "24:00", "07:30:15", "noon"] {
            let err = WallTime::parse(bad, "times[0]").unwrap_err();
            assert!(
                matches!(err, Error::InvalidInput { ref field, .. } if field == "times[0]"),
                "{bad}"
            );
        }
    }
}
