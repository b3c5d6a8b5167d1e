package app.resetcompanion.core

import app.resetcompanion.core.model.BackupSummary
import app.resetcompanion.core.model.DumpSummary
import app.resetcompanion.core.model.RestoreSummary
import java.io.File

// Encrypted backup, verified restore and the canonical JSON dump (issue 8) as suspend
// functions on ResetStore. The work happens in the Rust core; this file adapts Files and a
// progress lambda.

/**
 * Writes an encrypted backup of the whole profile to [file], replacing an earlier file there
 * (never a profile's database or key file: those throw `InvalidInput` on `out`).
 *
 * The passphrase (8 characters or more) is stretched with Argon2id — about a second of
 * deliberate work on a phone — on the store's IO dispatcher. Nobody can open the file without
 * the passphrase; there is no recovery.
 *
 * @param onProgress the fraction done, 0…1, called on the worker thread.
 * @throws app.resetcompanion.core.model.ResetException.InvalidInput on `passphrase` or `out`.
 */
suspend fun ResetStore.createBackup(file: File, passphrase: String, onProgress: ((Double) -> Unit)? = null): BackupSummary =
    call { it.createBackup(file.path, passphrase, onProgress?.let(::FractionListener)) }

/**
 * Replaces the whole profile with the backup in [file], after verifying all of it.
 *
 * @throws app.resetcompanion.core.model.ResetException.WrongKey for a wrong passphrase,
 *   `Corrupt` for a damaged, truncated or altered file, `UnsupportedVersion` for a backup from
 *   a newer app, `NotFound` without a file. After any error the profile is exactly as it was.
 */
suspend fun ResetStore.restoreBackup(file: File, passphrase: String, onProgress: ((Double) -> Unit)? = null): RestoreSummary =
    call { it.restoreBackup(file.path, passphrase, onProgress?.let(::FractionListener)) }

/** Writes the canonical JSON dump of every table to [file]. Not encrypted: it holds everything. */
suspend fun ResetStore.exportDump(file: File): DumpSummary = call { it.exportDump(file.path, null) }

/** Rows across all tables. */
val BackupSummary.totalRows: Long get() = tables.sumOf { it.rows.toLong() }

/** Rows across all tables. */
val RestoreSummary.totalRows: Long get() = tables.sumOf { it.rows.toLong() }

/** Adapts a fraction lambda to the core's [ProgressListener]. */
internal class FractionListener(private val report: (Double) -> Unit) : ProgressListener {
    override fun onProgress(done: ULong, total: ULong) {
        report(if (total == 0UL) 1.0 else done.toDouble() / total.toDouble())
    }
}
