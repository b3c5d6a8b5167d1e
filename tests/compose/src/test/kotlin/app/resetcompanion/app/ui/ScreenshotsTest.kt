package app.resetcompanion.app.ui

import androidx.compose.ui.test.ExperimentalTestApi
import app.resetcompanion.presentation.SecureWindow
import org.junit.AfterClass
import org.junit.Assert.assertTrue
import org.junit.BeforeClass
import org.junit.Test
import java.io.File

/**
 * Writes a 1080 × 2340 px PNG of every screen (light, plus Today and Journal dark, and Today at
 * font scale 2) to
 * docs/screenshots/android/, from real view models over the seeded store at a fixed time, so
 * the pictures only change when a screen does.
 */
@OptIn(ExperimentalTestApi::class)
class ScreenshotsTest {
    companion object {
        private lateinit var app: SeededApp

        @BeforeClass @JvmStatic
        fun open() {
            app = SeededApp()
        }

        @AfterClass @JvmStatic
        fun close() = app.close()

        /** File name per destination. */
        fun nameOf(d: Destination): String = when (d) {
            is Destination.ThoughtRecord -> "thought-record"
            is Destination.Assessment -> "assessment"
            is Destination.ProgrammeStep -> "programme-step"
            is Destination.Meditation -> "meditation"
            is Destination.JournalEntry -> "journal-entry-new-${d.kind.name.lowercase()}"
            else -> d.toString().replace(Regex("([a-z])([A-Z])"), "$1-$2").lowercase()
        }
    }

    private fun shoot(d: Destination, name: String, dark: Boolean = false, fontScale: Float = 1f) = phoneTest(fontScale) {
        setContent { ResetApp(app.graph, SecureWindow.None, AppNavigator(d), dark = dark) }
        awaitLoaded()
        saveScreenshot(name)
    }

    @Test
    fun every_screen_light() {
        for (d in ScreensTest.ALL) shoot(d, nameOf(d))
        val written = ScreensTest.ALL.map { File(SCREENSHOT_DIR, "${nameOf(it)}.png") }
        assertTrue(written.all { it.length() > 10_000 })
    }

    @Test
    fun today_and_journal_dark() {
        shoot(Destination.Today, "today-dark", dark = true)
        shoot(Destination.Journal, "journal-dark", dark = true)
    }

    @Test
    fun today_at_font_scale_two() = shoot(Destination.Today, "today-font-scale-2", fontScale = 2f)
}
