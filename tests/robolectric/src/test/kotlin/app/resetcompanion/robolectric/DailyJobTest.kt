package app.resetcompanion.robolectric

import android.app.job.JobInfo
import android.app.job.JobScheduler
import android.content.ComponentName
import app.resetcompanion.app.DailyJob
import app.resetcompanion.app.DailyJobService
import app.resetcompanion.app.DailyRun
import app.resetcompanion.app.ResetApplication
import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.reminders.addReminder
import app.resetcompanion.core.turnOnAutoBackup
import app.resetcompanion.presentation.AutoBackupRunner
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.w3c.dom.Element
import java.io.File
import java.time.LocalTime
import java.util.TimeZone
import javax.xml.parsers.DocumentBuilderFactory

/**
 * The daily job (issues 21 and 18): scheduled through the framework JobScheduler (Robolectric's
 * shadow), and what a run does over a real store: the day's automatic backup, written off the
 * main thread once a local day, and the reminders' safety-net re-plan re-arming alarms the OS lost.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], manifest = Config.NONE, application = RoboApp::class)
class DailyJobTest {
    init {
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/London"))
    }

    private val scheduler: JobScheduler get() = app.getSystemService(JobScheduler::class.java)!!

    @After
    fun tearDown() = app.close()

    private fun runJob(): DailyRun {
        var result: DailyRun? = null
        runBlocking { DailyJob.launch(app, app) { result = it }.join() }
        return result!!
    }

    @Test
    fun `app start schedules one periodic job that survives reboots and waits for a battery that is not low`() {
        assertTrue(DailyJob.schedule(app))
        assertTrue(DailyJob.schedule(app))
        val job = scheduler.allPendingJobs.single()
        assertEquals(DailyJob.JOB_ID, job.id)
        assertEquals(ComponentName(app, DailyJobService::class.java), job.service)
        assertTrue(job.isPeriodic)
        assertEquals(12 * 3_600_000L, job.intervalMillis)
        assertEquals(3 * 3_600_000L, job.flexMillis)
        assertTrue("kept across reboots", job.isPersisted)
        assertTrue(job.isRequireBatteryNotLow)
    }

    @Test
    fun `an older job under the same id is replaced by the current one, never doubled`() {
        val old = JobInfo.Builder(DailyJob.JOB_ID, ComponentName(app, DailyJobService::class.java)).setPeriodic(24 * 3_600_000L).build()
        scheduler.schedule(old)
        assertTrue(DailyJob.schedule(app))
        val job = scheduler.allPendingJobs.single()
        assertEquals(12 * 3_600_000L, job.intervalMillis)
        assertTrue(job.isPersisted)
    }

    @Test
    fun `a run writes the day's backup off the main thread once a day and re-arms the reminders the OS lost`() {
        runBlocking {
            app.recoveryKeys.save(app.store.turnOnAutoBackup())
            app.store.addReminder(ActivityKind.CHECKIN, listOf(LocalTime.parse("20:00")), skipIfDone = false)
        }
        osDropsEverything()
        assertTrue(osAlarms().isEmpty())

        val first = runJob()
        assertTrue(first.resynced)
        assertTrue(first.backup is AutoBackupRunner.Outcome.Written)
        val files = app.autoBackupFolder.listFiles().orEmpty().filter { it.name.endsWith(".rcbackup") }
        assertEquals(1, files.size)
        assertTrue("the safety net re-armed the reminder", osAlarms().isNotEmpty())
        assertEquals(listOf(false), app.backupOnMainThread.toList())
        assertTrue(app.syncOnMainThread.none { it })

        val second = runJob()
        assertEquals(AutoBackupRunner.Outcome.NotDue, second.backup)
        assertEquals(1, app.autoBackupFolder.listFiles().orEmpty().count { it.name.endsWith(".rcbackup") })
    }

    @Test
    fun `backups off, or on without a key on this device - nothing is written and the re-plan still runs`() {
        val off = runJob()
        assertEquals(AutoBackupRunner.Outcome.Off, off.backup)
        assertTrue(off.resynced)

        runBlocking { app.store.turnOnAutoBackup() } // the key was never stored
        val noKey = runJob()
        assertNull("a missing key is logged by class name, not thrown", noKey.backup)
        assertTrue(noKey.resynced)
        assertFalse(app.autoBackupFolder.exists() && app.autoBackupFolder.listFiles().orEmpty().any { it.name.endsWith(".rcbackup") })
    }

    @Test
    fun `the manifest declares the job service for the system scheduler only, and the boot permission a persisted job needs`() {
        val root = File(System.getProperty("android.root"))
        val ns = "http://schemas.android.com/apk/res/android"
        fun parse(path: String) = DocumentBuilderFactory.newInstance().apply { isNamespaceAware = true }.newDocumentBuilder().parse(File(root, path))
        fun org.w3c.dom.Document.nodes(tag: String) = getElementsByTagName(tag).let { l -> (0 until l.length).map { l.item(it) as Element } }
        val service = parse("app/src/main/AndroidManifest.xml").nodes("service").single { it.getAttributeNS(ns, "name") == ".DailyJobService" }
        assertEquals("android.permission.BIND_JOB_SERVICE", service.getAttributeNS(ns, "permission"))
        assertEquals("false", service.getAttributeNS(ns, "exported"))
        val permissions = parse("reminders/src/main/AndroidManifest.xml").nodes("uses-permission").map { it.getAttributeNS(ns, "name") }
        assertTrue("android.permission.RECEIVE_BOOT_COMPLETED" in permissions)
        // The folder the app writes automatic backups into is the one the backup rules include.
        val included = parse("app/src/main/res/xml/backup_rules.xml").nodes("include").map { it.getAttribute("path") }
        assertEquals(listOf("${ResetApplication.AUTO_BACKUP_DIR}/"), included)
    }
}
