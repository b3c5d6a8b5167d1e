//! Time: the injected clock, IANA zones, local days and wall-clock resolution.
//!
//! Owns every rule about "what day is it for this person" (DESIGN §2). Must never read the
//! host clock or the host zone: the shell passes a [`Clock`] and a zone name. The typed values
//! that cross the FFI ([`Timestamp`], [`LocalDay`], [`WallTime`]) and the captured moment every
//! entry carries ([`Moment`], [`Captured`]) live here too, so no domain imports another for them.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
};
use std::time::SystemTime;

use crate::error::{Error, Result};

pub mod moment;
mod types;
pub mod zone;
mod zone_table;

pub use moment::{Captured, CapturedKeys, DateRange, Moment};
pub use types::{LocalDay, Timestamp, WallTime};
pub use zone::Tz;

/// The source of "now", supplied by the shell: the system clock in apps, a fixed one in tests.
///
/// Implemented in Swift and Kotlin too (uniffi foreign trait), so a phone can hand in its own:
/// it answers a Swift `Date` / Kotlin `java.time.Instant` (ADR 8), never a number of
/// milliseconds. The answer is a plain `SystemTime`, so any instant the phone gives crosses;
/// one the core cannot use (outside years ±262 000) becomes `InvalidInput` on `clock` in
/// [`now`], never a panic.
#[cfg_attr(feature = "ffi", uniffi::export(with_foreign))]
pub trait Clock: Send + Sync {
    /// The current instant (named as `java.time.Clock.instant()`).
    fn instant(&self) -> SystemTime;
}

/// A clock that always answers the same instant: tests, `--now` in the CLI, previews.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn instant(&self) -> SystemTime {
        Timestamp(self.0).to_system_time()
    }
}

/// Reads a clock as a UTC instant (to the millisecond).
pub fn now(clock: &dyn Clock) -> Result<DateTime<Utc>> {
    Timestamp::from_system_time(clock.instant(), "clock").map(Timestamp::instant)
}

/// Converts Unix milliseconds to an instant, naming `field` if it is out of range.
pub fn from_unix_ms(ms: i64, field: &str) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms).ok_or_else(|| Error::invalid(field, "instant out of range"))
}

/// Parses an IANA zone name such as `Europe/London`.
pub fn parse_zone(name: &str) -> Result<Tz> {
    name.parse::<Tz>().map_err(|_| {
        Error::invalid(
            "time_zone",
            "not an IANA time zone name (e.g. Europe/London)",
        )
    })
}

/// Parses an RFC 3339 instant (`2027-03-28T01:30:00Z`, `2027-03-28T02:30:00+01:00`).
pub fn parse_instant(text: &str, field: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            Error::invalid(
                field,
                "expected an RFC 3339 instant such as 2027-03-28T09:00:00Z",
            )
        })
}

/// The earliest instant a record may carry: 1900-01-01T00:00:00Z.
pub const EARLIEST_RECORD_MS: i64 = -2_208_988_800_000;
/// How far after the clock a record may be (clock skew between a phone and a watch, say).
pub const RECORD_FUTURE_SLACK_MS: i64 = 5 * 60 * 1000;

/// Refuses an instant a record cannot have happened at: before 1900-01-01 (a typo such as
/// year 1 would stretch every chart and report back to that year) or more than five minutes
/// after `now`. `field` names the flag or field in the error.
pub fn check_record_instant(at: DateTime<Utc>, now: DateTime<Utc>, field: &str) -> Result<()> {
    let ms = at.timestamp_millis();
    if ms < EARLIEST_RECORD_MS {
        return Err(Error::invalid(
            field,
            "is before 1900-01-01; records cannot be that old",
        ));
    }
    if ms
        > now
            .timestamp_millis()
            .saturating_add(RECORD_FUTURE_SLACK_MS)
    {
        return Err(Error::invalid(
            field,
            "is in the future (more than 5 minutes after now); records are of what already happened",
        ));
    }
    Ok(())
}

