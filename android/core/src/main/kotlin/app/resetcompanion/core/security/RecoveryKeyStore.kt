package app.resetcompanion.core.security

import java.io.File
import java.io.IOException

// The automatic backups' recovery key on the device (issue 21): wrapped by the same kind of
// non-exportable AndroidKeyStore AES-GCM key as the database key, stored in the no-backup files
// folder so it never travels with the backup it opens. Plain Kotlin, tested on the JVM with an
// in-memory wrapper. It never logs the key or puts it in a message.

/**
 * Keeps the recovery key wrapped in [file] (in `Context.getNoBackupFilesDir()`), and during a
 * two-phase key rotation the new, not yet committed key in `<file>.pending` beside it.
 */
class RecoveryKeyStore(private val wrapper: KeyWrapper, private val file: File) {
    private val pendingFile = File(file.path + ".pending")
    private val unconfirmedFile = File(file.path + ".unconfirmed")

    /** The stored key, or null when automatic backups were never turned on on this device. */
    fun read(): String? = readFrom(file)

    /** Stores [key] (replacing an earlier one) atomically. */
    fun save(key: String) = saveTo(file, key)

    /** Forgets the key (automatic backups turned off with their files deleted). */
    fun delete() {
        file.delete()
    }

    /** A rotation's new key, stored before it is shown and until the commit. */
    fun readPending(): String? = readFrom(pendingFile)

    /** Stores a rotation's new key as pending; the current key is untouched. */
    fun savePending(key: String) = saveTo(pendingFile, key)

    /** Forgets the pending key (the rotation was discarded, or promoted). */
    fun deletePending() {
        pendingFile.delete()
    }

    /**
     * True while the current key was made but the person has not typed two of its groups back yet
     * (the turn-on ceremony was left by Back or a kill): no backup is written under it until then.
     * A marker file (no key material) beside the key, so it outlives the process.
     */
    fun isUnconfirmed(): Boolean = unconfirmedFile.exists()

    /** Sets or clears the "not confirmed yet" marker, durably. */
    fun markUnconfirmed(unconfirmed: Boolean) {
        if (unconfirmed) {
            DatabaseKeyProvider.writeDurably(unconfirmedFile, byteArrayOf(FORMAT_VERSION))
        } else if (unconfirmedFile.exists() && !unconfirmedFile.delete()) {
            throw IOException("the recovery key's confirmation marker could not be cleared")
        }
    }

    private fun readFrom(file: File): String? {
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

    private fun saveTo(file: File, key: String) {
        val plain = key.toByteArray(Charsets.UTF_8)
        try {
            val sealed = wrapper.wrap(plain)
            DatabaseKeyProvider.writeDurably(file, byteArrayOf(FORMAT_VERSION) + sealed.iv + sealed.ciphertext)
        } finally {
            plain.fill(0)
        }
    }

    private companion object {
        const val FORMAT_VERSION: Byte = 1
        const val IV_BYTES = 12
    }
}
