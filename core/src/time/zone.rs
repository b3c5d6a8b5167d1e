//! IANA time zones for the core: [`Tz`], a `chrono::TimeZone` over every zone of the IANA
//! database, read from compact tables ([`super::zone_table`], generated from chrono-tz by
//! `scripts/gen-zone-table.py`).
//!
//! Owns turning an instant into a zone's offset and a local wall time into its instants (one,
//! two in an overlap, none in a gap). It gives exactly chrono-tz's answers — the same
//! transitions, the same rule for gaps and overlaps (ported from chrono-tz 0.10's
//! `timezone_impl.rs`, MIT/Apache-2.0) — for every zone, which `zone_tests.rs` checks against
//! chrono-tz itself around every transition. It exists for size: chrono-tz keeps its ~66,000
//! transitions as 32-byte structs with a `&'static str` each (1.15 MB of the phone library);
//! these tables hold each as 10 bytes and share one table between linked zones (~0.38 MB).
//! Must never read the host's zone or zone files: zones are data compiled in, as before.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{
    FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
};

use super::zone_table::{ABBREVIATIONS, AT, SPAN_OF, SPANS, TABLES, ZONES};

pub use super::zone_table::TZDB_VERSION;

/// An IANA time zone (`Europe/London`), by name; `Copy`, compared by name.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tz(u16);

/// A zone name that is not in the IANA database (names are case-sensitive, as in chrono-tz).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownZone;

impl fmt::Display for UnknownZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not an IANA time zone name")
    }
}

impl std::error::Error for UnknownZone {}

/// Byte-wise comparison usable in a `const fn`.
const fn compare(a: &[u8], b: &[u8]) -> Ordering {
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] < b[i] {
            return Ordering::Less;
        }
        if a[i] > b[i] {
            return Ordering::Greater;
        }
        i += 1;
    }
    if a.len() < b.len() {
        Ordering::Less
    } else if a.len() > b.len() {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// The position of `name` in the sorted zone list.
const fn find(name: &str) -> Option<u16> {
    let (mut lo, mut hi) = (0, ZONES.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match compare(ZONES[mid].0.as_bytes(), name.as_bytes()) {
            Ordering::Less => lo = mid + 1,
            Ordering::Greater => hi = mid,
            // The list has fewer than 65,536 names (checked by the generator).
            Ordering::Equal => return Some(mid as u16),
        }
    }
    None
}

impl Tz {
    /// UTC.
    pub const UTC: Tz = Tz::known("UTC");

    /// A zone named in the source, for constants: `const HOME: Tz = Tz::known("Europe/London")`.
    /// An unknown name fails the build when used in a constant (and panics elsewhere), so use
    /// [`str::parse`] for names that come from outside.
    pub const fn known(name: &str) -> Tz {
        match find(name) {
            Some(i) => Tz(i),
            None => panic!("not an IANA zone name"),
        }
    }

    /// The IANA name (`Europe/London`).
    pub fn name(self) -> &'static str {
        ZONES[usize::from(self.0)].0
    }

    /// Every zone in the database (links such as `US/Eastern` included), sorted by name.
    pub fn all() -> impl Iterator<Item = Tz> {
        (0..ZONES.len()).map(|i| Tz(u16::try_from(i).unwrap_or(u16::MAX)))
    }

    fn spans(self) -> Spans {
        let (start, count, first) = TABLES[usize::from(ZONES[usize::from(self.0)].1)];
        let start = start as usize;
        Spans {
            first,
            at: &AT[start..start + usize::from(count)],
            span_of: &SPAN_OF[start..start + usize::from(count)],
        }
    }
}

impl FromStr for Tz {
    type Err = UnknownZone;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        find(s).map(Tz).ok_or(UnknownZone)
    }
}

impl fmt::Debug for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One entry of `SPANS`: a fixed offset in force for a while.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Span(u16);

impl Span {
    fn total(self) -> i64 {
        let (utc, dst, _) = SPANS[usize::from(self.0)];
        i64::from(utc) + i64::from(dst)
    }
}

/// A zone's spans: `first` before `at[0]`, then `span_of[i]` from `at[i]` on.
struct Spans {
    first: u16,
    at: &'static [i64],
    span_of: &'static [u16],
}

/// A half-open range of seconds `[begin, end)`, unbounded where `None`.
struct Range {
    begin: Option<i64>,
    end: Option<i64>,
}

impl Range {
    fn contains(&self, x: i64) -> bool {
        self.begin.is_none_or(|a| a <= x) && self.end.is_none_or(|b| x < b)
    }

    /// Where the range lies relative to `x`: `Less` when it ends at or before `x`.
    fn cmp(&self, x: i64) -> Ordering {
        if self.end.is_some_and(|b| b <= x) {
            Ordering::Less
        } else if self.begin.is_some_and(|a| a > x) {
            Ordering::Greater
        } else {
            Ordering::Equal
        }
    }
}

