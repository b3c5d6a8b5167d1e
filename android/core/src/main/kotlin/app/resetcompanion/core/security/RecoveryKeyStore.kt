package app.resetcompanion.core.security

import java.io.File
import java.io.IOException

// The automatic backups' recovery key on the device (issue 21): wrapped by the same kind of
// non-exportable AndroidKeyStore AES-GCM key as the database key, stored in the no-backup files
// folder so it never travels with the backup it opens. Plain Kotlin, tested on the JVM with an
// in-memory wrapper. It never logs the key or puts it in a message.

/**
 * Keeps the recovery key wrapped in [file] (in `Context.getNoBackupFilesDir()`).
 */
class RecoveryKeyStore(private val wrapper: KeyWrapper, private val file: File) {
    /** The stored key, or null when automatic backups were never turned on on this device. */
    fun read(): String? {
        if (!file.exists()) return null
        val bytes = file.readBytes()
        if (bytes.size < 1 + IV_BYTES + 16 || bytes[0] != FORMAT_VERSION) throw IOException("the wrapped recovery key is damaged")
        val sealed = KeyWrapper.Sealed(bytes.copyOfRange(1, 1 + IV_BYTES), bytes.copyOfRange(1 + IV_BYTES, bytes.size))
        val plain = wrapper.unwrap(sealed)
        return try {
            String(plain, Charsets.UTF_8)
        } finally {
            plain.fill(0)
        }
    }

    /** Stores [key] (replacing an earlier one, after a rotation) atomically. */
    fun save(key: String) {
        val plain = key.toByteArray(Charsets.UTF_8)
        try {
            val sealed = wrapper.wrap(plain)
            DatabaseKeyProvider.writeDurably(file, byteArrayOf(FORMAT_VERSION) + sealed.iv + sealed.ciphertext)
        } finally {
            plain.fill(0)
        }
    }

    /** Forgets the key (automatic backups turned off with their files deleted). */
    fun delete() {
        file.delete()
    }

    private companion object {
        const val FORMAT_VERSION: Byte = 1
        const val IV_BYTES = 12
    }
}
