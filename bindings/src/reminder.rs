//! Reminders through `Companion` (issue 7): rules, the notification plan, reconciliation with
//! the OS, snooze and done.
//!
//! Thin: each call hands the session's clock and zone to `reset_core::reminder`. The core
//! plans; the shell schedules (DESIGN §5). Nothing here touches the OS.

use reset_core::ResetError;
use reset_core::reminder::{
    self, ActivityDone, ActivityKind, NewReminderRule, PlanOptions, PlannedNotification,
    Reconciliation, ReminderRule,
};

use reset_core::time::LocalDay;

use crate::companion::Companion;

#[uniffi::export]
impl Companion {
    /// Creates a reminder rule. Throws `InvalidInput` naming the field for a bad time, an empty
    /// day set, a time inside the rule's quiet hours, or a duplicate of an existing rule
    /// (same kind, same time, a shared day).
    pub fn add_reminder(&self, rule: NewReminderRule) -> Result<ReminderRule, ResetError> {
        self.with(|s| {
            let (now, zone) = (s.now()?, s.zone);
            s.store.write(|tx| reminder::add_rule(tx, &rule, now, zone))
        })
    }

    /// Every reminder rule, oldest first.
    pub fn reminders(&self) -> Result<Vec<ReminderRule>, ResetError> {
        self.with(|s| reminder::list_rules(s.store.conn()))
    }

    /// Deletes a rule and its snoozes. Throws `NotFound` if there is none. Reconcile afterwards.
    pub fn remove_reminder(&self, id: String) -> Result<(), ResetError> {
        self.with(|s| s.store.write(|tx| reminder::remove_rule(tx, &id)))
    }

    /// Pauses a rule until `until` (today or later): it fires again on that date.
    pub fn pause_reminder(&self, id: String, until: LocalDay) -> Result<ReminderRule, ResetError> {
        self.with(|s| {
            let (now, zone) = (s.now()?, s.zone);
            s.store
                .write(|tx| reminder::pause_rule(tx, &id, until, now, zone))
        })
    }

    /// Ends a pause now.
    pub fn resume_reminder(&self, id: String) -> Result<ReminderRule, ResetError> {
        self.with(|s| s.store.write(|tx| reminder::resume_rule(tx, &id)))
    }

    /// Turns a rule on or off without deleting it.
    pub fn set_reminder_enabled(
        &self,
        id: String,
        enabled: bool,
    ) -> Result<ReminderRule, ResetError> {
        self.with(|s| {
            s.store
                .write(|tx| reminder::set_rule_enabled(tx, &id, enabled))
        })
    }

    /// The notifications in the window (default: the next 7 days), soonest first, each with a
    /// stable id, its UTC instant, its local wall time and lock-screen-safe text.
    pub fn reminder_plan(
        &self,
        options: PlanOptions,
    ) -> Result<Vec<PlannedNotification>, ResetError> {
        self.with(|s| {
            let (now, zone) = (s.now()?, s.zone);
            reminder::plan_notifications(s.store.conn(), &options, now, zone)
        })
    }

    /// What to add and cancel so the OS holds exactly the plan from now (`options.from`
    /// is ignored: the OS is never handed a past instant). Pass the reminder ids
    /// the OS reports pending. Call on launch, foreground, zone or clock change, boot, app
    /// update, permission change and after every fire, snooze or done.
    pub fn reconcile_reminders(
        &self,
        pending: Vec<String>,
        options: PlanOptions,
    ) -> Result<Reconciliation, ResetError> {
        self.with(|s| {
            let (now, zone) = (s.now()?, s.zone);
            s.store
                .write(|tx| reminder::reconcile_pending(tx, &pending, &options, now, zone))
        })
    }

    /// Snoozes a notification by `minutes` (1–1440): a one-shot with its own id. Throws
    /// `InvalidInput` on `minutes` if it would land in the rule's quiet hours.
    pub fn snooze_reminder(
        &self,
        notification_id: String,
        minutes: u32,
    ) -> Result<PlannedNotification, ResetError> {
        self.with(|s| {
            let (now, zone) = (s.now()?, s.zone);
            s.store
                .write(|tx| reminder::snooze(tx, &notification_id, minutes, now, zone))
        })
    }

    /// "Done" tapped on a notification: records that kind of activity as done for the
    /// notification's local day and drops its snoozes. Reconcile afterwards.
    pub fn reminder_done(&self, notification_id: String) -> Result<ActivityDone, ResetError> {
        self.with(|s| {
            let (now, zone) = (s.now()?, s.zone);
            s.store
                .write(|tx| reminder::mark_done(tx, &notification_id, now, zone))
        })
    }

    /// The person finished an activity in the app: skip-if-done reminders of that kind stay
    /// silent for the rest of today. The same record "Done" on a notification writes.
    pub fn record_activity_done(&self, kind: ActivityKind) -> Result<ActivityDone, ResetError> {
        self.with(|s| {
            let (now, zone) = (s.now()?, s.zone);
            s.store
                .write(|tx| reminder::record_activity(tx, kind, now, zone))
        })
    }
}
