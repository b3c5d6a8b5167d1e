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

/**
 * What a posted reminder looks like, from the app's resources: a monochrome small icon (a
 * vector drawable: a notification without a valid small icon is rejected by `notify()`) and the
 * localised button and channel labels, and the title and body per kind ([text]; the core's
 * English words are the fallback and the source of the resources' wording).
 */
data class ReminderLook(
    /** A drawable resource id; never 0. */
    val smallIcon: Int,
    val done: String,
    /** "Snooze 10 min", already formatted with [ReminderAction.DEFAULT_SNOOZE_MINUTES]. */
    val snooze: String,
    /** The channel name shown in system settings, per kind. */
    val channelName: (ActivityKind) -> String,
    /** The end-of-practice channel's name in system settings. */
    val practiceChannelName: String,
    /** The end-of-practice notification: generic, lock-screen-safe (no technique, length or step). */
    val practiceEndedTitle: String,
    val practiceEndedText: String,
    /**
     * A reminder's title and body for its kind from the app's string resources, so they follow the
     * device's language (review A15); null: the core's (English) text. Generic either way.
     */
    val text: ((ActivityKind) -> Pair<String, String>)? = null,
)

/** Channels and posting. Text comes from the core: generic, lock-screen-safe. */
object ReminderNotifications {
    /**
     * Creates one channel per kind with stable ids (importance and sound cannot change after
     * creation, so ids are never renamed; names may, and follow the locale). Idempotent: call at
     * every app start.
     */
    fun createChannels(context: Context, look: ReminderLook) {
        val manager = context.getSystemService(NotificationManager::class.java) ?: return
        val channels = ActivityKind.entries.map { kind ->
            NotificationChannel(ReminderChannels.idFor(kind), look.channelName(kind), NotificationManager.IMPORTANCE_DEFAULT)
                .apply { lockscreenVisibility = Notification.VISIBILITY_PRIVATE }
        }
        // The end of a timed practice: high importance, so it sounds and peeks for eyes that are closed.
        val practice = NotificationChannel(PracticeEndAlarm.CHANNEL_ID, look.practiceChannelName, NotificationManager.IMPORTANCE_HIGH)
            .apply { lockscreenVisibility = Notification.VISIBILITY_PRIVATE }
        manager.createNotificationChannels(channels + practice)
    }

    /** `POST_NOTIFICATIONS` is a runtime permission from Android 13. */
    fun canPost(context: Context): Boolean = Build.VERSION.SDK_INT < Build.VERSION_CODES.TIRAMISU ||
        context.checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED

    /**
     * Posts the reminder with Done and Snooze buttons; silently skipped without permission.
     * Returns whether it was posted. Never throws: the caller re-arms the next reminder after it.
     */
    fun post(context: Context, alarm: ReminderAlarm, look: ReminderLook): Boolean {
        if (!canPost(context)) return false
        val manager = context.getSystemService(NotificationManager::class.java) ?: return false
        // Tapping opens MainActivity through its resetcompanion:// intent filter, in this app only.
        val open = Intent(Intent.ACTION_VIEW, Uri.parse(alarm.deepLink)).setPackage(context.packageName)
        val content = PendingIntent.getActivity(context, alarm.requestCode, open, PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT)
        val (title, body) = look.text?.invoke(alarm.kind) ?: (alarm.title to alarm.body)
        val notification = Notification.Builder(context, alarm.channelId)
            .setSmallIcon(look.smallIcon)
            .setContentTitle(title)
            .setContentText(body)
            .setContentIntent(content)
            .setAutoCancel(true)
            .setCategory(Notification.CATEGORY_REMINDER)
            // The channel says the same; set on the notification too for launchers that read it.
            .setVisibility(Notification.VISIBILITY_PRIVATE)
            .addAction(action(context, alarm, ReminderAction.DONE, look.done))
            .addAction(action(context, alarm, ReminderAction.SNOOZE, look.snooze))
            .build()
        return try {
            manager.notify(alarm.requestCode, notification)
            true
        } catch (e: RuntimeException) {
            // A bad resource or a full notification queue must not stop the next reminder.
            android.util.Log.w("ResetReminders", "notify failed: ${e.javaClass.simpleName}")
            false
        }
    }

    /** Erase-all: removes every reminder still shown, so nothing of an erased profile remains in the shade. */
    fun dismissAll(context: Context) {
        context.getSystemService(NotificationManager::class.java)?.cancelAll()
    }

    /** Removes a posted reminder (after Done or Snooze). */
    fun dismiss(context: Context, requestCode: Int) {
        context.getSystemService(NotificationManager::class.java)?.cancel(requestCode)
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
