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

class FoundationTest {
    @Test
    fun `a new store is encrypted and at the current schema`() = runBlocking {
        val dir = scratchDir()
        openStore(dir).use { store ->
            val status = store.status()
            assertTrue(status.schemaVersion >= 1)
            assertEquals("Europe/London", status.timeZone)
        }
        val header = File(dir, "profile.db").readBytes().copyOfRange(0, 15).decodeToString()
        assertFalse(header == "SQLite format 3")
    }

    @Test
    fun `writes survive closing and reopening`() = runBlocking {
        val dir = scratchDir()
        openStore(dir).use { it.setPreference("region", "GB") }
        openStore(dir).use { assertEquals("GB", it.preference("region")) }
    }

    @Test
    fun `a wrong key throws WrongKey and leaves the file unchanged`() {
        val dir = scratchDir()
        openStore(dir).use { runBlocking { it.setPreference("region", "US") } }
        val before = File(dir, "profile.db").readBytes()
        val e = assertThrowsReset(ErrorKind.WRONG_KEY) { openStore(dir, key = KEY_B) }
        assertTrue(e is ResetException.WrongKey)
        assertArrayEquals(before, File(dir, "profile.db").readBytes())
    }

    @Test
    fun `an unknown zone is invalid input naming the field`() {
        openStore(scratchDir()).use { store ->
            val e = assertThrowsReset(ErrorKind.INVALID_INPUT) { store.setTimeZone("Mars/Base") }
            assertEquals("time_zone", (e as ResetException.InvalidInput).field)
        }
    }

    @Test
    fun `a short key is invalid input`() {
        val e = assertThrowsReset(ErrorKind.INVALID_INPUT) { openStore(scratchDir(), key = byteArrayOf(1, 2, 3)) }
        assertEquals("key", (e as ResetException.InvalidInput).field)
    }

    @Test
    fun `the injected clock and zone decide today`() = runBlocking {
        // 23:30 UTC on 30 June is already 1 July in London (BST).
        openStore(scratchDir(), nowMs = 1_814_398_200_000L).use { store ->
            assertEquals(day("2027-07-01"), store.today())
            store.setTimeZone("America/New_York")
            assertEquals(day("2027-06-30"), store.today())
        }
    }

    @Test
    fun `a panic inside the core arrives as an Internal exception`() {
        openStore(scratchDir()).use { store ->
            assertThrowsReset(ErrorKind.INTERNAL) { store.call { it.debugTriggerPanic() } }
            // The session keeps working after the caught panic.
            runBlocking { assertTrue(store.status().schemaVersion >= 1) }
        }
    }

    @Test
    fun `erase all leaves no file and closes the store`() {
        val dir = scratchDir()
        openStore(dir).use { store ->
            runBlocking {
                store.setPreference("region", "IE")
                store.eraseAll()
            }
            assertEquals(emptyList<String>(), dir.list()!!.toList())
            assertThrowsReset(ErrorKind.CONFLICT) { store.status() }
        }
    }

    @Test
    fun `error kind names are the stable contract`() {
        assertEquals("invalid_input", errorKindName(ErrorKind.INVALID_INPUT))
        assertEquals("unsupported_version", errorKindName(ErrorKind.UNSUPPORTED_VERSION))
        assertEquals("wrong_key", errorKindName(ErrorKind.WRONG_KEY))
    }

    @Test
    fun `a trivial FFI round trip is measured and bounded`() {
        val n = 200_000
        repeat(20_000) { ffiRoundTrip(it.toULong()) } // JIT warm-up
        var sum = 0UL
        val start = System.nanoTime()
        for (i in 0 until n) sum += ffiRoundTrip(i.toULong())
        val perCall = (System.nanoTime() - start).toDouble() / n
        println("BENCH kotlin ffi_round_trip: %.1f ns/call over %d calls".format(perCall, n))
        assertEquals(n.toULong() * (n - 1).toULong() / 2UL, sum)
        // uniffi's Kotlin calls allocate a JNA Structure for the call status, so the floor is a few
        // microseconds on the JVM (see docs/performance.md). This guards against regressions only.
        assertTrue(perCall < 50_000, "round trip took $perCall ns")
    }
}
