package app.resetcompanion.core

import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.ResetException
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.util.Collections

private const val PASSPHRASE = "a long enough passphrase"

/** The committed backup fixture (tests/fixtures/backup/README.md): format 1, schema 1. */
private val FIXTURE = fixture("backup/format1-schema1.rcbackup")
private const val FIXTURE_PASSPHRASE = "fixture passphrase"

/** Every byte of the profile's database and WAL: what "untouched" means. */
private fun fingerprint(dir: File): List<ByteArray?> = listOf("profile.db", "profile.db-wal").map { File(dir, it).takeIf(File::exists)?.readBytes() }

class BackupTest {
    @Test
    fun `a backup round-trips the whole profile onto another phone`() = runBlocking<Unit> {
        val phone = scratchDir()
        val newPhone = scratchDir()
        val backup = File(phone, "profile.rcbackup")
        val before = File(phone, "before.json")
        val fractions = Collections.synchronizedList(mutableListOf<Double>())
        val created = openStore(phone).use { store ->
            store.setPreference("region", "GB")
            store.checkIn(mood = 6, note = "walked by the river", tags = listOf("outdoors"))
            store.exportDump(before)
            store.createBackup(backup, PASSPHRASE) { fractions.add(it) }
        }
        assertEquals(1u, created.formatVersion)
        assertTrue(created.totalRows > 1)
        assertEquals(0.0, fractions.first())
        assertEquals(1.0, fractions.last())
        assertEquals(fractions.sorted(), fractions.toList())

        openStore(newPhone, key = KEY_B).use { store ->
            val restored = store.restoreBackup(backup, PASSPHRASE)
            assertEquals(created.tables, restored.tables)
            val after = File(newPhone, "after.json")
            store.exportDump(after)
            assertArrayEquals(before.readBytes(), after.readBytes())
            assertEquals("GB", store.preference("region"))
        }
    }

    @Test
    fun `a tampered backup is Corrupt and the profile is untouched`() {
        val dir = scratchDir()
        openStore(dir).use { store ->
            runBlocking { store.setPreference("region", "US") }
            val tampered = FIXTURE.readBytes().also { it[it.size - 5] = (it[it.size - 5].toInt() xor 1).toByte() }
            val file = File(dir, "tampered.rcbackup").apply { writeBytes(tampered) }
            val before = fingerprint(dir)

            val e = assertThrowsReset(ErrorKind.CORRUPT) { store.restoreBackup(file, FIXTURE_PASSPHRASE) }
            assertTrue(e is ResetException.Corrupt)
            file.writeBytes(tampered.copyOf(100))
            assertThrowsReset(ErrorKind.CORRUPT) { store.restoreBackup(file, FIXTURE_PASSPHRASE) }
            file.writeBytes(FIXTURE.readBytes())
            assertThrowsReset(ErrorKind.WRONG_KEY) { store.restoreBackup(file, "not the passphrase") }

            val after = fingerprint(dir)
            assertEquals(before.size, after.size)
            before.zip(after).forEach { (b, a) -> assertArrayEquals(b, a) }
            runBlocking { assertEquals("US", store.preference("region")) }
            assertFalse(dir.list()!!.any { it.contains("restore") })
        }
    }

    @Test
    fun `the committed fixture restores and is migrated`() = runBlocking<Unit> {
        openStore(scratchDir()).use { store ->
            val summary = store.restoreBackup(FIXTURE, FIXTURE_PASSPHRASE)
            assertEquals(1L, summary.backupSchemaVersion)
            assertEquals(store.status().schemaVersion, summary.schemaVersion)
            assertEquals("v1", store.preference("fixture"))
        }
    }

    @Test
    fun `a short passphrase is InvalidInput naming the field`() {
        val dir = scratchDir()
        openStore(dir).use { store ->
            val file = File(dir, "x.rcbackup")
            val e = assertThrowsReset(ErrorKind.INVALID_INPUT) { store.createBackup(file, "short") }
            assertEquals("passphrase", (e as ResetException.InvalidInput).field)
            assertFalse(file.exists())
        }
    }
}
