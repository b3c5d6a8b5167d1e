package app.resetcompanion.core

import app.resetcompanion.core.model.Clock
import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.ResetException
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/**
 * The app's handle on one encrypted profile: suspend functions over the generated [ResetCompanion].
 *
 * Every call hops to [dispatcher] (IO by default), so screens can call from the main thread.
 * Errors arrive as [ResetException] subclasses (sealed), with a stable [kind].
 */
class ResetStore private constructor(
    /** The generated FFI object, for calls this wrapper does not cover yet. */
    val companion: ResetCompanion,
    private val dispatcher: CoroutineDispatcher,
) : AutoCloseable {

    companion object {
        /**
         * Opens (creating and migrating if needed) the profile at [databasePath].
         *
         * @throws ResetException.WrongKey if [key] does not open it; the file is untouched.
         * @throws ResetException.UnsupportedVersion if a newer app wrote it; the file is untouched.
         */
        suspend fun open(
            databasePath: String,
            key: ByteArray,
            timeZone: String = java.util.TimeZone.getDefault().id,
            clock: Clock = SystemClock,
            dispatcher: CoroutineDispatcher = Dispatchers.IO,
        ): ResetStore = withContext(dispatcher) {
            val config = CompanionConfig(databasePath = databasePath, key = key, timeZone = timeZone)
            ResetStore(openCompanion(config, clock), dispatcher)
        }
    }

    /** Runs [block] against the FFI object on the store's dispatcher. */
    suspend fun <T> call(block: (ResetCompanion) -> T): T = withContext(dispatcher) { block(companion) }

    /** Path, schema version, zone and record counts. */
    suspend fun status(): Status = call { it.status() }

    /** Today's local date for the person, `YYYY-MM-DD`. */
    suspend fun today(): java.time.LocalDate = call { it.today() }

    /** Call from the `ACTION_TIMEZONE_CHANGED` receiver. */
    suspend fun setTimeZone(zone: String) = call { it.setTimeZone(zone) }

    /** Stores a small named preference inside the encrypted profile. */
    suspend fun setPreference(name: String, value: String) = call { it.setPreference(name, value) }

    /** The preference stored under [name], or null. */
    suspend fun preference(name: String): String? = call { it.preference(name) }

    /** Deletes the profile's files; the caller must also delete the key. */
    suspend fun eraseAll() = call { it.eraseAll() }

    /** Closes the database and frees the native object. */
    override fun close() {
        companion.closeProfile()
        companion.destroy()
    }
}

/** The device clock, handed to the core so it never reads the host clock itself. */
object SystemClock : Clock {
    override fun instant(): java.time.Instant = java.time.Instant.now()
}

/** A clock pinned to one instant: previews, tests and screenshots. */
class FixedClock(private val at: java.time.Instant) : Clock {
    override fun instant(): java.time.Instant = at
}

/** The stable kind of this error, for `when` without matching every field. */
val ResetException.kind: ErrorKind
    get() = when (this) {
        is ResetException.InvalidInput -> ErrorKind.INVALID_INPUT
        is ResetException.NotFound -> ErrorKind.NOT_FOUND
        is ResetException.Conflict -> ErrorKind.CONFLICT
        is ResetException.WrongKey -> ErrorKind.WRONG_KEY
        is ResetException.Corrupt -> ErrorKind.CORRUPT
        is ResetException.UnsupportedVersion -> ErrorKind.UNSUPPORTED_VERSION
        is ResetException.Storage -> ErrorKind.STORAGE
        is ResetException.Internal -> ErrorKind.INTERNAL
    }

/** What went wrong, in the core's words: never user content (DESIGN §4). */
val ResetException.reason: String
    get() = when (this) {
        is ResetException.InvalidInput -> reason
        is ResetException.NotFound -> reason
        is ResetException.Conflict -> reason
        is ResetException.WrongKey -> reason
        is ResetException.Corrupt -> reason
        is ResetException.UnsupportedVersion -> reason
        is ResetException.Storage -> reason
        is ResetException.Internal -> reason
    }
