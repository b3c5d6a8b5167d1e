package app.resetcompanion.app.ui

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.hasClickAction
import androidx.compose.ui.test.hasSetTextAction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextReplacement
import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.model.QuietHours
import app.resetcompanion.core.model.ReminderDays
import app.resetcompanion.core.reminders.reminders
import app.resetcompanion.presentation.SecureWindow
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Test
import java.time.LocalTime

/** Reminder pause and resume, and a rule with custom days and quiet hours, made by taps. */
@OptIn(ExperimentalTestApi::class)
class ReminderFlowTest {
    private val app = SeededApp()

    @After
    fun close() = app.close()

    private fun rules() = runBlocking { app.store.reminders() }

    @Test
    fun pause_for_a_week_then_resume() = phoneTest {
        setContent { ResetApp(app.graph, SecureWindow.None, AppNavigator(Destination.Reminders), dark = false) }
        awaitLoaded()
        onNodeWithContentDescription(Strings.pauseWeekFor("Check-in")).performScrollTo().performClick()
        waitUntil(timeoutMillis = 10_000) { onAllNodesWithText(Strings.pausedUntil("2027-03-31")).fetchSemanticsNodes().isNotEmpty() }
        assertEquals(java.time.LocalDate.parse("2027-03-31"), rules().first { it.kind == ActivityKind.CHECKIN }.pausedUntil)
        saveScreenshot("reminders-paused")
        onNodeWithContentDescription(Strings.resumeFor("Check-in")).performScrollTo().performClick()
        waitUntil(timeoutMillis = 10_000) { onAllNodesWithText(Strings.pausedUntil("2027-03-31")).fetchSemanticsNodes().isEmpty() }
        assertNull(rules().first { it.kind == ActivityKind.CHECKIN }.pausedUntil)
    }

    @Test
    fun pause_until_a_date_picked_in_the_calendar() = phoneTest {
        setContent { ResetApp(app.graph, SecureWindow.None, AppNavigator(Destination.Reminders), dark = false) }
        awaitLoaded()
        onNodeWithContentDescription(Strings.pauseUntilFor("Evening sit")).performScrollTo().performClick()
        waitForIdle()
        onNodeWithText(Strings.pauseDateTitle).assertIsDisplayed()
        // Today (24 March) can't be chosen; the 29th can.
        // Day cells read out in full ("Wednesday, March 24, 2027").
        onNode(hasText("March 24, 2027", substring = true) and hasClickAction()).assertIsNotEnabled()
        onNode(hasText("March 29, 2027", substring = true) and hasClickAction()).performClick()
        onNodeWithText(Strings.pauseConfirm).performClick()
        waitUntil(timeoutMillis = 10_000) { onAllNodesWithText(Strings.pausedUntil("2027-03-29")).fetchSemanticsNodes().isNotEmpty() }
        assertEquals(java.time.LocalDate.parse("2027-03-29"), rules().first { it.label == "Evening sit" }.pausedUntil)
        assertNull(rules().first { it.kind == ActivityKind.CHECKIN }.pausedUntil)
    }

    @Test
    fun cancelling_the_date_picker_pauses_nothing() = phoneTest {
        setContent { ResetApp(app.graph, SecureWindow.None, AppNavigator(Destination.Reminders), dark = false) }
        awaitLoaded()
        onNodeWithContentDescription(Strings.pauseUntilFor("Check-in")).performScrollTo().performClick()
        waitForIdle()
        onNodeWithText(Strings.cancel).performClick()
        waitForIdle()
        assertEquals(0, onAllNodesWithText(Strings.pauseDateTitle).fetchSemanticsNodes().size)
        assertEquals(true, rules().all { it.pausedUntil == null })
    }

    @Test
    fun weekdays_with_quiet_hours_are_stored_by_the_core() = phoneTest {
        setContent { ResetApp(app.graph, SecureWindow.None, AppNavigator(Destination.Reminders), dark = false) }
        awaitLoaded()
        onNodeWithText(Strings.activityName(ActivityKind.JOURNAL)).performScrollTo().performClick()
        onNode(hasSetTextAction() and hasText(Strings.time)).performScrollTo().performTextReplacement("18:30")
        onNodeWithText("Sat").performScrollTo().performClick()
        onNodeWithText("Sun").performScrollTo().performClick()
        onNodeWithText(Strings.weekdays).assertIsDisplayed()
        onNode(hasSetTextAction() and hasText(Strings.quietFrom)).performScrollTo().performTextReplacement("22:00")
        onNode(hasSetTextAction() and hasText(Strings.quietTo)).performScrollTo().performTextReplacement("07:00")
        onAllNodesWithText(Strings.addReminder).fetchSemanticsNodes().size.let { assertEquals(2, it) } // card title + button
        onAllNodesWithText(Strings.addReminder)[1].performScrollTo().performClick()
        waitUntil(timeoutMillis = 10_000) { rules().any { it.kind == ActivityKind.JOURNAL } }
        val rule = rules().single { it.kind == ActivityKind.JOURNAL }
        assertEquals(listOf(LocalTime.parse("18:30")), rule.times)
        assertEquals(ReminderDays.Weekdays, rule.days)
        assertEquals(QuietHours(LocalTime.parse("22:00"), LocalTime.parse("07:00")), rule.quietHours)
    }
}
