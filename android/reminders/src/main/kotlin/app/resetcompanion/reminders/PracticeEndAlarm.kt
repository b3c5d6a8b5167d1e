package app.resetcompanion.reminders

import android.app.AlarmManager
import android.app.Notification
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.media.RingtoneManager
import android.net.Uri
import android.os.Build
import android.os.Bundle
import app.resetcompanion.core.RunningPractice
import app.resetcompanion.core.logCompleted
import app.resetcompanion.core.model.PracticeTechnique
import app.resetcompanion.core.reminders.SyncReason
import java.time.Instant

// The end of a timed practice (review A6 / B11). The screen's ticker is a coroutine `delay`, which
// stops while the phone sleeps (`uptimeMillis` "stops in deep sleep", SystemClock reference), so a
// person meditating with the screen off got no signal. While a session runs two alarms wait for
// its end on ELAPSED_REALTIME_WAKEUP (monotonic: a clock change can't move it):
// - in this process, an OnAlarmListener alarm set with `setExact`: "If the exact alarm is set using
//   an OnAlarmListener … the SCHEDULE_EXACT_ALARM permission isn't required" (Android 14 "Schedule
//   exact alarms are denied by default"). It dies with the process, and deep Doze may hold it
//   (its allow-while-idle form is a system API until API 37);
// - a PendingIntent alarm to [PracticeEndReceiver], exact when `canScheduleExactAlarms()`, else
//   `setAndAllowWhileIdle` (inexact, never early): it outlives a killed process and logs the
//   session through the core, so the practice is recorded even if the screen never comes back.
// Whichever fires first signals the end; the session is logged once (`logPracticeOnce`).
// No foreground service: nothing plays during a session (not `mediaPlayback`), `shortService` is
// limited to about 3 minutes, and a service would not wake the CPU for a `delay` anyway.

/** Arms and cancels the end-of-practice alarms and gives the end signal once per session. */
object PracticeEndAlarm {
    const val ACTION_END = "app.resetcompanion.practice.END"

    /** The notification's id (one practice at a time), apart from reminders' request codes. */
    const val NOTIFICATION_ID = 0x7E5E7

    /** The channel for the end signal: its own, so its sound can be chosen apart from reminders. */
    const val CHANNEL_ID = "practice_timer_end"
    private const val TAG = "reset:practice-end"
    private const val REQUEST_CODE = 0x7E5E8

    private var listener: AlarmManager.OnAlarmListener? = null
    private var signalledFor: Long? = null

    /** Arms both alarms for [practice]'s end, replacing any earlier ones. */
    @Synchronized
    fun arm(context: Context, practice: RunningPractice, look: ReminderLook) {
        val app = context.applicationContext
        val manager = app.getSystemService(AlarmManager::class.java) ?: return
        cancel(app)
        signalledFor = null // a new run of a session: its end is still to come
        val operation = pendingIntent(app, practice, PendingIntent.FLAG_UPDATE_CURRENT) ?: return
        val at = practice.endsAtElapsedMs
        val type = AlarmManager.ELAPSED_REALTIME_WAKEUP
        try {
            if (Build.VERSION.SDK_INT < Build.VERSION_CODES.S || manager.canScheduleExactAlarms()) {
                manager.setExactAndAllowWhileIdle(type, at, operation)
            } else {
                manager.setAndAllowWhileIdle(type, at, operation)
            }
        } catch (e: SecurityException) {
            // The exact grant was withdrawn between the check and the call.
            manager.setAndAllowWhileIdle(type, at, operation)
        }
        val onEnd = AlarmManager.OnAlarmListener {
            signal(app, practice, look)
            // The end is handled here: the PendingIntent alarm would only alert again later (up to
            // an hour late without the exact grant) in a process that no longer remembers this
            // signal (review 3, F6). It logs the session the same way.
            cancelPending(app)
            logEnded(app, practice, null)
        }
        listener = onEnd
        try {
            manager.setExact(type, at, TAG, onEnd, null)
        } catch (e: RuntimeException) {
            // Some builds refuse it: the PendingIntent alarm still ends the session.
            android.util.Log.w("ResetPractice", "listener alarm refused: ${e.javaClass.simpleName}")
        }
    }

    /** Cancels both alarms (paused, stopped, finished, left, or the profile erased). */
    @Synchronized
    fun cancel(context: Context) {
        val app = context.applicationContext
        val manager = app.getSystemService(AlarmManager::class.java) ?: return
        listener?.let { manager.cancel(it) }
        listener = null
        cancelPending(app)
    }

    private fun cancelPending(app: Context) {
        val manager = app.getSystemService(AlarmManager::class.java) ?: return
        pendingIntent(app, null, PendingIntent.FLAG_NO_CREATE)?.let {
            manager.cancel(it)
            it.cancel()
        }
    }

    /**
     * Logs [practice] as completed through the core, once, off the main thread, then hands it on
     * (Health Connect) and re-plans (skip-if-done reminders now see it).
     */
    fun logEnded(context: Context, practice: RunningPractice, pending: BroadcastReceiver.PendingResult?) {
        val app = context.applicationContext
        val env = app as? ReminderEnvironment ?: return pending?.finish() ?: Unit
        ReminderWork.launch(pending) {
            val session = env.store(app).logCompleted(practice)
            env.practiceLogged(app, session)
            env.reminderSync(app).resync(SyncReason.APP_START)
        }
    }

