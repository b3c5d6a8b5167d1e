package app.resetcompanion.core

import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.PlanOptions
import app.resetcompanion.core.model.Platform
import app.resetcompanion.core.model.QuietHours
import app.resetcompanion.core.model.ReminderDays
import app.resetcompanion.core.model.ResetException
import app.resetcompanion.core.reminders.AlarmScheduler
import app.resetcompanion.core.reminders.REMINDER_ID_PREFIX
import app.resetcompanion.core.reminders.ReminderAction
import app.resetcompanion.core.reminders.ReminderAlarm
import app.resetcompanion.core.reminders.ReminderChannels
import app.resetcompanion.core.reminders.ReminderSync
import app.resetcompanion.core.reminders.SyncReason
import app.resetcompanion.core.reminders.addReminder
import app.resetcompanion.core.reminders.reminderPlan
import app.resetcompanion.core.reminders.removeReminder
import app.resetcompanion.core.reminders.requestCodeFor
import app.resetcompanion.core.reminders.shouldRequestPostNotifications
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.time.Instant
import java.time.LocalTime

/**
 * Two things kept apart, as on a phone: what the OS holds ([armed], AlarmManager) and what the
 * app wrote down ([registry], its preferences). Like AndroidAlarmScheduler, an id counts as armed
 * only while the OS still holds it, so OS-side loss (reboot, force-stop) can be expressed with
 * [osDropsEverything]. The real scheduler is tested the same way under Robolectric.
 */
private class FakeAlarms(var exactGranted: Boolean = false) : AlarmScheduler {
    /** The threads the scheduler was called on. */
    val threads = mutableSetOf<String>()

    /** The OS side. */
    val armed = linkedMapOf<String, ReminderAlarm>()

    /** The app's own record: survives force-stop and reboot. */
    val registry = linkedSetOf<String>()

    override fun armedIds(): Set<String> = registry.filter { it in armed }.toSet().also { threads += Thread.currentThread().name }
    override fun canScheduleExactAlarms(): Boolean = exactGranted.also { threads += Thread.currentThread().name }
    override fun arm(alarm: ReminderAlarm) {
        threads += Thread.currentThread().name
        armed[alarm.id] = alarm
        registry += alarm.id
    }
    override fun cancel(id: String) {
        armed.remove(id)
        registry -= id
    }
    override fun forgetAll() = registry.clear()

    /** Reboot or force-stop: the OS forgets every alarm; the registry does not. */
    fun osDropsEverything() = armed.clear()
}

private fun ms(rfc3339: String): Long = Instant.parse(rfc3339).toEpochMilli()
private fun instant(rfc3339: String): Instant = Instant.parse(rfc3339)

class ReminderTest {
    private fun setUp(zone: () -> String = { "Europe/London" }): Triple<ResetStore, FakeAlarms, ReminderSync> {
        val store = openStore(scratchDir())
        val alarms = FakeAlarms()
        return Triple(store, alarms, ReminderSync(store, alarms, deviceZone = zone))
    }

    @Test
    fun `the scheduler's binder and preferences work never runs on the caller's thread`() {
        val main = java.util.concurrent.Executors.newSingleThreadExecutor { Thread(it, "fake-main") }
        val (store, alarms, sync) = setUp()
        try {
            store.use {
                runBlocking { store.addReminder(ActivityKind.MEDITATION, listOf(LocalTime.parse("08:00")), label = "Morning") }
                runBlocking(main.asCoroutineDispatcher()) { sync.resync(SyncReason.APP_START) }
                assertEquals(7, alarms.armed.size)
                assertTrue(alarms.threads.isNotEmpty())
                assertFalse("fake-main" in alarms.threads, "scheduler called on ${alarms.threads}")
            }
        } finally {
            main.shutdown()
        }
    }

    @Test
    fun `app start arms inexact alarms for the week and a second sync changes nothing`() = runBlocking {
        val (store, alarms, sync) = setUp()
        store.use {
            store.addReminder(ActivityKind.MEDITATION, listOf(LocalTime.parse("08:00")), skipIfDone = true, label = "Morning")
            val first = sync.resync(SyncReason.APP_START)
            assertEquals(7, first.armed.size)
            assertFalse(first.exact)
            val alarm = alarms.armed.values.minBy { it.triggerAtMillis }
            // Fixed now is 2027-03-28 09:00 UTC (10:00 BST): the first is Monday 08:00 BST.
            assertEquals(ms("2027-03-29T07:00:00Z"), alarm.triggerAtMillis)
            assertFalse(alarm.exact, "inexact setAndAllowWhileIdle without the grant")
            assertEquals("reminders.meditation", alarm.channelId)
            assertEquals("resetcompanion://meditation", alarm.deepLink)
            assertFalse(alarm.title.contains("Morning"), "labels never reach the lock screen")
            assertEquals(requestCodeFor(alarm.id), alarm.requestCode)
            val second = sync.resync(SyncReason.APP_START)
            assertTrue(second.armed.isEmpty() && second.cancelled.isEmpty())
        }
    }

