package app.resetcompanion.core.reminders

import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.model.PlannedNotification
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext

/**
 * One alarm for the OS: everything the fire-time receiver needs to post the notification
 * without opening the database (which may be locked before first unlock).
 */
data class ReminderAlarm(
    /** Stable id (`rem_…`): re-arming it replaces the alarm. */
    val id: String,
    val triggerAtMillis: Long,
    /** `setExactAndAllowWhileIdle` when true, `setAndAllowWhileIdle` (inexact) otherwise. */
    val exact: Boolean,
    /** PendingIntent request code derived from [id], so re-arming replaces rather than duplicates. */
    val requestCode: Int,
    val kind: ActivityKind,
    /** Generic, lock-screen-safe text from the core. */
    val title: String,
    val body: String,
    val deepLink: String,
    /** The notification channel for [kind] (stable: importance can't change after creation). */
    val channelId: String,
)

/**
 * The part of `AlarmManager` reminders need, so the decision logic runs on the plain JVM.
 *
 * `AlarmManager` cannot list pending alarms, so an implementation remembers which ids it armed
 * (and forgets them all when the OS dropped every alarm: reboot, force-stop).
 */
interface AlarmScheduler {
    /** Ids of the reminder alarms this app believes are armed. */
    fun armedIds(): Set<String>

    /** `AlarmManager.canScheduleExactAlarms()` (always true below Android 12). */
    fun canScheduleExactAlarms(): Boolean

    /** Arms [alarm], replacing an alarm with the same id. */
    fun arm(alarm: ReminderAlarm)

    /** Cancels the alarm with [id] (no error if there is none). */
    fun cancel(id: String)

    /** Forgets every armed id without touching the OS: the OS already dropped them. */
    fun forgetAll()
}

/** Why the shell re-plans; each Android broadcast that can invalidate alarms maps to one. */
enum class SyncReason(
    /** The Intent action that triggers it, or null for in-app reasons. */
    val intentAction: String?,
    /** True when the OS has dropped every alarm (reboot): everything must be armed again. */
    val alarmsWereCleared: Boolean,
) {
    APP_START(null, false),
    BOOT_COMPLETED("android.intent.action.BOOT_COMPLETED", true),

    // Alarms survive an app update, but the new build may plan differently.
    PACKAGE_REPLACED("android.intent.action.MY_PACKAGE_REPLACED", false),

    // RTC alarms are absolute instants: a wall-clock reminder must be recomputed.
    TIMEZONE_CHANGED("android.intent.action.TIMEZONE_CHANGED", false),
    TIME_SET("android.intent.action.TIME_SET", false),
    EXACT_ALARM_PERMISSION_CHANGED("android.app.action.SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED", false),

    // No broadcast exists for DST transitions: re-plan after every fire.
    ALARM_FIRED(null, false),
    NOTIFICATION_ACTION(null, false),

    // WorkManager's daily safety net (not the reminder itself).
    DAILY_SAFETY_NET(null, false),
    ;

    companion object {
        /** The reason for a broadcast's action, or null if reminders don't care about it. */
        fun fromIntentAction(action: String?): SyncReason? = entries.firstOrNull { it.intentAction != null && it.intentAction == action }

        /** Every action the re-arm receiver must be registered for. */
        val rearmActions: List<String> = entries.mapNotNull { it.intentAction }
    }
}

/** What a notification action asks for. */
sealed class ReminderAction {
    data object Open : ReminderAction()
    data object Done : ReminderAction()
    data class Snooze(val minutes: Int = DEFAULT_SNOOZE_MINUTES) : ReminderAction()

    companion object {
        const val DONE = "app.resetcompanion.reminder.DONE"
        const val SNOOZE = "app.resetcompanion.reminder.SNOOZE"
        const val DEFAULT_SNOOZE_MINUTES = 10

        /** Maps an Intent action from the notification's buttons. */
        fun fromIntentAction(action: String?): ReminderAction = when (action) {
            DONE -> Done
            SNOOZE -> Snooze()
            else -> Open
        }
    }
}

/** What one sync changed. */
data class SyncResult(val armed: List<String>, val cancelled: List<String>, val exact: Boolean)

/** Stable notification channels, one per kind. Never rename an id: Android keeps the old one. */
object ReminderChannels {
    fun idFor(kind: ActivityKind): String = "reminders.${kind.name.lowercase()}"

