//! Habit strength: an exponentially smoothed score of how regularly someone practises, in
//! the way Loop Habit Tracker computes its "habit strength".
//!
//! Source: Loop Habit Tracker (github.com/iSoron/uhabits), `uhabits-core/.../models/Score.kt`
//! (`Score.compute`) and `ScoreList.kt` (`recompute`), described in the app's README as
//! "every repetition makes your habit stronger, and every missed day makes it weaker; a few
//! missed days after a long streak will not completely destroy your progress". This is an
//! independent implementation of the published formula, not a copy of that code.
//!
//! The formula, evaluated once per local day from the first day practised:
//!
//! ```text
//! f          = times / days                      (daily practice: 1 / 1 = 1.0)
//! multiplier = 0.5 ^ (sqrt(f) / 13)              (daily: a 13-day half-life)
//! value      = min(1, practised days in the last `days` days / times)
//! score      = score × multiplier + value × (1 − multiplier)
//! ```
//!
//! For habits less often than daily (f < 1), `times` and `days` are both doubled before the
//! rolling window is taken, which smooths irregular schedules (a weekly habit done on
//! different weekdays). The score starts at 0 and stays in 0..=1.
//!
//! Must never turn one missed day into a collapse: that is the point of using it instead of
//! a streak.

use std::collections::VecDeque;

use chrono::{Days, NaiveDate};

/// How often the habit is meant to happen: `times` in every `days` days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HabitFrequency {
    /// Repetitions per period.
    pub times: u32,
    /// Period length in days.
    pub days: u32,
}

impl HabitFrequency {
    /// Once a day: the default for a practice habit.
    pub const DAILY: HabitFrequency = HabitFrequency { times: 1, days: 1 };

    fn ratio(self) -> f64 {
        f64::from(self.times.max(1)) / f64::from(self.days.max(1))
    }
}

/// The per-day smoothing factor for a habit of frequency `f` (Loop's `Score.compute`).
pub fn multiplier(frequency: HabitFrequency) -> f64 {
    0.5_f64.powf(frequency.ratio().sqrt() / 13.0)
}

/// Habit strength (0..=1) at the end of `through`, given the sorted local days practised.
///
/// Days after `through` are ignored; with no practice on or before it the strength is 0.
pub fn habit_strength(
    practised: &[NaiveDate],
    through: NaiveDate,
    frequency: HabitFrequency,
) -> f64 {
    let Some(&first) = practised.first() else {
        return 0.0;
    };
    if first > through {
        return 0.0;
    }
    let m = multiplier(frequency);
    let (mut times, mut window) = (frequency.times.max(1), frequency.days.max(1));
    if frequency.ratio() < 1.0 {
        times *= 2;
        window *= 2;
    }
    let mut recent: VecDeque<bool> = VecDeque::with_capacity(window as usize + 1);
    let mut in_window = 0u32;
    let mut next = practised.iter().peekable();
    let mut score = 0.0;
    let mut day = first;
    while day <= through {
        // Duplicates in `practised` count once: a day is practised or not.
        let mut hit = false;
        while next.peek().is_some_and(|&&d| d <= day) {
            hit |= next.next().is_some_and(|&d| d == day);
        }
        recent.push_back(hit);
        in_window += u32::from(hit);
        if recent.len() > window as usize && recent.pop_front() == Some(true) {
            in_window -= 1;
        }
        let value = (f64::from(in_window) / f64::from(times)).min(1.0);
        score = score * m + value * (1.0 - m);
        match day.checked_add_days(Days::new(1)) {
            Some(d) => day = d,
            None => break,
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn days(from: &str, n: u64) -> Vec<NaiveDate> {
        (0..n).map(|i| d(from) + Days::new(i)).collect()
    }

    #[test]
    fn daily_practice_has_a_thirteen_day_half_life() {
        let m = multiplier(HabitFrequency::DAILY);
        assert!((m.powi(13) - 0.5).abs() < 1e-12);
        // One day practised: the score is exactly one step of smoothing.
        let one = habit_strength(&[d("2027-01-01")], d("2027-01-01"), HabitFrequency::DAILY);
        assert!((one - (1.0 - m)).abs() < 1e-12);
    }

    #[test]
    fn thirteen_days_in_a_row_reach_half_strength() {
        let s = habit_strength(
            &days("2027-01-01", 13),
            d("2027-01-13"),
            HabitFrequency::DAILY,
        );
        assert!((s - 0.5).abs() < 1e-9, "{s}");
    }

    #[test]
    fn a_missed_day_after_a_long_run_dents_but_does_not_destroy() {
        let run = days("2027-01-01", 60);
        let before = habit_strength(&run, d("2027-03-01"), HabitFrequency::DAILY);
        let after_miss = habit_strength(&run, d("2027-03-02"), HabitFrequency::DAILY);
        assert!(before > 0.95);
        assert!(after_miss > 0.9 && after_miss < before);
        // Thirteen days without practice halve it; they never reset it to zero.
        let later = habit_strength(&run, d("2027-03-14"), HabitFrequency::DAILY);
        assert!((later - before / 2.0).abs() < 1e-9);
    }

    #[test]
    fn three_times_a_week_done_three_times_a_week_grows_strong() {
        let f = HabitFrequency { times: 3, days: 7 };
        let practised: Vec<NaiveDate> = (0..26 * 7)
            .filter(|i| i % 7 == 0 || i % 7 == 2 || i % 7 == 4)
            .map(|i| d("2027-01-04") + Days::new(i))
            .collect();
        let s = habit_strength(&practised, *practised.last().unwrap(), f);
        assert!(s > 0.9, "{s}");
        let daily = habit_strength(
            &practised,
            *practised.last().unwrap(),
            HabitFrequency::DAILY,
        );
        assert!(
            daily < 0.5,
            "judged as daily, the same practice is weaker: {daily}"
        );
    }

    #[test]
    fn nothing_practised_yet_is_zero() {
        assert_eq!(
            habit_strength(&[], d("2027-01-01"), HabitFrequency::DAILY),
            0.0
        );
        assert_eq!(
            habit_strength(&[d("2027-02-01")], d("2027-01-01"), HabitFrequency::DAILY),
            0.0
        );
    }

    proptest! {
        /// The score stays in 0..=1, and practising on one more day never lowers it.
        #[test]
        fn bounded_and_monotone_in_practice(
            offsets in proptest::collection::btree_set(0u64..400, 0..120),
            extra in 0u64..400,
            times in 1u32..5,
            period in 1u32..10,
        ) {
            let f = HabitFrequency { times, days: period.max(times) };
            let start = d("2026-01-01");
            let through = start + Days::new(400);
            let practised: Vec<NaiveDate> = offsets.iter().map(|&o| start + Days::new(o)).collect();
            let s = habit_strength(&practised, through, f);
            prop_assert!((0.0..=1.0).contains(&s));
            let mut more = offsets.clone();
            more.insert(extra);
            let more: Vec<NaiveDate> = more.iter().map(|&o| start + Days::new(o)).collect();
            prop_assert!(habit_strength(&more, through, f) + 1e-12 >= s);
        }
    }
}