/// Parses a local calendar date `YYYY-MM-DD`.
///
/// Exactly four digits of year from 1900 on: chrono alone would read `27-03-28` as the year 27,
/// and one such date would stretch a range, an episode or a chart across two thousand years.
pub fn parse_date(text: &str, field: &str) -> Result<NaiveDate> {
    let shaped = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| shaped)
        .ok_or_else(|| Error::invalid(field, "expected a date YYYY-MM-DD"))?;
    if date.year() < 1900 {
        return Err(Error::invalid(field, "is before 1900-01-01"));
    }
    Ok(date)
}

/// The local calendar day an instant belongs to for someone in `zone`.
///
/// Stored next to every entry at capture time, so travelling later never moves the entry.
pub fn local_date(instant: DateTime<Utc>, zone: Tz) -> NaiveDate {
    instant.with_timezone(&zone).date_naive()
}

/// Formats an instant in `zone` as RFC 3339 with the local offset (`2027-03-28T02:30:00+01:00`).
pub fn format_local(instant: DateTime<Utc>, zone: Tz) -> String {
    instant
        .with_timezone(&zone)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Formats an instant as RFC 3339 UTC with a `Z` (`2027-03-28T01:30:00Z`).
pub fn format_utc(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Formats an instant with a fixed UTC offset in seconds, as RFC 3339 (`2027-03-28T02:30:00+01:00`):
/// the same text as [`format_local`] in the zone whose offset it was.
pub fn format_with_offset(instant: DateTime<Utc>, offset_seconds: i32) -> String {
    match chrono::FixedOffset::east_opt(offset_seconds) {
        Some(offset) => instant
            .with_timezone(&offset)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        None => format_utc(instant),
    }
}

/// Resolves a wall-clock time on a local date to one instant, following RFC 5545 §3.3.5.
///
/// - A time that does not exist (spring forward) is read with the offset in force *before*
///   the gap, so 01:30 on a 01:00→02:00 day becomes 02:30 local.
/// - A time that occurs twice (fall back) means its *first* occurrence.
pub fn resolve_wall_time(date: NaiveDate, time: NaiveTime, zone: Tz) -> DateTime<Utc> {
    let local = NaiveDateTime::new(date, time);
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            // Walk back in 15-minute steps (every real gap is a multiple of 15 minutes) to the
            // last wall time before the gap, and apply that offset to the requested time.
            let mut probe = local;
            for _ in 0..(4 * 48) {
                probe -= Duration::minutes(15);
                if let Some(before) = zone.from_local_datetime(&probe).earliest() {
                    let offset = before.offset().fix();
                    return (local - Duration::seconds(i64::from(offset.local_minus_utc())))
                        .and_utc();
                }
            }
            // No zone has a gap longer than two days; treat the time as UTC rather than fail.
            local.and_utc()
        }
    }
}

