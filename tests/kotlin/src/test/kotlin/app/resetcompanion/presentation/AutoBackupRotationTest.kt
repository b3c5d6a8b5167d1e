package app.resetcompanion.presentation

import app.resetcompanion.core.FIXED_NOW_MS
import app.resetcompanion.core.FixedClock
import app.resetcompanion.core.KEY_A
import app.resetcompanion.core.KEY_B
import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.checkIn
import app.resetcompanion.core.commitRecoveryKeyRotation
import app.resetcompanion.core.model.ResetException
import app.resetcompanion.core.model.RotationSettlement
import app.resetcompanion.core.prepareRecoveryKeyRotation
import app.resetcompanion.core.restoreAutoBackup
import app.resetcompanion.core.runAutoBackupIfDue
import app.resetcompanion.core.scratchDir
import app.resetcompanion.core.turnOnAutoBackup
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import java.io.File
import java.time.Instant

/**
 * The two-phase key rotation as the settings screen and the daily runner drive it: the new key
 * is stored as pending before it is shown, backups stay under the current key until the person
 * confirms it, and a relaunch settles what a kill left.
 */
class AutoBackupRotationTest : ViewModelTest() {
    private val folder get() = File(dir, "auto-backups")
    private val keys = MemoryKeys()
    private lateinit var old: String

    @BeforeEach
    fun turnOn() {
        old = setUp {
            checkIn(mood = 6, note = null)
            turnOnAutoBackup().also { runAutoBackupIfDue(folder, it) }
        }
        keys.key = old
    }

    private fun vm(authenticate: Boolean = true) =
        AutoBackupSettingsViewModel(store, folder, keys, authenticate = { authenticate }, choosePositions = { listOf(0, 6) })

    /** Whether [key] opens the newest backup, restored into a new profile. */
    private fun restores(key: String): Boolean = runBlocking {
        ResetStore.open(File(scratchDir(), "profile.db").path, KEY_B, "Europe/London", FixedClock(Instant.ofEpochMilli(FIXED_NOW_MS)), dispatcher).use {
            try {
                it.restoreAutoBackup(folder, key)
                true
            } catch (e: ResetException.WrongKey) {
                false
            }
        }
    }

    private fun confirm(vm: AutoBackupSettingsViewModel) {
        val groups = vm.state.value.shownGroups!!
        vm.wroteItDown()
        vm.setTypedGroup(0, groups[0])
        vm.setTypedGroup(1, groups[6])
        vm.confirm()
    }

    @Test
    fun `rotating needs authentication, stores the pending key first and commits only on confirmation`() {
        val denied = vm(authenticate = false)
        denied.load()
        denied.rotate()
        assertNull(denied.state.value.shownGroups)
        assertNull(keys.pending)

        val settings = vm()
        settings.load()
        settings.rotate()
        val s = settings.state.value
        assertTrue(s.rotating)
        val new = s.shownGroups!!.joinToString("-")
        assertNotEquals(old, new)
        assertEquals(new, keys.pending, "stored as pending before it is shown")
        assertEquals(old, keys.key, "the current key stays until the commit")
        assertTrue(restores(old), "while the key is shown the backup still opens with the old key")

        confirm(settings)
        val after = settings.state.value
        assertNull(after.error)
        assertFalse(after.status!!.rotationPending)
        assertEquals(new, keys.key)
        assertNull(keys.pending)
        assertTrue(restores(new))
        assertFalse(restores(old))
    }

    @Test
    fun `cancelling the rotation keeps the current key`() {
        val settings = vm()
        settings.load()
        settings.rotate()
        settings.cancelRotation()
        val s = settings.state.value
        assertFalse(s.rotating)
        assertFalse(s.status!!.rotationPending)
        assertEquals(old, keys.key)
        assertNull(keys.pending)
        assertTrue(restores(old))
    }

    @Test
    fun `a rotation killed during its ceremony resumes on the next launch`() {
        val first = vm()
        first.load()
        first.rotate()
        val groups = first.state.value.shownGroups!!
        // Killed here: a new view model is the next launch.
        val relaunched = vm()
        relaunched.load()
        assertTrue(relaunched.state.value.rotationAwaitingConfirmation)
        relaunched.resumeRotation()
        assertEquals(groups, relaunched.state.value.shownGroups)
        confirm(relaunched)
        assertEquals(groups.joinToString("-"), keys.key)
        assertNull(keys.pending)
    }

    @Test
    fun `a rotation killed before its key was stored is discarded on the next launch`() {
        setUp { prepareRecoveryKeyRotation(folder, old) }
        val relaunched = vm()
        relaunched.load()
        assertFalse(relaunched.state.value.status!!.rotationPending)
        assertFalse(relaunched.state.value.rotationAwaitingConfirmation)
        assertEquals(old, keys.key)
        assertTrue(restores(old))
    }

    @Test
    fun `the runner promotes a key whose commit finished before the kill`() {
        val prepared = setUp { prepareRecoveryKeyRotation(folder, old) }
        keys.savePending(prepared.recoveryKey)
        setUp { commitRecoveryKeyRotation(folder, old, prepared.recoveryKey) }
        val outcome = runBlocking { AutoBackupRunner(store, folder, keys).run() }
        assertEquals(AutoBackupRunner.Outcome.NotDue, outcome, "today's backup exists")
        assertEquals(prepared.recoveryKey, keys.key)
        assertNull(keys.pending)
    }

    @Test
    fun `the runner never backs up under a key awaiting confirmation`() {
        val prepared = setUp { prepareRecoveryKeyRotation(folder, old) }
        keys.savePending(prepared.recoveryKey)
        // The next day's background run, on the same profile.
        val tomorrow = FixedClock(Instant.ofEpochMilli(FIXED_NOW_MS + 86_400_000))
        runBlocking { ResetStore.open(File(dir, "profile.db").path, KEY_A, "Europe/London", tomorrow, dispatcher) }.use { next ->
            val runner = AutoBackupRunner(next, folder, keys)
            assertEquals(RotationSettlement.AwaitingConfirmation, runBlocking { runner.settle() })
            val outcome = runBlocking { runner.run() }
            assertTrue(outcome is AutoBackupRunner.Outcome.Written, "$outcome")
        }
        assertEquals(old, keys.key, "the current key stays current")
        assertEquals(prepared.recoveryKey, keys.pending, "kept for the resumed ceremony")
        assertTrue(restores(old), "today's backup is under the current key")
        assertFalse(restores(prepared.recoveryKey))
    }
}
