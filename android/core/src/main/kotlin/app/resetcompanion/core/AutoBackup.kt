package app.resetcompanion.core

import app.resetcompanion.core.model.AutoBackupFile
import app.resetcompanion.core.model.AutoBackupRotation
import app.resetcompanion.core.model.AutoBackupRun
import app.resetcompanion.core.model.AutoBackupStatus
import app.resetcompanion.core.model.AutoRestoreSummary
import app.resetcompanion.core.model.RotationSettlement
import java.io.File

// Automatic encrypted backups opened with a recovery key (issue 21) as suspend functions on
// ResetStore. The core writes and verifies the files; the app keeps the recovery key wrapped by
// the AndroidKeyStore (security/RecoveryKeyStore.kt) and passes it to each call. The folder is
// the one the backup rules include (res/xml/backup_rules.xml: only `auto-backups/`). Never log
// or print the recovery key.

/**
 * Turns automatic backups on and returns the new recovery key, once (seven groups of four
 * characters, 128 bits). Store it with [app.resetcompanion.core.security.RecoveryKeyStore]
 * before showing it.
 *
 * @throws app.resetcompanion.core.model.ResetException.Conflict if already on (rotate instead).
 */
suspend fun ResetStore.turnOnAutoBackup(folder: File? = null): String = call { it.turnOnAutoBackup(folder?.path) }

/** Turns automatic backups off; with [deleteFiles], deletes every automatic backup in [folder]. */
suspend fun ResetStore.turnOffAutoBackup(folder: File?, deleteFiles: Boolean): List<String> = call { it.turnOffAutoBackup(folder?.path, deleteFiles) }

/** On or off, the files in [folder] (newest first), and whether a run now would write one. */
suspend fun ResetStore.autoBackupStatus(folder: File?): AutoBackupStatus = call { it.autoBackupStatus(folder?.path) }

/**
 * Writes today's automatic backup if it is due (none yet this local day), keeping the last 7
 * daily and 4 weekly files. Call after the first use each day and from the WorkManager job; a
 * second call the same day returns `NOT_DUE` at once.
 */
suspend fun ResetStore.runAutoBackupIfDue(folder: File, recoveryKey: String): AutoBackupRun = call { it.runAutoBackupIfDue(folder.path, recoveryKey) }

/** The automatic backups in [folder], newest first. */
suspend fun ResetStore.listAutoBackups(folder: File): List<AutoBackupFile> = call { it.listAutoBackups(folder.path) }

/**
 * Replaces the whole profile with the newest automatic backup in [from] (a folder, or one file)
 * that [recoveryKey] opens and that passes every check; newer damaged files are in `skipped`.
 *
 * @throws app.resetcompanion.core.model.ResetException.WrongKey, `Corrupt` (every file
 *   damaged), `NotFound`, `InvalidInput` on `recovery_key` (a typo its checksum caught). The
 *   profile is untouched after any error.
 */
suspend fun ResetStore.restoreAutoBackup(from: File, recoveryKey: String, onProgress: ((Double) -> Unit)? = null): AutoRestoreSummary =
    call { it.restoreAutoBackup(from.path, recoveryKey, onProgress?.let(::FractionListener)) }

/**
 * Phase one of a key rotation: a new key, and the newest backup re-sealed for it into a pending
 * file that is no backup yet. Every backup and every run stays under [currentKey] until
 * [commitRecoveryKeyRotation]. Save the new key with `RecoveryKeyStore.savePending` before
 * showing it, never as the current key yet.
 *
 * @throws app.resetcompanion.core.model.ResetException.Conflict (backups off, or a rotation
 *   already prepared), `WrongKey` ([currentKey] opens no backup in a folder that has some).
 */
suspend fun ResetStore.prepareRecoveryKeyRotation(folder: File, currentKey: String): RecoveryKeyRotation =
    call { it.prepareRecoveryKeyRotation(folder.path, currentKey) }

/**
 * Phase two, after the person confirmed the new key: the newest backup becomes the new key's
 * and the files only the old key opens are deleted; then promote the pending key. Idempotent.
 *
 * @throws app.resetcompanion.core.model.ResetException.Conflict when [newKey] is not the
 *   prepared key (drop it).
 */
suspend fun ResetStore.commitRecoveryKeyRotation(folder: File, currentKey: String, newKey: String): AutoBackupRotation =
    call { it.commitRecoveryKeyRotation(folder.path, currentKey, newKey) }

/** Abandons a prepared rotation (the person cancelled); the current key keeps opening every backup. */
suspend fun ResetStore.discardRecoveryKeyRotation(folder: File): List<String> = call { it.discardRecoveryKeyRotation(folder.path) }

/**
 * Settles what a kill left of a rotation, on launch and before the background run: `Committed`
 * → promote the pending key; `Discarded` → delete it; `AwaitingConfirmation` → resume the key
 * ceremony; `NothingPending` → nothing to do.
 */
suspend fun ResetStore.settleRecoveryKeyRotation(folder: File, currentKey: String, pendingKey: String?): RotationSettlement =
    call { it.settleRecoveryKeyRotation(folder.path, currentKey, pendingKey) }

/** The key's written form (`XXXX-XXXX-…`), or null when [text] is not a recovery key (length, characters, checksum). */
fun normalizedRecoveryKey(text: String): String? = runCatching { normalizeRecoveryKey(text) }.getOrNull()
