package app.resetcompanion.core.security

import java.io.File
import java.io.IOException
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
}

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
) {
    /**
     * The key for the database: unwrapped from [wrappedKeyFile], or — only when no database
     * exists yet — a new random one, wrapped and stored before it is returned.
     *
     * @throws KeyUnavailable when a database exists but its key can't be recovered.
     */
    fun obtain(databaseExists: Boolean): ByteArray {
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
        // Write-then-rename: a crash leaves either no key file or a whole one, never half.
        wrappedKeyFile.parentFile?.mkdirs()
        val tmp = File(wrappedKeyFile.path + ".tmp")
        tmp.writeBytes(bytes)
        if (!tmp.renameTo(wrappedKeyFile)) {
            tmp.delete()
            throw IOException("could not store the wrapped database key")
        }
        return key
    }

    companion object {
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
