//! The stored operations behind the FFI: add, list, pause, plan, reconcile, snooze, done.
//!
//! Each reads or writes through `db` and calls the pure planner with the clock instant and
//! zone the caller passes in. Must never read the host clock or zone, nor talk to the OS.

use crate::time::Tz;
use chrono::{DateTime, Days, Duration, NaiveDate, SubsecRound, Utc};
use rusqlite::Connection;

use super::plan::{DoneFact, PlanInput, PlannedNotification, Platform, Snooze, plan};
use super::reconcile::{Reconciliation, reconcile};
use super::rule::{ActivityKind, NewReminderRule, ReminderRule, check_no_overlap};
use super::{activity, db};
use super::{occurrence_id, snooze_id};
use crate::error::{Error, Result};
use crate::time::{LocalDay, Timestamp, local_date};

/// The plan window when the shell gives no end: a week.
pub const DEFAULT_WINDOW_DAYS: u64 = 7;
/// The longest window one plan may cover.
pub const MAX_WINDOW_DAYS: i64 = 366;
/// The longest snooze: a day.
pub const MAX_SNOOZE_MINUTES: u32 = 24 * 60;
/// How far around "now" a notification id is looked up for snooze and done.
const LOOKUP_DAYS: u64 = 14;

/// How the shell wants its plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PlanOptions {
    /// Start of the window; default now.
    pub from: Option<Timestamp>,
    /// End of the window (exclusive); default `from` + 7 days.
    pub until: Option<Timestamp>,
    /// At most this many notifications, soonest first.
    pub limit: Option<u32>,
    /// The OS that will schedule them (iOS caps the plan at 60).
    pub platform: Platform,
    /// Android: `AlarmManager.canScheduleExactAlarms()`.
    pub exact_alarms_allowed: bool,
}

/// A completion recorded for skip-if-done.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ActivityDone {
    pub kind: ActivityKind,
    /// The local day it counts for.
    pub local_date: LocalDay,
    /// When.
    pub done_at: Timestamp,
    /// The notification it was marked done from, if any.
    pub notification_id: Option<String>,
}

impl ActivityDone {
    fn from_fact(f: &DoneFact) -> Self {
        ActivityDone {
            kind: f.kind,
            local_date: LocalDay(f.local_date),
            done_at: Timestamp(f.at),
            notification_id: f.notification_id.clone(),
        }
    }
}

