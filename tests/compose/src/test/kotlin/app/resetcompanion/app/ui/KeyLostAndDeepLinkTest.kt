package app.resetcompanion.app.ui

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import app.resetcompanion.app.KeyLostScreen
import app.resetcompanion.app.OpenFailedScreen
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Test

/**
 * Starting again deletes the profile, so the lost-key screen asks first; a keystore that only
 * failed this time gets "try again" instead. Deep links from reminders open their screens.
 */
@OptIn(ExperimentalTestApi::class)
class KeyLostAndDeepLinkTest {
    @Test
    fun start_again_deletes_nothing_until_confirmed() = phoneTest {
        var startedAgain = 0
        setContent { ResetTheme(dark = false) { KeyLostScreen(onStartAgain = { startedAgain++ }) } }
        onNodeWithText("Start again").performClick()
        onNodeWithText("Delete the locked data?").assertIsDisplayed()
        assertEquals("one tap deletes nothing", 0, startedAgain)
        onNodeWithText("Cancel").performClick()
        waitForIdle()
        assertEquals(0, startedAgain)
        onNodeWithText("Start again").performClick()
        onNodeWithText("Delete and start again").performClick()
        waitForIdle()
        assertEquals(1, startedAgain)
    }

    @Test
    fun the_crisis_lines_are_there_when_the_profile_cannot_be_opened() {
        val lines = kotlinx.coroutines.runBlocking { app.resetcompanion.core.crisisLinesWithoutProfile("Europe/London") }
        val opened = mutableListOf<String>()
        phoneTest {
            setContent { ResetTheme(dark = false) { OpenFailedScreen(onRetry = {}, crisisLines = lines, onContact = { opened += it }) } }
            onNodeWithText("Samaritans", substring = true).assertExists()
            onNodeWithText("Call 116 123").performScrollTo().performClick()
            assertEquals(listOf("tel:116123"), opened)
        }
        phoneTest {
            setContent { ResetTheme(dark = false) { KeyLostScreen(onStartAgain = {}, crisisLines = lines) } }
            onNodeWithText("Samaritans", substring = true).assertExists()
            saveScreenshot("key-lost-crisis-lines")
        }
    }

    @Test
    fun a_call_no_app_can_take_shows_the_number_instead_of_nothing() {
        // Review 2, B2: a Wi-Fi tablet has no dialler; the tap must say so and show the number.
        val lines = kotlinx.coroutines.runBlocking { app.resetcompanion.core.crisisLinesWithoutProfile("Europe/London") }
        phoneTest {
            setContent {
                ResetTheme(dark = false) {
                    OpenFailedScreen(onRetry = {}, crisisLines = lines, onContact = rememberContactOpener { false })
                }
            }
            onNodeWithText("Call 116 123").performScrollTo().performClick()
            onNodeWithText(Strings.noAppTitle).assertIsDisplayed()
            onNodeWithText(Strings.noDiallerSay("116123")).assertIsDisplayed()
            onNodeWithText(Strings.ok).performClick()
            onNodeWithText(Strings.noAppTitle).assertDoesNotExist()
        }
        assertEquals("No messaging app could open. Text SHOUT to 85258 from another phone.", contactFallbackText("sms:85258?body=SHOUT"))
        assertEquals(Strings.noMessagesSay("07700900456"), contactFallbackText("smsto:07700900456"))
        assertEquals(Strings.noBrowserSay("https://www.samaritans.org"), contactFallbackText("https://www.samaritans.org"))
    }

    @Test
    fun a_failed_open_offers_try_again_not_start_again() = phoneTest {
        var retries = 0
        setContent { ResetTheme(dark = false) { OpenFailedScreen(onRetry = { retries++ }) } }
        onNodeWithText("Nothing has been lost", substring = true).assertIsDisplayed()
        onNodeWithText("Try again").performClick()
        assertEquals(1, retries)
    }

    @Test
    fun each_reminder_deep_link_opens_its_screen_over_a_sensible_back_stack() {
        assertEquals(Destination.Meditation(), destinationForDeepLink("meditation"))
        assertEquals(Destination.CheckIn, destinationForDeepLink("checkin"))
        assertEquals(Destination.Journal, destinationForDeepLink("journal"))
        assertEquals(Destination.Today, destinationForDeepLink("programme"))
        assertEquals(Destination.Assessment(), destinationForDeepLink("assessment"))
        assertNull(destinationForDeepLink("settings"))
        assertNull(destinationForDeepLink(null))

        val nav = AppNavigator()
        nav.selectTab(Destination.Settings)
        nav.navigate(Destination.Backup)
        nav.open(Destination.Meditation())
        assertEquals(Destination.Meditation(), nav.current.destination)
        assertEquals(Destination.Today, nav.currentTab)
        nav.back()
        assertEquals(Destination.Today, nav.current.destination)
        nav.open(Destination.Journal)
        assertEquals(Destination.Journal, nav.current.destination)
        assertEquals(false, nav.canGoBack)
    }

    @Test
    fun following_a_link_never_discards_the_screen_in_progress() {
        // Review 2, B10: a reminder tapped mid-thought-record pushes the check-in over it.
        val nav = AppNavigator()
        nav.selectTab(Destination.Journal)
        nav.navigate(Destination.ThoughtRecord())
        val draft = nav.current
        var popped = 0
        nav.onPopped = { popped++ }
        nav.follow(Destination.CheckIn)
        assertEquals(Destination.CheckIn, nav.current.destination)
        assertEquals(0, popped)
        nav.follow(Destination.CheckIn) // the same link twice: nothing stacks up
        assertEquals(Destination.CheckIn, nav.current.destination)
        nav.back()
        assertEquals("the draft's entry (and its view models) is still there", draft, nav.current)
        assertEquals("only the check-in left the stack", 1, popped)

        // A running meditation stays below a journal link too (a tab destination is pushed).
        nav.navigate(Destination.Meditation())
        nav.follow(Destination.Journal)
        assertEquals(Destination.Journal, nav.current.destination)
        nav.back()
        assertEquals(Destination.Meditation(), nav.current.destination)

        // At a bare tab there is nothing to keep: the link opens over Today as before.
        val fresh = AppNavigator()
        fresh.follow(Destination.Assessment())
        assertEquals(Destination.Assessment(), fresh.current.destination)
        assertEquals(Destination.Today, fresh.currentTab)
    }

    @Test
    fun a_link_to_a_screen_already_on_the_stack_brings_it_back_instead_of_adding_another() {
        // Review 3, F4 / F6: the end-of-practice notification returns to the timer of a programme
        // step's session; another app's alternating links can't grow the stack.
        val nav = AppNavigator()
        nav.navigate(Destination.Meditation("day-1"))
        val timer = nav.current
        nav.navigate(Destination.Insights)
        nav.follow(Destination.Meditation())
        assertEquals("the same timer, with its state", timer, nav.current)
        repeat(5) {
            nav.follow(Destination.CheckIn)
            nav.follow(Destination.Journal)
        }
        assertEquals(
            listOf(Destination.Today, Destination.Insights, Destination.Meditation("day-1"), Destination.CheckIn, Destination.Journal),
            nav.saved().map { destinationFromRoute(it.substringAfter('|')) },
        )
    }
}
