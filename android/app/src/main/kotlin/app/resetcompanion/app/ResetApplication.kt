package app.resetcompanion.app

import android.app.Application
import android.content.Context
import android.util.Log
import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.SystemClock
import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.model.PracticeSession
import app.resetcompanion.core.reminders.ReminderAction
import app.resetcompanion.core.reminders.ReminderSync
import app.resetcompanion.core.reminders.SyncReason
import app.resetcompanion.core.security.AndroidKeystoreKeyWrapper
import app.resetcompanion.core.security.DatabaseKeyProvider
import app.resetcompanion.core.security.RecoveryKeyStore
import app.resetcompanion.presentation.AppGraph
import app.resetcompanion.presentation.AutoBackupRunner
import app.resetcompanion.presentation.asRecoveryKeys
import app.resetcompanion.reminders.AndroidAlarmScheduler
import app.resetcompanion.reminders.PracticeEndAlarm
import app.resetcompanion.reminders.ReminderEnvironment
import app.resetcompanion.reminders.ReminderLook
import app.resetcompanion.reminders.ReminderNotifications
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.launch
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext
import java.io.File
import java.util.TimeZone

/**
 * Owns the one opened profile for the process: the activity and the reminder receivers share
 * it. The key comes from [DatabaseKeyProvider] (random, wrapped by the AndroidKeyStore, in
 * no_backup/); the database lives in files/profile/, excluded from backup (res/xml).
 * Never logs user content or key material.
 */
