package app.resetcompanion.presentation

import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.model.DayOfWeek
import app.resetcompanion.core.model.QuietHours
import app.resetcompanion.core.model.ReminderDays
import app.resetcompanion.core.model.ReminderRule
import java.time.LocalTime

// The "Add a reminder" form (what for, when, on which days, quiet hours) and a rule in words;
// the same shape as ios/Sources/ResetFeatures/ReminderSettingsModel.swift's ReminderDraft. The
// form holds what the person typed; it becomes a `LocalTime` here (the core takes wall times
// typed, never text), and the core validates the rest (no day, a time inside quiet hours).

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

    /** The typed time, or null when [time] is not a time of day (`8:30`, `08:30`). */
    val wallTime: LocalTime? get() = wallTime(time)

    /** Quiet hours when both ends are filled in and read as times, else none. */
    val quietHours: QuietHours?
        get() {
            val start = wallTime(quietStart) ?: return null
            val end = wallTime(quietEnd) ?: return null
            return QuietHours(start, end)
        }

    /** False when a quiet-hours end is filled in but is not a time of day. */
    val quietHoursReadable: Boolean
        get() = (quietStart.isBlank() || wallTime(quietStart) != null) && (quietEnd.isBlank() || wallTime(quietEnd) != null)

    companion object {
        private val WALL_TIME = Regex("""([01]?\d|2[0-3]):([0-5]\d)""")

        /** What the person typed as a time of day (`H:MM` or `HH:MM`, 00:00–23:59), or null. */
        fun wallTime(text: String): LocalTime? = WALL_TIME.matchEntire(text.trim())?.let { m ->
            LocalTime.of(m.groupValues[1].toInt(), m.groupValues[2].toInt())
        }

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
