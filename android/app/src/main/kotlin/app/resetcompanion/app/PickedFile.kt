package app.resetcompanion.app

import android.content.ContentResolver
import android.net.Uri
import java.io.File
import java.io.IOException

// The core restores from a path, so a document picked with the system file picker is copied
// into the app's cache first. Providers fail in many ways (revoked grant, cloud file not
// downloadable, removed SD card): each becomes a result the backup screen can show, never a crash.

/** The outcome of copying a picked document. */
sealed interface PickedFile {
    /** Copied whole into [file]. */
    data class Copied(val file: File) : PickedFile

    /** Could not be read; nothing was left behind. [reason] names the failure, never the file. */
    data class Unreadable(val reason: String) : PickedFile
}

/** Copies [uri] into [target] (replacing it). Blocking: call on `Dispatchers.IO`. */
fun copyPickedFile(resolver: ContentResolver, uri: Uri, target: File): PickedFile = try {
    target.parentFile?.mkdirs()
    val input = resolver.openInputStream(uri) ?: throw IOException("the provider returned no stream")
    input.use { src -> target.outputStream().use { src.copyTo(it) } }
    PickedFile.Copied(target)
} catch (e: IOException) {
    target.delete()
    PickedFile.Unreadable(e.javaClass.simpleName)
} catch (e: SecurityException) {
    target.delete()
    PickedFile.Unreadable("SecurityException")
} catch (e: IllegalArgumentException) {
    target.delete()
    PickedFile.Unreadable("IllegalArgumentException")
}
