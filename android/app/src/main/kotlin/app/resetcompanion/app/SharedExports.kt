package app.resetcompanion.app

import java.io.File

/**
 * The share folder (`cache/shared`, the only FileProvider path): exports and backups wait there
 * for the share sheet. A therapist report is as private as the profile, so each file is deleted
 * once the share sheet returns, and the whole folder at every launch (the process may have died
 * while the sheet was open).
 */
class SharedExports(private val dir: File) {
    /** Deletes everything left from earlier shares. Call at launch. */
    fun clear() {
        dir.listFiles()?.forEach { it.deleteRecursively() }
    }

    /** Deletes one shared file after its share sheet closed; ignores files outside the folder. */
    fun delete(file: File) {
        if (file.canonicalFile.parentFile == dir.canonicalFile) file.delete()
    }
}
