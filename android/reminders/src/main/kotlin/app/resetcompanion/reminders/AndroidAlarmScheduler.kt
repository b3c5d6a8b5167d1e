package app.resetcompanion.reminders

import android.app.AlarmManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.os.Build
import app.resetcompanion.core.reminders.AlarmScheduler
import app.resetcompanion.core.reminders.ReminderAlarm

/**
 * [AlarmScheduler] on `AlarmManager`.
 *
 * Inexact `setAndAllowWhileIdle` by default (fires in Doze); `setExactAndAllowWhileIdle` only
 * when the plan marks the alarm exact, which the core does only when
 * [canScheduleExactAlarms] said yes. `AlarmManager` cannot list alarms, so armed ids are kept in
 * no-backup private preferences.
 */
class AndroidAlarmScheduler(context: Context) : AlarmScheduler {
    private val context = context.applicationContext
    private val alarmManager = this.context.getSystemService(AlarmManager::class.java)
    private val registry = this.context.getSharedPreferences(REGISTRY, Context.MODE_PRIVATE)

    override fun armedIds(): Set<String> = registry.all.keys.toSet()

    override fun canScheduleExactAlarms(): Boolean =
        Build.VERSION.SDK_INT < Build.VERSION_CODES.S || alarmManager.canScheduleExactAlarms()

    override fun arm(alarm: ReminderAlarm) {
        val pending = alarmIntent(context, alarm)
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
        registry.edit().putInt(alarm.id, alarm.requestCode).apply()
    }

    override fun cancel(id: String) {
        val requestCode = registry.getInt(id, Int.MIN_VALUE)
        if (requestCode != Int.MIN_VALUE) {
            val intent = Intent(context, ReminderAlarmReceiver::class.java).setAction(ReminderAlarmReceiver.ACTION_FIRE)
            PendingIntent.getBroadcast(context, requestCode, intent, PendingIntent.FLAG_NO_CREATE or PendingIntent.FLAG_IMMUTABLE)
                ?.let { alarmManager.cancel(it); it.cancel() }
        }
        registry.edit().remove(id).apply()
    }

    override fun forgetAll() {
        registry.edit().clear().apply()
    }

    companion object {
        private const val REGISTRY = "reset_reminder_alarms"

        /**
         * The alarm's PendingIntent: explicit, immutable, request code from the stable id, so
         * re-arming the same reminder replaces its alarm instead of adding a second one.
         */
        fun alarmIntent(context: Context, alarm: ReminderAlarm): PendingIntent {
            val intent = Intent(context, ReminderAlarmReceiver::class.java)
                .setAction(ReminderAlarmReceiver.ACTION_FIRE)
                .putExtras(ReminderExtras.from(alarm))
            return PendingIntent.getBroadcast(
                context,
                alarm.requestCode,
                intent,
                PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
            )
        }
    }
}