    /** The person has seen the finished session on the timer screen: the "time is up" notification is done with. */
    fun dismissEnded(context: Context) {
        context.getSystemService(NotificationManager::class.java)?.cancel(NOTIFICATION_ID)
    }

    /**
     * Whether the end of the session that started at [startedAt] may still be signalled: true
     * once per session in this process (the listener, the receiver and the screen may all reach
     * the end of the same one).
     */
    @Synchronized
    fun claimSignal(startedAt: Instant): Boolean {
        if (signalledFor == startedAt.toEpochMilli()) return false
        signalledFor = startedAt.toEpochMilli()
        return true
    }

    /**
     * The end signal: a notification on [CHANNEL_ID] (its sound, generic text, opening the timer
     * screen), or the default notification sound when notifications are off. Once per session.
     */
    fun signal(context: Context, practice: RunningPractice, look: ReminderLook) {
        if (!claimSignal(practice.startedAt)) return
        if (!postEnded(context, look)) playSound(context)
    }

    /**
     * Plays the end sound without a notification: by default [defaultSound]. Replaceable so JVM
     * tests can observe it (Robolectric's media classes are incomplete).
     */
    @Volatile var playSound: (Context) -> Unit = ::defaultSound

    /** The default notification sound once (needs no permission). */
    fun defaultSound(context: Context) {
        try {
            RingtoneManager.getRingtone(context, RingtoneManager.getDefaultUri(RingtoneManager.TYPE_NOTIFICATION))?.play()
        } catch (e: RuntimeException) {
            android.util.Log.w("ResetPractice", "end-of-practice sound failed: ${e.javaClass.simpleName}")
        }
    }

    private fun postEnded(context: Context, look: ReminderLook): Boolean {
        val manager = context.getSystemService(NotificationManager::class.java) ?: return false
        if (!ReminderNotifications.canPost(context) || !manager.areNotificationsEnabled()) return false
        val open = Intent(Intent.ACTION_VIEW, Uri.parse(DEEP_LINK)).setPackage(context.packageName)
        val content = PendingIntent.getActivity(context, NOTIFICATION_ID, open, PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT)
        val notification = Notification.Builder(context, CHANNEL_ID)
            .setSmallIcon(look.smallIcon)
            .setContentTitle(look.practiceEndedTitle)
            .setContentText(look.practiceEndedText)
            .setContentIntent(content)
            .setAutoCancel(true)
            .setOnlyAlertOnce(true)
            // "Alarm or timer" (Notification reference): the person set this timer themselves.
            .setCategory(Notification.CATEGORY_ALARM)
            .setVisibility(Notification.VISIBILITY_PRIVATE)
            .build()
        return try {
            manager.notify(NOTIFICATION_ID, notification)
            true
        } catch (e: RuntimeException) {
            android.util.Log.w("ResetPractice", "notify failed: ${e.javaClass.simpleName}")
            false
        }
    }

    private fun pendingIntent(context: Context, practice: RunningPractice?, flags: Int): PendingIntent? {
        val intent = Intent(context, PracticeEndReceiver::class.java).setAction(ACTION_END)
        if (practice != null) intent.putExtras(extras(practice))
        return PendingIntent.getBroadcast(context, REQUEST_CODE, intent, PendingIntent.FLAG_IMMUTABLE or flags)
    }

    /** The session in the alarm's Intent: no user text, only the technique, length, start and step. */
    fun extras(practice: RunningPractice) = Bundle().apply {
        putString(TECHNIQUE, practice.technique.name)
        putInt(PLANNED, practice.plannedMinutes)
        putLong(STARTED_AT, practice.startedAt.toEpochMilli())
        putString(STEP, practice.stepId)
        putLong(ENDS_AT, practice.endsAtElapsedMs)
    }

    /** The session an alarm's extras carry, or null when they are not ours. */
    fun read(extras: Bundle?): RunningPractice? {
        extras ?: return null
        val technique = PracticeTechnique.entries.firstOrNull { it.name == extras.getString(TECHNIQUE) } ?: return null
        val planned = extras.getInt(PLANNED, 0).takeIf { it in 1..720 } ?: return null
        if (!extras.containsKey(STARTED_AT)) return null
        return RunningPractice(technique, planned, Instant.ofEpochMilli(extras.getLong(STARTED_AT)), extras.getString(STEP), extras.getLong(ENDS_AT))
    }

    /** What the notification opens: the timer screen (`DeepLinkTarget`'s `meditation` host). */
    const val DEEP_LINK = "resetcompanion://meditation"
    private const val TECHNIQUE = "practice.technique"
    private const val PLANNED = "practice.planned"
    private const val STARTED_AT = "practice.startedAt"
    private const val STEP = "practice.step"
    private const val ENDS_AT = "practice.endsAt"
}

/**
 * The end-of-practice alarm: signals the end (unless the screen or the listener already did) and
 * logs the session as completed through the core, once, off the main thread.
 */
class PracticeEndReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        if (intent.action != PracticeEndAlarm.ACTION_END) return
        val practice = PracticeEndAlarm.read(intent.extras) ?: return
        val env = context.applicationContext as? ReminderEnvironment ?: return
        PracticeEndAlarm.signal(context, practice, env.reminderLook(context))
        PracticeEndAlarm.logEnded(context, practice, goAsync())
    }
}