    @Test
    fun `granting exact alarms re-arms the same ids exactly`() = runBlocking {
        val (store, alarms, sync) = setUp()
        store.use {
            store.addReminder(ActivityKind.CHECKIN, listOf(LocalTime.parse("12:00"), LocalTime.parse("18:00")))
            sync.resync(SyncReason.APP_START)
            val ids = alarms.armedIds()
            alarms.exactGranted = true
            val after = sync.resync(SyncReason.EXACT_ALARM_PERMISSION_CHANGED)
            assertEquals(ids, after.armed.toSet())
            assertTrue(alarms.armed.values.all { it.exact })
        }
    }

    @Test
    fun `after a reboot every alarm is armed again`() = runBlocking {
        val (store, alarms, sync) = setUp()
        store.use {
            store.addReminder(ActivityKind.JOURNAL, listOf(LocalTime.parse("21:00")))
            sync.resync(SyncReason.APP_START)
            val ids = alarms.armedIds()
            // The registry still lists them, but the OS dropped them at shutdown.
            alarms.osDropsEverything()
            val boot = sync.resync(SyncReason.BOOT_COMPLETED)
            assertEquals(ids, boot.armed.toSet())
            assertEquals(ids, alarms.armedIds())
            assertEquals(ids, alarms.armed.keys)
        }
    }

    @Test
    fun `after a force-stop app start arms again what the OS lost though the registry kept it`() = runBlocking {
        val (store, alarms, sync) = setUp()
        store.use {
            store.addReminder(ActivityKind.JOURNAL, listOf(LocalTime.parse("21:00")))
            sync.resync(SyncReason.APP_START)
            val ids = alarms.armed.keys.toSet()
            alarms.osDropsEverything() // force-stop: no broadcast follows, only the next app start
            assertEquals(ids, alarms.registry, "the registry still claims them")
            val start = sync.resync(SyncReason.APP_START)
            assertEquals(ids, start.armed.toSet())
            assertEquals(ids, alarms.armed.keys)
        }
    }

    @Test
    fun `a zone change moves alarms to the new wall time and keeps their ids`() = runBlocking {
        var zone = "Europe/London"
        val (store, alarms, sync) = setUp { zone }
        store.use {
            store.addReminder(ActivityKind.JOURNAL, listOf(LocalTime.parse("21:00")))
            sync.resync(SyncReason.APP_START)
            val london = alarms.armed.toMap()
            zone = "America/New_York"
            val moved = sync.resync(SyncReason.TIMEZONE_CHANGED)
            assertTrue(moved.armed.isNotEmpty())
            for (id in moved.armed.filter { it in london }) {
                // 21:00 in New York is 5 hours after 21:00 in London (BST vs EDT).
                assertEquals(london.getValue(id).triggerAtMillis + 5 * 3_600_000, alarms.armed.getValue(id).triggerAtMillis)
            }
            assertTrue(store.reminderPlan().all { it.localText().endsWith("T21:00:00-04:00") })
        }
    }

    @Test
    fun `removing a rule cancels its alarms only`() = runBlocking {
        val (store, alarms, sync) = setUp()
        store.use {
            val journal = store.addReminder(ActivityKind.JOURNAL, listOf(LocalTime.parse("21:00")))
            store.addReminder(ActivityKind.CHECKIN, listOf(LocalTime.parse("12:00")), days = ReminderDays.Weekdays)
            sync.resync(SyncReason.APP_START)
            assertEquals(12, alarms.armed.size)
            store.removeReminder(journal.id)
            assertEquals(7, sync.resync(SyncReason.APP_START).cancelled.size)
            assertTrue(alarms.armed.values.all { it.kind == ActivityKind.CHECKIN })
        }
    }

    @Test
    fun `snooze and done buttons go through the core and re-plan`() = runBlocking {
        val (store, alarms, sync) = setUp()
        store.use {
            store.addReminder(ActivityKind.MEDITATION, listOf(LocalTime.parse("11:00"), LocalTime.parse("20:00")), skipIfDone = true)
            sync.resync(SyncReason.APP_START)
            val today = store.reminderPlan().filter { it.localDate == day("2027-03-28") }
            assertEquals(2, today.size)
            sync.handle(ReminderAction.fromIntentAction(ReminderAction.SNOOZE), today[0].id)
            val snooze = alarms.armed.values.single { it.triggerAtMillis == FIXED_NOW_MS + 600_000 }
            sync.handle(ReminderAction.fromIntentAction(ReminderAction.DONE), snooze.id)
            assertNull(alarms.armed[snooze.id])
            assertNull(alarms.armed[today[1].id], "skip-if-done silences the rest of the day")
            assertEquals(12, alarms.armed.size)
            val e = assertThrowsReset(ErrorKind.NOT_FOUND) { sync.handle(ReminderAction.Done, "rem_ffffffffffffffff") }
            assertTrue(e is ResetException.NotFound)
        }
    }

