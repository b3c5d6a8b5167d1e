//! When something was captured: a UTC instant, the IANA zone the person was in, and the local
//! day and minute computed from them at capture (DESIGN §2).
//!
//! The local day is stored, never recomputed, so travelling later never moves an entry to
//! another day. [`Moment`] is the capture (used by check-ins, journal entries, assessments,
//! practice sessions and programme steps); [`Captured`] is how a stored moment crosses the
//! FFI and appears in JSON. Must never read the host clock: `now` and the zone come from the
//! session.

use crate::time::Tz;
use chrono::{DateTime, NaiveDate, Timelike, Utc};
use serde::ser::SerializeMap;

use super::{LocalDay, Timestamp};
use crate::error::{Error, Result};
use crate::time;

/// A captured moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    /// The instant, UTC.
    pub at: DateTime<Utc>,
    /// The zone the person was in.
    pub zone: Tz,
    /// The local calendar day at capture.
    pub local_date: NaiveDate,
    /// Minutes since local midnight at capture (0…1439), for time-of-day insights.
    pub local_minute: u16,
}

impl Moment {
    /// Captures `at` as seen from `zone`.
    pub fn capture(at: DateTime<Utc>, zone: Tz) -> Self {
        let local = at.with_timezone(&zone);
        Moment {
            at,
            zone,
            local_date: local.date_naive(),
            local_minute: u16::try_from(local.hour() * 60 + local.minute()).unwrap_or(0),
        }
    }

    /// The moment for an optional instant (an entry about another time), else `now`; both in
    /// `zone`. An instant before 1900 or in the future is invalid input on `at`.
    pub fn resolve(at: Option<Timestamp>, now: DateTime<Utc>, zone: Tz) -> Result<Self> {
        let instant = at.map_or(now, Timestamp::instant);
        time::check_record_instant(instant, now, "at")?;
        Ok(Moment::capture(instant, zone))
    }

    /// The moment as it is stored and read back.
    pub fn captured(&self) -> Captured {
        Captured {
            at: Timestamp(self.at),
            time_zone: self.zone.name().to_string(),
            local_date: LocalDay(self.local_date),
        }
    }
}

/// A stored moment: the instant, the zone it was captured in, and the local day it belongs to.
///
/// Crosses the FFI as one record (`at` is a Swift `Date` / Kotlin `Instant`). In JSON it is
/// flattened into its entry as `at`, `time_zone`, `local_date` and `local_time` (the instant
/// in its zone, RFC 3339 with offset), the keys the CLI has always printed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Captured {
    /// The instant.
    pub at: Timestamp,
    /// The IANA zone the person was in.
    pub time_zone: String,
    /// The local day it belongs to, fixed at capture.
    pub local_date: LocalDay,
}

/// The JSON key names one kind of entry uses for its captured moment.
#[derive(Debug, Clone, Copy)]
pub struct CapturedKeys {
    /// The RFC 3339 UTC instant.
    pub at: Option<&'static str>,
    /// The same instant as Unix milliseconds, for records whose JSON has always carried it.
    pub at_ms: Option<&'static str>,
    /// The zone name.
    pub zone: Option<&'static str>,
    /// The local day.
    pub local_date: Option<&'static str>,
    /// The instant in its zone with offset, for records whose JSON has always carried it.
    pub local_time: Option<&'static str>,
}

impl CapturedKeys {
    /// `at`, `time_zone`, `local_date`, `local_time`: check-ins and journal entries.
    pub const ENTRY: CapturedKeys = CapturedKeys {
        at: Some("at"),
        at_ms: None,
        zone: Some("time_zone"),
        local_date: Some("local_date"),
        local_time: Some("local_time"),
    };
}

impl Captured {
    /// Reads a stored moment (Unix ms, zone name, `YYYY-MM-DD`) back, checking each part.
    pub fn stored(at_ms: i64, zone: String, local_date: &str) -> Result<Self> {
        time::parse_zone(&zone)
            .map_err(|_| Error::internal("a stored time zone no longer parses"))?;
        Ok(Captured {
            at: Timestamp::from_unix_ms(at_ms, "at")?,
            time_zone: zone,
            local_date: LocalDay::parse(local_date, "local_date")
                .map_err(|_| Error::internal("a stored local day no longer parses"))?,
        })
    }

    /// The instant as RFC 3339 in its own zone, with offset (`2027-03-28T02:30:00+01:00`).
    pub fn local_time(&self) -> String {
        match time::parse_zone(&self.time_zone) {
            Ok(zone) => time::format_local(self.at.0, zone),
            Err(_) => self.at.to_rfc3339(),
        }
    }

    /// Writes the moment's JSON keys into an entry's map (use with `#[serde(flatten)]`).
    pub fn serialize_as<S: serde::Serializer>(
        &self,
        keys: CapturedKeys,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if let Some(k) = keys.at {
            map.serialize_entry(k, &self.at)?;
        }
        if let Some(k) = keys.at_ms {
            map.serialize_entry(k, &self.at.unix_ms())?;
        }
        if let Some(k) = keys.zone {
            map.serialize_entry(k, &self.time_zone)?;
        }
        if let Some(k) = keys.local_date {
            map.serialize_entry(k, &self.local_date)?;
        }
        if let Some(k) = keys.local_time {
            map.serialize_entry(k, &self.local_time())?;
        }
        map.end()
    }
}

