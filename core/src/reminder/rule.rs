//! Reminder rules: what to remind about, at which wall-clock times, on which days, and the
//! checks a rule must pass before it is stored.
//!
//! Owns parsing and validation (times, day sets, quiet hours, labels, overlapping duplicates).
//! Must never decide *when* a notification fires: that is the planner's job.

use chrono::{DateTime, NaiveDate, NaiveTime, Timelike, Utc, Weekday};

use crate::error::{Error, Result};
use crate::time::WallTime;

/// At most this many times of day in one rule: a reminder is a nudge, not a timetable.
pub const MAX_TIMES: usize = 12;
/// Longest label, in characters.
pub const MAX_LABEL_CHARS: usize = 60;

/// The activity a reminder brings the person back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ActivityKind {
    /// A guided or silent meditation.
    Meditation,
    /// A mood check-in.
    Checkin,
    /// A journal entry.
    Journal,
    /// The next step of a programme.
    Programme,
    /// A questionnaire (PHQ-9, GAD-7, …) that is due.
    Assessment,
}

impl ActivityKind {
    /// Every kind, in a stable order.
    pub const ALL: [ActivityKind; 5] = [
        ActivityKind::Meditation,
        ActivityKind::Checkin,
        ActivityKind::Journal,
        ActivityKind::Programme,
        ActivityKind::Assessment,
    ];

    /// The snake_case name used in JSON, the CLI and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::Meditation => "meditation",
            ActivityKind::Checkin => "checkin",
            ActivityKind::Journal => "journal",
            ActivityKind::Programme => "programme",
            ActivityKind::Assessment => "assessment",
        }
    }

    /// Parses a kind name; anything else is `invalid_input` on `kind`.
    pub fn parse(text: &str) -> Result<Self> {
        let wanted = text.trim().to_ascii_lowercase();
        ActivityKind::ALL
            .into_iter()
            .find(|k| k.as_str() == wanted)
            .ok_or_else(|| {
                Error::invalid(
                    "kind",
                    "expected meditation, checkin, journal, programme or assessment",
                )
            })
    }
}

/// A day of the week (ISO order, Monday first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum DayOfWeek {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

const DAY_NAMES: [(DayOfWeek, &str, &str); 7] = [
    (DayOfWeek::Mon, "mon", "monday"),
    (DayOfWeek::Tue, "tue", "tuesday"),
    (DayOfWeek::Wed, "wed", "wednesday"),
    (DayOfWeek::Thu, "thu", "thursday"),
    (DayOfWeek::Fri, "fri", "friday"),
    (DayOfWeek::Sat, "sat", "saturday"),
    (DayOfWeek::Sun, "sun", "sunday"),
];

impl DayOfWeek {
    fn index(self) -> u8 {
        self as u8
    }

    /// The three-letter name (`mon`).
    pub fn as_str(self) -> &'static str {
        DAY_NAMES[usize::from(self.index())].1
    }
}

/// The days a rule is active on, in its canonical form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ReminderDays {
    /// Every day.
    Daily,
    /// Monday to Friday.
    Weekdays,
    /// A set of days that is neither of the above.
    Only { days: Vec<DayOfWeek> },
}

/// A set of weekdays as a bit mask (bit 0 = Monday): cheap to test and to intersect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DaySet(u8);

impl DaySet {
    /// Every day of the week.
    pub const ALL: DaySet = DaySet(0b111_1111);
    /// Monday to Friday.
    pub const WEEKDAYS: DaySet = DaySet(0b001_1111);

    /// A set from its stored mask; `None` when empty or out of range.
    pub fn from_mask(mask: u8) -> Option<DaySet> {
        (mask != 0 && mask <= Self::ALL.0).then_some(DaySet(mask))
    }

    /// The stored mask.
    pub fn mask(self) -> u8 {
        self.0
    }

    /// Whether `day` is in the set.
    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    /// Whether two sets share a day.
    pub fn overlaps(self, other: DaySet) -> bool {
        self.0 & other.0 != 0
    }

    /// The canonical public form.
    pub fn days(self) -> ReminderDays {
        match self {
            DaySet::ALL => ReminderDays::Daily,
            DaySet::WEEKDAYS => ReminderDays::Weekdays,
            DaySet(mask) => ReminderDays::Only {
                days: DAY_NAMES
                    .iter()
                    .map(|(d, _, _)| *d)
                    .filter(|d| mask & (1 << d.index()) != 0)
                    .collect(),
            },
        }
    }
}

