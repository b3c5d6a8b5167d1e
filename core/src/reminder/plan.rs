//! The planner: rules, snoozes and done-activity facts in, the next notifications out.
//!
//! A pure function over plain data (the ferrostar habit): it never reads a clock, a zone, the
//! database or the OS, so the same input gives the same plan on every run and every device.
//! Wall-clock times float with the zone passed in; DST gaps and overlaps follow RFC 5545
//! through [`crate::time::resolve_wall_time`] (DESIGN §2); platform limits are inputs (§5).

use std::collections::{HashMap, HashSet};

use crate::time::Tz;
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Offset, Timelike, Utc};

use super::id::{OccurrenceKey, fnv1a64, id_key, id_text};
use super::rule::{ActivityKind, Rule};
use super::text::text_for;
use crate::time::{LocalDay, Timestamp, WallTime, local_date, resolve_wall_time};

/// iOS keeps at most 64 pending requests and drops extras silently; plan at most 60, soonest
/// first, leaving room for the app's other notifications (shared/reference/platform.md).
pub const IOS_PENDING_CAP: usize = 60;

/// Which OS will schedule the plan: its limits shape the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Platform {
    /// No platform limit (the CLI, previews).
    #[default]
    Any,
    /// iOS: at most [`IOS_PENDING_CAP`] notifications.
    Ios,
    /// Android: exact alarms only when the person granted them.
    Android,
}

impl Platform {
    /// Parses `ios`, `android` or `any`; anything else is `invalid_input` on `platform`.
    pub fn parse(text: &str) -> crate::Result<Platform> {
        match text.trim().to_ascii_lowercase().as_str() {
            "ios" => Ok(Platform::Ios),
            "android" => Ok(Platform::Android),
            "any" | "" => Ok(Platform::Any),
            _ => Err(crate::Error::invalid("platform", "expected ios or android")),
        }
    }
}

/// "This kind of activity was done": the input `skip_if_done` needs, from whichever module
/// recorded it (a check-in, a practice session, a tap on "Done" in a notification).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoneFact {
    pub kind: ActivityKind,
    /// The local day it counts for, fixed when it was recorded (DESIGN §2).
    pub local_date: NaiveDate,
    /// When it was done.
    pub at: DateTime<Utc>,
    /// The notification it was marked done from, if any: that occurrence never fires again.
    pub notification_id: Option<String>,
}

/// A stored one-shot reminder (a snooze): fires once at a fixed instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snooze {
    pub id: String,
    pub rule_id: String,
    pub kind: ActivityKind,
    /// The local day of the occurrence it postpones.
    pub local_date: NaiveDate,
    pub fire_at: DateTime<Utc>,
    /// The notification it was snoozed from.
    pub source_id: String,
}

/// Everything the planner looks at.
#[derive(Debug, Clone)]
pub struct PlanInput<'a> {
    pub rules: &'a [Rule],
    pub snoozes: &'a [Snooze],
    pub done: &'a [DoneFact],
    /// The device's current zone: wall times float with it.
    pub zone: Tz,
    /// Start of the window (inclusive).
    pub from: DateTime<Utc>,
    /// End of the window (exclusive).
    pub until: DateTime<Utc>,
    /// At most this many notifications (soonest first).
    pub limit: Option<usize>,
    pub platform: Platform,
    /// Android only: the person granted `SCHEDULE_EXACT_ALARM` (`canScheduleExactAlarms()`).
    pub exact_alarms_allowed: bool,
}

/// One notification for the shell to schedule.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PlannedNotification {
    /// Stable id (`rem_` + 16 hex): rule + local date + time, or a snooze's own id.
    pub id: String,
    /// The rule it comes from.
    pub rule: String,
    pub kind: ActivityKind,
    /// The fire instant (Swift `Date`, Kotlin `Instant`; JSON `2027-03-28T01:30:00Z`).
    pub fire_at: Timestamp,
    /// The UTC offset in force where it fires, in seconds (JSON: `local`, the fire instant
    /// with this offset, `2027-03-28T02:30:00+01:00`).
    pub utc_offset_seconds: i32,
    /// The local day the occurrence belongs to.
    pub local_date: LocalDay,
    /// The rule's wall time (for a snooze: the local time it fires).
    pub time: WallTime,
    /// Generic lock-screen-safe title.
    pub title: String,
    /// Generic lock-screen-safe body.
    pub body: String,
    /// Where tapping leads, e.g. `resetcompanion://meditation`.
    pub deep_link: String,
    /// Whether the shell may schedule it exactly (Android: only with the exact-alarm grant).
    pub exact: bool,
    /// True for a one-shot snooze.
    pub snoozed: bool,
}

