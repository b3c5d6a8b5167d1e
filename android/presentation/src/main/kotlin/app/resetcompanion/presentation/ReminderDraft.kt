package app.resetcompanion.presentation

import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.model.DayOfWeek
import app.resetcompanion.core.model.QuietHours
import app.resetcompanion.core.model.ReminderDays
import app.resetcompanion.core.model.ReminderRule

// The "Add a reminder" form (what for, when, on which days, quiet hours) and a rule in words;
// the same shape as ios/Sources/ResetFeatures/ReminderSettingsModel.swift's ReminderDraft. The
// core validates every field (a bad time, no day, a time inside quiet hours) and names it.

/** What the person is composing; [days] and [quietHours] are what the core is given. */
data class ReminderDraft(
    val kind: ActivityKind = ActivityKind.CHECKIN,
    /** `HH:MM`, the person's wall-clock time. */
    val time: String = "20:00",
    /** The days it fires on; all seven means every day. */
    val weekdays: Set<DayOfWeek> = WEEK.toSet(),
    val skipIfDone: Boolean = true,
    /** Quiet hours (`HH:MM`, may wrap midnight); both ends or neither. */
    val quietStart: String = "",
    val quietEnd: String = "",
) {
    /** The core's day rule: every day, weekdays, or the chosen days in week order. */
    val days: ReminderDays
        get() = when {
            weekdays.size == 7 -> ReminderDays.Daily
            weekdays == WEEK.take(5).toSet() -> ReminderDays.Weekdays
            else -> ReminderDays.Only(WEEK.filter { it in weekdays })
        }

    /** Quiet hours when both ends are filled in, else none. */
    val quietHours: QuietHours?
        get() = if (quietStart.isBlank() || quietEnd.isBlank()) null else QuietHours(quietStart.trim(), quietEnd.trim())

    companion object {
        /** Monday first, as the core orders days. */
        val WEEK: List<DayOfWeek> = listOf(DayOfWeek.MON, DayOfWeek.TUE, DayOfWeek.WED, DayOfWeek.THU, DayOfWeek.FRI, DayOfWeek.SAT, DayOfWeek.SUN)

        /** A rule's days in words: "Every day", "Weekdays" or "Mon, Wed". */
        fun daysText(days: ReminderDays): String = when (days) {
            ReminderDays.Daily -> "Every day"
            ReminderDays.Weekdays -> "Weekdays"
            is ReminderDays.Only -> days.days.joinToString(", ") { it.name.lowercase().replaceFirstChar(Char::uppercase) }
        }

        /** A rule in words, e.g. "08:00 · Weekdays · Quiet 22:00–07:00 · Paused until 2027-04-01". */
        fun summary(rule: ReminderRule): String = buildList {
            add(rule.times.joinToString(", "))
            add(daysText(rule.days))
            rule.quietHours?.let { add("Quiet ${it.start}–${it.end}") }
            rule.pausedUntil?.let { add("Paused until $it") }
        }.joinToString(" · ")
    }
}
