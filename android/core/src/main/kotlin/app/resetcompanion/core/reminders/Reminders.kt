package app.resetcompanion.core.reminders

import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.model.ActivityDone
import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.model.NewReminderRule
import app.resetcompanion.core.model.PlanOptions
import app.resetcompanion.core.model.PlannedNotification
import app.resetcompanion.core.model.Platform
import app.resetcompanion.core.model.QuietHours
import app.resetcompanion.core.model.Reconciliation
import app.resetcompanion.core.model.ReminderDays
import app.resetcompanion.core.model.ReminderRule
import java.time.LocalTime

// Reminders (issue 7) in Kotlin's idiom: suspend calls on ResetStore. The core plans; the
// shell schedules (DESIGN §5). Plain JVM code: tested in tests/kotlin without an Android SDK.

/**
 * Creates a reminder rule at local wall-clock [times] (they float with the person's zone).
 *
 * @throws app.resetcompanion.core.model.ResetException.InvalidInput naming `times`, `days` or
 *   `label` (a bad time, an empty day set, a time inside quiet hours, a duplicate rule).
 */
suspend fun ResetStore.addReminder(
    kind: ActivityKind,
    times: List<LocalTime>,
    days: ReminderDays = ReminderDays.Daily,
    skipIfDone: Boolean = false,
    quietHours: QuietHours? = null,
    label: String? = null,
): ReminderRule = call { it.addReminder(NewReminderRule(kind, times, days, skipIfDone, quietHours, label)) }

/** Every reminder rule, oldest first. */
suspend fun ResetStore.reminders(): List<ReminderRule> = call { it.reminders() }

/** Deletes a rule; resync afterwards so its alarms are cancelled. */
suspend fun ResetStore.removeReminder(id: String) = call { it.removeReminder(id) }

/** Pauses a rule until the local day [until]: it fires again on that date. */
suspend fun ResetStore.pauseReminder(id: String, until: java.time.LocalDate): ReminderRule = call { it.pauseReminder(id, until) }

/** Ends a pause: the rule fires again from its next time. */
suspend fun ResetStore.resumeReminder(id: String): ReminderRule = call { it.resumeReminder(id) }

/** The plan for Android: exact only when the person granted exact alarms. */
fun androidPlanOptions(exactAlarmsAllowed: Boolean, until: java.time.Instant? = null, limit: Int? = null): PlanOptions =
    PlanOptions(from = null, until = until, limit = limit?.toUInt(), platform = Platform.ANDROID, exactAlarmsAllowed = exactAlarmsAllowed)

/** The notifications the core would schedule. */
suspend fun ResetStore.reminderPlan(options: PlanOptions = androidPlanOptions(false)): List<PlannedNotification> = call { it.reminderPlan(options) }

/** What to add and cancel so the armed alarms equal the plan. */
suspend fun ResetStore.reconcileReminders(pending: List<String>, options: PlanOptions): Reconciliation = call { it.reconcileReminders(pending, options) }

/** Snoozes a delivered notification: a one-shot [minutes] from now with its own id. */
suspend fun ResetStore.snoozeReminder(notificationId: String, minutes: Int): PlannedNotification = call { it.snoozeReminder(notificationId, minutes.toUInt()) }

/** "Done" from a notification: the activity counts as done for that notification's day. */
suspend fun ResetStore.markReminderDone(notificationId: String): ActivityDone = call { it.reminderDone(notificationId) }

/** The person finished an activity in the app; skip-if-done reminders stay quiet today. */
suspend fun ResetStore.recordActivityDone(kind: ActivityKind): ActivityDone = call { it.recordActivityDone(kind) }