impl ReminderDays {
    /// Parses `daily`, `weekdays`, `weekends` or a comma list such as `mon,wed,fri`.
    pub fn parse(text: &str) -> Result<ReminderDays> {
        let text = text.trim().to_ascii_lowercase();
        let set = match text.as_str() {
            "daily" | "every day" => DaySet::ALL,
            "weekdays" => DaySet::WEEKDAYS,
            "weekends" => DaySet(0b110_0000),
            _ => {
                let mut mask = 0u8;
                for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    let day = DAY_NAMES
                        .iter()
                        .find(|(_, short, long)| part == *short || part == *long)
                        .ok_or_else(|| {
                            Error::invalid(
                                "days",
                                "expected daily, weekdays, weekends or days such as mon,wed,fri",
                            )
                        })?;
                    mask |= 1 << day.0.index();
                }
                DaySet::from_mask(mask)
                    .ok_or_else(|| Error::invalid("days", "choose at least one day"))?
            }
        };
        Ok(set.days())
    }

    /// The set of days; an empty `Only` list is `invalid_input` on `days`.
    pub fn set(&self) -> Result<DaySet> {
        match self {
            ReminderDays::Daily => Ok(DaySet::ALL),
            ReminderDays::Weekdays => Ok(DaySet::WEEKDAYS),
            ReminderDays::Only { days } => {
                let mask = days.iter().fold(0u8, |m, d| m | (1 << d.index()));
                DaySet::from_mask(mask)
                    .ok_or_else(|| Error::invalid("days", "choose at least one day"))
            }
        }
    }

    /// The canonical text: `daily`, `weekdays` or `mon,wed,fri` (what `--days` accepts).
    pub fn to_text(&self) -> String {
        match self {
            ReminderDays::Daily => "daily".into(),
            ReminderDays::Weekdays => "weekdays".into(),
            ReminderDays::Only { days } => {
                let mut days = days.clone();
                days.sort();
                days.dedup();
                days.iter()
                    .map(|d| d.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
            }
        }
    }
}

impl serde::Serialize for ReminderDays {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_text())
    }
}

/// Parses a wall-clock time `HH:MM` (or `H:MM`), 00:00–23:59; `field` names the input.
pub fn parse_time_of_day(text: &str, field: &str) -> Result<NaiveTime> {
    let bad = || {
        Error::invalid(
            field,
            "expected a time of day HH:MM between 00:00 and 23:59",
        )
    };
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || h.len() > 2 || !digits(m) || m.len() != 2 {
        return Err(bad());
    }
    let (h, m) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(bad)
}

/// A wall time to the minute: one the FFI lifted carries no seconds, and any that reach here
/// from Rust code are dropped rather than stored.
fn wall(t: WallTime) -> NaiveTime {
    t.time()
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(t.time())
}

/// Formats a time of day as `HH:MM`.
pub fn format_time_of_day(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// Quiet hours: no reminder time may fall inside. Wall times (Kotlin `LocalTime`, Swift
/// `DateComponents`; `HH:MM` in JSON).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct QuietHours {
    /// First quiet minute.
    pub start: WallTime,
    /// First minute after the quiet period; earlier than `start` when it spans midnight.
    pub end: WallTime,
}

/// Parsed quiet hours: the half-open wall-clock interval `[start, end)`, possibly over midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietWindow {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl QuietWindow {
    /// Parses `HH:MM-HH:MM` (the CLI's `--quiet`).
    pub fn parse(text: &str) -> Result<QuietWindow> {
        let (a, b) = text.split_once('-').ok_or_else(|| {
            Error::invalid("quiet_hours", "expected HH:MM-HH:MM, e.g. 22:00-07:00")
        })?;
        QuietWindow::from_record(&QuietHours {
            start: WallTime(parse_time_of_day(a, "quiet_hours")?),
            end: WallTime(parse_time_of_day(b, "quiet_hours")?),
        })
    }

    /// Validates the public form.
    pub fn from_record(q: &QuietHours) -> Result<QuietWindow> {
        let (start, end) = (wall(q.start), wall(q.end));
        if start == end {
            return Err(Error::invalid(
                "quiet_hours",
                "start and end must differ (the quiet period would be empty or the whole day)",
            ));
        }
        Ok(QuietWindow { start, end })
    }

    /// Whether a wall-clock time is inside the quiet period.
    pub fn contains(self, t: NaiveTime) -> bool {
        if self.start < self.end {
            self.start <= t && t < self.end
        } else {
            t >= self.start || t < self.end
        }
    }

    /// The public form.
    pub fn record(self) -> QuietHours {
        QuietHours {
            start: WallTime(self.start),
            end: WallTime(self.end),
        }
    }
}

/// What the person asks for when creating a reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct NewReminderRule {
    /// What to remind about.
    pub kind: ActivityKind,
    /// Wall-clock times (to the minute); they float with the person's current zone.
    pub times: Vec<WallTime>,
    /// Which days.
    pub days: ReminderDays,
    /// Stay silent on a local day on which this kind of activity is already done.
    pub skip_if_done: bool,
    /// Optional quiet hours; a time inside them is rejected, never moved.
    pub quiet_hours: Option<QuietHours>,
    /// The person's own name for the reminder, shown in the app only (never on the lock screen).
    pub label: Option<String>,
}

