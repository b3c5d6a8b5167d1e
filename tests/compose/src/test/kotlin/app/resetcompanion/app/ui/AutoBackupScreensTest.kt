package app.resetcompanion.app.ui

import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.semantics.getOrNull
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.SkikoComposeUiTest
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.assertIsEnabled
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.hasSetTextAction
import androidx.compose.ui.test.onAllNodesWithTag
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextInput
import androidx.compose.ui.text.input.KeyboardType
import app.resetcompanion.core.FixedClock
import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.checkIns
import app.resetcompanion.core.listAutoBackups
import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.runAutoBackupIfDue
import app.resetcompanion.core.turnOnAutoBackup
import app.resetcompanion.presentation.AppGraph
import app.resetcompanion.presentation.AutoBackupRestoreViewModel
import app.resetcompanion.presentation.AutoBackupRunner
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import java.io.File
import java.nio.file.Files

/**
 * Automatic backups as rendered (issue 21): the key ceremony by taps (key in groups, two groups
 * typed back, FLAG_SECURE held), the key shown again only after the device owner's check, and
 * the first-launch restore offer (wrong key said by name, a damaged newest copy skipped and said).
 */
@OptIn(ExperimentalTestApi::class)
class AutoBackupScreensTest {
    private val app = SeededApp()

    @After
    fun close() = app.close()

    private fun SkikoComposeUiTest.settings(window: RecordingSecureWindow = RecordingSecureWindow(), owner: Boolean = true) {
        setContent {
            ResetApp(app.graph, window, AppNavigator(Destination.AutoBackup), PlatformActions(authenticateOwner = { owner }), dark = false)
        }
        awaitLoaded()
    }

    private fun SkikoComposeUiTest.tap(text: String) {
        onNodeWithText(text).performScrollTo().performClick()
        awaitLoaded()
    }

    /** The group numbers (1-based) the confirmation asks for, from the fields' labels. */
    private fun SkikoComposeUiTest.askedGroups(): List<Int> = onAllNodes(hasSetTextAction()).fetchSemanticsNodes().map { node ->
        val label = node.config.getOrNull(SemanticsProperties.Text).orEmpty().joinToString { it.text }
        Regex("Group (\\d)").find(label)!!.groupValues[1].toInt()
    }

    @Test
    fun the_ceremony_shows_the_key_in_groups_asks_two_back_and_then_shows_the_first_backup() = phoneTest {
        val window = RecordingSecureWindow()
        settings(window)
        assertEquals(listOf(true), window.calls)
        saveScreenshot("auto-backup-off")
        tap(AutoBackupStrings.turnOn)
        val key = app.graph.recoveryKeys.read()!!
        val groups = key.split('-')
        assertEquals(7, groups.size)
        onNodeWithTag(RECOVERY_KEY_TAG).assertIsDisplayed()
        groups.forEach { onNodeWithText(it).assertIsDisplayed() }
        saveScreenshot("auto-backup-key")
        tap(AutoBackupStrings.wroteItDown)
        // A wrong group: the key comes back, saying so; no backup yet.
        onAllNodes(hasSetTextAction()).fetchSemanticsNodes().indices.forEach { i ->
            onAllNodes(hasSetTextAction())[i].performTextInput("ZZZZ")
        }
        tap(AutoBackupStrings.check)
        onNodeWithText(AutoBackupStrings.mismatch).assertIsDisplayed()
        assertTrue(runBlocking { app.store.listAutoBackups(app.graph.autoBackupFolder) }.isEmpty())
        tap(AutoBackupStrings.wroteItDown)
        val asked = askedGroups()
        assertEquals(2, asked.size)
        asked.forEachIndexed { i, n -> onAllNodes(hasSetTextAction())[i].performTextInput(groups[n - 1].lowercase()) }
        saveScreenshot("auto-backup-confirm")
        tap(AutoBackupStrings.check)
        onNodeWithText(AutoBackupStrings.copiesKept(1)).assertIsDisplayed()
        onNodeWithText(AutoBackupStrings.lastBackup("Wed 24 Mar 2027, 08:30")).assertIsDisplayed()
        assertTrue(onAllNodesWithTag(RECOVERY_KEY_TAG).fetchSemanticsNodes().isEmpty())
        saveScreenshot("auto-backup-on")
        assertEquals("FLAG_SECURE held throughout", listOf(true), window.calls)
    }