impl PlannedNotification {
    /// The fire instant with the offset where it fires (`2027-03-28T02:30:00+01:00`).
    pub fn local(&self) -> String {
        crate::time::format_with_offset(self.fire_at.0, self.utc_offset_seconds)
    }
}

impl serde::Serialize for PlannedNotification {
    /// The CLI's JSON (`remind plan --json`): the instant also as `fire_at_unix_ms` and `local`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Json<'a> {
            id: &'a str,
            rule: &'a str,
            kind: ActivityKind,
            fire_at: Timestamp,
            fire_at_unix_ms: i64,
            local: String,
            local_date: LocalDay,
            time: WallTime,
            title: &'a str,
            body: &'a str,
            deep_link: &'a str,
            exact: bool,
            snoozed: bool,
        }
        Json {
            id: &self.id,
            rule: &self.rule,
            kind: self.kind,
            fire_at: self.fire_at,
            fire_at_unix_ms: self.fire_at.unix_ms(),
            local: self.local(),
            local_date: self.local_date,
            time: self.time,
            title: &self.title,
            body: &self.body,
            deep_link: &self.deep_link,
            exact: self.exact,
            snoozed: self.snoozed,
        }
        .serialize(s)
    }
}

/// A notification before its strings are built: cheap to sort and drop.
struct Candidate<'a> {
    fire: DateTime<Utc>,
    /// `false` for a planned occurrence, `true` for a snooze: planned ones sort first.
    snooze: bool,
    /// The id as a number ([`id_key`]); sorts like the id text.
    key: u64,
    rule: &'a str,
    kind: ActivityKind,
    local_date: NaiveDate,
    /// The rule's wall time; `None` for a snooze.
    time: Option<NaiveTime>,
    /// A snooze's stored id; planned ids are written from `key` at the end.
    stored_id: Option<&'a str>,
}

/// Plans the notifications in `[from, until)`, sorted by fire instant (then id).
///
/// Same input, same output: ids depend only on rule, local date and wall time.
pub fn plan(input: &PlanInput<'_>) -> Vec<PlannedNotification> {
    if input.until <= input.from {
        return Vec::new();
    }
    let done = DoneIndex::new(input.done);
    // One day of margin each side: a resolved gap time or a far offset can cross midnight.
    let first = local_date(input.from, input.zone) - Days::new(1);
    let last = local_date(input.until, input.zone) + Days::new(1);
    let dates: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= last).collect();
    let mut out: Vec<Candidate<'_>> = Vec::with_capacity(dates.len() * input.rules.len() * 2);
    for rule in input.rules.iter().filter(|r| r.enabled) {
        let rule_key = OccurrenceKey::rule(&rule.id);
        for &date in &dates {
            if !rule.days.contains(date.weekday()) || rule.paused_until.is_some_and(|p| date < p) {
                continue;
            }
            let date_key = rule_key.date(date);
            for &time in &rule.times {
                let fire = resolve_wall_time(date, time, input.zone);
                if fire < input.from || fire >= input.until {
                    continue;
                }
                // A time in a DST gap fires at its shifted wall time; if that lands in the
                // rule's quiet hours the occurrence is dropped, never moved into them.
                let shifted = fire.with_timezone(&input.zone).time();
                if shifted != time && rule.quiet.is_some_and(|q| q.contains(shifted)) {
                    continue;
                }
                let key = date_key.time(time);
                if done.silences(rule.kind, rule.skip_if_done, date, fire, key) {
                    continue;
                }
                out.push(Candidate {
                    fire,
                    snooze: false,
                    key,
                    rule: &rule.id,
                    kind: rule.kind,
                    local_date: date,
                    time: Some(time),
                    stored_id: None,
                });
            }
        }
    }
    for s in input.snoozes {
        if s.fire_at < input.from || s.fire_at >= input.until {
            continue;
        }
        // A snooze outlives neither its rule nor a "done" for the occurrence it postpones.
        let Some(rule) = input.rules.iter().find(|r| r.id == s.rule_id) else {
            continue;
        };
        let (key, source) = (id_key(&s.id), id_key(&s.source_id));
        if done.silences(s.kind, rule.skip_if_done, s.local_date, s.fire_at, source)
            || done.dismissed(key)
        {
            continue;
        }
        out.push(Candidate {
            fire: s.fire_at,
            snooze: true,
            key,
            rule: &s.rule_id,
            kind: s.kind,
            local_date: s.local_date,
            time: None,
            stored_id: Some(&s.id),
        });
    }
    out.sort_unstable_by_key(|c| (c.fire, c.snooze, c.key));
    // Two wall times can resolve to one instant (01:30 and 02:30 on a spring-forward day):
    // one notification per kind per instant is enough. Equal instants are adjacent now.
    let mut group: (Option<DateTime<Utc>>, u8) = (None, 0);
    out.retain(|c| {
        if group.0 != Some(c.fire) {
            group = (Some(c.fire), 0);
        }
        let bit = 1u8 << (c.kind as u8);
        let first_of_kind = group.1 & bit == 0;
        group.1 |= bit;
        first_of_kind
    });
    out.truncate(cap(input));
    out.into_iter().map(|c| materialise(c, input)).collect()
}