impl Spans {
    fn len(&self) -> usize {
        1 + self.at.len()
    }

    fn get(&self, i: usize) -> Span {
        Span(if i == 0 {
            self.first
        } else {
            self.span_of[i - 1]
        })
    }

    fn utc_range(&self, i: usize) -> Range {
        Range {
            begin: (i > 0).then(|| self.at[i - 1]),
            end: self.at.get(i).copied(),
        }
    }

    /// The local wall-clock seconds span `i` covers (its own offset from its start, the
    /// previous span's until its end, as chrono-tz reckons them).
    fn local_range(&self, i: usize) -> Range {
        Range {
            begin: (i > 0).then(|| self.at[i - 1] + self.get(i).total()),
            end: self.at.get(i).map(|end| end + self.get(i).total()),
        }
    }

    /// Binary search over span indices (chrono-tz's `binary_search`).
    fn search(&self, f: impl Fn(usize) -> Ordering) -> Result<usize, usize> {
        let (mut start, mut end) = (0, self.len());
        loop {
            let mid = start + (end - start) / 2;
            if mid == end {
                return Err(start);
            }
            match f(mid) {
                Ordering::Less => start = mid + 1,
                Ordering::Greater => end = mid,
                Ordering::Equal => return Ok(mid),
            }
        }
    }
}

/// A zone's offset at some instant: its base and daylight-saving parts and abbreviation.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Tz,
    span: Span,
}

impl ZoneOffset {
    /// The abbreviation (`BST`), when the database names one.
    pub fn abbreviation(&self) -> Option<&'static str> {
        let (_, _, name) = SPANS[usize::from(self.span.0)];
        ABBREVIATIONS.get(usize::from(name)).copied()
    }

    /// The base offset from UTC in seconds, without daylight saving.
    pub fn base_utc_seconds(&self) -> i32 {
        SPANS[usize::from(self.span.0)].0
    }

    /// The daylight-saving part of the offset in seconds (0 in standard time).
    pub fn dst_seconds(&self) -> i32 {
        SPANS[usize::from(self.span.0)].1
    }
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        let total = self.base_utc_seconds() + self.dst_seconds();
        // Every offset in the database is within a day; UTC is the fallback the type needs.
        FixedOffset::east_opt(total).unwrap_or_else(|| Utc.fix())
    }
}

/// The abbreviation, or `+0530`-style digits when there is none (as chrono-tz shows it).
impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(name) = self.abbreviation() {
            return f.write_str(name);
        }
        let offset = self.base_utc_seconds() + self.dst_seconds();
        let sign = if offset < 0 { '-' } else { '+' };
        let minutes = offset.unsigned_abs() / 60;
        let (hours, mins) = (minutes / 60, minutes % 60);
        write!(f, "{sign}{hours:02}")?;
        if mins != 0 {
            write!(f, "{mins:02}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl TimeZone for Tz {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Self {
        offset.zone
    }

    /// One offset the day had, as chrono-tz gives it (the earliest unambiguous one).
    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<ZoneOffset> {
        use chrono::LocalResult::{Ambiguous, None, Single};
        let earliest = self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN));
        let latest = self.offset_from_local_datetime(
            &local
                .and_hms_opt(23, 59, 59)
                .unwrap_or_else(|| local.and_time(NaiveTime::MIN)),
        );
        match (earliest, latest) {
            (result @ Single(_), _) | (_, result @ Single(_)) => result,
            (Ambiguous(offset, _), _) | (_, Ambiguous(offset, _)) => Single(offset),
            (None, None) => None,
        }
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<ZoneOffset> {
        use chrono::LocalResult::{Ambiguous, None, Single};
        let t = local.and_utc().timestamp();
        let spans = self.spans();
        let offset = |i| ZoneOffset {
            zone: *self,
            span: spans.get(i),
        };
        let overlaps = |i: usize| spans.local_range(i).contains(t);
        match spans.search(|i| spans.local_range(i).cmp(t)) {
            Ok(0) if spans.len() == 1 => Single(offset(0)),
            Ok(0) if overlaps(1) => Ambiguous(offset(0), offset(1)),
            Ok(0) => Single(offset(0)),
            Ok(i) if overlaps(i - 1) => Ambiguous(offset(i - 1), offset(i)),
            Ok(i) if i == spans.len() - 1 => Single(offset(i)),
            Ok(i) if overlaps(i + 1) => Ambiguous(offset(i), offset(i + 1)),
            Ok(i) => Single(offset(i)),
            Err(_) => None,
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        let t = utc.and_utc().timestamp();
        let spans = self.spans();
        // Every instant lies in exactly one span; the fallback is never taken.
        let i = spans
            .search(|i| spans.utc_range(i).cmp(t))
            .unwrap_or_else(|i| i.min(spans.len() - 1));
        ZoneOffset {
            zone: *self,
            span: spans.get(i),
        }
    }
}

#[cfg(test)]
#[path = "zone_tests.rs"]
mod tests;