    /** Name shown in the system settings. */
    fun nameFor(kind: ActivityKind): String = when (kind) {
        ActivityKind.MEDITATION -> "Meditation reminders"
        ActivityKind.CHECKIN -> "Check-in reminders"
        ActivityKind.JOURNAL -> "Journal reminders"
        ActivityKind.PROGRAMME -> "Programme reminders"
        ActivityKind.ASSESSMENT -> "Questionnaire reminders"
    }
}

/** Every reminder id starts with this; other alarms are never touched. */
const val REMINDER_ID_PREFIX = "rem_"

/**
 * The PendingIntent request code for a reminder id: the first 32 bits of its 64-bit hash, so
 * the same reminder always maps to the same code on every run and device.
 */
fun requestCodeFor(id: String): Int {
    val hex = id.removePrefix(REMINDER_ID_PREFIX)
    return if (id.startsWith(REMINDER_ID_PREFIX) && hex.length == 16 && hex.all { it in '0'..'9' || it in 'a'..'f' }) {
        hex.substring(0, 8).toLong(16).toInt()
    } else {
        id.hashCode()
    }
}

/** Turns a planned notification into an alarm. */
fun PlannedNotification.toAlarm(): ReminderAlarm = ReminderAlarm(
    id = id,
    triggerAtMillis = fireAt.toEpochMilli(),
    exact = exact,
    requestCode = requestCodeFor(id),
    kind = kind,
    title = title,
    body = body,
    deepLink = deepLink,
    channelId = ReminderChannels.idFor(kind),
)

/**
 * Keeps the armed alarms equal to the core's plan. The Android receivers and the app call
 * [resync] with their [SyncReason]; this class decides, [AlarmScheduler] acts.
 *
 * @param deviceZone the device's current IANA zone (`TimeZone.getDefault().id` on a phone).
 * @param io where the scheduler's work runs: AlarmManager binder calls and the registry's
 *   SharedPreferences reads and writes never run on the caller's (often the main) thread.
 */
class ReminderSync(
    private val store: ResetStore,
    private val alarms: AlarmScheduler,
    private val io: CoroutineDispatcher = Dispatchers.IO,
    private val deviceZone: () -> String,
) {
    /**
     * Re-plans and applies the difference. Syncs never overlap in a process (app start, a
     * receiver and the settings screen can ask at once): each reads the armed set the previous
     * one left, so none cancels or double-arms another's alarms.
     */
    suspend fun resync(reason: SyncReason): SyncResult = SYNC_LOCK.withLock { resyncLocked(reason) }

    private suspend fun resyncLocked(reason: SyncReason): SyncResult {
        // The zone may have changed while the app was not running: wall times follow it.
        store.setTimeZone(deviceZone())
        val (exact, pending) = withContext(io) {
            if (reason.alarmsWereCleared) alarms.forgetAll()
            alarms.canScheduleExactAlarms() to alarms.armedIds().filter { it.startsWith(REMINDER_ID_PREFIX) }
        }
        val plan = store.reconcileReminders(pending, androidPlanOptions(exact, limit = MAX_ARMED_ALARMS))
        withContext(io) {
            plan.cancel.forEach(alarms::cancel)
            plan.add.forEach { alarms.arm(it.toAlarm()) }
        }
        return SyncResult(armed = plan.add.map { it.id }, cancelled = plan.cancel, exact = exact)
    }

    /** Handles a button on a delivered reminder through the same core calls the app uses. */
    suspend fun handle(action: ReminderAction, notificationId: String): SyncResult {
        when (action) {
            ReminderAction.Open -> Unit
            ReminderAction.Done -> store.markReminderDone(notificationId)
            is ReminderAction.Snooze -> store.snoozeReminder(notificationId, action.minutes)
        }
        return resync(SyncReason.NOTIFICATION_ACTION)
    }

    companion object {
        /**
         * Android refuses more than 500 concurrent alarms per app ("Maximum limit of concurrent
         * alarms 500 reached"); the plan keeps the soonest 400, leaving room for snoozes. The
         * rest are armed by later syncs (after each fire) as the window moves.
         */
        const val MAX_ARMED_ALARMS = 400

        private val SYNC_LOCK = Mutex()
    }
}

/**
 * Whether to ask for `POST_NOTIFICATIONS` now: only from Android 13 (API 33), only when it is
 * not granted, and only once the person has a reminder (asking with context, not at launch).
 */
fun shouldRequestPostNotifications(sdkInt: Int, granted: Boolean, hasEnabledReminder: Boolean): Boolean = sdkInt >= 33 && !granted && hasEnabledReminder
