package app.resetcompanion.app.ui

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.onAllNodesWithTag
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.onNodeWithText
import app.resetcompanion.presentation.SecureWindow
import org.junit.Assert.assertTrue
import org.junit.Test

/**
 * New-user review F30 on the Android screens: outside every covered region the "Get help now"
 * screen says, before the lines, that they are another country's; in a covered region it does not.
 */
@OptIn(ExperimentalTestApi::class)
class CrisisRegionNoticeTest {
    private fun showCrisis(zone: String, destination: Destination = Destination.Crisis, check: androidx.compose.ui.test.SkikoComposeUiTest.() -> Unit) {
        SeededApp(seed = false, zone = zone).use { app ->
            phoneTest {
                setContent { ResetApp(app.graph, SecureWindow.None, AppNavigator(destination), PlatformActions(), dark = false) }
                awaitLoaded()
                check()
            }
        }
    }

    @Test
    fun outside_every_covered_region_the_lines_are_named_as_another_countrys() = showCrisis("Australia/Sydney") {
        onNodeWithTag(CRISIS_REGION_NOTICE_TAG).assertIsDisplayed()
        onNodeWithText("We don't have crisis lines for where you are", substring = true).assertIsDisplayed()
        onNodeWithText("Lines for United Kingdom (not your region)").assertExists()
        assertTrue("the lines are still listed", onAllNodesWithText("Samaritans").fetchSemanticsNodes().isNotEmpty())
    }

    /** New-user review 3, F6: the safety plan screen lists crisis lines too, with the same notice. */
    @Test
    fun the_safety_plan_screen_names_its_lines_as_another_countrys_outside_every_covered_region() = showCrisis("Australia/Sydney", Destination.SafetyPlan) {
        onNodeWithTag(CRISIS_REGION_NOTICE_TAG).assertExists()
        onNodeWithText("We don't have crisis lines for where you are", substring = true).assertExists()
        onNodeWithText("Lines for United Kingdom (not your region)").assertExists()
    }

    @Test
    fun in_a_covered_region_there_is_no_notice() = showCrisis("Europe/Dublin") {
        assertTrue(onAllNodesWithTag(CRISIS_REGION_NOTICE_TAG).fetchSemanticsNodes().isEmpty())
        onNodeWithText("Lines for Ireland").assertExists()
    }
}
