package app.resetcompanion.app.ui

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import app.resetcompanion.core.model.Clock
import app.resetcompanion.core.practiceSessions
import app.resetcompanion.presentation.AppGraph
import app.resetcompanion.presentation.SecureWindow
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import java.io.File
import java.time.Instant

/** Back in the middle of a practice session asks before ending it (review 3, F6). */
@OptIn(ExperimentalTestApi::class)
class MeditationLeaveTest {
    private val app = SeededApp(seed = false)
    private var nowMs = NOW_MS
    private val clock = object : Clock {
        override fun instant(): Instant = Instant.ofEpochMilli(nowMs)
    }
    private val graph = AppGraph(app.store, File(app.dir, "share"), clock = clock, timerTickMillis = 20)

    @After
    fun close() = app.close()

    @Test
    fun back_mid_session_asks_keep_going_stays_and_ending_logs_the_minutes_done() = phoneTest {
        val nav = AppNavigator(Destination.Today)
        setContent { ResetApp(graph, SecureWindow.None, nav, dark = false) }
        awaitLoaded()
        nav.navigate(Destination.Meditation())
        awaitLoaded()
        onNodeWithText(Strings.startTimer).performClick()
        nowMs += 3 * 60_000L + 5_000
        Thread.sleep(100)
        awaitLoaded()

        assertTrue("Back is used up by the question", nav.back())
        awaitLoaded()
        onNodeWithText(Strings.leaveSessionQuestion).assertIsDisplayed()
        onNodeWithText(Strings.leaveSessionExplain(3)).assertIsDisplayed()
        onNodeWithText(Strings.keepGoing).performClick()
        awaitLoaded()
        assertTrue(nav.current.destination is Destination.Meditation)
        onNodeWithText(Strings.pauseTimer).assertIsDisplayed()
        assertTrue(runBlocking { app.store.practiceSessions() }.isEmpty())

        nav.back()
        awaitLoaded()
        onNodeWithText(Strings.leaveSessionConfirm).performClick()
        awaitLoaded()
        assertEquals(Destination.Today, nav.current.destination)
        assertTrue(onAllNodesWithText(Strings.leaveSessionQuestion).fetchSemanticsNodes().isEmpty())
        // Logged from onCleared on a scope of its own: wait for it.
        val deadline = System.currentTimeMillis() + 5_000
        while (runBlocking { app.store.practiceSessions() }.isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(50)
        val session = runBlocking { app.store.practiceSessions() }.single()
        assertEquals(3u, session.actualMinutes)
        assertFalse(session.completed)
    }

    @Test
    fun back_before_starting_or_after_finishing_leaves_without_asking() = phoneTest {
        val nav = AppNavigator(Destination.Today)
        setContent { ResetApp(graph, SecureWindow.None, nav, dark = false) }
        awaitLoaded()
        nav.navigate(Destination.Meditation())
        awaitLoaded()
        assertTrue(nav.back())
        awaitLoaded()
        assertEquals(Destination.Today, nav.current.destination)
    }
}