use chrono::Offset as _;

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        parse_instant(s, "t").unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        parse_date(s, "d").unwrap()
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn an_entry_just_after_local_midnight_belongs_to_the_new_local_day() {
        let london: Tz = parse_zone("Europe/London").unwrap();
        // 23:30 UTC on 30 June is 00:30 BST on 1 July.
        assert_eq!(
            local_date(utc("2027-06-30T23:30:00Z"), london),
            d("2027-07-01")
        );
        // In winter London is on UTC: same instant a day in January stays on its UTC day.
        assert_eq!(
            local_date(utc("2027-01-30T23:30:00Z"), london),
            d("2027-01-30")
        );
    }

    #[test]
    fn local_day_follows_the_zone_the_person_was_in() {
        let instant = utc("2027-05-10T22:00:00Z");
        assert_eq!(
            local_date(instant, parse_zone("America/New_York").unwrap()),
            d("2027-05-10")
        );
        assert_eq!(
            local_date(instant, parse_zone("Asia/Tokyo").unwrap()),
            d("2027-05-11")
        );
        assert_eq!(
            local_date(instant, parse_zone("Pacific/Chatham").unwrap()),
            d("2027-05-11")
        );
    }

    #[test]
    fn spring_forward_gap_fires_an_hour_later_in_local_time() {
        let london = parse_zone("Europe/London").unwrap();
        // 2027-03-28: clocks go 01:00 GMT → 02:00 BST. 01:30 does not exist.
        let fire = resolve_wall_time(d("2027-03-28"), t(1, 30), london);
        assert_eq!(format_utc(fire), "2027-03-28T01:30:00Z");
        assert_eq!(format_local(fire, london), "2027-03-28T02:30:00+01:00");
    }

    #[test]
    fn fall_back_ambiguous_time_fires_at_its_first_occurrence() {
        let london = parse_zone("Europe/London").unwrap();
        // 2027-10-31: 01:30 happens at 00:30Z (BST) and again at 01:30Z (GMT).
        let fire = resolve_wall_time(d("2027-10-31"), t(1, 30), london);
        assert_eq!(format_utc(fire), "2027-10-31T00:30:00Z");
    }

    #[test]
    fn lord_howe_half_hour_gap_moves_by_thirty_minutes() {
        let lh = parse_zone("Australia/Lord_Howe").unwrap();
        // 2027-10-03: 02:00 +10:30 → 02:30 +11:00; 02:15 does not exist and becomes 02:45.
        let fire = resolve_wall_time(d("2027-10-03"), t(2, 15), lh);
        assert_eq!(format_local(fire, lh), "2027-10-03T02:45:00+11:00");
    }

    #[test]
    fn ordinary_times_are_unchanged() {
        let ny = parse_zone("America/New_York").unwrap();
        let fire = resolve_wall_time(d("2027-07-04"), t(8, 0), ny);
        assert_eq!(format_local(fire, ny), "2027-07-04T08:00:00-04:00");
    }

    #[test]
    fn unknown_zone_is_invalid_input_naming_the_field() {
        let err = parse_zone("Mars/Olympus_Mons").unwrap_err();
        assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "time_zone"));
    }

    #[test]
    fn an_instant_with_its_offset_reads_as_it_does_in_its_zone_in_every_zone() {
        use chrono::Offset as _;
        for zone in Tz::all() {
            for secs in [1_806_224_400i64, 1_814_398_200, 0, -2_000_000_000] {
                let t = DateTime::from_timestamp(secs, 0).unwrap();
                let offset = t.with_timezone(&zone).offset().fix().local_minus_utc();
                assert_eq!(
                    format_with_offset(t, offset),
                    format_local(t, zone),
                    "{zone}"
                );
            }
        }
    }

    #[test]
    fn fixed_clock_reads_back_its_instant() {
        let c = FixedClock(utc("2027-01-02T03:04:05Z"));
        assert_eq!(now(&c).unwrap(), utc("2027-01-02T03:04:05Z"));
    }
}

#[cfg(test)]
mod bounds_tests {
    use super::*;

    #[test]
    fn record_instants_are_bounded_by_1900_and_five_minutes_after_now() {
        let now = parse_instant("2027-03-28T09:00:00Z", "t").unwrap();
        let ok = |s: &str| check_record_instant(parse_instant(s, "t").unwrap(), now, "at");
        assert!(ok("1900-01-01T00:00:00Z").is_ok());
        assert!(ok("2027-03-28T09:05:00Z").is_ok());
        for bad in [
            "1899-12-31T23:59:59Z",
            "0001-01-01T00:00:00Z",
            "2027-03-28T09:05:01Z",
            "9999-12-31T23:59:59Z",
        ] {
            let err = ok(bad).unwrap_err();
            assert!(
                matches!(&err, Error::InvalidInput { field, .. } if field == "at"),
                "{bad}"
            );
        }
    }

    #[test]
    fn dates_need_four_digit_years_from_1900() {
        assert!(parse_date("2027-03-28", "d").is_ok());
        for bad in [
            "27-03-28",
            "0027-03-28",
            "1899-12-31",
            "2027-3-28",
            "+2027-03-28",
            "20270-03-28",
        ] {
            assert!(parse_date(bad, "d").is_err(), "{bad}");
        }
    }
}