/// A stored rule, as the app and the CLI see it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReminderRule {
    /// Stable id (`rule_` + 16 hex digits), the same on every device holding this profile.
    pub id: String,
    pub kind: ActivityKind,
    /// Wall-clock times, sorted (`HH:MM` in JSON).
    pub times: Vec<WallTime>,
    pub days: ReminderDays,
    pub skip_if_done: bool,
    pub quiet_hours: Option<QuietHours>,
    /// No notifications on local dates before this one.
    pub paused_until: Option<crate::time::LocalDay>,
    pub enabled: bool,
    pub label: Option<String>,
    /// When the rule was created.
    pub created_at: crate::time::Timestamp,
}

/// A validated rule before it has an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDraft {
    pub kind: ActivityKind,
    pub times: Vec<NaiveTime>,
    pub days: DaySet,
    pub skip_if_done: bool,
    pub quiet: Option<QuietWindow>,
    pub label: Option<String>,
}

/// A rule in the planner's terms: parsed, validated, with its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub id: String,
    pub kind: ActivityKind,
    /// Sorted, without duplicates.
    pub times: Vec<NaiveTime>,
    pub days: DaySet,
    pub skip_if_done: bool,
    pub quiet: Option<QuietWindow>,
    pub paused_until: Option<NaiveDate>,
    pub enabled: bool,
    pub label: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl Rule {
    /// The public record.
    pub fn record(&self) -> ReminderRule {
        ReminderRule {
            id: self.id.clone(),
            kind: self.kind,
            times: self.times.iter().copied().map(WallTime).collect(),
            days: self.days.days(),
            skip_if_done: self.skip_if_done,
            quiet_hours: self.quiet.map(QuietWindow::record),
            paused_until: self.paused_until.map(crate::time::LocalDay),
            enabled: self.enabled,
            label: self.label.clone(),
            created_at: crate::time::Timestamp(self.created_at),
        }
    }
}

impl NewReminderRule {
    /// Checks everything that does not depend on other rules.
    pub fn validate(&self) -> Result<RuleDraft> {
        if self.times.is_empty() {
            return Err(Error::invalid("times", "give at least one time of day"));
        }
        if self.times.len() > MAX_TIMES {
            return Err(Error::invalid(
                "times",
                format!("at most {MAX_TIMES} times per reminder"),
            ));
        }
        let mut times: Vec<NaiveTime> = self.times.iter().copied().map(wall).collect();
        times.sort();
        if times.windows(2).any(|w| w[0] == w[1]) {
            return Err(Error::invalid("times", "a time is listed twice"));
        }
        let days = self.days.set()?;
        let quiet = self
            .quiet_hours
            .as_ref()
            .map(QuietWindow::from_record)
            .transpose()?;
        if let Some(q) = quiet
            && let Some(t) = times.iter().find(|t| q.contains(**t))
        {
            return Err(Error::invalid(
                "times",
                format!(
                    "{} is inside the quiet hours {}-{}; choose another time or other quiet hours",
                    format_time_of_day(*t),
                    format_time_of_day(q.start),
                    format_time_of_day(q.end)
                ),
            ));
        }
        Ok(RuleDraft {
            kind: self.kind,
            times,
            days,
            skip_if_done: self.skip_if_done,
            quiet,
            label: validate_label(self.label.as_deref())?,
        })
    }
}

/// Trims a label; empty becomes `None`. The message never quotes the label.
fn validate_label(label: Option<&str>) -> Result<Option<String>> {
    let Some(label) = label.map(str::trim).filter(|l| !l.is_empty()) else {
        return Ok(None);
    };
    if label.chars().count() > MAX_LABEL_CHARS {
        return Err(Error::invalid(
            "label",
            format!("at most {MAX_LABEL_CHARS} characters"),
        ));
    }
    if label.chars().any(char::is_control) {
        return Err(Error::invalid(
            "label",
            "control characters are not allowed",
        ));
    }
    Ok(Some(label.to_string()))
}

/// Refuses a draft that repeats an existing rule: same kind, a shared time, a shared day.
///
/// Two such rules would fire the same notification twice; the person edits the first instead.
pub fn check_no_overlap(draft: &RuleDraft, existing: &[Rule]) -> Result<()> {
    for rule in existing.iter().filter(|r| r.kind == draft.kind) {
        if !rule.days.overlaps(draft.days) {
            continue;
        }
        if let Some(t) = draft.times.iter().find(|t| rule.times.contains(t)) {
            return Err(Error::invalid(
                "times",
                format!(
                    "a {} reminder at {} already exists on some of these days ({}); change that one instead",
                    draft.kind.as_str(),
                    format_time_of_day(*t),
                    rule.id
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "rule_tests.rs"]
mod tests;
