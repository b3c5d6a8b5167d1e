package app.resetcompanion.app.ui

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.onAllNodesWithContentDescription
import app.resetcompanion.presentation.SecureWindow
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Test

/** TalkBack hears the timer once a minute, from one node (review A11). */
@OptIn(ExperimentalTestApi::class)
class MeditationSpeechTest {
    private val app = SeededApp(seed = false)

    @After
    fun close() = app.close()

    @Test
    fun the_spoken_time_changes_only_on_whole_minutes() {
        assertEquals(Strings.remaining("5 minutes"), spokenRemaining(5 * 60_000L))
        assertEquals(Strings.remaining("5 minutes"), spokenRemaining(4 * 60_000L + 1))
        assertEquals(Strings.remaining("4 minutes"), spokenRemaining(4 * 60_000L))
        assertEquals(Strings.remaining("2 minutes"), spokenRemaining(60_001))
        assertEquals(Strings.lastMinute, spokenRemaining(60_000))
        assertEquals(Strings.lastMinute, spokenRemaining(1))
        assertEquals(Strings.timeUp, spokenRemaining(0))
    }

    @Test
    fun the_time_left_is_exposed_once_not_on_the_ring_too() = phoneTest {
        setContent { ResetApp(app.graph, SecureWindow.None, AppNavigator(Destination.Meditation()), dark = false) }
        awaitLoaded()
        // Set-up shows the chosen length (10 minutes by default) as the time left.
        val spoken = onAllNodesWithContentDescription("minutes remaining", substring = true).fetchSemanticsNodes()
        assertEquals(1, spoken.size)
    }
}
