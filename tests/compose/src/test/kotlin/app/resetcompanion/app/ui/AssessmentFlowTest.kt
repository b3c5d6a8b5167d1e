package app.resetcompanion.app.ui

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.SkikoComposeUiTest
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import app.resetcompanion.core.assessmentCatalogue
import app.resetcompanion.presentation.SecureWindow
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test

/**
 * The questionnaire screen, driven by taps: a PHQ-9 with item 9 above zero shows the crisis
 * resources and no score until the person acknowledges them (clinical.md: signpost before the
 * score); a low-scoring one goes straight to the score. Scoring itself is the core's.
 */
@OptIn(ExperimentalTestApi::class)
class AssessmentFlowTest {
    private val app = SeededApp(seed = false)
    private val phq9 = assessmentCatalogue().first { it.id == "phq9" }

    @After
    fun close() = app.close()

    private val navigator = AppNavigator(Destination.Assessment("phq9"))

    private fun SkikoComposeUiTest.answerAll(item9: Int) {
        setContent { ResetApp(app.graph, SecureWindow.None, navigator, dark = false) }
        awaitLoaded()
        phq9.items.forEachIndexed { i, _ ->
            val option = phq9.options[if (i == phq9.items.lastIndex) item9 else 0]
            onNodeWithText(Strings.itemOf(i + 1, phq9.items.size)).assertExists()
            onNodeWithText(option.label).performScrollTo().performClick()
            waitForIdle()
        }
        onNodeWithText(Strings.submit).performScrollTo().performClick()
        waitUntil(timeoutMillis = 10_000) {
            onAllNodesWithText(Strings.signpostTitle).fetchSemanticsNodes().isNotEmpty() ||
                onAllNodesWithText(Strings.scoreOf(0u, phq9.maxTotal), substring = true).fetchSemanticsNodes().isNotEmpty()
        }
    }

    @Test
    fun self_harm_answer_shows_the_signpost_before_any_score() = phoneTest {
        answerAll(item9 = 1)
        onNodeWithTag(SIGNPOST_TAG).assertIsDisplayed()
        onNodeWithText(Strings.signpostSelfHarm).assertIsDisplayed()
        saveScreenshot("assessment-signpost")
        onNodeWithText("Samaritans", substring = true).assertExists()
        // No score anywhere in the tree while the signpost is up.
        onNodeWithTag(SCORE_TAG).assertDoesNotExist()
        assertEquals(0, onAllNodesWithText("Score ", substring = true).fetchSemanticsNodes().size)

        onNodeWithText(Strings.signpostContinue).performScrollTo().performClick()
        waitForIdle()
        onNodeWithTag(SCORE_TAG).assertIsDisplayed()
        onNodeWithText(Strings.scoreOf(1u, phq9.maxTotal)).assertIsDisplayed()
        onNodeWithTag(SIGNPOST_TAG).assertDoesNotExist()
        saveScreenshot("assessment-result")
    }

    @Test
    fun the_signpost_offers_the_safety_plan_after_the_crisis_lines() = phoneTest {
        answerAll(item9 = 2)
        val lines = onAllNodesWithText("Samaritans", substring = true).fetchSemanticsNodes().map { it.positionInRoot.y }
        val plan = onNodeWithTag(SIGNPOST_PLAN_TAG).fetchSemanticsNode().positionInRoot.y
        assertTrue("the plan ($plan) comes after the lines ($lines), never instead of them", lines.isNotEmpty() && lines.all { plan > it })
        onNodeWithTag(SIGNPOST_PLAN_TAG).performScrollTo().performClick()
        waitForIdle()
        assertEquals(Destination.SafetyPlan, navigator.current.destination)
    }

    @Test
    fun a_low_score_without_risk_goes_straight_to_the_result() = phoneTest {
        answerAll(item9 = 0)
        onNodeWithTag(SIGNPOST_TAG).assertDoesNotExist()
        onNodeWithText(Strings.scoreOf(0u, phq9.maxTotal)).assertIsDisplayed()
    }
}
