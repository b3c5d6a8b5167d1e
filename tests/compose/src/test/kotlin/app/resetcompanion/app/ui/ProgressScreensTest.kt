package app.resetcompanion.app.ui

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.SkikoComposeUiTest
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import app.resetcompanion.core.answersOf
import app.resetcompanion.core.checkIns
import app.resetcompanion.core.logPractice
import app.resetcompanion.core.model.Answer
import app.resetcompanion.core.model.PracticeTechnique
import app.resetcompanion.core.parse
import app.resetcompanion.core.practiceSummary
import app.resetcompanion.core.takeAssessment
import app.resetcompanion.presentation.SecureWindow
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import java.time.Instant

/** Insights, check-in history, questionnaire history and practice, driven by taps over a real store. */
@OptIn(ExperimentalTestApi::class)
class ProgressScreensTest {
    private val app = SeededApp()

    @After
    fun close() = app.close()

    private fun open(d: Destination, block: SkikoComposeUiTest.() -> Unit) = phoneTest {
        setContent { ResetApp(app.graph, SecureWindow.None, AppNavigator(d), dark = false) }
        awaitLoaded()
        block()
    }

    @Test
    fun the_mood_calendar_reads_each_day_in_words() = open(Destination.Insights) {
        // The seeded check-in: mood 5 on Wednesday 24 March, in London.
        onNodeWithContentDescription(Strings.moodDay("2027-03-24", Strings.moodWords[4], 1u)).assertIsDisplayed()
        onNodeWithContentDescription(Strings.noMoodDay("2027-03-23")).assertExists()
    }

    @Test
    fun a_check_in_deleted_from_history_is_gone_from_the_store() = open(Destination.CheckInHistory) {
        val time = wallClock(runBlocking { app.store.checkIns() }.single().captured)
        onNodeWithText("Slept well").assertIsDisplayed()
        onNodeWithContentDescription(Strings.deleteCheckIn(time)).performClick()
        onNodeWithText(Strings.deleteCheckInQuestion).assertIsDisplayed()
        assertEquals("one tap deletes nothing", 1, runBlocking { app.store.checkIns() }.size)
        onNodeWithText(Strings.deleteConfirm).performClick()
        waitUntil(timeoutMillis = 10_000) { onAllNodesWithText(Strings.noCheckInsYet).fetchSemanticsNodes().isNotEmpty() }
        assertTrue(runBlocking { app.store.checkIns() }.isEmpty())
    }

    @Test
    fun a_reliable_rise_on_one_measure_is_shown_in_words_when_the_combined_indicator_is_not_met() {
        runBlocking {
            val start = Instant.parse("2027-03-01T09:00:00Z")
            app.store.takeAssessment("phq9", answersOf(0, 0, 0, 0, 0, 0, 0, 0, 0), at = start)
            app.store.takeAssessment("gad7", answersOf(2, 2, 2, 2, 2, 2, 2), at = start)
            app.store.takeAssessment("phq9", answersOf(3, 3, 3, 0, 0, 0, 0, 0, 0))
            app.store.takeAssessment("gad7", answersOf(0, 0, 0, 0, 0, 0, 0))
        }
        open(Destination.AssessmentHistory) {
            onNodeWithText(Strings.indicator("Reliable deterioration", false)).assertIsDisplayed()
            onNodeWithText("PHQ-9 rose by 9 points since the start of this episode", substring = true).assertIsDisplayed()
        }
    }

    @Test
    fun the_outcome_indicators_are_words_with_icons_and_filtering_narrows_the_list() {
        runBlocking {
            val start = Instant.parse("2027-03-01T09:00:00Z")
            app.store.takeAssessment("phq9", Answer.parse("2,2,2,2,2,2,2,2,0"), at = start)
            app.store.takeAssessment("gad7", answersOf(2, 2, 2, 2, 1, 1, 1), at = start)
            app.store.takeAssessment("phq9", answersOf(1, 1, 1, 0, 0, 0, 0, 0, 0))
            app.store.takeAssessment("gad7", answersOf(1, 1, 0, 0, 0, 0, 0))
        }
        open(Destination.AssessmentHistory) {
            onNodeWithText("PHQ-9: 16 → 3 (2 questionnaires)").assertIsDisplayed()
            onNodeWithText(Strings.indicator("Reliable recovery", true)).assertIsDisplayed()
            onNodeWithText(Strings.indicator("Reliable deterioration", false)).assertIsDisplayed()
            saveScreenshot("assessment-history-outcome")
            assertEquals(3, onAllNodesWithText("GAD-7").fetchSemanticsNodes().size) // the filter chip and two records
            onAllNodesWithText("PHQ-9")[0].performScrollTo().performClick()
            awaitLoaded()
            assertEquals(1, onAllNodesWithText("GAD-7").fetchSemanticsNodes().size) // only the chip remains
        }
    }

    @Test
    fun hiding_the_streak_removes_it_from_the_screen_and_the_core() {
        runBlocking { app.store.logPractice(PracticeTechnique.BREATHING, minutes = 5, startedAt = Instant.ofEpochMilli(NOW_MS - 30 * 60_000L)) }
        open(Destination.Practice) {
            onNodeWithText("2 days in a row", substring = true).assertIsDisplayed()
            saveScreenshot("practice-streak")
            onNodeWithText(Strings.hideStreak).performClick()
            waitUntil(timeoutMillis = 10_000) { onAllNodesWithText(Strings.streakHiddenNote).fetchSemanticsNodes().isNotEmpty() }
            assertEquals(0, onAllNodesWithText("in a row", substring = true).fetchSemanticsNodes().size)
            assertTrue(runBlocking { app.store.practiceSummary() }.streakHidden)
        }
    }
}
