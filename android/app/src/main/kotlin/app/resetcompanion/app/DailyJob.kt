package app.resetcompanion.app

import android.app.job.JobInfo
import android.app.job.JobParameters
import android.app.job.JobScheduler
import android.app.job.JobService
import android.content.ComponentName
import android.content.Context
import android.util.Log
import app.resetcompanion.core.reminders.ReminderSync
import app.resetcompanion.core.reminders.SyncReason
import app.resetcompanion.presentation.AutoBackupRunner
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.launch
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock

// The app's one background job (issues 21 and 18): twice a day, when the battery is not low,
// the day's automatic backup (the core decides whether one is due: the first run of a local day
// writes, later ones return at once) and the reminders' "daily safety net" re-plan, which rolls
// wall-clock reminders forward on days the app is not opened. Framework JobScheduler rather than
// WorkManager: it compiles against android-all and runs under Robolectric here (WorkManager needs
// a dozen AndroidX libraries and their resources), and it is what WorkManager itself uses on
// API 23+. The job is persisted, so the system keeps it across reboots; every app start checks
// it is there. Never logs user content: only exception class names.

/** Implemented by the app's `Application`: the opened profile's re-plan and automatic backup. */
interface DailyJobEnvironment {
    /** The reminder re-plan over the opened profile (the same one the receivers use). */
    suspend fun reminderSync(context: Context): ReminderSync

    /** The day's automatic backup over the opened profile, its folder and the stored recovery key. */
    suspend fun autoBackupRunner(context: Context): AutoBackupRunner
}

/** What one run did; each half fails on its own, without stopping the other. */
data class DailyRun(val resynced: Boolean, val backup: AutoBackupRunner.Outcome?)

/** Scheduling and running the daily job. */
object DailyJob {
    /** Stable: re-scheduling with the same id replaces instead of adding a second job. */
    const val JOB_ID = 21_001

    /** Twice a day, so each local day gets a chance even when one window is missed. */
    const val PERIOD_MS = 12 * 60 * 60 * 1000L

    /** The window at the end of each period the system may pick (battery and Doze permitting). */
    const val FLEX_MS = 3 * 60 * 60 * 1000L

    private const val TAG = "ResetDaily"
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.IO)

    /** One backup at a time: the job and the app's first use of the day may overlap. */
    private val backupLock = Mutex()

    /** The job: periodic, persisted across reboots (needs RECEIVE_BOOT_COMPLETED, declared), not on a low battery. */
    fun info(context: Context): JobInfo = JobInfo.Builder(JOB_ID, ComponentName(context, DailyJobService::class.java))
        .setPeriodic(PERIOD_MS, FLEX_MS)
        .setPersisted(true)
        .setRequiresBatteryNotLow(true)
        .build()

    /**
     * Schedules the job unless the same one is already pending (scheduling again would restart
     * its period). Called at every app start. Returns whether the job is scheduled.
     */
    fun schedule(context: Context): Boolean {
        val scheduler = context.getSystemService(JobScheduler::class.java) ?: return false
        val wanted = info(context)
        val pending = scheduler.getPendingJob(JOB_ID)
        if (pending != null && pending.service == wanted.service && pending.intervalMillis == wanted.intervalMillis && pending.isPersisted) return true
        return scheduler.schedule(wanted) == JobScheduler.RESULT_SUCCESS
    }

    /** Runs [run] off the main thread and reports when it ended ([DailyJobService] calls `jobFinished`). */
    fun launch(env: DailyJobEnvironment, context: Context, done: (DailyRun) -> Unit = {}): Job = scope.launch { done(run(env, context)) }

    /** The re-plan, then the backup; a failure of one is logged by class name and never stops the other. */
    suspend fun run(env: DailyJobEnvironment, context: Context): DailyRun {
        val resynced = attempt("re-plan") { env.reminderSync(context).resync(SyncReason.DAILY_SAFETY_NET) } != null
        val backup = attempt("backup") { backUp(env, context) }
        return DailyRun(resynced, backup)
    }

    /** The day's automatic backup if due (the app's first use each day calls this too). */
    suspend fun backUp(env: DailyJobEnvironment, context: Context): AutoBackupRunner.Outcome = backupLock.withLock { env.autoBackupRunner(context).run() }

    private suspend fun <T> attempt(what: String, block: suspend () -> T): T? = try {
        block()
    } catch (e: CancellationException) {
        throw e
    } catch (e: Exception) {
        Log.w(TAG, "daily $what failed: ${e.javaClass.simpleName}")
        null
    }
}

/**
 * Declared in the manifest with `BIND_JOB_SERVICE`; the system binds it when [DailyJob]'s job is
 * due. The work runs on `Dispatchers.IO`; stopped early (constraints lost), it is cancelled and
 * asked to run again.
 */
class DailyJobService : JobService() {
    private var running: Job? = null

    override fun onStartJob(params: JobParameters): Boolean {
        val env = applicationContext as? DailyJobEnvironment ?: return false
        running = DailyJob.launch(env, applicationContext) { jobFinished(params, false) }
        return true
    }

    override fun onStopJob(params: JobParameters): Boolean {
        running?.cancel()
        return true
    }
}