/// JSON for check-ins and journal entries: `at`, `time_zone`, `local_date`, `local_time`
/// (for `#[serde(flatten, serialize_with = …)]`).
pub fn entry_json<S: serde::Serializer>(
    c: &Captured,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    c.serialize_as(CapturedKeys::ENTRY, s)
}

/// JSON for a moment shown as one RFC 3339 string in its own zone (`2027-03-28T02:30:00+01:00`),
/// `null` when absent: programme steps' `unlocks_at` and `completed_at`.
pub fn local_time_json<S: serde::Serializer>(
    c: &Option<Captured>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match c {
        Some(c) => s.serialize_str(&c.local_time()),
        None => s.serialize_none(),
    }
}

/// JSON for a moment shown as one RFC 3339 string in its own zone.
pub fn captured_local_json<S: serde::Serializer>(
    c: &Captured,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&c.local_time())
}

impl serde::Serialize for Captured {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.serialize_as(CapturedKeys::ENTRY, s)
    }
}

/// An inclusive range of local days; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateRange {
    /// First day included.
    pub from: Option<NaiveDate>,
    /// Last day included.
    pub to: Option<NaiveDate>,
}

impl DateRange {
    /// A range over typed days; `from` after `to` is invalid input.
    pub fn new(from: Option<LocalDay>, to: Option<LocalDay>) -> Result<Self> {
        let range = DateRange {
            from: from.map(LocalDay::date),
            to: to.map(LocalDay::date),
        };
        if let (Some(f), Some(t)) = (range.from, range.to)
            && f > t
        {
            return Err(Error::invalid("from", "is after `to`"));
        }
        Ok(range)
    }

    /// Parses `YYYY-MM-DD` ends named `from` and `to`; `from` after `to` is invalid input.
    pub fn parse(from: Option<&str>, to: Option<&str>) -> Result<Self> {
        DateRange::new(
            from.map(|f| LocalDay::parse(f, "from")).transpose()?,
            to.map(|t| LocalDay::parse(t, "to")).transpose()?,
        )
    }

    /// The bounds as `YYYY-MM-DD` strings for SQL, open ends widened to all dates.
    pub fn sql_bounds(&self) -> (String, String) {
        (
            self.from
                .map_or_else(|| "0000-01-01".into(), |d| d.to_string()),
            self.to
                .map_or_else(|| "9999-12-31".into(), |d| d.to_string()),
        )
    }
}

/// Reads a stored Unix-ms stamp (`created_at`, `updated_at`).
pub fn stored_stamp(ms: i64) -> Result<Timestamp> {
    Timestamp::from_unix_ms(ms, "stamp")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moment_keeps_the_local_day_and_minute_of_the_zone_it_was_captured_in() {
        let at = time::parse_instant("2027-05-10T22:30:00Z", "t").unwrap();
        let tokyo = Moment::capture(at, time::parse_zone("Asia/Tokyo").unwrap());
        assert_eq!(tokyo.local_date.to_string(), "2027-05-11");
        assert_eq!(tokyo.local_minute, 7 * 60 + 30);
        let ny = Moment::capture(at, time::parse_zone("America/New_York").unwrap());
        assert_eq!(ny.local_date.to_string(), "2027-05-10");
        assert_eq!(ny.local_minute, 18 * 60 + 30);
    }

    #[test]
    fn at_overrides_now() {
        let now = time::parse_instant("2027-01-01T00:00:00Z", "t").unwrap();
        let zone = time::parse_zone("Europe/London").unwrap();
        let at = Timestamp(time::parse_instant("2026-12-31T23:59:00+01:00", "at").unwrap());
        let m = Moment::resolve(Some(at), now, zone).unwrap();
        assert_eq!(time::format_utc(m.at), "2026-12-31T22:59:00Z");
        assert_eq!(Moment::resolve(None, now, zone).unwrap().at, now);
    }

    #[test]
    fn a_range_whose_start_is_after_its_end_is_invalid() {
        assert!(DateRange::parse(Some("2027-02-01"), Some("2027-01-01")).is_err());
        let r = DateRange::parse(Some("2027-01-01"), None).unwrap();
        assert_eq!(r.sql_bounds(), ("2027-01-01".into(), "9999-12-31".into()));
        assert!(
            matches!(DateRange::parse(Some("2027-13-01"), None), Err(Error::InvalidInput { ref field, .. }) if field == "from")
        );
    }
}

#[cfg(test)]
mod captured_tests {
    use super::*;

    #[test]
    fn a_captured_moment_prints_the_keys_entries_have_always_had() {
        let at = time::parse_instant("2027-03-28T01:30:00Z", "t").unwrap();
        let m = Moment::capture(at, time::parse_zone("Europe/London").unwrap());
        let json = serde_json::to_value(m.captured()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"at": "2027-03-28T01:30:00Z", "time_zone": "Europe/London",
                "local_date": "2027-03-28", "local_time": "2027-03-28T02:30:00+01:00"})
        );
        let back =
            Captured::stored(at.timestamp_millis(), "Europe/London".into(), "2027-03-28").unwrap();
        assert_eq!(back, m.captured());
    }
}
