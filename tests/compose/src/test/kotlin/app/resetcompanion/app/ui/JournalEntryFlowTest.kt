package app.resetcompanion.app.ui

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.hasSetTextAction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.onAllNodesWithContentDescription
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextReplacement
import app.resetcompanion.core.journalEntries
import app.resetcompanion.core.model.GratitudeList
import app.resetcompanion.core.model.JournalBody
import app.resetcompanion.core.model.JournalKind
import app.resetcompanion.presentation.SecureWindow
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Test

/** Every journal kind can be started from the journal; a gratitude entry by taps; a saved entry read in full and edited. */
@OptIn(ExperimentalTestApi::class)
class JournalEntryFlowTest {
    private val app = SeededApp()

    @After
    fun close() = app.close()

    private fun entries() = runBlocking { app.store.journalEntries() }

    @Test
    fun a_gratitude_entry_written_by_taps_is_stored_and_read_back() = phoneTest {
        setContent { ResetApp(app.graph, SecureWindow.None, AppNavigator(Destination.Journal), dark = false) }
        awaitLoaded()
        for (kind in JournalKind.entries) onNodeWithText(Strings.newKind(kind)).assertExists()
        onNodeWithText(Strings.newKind(JournalKind.GRATITUDE)).performScrollTo().performClick()
        awaitLoaded()
        onNode(hasSetTextAction() and hasText(Strings.gratitudeItem(1))).performTextReplacement("Morning light")
        onNode(hasSetTextAction() and hasText(Strings.gratitudeItem(3))).performTextReplacement("A friend's message")
        onNodeWithText(Strings.saveEntry).performScrollTo().performClick()
        waitUntil(timeoutMillis = 10_000) { entries().any { it.kind == JournalKind.GRATITUDE } }
        val stored = entries().single { it.kind == JournalKind.GRATITUDE }
        assertEquals(GratitudeList(listOf("Morning light", "A friend's message"), ""), (stored.body as JournalBody.Gratitude).record)
        waitUntil(timeoutMillis = 10_000) { onAllNodesWithText(Strings.editEntry).fetchSemanticsNodes().isNotEmpty() }
        onNodeWithText("A friend's message").assertIsDisplayed()
    }

    @Test
    fun a_free_entry_opens_from_the_list_in_full_and_is_edited() = phoneTest {
        setContent { ResetApp(app.graph, SecureWindow.None, AppNavigator(Destination.Journal), dark = false) }
        awaitLoaded()
        onNodeWithText("A slow walk by the river helped.").performScrollTo().performClick()
        awaitLoaded()
        onNodeWithText("Entry").assertIsDisplayed()
        saveScreenshot("journal-entry-read")
        onNodeWithText(Strings.editEntry).performScrollTo().performClick()
        onNode(hasSetTextAction() and hasText(Strings.entryText)).performTextReplacement("A slow walk by the river helped a lot.")
        onNodeWithText(Strings.saveEntry).performScrollTo().performClick()
        waitUntil(timeoutMillis = 10_000) {
            entries().any { (it.body as? JournalBody.Free)?.record?.text == "A slow walk by the river helped a lot." }
        }
        assertEquals(2, entries().size) // edited in place, not added
    }

    @Test
    fun deleting_from_the_entry_screen_asks_first_then_returns_to_the_journal() = phoneTest {
        val navigator = AppNavigator(Destination.Journal)
        setContent { ResetApp(app.graph, SecureWindow.None, navigator, dark = false) }
        awaitLoaded()
        onNodeWithText("A slow walk by the river helped.").performScrollTo().performClick()
        awaitLoaded()
        onNodeWithText(Strings.deleteEntry).performScrollTo().performClick()
        onNodeWithText(Strings.deleteEntryQuestion).assertIsDisplayed()
        onNodeWithText(Strings.cancel).performClick()
        waitForIdle()
        assertEquals(0, onAllNodesWithText(Strings.deleteEntryQuestion).fetchSemanticsNodes().size)
        assertEquals("cancel keeps it", 2, entries().size)

        onNodeWithText(Strings.deleteEntry).performScrollTo().performClick()
        onNodeWithText(Strings.deleteConfirm).performClick()
        waitUntil(timeoutMillis = 10_000) { navigator.current.destination == Destination.Journal }
        assertEquals(1, entries().size)
        assertEquals(0, entries().count { it.kind == JournalKind.FREE })
    }

    @Test
    fun deleting_from_the_list_asks_first() = phoneTest {
        setContent { ResetApp(app.graph, SecureWindow.None, AppNavigator(Destination.Journal), dark = false) }
        awaitLoaded()
        onAllNodesWithContentDescription(Strings.deleteEntry)[0].performScrollTo().performClick()
        onNodeWithText(Strings.deleteEntryQuestion).assertIsDisplayed()
        assertEquals("one tap deletes nothing", 2, entries().size)
        onNodeWithText(Strings.deleteConfirm).performClick()
        waitUntil(timeoutMillis = 10_000) { entries().size == 1 }
    }
}
