package app.resetcompanion.robolectric

import android.app.AlarmManager
import android.app.PendingIntent
import android.content.Intent
import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.reminders.AlarmScheduler
import app.resetcompanion.core.reminders.ReminderSync
import app.resetcompanion.core.reminders.SyncReason
import app.resetcompanion.core.reminders.addReminder
import app.resetcompanion.core.reminders.androidPlanOptions
import app.resetcompanion.core.reminders.reminderPlan
import app.resetcompanion.core.reminders.removeReminder
import app.resetcompanion.reminders.AndroidAlarmScheduler
import app.resetcompanion.reminders.ReminderAlarmReceiver
import app.resetcompanion.reminders.ReminderNotifications
import app.resetcompanion.reminders.ReminderRearmReceiver
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.annotation.Implementation
import org.robolectric.annotation.Implements
import org.robolectric.shadows.ShadowAlarmManager
import java.time.LocalTime
import java.util.TimeZone
import java.util.concurrent.CountDownLatch
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread

/** Exact-alarm grant withdrawn between the check and the call: `setExact*` throws, as on a device. */
@Implements(AlarmManager::class)
class RevokedExactAlarmManager : ShadowAlarmManager() {
    @Implementation
    override fun setExactAndAllowWhileIdle(type: Int, triggerAtMillis: Long, operation: PendingIntent): Unit =
        throw SecurityException("Caller needs the SCHEDULE_EXACT_ALARM permission")
}

