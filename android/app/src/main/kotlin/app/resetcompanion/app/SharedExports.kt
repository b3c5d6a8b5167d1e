package app.resetcompanion.app

import java.io.File

/**
 * The share folder (`cache/shared`, the only FileProvider path): exports and backups wait there
 * for the share sheet. A therapist report is as private as the profile, so files are swept
 * [GRACE_MS] after they were written each time the app comes to the foreground, and the whole
 * folder at every launch (the process may have died while the sheet was open). Not at the
 * moment the chooser returns: a target that uploads in the background (Drive, a mail outbox)
 * or runs in its own task may still be reading the URI then (review A10).
 */
class SharedExports(private val dir: File) {
    /** Deletes files written more than [GRACE_MS] before [nowMs]. Call on every foreground. */
    fun sweep(nowMs: Long) {
        dir.listFiles()?.filter { nowMs - it.lastModified() > GRACE_MS }?.forEach { it.deleteRecursively() }
    }

    /** Deletes everything left from earlier shares. Call at launch. */
    fun clear() {
        dir.listFiles()?.forEach { it.deleteRecursively() }
    }

    /** Deletes one shared file after its share sheet closed; ignores files outside the folder. */
    fun delete(file: File) {
        if (file.canonicalFile.parentFile == dir.canonicalFile) file.delete()
    }

    companion object {
        /** How long a shared file stays for the receiving app: ten minutes. */
        const val GRACE_MS = 10 * 60_000L
    }
}
