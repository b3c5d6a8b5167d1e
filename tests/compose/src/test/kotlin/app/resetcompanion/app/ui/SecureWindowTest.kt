package app.resetcompanion.app.ui

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.hasClickAction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Test

/** FLAG_SECURE is on exactly while a journal, thought-record or questionnaire screen is shown. */
@OptIn(ExperimentalTestApi::class)
class SecureWindowTest {
    private val app = SeededApp()

    @After
    fun close() = app.close()

    @Test
    fun journal_is_secure_while_shown_and_released_when_left() = phoneTest {
        val window = RecordingSecureWindow()
        setContent { ResetApp(app.graph, window, AppNavigator(), dark = false) }
        awaitLoaded()
        assertEquals(emptyList<Boolean>(), window.calls)

        onNode(hasText(Strings.tabJournal) and hasClickAction()).performClick()
        awaitLoaded()
        assertEquals(listOf(true), window.calls)

        // The editor replaces the list: the list releases, the editor takes it again.
        onNodeWithText(Strings.newThoughtRecord).performClick()
        awaitLoaded()
        assertEquals(listOf(true, false, true), window.calls)

        onNodeWithContentDescription(Strings.back).performClick()
        awaitLoaded()
        onNode(hasText(Strings.tabToday) and hasClickAction()).performClick()
        awaitLoaded()
        // Whatever the order of hand-overs, the window ends NOT secure once Today shows.
        assertEquals(false, window.calls.last())
        assertEquals(window.calls.count { it }, window.calls.count { !it })
    }

    @Test
    fun today_and_settings_are_not_secure() = phoneTest {
        val window = RecordingSecureWindow()
        setContent { ResetApp(app.graph, window, AppNavigator(Destination.Settings), dark = false) }
        awaitLoaded()
        assertEquals(emptyList<Boolean>(), window.calls)
    }
}
