package app.resetcompanion.reminders

import android.Manifest
import android.app.Notification
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.net.Uri
import android.os.Build
import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.reminders.ReminderAction
import app.resetcompanion.core.reminders.ReminderAlarm
import app.resetcompanion.core.reminders.ReminderChannels

/** Channels and posting. Text comes from the core: generic, lock-screen-safe. */
object ReminderNotifications {
    /**
     * Creates one channel per kind with stable ids (importance and sound cannot change after
     * creation, so ids are never renamed). Idempotent: call at every app start.
     */
    fun createChannels(context: Context) {
        val manager = context.getSystemService(NotificationManager::class.java)
        val channels = ActivityKind.entries.map { kind ->
            NotificationChannel(ReminderChannels.idFor(kind), ReminderChannels.nameFor(kind), NotificationManager.IMPORTANCE_DEFAULT)
                .apply { lockscreenVisibility = Notification.VISIBILITY_PRIVATE }
        }
        manager.createNotificationChannels(channels)
    }

    /** `POST_NOTIFICATIONS` is a runtime permission from Android 13. */
    fun canPost(context: Context): Boolean =
        Build.VERSION.SDK_INT < Build.VERSION_CODES.TIRAMISU ||
            context.checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED

    /** Posts the reminder with Done and Snooze buttons; silently skipped without permission. */
    fun post(context: Context, alarm: ReminderAlarm) {
        if (!canPost(context)) return
        val open = Intent(Intent.ACTION_VIEW, Uri.parse(alarm.deepLink)).setPackage(context.packageName)
        val content = PendingIntent.getActivity(context, alarm.requestCode, open, PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT)
        val notification = Notification.Builder(context, alarm.channelId)
            .setSmallIcon(context.applicationInfo.icon)
            .setContentTitle(alarm.title)
            .setContentText(alarm.body)
            .setContentIntent(content)
            .setAutoCancel(true)
            .setCategory(Notification.CATEGORY_REMINDER)
            .addAction(action(context, alarm, ReminderAction.DONE, "Done"))
            .addAction(action(context, alarm, ReminderAction.SNOOZE, "Snooze ${ReminderAction.DEFAULT_SNOOZE_MINUTES} min"))
            .build()
        context.getSystemService(NotificationManager::class.java).notify(alarm.requestCode, notification)
    }

    /** Removes a posted reminder (after Done or Snooze). */
    fun dismiss(context: Context, requestCode: Int) {
        context.getSystemService(NotificationManager::class.java).cancel(requestCode)
    }

    private fun action(context: Context, alarm: ReminderAlarm, intentAction: String, title: String): Notification.Action {
        val intent = Intent(context, ReminderActionReceiver::class.java)
            .setAction(intentAction)
            .putExtras(ReminderExtras.idOnly(alarm.id, alarm.requestCode))
        // Distinct request codes per button so the two PendingIntents don't collapse into one.
        val code = alarm.requestCode xor intentAction.hashCode()
        val pending = PendingIntent.getBroadcast(context, code, intent, PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT)
        return Notification.Action.Builder(null, title, pending).build()
    }
}
