package app.resetcompanion.core

import app.resetcompanion.core.model.AutoBackupOutcome
import app.resetcompanion.core.model.ResetException
import app.resetcompanion.core.model.RotationSettlement
import app.resetcompanion.core.security.RecoveryKeyStore
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File

/** Automatic backups through the real library, and the Keystore-wrapped recovery key. */
class AutoBackupTest {
    @Test
    fun `turn on, run once a day, and restore on a new phone with the recovery key`() = runBlocking<Unit> {
        val phone = scratchDir()
        val folder = File(phone, "auto-backups")
        val key = openStore(phone).use { store ->
            store.checkIn(mood = 6, note = "walked by the river", tags = listOf("outdoors"))
            val key = store.turnOnAutoBackup()
            assertEquals(7, key.split('-').size)
            val run = store.runAutoBackupIfDue(folder, key)
            assertEquals(AutoBackupOutcome.WRITTEN, run.outcome)
            assertEquals(2u, run.summary!!.formatVersion)
            assertEquals(AutoBackupOutcome.NOT_DUE, store.runAutoBackupIfDue(folder, key).outcome)
            val status = store.autoBackupStatus(folder)
            assertTrue(status.enabled)
            assertFalse(status.due)
            assertEquals(listOf("reset-auto-20270328T090000000Z.rcbackup"), store.listAutoBackups(folder).map { it.name })
            key
        }
        openStore(scratchDir(), key = KEY_B).use { fresh ->
            assertThrows<ResetException.WrongKey> {
                runBlocking { fresh.restoreAutoBackup(folder, "0000-0000-0000-0000-0000-0000-03TD") }
            }
            val typo = assertThrows<ResetException.InvalidInput> { runBlocking { fresh.restoreAutoBackup(folder, key.dropLast(1)) } }
            assertEquals("recovery_key", typo.field)
            assertFalse(typo.toString().contains(key.take(9)))
            val restored = fresh.restoreAutoBackup(folder, key.lowercase().replace('-', ' '))
            assertTrue(restored.skipped.isEmpty())
            assertEquals(1uL, restored.restored.tables.first { it.table == "check_ins" }.rows)
        }
    }

    @Test
    fun `rotation is two-phase and only the commit switches the backup to the new key`() = runBlocking<Unit> {
        val phone = scratchDir()
        val folder = File(phone, "auto-backups")
        openStore(phone).use { store ->
            val old = store.turnOnAutoBackup()
            val first = store.runAutoBackupIfDue(folder, old).file!!
            val prepared = store.prepareRecoveryKeyRotation(folder, old)
            assertNotEquals(old, prepared.recoveryKey)
            assertEquals(first.name.replace("reset-auto-", "reset-rotate-"), prepared.prepared.pending!!.name)
            assertTrue(store.autoBackupStatus(folder).rotationPending)
            // Killed before the app stored the pending key: the next launch discards the rotation.
            val settled = store.settleRecoveryKeyRotation(folder, old, null)
            assertEquals(1, (settled as RotationSettlement.Discarded).removed.size)

            val again = store.prepareRecoveryKeyRotation(folder, old)
            assertEquals(RotationSettlement.AwaitingConfirmation, store.settleRecoveryKeyRotation(folder, old, again.recoveryKey))
            val done = store.commitRecoveryKeyRotation(folder, old, again.recoveryKey)
            assertEquals(first.name, done.file!!.name, "the newest backup keeps its name")
            assertThrows<ResetException.Conflict> { runBlocking { store.commitRecoveryKeyRotation(folder, old, prepared.recoveryKey) } }
            openStore(scratchDir(), key = KEY_B).use { fresh ->
                assertThrows<ResetException.WrongKey> { runBlocking { fresh.restoreAutoBackup(folder, old) } }
                fresh.restoreAutoBackup(folder, again.recoveryKey)
            }
            assertEquals(1, store.turnOffAutoBackup(folder, deleteFiles = true).size)
        }
    }

    @Test
    fun `normalizing refuses what is not a recovery key`() {
        assertNull(normalizedRecoveryKey("too short"))
        assertNull(normalizedRecoveryKey("UUUU-0000-0000-0000-0000-0000-0000"))
        assertEquals("0000-0000-0000-0000-0000-0000-03TD", normalizedRecoveryKey("0000 0000 oooo 0000 0000 0000 03td"))
    }

    @Test
    fun `the recovery key is stored wrapped and replaced on rotation`() {
        val file = File(scratchDir(), "no_backup/recovery.key")
        val store = RecoveryKeyStore(InMemoryKeystore(), file)
        assertNull(store.read())
        store.save("AAAA-BBBB-CCCC")
        assertFalse(String(file.readBytes(), Charsets.ISO_8859_1).contains("AAAA-BBBB"), "stored wrapped, not in clear")
        store.save("DDDD-EEEE-FFFF")
        assertEquals("DDDD-EEEE-FFFF", store.read())
        store.delete()
        assertNull(store.read())

        store.save("DDDD-EEEE-FFFF")
        store.savePending("GGGG-HHHH-JJJJ")
        assertEquals("DDDD-EEEE-FFFF", store.read(), "a pending key never replaces the current one")
        assertEquals("GGGG-HHHH-JJJJ", store.readPending())
        val pendingFile = File(file.path + ".pending")
        assertFalse(String(pendingFile.readBytes(), Charsets.ISO_8859_1).contains("GGGG-HHHH"), "wrapped too")
        store.deletePending()
        assertNull(store.readPending())
        assertEquals("DDDD-EEEE-FFFF", store.read())
    }

    @Test
    fun `the not-confirmed marker outlives the store object and holds no key`() {
        val file = File(scratchDir(), "no_backup/recovery.key")
        val store = RecoveryKeyStore(InMemoryKeystore(), file)
        store.save("AAAA-BBBB-CCCC")
        assertFalse(store.isUnconfirmed())
        store.markUnconfirmed(true)
        val marker = File(file.path + ".unconfirmed")
        assertTrue(marker.exists())
        assertFalse(String(marker.readBytes(), Charsets.ISO_8859_1).contains("AAAA"), "a marker, not the key")
        assertTrue(RecoveryKeyStore(InMemoryKeystore(), file).isUnconfirmed(), "a new process sees it")
        store.markUnconfirmed(false)
        assertFalse(RecoveryKeyStore(InMemoryKeystore(), file).isUnconfirmed())
        store.markUnconfirmed(false)
        assertEquals("AAAA-BBBB-CCCC", store.read())
    }
}
