package app.resetcompanion.presentation

import app.resetcompanion.core.model.ActivityKind
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.time.LocalTime

class PermissionStatesTest : ViewModelTest() {
    private fun notif(sdk: Int = 34, granted: Boolean = false, enabled: Boolean = true, rationale: Boolean = false, asked: Boolean = false) =
        notificationPermissionFrom(sdk, granted, enabled, rationale, asked)

    @Test
    fun `POST_NOTIFICATIONS states from what Android reports`() {
        assertEquals(NotificationPermission.NOT_ASKED, notif())
        assertEquals(NotificationPermission.DENIED, notif(rationale = true, asked = true))
        assertEquals(NotificationPermission.BLOCKED, notif(asked = true), "no rationale after asking = don't ask again")
        assertEquals(NotificationPermission.GRANTED, notif(granted = true, asked = true))
        assertEquals(NotificationPermission.BLOCKED, notif(granted = true, enabled = false), "switched off in system settings")
        // Android 12 and below: no runtime permission, only the settings switch.
        assertEquals(NotificationPermission.GRANTED, notif(sdk = 32))
        assertEquals(NotificationPermission.BLOCKED, notif(sdk = 32, enabled = false))
    }

    @Test
    fun `exact alarms need the permission only from Android 12`() {
        assertEquals(ExactAlarmPermission.ALLOWED, exactAlarmPermissionFrom(30, canScheduleExactAlarms = false))
        assertEquals(ExactAlarmPermission.DENIED, exactAlarmPermissionFrom(34, canScheduleExactAlarms = false))
        assertEquals(ExactAlarmPermission.ALLOWED, exactAlarmPermissionFrom(34, canScheduleExactAlarms = true))
    }

    @Test
    fun `a permission change reported by the platform updates the reminder screen and re-arms`() {
        platform.snapshot = PermissionSnapshot(NotificationPermission.BLOCKED, ExactAlarmPermission.ALLOWED, 34)
        val vm = graph().reminders()
        vm.add(ActivityKind.CHECKIN, listOf(LocalTime.parse("09:00")))
        assertEquals(PermissionNotice.NOTIFICATIONS_BLOCKED, vm.state.value.notice)
        val before = platform.remindersChanged
        platform.snapshot = PermissionSnapshot.ALL_GRANTED
        platform.changes.tryEmit(Unit)
        assertEquals(PermissionNotice.NONE, vm.state.value.notice)
        assertEquals(before + 1, platform.remindersChanged)
    }

    @Test
    fun `the settings button opens the page for what is missing`() {
        assertEquals(SettingsPage.NOTIFICATIONS, settingsPageFor(PermissionSnapshot(NotificationPermission.BLOCKED, ExactAlarmPermission.DENIED, 34)))
        assertEquals(SettingsPage.EXACT_ALARMS, settingsPageFor(PermissionSnapshot(NotificationPermission.GRANTED, ExactAlarmPermission.DENIED, 34)))
        assertEquals(SettingsPage.APP_DETAILS, settingsPageFor(PermissionSnapshot.ALL_GRANTED))
    }

    @Test
    fun `FLAG_SECURE stays on while any secure screen is shown, whatever order they switch in`() {
        val applied = mutableListOf<Boolean>()
        val window = CountingSecureWindow { applied += it }
        window.setSecure(true) // journal
        window.setSecure(true) // thought record opens before the journal's effect is disposed
        window.setSecure(false)
        assertEquals(listOf(true), applied)
        window.setSecure(false)
        window.setSecure(false) // an extra "off" never goes negative
        assertEquals(listOf(true, false), applied)
        window.setSecure(true)
        assertEquals(listOf(true, false, true), applied)
        assertEquals(true, window.isSecure)
    }

    @Test
    fun `a dialog swiped away is not remembered as asked, a real answer is (review A12)`() {
        assertFalse(askedAfterDialog(askedBefore = false, granted = false, showRationaleNow = false), "swiped away: ask again later")
        assertTrue(askedAfterDialog(askedBefore = false, granted = false, showRationaleNow = true), "refused once")
        assertTrue(askedAfterDialog(askedBefore = false, granted = true, showRationaleNow = false), "granted")
        assertTrue(askedAfterDialog(askedBefore = true, granted = false, showRationaleNow = false), "refused twice stays blocked")
        // Swiped away at first: still NOT_ASKED, so the screen may offer the dialog again.
        assertEquals(
            NotificationPermission.NOT_ASKED,
            notificationPermissionFrom(33, granted = false, notificationsEnabled = true, showRationale = false, askedBefore = false),
        )
    }
}
