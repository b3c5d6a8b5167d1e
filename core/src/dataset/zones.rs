//! Where the generated person is on each local day: at home in Europe/London (so every
//! year crosses two DST changes), two weeks a year in America/New_York and one week in
//! Asia/Tokyo, at seed-dependent dates. Check-ins made while away keep the local day of the
//! zone they were captured in (DESIGN §2), which is exactly what the benchmarks must exercise.

use crate::time::Tz;
use chrono::{Datelike, NaiveDate};

/// The home zone: it observes DST, so the history crosses spring-forward and fall-back.
pub const HOME: Tz = Tz::known("Europe/London");

/// The trips of one generated person: day-of-year offsets fixed by the seed.
#[derive(Debug, Clone, Copy)]
pub struct Itinerary {
    /// First day of year of the New York fortnight (in May–June).
    new_york_from: u32,
    /// First day of year of the Tokyo week (in October–November).
    tokyo_from: u32,
}

impl Itinerary {
    /// Trips whose dates move with `shift` (any number; only its remainder is used).
    pub fn new(shift: u64) -> Self {
        let s = (shift % 28) as u32;
        Itinerary {
            new_york_from: 130 + s,
            tokyo_from: 290 + s,
        }
    }

    /// The zone the person is in on local day `date`.
    pub fn zone_on(&self, date: NaiveDate) -> Tz {
        let d = date.ordinal();
        if (self.new_york_from..self.new_york_from + 14).contains(&d) {
            Tz::known("America/New_York")
        } else if (self.tokyo_from..self.tokyo_from + 7).contains(&d) {
            Tz::known("Asia/Tokyo")
        } else {
            HOME
        }
    }
}
