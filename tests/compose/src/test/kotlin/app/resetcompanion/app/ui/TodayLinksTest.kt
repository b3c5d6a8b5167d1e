package app.resetcompanion.app.ui

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import app.resetcompanion.presentation.SecureWindow
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Test

/** Today links to the progress screens: each link opens its screen over Today, and back returns. */
@OptIn(ExperimentalTestApi::class)
class TodayLinksTest {
    private val app = SeededApp()

    @After
    fun close() = app.close()

    @Test
    fun each_progress_link_on_today_opens_its_screen() = phoneTest {
        val navigator = AppNavigator()
        setContent { ResetApp(app.graph, SecureWindow.None, navigator, dark = false) }
        awaitLoaded()
        val links = listOf(
            Strings.checkInHistoryLink to Destination.CheckInHistory,
            Strings.practiceSummaryLink to Destination.Practice,
            Strings.assessmentHistoryLink to Destination.AssessmentHistory,
            Strings.insightsLink to Destination.Insights,
        )
        for ((label, destination) in links) {
            onNodeWithText(label).performScrollTo().performClick()
            awaitLoaded()
            assertEquals(label, destination, navigator.current.destination)
            onNodeWithText(destination.title).assertExists()
            runOnIdle { navigator.back() }
            awaitLoaded()
            assertEquals(Destination.Today, navigator.current.destination)
        }
    }
}