    @Test
    fun back_mid_ceremony_asks_then_the_screen_says_finish_setting_up_and_no_backup_is_made_until_confirmed() = phoneTest {
        val nav = AppNavigator(Destination.Settings)
        setContent { ResetApp(app.graph, RecordingSecureWindow(), nav, PlatformActions(authenticateOwner = { true }), dark = false) }
        awaitLoaded()
        nav.navigate(Destination.AutoBackup)
        awaitLoaded()
        tap(AutoBackupStrings.turnOn)
        val groups = app.graph.recoveryKeys.read()!!.split('-')
        assertTrue("Back is used up by the question", nav.back())
        awaitLoaded()
        onNodeWithText(AutoBackupStrings.leaveQuestion).assertIsDisplayed()
        onNodeWithText(AutoBackupStrings.stay).performClick()
        awaitLoaded()
        onNodeWithTag(RECOVERY_KEY_TAG).assertIsDisplayed()
        nav.back()
        awaitLoaded()
        onNodeWithText(AutoBackupStrings.leave).performClick()
        awaitLoaded()
        assertEquals(Destination.Settings, nav.current.destination)
        // The app's next start (or the daily job) writes nothing under the unconfirmed key.
        assertEquals(AutoBackupRunner.Outcome.Unconfirmed, runBlocking { app.graph.autoBackupRunner().run() })
        assertTrue(runBlocking { app.store.listAutoBackups(app.graph.autoBackupFolder) }.isEmpty())
        nav.navigate(Destination.AutoBackup)
        awaitLoaded()
        onNodeWithText(AutoBackupStrings.setupUnfinished).assertIsDisplayed()
        assertTrue(onAllNodesWithText(AutoBackupStrings.on).fetchSemanticsNodes().isEmpty())
        saveScreenshot("auto-backup-finish-setup")
        tap(AutoBackupStrings.finishSetup)
        groups.forEach { onNodeWithText(it).assertIsDisplayed() }
        tap(AutoBackupStrings.wroteItDown)
        askedGroups().forEachIndexed { i, n -> onAllNodes(hasSetTextAction())[i].performTextInput(groups[n - 1]) }
        tap(AutoBackupStrings.check)
        onNodeWithText(AutoBackupStrings.copiesKept(1)).assertIsDisplayed()
        assertFalse(app.graph.recoveryKeys.isUnconfirmed())
        // Outside a ceremony Back leaves without asking.
        assertTrue(nav.back())
        awaitLoaded()
        assertEquals(Destination.Settings, nav.current.destination)
    }

    @Test
    fun the_recovery_key_fields_are_password_fields_the_keyboard_does_not_learn() {
        assertEquals(KeyboardType.Password, RecoveryKeyKeyboard.keyboardType)
        assertEquals(false, RecoveryKeyKeyboard.autoCorrectEnabled)
    }

    @Test
    fun the_key_is_shown_again_only_after_the_device_owner_check() {
        val key = runBlocking { app.store.turnOnAutoBackup() }.also { app.graph.recoveryKeys.save(it) }
        phoneTest {
            settings(owner = false)
            tap(AutoBackupStrings.showKey)
            onNodeWithText(AutoBackupStrings.authRefused).assertIsDisplayed()
            assertTrue(onAllNodesWithTag(RECOVERY_KEY_TAG).fetchSemanticsNodes().isEmpty())
        }
        phoneTest {
            settings(owner = true)
            tap(AutoBackupStrings.showKey)
            key.split('-').forEach { onNodeWithText(it).assertIsDisplayed() }
            tap(Strings.done)
            assertTrue(onAllNodesWithTag(RECOVERY_KEY_TAG).fetchSemanticsNodes().isEmpty())
        }
    }

