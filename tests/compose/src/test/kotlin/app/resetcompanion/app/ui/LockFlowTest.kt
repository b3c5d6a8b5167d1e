package app.resetcompanion.app.ui

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import app.resetcompanion.core.LockClock
import app.resetcompanion.core.appLockSettings
import app.resetcompanion.core.model.ClockReading
import app.resetcompanion.core.model.LockPolicy
import app.resetcompanion.core.model.LockSettings
import app.resetcompanion.core.saveSafetyPlan
import app.resetcompanion.core.setAppLockSettings
import app.resetcompanion.presentation.AppLockViewModel
import app.resetcompanion.presentation.AuthAvailability
import app.resetcompanion.presentation.AuthOutcome
import app.resetcompanion.presentation.DeviceAuthenticator
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test

/** The app lock as rendered: nothing personal while locked, crisis lines always, the plan by choice (issue 20). */
@OptIn(ExperimentalTestApi::class)
class LockFlowTest {
    private val app = SeededApp()
    private val answers = ArrayDeque<AuthOutcome>()
    private var available = AuthAvailability.AVAILABLE
    private val authenticator = object : DeviceAuthenticator {
        override fun availability() = available
        override fun deviceSecure() = available != AuthAvailability.NO_DEVICE_CREDENTIAL
        override suspend fun authenticate() = answers.removeFirstOrNull() ?: AuthOutcome.CANCELLED
    }
    private val clock = object : LockClock {
        override fun now() = ClockReading(java.time.Instant.ofEpochMilli(NOW_MS), java.time.Duration.ofMillis(1_000_000))
    }

    @After
    fun close() = app.close()

    private fun lock(settings: LockSettings): AppLockViewModel {
        runBlocking {
            app.store.setAppLockSettings(settings)
            app.store.saveSafetyPlan(seededPlan())
        }
        return app.graph.appLock(authenticator, clock)
    }

    private fun androidx.compose.ui.test.SkikoComposeUiTest.show(lock: AppLockViewModel, window: RecordingSecureWindow = RecordingSecureWindow()) {
        setContent { ResetApp(app.graph, window, AppNavigator(Destination.Journal), dark = false, lock = lock) }
        awaitLoaded()
    }

    @Test
    fun locked_shows_nothing_personal_and_unlocks_after_authenticating() = phoneTest {
        val window = RecordingSecureWindow()
        show(lock(LockSettings(LockPolicy.IMMEDIATELY, false)), window)
        onNodeWithText(Strings.lockedTitle).assertIsDisplayed()
        assertEquals(0, onAllNodesWithText("Presentation at work", substring = true).fetchSemanticsNodes().size)
        assertEquals(0, onAllNodesWithText(Strings.safetyPlanLink).fetchSemanticsNodes().size)
        assertTrue("kept out of the app switcher", synchronized(window.calls) { window.calls.lastOrNull() } == true)
        saveScreenshot("app-locked")

        answers += AuthOutcome.FAILED
        onNodeWithText(Strings.unlock).performClick()
        waitForIdle()
        onNodeWithText(Strings.noticeAuthFailed).assertIsDisplayed()
        onNodeWithText(Strings.failedAttempts(1)).assertIsDisplayed()

        answers += AuthOutcome.SUCCEEDED
        onNodeWithText(Strings.unlock).performClick()
        awaitLoaded()
        onNodeWithText("Presentation at work", substring = true).assertIsDisplayed()
    }

