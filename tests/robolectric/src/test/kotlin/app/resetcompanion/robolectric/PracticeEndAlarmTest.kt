package app.resetcompanion.robolectric

import android.Manifest
import android.app.AlarmManager
import android.app.Notification
import android.app.NotificationManager
import android.content.Intent
import android.os.Looper
import android.os.SystemClock
import app.resetcompanion.core.RunningPractice
import app.resetcompanion.core.model.PracticeTechnique
import app.resetcompanion.core.practiceSessions
import app.resetcompanion.reminders.PracticeEndAlarm
import app.resetcompanion.reminders.PracticeEndReceiver
import app.resetcompanion.reminders.ReminderNotifications
import app.resetcompanion.reminders.ReminderWork
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowAlarmManager
import java.time.Instant
import java.util.TimeZone

/**
 * Review A6 / B11: the end of a timed practice with the screen off. While a session runs the OS
 * holds an ELAPSED_REALTIME_WAKEUP alarm for its end (a PendingIntent one that survives the
 * process, and an in-process listener that needs no exact-alarm grant); when it fires the end is
 * signalled with a generic notification and the session is logged through the core, once.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], manifest = Config.NONE, application = RoboApp::class)
class PracticeEndAlarmTest {
    private val notifications get() = shadowOf(app.getSystemService(NotificationManager::class.java))

    /** Ten minutes of meditation that started a minute ago (by both clocks). */
    private val practice = RunningPractice(
        technique = PracticeTechnique.MEDITATION,
        plannedMinutes = 10,
        startedAt = FIXED_NOW.minusSeconds(60),
        stepId = null,
        endsAtElapsedMs = SystemClock.elapsedRealtime() + 9 * 60_000L,
    )

    @Before
    fun setUp() {
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/London"))
        ShadowAlarmManager.setCanScheduleExactAlarms(false)
        shadowOf(app).grantPermissions(Manifest.permission.POST_NOTIFICATIONS)
        ReminderNotifications.createChannels(app, RoboApp.LOOK)
    }

    @After
    fun tearDown() {
        PracticeEndAlarm.cancel(app)
        app.close()
    }

    private fun pendingAlarm() = osAlarms().single { it.operation != null }
    private fun listenerAlarm() = osAlarms().singleOrNull { it.onAlarmListener != null }

    /** The PendingIntent alarm fires: the OS drops it and delivers its Intent to the receiver. */
    private fun fireEndAlarm() {
        val alarm = pendingAlarm()
        app.nowMs = FIXED_NOW.toEpochMilli() + 9 * 60_000L
        val intent = shadowOf(alarm.operation).savedIntent
        alarmManager.cancel(alarm.operation!!)
        deliver(PracticeEndReceiver(), intent)
    }

    @Test
    fun `without the exact grant the end is an inexact wake-up alarm plus an exact in-process listener needing no grant`() {
        PracticeEndAlarm.arm(app, practice, RoboApp.LOOK)
        val pending = pendingAlarm()
        assertEquals(AlarmManager.ELAPSED_REALTIME_WAKEUP, pending.type)
        assertEquals(practice.endsAtElapsedMs, pending.triggerAtTime)
        assertTrue("fires in Doze", pending.allowWhileIdle)
        assertEquals(ShadowAlarmManager.WINDOW_HEURISTIC, pending.windowLengthMs)
        val listener = listenerAlarm()!!
        assertEquals(AlarmManager.ELAPSED_REALTIME_WAKEUP, listener.type)
        assertEquals(practice.endsAtElapsedMs, listener.triggerAtTime)
        assertEquals(ShadowAlarmManager.WINDOW_EXACT, listener.windowLengthMs)
        val carried = PracticeEndAlarm.read(shadowOf(pending.operation).savedIntent.extras)
        assertEquals("the alarm carries the session, and nothing else", practice, carried)
    }

    @Test
    fun `with the exact grant the PendingIntent alarm is exact too, and arming again replaces rather than adds`() {
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        PracticeEndAlarm.arm(app, practice, RoboApp.LOOK)
        PracticeEndAlarm.arm(app, practice.copy(endsAtElapsedMs = practice.endsAtElapsedMs + 60_000), RoboApp.LOOK)
        assertEquals(2, osAlarms().size)
        assertEquals(ShadowAlarmManager.WINDOW_EXACT, pendingAlarm().windowLengthMs)
        assertEquals(practice.endsAtElapsedMs + 60_000, pendingAlarm().triggerAtTime)
    }

    @Test
    fun `cancelling (pause, stop, finish, erase) removes both alarms`() {
        PracticeEndAlarm.arm(app, practice, RoboApp.LOOK)
        PracticeEndAlarm.cancel(app)
        assertTrue(osAlarms().toString(), osAlarms().isEmpty())
    }

    @Test
    fun `the alarm firing with the process gone logs the session as completed and signals the end with generic text`() {
        PracticeEndAlarm.arm(app, practice, RoboApp.LOOK)
        fireEndAlarm()

        val logged = runBlocking { app.store.practiceSessions() }.single()
        assertEquals(10u, logged.actualMinutes)
        assertTrue(logged.completed)
        assertEquals(practice.startedAt, logged.started.at)
        assertEquals("handed on for Health Connect", listOf(logged), app.practiceLogged.toList())

        val posted = notifications.allNotifications.single()
        assertEquals(PracticeEndAlarm.CHANNEL_ID, posted.channelId)
        assertEquals(Notification.CATEGORY_ALARM, posted.category)
        assertEquals(Notification.VISIBILITY_PRIVATE, posted.visibility)
        assertEquals(RoboApp.LOOK.practiceEndedTitle, posted.extras.getString(Notification.EXTRA_TITLE))
        assertEquals(RoboApp.LOOK.practiceEndedText, posted.extras.getString(Notification.EXTRA_TEXT))
        val channel = app.getSystemService(NotificationManager::class.java)!!.getNotificationChannel(PracticeEndAlarm.CHANNEL_ID)
        assertEquals("it sounds and peeks", NotificationManager.IMPORTANCE_HIGH, channel.importance)
        val open = shadowOf(posted.contentIntent).savedIntent
        assertEquals(Intent.ACTION_VIEW, open.action)
        assertEquals(PracticeEndAlarm.DEEP_LINK, open.dataString)
        assertEquals(app.packageName, open.`package`)
    }

    @Test
    fun `the in-process listener ends it alone - one signal, the session logged, no second alarm left (review 3, F6)`() {
        PracticeEndAlarm.arm(app, practice, RoboApp.LOOK)
        val listener = listenerAlarm()!!
        shadowOf(alarmManager).fireAlarm(listener)
        shadowOf(Looper.getMainLooper()).idle()
        runBlocking { ReminderWork.awaitIdle() }
        assertEquals("the listener signals the end in the live process", 1, notifications.allNotifications.size)
        assertTrue("no PendingIntent alarm left to alert again after a process death", osAlarms().none { it.operation != null })
        val logged = runBlocking { app.store.practiceSessions() }.single()
        assertTrue(logged.completed)
        app.getSystemService(NotificationManager::class.java)!!.cancelAll() // the person swiped it away

        // A delivery already in flight (or a duplicate broadcast) adds no signal and no session.
        val again = Intent(app, PracticeEndReceiver::class.java).setAction(PracticeEndAlarm.ACTION_END).putExtras(PracticeEndAlarm.extras(practice))
        deliver(PracticeEndReceiver(), again)
        assertTrue("no second signal for the same session", notifications.allNotifications.isEmpty())
        assertEquals(1, runBlocking { app.store.practiceSessions() }.size)
    }

    @Test
    fun `the end notification goes once the timer screen shows the finished session`() {
        PracticeEndAlarm.arm(app, practice, RoboApp.LOOK)
        fireEndAlarm()
        assertEquals(1, notifications.allNotifications.size)
        PracticeEndAlarm.dismissEnded(app)
        assertTrue(notifications.allNotifications.isEmpty())
    }

    @Test
    fun `with notifications refused the end still sounds and the session is still logged`() {
        shadowOf(app).denyPermissions(Manifest.permission.POST_NOTIFICATIONS)
        var sounded = 0
        val sound = PracticeEndAlarm.playSound
        PracticeEndAlarm.playSound = { sounded++ }
        try {
            PracticeEndAlarm.arm(app, practice.copy(startedAt = Instant.parse("2027-03-28T08:40:00Z")), RoboApp.LOOK)
            fireEndAlarm()
        } finally {
            PracticeEndAlarm.playSound = sound
        }
        assertTrue(notifications.allNotifications.isEmpty())
        assertEquals(1, sounded)
        assertEquals(1, runBlocking { app.store.practiceSessions() }.size)
    }

    @Test
    fun `extras that are not a session are ignored`() {
        assertNull(PracticeEndAlarm.read(null))
        assertNull(PracticeEndAlarm.read(android.os.Bundle().apply { putString("practice.technique", "YOGA") }))
        val good = PracticeEndAlarm.extras(practice)
        assertNotNull(PracticeEndAlarm.read(good))
        good.putInt("practice.planned", 0)
        assertNull(PracticeEndAlarm.read(good))
        assertFalse(osAlarms().any())
    }
}
