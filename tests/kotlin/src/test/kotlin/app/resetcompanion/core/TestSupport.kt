package app.resetcompanion.core

import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.ResetException
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.fail
import java.io.File
import java.nio.file.Files

val KEY_A = ByteArray(32) { 0xA1.toByte() }
val KEY_B = ByteArray(32) { 0xB2.toByte() }

/** 2027-03-28T09:00:00Z, the Sunday British Summer Time starts. */
const val FIXED_NOW_MS = 1_806_224_400_000L

/** A scratch folder per test. */

/** A local day written as text, for test readability (the apps never parse dates for the core). */
fun day(text: String): java.time.LocalDate = java.time.LocalDate.parse(text)

/** A planned notification's fire instant in its own offset, as the CLI's JSON writes it. */
fun app.resetcompanion.core.model.PlannedNotification.localText(): String = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
    .format(fireAt.atOffset(java.time.ZoneOffset.ofTotalSeconds(utcOffsetSeconds)))

/** A captured moment in its own zone, RFC 3339 with offset (`2027-03-29T00:00:00+01:00`). */
fun app.resetcompanion.core.model.Captured.localText(): String = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
    .format(at.atZone(java.time.ZoneId.of(timeZone)))

fun scratchDir(): File = Files.createTempDirectory("resetkt-").toFile().also { it.deleteOnExit() }

/** Opens a store in [dir] with a fixed clock in London. */
fun openStore(dir: File, key: ByteArray = KEY_A, nowMs: Long = FIXED_NOW_MS): ResetStore = runBlocking {
    ResetStore.open(File(dir, "profile.db").path, key, "Europe/London", FixedClock(java.time.Instant.ofEpochMilli(nowMs)))
}

/** Shared golden fixtures (tests/fixtures), the same files the Rust and Swift tests read. */
fun fixture(path: String): File = File(System.getProperty("reset.fixtures"), path)

/** Asserts [block] throws a [ResetException] of [kind] and returns it. */
fun assertThrowsReset(kind: ErrorKind, block: suspend () -> Unit): ResetException {
    try {
        runBlocking { block() }
    } catch (e: ResetException) {
        assertEquals(kind, e.kind, "got $e")
        return e
    }
    fail<Unit>("expected ResetException of kind $kind, nothing was thrown")
    error("unreachable")
}
