//! The practice summary: minutes per day and per week, days practised this week, habit
//! strength, and a plain streak that the person can hide.
//!
//! The arithmetic is a pure function over per-day totals ([`summarise`]); [`summary`] reads
//! those totals and the streak preference from the store. Weeks start on Monday (ISO 8601).
//! Must never present a lapse as failure: an interrupted session still counts as practice,
//! and today not practised *yet* does not end a streak.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

use super::habit::{HabitFrequency, habit_strength};
use crate::error::{Error, Result};
use crate::preferences;
use crate::time::LocalDay;
use crate::time::parse_date;

/// The preference that hides the streak when set to `true` (`set_preference`).
pub const HIDE_STREAK_PREFERENCE: &str = "hide_streak";

/// The widest range a summary lists day by day (a little over ten years).
pub const MAX_RANGE_DAYS: u64 = 3700;

/// How long the default range is when none is given: the last four weeks.
const DEFAULT_RANGE_DAYS: u64 = 27;

/// Practice on one local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayTotal {
    /// The local day.
    pub date: NaiveDate,
    /// Minutes practised.
    pub minutes: u32,
    /// Sessions logged.
    pub sessions: u32,
}

/// Minutes practised on one local day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PracticeDay {
    /// The local day.
    pub date: LocalDay,
    /// Minutes practised (0 on days without practice).
    pub minutes: u32,
    /// Sessions logged.
    pub sessions: u32,
}

/// Minutes practised in one Monday-to-Sunday week (only days inside the range count).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PracticeWeek {
    /// The Monday starting the week.
    pub week_start: LocalDay,
    /// Minutes practised.
    pub minutes: u32,
    /// Distinct days with any practice.
    pub days_practised: u32,
}

/// The practice summary for a range of local days.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PracticeSummary {
    /// First day of the range.
    pub from: LocalDay,
    /// Last day of the range.
    pub to: LocalDay,
    /// Every day in the range, oldest first.
    pub minutes_per_day: Vec<PracticeDay>,
    /// Every week overlapping the range, oldest first.
    pub minutes_per_week: Vec<PracticeWeek>,
    /// Minutes in the range.
    pub total_minutes: u32,
    /// Sessions in the range.
    pub sessions: u32,
    /// The Monday starting the current week.
    pub this_week_start: LocalDay,
    /// Days with any practice in the current week (Monday to today).
    pub days_practised_this_week: u32,
    /// Minutes practised in the current week.
    pub minutes_this_week: u32,
    /// Habit strength today, 0–1 (Loop Habit Tracker's smoothing; see `practice::habit`).
    pub habit_strength: f64,
    /// Consecutive days practised up to today (or yesterday, if today is still open);
    /// `null` when the person has hidden streaks.
    pub streak: Option<u32>,
    /// True when the person chose to hide the streak.
    pub streak_hidden: bool,
}

/// The Monday of the week containing `day`.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// Resolves an optional `from`/`to` pair against today: by default the last four weeks.
pub fn range(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate)> {
    let to = to.unwrap_or(today);
    let from = from.unwrap_or_else(|| to - Days::new(DEFAULT_RANGE_DAYS));
    if from > to {
        return Err(Error::invalid("from", "must not be after `to`"));
    }
    if to.signed_duration_since(from).num_days() > MAX_RANGE_DAYS as i64 {
        return Err(Error::invalid(
            "to",
            format!("a range may span at most {MAX_RANGE_DAYS} days"),
        ));
    }
    Ok((from, to))
}

/// Builds the summary from every day ever practised (sorted by date), for a range.
pub fn summarise(
    history: &[DayTotal],
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    streak_hidden: bool,
) -> PracticeSummary {
    let by_day: BTreeMap<NaiveDate, DayTotal> = history.iter().map(|d| (d.date, *d)).collect();
    let mut days = Vec::new();
    let mut weeks: BTreeMap<NaiveDate, PracticeWeek> = BTreeMap::new();
    let (mut total, mut sessions) = (0u32, 0u32);
    for day in from.iter_days().take_while(|d| *d <= to) {
        let t = by_day.get(&day).copied().unwrap_or(DayTotal {
            date: day,
            minutes: 0,
            sessions: 0,
        });
        total = total.saturating_add(t.minutes);
        sessions = sessions.saturating_add(t.sessions);
        let monday = week_start(day);
        let week = weeks.entry(monday).or_insert_with(|| PracticeWeek {
            week_start: monday.into(),
            minutes: 0,
            days_practised: 0,
        });
        week.minutes = week.minutes.saturating_add(t.minutes);
        week.days_practised += u32::from(t.sessions > 0);
        days.push(PracticeDay {
            date: day.into(),
            minutes: t.minutes,
            sessions: t.sessions,
        });
    }
    let this_monday = week_start(today);
    let this_week = by_day.range(this_monday..=today).map(|(_, t)| t);
    let (days_this_week, minutes_this_week) = this_week.fold((0u32, 0u32), |(n, m), t| {
        (n + u32::from(t.sessions > 0), m.saturating_add(t.minutes))
    });
    let practised: Vec<NaiveDate> = history
        .iter()
        .filter(|d| d.sessions > 0)
        .map(|d| d.date)
        .collect();
    PracticeSummary {
        from: from.into(),
        to: to.into(),
        minutes_per_day: days,
        minutes_per_week: weeks.into_values().collect(),
        total_minutes: total,
        sessions,
        this_week_start: this_monday.into(),
        days_practised_this_week: days_this_week,
        minutes_this_week,
        habit_strength: habit_strength(&practised, today, HabitFrequency::DAILY),
        streak: (!streak_hidden).then(|| streak(&practised, today)),
        streak_hidden,
    }
}

/// Consecutive practised days ending today, or ending yesterday if today has no practice
/// yet (the day is not over, so the streak is not broken).
pub fn streak(practised: &[NaiveDate], today: NaiveDate) -> u32 {
    let set: std::collections::BTreeSet<NaiveDate> = practised.iter().copied().collect();
    let mut day = if set.contains(&today) {
        today
    } else {
        today - Days::new(1)
    };
    let mut n = 0;
    while set.contains(&day) {
        n += 1;
        match day.checked_sub_days(Days::new(1)) {
            Some(d) => day = d,
            None => break,
        }
    }
    n
}

/// Reads per-day totals and the streak preference, then summarises.
pub fn summary(
    conn: &Connection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<PracticeSummary> {
    let (from, to) = range(from, to, today)?;
    let mut stmt = conn.prepare_cached(
        "SELECT local_date, SUM(actual_minutes), COUNT(*) FROM practice_sessions
         GROUP BY local_date ORDER BY local_date",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    let mut history = Vec::new();
    for row in rows {
        let (day, minutes, sessions) = row?;
        history.push(DayTotal {
            date: parse_date(&day, "local_date")?,
            minutes: u32::try_from(minutes).unwrap_or(u32::MAX),
            sessions: u32::try_from(sessions).unwrap_or(u32::MAX),
        });
    }
    let hidden = preferences::get(conn, HIDE_STREAK_PREFERENCE)?.is_some_and(|v| v == "true");
    Ok(summarise(&history, from, to, today, hidden))
}
