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

/**
 * FLAG_SECURE is on exactly while a screen showing the person's own data is shown (Today,
 * check-in, journal, thought record, questionnaire, meditation, reminders, export, backup) and
 * off on the catalogue, settings and crisis screens.
 */
@OptIn(ExperimentalTestApi::class)
class SecureWindowTest {
    private val app = SeededApp()

    @After
    fun close() = app.close()

    /** How many secure holds are open now. */
    private fun RecordingSecureWindow.held() = synchronized(calls) { calls.count { it } - calls.count { !it } }

    @Test
    fun journal_is_secure_while_shown_and_released_when_left() = phoneTest {
        val window = RecordingSecureWindow()
        setContent { ResetApp(app.graph, window, AppNavigator(Destination.Programmes), dark = false) }
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
        onNode(hasText(Strings.tabProgrammes) and hasClickAction()).performClick()
        awaitLoaded()
        // Whatever the order of hand-overs, the window ends NOT secure once the catalogue shows.
        assertEquals(false, window.calls.last())
        assertEquals(0, window.held())
    }

    @Test
    fun settings_is_not_secure() = phoneTest {
        val window = RecordingSecureWindow()
        setContent { ResetApp(app.graph, window, AppNavigator(Destination.Settings), dark = false) }
        awaitLoaded()
        assertEquals(emptyList<Boolean>(), window.calls)
    }

    @Test
    fun every_screen_with_personal_data_is_secure_and_the_rest_are_not() = phoneTest {
        val window = RecordingSecureWindow()
        val nav = AppNavigator(Destination.Settings)
        setContent { ResetApp(app.graph, window, nav, dark = false) }
        awaitLoaded()
        val personal = listOf(
            Destination.Today, Destination.CheckIn, Destination.Journal, Destination.ThoughtRecord(),
            Destination.Assessment(), Destination.Meditation(), Destination.Reminders, Destination.Export, Destination.Backup,
        )
        for (d in personal) {
            runOnIdle { nav.open(d) }
            awaitLoaded()
            assertEquals("$d is secure", 1, window.held())
            runOnIdle { nav.selectTab(Destination.Settings) }
            awaitLoaded()
            assertEquals("released after $d", 0, window.held())
        }
        for (d in listOf(Destination.Programmes, Destination.Crisis)) {
            runOnIdle { nav.open(d) }
            awaitLoaded()
            assertEquals("$d is not secure", 0, window.held())
        }
    }
}
