package app.resetcompanion.robolectric

import android.Manifest
import android.app.Notification
import android.app.NotificationManager
import android.content.Intent
import android.content.IntentFilter
import app.resetcompanion.app.DeepLinkTarget
import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.reminders.SyncReason
import app.resetcompanion.core.reminders.addReminder
import app.resetcompanion.reminders.ReminderActionReceiver
import app.resetcompanion.reminders.ReminderAlarmReceiver
import app.resetcompanion.reminders.ReminderNotifications
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowAlarmManager
import java.io.File
import java.time.LocalTime
import java.util.TimeZone
import javax.xml.parsers.DocumentBuilderFactory

/**
 * A reminder alarm firing, end to end on the framework's classes: the receiver posts the
 * notification from the alarm's Intent, Done and Snooze reach the core off the main thread,
 * and tapping opens the right screen through MainActivity's intent filter.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], manifest = Config.NONE, application = RoboApp::class)
class NotificationTest {
    private val notifications get() = shadowOf(app.getSystemService(NotificationManager::class.java))

    @Before
    fun setUp() {
        org.robolectric.shadows.ShadowLog.stream = System.out
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/London"))
        ShadowAlarmManager.setCanScheduleExactAlarms(false)
        shadowOf(app).grantPermissions(Manifest.permission.POST_NOTIFICATIONS)
        ReminderNotifications.createChannels(app, RoboApp.LOOK)
        runBlocking {
            app.store.addReminder(
                ActivityKind.MEDITATION,
                listOf(LocalTime.parse("08:00"), LocalTime.parse("20:00")),
                skipIfDone = true,
                label = "Morning with Sam",
            )
            app.reminderSync(app).resync(SyncReason.APP_START)
        }
    }

    @After
    fun tearDown() = app.close()

    /**
     * The [index]th armed alarm fires at its time (the first is Sunday 20:00 BST): the OS drops
     * it and sends its PendingIntent's Intent to the receiver.
     */
    private fun fireFirst(index: Int = 0): Intent {
        val first = osAlarms()[index]
        app.nowMs = first.triggerAtTime + 30_000
        app.syncOnMainThread.clear()
        val fire = shadowOf(first.operation).savedIntent
        alarmManager.cancel(first.operation!!) // the OS drops an alarm once it has fired
        deliver(ReminderAlarmReceiver(), fire)
        return fire
    }

    private fun posted(): Notification = notifications.allNotifications.single()

    @Test
    fun `the fired alarm posts a private notification with our icon, channel and generic text`() {
        fireFirst()
        val n = posted()
        assertEquals(android.R.drawable.ic_popup_reminder, n.smallIcon.resId)
        assertNotEquals(0, n.smallIcon.resId)
        assertEquals("reminders.meditation", n.channelId)
        assertEquals(Notification.VISIBILITY_PRIVATE, n.visibility)
        assertEquals(Notification.CATEGORY_REMINDER, n.category)
        val title = n.extras.getCharSequence(Notification.EXTRA_TITLE).toString()
        val text = n.extras.getCharSequence(Notification.EXTRA_TEXT).toString()
        assertTrue(title.isNotBlank() && text.isNotBlank())
        assertFalse("the label stays in the app", (title + text).contains("Sam") || (title + text).contains("Morning"))
        assertEquals(listOf("Done", "Snooze 10 min"), n.actions.map { it.title.toString() })
        val channel = notifications.notificationChannels.single { it.id == "reminders.meditation" }
        assertEquals(Notification.VISIBILITY_PRIVATE, channel.lockscreenVisibility)
        assertEquals("meditation reminders", channel.name.toString())
    }

    @Test
    fun `the title and body come from the app's string resources when it gives them (review A15)`() {
        app.look = RoboApp.LOOK.copy(text = { kind -> "Zeit ($kind)" to "Ein paar ruhige Minuten." })
        fireFirst()
        val n = posted()
        assertEquals("Zeit (MEDITATION)", n.extras.getCharSequence(Notification.EXTRA_TITLE).toString())
        assertEquals("Ein paar ruhige Minuten.", n.extras.getCharSequence(Notification.EXTRA_TEXT).toString())
    }

    @Test
    fun `the fire re-plans off the main thread, so the next reminder is still armed`() {
        fireFirst()
        // Sunday 20:00 BST fired: from then on, 08:00 Mon-Sun and 20:00 Mon-Sun.
        assertEquals(14, osAlarms().size)
        assertEquals(at("2027-03-29T07:00:00Z"), osAlarms().first().triggerAtTime)
        assertTrue(app.syncOnMainThread.isNotEmpty())
        assertFalse("core calls never on the main thread", app.syncOnMainThread.any { it })
    }

    @Test
    fun `without the notification permission nothing is posted and the next reminder is still armed`() {
        shadowOf(app).denyPermissions(Manifest.permission.POST_NOTIFICATIONS)
        fireFirst()
        assertEquals(0, notifications.size())
        assertEquals(14, osAlarms().size)
    }

    @Test
    fun `Done dismisses the notification and silences the rest of that day's skip-if-done reminders`() {
        fireFirst(index = 1) // Monday 08:00 BST
        val done = shadowOf(posted().actions[0].actionIntent).savedIntent
        app.syncOnMainThread.clear()
        deliver(ReminderActionReceiver(), done)
        assertEquals(0, notifications.size())
        assertFalse("Monday 20:00 is skipped: done today", osAlarms().any { it.triggerAtTime == at("2027-03-29T19:00:00Z") })
        assertTrue("Tuesday 20:00 still comes", osAlarms().any { it.triggerAtTime == at("2027-03-30T19:00:00Z") })
        assertEquals(13, osAlarms().size)
        assertEquals(listOf(false), app.syncOnMainThread.toList())
    }

    @Test
    fun `Snooze arms a one-shot reminder ten minutes from now`() {
        fireFirst()
        val snooze = shadowOf(posted().actions[1].actionIntent).savedIntent
        deliver(ReminderActionReceiver(), snooze)
        assertEquals(0, notifications.size())
        assertTrue(osAlarms().any { it.triggerAtTime == app.nowMs + 10 * 60_000L })
        assertFalse(app.syncOnMainThread.any { it })
    }

    @Test
    fun `tapping opens the meditation screen through MainActivity's intent filter`() {
        fireFirst()
        val tap = shadowOf(posted().contentIntent).savedIntent
        assertEquals(app.packageName, tap.`package`)
        assertEquals(DeepLinkTarget.MEDITATION, DeepLinkTarget.of(tap))
        val filters = mainActivityFilters()
        assertTrue(
            "an intent filter in the app manifest accepts the tap",
            filters.any { it.match(app.contentResolver, tap, false, "test") >= 0 && it.hasCategory(Intent.CATEGORY_DEFAULT) },
        )
    }

    /** MainActivity's intent filters, read from android/app's real manifest. */
    private fun mainActivityFilters(): List<IntentFilter> {
        val manifest = File(System.getProperty("android.root"), "app/src/main/AndroidManifest.xml")
        val doc = DocumentBuilderFactory.newInstance().apply { isNamespaceAware = true }.newDocumentBuilder().parse(manifest)
        val ns = "http://schemas.android.com/apk/res/android"
        val activity = (0 until doc.getElementsByTagName("activity").length)
            .map { doc.getElementsByTagName("activity").item(it) as org.w3c.dom.Element }
            .single { it.getAttributeNS(ns, "name") == ".MainActivity" }
        val filters = activity.getElementsByTagName("intent-filter")
        return (0 until filters.length).map { i ->
            val f = filters.item(i) as org.w3c.dom.Element
            IntentFilter().apply {
                f.children("action").forEach { addAction(it.getAttributeNS(ns, "name")) }
                f.children("category").forEach { addCategory(it.getAttributeNS(ns, "name")) }
                f.children("data").forEach { d -> d.getAttributeNS(ns, "scheme").takeIf { it.isNotEmpty() }?.let(::addDataScheme) }
            }
        }
    }

    private fun org.w3c.dom.Element.children(tag: String): List<org.w3c.dom.Element> =
        (0 until getElementsByTagName(tag).length).map { getElementsByTagName(tag).item(it) as org.w3c.dom.Element }
}