    @Test
    fun first_launch_offers_the_restore_says_a_wrong_key_and_a_skipped_damaged_copy() {
        // The old phone's backup, brought back into the new phone's folder by Android's backup.
        val key = runBlocking { app.store.turnOnAutoBackup().also { app.store.runAutoBackupIfDue(app.graph.autoBackupFolder, it) } }
        val wrongKey = SeededApp(seed = false).use { other -> runBlocking { other.store.turnOnAutoBackup() } }
        // The new phone is set up two hours later: a file dated after its "now" would be tried last.
        NewPhone(NOW_MS + 2 * 3_600_000L).use { phone ->
            phone.graph.autoBackupFolder.mkdirs()
            val good = app.graph.autoBackupFolder.listFiles()!!.single()
            good.copyTo(File(phone.graph.autoBackupFolder, good.name))
            File(phone.graph.autoBackupFolder, "reset-auto-20270324T090000000Z.rcbackup").writeBytes(good.readBytes().copyOf(4096))
            val offer =
                AutoBackupRestoreViewModel(
                    phone.store,
                    phone.graph.autoBackupFolder,
                    phone.graph.recoveryKeys,
                    onProfileReplaced = phone.graph::profileReplaced,
                )
            phoneTest {
                val window = RecordingSecureWindow()
                setContent { ResetApp(phone.graph, window, AppNavigator(), dark = false, restoreOffer = offer) }
                awaitLoaded()
                onNodeWithText(AutoBackupStrings.restoreHeading).assertIsDisplayed()
                onNodeWithText(AutoBackupStrings.found(2, "Wed 24 Mar 2027, 09:00")).assertIsDisplayed()
                onNodeWithText(AutoBackupStrings.restore).assertIsNotEnabled()
                onAllNodes(hasSetTextAction())[0].performTextInput(wrongKey)
                onNodeWithText(AutoBackupStrings.restore).assertIsEnabled()
                saveScreenshot("auto-backup-restore-offer")
                tap(AutoBackupStrings.restore)
                waitUntil(timeoutMillis = 10_000) { offer.state.value.error != null }
                awaitLoaded()
                onNodeWithText(AutoBackupRestoreViewModel.WRONG_KEY_MESSAGE, substring = true, ignoreCase = true).assertIsDisplayed()
                assertTrue(runBlocking { phone.store.checkIns() }.isEmpty())
                offer.setKey(key)
                awaitLoaded()
                tap(AutoBackupStrings.restore)
                waitUntil(timeoutMillis = 10_000) { offer.state.value.restored != null }
                awaitLoaded()
                onNodeWithText(AutoBackupStrings.restoredFrom("Wed 24 Mar 2027, 08:30")).assertIsDisplayed()
                onNodeWithText(AutoBackupStrings.skipped(ErrorKind.CORRUPT)).assertIsDisplayed()
                saveScreenshot("auto-backup-restored-fallback")
                tap(AutoBackupStrings.openApp)
                onNodeWithText(Strings.checkedIn(1)).assertIsDisplayed()
                assertEquals("the key typed in was kept for the daily backups", key, phone.graph.recoveryKeys.read())
                assertEquals(true, window.calls.first())
            }
        }
    }

    /** An empty profile whose clock reads [nowMs], and the graph over it. */
    private class NewPhone(nowMs: Long) : AutoCloseable {
        val dir: File = Files.createTempDirectory("reset-ui-new-").toFile()
        val store: ResetStore = runBlocking {
            ResetStore.open(
                File(dir, "profile.db").path,
                ByteArray(32) { 0x3C },
                "Europe/London",
                FixedClock(java.time.Instant.ofEpochMilli(nowMs)),
            )
        }
        val graph = AppGraph(store, shareDir = File(dir, "share"))

        override fun close() {
            store.close()
            dir.deleteRecursively()
        }
    }
}