/// Validates and stores a new rule; overlapping duplicates are `invalid_input` on `times`.
pub fn add_rule(
    conn: &Connection,
    new: &NewReminderRule,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<ReminderRule> {
    let draft = new.validate()?;
    check_no_overlap(&draft, &db::load_rules(conn)?)?;
    Ok(db::insert_rule(conn, &draft, now, zone)?.record())
}

/// Every rule, oldest first.
pub fn list_rules(conn: &Connection) -> Result<Vec<ReminderRule>> {
    Ok(db::load_rules(conn)?.iter().map(|r| r.record()).collect())
}

/// Deletes a rule and its snoozes; `not_found` when there is none.
pub fn remove_rule(conn: &Connection, id: &str) -> Result<()> {
    db::delete_rule(conn, id)
}

/// Pauses a rule: no notifications on local dates before `until` (`YYYY-MM-DD`).
pub fn pause_rule(
    conn: &Connection,
    id: &str,
    until: LocalDay,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<ReminderRule> {
    let until = until.date();
    if until < local_date(now, zone) {
        return Err(Error::invalid("until", "choose today or a later date"));
    }
    db::set_paused_until(conn, id, Some(until))?;
    Ok(db::load_rule(conn, id)?.record())
}

/// Ends a pause early.
pub fn resume_rule(conn: &Connection, id: &str) -> Result<ReminderRule> {
    db::set_paused_until(conn, id, None)?;
    Ok(db::load_rule(conn, id)?.record())
}

/// Turns a rule on or off without deleting it.
pub fn set_rule_enabled(conn: &Connection, id: &str, enabled: bool) -> Result<ReminderRule> {
    db::set_enabled(conn, id, enabled)?;
    Ok(db::load_rule(conn, id)?.record())
}

struct Window {
    from: DateTime<Utc>,
    until: DateTime<Utc>,
}

fn window(opts: &PlanOptions, now: DateTime<Utc>) -> Result<Window> {
    let from = opts.from.map_or(now, Timestamp::instant);
    let until = match opts.until {
        Some(t) => t.instant(),
        None => from + Days::new(DEFAULT_WINDOW_DAYS),
    };
    if until <= from {
        return Err(Error::invalid("until", "must be later than from"));
    }
    if until - from > Duration::days(MAX_WINDOW_DAYS) {
        return Err(Error::invalid(
            "until",
            format!("a plan covers at most {MAX_WINDOW_DAYS} days"),
        ));
    }
    if opts.limit == Some(0) {
        return Err(Error::invalid("limit", "must be at least 1"));
    }
    Ok(Window { from, until })
}

/// The plan for the window in `opts`, from stored rules, snoozes and completions.
pub fn plan_notifications(
    conn: &Connection,
    opts: &PlanOptions,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<Vec<PlannedNotification>> {
    let w = window(opts, now)?;
    let rules = db::load_rules(conn)?;
    let snoozes = db::load_snoozes(conn, w.from)?;
    let (first, last) = (
        local_date(w.from, zone) - Days::new(2),
        local_date(w.until, zone) + Days::new(2),
    );
    let mut done = db::load_done(conn, first, last)?;
    done.extend(activity::done_elsewhere(conn, first, last)?);
    Ok(plan(&PlanInput {
        rules: &rules,
        snoozes: &snoozes,
        done: &done,
        zone,
        from: w.from,
        until: w.until,
        limit: opts.limit.map(|l| l as usize),
        platform: opts.platform,
        exact_alarms_allowed: opts.exact_alarms_allowed,
    }))
}

/// What to add and cancel so the OS holds exactly the plan from now (`opts.from` is ignored);
/// remembers what it handed over so a later zone change re-adds moved notifications.
pub fn reconcile_pending(
    conn: &Connection,
    pending: &[String],
    opts: &PlanOptions,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<Reconciliation> {
    // The OS must never be handed a past instant (Android fires it at once): plan from now.
    let opts = PlanOptions {
        from: None,
        ..opts.clone()
    };
    let plan = plan_notifications(conn, &opts, now, zone)?;
    let out = reconcile(&plan, pending, &db::handed_over(conn)?);
    db::replace_handed_over(conn, &plan)?;
    db::prune_snoozes(conn, now - Duration::days(1))?;
    Ok(out)
}

/// The occurrence a notification id stands for.
struct Occurrence {
    rule_id: String,
    kind: ActivityKind,
    local_date: NaiveDate,
    /// The planned occurrence's id (for a snooze: the occurrence it postpones).
    occurrence_id: String,
}

fn find_occurrence(
    conn: &Connection,
    id: &str,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<Occurrence> {
    if let Some(s) = db::find_snooze(conn, id)? {
        return Ok(Occurrence {
            rule_id: s.rule_id,
            kind: s.kind,
            local_date: s.local_date,
            occurrence_id: s.source_id,
        });
    }
    let today = local_date(now, zone);
    let dates: Vec<NaiveDate> = (today - Days::new(LOOKUP_DAYS))
        .iter_days()
        .take(2 * LOOKUP_DAYS as usize + 1)
        .collect();
    // Paused or disabled rules too: the notification may have been shown before the change.
    for rule in db::load_rules(conn)? {
        for &date in &dates {
            for &time in &rule.times {
                if occurrence_id(&rule.id, date, time) == id {
                    return Ok(Occurrence {
                        rule_id: rule.id,
                        kind: rule.kind,
                        local_date: date,
                        occurrence_id: id.to_string(),
                    });
                }
            }
        }
    }
    Err(Error::not_found("reminder notification"))
}

/// Snoozes a notification: a one-shot `minutes` from now with its own id, replacing any
/// earlier snooze of the same occurrence.
pub fn snooze(
    conn: &Connection,
    notification_id: &str,
    minutes: u32,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<PlannedNotification> {
    if minutes == 0 || minutes > MAX_SNOOZE_MINUTES {
        return Err(Error::invalid(
            "minutes",
            format!("between 1 and {MAX_SNOOZE_MINUTES}"),
        ));
    }
    let occ = find_occurrence(conn, notification_id, now, zone)?;
    let rule = db::load_rule(conn, &occ.rule_id)?;
    let fire_at = now.trunc_subsecs(0) + Duration::minutes(i64::from(minutes));
    if let Some(q) = rule.quiet
        && q.contains(fire_at.with_timezone(&zone).time())
    {
        return Err(Error::invalid(
            "minutes",
            "the snoozed reminder would arrive inside this reminder's quiet hours",
        ));
    }
    let s = Snooze {
        id: snooze_id(&occ.occurrence_id, fire_at),
        rule_id: occ.rule_id,
        kind: occ.kind,
        local_date: occ.local_date,
        fire_at,
        source_id: occ.occurrence_id,
    };
    db::insert_snooze(conn, &s, now)?;
    let planned = plan(&PlanInput {
        rules: std::slice::from_ref(&rule),
        snoozes: std::slice::from_ref(&s),
        done: &[],
        zone,
        from: fire_at,
        until: fire_at + Duration::seconds(1),
        limit: None,
        platform: Platform::Any,
        exact_alarms_allowed: true,
    });
    planned
        .into_iter()
        .find(|n| n.id == s.id)
        .ok_or_else(|| Error::internal("a new snooze did not plan"))
}

/// "Done" from a notification: records the activity for that notification's local day
/// (through [`record_done`], the call the app makes) and drops its snoozes.
pub fn mark_done(
    conn: &Connection,
    notification_id: &str,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<ActivityDone> {
    let occ = find_occurrence(conn, notification_id, now, zone)?;
    let fact = DoneFact {
        kind: occ.kind,
        local_date: occ.local_date,
        at: now,
        notification_id: Some(occ.occurrence_id),
    };
    record_done(conn, &fact, zone)?;
    Ok(ActivityDone::from_fact(&fact))
}

/// The app finished an activity now (a meditation, a check-in…): today's reminders of that
/// kind with skip-if-done stay silent.
pub fn record_activity(
    conn: &Connection,
    kind: ActivityKind,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<ActivityDone> {
    let fact = DoneFact {
        kind,
        local_date: local_date(now, zone),
        at: now,
        notification_id: None,
    };
    record_done(conn, &fact, zone)?;
    Ok(ActivityDone::from_fact(&fact))
}

/// The one write path for completions.
pub fn record_done(conn: &Connection, fact: &DoneFact, zone: Tz) -> Result<()> {
    db::insert_done(conn, fact, zone)?;
    if let Some(id) = &fact.notification_id {
        db::delete_snoozes_of(conn, id)?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "actions_tests.rs"]
mod tests;