    @Test
    fun back_while_locked_never_pops_the_hidden_screens_and_leaves_the_crisis_page_for_the_lock_page() = phoneTest {
        // Review 3, F1: MainActivity routes the system Back to navigator.back() while canGoBack.
        val navigator = AppNavigator(Destination.Journal)
        navigator.navigate(Destination.ThoughtRecord())
        navigator.current.memory["draft"] = "half a thought record"
        val lock = lock(LockSettings(LockPolicy.IMMEDIATELY, false))
        setContent { ResetApp(app.graph, RecordingSecureWindow(), navigator, dark = false, lock = lock) }
        awaitLoaded()
        onNodeWithText(Strings.lockedTitle).assertIsDisplayed()
        assertFalse("on the lock page Back is the system's (leaves the app)", runOnIdle { navigator.canGoBack })
        assertFalse(runOnIdle { navigator.back() })
        assertEquals(2, navigator.saved().size)
        assertEquals("half a thought record", navigator.current.memory["draft"])

        onNodeWithTag(CRISIS_ACTION_TAG).performClick()
        awaitLoaded()
        assertTrue(runOnIdle { navigator.canGoBack })
        assertTrue(runOnIdle { navigator.back() })
        awaitLoaded()
        onNodeWithText(Strings.lockedTitle).assertIsDisplayed()
        assertEquals(2, navigator.saved().size)

        answers += AuthOutcome.SUCCEEDED
        onNodeWithText(Strings.unlock).performClick()
        awaitLoaded()
        assertEquals(Destination.ThoughtRecord(), navigator.current.destination)
        assertEquals("half a thought record", navigator.current.memory["draft"])
        assertTrue("unlocked: Back works on the stack again", runOnIdle { navigator.canGoBack })
    }

    @Test
    fun crisis_lines_are_reachable_while_locked_but_the_plan_stays_hidden_unless_chosen() = phoneTest {
        show(lock(LockSettings(LockPolicy.IMMEDIATELY, false)))
        onNodeWithTag(CRISIS_ACTION_TAG).performClick()
        awaitLoaded()
        onNodeWithText(Strings.crisisIntro).assertIsDisplayed()
        onNodeWithText("Samaritans", substring = true).assertExists()
        assertEquals(0, onAllNodesWithText("• Walk round the block").fetchSemanticsNodes().size)
        assertEquals(0, onAllNodesWithText(Strings.safetyPlanAfterLines).fetchSemanticsNodes().size)
    }

    @Test
    fun the_plan_is_readable_while_locked_when_the_person_chose_so() = phoneTest {
        show(lock(LockSettings(LockPolicy.IMMEDIATELY, true)))
        onNodeWithTag(CRISIS_ACTION_TAG).performClick()
        awaitLoaded()
        onNodeWithText("• Walk round the block").assertExists()
        onNodeWithTag(CRISIS_ACTION_TAG).assertExists()
        assertEquals("no edit while locked", 0, onAllNodesWithText(Strings.safetyPlanEdit).fetchSemanticsNodes().size)
        saveScreenshot("app-locked-crisis-plan")
    }

    @Test
    fun turning_the_lock_on_from_settings_needs_a_successful_authentication() {
        val lock = app.graph.appLock(authenticator, clock)
        phoneTest {
            setContent { ResetApp(app.graph, RecordingSecureWindow(), AppNavigator(Destination.AppLock), dark = false, lock = lock) }
            awaitLoaded()
            answers += AuthOutcome.CANCELLED
            onNodeWithText(policyLabel(LockPolicy.AFTER_ONE_MINUTE)).performScrollTo().performClick()
            waitForIdle()
            assertEquals(LockPolicy.OFF, runBlocking { app.store.appLockSettings() }.policy)
            answers += AuthOutcome.SUCCEEDED
            onNodeWithText(policyLabel(LockPolicy.AFTER_ONE_MINUTE)).performScrollTo().performClick()
            waitUntil(timeoutMillis = 10_000) { runBlocking { app.store.appLockSettings() }.policy == LockPolicy.AFTER_ONE_MINUTE }
            saveScreenshot("app-lock-settings")
        }
    }

    @Test
    fun a_phone_without_a_screen_lock_is_told_so() {
        available = AuthAvailability.NO_DEVICE_CREDENTIAL
        val lock = app.graph.appLock(authenticator, clock)
        phoneTest {
            setContent { ResetApp(app.graph, RecordingSecureWindow(), AppNavigator(Destination.AppLock), dark = false, lock = lock) }
            awaitLoaded()
            onNodeWithText(policyLabel(LockPolicy.IMMEDIATELY)).performScrollTo().performClick()
            waitForIdle()
            onNodeWithText(Strings.noticeNoCredential).assertIsDisplayed()
            assertEquals(LockPolicy.OFF, runBlocking { app.store.appLockSettings() }.policy)
        }
    }
}
