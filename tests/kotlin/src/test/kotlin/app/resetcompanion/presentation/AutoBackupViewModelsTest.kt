package app.resetcompanion.presentation

import app.resetcompanion.core.FIXED_NOW_MS
import app.resetcompanion.core.FixedClock
import app.resetcompanion.core.KEY_B
import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.autoBackupStatus
import app.resetcompanion.core.checkIn
import app.resetcompanion.core.checkIns
import app.resetcompanion.core.listAutoBackups
import app.resetcompanion.core.model.ErrorKind
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
    var unconfirmed = false
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
    override fun isUnconfirmed() = unconfirmed
    override fun markUnconfirmed(unconfirmed: Boolean) {
        this.unconfirmed = unconfirmed
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
    fun `a ceremony left before the key is confirmed backs nothing up and says finish setting up`() {
        val keys = MemoryKeys()
        val vm = AutoBackupSettingsViewModel(store, folder, keys, authenticate = { true }, choosePositions = { listOf(0, 3) })
        vm.load()
        vm.turnOn()
        assertTrue(keys.unconfirmed, "not confirmed is recorded outside the view model")
        assertTrue(vm.askBeforeLeaving(), "Back mid-ceremony asks first")
        assertTrue(vm.state.value.leaveAsked)
        vm.stay()
        assertFalse(vm.state.value.leaveAsked)
        // Back anyway (or a kill): the app-start run and the daily job refuse to back up.
        val runner = AutoBackupRunner(store, folder, keys)
        assertEquals(AutoBackupRunner.Outcome.Unconfirmed, runBlocking { runner.run() })
        assertTrue(setUp { listAutoBackups(folder) }.isEmpty(), "nothing sealed for an unconfirmed key")
        // A new screen: "Finish setting up", not "On".
        val again = AutoBackupSettingsViewModel(store, folder, keys, authenticate = { true }, choosePositions = { listOf(0, 3) })
        assertFalse(again.askBeforeLeaving(), "nothing to ask outside a ceremony")
        again.load()
        assertTrue(again.state.value.setupUnfinished)
        again.finishSetup()
        val groups = again.state.value.shownGroups!!
        assertEquals(groups.joinToString("-"), keys.key, "the same stored key is shown again")
        assertTrue(again.state.value.ceremony)
        again.wroteItDown()
        again.setTypedGroup(0, groups[0])
        again.setTypedGroup(1, groups[3])
        again.confirm()
        assertFalse(keys.unconfirmed)
        assertFalse(again.state.value.setupUnfinished)
        assertEquals(1, again.state.value.status!!.files.size, "the first backup is written once confirmed")
        assertEquals(AutoBackupRunner.Outcome.NotDue, runBlocking { runner.run() })
    }

    @Test
    fun `finishing the setup needs the device owner's check`() {
        val keys = MemoryKeys()
        AutoBackupSettingsViewModel(store, folder, keys, authenticate = { true }).apply {
            load()
            turnOn()
        }
        val vm = AutoBackupSettingsViewModel(store, folder, keys, authenticate = { false })
        vm.load()
        vm.finishSetup()
        assertNull(vm.state.value.shownGroups)
        assertTrue(vm.state.value.authRefused)
        assertTrue(vm.state.value.setupUnfinished)
        vm.turnOff(deleteFiles = false)
        assertFalse(keys.unconfirmed, "turning off clears the marker")
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

    /** The old phone: a check-in and its automatic backup in [folder]; returns the recovery key. */
    private fun oldPhoneBackup(): String = setUp {
        checkIn(mood = 6, note = "by the river")
        turnOnAutoBackup().also { runAutoBackupIfDue(folder, it) }
    }

    /** The new phone is set up two days after the old phone's backup (files dated after "now" are tried last). */
    private fun newPhone(block: (ResetStore) -> Unit) {
        val later = Instant.ofEpochMilli(FIXED_NOW_MS).plus(java.time.Duration.ofDays(2))
        val fresh = runBlocking {
            ResetStore.open(File(scratchDir(), "profile.db").path, KEY_B, "Europe/London", FixedClock(later), dispatcher)
        }
        fresh.use(block)
    }

    @Test
    fun `a wrong key says so by name, changes nothing and keeps no key`() {
        oldPhoneBackup()
        // A well-formed key from another profile: its checksum passes, the backups refuse it.
        val otherKey = newPhoneKey()
        newPhone { fresh ->
            val keys = MemoryKeys()
            var replaced = 0
            val vm = AutoBackupRestoreViewModel(fresh, folder, keys, platform) { replaced++ }
            vm.check()
            vm.setKey(otherKey)
            assertTrue(vm.state.value.canRestore)
            vm.restore()
            val s = vm.state.value
            assertEquals(ErrorKind.WRONG_KEY, s.error!!.kind)
            assertEquals("recovery_key", s.error!!.field)
            assertEquals(AutoBackupRestoreViewModel.WRONG_KEY_MESSAGE, s.error!!.message)
            assertTrue(s.offering, "the offer stays for another try")
            assertNull(keys.key)
            assertEquals(0, replaced)
            assertTrue(runBlocking { fresh.checkIns() }.isEmpty())
        }
    }

    private fun newPhoneKey(): String {
        var key = ""
        newPhone { other -> key = runBlocking { other.turnOnAutoBackup() } }
        return key
    }

    @Test
    fun `a damaged newest backup falls back to the one before, says so, and renews the app`() {
        val key = oldPhoneBackup()
        val good = folder.listFiles()!!.single()
        // A newer file with the right name whose bytes are damaged (as a half-copied upload would be).
        val stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(java.time.ZoneOffset.UTC)
        val damaged = File(folder, "reset-auto-${stamp.format(Instant.ofEpochMilli(FIXED_NOW_MS + 3_600_000L))}.rcbackup")
        damaged.writeBytes(good.readBytes().copyOf(good.length().toInt() / 2))
        newPhone { fresh ->
            val keys = MemoryKeys()
            var replaced = 0
            val vm = AutoBackupRestoreViewModel(fresh, folder, keys, platform) { replaced++ }
            vm.check()
            assertEquals(2, vm.state.value.files)
            vm.setKey(key)
            vm.restore()
            val s = vm.state.value
            assertNull(s.error)
            assertTrue(s.shown, "the screen stays to say what was restored")
            assertEquals(good.name, s.restored!!.name)
            assertEquals(listOf(damaged.name), s.restored!!.skipped.map { it.name })
            assertEquals(ErrorKind.CORRUPT, s.restored!!.skipped.single().kind)
            assertEquals(1, replaced)
            assertEquals(1, platform.remindersChanged)
            assertEquals(key, keys.key)
            assertEquals(listOf(6), runBlocking { fresh.checkIns() }.map { it.mood })
            vm.finish()
            assertFalse(vm.state.value.shown)
        }
    }

    @Test
    fun `start fresh is not asked again`() {
        oldPhoneBackup()
        newPhone { fresh ->
            val vm = AutoBackupRestoreViewModel(fresh, folder, MemoryKeys())
            vm.check()
            assertTrue(vm.state.value.shown)
            vm.decline()
            vm.check()
            assertFalse(vm.state.value.shown)
        }
    }

    @Test
    fun `start fresh is remembered across launches until newer backups come`() {
        oldPhoneBackup()
        val marker = File(scratchDir(), "no_backup/restore-offer-declined")
        newPhone { fresh ->
            val first = AutoBackupRestoreViewModel(fresh, folder, MemoryKeys(), declinedMarker = marker)
            first.check()
            assertTrue(first.state.value.shown)
            first.decline()
            assertEquals(folder.listFiles()!!.single().name, marker.readText(), "the declined backups' newest name, no user text")
            // The next cold start: a new view model, the same marker.
            val next = AutoBackupRestoreViewModel(fresh, folder, MemoryKeys(), declinedMarker = marker)
            next.check()
            assertFalse(next.state.value.shown)
            // Backups newer than those declined (another platform restore) are offered again.
            marker.writeText("reset-auto-older.rcbackup")
            val later = AutoBackupRestoreViewModel(fresh, folder, MemoryKeys(), declinedMarker = marker)
            later.check()
            assertTrue(later.state.value.shown)
        }
    }

    @Test
    fun `the phone that wrote the backups is never offered their restore`() {
        // A new user turns backups on before any record: the first backup is of an empty profile.
        val keys = MemoryKeys()
        val settings = AutoBackupSettingsViewModel(store, folder, keys, authenticate = { true }, choosePositions = { listOf(1, 4) })
        settings.load()
        settings.turnOn()
        val groups = settings.state.value.shownGroups!!
        settings.wroteItDown()
        settings.setTypedGroup(0, groups[1])
        settings.setTypedGroup(1, groups[4])
        settings.confirm()
        assertEquals(1, settings.state.value.status!!.files.size)
        val vm = AutoBackupRestoreViewModel(store, folder, keys)
        vm.check()
        assertFalse(vm.state.value.shown, "its own backups, automatic backups on: no offer")
        // Turned off (copies kept) on an empty profile: the copies are offered (the phone can't tell them from restored ones).
        settings.turnOff(deleteFiles = false)
        val off = AutoBackupRestoreViewModel(store, folder, keys)
        off.check()
        assertTrue(off.state.value.shown)
    }

    @Test
    fun `a refused device check says why and shows or rotates nothing`() {
        val keys = MemoryKeys()
        keys.key = setUp { turnOnAutoBackup() }
        val vm = AutoBackupSettingsViewModel(store, folder, keys, authenticate = { false })
        vm.load()
        vm.showKeyAgain()
        assertTrue(vm.state.value.authRefused)
        assertNull(vm.state.value.shownGroups)
        vm.dismissError()
        vm.rotate()
        assertTrue(vm.state.value.authRefused)
        assertNull(keys.pending, "no rotation prepared")
        assertFalse(setUp { autoBackupStatus(folder) }.rotationPending)
    }

    @Test
    fun `a key the keystore can't read now is an error on screen, not a crash`() {
        val stored = setUp { turnOnAutoBackup() }
        val keys = object : RecoveryKeys by MemoryKeys().also({ it.key = stored }) {
            override fun read(): String? = throw java.io.IOException("the wrapped recovery key is damaged")
        }
        val vm = AutoBackupSettingsViewModel(store, folder, keys, authenticate = { true })
        vm.load()
        assertTrue(vm.state.value.enabled, "the status still shows")
        vm.showKeyAgain()
        assertEquals(ErrorKind.STORAGE, vm.state.value.error!!.kind)
        assertNull(vm.state.value.shownGroups)
    }

    @Test
    fun `groups typed back wrong show the key again and say so`() {
        val vm = AutoBackupSettingsViewModel(store, folder, MemoryKeys(), authenticate = { true }, choosePositions = { listOf(0, 1) })
        vm.load()
        vm.turnOn()
        vm.wroteItDown()
        vm.setTypedGroup(0, "AAAA")
        vm.setTypedGroup(1, "BBBB")
        vm.confirm()
        assertTrue(vm.state.value.mismatch)
        vm.wroteItDown()
        assertFalse(vm.state.value.mismatch)
    }
}
