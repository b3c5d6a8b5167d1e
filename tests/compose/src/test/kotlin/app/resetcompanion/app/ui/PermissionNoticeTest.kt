package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.model.ReminderDays
import app.resetcompanion.core.model.ReminderRule
import app.resetcompanion.presentation.ExactAlarmPermission
import app.resetcompanion.presentation.NotificationPermission
import app.resetcompanion.presentation.PermissionNotice
import app.resetcompanion.presentation.PermissionSnapshot
import app.resetcompanion.presentation.ReminderSettingsUiState
import org.junit.Assert.assertEquals
import org.junit.Test
import java.time.LocalTime

/**
 * The reminder screen words each permission notice the view model decides on, with the one
 * action that helps (the decision itself is tested with the view model in tests/kotlin).
 */
@OptIn(ExperimentalTestApi::class)
class PermissionNoticeTest {
    private val rule = ReminderRule(
        id = "r1", kind = ActivityKind.CHECKIN, times = listOf(LocalTime.parse("09:00")), days = ReminderDays.Daily, skipIfDone = true,
        quietHours = null, pausedUntil = null, enabled = true, label = null, createdAt = java.time.Instant.parse("2027-03-24T08:00:00Z"),
    )

    private fun state(notice: PermissionNotice, n: NotificationPermission, e: ExactAlarmPermission) =
        ReminderSettingsUiState(loading = false, reminders = listOf(rule), permissions = PermissionSnapshot(n, e, 35), notice = notice)

    private fun check(notice: PermissionNotice, n: NotificationPermission, e: ExactAlarmPermission, text: String, action: String, shot: String? = null) =
        phoneTest {
            val clicks = mutableListOf<String>()
            setContent {
                ResetTheme(dark = false) {
                    ResetScaffold(Strings.remindersTitle, onCrisis = {}) { padding ->
                        ReminderSettingsScreen(
                            state(notice, n, e),
                            padding,
                            ReminderActions(onAskNotifications = { clicks += "ask" }, onOpenSystemSettings = { clicks += "settings" }),
                        )
                    }
                }
            }
            onNodeWithText(text).assertIsDisplayed()
            onNodeWithText(action).performClick()
            assertEquals(listOf(if (action == Strings.noticeAskAction) "ask" else "settings"), clicks)
            shot?.let { saveScreenshot(it) }
        }

    @Test
    fun notifications_never_asked_offers_the_system_dialog() =
        check(PermissionNotice.ASK_NOTIFICATIONS, NotificationPermission.NOT_ASKED, ExactAlarmPermission.ALLOWED, Strings.noticeAsk, Strings.noticeAskAction)

    @Test
    fun notifications_blocked_points_to_system_settings() = check(
        PermissionNotice.NOTIFICATIONS_BLOCKED,
        NotificationPermission.BLOCKED,
        ExactAlarmPermission.ALLOWED,
        Strings.noticeBlocked,
        Strings.noticeBlockedAction,
        shot = "reminders-notifications-blocked",
    )

    @Test
    fun exact_alarms_denied_explains_reminders_may_be_late() = check(
        PermissionNotice.INEXACT_TIMING,
        NotificationPermission.GRANTED,
        ExactAlarmPermission.DENIED,
        Strings.noticeInexact,
        Strings.noticeBlockedAction,
    )
}
