package app.resetcompanion.core.security

import java.io.File
import java.io.FileOutputStream
import java.io.IOException
import java.nio.channels.FileChannel
import java.nio.file.Files
import java.nio.file.StandardCopyOption
import java.nio.file.StandardOpenOption
import java.security.GeneralSecurityException
import java.security.SecureRandom

// The database key (DESIGN §4, platform.md "Android scheduling": security-crypto is
// deprecated): a random 32-byte key, wrapped by a non-exportable AES-GCM key in the
// AndroidKeyStore, stored wrapped in the no-backup files folder. This file holds the
// decisions and the file format, in plain Kotlin so the JVM tests exercise them with a fake
// keystore; AndroidKeystoreKeyWrapper (src/android) is the only part that needs a device.
// It never logs or returns key bytes in messages.

/** The AES-GCM wrapping key in a hardware-backed store (Android: AndroidKeyStore). */
interface KeyWrapper {
    /** Encrypts [plain] with the wrapping key (creating it on first use); returns the IV and the ciphertext. */
    fun wrap(plain: ByteArray): Sealed

    /** Decrypts; throws [GeneralSecurityException] if the key is gone or the bytes were altered. */
    fun unwrap(sealed: Sealed): ByteArray

    /** Deletes the wrapping key (erase-all). */
    fun delete()

    /** An AES-GCM output: 12-byte IV and ciphertext with its 16-byte tag. */
    class Sealed(val iv: ByteArray, val ciphertext: ByteArray)

    /**
     * The keystore could not answer now (busy or restarting daemon, a provider error) but the
     * key may well be fine: worth retrying, never a reason to call the key lost.
     */
    class TransientFailure(cause: Throwable) : Exception("the keystore is temporarily unavailable: ${cause.javaClass.simpleName}", cause)
}

/**
 * The keystore kept failing transiently after every retry. Not a [KeyUnavailable]: the app
 * offers "try again", never "start again".
 */
class KeystoreBusy(cause: KeyWrapper.TransientFailure) : Exception("the keystore did not answer; try again", cause)

/** Why the key could not be produced; the app offers restore-from-backup or erase, never a silent new key. */
sealed class KeyUnavailable(message: String) : Exception(message) {
    /** A database exists but its wrapped key does not (deleted, or a device transfer without it). */
    class Missing : KeyUnavailable("the database key is missing")

    /** The wrapped key file is not in the expected format. */
    class Damaged(detail: String) : KeyUnavailable("the wrapped database key is damaged: $detail")

    /** The keystore could not unwrap it (the wrapping key was removed or invalidated). */
    class Unwrappable(cause: GeneralSecurityException) : KeyUnavailable("the database key can't be unwrapped: ${cause.javaClass.simpleName}")
}

/**
 * Produces the profile's database key.
 *
 * @param wrappedKeyFile in `Context.getNoBackupFilesDir()`, so neither Auto Backup nor device
 *   transfer copies it (the backup rules exclude it as well).
 */
class DatabaseKeyProvider(
    private val wrapper: KeyWrapper,
    private val wrappedKeyFile: File,
    private val random: SecureRandom = SecureRandom(),
    /** Waits between attempts after a [KeyWrapper.TransientFailure]; injected so tests don't sleep. */
    private val pause: (attempt: Int) -> Unit = { attempt -> Thread.sleep(RETRY_BASE_MS shl attempt) },
) {
    /**
     * The key for the database: unwrapped from [wrappedKeyFile], or — only when no database
     * exists yet — a new random one, wrapped and stored before it is returned.
     *
     * Transient keystore failures are retried [ATTEMPTS] times with a growing pause.
     *
     * @throws KeyUnavailable when a database exists but its key can't be recovered.
     * @throws KeystoreBusy when the keystore failed transiently every time.
     */
    fun obtain(databaseExists: Boolean): ByteArray {
        var attempt = 0
        while (true) {
            try {
                return obtainOnce(databaseExists)
            } catch (e: KeyWrapper.TransientFailure) {
                if (++attempt >= ATTEMPTS) throw KeystoreBusy(e)
                pause(attempt)
            }
        }
    }

    private fun obtainOnce(databaseExists: Boolean): ByteArray {
        if (!wrappedKeyFile.exists()) {
            if (databaseExists) throw KeyUnavailable.Missing()
            return create()
        }
        val sealed = decode(wrappedKeyFile.readBytes())
        val key = try {
            wrapper.unwrap(sealed)
        } catch (e: GeneralSecurityException) {
            throw KeyUnavailable.Unwrappable(e)
        }
        if (key.size != KEY_BYTES) throw KeyUnavailable.Damaged("unwrapped key has the wrong length")
        return key
    }

    /** Deletes the wrapped key and the wrapping key: after erase-all, nothing can open the old file. */
    fun destroy() {
        wrappedKeyFile.delete()
        wrapper.delete()
    }

    private fun create(): ByteArray {
        val key = ByteArray(KEY_BYTES).also(random::nextBytes)
        val bytes = encode(wrapper.wrap(key))
        writeDurably(wrappedKeyFile, bytes)
        return key
    }

    companion object {
        /** Tries per [obtain] before [KeystoreBusy]. */
        const val ATTEMPTS = 4
        private const val RETRY_BASE_MS = 100L

        /**
         * What `android.util.AtomicFile` does, in plain Kotlin so the JVM tests run it: write a
         * temporary file, fsync it, rename it over the target atomically, fsync the folder. A
         * crash or power cut leaves either no key file or the whole one — never a torn file that
         * would make the profile look lost.
         */
        fun writeDurably(target: File, bytes: ByteArray) {
            val dir = target.absoluteFile.parentFile ?: throw IOException("no folder for the key file")
            dir.mkdirs()
            val tmp = File(dir, target.name + ".new")
            try {
                FileOutputStream(tmp).use { out ->
                    out.write(bytes)
                    out.fd.sync()
                }
                Files.move(tmp.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING)
            } catch (e: IOException) {
                tmp.delete()
                throw IOException("could not store the wrapped database key", e)
            }
            // The rename is durable once the folder's entry is on disk.
            runCatching { FileChannel.open(dir.toPath(), StandardOpenOption.READ).use { it.force(true) } }
        }

        /** SQLCipher raw key length. */
        const val KEY_BYTES = 32
        const val FORMAT_VERSION: Byte = 1
        const val IV_BYTES = 12

        /** Ciphertext of a 32-byte key plus the 16-byte GCM tag. */
        const val SEALED_BYTES = KEY_BYTES + 16

        /** File format: version (1 byte) ‖ IV (12) ‖ ciphertext+tag (48). */
        fun encode(sealed: KeyWrapper.Sealed): ByteArray {
            require(sealed.iv.size == IV_BYTES && sealed.ciphertext.size == SEALED_BYTES) { "unexpected AES-GCM output size" }
            return byteArrayOf(FORMAT_VERSION) + sealed.iv + sealed.ciphertext
        }

        /** Parses [encode]'s format; anything else is [KeyUnavailable.Damaged]. */
        fun decode(bytes: ByteArray): KeyWrapper.Sealed {
            if (bytes.size != 1 + IV_BYTES + SEALED_BYTES) throw KeyUnavailable.Damaged("length ${bytes.size}")
            if (bytes[0] != FORMAT_VERSION) throw KeyUnavailable.Damaged("format version ${bytes[0]}")
            return KeyWrapper.Sealed(bytes.copyOfRange(1, 1 + IV_BYTES), bytes.copyOfRange(1 + IV_BYTES, bytes.size))
        }
    }
}
