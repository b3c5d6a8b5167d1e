//! Allocation-light text for the planner's hot path: dates, `HH:MM`, RFC 3339 instants.
//!
//! The planner writes four strings per notification; chrono's general formatter made that the
//! larger part of planning time. Output is byte-identical to `crate::time::format_utc` and
//! `format_local` (a property test below holds them together), with chrono as the fallback
//! outside years 0–9999 or for offsets that are not whole minutes (pre-1900 local mean time).

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, Timelike, Utc};
use chrono_tz::Tz;

use crate::time::{format_local, format_utc};

/// A fixed-size ASCII buffer on the stack: text is assembled here and allocated once.
struct Ascii<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> Ascii<N> {
    fn new() -> Self {
        Ascii {
            buf: [0; N],
            len: 0,
        }
    }

    fn byte(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.byte(*b);
        }
    }

    fn two(&mut self, n: u32) {
        self.byte(b'0' + (n / 10 % 10) as u8);
        self.byte(b'0' + (n % 10) as u8);
    }

    fn as_str(&self) -> &str {
        // Only ASCII digits and punctuation are ever written.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

fn year_fits(d: NaiveDate) -> bool {
    (0..=9999).contains(&d.year())
}

/// `YYYY-MM-DD` as bytes on the stack, for years 0–9999.
pub fn date_bytes(d: NaiveDate) -> Option<[u8; 10]> {
    if !year_fits(d) {
        return None;
    }
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let (y, m, day) = (d.year() as u32, d.month(), d.day());
    Some([
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(day / 10),
        digit(day),
    ])
}

/// `HH:MM`.
pub fn hm(t: impl Timelike) -> String {
    let mut a = Ascii::<5>::new();
    a.two(t.hour());
    a.byte(b':');
    a.two(t.minute());
    a.as_str().to_string()
}

/// `YYYY-MM-DD`.
pub fn date(d: NaiveDate) -> String {
    match date_bytes(d) {
        Some(bytes) => {
            let mut a = Ascii::<10>::new();
            a.bytes(&bytes);
            a.as_str().to_string()
        }
        None => d.to_string(),
    }
}

/// Writes `YYYY-MM-DDTHH:MM:SS`; `false` when the year does not fit four digits.
fn datetime<const N: usize>(a: &mut Ascii<N>, t: NaiveDateTime) -> bool {
    let Some(date) = date_bytes(t.date()) else {
        return false;
    };
    a.bytes(&date);
    a.byte(b'T');
    a.two(t.hour());
    a.byte(b':');
    a.two(t.minute());
    a.byte(b':');
    a.two(t.second());
    true
}

/// The same text as [`format_utc`], e.g. `2027-03-28T01:30:00Z`.
pub fn utc(t: DateTime<Utc>) -> String {
    let mut a = Ascii::<20>::new();
    if !datetime(&mut a, t.naive_utc()) {
        return format_utc(t);
    }
    a.byte(b'Z');
    a.as_str().to_string()
}

/// The same text as [`format_local`], e.g. `2027-03-28T02:30:00+01:00`.
pub fn local(t: DateTime<Utc>, zone: Tz) -> String {
    let local = t.with_timezone(&zone);
    let offset = local.offset().fix().local_minus_utc();
    let mut a = Ascii::<25>::new();
    if offset % 60 != 0 || !datetime(&mut a, local.naive_local()) {
        return format_local(t, zone);
    }
    a.byte(if offset < 0 { b'-' } else { b'+' });
    let minutes = offset.unsigned_abs() / 60;
    a.two(minutes / 60);
    a.byte(b':');
    a.two(minutes % 60);
    a.as_str().to_string()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use chrono_tz::TZ_VARIANTS;
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn fast_text_matches_chrono_in_every_zone(secs in -2_208_988_800i64..4_102_444_800, z in 0usize..TZ_VARIANTS.len()) {
            let t = Utc.timestamp_opt(secs, 0).single().unwrap_or_default();
            let zone = TZ_VARIANTS[z];
            prop_assert_eq!(utc(t), format_utc(t));
            prop_assert_eq!(local(t, zone), format_local(t, zone));
            prop_assert_eq!(date(t.date_naive()), t.date_naive().to_string());
        }
    }

    #[test]
    fn fast_text_matches_chrono_for_every_zone_now_and_in_summer() {
        for zone in TZ_VARIANTS {
            for t in [1_806_224_400i64, 1_814_398_200, 0, -2_000_000_000] {
                let t = Utc.timestamp_opt(t, 0).single().unwrap_or_default();
                assert_eq!(local(t, zone), format_local(t, zone), "{zone}");
            }
        }
    }
}
