package app.resetcompanion.app.ui

import androidx.compose.ui.semantics.getOrNull
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.hasContentDescription
import androidx.compose.ui.test.hasSetTextAction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextReplacement
import app.resetcompanion.core.model.SafetyContact
import app.resetcompanion.core.safetyPlan
import app.resetcompanion.core.safetyPlanHistory
import app.resetcompanion.core.saveSafetyPlan
import app.resetcompanion.presentation.SecureWindow
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test

/** The safety plan written, read, called from and revised by taps over a real store (issue 20). */
@OptIn(ExperimentalTestApi::class)
class SafetyPlanScreensTest {
    private val app = SeededApp()
    private val opened = mutableListOf<String>()

    @After
    fun close() = app.close()

    private fun androidx.compose.ui.test.SkikoComposeUiTest.show(navigator: AppNavigator) {
        setContent {
            ResetApp(
                app.graph,
                SecureWindow.None,
                navigator,
                PlatformActions(contact = {
                    opened += it
                    true
                }),
                dark = false,
            )
        }
        awaitLoaded()
    }

    @Test
    fun a_first_plan_written_by_taps_is_saved_and_read_back() = phoneTest {
        val navigator = AppNavigator(Destination.SafetyPlan)
        show(navigator)
        onNodeWithText(Strings.safetyPlanNone).assertIsDisplayed()
        onNodeWithText(Strings.safetyPlanStart).performScrollTo().performClick()
        awaitLoaded()
        onNode(hasSetTextAction() and hasContentDescription("My warning signs, 1")).performScrollTo().performTextReplacement("Not sleeping")
        // The first "People I can ask for help" contact (step 4 comes before step 5's).
        onAllNodes(hasSetTextAction() and hasText(Strings.contactName))[0].performScrollTo().performTextReplacement("Sam")
        onAllNodes(hasSetTextAction() and hasText(Strings.contactPhone))[0].performScrollTo().performTextReplacement("07700 900123")
        saveScreenshot("safety-plan-edit-first")
        onNodeWithText(Strings.safetyPlanSave).performScrollTo().performClick()
        waitUntil(timeoutMillis = 10_000) { navigator.current.destination == Destination.SafetyPlan }
        awaitLoaded()
        val stored = runBlocking { app.store.safetyPlan() }!!
        assertEquals(listOf("Not sleeping"), stored.steps.warningSigns)
        assertEquals(listOf(SafetyContact("Sam", "07700 900123", null, null)), stored.steps.supportContacts)
        onNodeWithText("• Not sleeping").assertIsDisplayed()
    }

    @Test
    fun a_contact_is_one_tap_from_the_dialler_or_a_new_message() {
        runBlocking { app.store.saveSafetyPlan(seededPlan()) }
        phoneTest {
            show(AppNavigator(Destination.SafetyPlan))
            saveScreenshot("safety-plan-contacts")
            onNodeWithContentDescription(Strings.callContact("Sam")).performScrollTo().performClick()
            onNodeWithContentDescription(Strings.messageContact("Sam")).performScrollTo().performClick()
            assertEquals(listOf("tel:07700900123", "smsto:07700900123"), opened)
        }
    }

    @Test
    fun the_history_lists_every_version_and_opens_an_earlier_one() {
        runBlocking {
            app.store.saveSafetyPlan(seededPlan("Music"))
            app.store.saveSafetyPlan(seededPlan("A cold shower"))
        }
        phoneTest {
            show(AppNavigator(Destination.SafetyPlanHistory))
            assertEquals(2, onAllNodesWithText("Version ", substring = true).fetchSemanticsNodes().size)
            onNodeWithText(Strings.safetyPlanCurrent).assertIsDisplayed()
            saveScreenshot("safety-plan-versions")
            // Review 2, B12: each row names its action and role for TalkBack.
            for (n in listOf(1u, 2u)) {
                onNode(
                    androidx.compose.ui.test.SemanticsMatcher("reads version $n") {
                        it.config.getOrNull(androidx.compose.ui.semantics.SemanticsActions.OnClick)?.label == Strings.safetyPlanReadVersion(n) &&
                            it.config.getOrNull(androidx.compose.ui.semantics.SemanticsProperties.Role) == androidx.compose.ui.semantics.Role.Button
                    },
                ).assertExists()
            }
            onNodeWithText("Version 1, saved", substring = true).performClick()
            waitForIdle()
            onNodeWithText("• Music").assertExists()
            assertEquals(0, onAllNodesWithText("• A cold shower").fetchSemanticsNodes().size)
        }
        assertEquals(2, runBlocking { app.store.safetyPlanHistory() }.size)
    }

    @Test
    fun the_crisis_screen_shows_the_lines_first_then_the_plan() {
        runBlocking { app.store.saveSafetyPlan(seededPlan()) }
        phoneTest {
            show(AppNavigator(Destination.Crisis))
            val lines = onAllNodesWithText("Samaritans", substring = true).fetchSemanticsNodes().first().positionInRoot.y
            val heading = onNodeWithText(Strings.safetyPlanAfterLines).fetchSemanticsNode().positionInRoot.y
            assertTrue(heading > lines)
            onNodeWithText("• Walk round the block").assertExists()
            onNodeWithContentDescription(Strings.callContact("Sam")).performScrollTo().performClick()
            assertEquals(listOf("tel:07700900123"), opened)
        }
    }

    @Test
    fun a_revision_started_before_another_save_asks_before_saving_and_can_still_be_saved() {
        runBlocking { app.store.saveSafetyPlan(seededPlan()) }
        phoneTest {
            val navigator = AppNavigator(Destination.SafetyPlanEdit)
            show(navigator)
            onNode(hasSetTextAction() and hasContentDescription("My warning signs, 1")).performScrollTo().performTextReplacement("Not eating")
            // Meanwhile another editor (Crisis → "Edit my plan") saved version 2.
            runBlocking { app.store.saveSafetyPlan(seededPlan()) }
            onNodeWithText(Strings.safetyPlanSave).performScrollTo().performClick()
            waitUntil(timeoutMillis = 10_000) { onAllNodesWithText(Strings.safetyPlanNewerTitle).fetchSemanticsNodes().isNotEmpty() }
            onNodeWithText(Strings.safetyPlanNewerExplain(2u)).assertIsDisplayed()
            assertEquals("nothing saved before the person chooses", 2, runBlocking { app.store.safetyPlanHistory() }.size)
            onNodeWithText(Strings.safetyPlanSaveMine).performClick()
            waitUntil(timeoutMillis = 10_000) {
                navigator.current.destination != Destination.SafetyPlanEdit ||
                    runBlocking { app.store.safetyPlanHistory() }.size == 3
            }
            val newest = runBlocking { app.store.safetyPlan() }!!
            assertEquals(3u, newest.version)
            assertEquals("Not eating", newest.steps.warningSigns.first())
        }
    }
}
