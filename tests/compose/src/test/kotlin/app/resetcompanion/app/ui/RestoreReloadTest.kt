package app.resetcompanion.app.ui

import androidx.compose.ui.test.ExperimentalTestApi
import app.resetcompanion.core.addJournalEntry
import app.resetcompanion.core.createBackup
import app.resetcompanion.core.model.FreeText
import app.resetcompanion.core.model.JournalBody
import app.resetcompanion.core.model.JournalEntry
import app.resetcompanion.presentation.BackupMode
import app.resetcompanion.presentation.JournalViewModel
import app.resetcompanion.presentation.SecureWindow
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotSame
import org.junit.Assert.assertSame
import org.junit.Test
import java.io.File

/**
 * Review 2, B7: after a backup is restored, the screens below the Backup screen were the same view
 * models, still showing the data from before the restore until the app restarted. Now every one
 * of them starts again over the restored profile; the Backup screen itself stays to say so.
 */
@OptIn(ExperimentalTestApi::class)
class RestoreReloadTest {
    private val app = SeededApp(seed = false)
    private val passphrase = "a long enough passphrase"

    @After
    fun close() = app.close()

    private fun text(e: JournalEntry) = ((e.body as JournalBody.Free).record).text

    @Test
    fun screens_below_the_backup_screen_show_the_restored_data_after_a_restore() {
        val file = File(app.dir, "before.resetbackup")
        runBlocking {
            app.store.addJournalEntry(JournalBody.Free(FreeText("Written before the backup")))
            app.store.createBackup(file, passphrase)
            app.store.addJournalEntry(JournalBody.Free(FreeText("Written after the backup")))
        }
        val navigator = AppNavigator(Destination.Journal)
        navigator.navigate(Destination.Backup)
        phoneTest {
            setContent { ResetApp(app.graph, SecureWindow.None, navigator, dark = false) }
            awaitLoaded()
            val journalEntry = navigator.entryFor(Destination.Journal)!!
            val stale: JournalViewModel = journalEntry.viewModel { app.graph.journal() }
            waitUntil(timeoutMillis = 10_000) { !stale.state.value.loading }
            assertEquals(2, stale.state.value.entries.size)
            val backupEntry = navigator.current

            val backup = backupEntry.viewModel { app.graph.backup() }
            backup.setMode(BackupMode.RESTORE)
            backup.chooseRestoreFile(file)
            backup.setPassphrase(passphrase)
            backup.confirmRestore(true)
            backup.restore()
            waitUntil(timeoutMillis = 20_000) { navigator.entryFor(Destination.Journal) !== journalEntry }
            awaitLoaded()

            assertSame("the Backup screen stays, saying what was restored", backupEntry, navigator.current)
            assertEquals(1, app.graph.profileReplacements.value)
            val renewed = navigator.entryFor(Destination.Journal)!!
            assertNotSame(journalEntry, renewed)
            navigator.back()
            awaitLoaded()
            val fresh: JournalViewModel = renewed.viewModel { app.graph.journal() }
            assertNotSame(stale, fresh)
            waitUntil(timeoutMillis = 10_000) { !fresh.state.value.loading }
            assertEquals(listOf("Written before the backup"), fresh.state.value.entries.map(::text))
        }
    }

    @Test
    fun leaving_the_backup_screen_mid_restore_still_renews_every_screen_and_deletes_the_copy() {
        // Review 3, F5: the post-restore work used to live in the Backup screen's scope.
        val file = File(app.dir, "before.resetbackup")
        val picked = File(app.dir, "picked.resetbackup")
        runBlocking {
            app.store.addJournalEntry(JournalBody.Free(FreeText("Written before the backup")))
            app.store.createBackup(file, passphrase)
            app.store.addJournalEntry(JournalBody.Free(FreeText("Written after the backup")))
        }
        file.copyTo(picked)
        val navigator = AppNavigator(Destination.Journal)
        navigator.navigate(Destination.Backup)
        phoneTest {
            setContent { ResetApp(app.graph, SecureWindow.None, navigator, dark = false) }
            awaitLoaded()
            val journalEntry = navigator.entryFor(Destination.Journal)!!
            val backup = navigator.current.viewModel { app.graph.backup() }
            backup.setMode(BackupMode.RESTORE)
            backup.chooseRestoreFile(picked)
            backup.setPassphrase(passphrase)
            backup.confirmRestore(true)
            backup.restore()
            waitUntil(timeoutMillis = 20_000) { backup.state.value.progress > 0f } // the core is restoring
            runOnIdle { navigator.back() } // Back while the progress bar shows: the Backup screen and its scope are gone
            waitUntil(timeoutMillis = 20_000) { app.graph.profileReplacements.value == 1 }
            waitUntil(timeoutMillis = 10_000) { navigator.entryFor(Destination.Journal) !== journalEntry }
            awaitLoaded()
            val fresh: JournalViewModel = navigator.current.viewModel { app.graph.journal() }
            waitUntil(timeoutMillis = 10_000) { !fresh.state.value.loading }
            assertEquals(listOf("Written before the backup"), fresh.state.value.entries.map(::text))
            waitUntil(timeoutMillis = 10_000) { !picked.exists() }
        }
    }
}
