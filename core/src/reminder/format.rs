//! Allocation-light text for the planner's hot path: the `YYYY-MM-DD` bytes that go into
//! every occurrence id.
//!
//! The plan itself no longer carries text (its instants, days and wall times are typed, and
//! JSON writes them only when the CLI asks), so this is all that is left of the fast formatter.

use chrono::{Datelike, NaiveDate};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_bytes_match_chrono_and_refuse_five_digit_years() {
        for d in ["0001-01-01", "1970-01-01", "2027-03-28", "9999-12-31"] {
            let day = NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
            assert_eq!(
                date_bytes(day).map(|b| String::from_utf8(b.to_vec()).unwrap()),
                Some(day.to_string())
            );
        }
        assert_eq!(
            date_bytes(NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap()),
            None
        );
    }
}
