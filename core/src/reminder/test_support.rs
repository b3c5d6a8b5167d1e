//! Builders shared by the reminder tests (planner goldens, property tests, the benchmark).

use crate::time::Tz;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::{ActivityKind, DaySet, DoneFact, PlanInput, Platform, Rule};
use crate::time::{parse_date, parse_instant, parse_zone};

pub fn utc(s: &str) -> DateTime<Utc> {
    parse_instant(s, "t").unwrap()
}

pub fn date(s: &str) -> NaiveDate {
    parse_date(s, "d").unwrap()
}

pub fn hm(s: &str) -> NaiveTime {
    super::parse_time_of_day(s, "t").unwrap()
}

pub fn zone(name: &str) -> Tz {
    parse_zone(name).unwrap()
}

/// An enabled daily rule with these times.
pub fn rule(id: &str, kind: ActivityKind, times: &[&str]) -> Rule {
    let mut times: Vec<NaiveTime> = times.iter().map(|t| hm(t)).collect();
    times.sort();
    times.dedup();
    Rule {
        id: id.into(),
        kind,
        times,
        days: DaySet::ALL,
        skip_if_done: false,
        quiet: None,
        paused_until: None,
        enabled: true,
        label: None,
        created_at: DateTime::<Utc>::UNIX_EPOCH,
    }
}

pub fn done(kind: ActivityKind, local_date: &str, at: &str) -> DoneFact {
    DoneFact {
        kind,
        local_date: date(local_date),
        at: utc(at),
        notification_id: None,
    }
}

/// A plan input over `[from, until)` with no limit, snoozes or done facts.
pub fn input<'a>(rules: &'a [Rule], zone_name: &str, from: &str, until: &str) -> PlanInput<'a> {
    PlanInput {
        rules,
        snoozes: &[],
        done: &[],
        zone: zone(zone_name),
        from: utc(from),
        until: utc(until),
        limit: None,
        platform: Platform::Any,
        exact_alarms_allowed: false,
    }
}
