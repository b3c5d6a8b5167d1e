//! Reminders: the rules a person sets and the plan of notifications they turn into.
//!
//! The core plans, the shell schedules (DESIGN §5). This module owns rules and their
//! validation, the pure planner (rules + done facts + zone + window + platform → plan),
//! reconciliation with the ids the OS reports pending, snoozes and "done" from a notification,
//! and their storage. It must never touch the OS, read the host clock or zone, or put a score,
//! a mood, a label or journal text into notification text.

mod actions;
mod activity;
mod db;
mod format;
mod id;
mod plan;
mod reconcile;
mod rule;
mod text;

#[cfg(test)]
mod bench;
#[cfg(test)]
mod properties;
#[cfg(test)]
mod test_support;

pub use actions::{
    ActivityDone, DEFAULT_WINDOW_DAYS, MAX_SNOOZE_MINUTES, MAX_WINDOW_DAYS, PlanOptions, add_rule,
    list_rules, mark_done, pause_rule, plan_notifications, reconcile_pending, record_activity,
    record_done, remove_rule, resume_rule, set_rule_enabled, snooze,
};
pub use id::{
    NOTIFICATION_PREFIX, fnv1a64, id_key, id_text, occurrence_id, occurrence_key, snooze_id,
};
pub use plan::{
    DoneFact, IOS_PENDING_CAP, PlanInput, PlannedNotification, Platform, Snooze, fingerprint, plan,
};
pub use reconcile::{Reconciliation, reconcile};
pub use rule::{
    ActivityKind, DayOfWeek, DaySet, MAX_LABEL_CHARS, MAX_TIMES, NewReminderRule, QuietHours,
    QuietWindow, ReminderDays, ReminderRule, Rule, RuleDraft, check_no_overlap, format_time_of_day,
    parse_time_of_day,
};
pub use text::{DEEP_LINK_SCHEME, deep_link};
