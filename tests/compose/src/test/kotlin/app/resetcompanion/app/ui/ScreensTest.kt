package app.resetcompanion.app.ui

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.isHeading
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import app.resetcompanion.core.model.JournalKind
import app.resetcompanion.core.saveSafetyPlan
import app.resetcompanion.presentation.SecureWindow
import kotlinx.coroutines.runBlocking
import org.junit.AfterClass
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.BeforeClass
import org.junit.Test

/** Every screen renders over real view models; the rules that hold on every screen. */
@OptIn(ExperimentalTestApi::class)
class ScreensTest {
    companion object {
        private lateinit var app: SeededApp

        /** Every destination, as the app opens it. */
        val ALL: List<Destination> = listOf(
            Destination.Today, Destination.CheckIn, Destination.Journal, Destination.ThoughtRecord(),
            Destination.Assessment(), Destination.Programmes, Destination.ProgrammeStep("day-1"), Destination.Meditation(),
            Destination.Reminders, Destination.Export, Destination.Backup, Destination.Settings, Destination.Crisis,
            Destination.Insights, Destination.CheckInHistory, Destination.AssessmentHistory, Destination.Practice,
            Destination.JournalEntry(JournalKind.EXPOSURE),
            Destination.SafetyPlan, Destination.SafetyPlanEdit, Destination.SafetyPlanHistory, Destination.AppLock,
            Destination.Privacy, Destination.AutoBackup,
        )

        /** A line of the seeded safety plan, to find it below the crisis lines. */
        const val PLAN_LINE = "Walk round the block"

        @BeforeClass @JvmStatic
        fun open() {
            app = SeededApp()
            runBlocking { app.store.saveSafetyPlan(seededPlan(PLAN_LINE)) }
        }

        @AfterClass @JvmStatic
        fun close() = app.close()
    }

    private fun render(destination: Destination, fontScale: Float = 1f, block: androidx.compose.ui.test.SkikoComposeUiTest.() -> Unit) = phoneTest(fontScale) {
        setContent { ResetApp(app.graph, SecureWindow.None, AppNavigator(destination), dark = false) }
        awaitLoaded()
        block()
    }

    @Test
    fun every_screen_renders_its_title_and_the_crisis_action() {
        for (d in ALL) {
            render(d) {
                onNode(hasText(d.title) and isHeading()).assertIsDisplayed()
                onNodeWithTag(CRISIS_ACTION_TAG).assertIsDisplayed()
            }
        }
    }

    @Test
    fun the_crisis_action_opens_the_crisis_lines_then_the_safety_plan_from_every_screen() {
        for (d in ALL.filter { it != Destination.Crisis }) {
            render(d) {
                onNodeWithTag(CRISIS_ACTION_TAG).performClick()
                awaitLoaded()
                onNodeWithText(Strings.crisisIntro).assertIsDisplayed()
                // The profile's zone is London, so the core picks the UK resources (clinical.md).
                val lines = onAllNodesWithText("Samaritans", substring = true).fetchSemanticsNodes()
                assertTrue("crisis lines from ${d.title}", lines.isNotEmpty())
                // One action: the person's own plan is on the same screen, after the lines.
                val plan = onNodeWithText("• $PLAN_LINE").assertExists().fetchSemanticsNode()
                assertTrue(
                    "the plan (${plan.positionInRoot.y}) follows the lines (${lines.map { it.positionInRoot.y }}) on ${d.title}",
                    lines.all {
                        plan.positionInRoot.y >
                            it.positionInRoot.y
                    },
                )
            }
        }
    }

    @Test
    fun every_control_has_text_or_a_content_description() {
        for (d in ALL) {
            render(d) {
                val unlabelled = onAllNodes(isUnlabelledControl).fetchSemanticsNodes()
                assertEquals("unlabelled controls on ${d.title}: ${unlabelled.map { it.config }}", 0, unlabelled.size)
            }
        }
    }

    @Test
    fun key_text_is_still_displayed_at_font_scale_two() {
        render(Destination.Today, fontScale = 2f) {
            onNodeWithText(Strings.checkInCardTitle).assertIsDisplayed()
            onNodeWithText(Strings.crisisAction).assertIsDisplayed()
            onNodeWithText(Strings.checkedIn(1)).assertIsDisplayed()
        }
        render(Destination.Crisis, fontScale = 2f) {
            onNodeWithText(Strings.crisisIntro).assertIsDisplayed()
        }
    }

    @Test
    fun today_shows_the_seeded_check_in_programme_step_and_practice() {
        render(Destination.Today) {
            onNodeWithText(Strings.checkedIn(1)).assertIsDisplayed()
            onNodeWithText("10 min this week", substring = true).assertExists()
            onNodeWithText(Strings.openStep).assertExists()
        }
    }

    @Test
    fun the_privacy_screen_says_what_stays_on_the_phone_and_what_health_connect_gets() {
        render(Destination.Privacy) {
            onNodeWithText("Everything stays on this phone").assertIsDisplayed()
            onNodeWithText("Health Connect").assertExists()
        }
    }

    @Test
    fun journal_lists_entries_and_search_marks_the_match() {
        render(Destination.Journal) {
            onNodeWithText("Presentation at work", substring = true).assertIsDisplayed()
            onNodeWithText(Strings.sharedWithTherapist).assertExists()
        }
        assertTrue(highlighted("a [walk] by").text == "a walk by")
    }
}
