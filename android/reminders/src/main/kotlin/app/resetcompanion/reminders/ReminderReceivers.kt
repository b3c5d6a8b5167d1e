package app.resetcompanion.reminders

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.model.PracticeSession
import app.resetcompanion.core.reminders.ReminderAction
import app.resetcompanion.core.reminders.ReminderSync
import app.resetcompanion.core.reminders.SyncReason
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import java.util.concurrent.ConcurrentHashMap

/**
 * Implemented by the app's `Application`: opens the profile (key from the Android Keystore)
 * and returns a [ReminderSync] over [AndroidAlarmScheduler]. Receivers never hold the key.
 */
interface ReminderEnvironment {
    suspend fun reminderSync(context: Context): ReminderSync

    /** The icon and labels from the app's resources. */
    fun reminderLook(context: Context): ReminderLook

    /** The opened profile: the end-of-practice alarm logs the session into it. */
    suspend fun store(context: Context): ResetStore

    /** The end-of-practice alarm logged [session]: mirror it where the person opted in (Health Connect). */
    suspend fun practiceLogged(context: Context, session: PracticeSession) {}
}

/**
 * The receivers' background work: off the main thread (`Dispatchers.IO`), inside each
 * broadcast's `goAsync()` window (about 10 s).
 */
object ReminderWork {
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.IO)
    private val running = ConcurrentHashMap.newKeySet<Job>()

    internal fun launch(pending: BroadcastReceiver.PendingResult?, block: suspend () -> Unit) {
        val job = scope.launch {
            try {
                block()
            } catch (e: Exception) {
                // Nothing to show the person from a broadcast; the next app start or daily
                // safety-net sync tries again. Messages carry no user content (DESIGN §4).
                android.util.Log.w("ResetReminders", "re-plan failed: ${e.javaClass.simpleName}")
            } finally {
                pending?.finish()
            }
        }
        running += job
        job.invokeOnCompletion { running -= job }
    }

    /** Waits until every receiver's work has finished (tests, and nothing else needs it). */
    suspend fun awaitIdle() {
        while (running.isNotEmpty()) running.toList().joinAll()
    }
}

private fun BroadcastReceiver.work(context: Context, block: suspend (ReminderSync) -> Unit) {
    val env = context.applicationContext as? ReminderEnvironment ?: return
    val pending = goAsync()
    ReminderWork.launch(pending) { block(env.reminderSync(context.applicationContext)) }
}

/** Boot, app update, zone change, clock change, exact-alarm grant change: re-plan and re-arm. */
class ReminderRearmReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val reason = SyncReason.fromIntentAction(intent.action) ?: return
        work(context) { it.resync(reason) }
    }
}

/** An alarm fired: post the notification from the Intent (no database needed), then re-plan. */
class ReminderAlarmReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        if (intent.action != ACTION_FIRE) return
        val alarm = ReminderExtras.read(intent.extras) ?: return
        val env = context.applicationContext as? ReminderEnvironment
        if (env != null) ReminderNotifications.post(context, alarm, env.reminderLook(context))
        // No broadcast exists for DST transitions: planning again after each fire keeps the
        // next occurrence right. Runs even if posting failed.
        work(context) { it.resync(SyncReason.ALARM_FIRED) }
    }

    companion object {
        const val ACTION_FIRE = "app.resetcompanion.reminder.FIRE"
    }
}

/** Done or Snooze on a posted reminder: the same core calls the app uses, then re-plan. */
class ReminderActionReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val id = ReminderExtras.id(intent.extras) ?: return
        val action = ReminderAction.fromIntentAction(intent.action)
        if (action == ReminderAction.Open) return
        ReminderExtras.requestCode(intent.extras)?.let { ReminderNotifications.dismiss(context, it) }
        work(context) { it.handle(action, id) }
    }
}