class ResetApplication :
    Application(),
    ReminderEnvironment,
    DailyJobEnvironment {
    private val lock = Mutex()
    private var graph: AppGraph? = null

    /** Long-lived work that must outlive a screen (app-start re-arm). */
    val appScope = CoroutineScope(SupervisorJob() + Dispatchers.Main.immediate)

    val keyProvider: DatabaseKeyProvider by lazy {
        DatabaseKeyProvider(AndroidKeystoreKeyWrapper(), File(noBackupFilesDir, "db.key"))
    }
    val hooks: AndroidPlatformHooks by lazy { AndroidPlatformHooks(this) }
    val databaseFile: File get() = File(filesDir, "profile/profile.db")

    /** Automatic backups (issue 21): the only folder the backup rules include (res/xml). */
    val autoBackupFolder: File get() = File(filesDir, AUTO_BACKUP_DIR)

    /** "Start fresh instead" on the restore offer, remembered (the declined backups' newest name; no user text). */
    private val restoreDeclinedMarker: File get() = File(noBackupFilesDir, "restore-offer-declined")

    /** The recovery key, wrapped by its own AndroidKeyStore key in no_backup/ (never in a backup). */
    val recoveryKeyStore: RecoveryKeyStore by lazy {
        RecoveryKeyStore(
            AndroidKeystoreKeyWrapper(AndroidKeystoreKeyWrapper.RECOVERY_ALIAS, replaceUnusable = false),
            File(noBackupFilesDir, "recovery.key"),
        )
    }

    override fun onCreate() {
        super.onCreate()
        ReminderNotifications.createChannels(this, reminderLook(this))
        // Exports wait in cache/shared only while a share sheet is open; a process that died
        // meanwhile left them behind.
        appScope.launch(Dispatchers.IO) { sharedExports.clear() }
        // The daily job (backup + reminders' safety net) is persisted; make sure it exists.
        DailyJob.schedule(this)
        // Alarms are dropped on force-stop: every app start re-plans (platform.md).
        appScope.launch {
            try {
                reminderSync(this@ResetApplication).resync(SyncReason.APP_START)
            } catch (e: Exception) {
                Log.w(TAG, "app-start re-plan failed: ${e.javaClass.simpleName}")
            }
        }
    }

    /**
     * The graph over the opened profile, opening it on first use.
     *
     * @throws app.resetcompanion.core.security.KeyUnavailable when a profile exists whose key is gone.
     * @throws app.resetcompanion.core.security.KeystoreBusy when the keystore kept failing
     *   transiently (worth trying again; the key is not lost).
     */
    suspend fun graph(): AppGraph = lock.withLock { graph ?: open().also { graph = it } }

    override suspend fun reminderSync(context: Context): ReminderSync = ReminderSync(graph().store, AndroidAlarmScheduler(this)) { TimeZone.getDefault().id }

    override fun reminderLook(context: Context): ReminderLook = ReminderLook(
        smallIcon = R.drawable.ic_notification,
        done = context.getString(R.string.reminder_done),
        snooze = context.getString(R.string.reminder_snooze, ReminderAction.DEFAULT_SNOOZE_MINUTES),
        channelName = { kind ->
            context.getString(
                when (kind) {
                    ActivityKind.MEDITATION -> R.string.channel_meditation
                    ActivityKind.CHECKIN -> R.string.channel_checkin
                    ActivityKind.JOURNAL -> R.string.channel_journal
                    ActivityKind.PROGRAMME -> R.string.channel_programme
                    ActivityKind.ASSESSMENT -> R.string.channel_assessment
                },
            )
        },
        practiceChannelName = context.getString(R.string.channel_practice_end),
        practiceEndedTitle = context.getString(R.string.practice_ended_title),
        practiceEndedText = context.getString(R.string.practice_ended_text),
        text = { kind ->
            val (title, body) = when (kind) {
                ActivityKind.MEDITATION -> R.string.reminder_title_meditation to R.string.reminder_body_meditation
                ActivityKind.CHECKIN -> R.string.reminder_title_checkin to R.string.reminder_body_checkin
                ActivityKind.JOURNAL -> R.string.reminder_title_journal to R.string.reminder_body_journal
                ActivityKind.PROGRAMME -> R.string.reminder_title_programme to R.string.reminder_body_programme
                ActivityKind.ASSESSMENT -> R.string.reminder_title_assessment to R.string.reminder_body_assessment
            }
            context.getString(title) to context.getString(body)
        },
    )

    override suspend fun store(context: Context): ResetStore = graph().store

    override suspend fun autoBackupRunner(context: Context): AutoBackupRunner = graph().autoBackupRunner()

    /** The app came to the foreground: the first use of a day writes that day's automatic backup. */
    fun backUpIfDue() {
        appScope.launch(Dispatchers.IO) {
            try {
                DailyJob.backUp(this@ResetApplication, this@ResetApplication)
            } catch (e: Exception) {
                Log.w(TAG, "automatic backup failed: ${e.javaClass.simpleName}")
            }
        }
    }

    override suspend fun practiceLogged(context: Context, session: PracticeSession) = hooks.practiceLogged(session)

    /** cache/shared: exports waiting for the share sheet. */
    val sharedExports: SharedExports get() = SharedExports(File(cacheDir, SHARE_DIR))

    /**
     * After erase-all (or "start again" when the key is lost): close, forget the key, and let the
     * next [graph] start fresh. Erase-all ([withAutoBackups]) also deletes the automatic backups and
     * their recovery key; "start again" keeps them, so the fresh profile is offered their restore.
     */
    suspend fun forgetProfile(withAutoBackups: Boolean = false) = lock.withLock {
        graph?.store?.close()
        graph = null
        withContext(Dispatchers.IO) {
            // The erased profile's reminders must not fire or stay in the shade (review A3).
            AndroidAlarmScheduler(this@ResetApplication).cancelEverything()
            PracticeEndAlarm.cancel(this@ResetApplication)
            ReminderNotifications.dismissAll(this@ResetApplication)
            databaseFile.parentFile?.deleteRecursively()
            keyProvider.destroy()
            // The fresh profile is offered the kept backups' restore again, even if it was declined before.
            restoreDeclinedMarker.delete()
            File(cacheDir, SHARE_DIR).deleteRecursively()
            if (withAutoBackups) {
                autoBackupFolder.deleteRecursively()
                recoveryKeyStore.delete()
                recoveryKeyStore.deletePending()
            }
        }
    }

    private suspend fun open(): AppGraph = withContext(Dispatchers.IO) {
        databaseFile.parentFile?.mkdirs()
        val key = keyProvider.obtain(databaseExists = databaseFile.exists())
        val store = try {
            ResetStore.open(databaseFile.path, key, TimeZone.getDefault().id, SystemClock)
        } finally {
            key.fill(0) // the native side holds its own copy; don't leave one on the heap
        }
        AppGraph(
            store,
            shareDir = File(cacheDir, SHARE_DIR),
            autoBackupFolder = autoBackupFolder,
            recoveryKeys = recoveryKeyStore.asRecoveryKeys(),
            restoreDeclinedMarker = restoreDeclinedMarker,
            clock = SystemClock,
            platform = hooks,
            // The timer measures with the monotonic clock (review A6): a clock change can't stretch a session.
            elapsedClock = object : app.resetcompanion.core.model.Clock {
                override fun instant(): java.time.Instant = java.time.Instant.ofEpochMilli(android.os.SystemClock.elapsedRealtime())
            },
        )
    }

    companion object {
        private const val TAG = "Reset"

        /** Under cacheDir; the only folder FileProvider exposes (res/xml/file_paths.xml). */
        const val SHARE_DIR = "shared"

        /** Under filesDir; included by backup_rules.xml and data_extraction_rules.xml. */
        const val AUTO_BACKUP_DIR = "auto-backups"
    }
}
