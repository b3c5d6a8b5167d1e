package app.resetcompanion.app.ui

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import app.resetcompanion.core.checkIns
import app.resetcompanion.core.model.EmotionLabel
import app.resetcompanion.core.model.LifeArea
import app.resetcompanion.presentation.SecureWindow
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Test

/** A check-in by taps, from Today and back: the core stores it and Today's card updates. */
@OptIn(ExperimentalTestApi::class)
class CheckInFlowTest {
    private val app = SeededApp()

    @After
    fun close() = app.close()

    @Test
    fun a_check_in_made_by_taps_is_stored_and_today_reloads() = phoneTest {
        setContent { ResetApp(app.graph, SecureWindow.None, AppNavigator(), dark = false) }
        awaitLoaded()
        onNodeWithText(Strings.checkedIn(1)).assertIsDisplayed()

        onNodeWithText(Strings.checkInAgain).performClick()
        awaitLoaded()
        onNodeWithText(Strings.next).assertIsNotEnabled() // a mood is required first
        onNodeWithText("3 · ${Strings.moodWords[2]}").performClick()
        onNodeWithText(Strings.next).performClick()
        onNodeWithText("Anxious").performScrollTo().performClick()
        onNodeWithText(Strings.next).performScrollTo().performClick()
        onNodeWithText("Work").performScrollTo().performClick()
        onNodeWithText(Strings.next).performScrollTo().performClick()
        onNodeWithText(Strings.saveCheckIn).performClick()
        waitUntil(timeoutMillis = 10_000) { onAllNodesWithText(Strings.checkInSaved).fetchSemanticsNodes().isNotEmpty() }

        val stored = runBlocking { app.store.checkIns() }.first { it.mood == 3 }
        assertEquals(listOf(EmotionLabel.ANXIOUS), stored.labels)
        assertEquals(listOf(LifeArea.WORK), stored.areas)

        onNodeWithText(Strings.done).performClick()
        awaitLoaded()
        waitUntil(timeoutMillis = 10_000) { onAllNodesWithText(Strings.checkedIn(2)).fetchSemanticsNodes().isNotEmpty() }
    }
}
