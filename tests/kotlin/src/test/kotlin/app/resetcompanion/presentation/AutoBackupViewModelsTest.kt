package app.resetcompanion.presentation

import app.resetcompanion.core.FIXED_NOW_MS
import app.resetcompanion.core.FixedClock
import app.resetcompanion.core.KEY_B
import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.checkIn
import app.resetcompanion.core.checkIns
import app.resetcompanion.core.listAutoBackups
import app.resetcompanion.core.runAutoBackupIfDue
import app.resetcompanion.core.scratchDir
import app.resetcompanion.core.turnOnAutoBackup
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.time.Instant

internal class MemoryKeys(var failSave: Boolean = false) : RecoveryKeys {
    var key: String? = null
    var pending: String? = null
    override fun read() = key
    override fun save(key: String) {
        if (failSave) throw IllegalStateException("keystore unavailable")
        this.key = key
    }
    override fun delete() {
        key = null
    }
    override fun readPending() = pending
    override fun savePending(key: String) {
        if (failSave) throw IllegalStateException("keystore unavailable")
        pending = key
    }
    override fun deletePending() {
        pending = null
    }
}

class AutoBackupViewModelsTest : ViewModelTest() {
    private val folder get() = File(dir, "auto-backups")

    @Test
    fun `the ceremony stores the key first and needs two groups back before the first backup`() {
        val keys = MemoryKeys()
        val vm = AutoBackupSettingsViewModel(store, folder, keys, authenticate = { true }, choosePositions = { listOf(2, 6) })
        vm.load()
        assertFalse(vm.state.value.enabled)
        vm.turnOn()
        val groups = vm.state.value.shownGroups!!
        assertEquals(7, groups.size)
        assertEquals(groups.joinToString("-"), keys.key, "stored before it is shown")
        vm.wroteItDown()
        assertEquals(listOf(2, 6), vm.state.value.askedPositions)
        vm.setTypedGroup(0, groups[2])
        vm.setTypedGroup(1, "ZZZZ")
        vm.confirm()
        assertNull(vm.state.value.askedPositions, "a wrong group shows the key again")
        assertEquals(groups, vm.state.value.shownGroups)
        assertTrue(setUp { listAutoBackups(folder) }.isEmpty(), "no backup before the ceremony ends")
        vm.wroteItDown()
        vm.setTypedGroup(0, groups[2].lowercase())
        vm.setTypedGroup(1, " ${groups[6]} ")
        vm.confirm()
        val s = vm.state.value
        assertTrue(s.enabled)
        assertNull(s.shownGroups)
        assertEquals(1, s.status!!.files.size)
    }

    @Test
    fun `the key is shown again only after authentication and off with delete forgets it`() {
        val keys = MemoryKeys()
        keys.key = setUp { turnOnAutoBackup() }
        val denied = AutoBackupSettingsViewModel(store, folder, keys, authenticate = { false })
        denied.load()
        denied.showKeyAgain()
        assertNull(denied.state.value.shownGroups)
        val allowed = AutoBackupSettingsViewModel(store, folder, keys, authenticate = { true })
        allowed.load()
        allowed.showKeyAgain()
        assertEquals(keys.key!!.split('-'), allowed.state.value.shownGroups)
        allowed.doneShowingKey()
        assertNull(allowed.state.value.shownGroups)
        allowed.turnOff(deleteFiles = true)
        assertFalse(allowed.state.value.enabled)
        assertNull(keys.key)
    }

    @Test
    fun `a keystore failure leaves automatic backups off`() {
        val vm = AutoBackupSettingsViewModel(store, folder, MemoryKeys(failSave = true), authenticate = { true })
        vm.turnOn()
        assertNotNull(vm.state.value.error)
        vm.load()
        assertFalse(vm.state.value.enabled)
    }

    @Test
    fun `first launch offers the restore and keeps the typed key`() {
        // The old phone (this test's store): a check-in and its automatic backup.
        val key = setUp {
            checkIn(mood = 6, note = "by the river")
            turnOnAutoBackup().also { runAutoBackupIfDue(folder, it) }
        }
        val newPhone = scratchDir()
        val fresh =
            runBlocking {
                ResetStore.open(File(newPhone, "profile.db").path, KEY_B, "Europe/London", FixedClock(Instant.ofEpochMilli(FIXED_NOW_MS)), dispatcher)
            }
        fresh.use {
            val keys = MemoryKeys()
            val vm = AutoBackupRestoreViewModel(fresh, folder, keys)
            vm.check()
            assertTrue(vm.state.value.offering)
            assertEquals(Instant.ofEpochMilli(FIXED_NOW_MS), vm.state.value.newest)
            vm.setKey("not a key")
            assertFalse(vm.state.value.canRestore)
            vm.setKey(key.lowercase().replace('-', ' '))
            assertTrue(vm.state.value.canRestore)
            vm.restore()
            val s = vm.state.value
            assertNull(s.error)
            assertEquals(0, s.restored!!.skipped.size)
            assertEquals(key, keys.key)
            assertEquals(listOf(6), runBlocking { fresh.checkIns() }.map { it.mood })
            vm.check()
            assertFalse(vm.state.value.offering, "a profile with entries is not offered a restore")
        }
    }
}
