//! When something was captured: a UTC instant, the IANA zone the person was in, and the local
//! day and minute computed from them at capture (DESIGN §2).
//!
//! The local day is stored, never recomputed, so travelling later never moves an entry to
//! another day. Must never read the host clock: `now` and the zone come from the session.

use chrono::{DateTime, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;

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

    /// The moment for an optional RFC 3339 override (`--at`), else `now`; both in `zone`.
    pub fn resolve(at: Option<&str>, now: DateTime<Utc>, zone: Tz) -> Result<Self> {
        let instant = match at {
            Some(text) => time::parse_instant(text, "at")?,
            None => now,
        };
        time::check_record_instant(instant, now, "at")?;
        Ok(Moment::capture(instant, zone))
    }
}

/// A new opaque id such as `ci_3f9a…`: a prefix naming the record kind and 96 random bits
/// from SQLite's CSPRNG (SQLCipher seeds it from the OS).
pub fn new_id(conn: &rusqlite::Connection, prefix: &str) -> Result<String> {
    let hex: String = conn.query_row("SELECT lower(hex(randomblob(12)))", [], |r| r.get(0))?;
    Ok(format!("{prefix}_{hex}"))
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
    /// Parses `YYYY-MM-DD` ends named `from` and `to`; `from` after `to` is invalid input.
    pub fn parse(from: Option<&str>, to: Option<&str>) -> Result<Self> {
        let range = DateRange {
            from: from.map(|f| time::parse_date(f, "from")).transpose()?,
            to: to.map(|t| time::parse_date(t, "to")).transpose()?,
        };
        if let (Some(f), Some(t)) = (range.from, range.to)
            && f > t
        {
            return Err(Error::invalid("from", "is after `to`"));
        }
        Ok(range)
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

/// Formats a stored instant (Unix ms) in its stored zone: (`at` UTC, `local_time` with offset).
pub fn format_stored(at_ms: i64, zone_name: &str) -> Result<(String, String)> {
    let at = time::from_unix_ms(at_ms, "at")?;
    let zone = time::parse_zone(zone_name)
        .map_err(|_| Error::internal("a stored time zone no longer parses"))?;
    Ok((time::format_utc(at), time::format_local(at, zone)))
}

/// Formats a stored Unix-ms stamp (`created_at`, `updated_at`) as RFC 3339 UTC.
pub fn format_stamp(ms: i64) -> Result<String> {
    Ok(time::format_utc(time::from_unix_ms(ms, "stamp")?))
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
    fn at_overrides_now_and_a_bad_at_names_the_field() {
        let now = time::parse_instant("2027-01-01T00:00:00Z", "t").unwrap();
        let zone = time::parse_zone("Europe/London").unwrap();
        let m = Moment::resolve(Some("2026-12-31T23:59:00+01:00"), now, zone).unwrap();
        assert_eq!(time::format_utc(m.at), "2026-12-31T22:59:00Z");
        assert_eq!(Moment::resolve(None, now, zone).unwrap().at, now);
        let err = Moment::resolve(Some("yesterday"), now, zone).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "at"));
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
