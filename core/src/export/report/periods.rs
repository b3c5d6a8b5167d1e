//! Chart periods: dated values grouped into days, weeks (Mondays) or months by the range's
//! length, and the first and last periods a range cuts short — so a partial week never reads
//! as a drop (therapist review, second round, L10).

use chrono::{Datelike, Days, NaiveDate};

/// Groups dated values into buckets starting on the bucket's first day: daily for up to
/// three months, weekly (Mondays) up to three years, monthly beyond.
pub(super) fn bucket_of(
    from: NaiveDate,
    to: NaiveDate,
) -> (fn(NaiveDate) -> NaiveDate, f32, &'static str) {
    let days = (to - from).num_days();
    if days <= 92 {
        (|d| d, 1.0, "day")
    } else if days <= 3 * 366 {
        (
            |d| d - Days::new(u64::from(d.weekday().num_days_from_monday())),
            7.0,
            "week",
        )
    } else {
        (|d| d.with_day(1).unwrap_or(d), 30.4, "month")
    }
}

/// A week or month of a chart that the range cuts short, so it holds fewer days than the
/// others and must not read as a drop (therapist review, second round, L10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PartialPeriod {
    /// The period's first day (the bucket's date).
    pub start: NaiveDate,
    /// Days of it inside the range.
    pub days: i64,
    /// Days in the whole period (7 for a week, the month's length).
    pub of: i64,
    /// `week` or `month`.
    pub unit: &'static str,
}

impl PartialPeriod {
    /// `partial week: 3 of 7 days`, drawn beside the bar.
    pub fn label(&self) -> String {
        format!("partial {}: {} of {} days", self.unit, self.days, self.of)
    }

    /// `The last week (from 2027-03-29) is partial: 3 of its 7 days fall in the range`.
    pub fn sentence(&self, first: bool) -> String {
        format!(
            "The {} {} (from {}) is partial: {} of its {} days {} in the range.",
            if first { "first" } else { "last" },
            self.unit,
            self.start,
            self.days,
            self.of,
            if self.days == 1 { "falls" } else { "fall" }
        )
    }
}

/// The first and last periods of `from..=to` that the range cuts short (none for daily
/// buckets), first one first.
pub(super) fn partial_periods(from: NaiveDate, to: NaiveDate) -> Vec<(bool, PartialPeriod)> {
    let (bucket, _, unit) = bucket_of(from, to);
    let next = |start: NaiveDate| match unit {
        "week" => Some(start + Days::new(7)),
        "month" => start.checked_add_months(chrono::Months::new(1)),
        _ => None,
    };
    let mut out = Vec::new();
    let first = bucket(from);
    if let Some(end) = next(first)
        && first < from
    {
        let days = (end.min(to + Days::new(1)) - from).num_days();
        out.push((
            true,
            PartialPeriod {
                start: first,
                days,
                of: (end - first).num_days(),
                unit,
            },
        ));
    }
    let last = bucket(to);
    if let Some(end) = next(last)
        && to + Days::new(1) < end
        && last != first
    {
        out.push((
            false,
            PartialPeriod {
                start: last,
                days: (to - last).num_days() + 1,
                of: (end - last).num_days(),
                unit,
            },
        ));
    }
    out
}