    @Test
    fun `bad rules are invalid input naming the field`() {
        openStore(scratchDir()).use { store ->
            // 24:00 is not a LocalTime (the type refuses it); a time listed twice is the core's refusal.
            val eight = LocalTime.parse("08:00")
            var e = assertThrowsReset(ErrorKind.INVALID_INPUT) { store.addReminder(ActivityKind.MEDITATION, listOf(eight, eight)) }
            assertEquals("times", (e as ResetException.InvalidInput).field)
            e = assertThrowsReset(ErrorKind.INVALID_INPUT) {
                store.addReminder(
                    ActivityKind.CHECKIN,
                    listOf(LocalTime.parse("23:00")),
                    quietHours = QuietHours(LocalTime.parse("22:00"), LocalTime.parse("07:00")),
                )
            }
            assertEquals("times", (e as ResetException.InvalidInput).field)
            e =
                assertThrowsReset(ErrorKind.INVALID_INPUT) {
                    store.addReminder(ActivityKind.JOURNAL, listOf(LocalTime.parse("08:00")), days = ReminderDays.Only(emptyList()))
                }
            assertEquals("days", (e as ResetException.InvalidInput).field)
        }
    }

    @Test
    fun `receivers, channels, request codes and the notification permission are decided on the JVM`() {
        assertEquals(SyncReason.BOOT_COMPLETED, SyncReason.fromIntentAction("android.intent.action.BOOT_COMPLETED"))
        assertEquals(SyncReason.TIMEZONE_CHANGED, SyncReason.fromIntentAction("android.intent.action.TIMEZONE_CHANGED"))
        assertNull(SyncReason.fromIntentAction("android.intent.action.SCREEN_ON"))
        assertEquals(5, SyncReason.rearmActions.size)
        assertEquals(
            listOf("reminders.meditation", "reminders.checkin", "reminders.journal", "reminders.programme", "reminders.assessment"),
            ActivityKind.entries.map(ReminderChannels::idFor),
        )
        assertEquals(0x0123abcd, requestCodeFor("${REMINDER_ID_PREFIX}0123abcd99999999"))
        assertEquals(requestCodeFor("rem_ffffffff00000000"), -1)
        assertTrue(shouldRequestPostNotifications(sdkInt = 33, granted = false, hasEnabledReminder = true))
        assertFalse(shouldRequestPostNotifications(sdkInt = 32, granted = false, hasEnabledReminder = true))
        assertFalse(shouldRequestPostNotifications(sdkInt = 34, granted = false, hasEnabledReminder = false))
    }

    @Test
    fun `the shared wall-time fixture holds through Kotlin`() {
        val text = fixture("reminders/wall_times.json").readText()
        // A tiny reader for this fixture's flat shape (no JSON library on the test classpath).
        val cases = Regex(
            "\\{\\s*\"name\": \"([^\"]+)\",\\s*\"zone\": \"([^\"]+)\", \"kind\": \"(\\w+)\", \"at\": \"([^\"]+)\",\\s*" +
                "\"from\": \"([^\"]+)\", \"until\": \"([^\"]+)\",\\s*\"expected\": \\[\\{\"fire_at\": \"([^\"]+)\", \"local\": \"([^\"]+)\"\\}\\]",
        )
            .findAll(text).toList()
        assertEquals(7, cases.size)
        for (c in cases) {
            val (name, zone, kind, at, from, until, fireAt, local) = c.destructured
            val dir = scratchDir()
            runBlocking {
                ResetStore.open(File(dir, "p.db").path, KEY_A, zone, FixedClock(java.time.Instant.ofEpochMilli(FIXED_NOW_MS))).use { store ->
                    store.addReminder(ActivityKind.valueOf(kind.uppercase()), listOf(LocalTime.parse(at)))
                    val plan = store.reminderPlan(PlanOptions(instant(from), instant(until), null, Platform.ANDROID, false))
                    assertEquals(listOf(Instant.parse(fireAt)), plan.map { it.fireAt }, name)
                    assertEquals(listOf(local), plan.map { it.localText() }, name)
                }
            }
        }
    }
}
