package app.resetcompanion.robolectric

import android.app.AlarmManager
import android.app.Application
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.content.IntentFilter
import android.os.Looper
import app.resetcompanion.app.DailyJobEnvironment
import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.model.Clock
import app.resetcompanion.core.reminders.ReminderSync
import app.resetcompanion.presentation.AutoBackupRunner
import app.resetcompanion.presentation.RecoveryKeys
import app.resetcompanion.reminders.AndroidAlarmScheduler
import app.resetcompanion.reminders.ReminderEnvironment
import app.resetcompanion.reminders.ReminderLook
import app.resetcompanion.reminders.ReminderWork
import kotlinx.coroutines.runBlocking
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.shadows.ShadowAlarmManager
import java.io.File
import java.nio.file.Files
import java.time.Instant
import java.util.TimeZone
import java.util.concurrent.CopyOnWriteArrayList

/** 2027-03-28T09:00:00Z (10:00 BST, the Sunday British Summer Time starts). */
val FIXED_NOW: Instant = Instant.parse("2027-03-28T09:00:00Z")

/**
 * The Application the reminder receivers talk to, as ResetApplication is on a phone: a real
 * encrypted store in a temp folder (the host-built library through JNA) with a settable clock,
 * and the real [AndroidAlarmScheduler] over Robolectric's AlarmManager.
 */
class RoboApp :
    Application(),
    ReminderEnvironment,
    DailyJobEnvironment {
    private val dir: File = Files.createTempDirectory("reset-robo-").toFile()
    var nowMs: Long = FIXED_NOW.toEpochMilli()
    private val clock = object : Clock {
        override fun instant(): Instant = Instant.ofEpochMilli(nowMs)
    }
    private var opened: ResetStore? = null

    /** For every reminderSync call: true when it ran on the main thread (it must not). */
    val syncOnMainThread = CopyOnWriteArrayList<Boolean>()

    val store: ResetStore
        get() = opened ?: runBlocking {
            ResetStore.open(File(dir, "profile.db").path, ByteArray(32) { 0x5A }, "Europe/London", clock)
        }.also { opened = it }

    override suspend fun reminderSync(context: Context): ReminderSync {
        syncOnMainThread += Looper.myLooper() == Looper.getMainLooper()
        return ReminderSync(store, AndroidAlarmScheduler(this)) { TimeZone.getDefault().id }
    }

    /** What the receivers post with; a test may swap in resource texts. */
    var look: ReminderLook = LOOK

    override fun reminderLook(context: Context): ReminderLook = look

    override suspend fun store(context: Context): ResetStore = store

    /** Sessions the end-of-practice alarm handed on for Health Connect. */
    val practiceLogged = CopyOnWriteArrayList<app.resetcompanion.core.model.PracticeSession>()

    override suspend fun practiceLogged(context: Context, session: app.resetcompanion.core.model.PracticeSession) {
        practiceLogged += session
    }

    /** The automatic backups' folder and recovery key, as ResetApplication keeps them (memory here). */
    val autoBackupFolder: File get() = File(dir, "auto-backups")
    val recoveryKeys = RecoveryKeys.InMemory()

    /** For every automatic-backup run: true when it ran on the main thread (it must not). */
    val backupOnMainThread = CopyOnWriteArrayList<Boolean>()

    override suspend fun autoBackupRunner(context: Context): AutoBackupRunner {
        backupOnMainThread += Looper.myLooper() == Looper.getMainLooper()
        return AutoBackupRunner(store, autoBackupFolder, recoveryKeys)
    }

    fun close() {
        opened?.close()
        dir.deleteRecursively()
    }

    companion object {
        val LOOK = ReminderLook(
            smallIcon = android.R.drawable.ic_popup_reminder,
            done = "Done",
            snooze = "Snooze 10 min",
            channelName = { "${it.name.lowercase()} reminders" },
            practiceChannelName = "End of a practice timer",
            practiceEndedTitle = "Practice time is up",
            practiceEndedText = "Your session has been saved.",
        )
    }
}

val app: RoboApp get() = RuntimeEnvironment.getApplication() as RoboApp

val alarmManager: AlarmManager get() = app.getSystemService(AlarmManager::class.java)!!

/** What the OS holds (Robolectric's AlarmManager), soonest first. */
fun osAlarms(): List<ShadowAlarmManager.ScheduledAlarm> = shadowOf(alarmManager).scheduledAlarms.sortedBy { it.triggerAtTime }

/** The OS forgets every alarm and PendingIntent of the app, as on reboot or force-stop; app storage stays. */
fun osDropsEverything() {
    osAlarms().forEach { alarmManager.cancel(it.operation) }
    org.robolectric.shadows.ShadowPendingIntent.reset()
}

/**
 * Delivers [intent] to [receiver] the way the system does (a real broadcast, so `goAsync()`
 * works), then waits for the main looper and the receiver's background work.
 */
fun deliver(receiver: BroadcastReceiver, intent: Intent) {
    app.registerReceiver(receiver, IntentFilter(intent.action), Context.RECEIVER_NOT_EXPORTED)
    try {
        // A dynamically registered receiver gets the intent by its action, as the manifest one would.
        app.sendBroadcast(Intent(intent).setComponent(null))
        shadowOf(Looper.getMainLooper()).idle()
        runBlocking { ReminderWork.awaitIdle() }
    } finally {
        app.unregisterReceiver(receiver)
    }
}

fun at(rfc3339: String): Long = Instant.parse(rfc3339).toEpochMilli()