/**
 * AlarmManager scheduling through the real [AndroidAlarmScheduler] and [ReminderSync] over a
 * real store: what the OS holds is read from Robolectric's AlarmManager, what the app believes
 * from its registry — two separate things, so OS-side loss can be expressed.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], manifest = Config.NONE, application = RoboApp::class)
class AlarmSchedulingTest {
    private val london: TimeZone = TimeZone.getTimeZone("Europe/London")

    init {
        TimeZone.setDefault(london)
    }

    @After
    fun tearDown() {
        ShadowAlarmManager.setCanScheduleExactAlarms(false)
        TimeZone.setDefault(london)
        app.close()
    }

    private fun resync(reason: SyncReason) = runBlocking { app.reminderSync(app).resync(reason) }

    private fun morningMeditation() = runBlocking {
        app.store.addReminder(ActivityKind.MEDITATION, listOf(LocalTime.parse("08:00")), skipIfDone = true, label = "Morning")
    }

    @Test
    fun `without the exact grant every alarm is inexact setAndAllowWhileIdle at the planned instant`() {
        morningMeditation()
        ShadowAlarmManager.setCanScheduleExactAlarms(false)
        resync(SyncReason.APP_START)
        val alarms = osAlarms()
        assertEquals(7, alarms.size)
        // 08:00 BST on Monday 2027-03-29 is 07:00 UTC.
        assertEquals(at("2027-03-29T07:00:00Z"), alarms.first().triggerAtTime)
        alarms.forEach {
            assertEquals(AlarmManager.RTC_WAKEUP, it.type)
            assertTrue("fires in Doze", it.isAllowWhileIdle)
            assertTrue("inexact", it.windowLengthMs != ShadowAlarmManager.WINDOW_EXACT)
        }
        val fire = shadowOf(alarms.first().operation).savedIntent
        assertEquals(ReminderAlarmReceiver.ACTION_FIRE, fire.action)
        assertEquals(ReminderAlarmReceiver::class.java.name, fire.component!!.className)
        assertTrue("immutable", alarms.first().operation!!.isImmutable)
    }

    @Test
    fun `with the exact grant the same reminders are armed with setExactAndAllowWhileIdle`() {
        morningMeditation()
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        resync(SyncReason.APP_START)
        val alarms = osAlarms()
        assertEquals(7, alarms.size)
        alarms.forEach {
            assertEquals(ShadowAlarmManager.WINDOW_EXACT, it.windowLengthMs)
            assertTrue(it.isAllowWhileIdle)
        }
    }

    @Test
    @Config(shadows = [RevokedExactAlarmManager::class])
    fun `a SecurityException from setExact falls back to an inexact alarm instead of losing it`() {
        morningMeditation()
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        val result = resync(SyncReason.APP_START)
        assertTrue("the plan asked for exact alarms", result.exact)
        val alarms = osAlarms()
        assertEquals(7, alarms.size)
        alarms.forEach { assertTrue(it.windowLengthMs != ShadowAlarmManager.WINDOW_EXACT) }
    }

    @Test
    fun `erase-all cancels every armed alarm and clears the shade`() {
        morningMeditation()
        resync(SyncReason.APP_START)
        assertEquals(7, osAlarms().size)
        val nm = app.getSystemService(android.app.NotificationManager::class.java)
        nm.createNotificationChannel(android.app.NotificationChannel("t", "t", android.app.NotificationManager.IMPORTANCE_DEFAULT))
        nm.notify(1, android.app.Notification.Builder(app, "t").setSmallIcon(android.R.drawable.ic_dialog_info).build())
        assertEquals(1, shadowOf(nm).allNotifications.size)

        AndroidAlarmScheduler(app).cancelEverything()
        ReminderNotifications.dismissAll(app)
        assertEquals(0, osAlarms().size)
        assertEquals(emptySet<String>(), AndroidAlarmScheduler(app).armedIds())
        assertEquals(0, shadowOf(nm).allNotifications.size)
    }

    @Test
    fun `re-arming replaces alarms by request code instead of adding a second set`() {
        morningMeditation()
        resync(SyncReason.APP_START)
        resync(SyncReason.BOOT_COMPLETED) // forgets the registry, arms every alarm again
        assertEquals(7, osAlarms().size)
    }

    @Test
    fun `after a reboot the boot broadcast arms every reminder again`() {
        morningMeditation()
        resync(SyncReason.APP_START)
        osDropsEverything()
        assertEquals(0, osAlarms().size)
        deliver(ReminderRearmReceiver(), Intent(Intent.ACTION_BOOT_COMPLETED))
        assertEquals(7, osAlarms().size)
    }

    @Test
    fun `after a force-stop app start re-arms although the registry still lists every alarm`() {
        morningMeditation()
        resync(SyncReason.APP_START)
        val registry = app.getSharedPreferences("reset_reminder_alarms", 0)
        osDropsEverything() // force-stop: alarms and PendingIntents go, preferences stay
        assertEquals("the registry survived", 7, registry.all.size)
        val result = resync(SyncReason.APP_START)
        assertEquals(7, result.armed.size)
        assertEquals(7, osAlarms().size)
    }

    @Test
    fun `a zone change moves every alarm to 08 00 in the new zone`() {
        morningMeditation()
        resync(SyncReason.APP_START)
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"))
        deliver(ReminderRearmReceiver(), Intent(Intent.ACTION_TIMEZONE_CHANGED))
        val alarms = osAlarms()
        assertEquals(7, alarms.size)
        // 08:00 EDT is 12:00 UTC; the first is later today (05:00 in New York now).
        assertEquals(at("2027-03-28T12:00:00Z"), alarms.first().triggerAtTime)
        alarms.forEach { assertEquals(12 * 3_600_000L, Math.floorMod(it.triggerAtTime, 86_400_000L)) }
    }

    @Test
    fun `a clock change re-plans from the new time`() {
        morningMeditation()
        resync(SyncReason.APP_START)
        app.nowMs += 3 * 86_400_000L
        deliver(ReminderRearmReceiver(), Intent(Intent.ACTION_TIME_CHANGED))
        val alarms = osAlarms()
        assertEquals(7, alarms.size)
        assertTrue("nothing left in the past", alarms.all { it.triggerAtTime > app.nowMs })
    }

    @Test
    fun `an app update re-plans with the new build`() {
        val rule = morningMeditation()
        resync(SyncReason.APP_START)
        runBlocking { app.store.removeReminder(rule.id) } // the new build plans differently
        deliver(ReminderRearmReceiver(), Intent(Intent.ACTION_MY_PACKAGE_REPLACED))
        assertEquals(0, osAlarms().size)
    }

    @Test
    fun `granting exact alarms re-arms everything exactly on the permission broadcast`() {
        morningMeditation()
        resync(SyncReason.APP_START)
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        deliver(ReminderRearmReceiver(), Intent(AlarmManager.ACTION_SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED))
        val alarms = osAlarms()
        assertEquals(7, alarms.size)
        alarms.forEach { assertEquals(ShadowAlarmManager.WINDOW_EXACT, it.windowLengthMs) }
    }

    @Test
    fun `the plan never arms more than 400 alarms, soonest first, under Android's 500 per app`() {
        runBlocking {
            // 8 rules x 12 times x 7 days = 672 planned notifications.
            for (r in 0 until 8) {
                val times = (0 until 12).map { i ->
                    val m = (r * 12 + i) * 15
                    LocalTime.of(m / 60, m % 60)
                }
                app.store.addReminder(ActivityKind.values()[r % ActivityKind.values().size], times)
            }
        }
        val all = runBlocking { app.store.reminderPlan(androidPlanOptions(false)) }
        assertTrue(all.size > 500)
        resync(SyncReason.APP_START)
        val armed = osAlarms()
        assertEquals(ReminderSync.MAX_ARMED_ALARMS, armed.size)
        val cutoff = all.map { it.fireAt.toEpochMilli() }.sorted()[ReminderSync.MAX_ARMED_ALARMS - 1]
        assertTrue("the soonest are armed", armed.all { it.triggerAtTime <= cutoff })
    }

    @Test
    fun `concurrent syncs from app start and a receiver never overlap`() {
        morningMeditation()
        val inside = AtomicInteger()
        val maxInside = AtomicInteger()
        val armCalls = AtomicInteger()

        class Watching(private val inner: AlarmScheduler) : AlarmScheduler by inner {
            override fun armedIds(): Set<String> {
                maxInside.accumulateAndGet(inside.incrementAndGet(), ::maxOf)
                Thread.sleep(150) // a slow registry read widens any race
                return inner.armedIds().also { inside.decrementAndGet() }
            }

            override fun arm(alarm: app.resetcompanion.core.reminders.ReminderAlarm) {
                armCalls.incrementAndGet()
                inner.arm(alarm)
            }
        }
        val start = CountDownLatch(1)
        val workers = (1..3).map {
            thread {
                start.await()
                runBlocking { ReminderSync(app.store, Watching(AndroidAlarmScheduler(app))) { "Europe/London" }.resync(SyncReason.APP_START) }
            }
        }
        start.countDown()
        workers.forEach { it.join() }
        assertEquals("one sync at a time", 1, maxInside.get())
        assertEquals("the later syncs found everything armed", 7, armCalls.get())
        assertEquals(7, osAlarms().size)
    }
}