/// The most notifications this plan may hold.
fn cap(input: &PlanInput<'_>) -> usize {
    let platform = match input.platform {
        Platform::Ios => IOS_PENDING_CAP,
        Platform::Android | Platform::Any => usize::MAX,
    };
    input.limit.unwrap_or(usize::MAX).min(platform)
}

fn materialise(c: Candidate<'_>, input: &PlanInput<'_>) -> PlannedNotification {
    let text = text_for(c.kind);
    let local = c.fire.with_timezone(&input.zone);
    let time = match c.time {
        Some(t) => WallTime(t),
        None => WallTime(truncate_to_minute(local.time())),
    };
    let id = match c.stored_id {
        Some(id) => id.to_string(),
        None => id_text(c.key),
    };
    PlannedNotification {
        fire_at: Timestamp(c.fire),
        utc_offset_seconds: local.offset().fix().local_minus_utc(),
        local_date: LocalDay(c.local_date),
        time,
        rule: c.rule.to_string(),
        kind: c.kind,
        title: text.title.into(),
        body: text.body.into(),
        deep_link: text.link.into(),
        exact: match input.platform {
            Platform::Android => input.exact_alarms_allowed,
            Platform::Ios | Platform::Any => true,
        },
        snoozed: c.snooze,
        id,
    }
}

/// A local time without its seconds (a snooze fires at a whole minute; this is belt and braces).
fn truncate_to_minute(t: NaiveTime) -> NaiveTime {
    NaiveTime::from_hms_opt(t.hour(), t.minute(), 0).unwrap_or(t)
}

/// Done facts indexed for the planner's two questions.
struct DoneIndex {
    /// Earliest completion per kind and local day.
    first_done: HashMap<(ActivityKind, NaiveDate), DateTime<Utc>>,
    /// Keys of notifications marked done from the notification itself.
    dismissed: HashSet<u64>,
}

impl DoneIndex {
    fn new(facts: &[DoneFact]) -> Self {
        let mut first_done: HashMap<(ActivityKind, NaiveDate), DateTime<Utc>> = HashMap::new();
        for f in facts {
            first_done
                .entry((f.kind, f.local_date))
                .and_modify(|t| *t = (*t).min(f.at))
                .or_insert(f.at);
        }
        let dismissed = facts
            .iter()
            .filter_map(|f| f.notification_id.as_deref())
            .map(id_key)
            .collect();
        DoneIndex {
            first_done,
            dismissed,
        }
    }

    fn dismissed(&self, key: u64) -> bool {
        !self.dismissed.is_empty() && self.dismissed.contains(&key)
    }

    /// Whether an occurrence stays silent: marked done itself, or `skip_if_done` and the
    /// kind was already done that local day before it fires.
    fn silences(
        &self,
        kind: ActivityKind,
        skip_if_done: bool,
        date: NaiveDate,
        fire: DateTime<Utc>,
        key: u64,
    ) -> bool {
        self.dismissed(key)
            || (skip_if_done
                && self
                    .first_done
                    .get(&(kind, date))
                    .is_some_and(|at| *at <= fire))
    }
}

/// A short fingerprint of everything the OS was given for a notification: when it changes
/// under the same id (a zone change moved the instant, the exact grant changed), re-add it.
pub fn fingerprint(n: &PlannedNotification) -> String {
    let content = format!(
        "{}|{}|{}|{}|{}|{}",
        n.fire_at.unix_ms(),
        n.title,
        n.body,
        n.deep_link,
        n.exact,
        n.kind.as_str()
    );
    format!("{:016x}", fnv1a64(content.as_bytes()))
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
