package app.resetcompanion.reminders

import android.app.AlarmManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.os.Build
import android.util.Log
import app.resetcompanion.core.reminders.AlarmScheduler
import app.resetcompanion.core.reminders.ReminderAlarm

/**
 * [AlarmScheduler] on `AlarmManager`.
 *
 * Inexact `setAndAllowWhileIdle` by default (fires in Doze); `setExactAndAllowWhileIdle` only
 * when the plan marks the alarm exact, which the core does only when
 * [canScheduleExactAlarms] said yes. `AlarmManager` cannot list alarms, so armed ids are kept in
 * no-backup private preferences — but the registry never outranks the OS: an id counts as armed
 * only while its PendingIntent still exists. Force-stop drops the app's alarms *and* its
 * PendingIntents (while the preferences survive), so after a force-stop [armedIds] is empty and
 * the next sync arms everything again.
 */
class AndroidAlarmScheduler(context: Context) : AlarmScheduler {
    private val context = context.applicationContext
    private val alarmManager = requireNotNull(this.context.getSystemService(AlarmManager::class.java)) { "no AlarmManager" }
    private val registry = this.context.getSharedPreferences(REGISTRY, Context.MODE_PRIVATE)

    override fun armedIds(): Set<String> {
        val (alive, lost) = registry.all.entries.partition { (_, code) -> code is Int && osHolds(code) }
        if (lost.isNotEmpty()) registry.edit().apply { lost.forEach { remove(it.key) } }.apply()
        return alive.map { it.key }.toSet()
    }

    override fun canScheduleExactAlarms(): Boolean = Build.VERSION.SDK_INT < Build.VERSION_CODES.S || alarmManager.canScheduleExactAlarms()

    override fun arm(alarm: ReminderAlarm) {
        val pending = alarmIntent(context, alarm)
        try {
            if (alarm.exact && canScheduleExactAlarms()) {
                try {
                    alarmManager.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, alarm.triggerAtMillis, pending)
                } catch (revoked: SecurityException) {
                    // The grant was withdrawn between the check and the call: fall back, and the
                    // permission-change broadcast re-plans everything as inexact.
                    alarmManager.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, alarm.triggerAtMillis, pending)
                }
            } else {
                alarmManager.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, alarm.triggerAtMillis, pending)
            }
        } catch (full: IllegalStateException) {
            // "Maximum limit of concurrent alarms 500 reached": the plan is capped well below it
            // (ReminderSync), so only other alarms of this app can get here. Not recorded as
            // armed, so the next sync tries again.
            pending.cancel()
            Log.w(TAG, "alarm limit reached")
            return
        }
        registry.edit().putInt(alarm.id, alarm.requestCode).apply()
    }

    override fun cancel(id: String) {
        val requestCode = registry.getInt(id, Int.MIN_VALUE)
        if (requestCode != Int.MIN_VALUE) {
            existing(requestCode)?.let {
                alarmManager.cancel(it)
                it.cancel()
            }
        }
        registry.edit().remove(id).apply()
    }

    override fun forgetAll() {
        registry.edit().clear().apply()
    }

    /**
     * Erase-all: cancels every alarm this app armed (the OS keeps them, with their generic text
     * and deep link, until cancelled) and forgets them.
     */
    fun cancelEverything() {
        registry.all.keys.toList().forEach(::cancel)
        forgetAll()
    }

    /** Whether the OS still holds the PendingIntent for [requestCode] (gone after force-stop). */
    private fun osHolds(requestCode: Int): Boolean = existing(requestCode) != null

    private fun existing(requestCode: Int): PendingIntent? =
        PendingIntent.getBroadcast(context, requestCode, fireIntent(context), PendingIntent.FLAG_NO_CREATE or PendingIntent.FLAG_IMMUTABLE)

    companion object {
        private const val TAG = "ResetReminders"
        private const val REGISTRY = "reset_reminder_alarms"

        /** The intent all reminder alarms share except for their extras (which `filterEquals` ignores). */
        private fun fireIntent(context: Context): Intent = Intent(context, ReminderAlarmReceiver::class.java).setAction(ReminderAlarmReceiver.ACTION_FIRE)

        /**
         * The alarm's PendingIntent: explicit, immutable, request code from the stable id, so
         * re-arming the same reminder replaces its alarm instead of adding a second one.
         */
        fun alarmIntent(context: Context, alarm: ReminderAlarm): PendingIntent = PendingIntent.getBroadcast(
            context,
            alarm.requestCode,
            fireIntent(context).putExtras(ReminderExtras.from(alarm)),
            PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
        )
    }
}
