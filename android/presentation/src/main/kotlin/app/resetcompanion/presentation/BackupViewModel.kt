package app.resetcompanion.presentation

import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.createBackup
import app.resetcompanion.core.model.BackupSummary
import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.RestoreSummary
import app.resetcompanion.core.restoreBackup
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.withContext
import java.io.File

/** What the backup screen is doing. */
enum class BackupMode { CREATE, RESTORE }

/** Encrypted backup (to share or save) and verified restore. */
data class BackupUiState(
    val mode: BackupMode = BackupMode.CREATE,
    val passphrase: String = "",
    /** Creating asks twice: a typo would lock the person out of their own backup. */
    val confirmation: String = "",
    /** The backup file chosen for restore (Android copies the picked document here first). */
    val restoreFile: File? = null,
    /** Restore replaces everything: the person must confirm. */
    val restoreConfirmed: Boolean = false,
    val working: Boolean = false,
    /** 0…1 while working (Argon2id takes about a second by design). */
    val progress: Float = 0f,
    val created: BackupSummary? = null,
    val restored: RestoreSummary? = null,
    val share: ShareRequest? = null,
    val error: UiError? = null,
) {
    val canCreate: Boolean get() = !working && passphrase.isNotEmpty() && passphrase == confirmation
    val canRestore: Boolean get() = !working && passphrase.isNotEmpty() && restoreFile != null && restoreConfirmed
}

/**
 * Runs backup and restore in the core; after a restore the rest of the app must reload:
 * [onProfileReplaced] tells the app (AppGraph's `profileReplacements`), which renews every other
 * screen and the lock settings (review 2, B7).
 */
class BackupViewModel(
    private val store: ResetStore,
    private val shareDir: File,
    private val platform: PlatformHooks = PlatformHooks.None,
    private val onProfileReplaced: () -> Unit = {},
) : StoreViewModel<BackupUiState>(BackupUiState()) {

    fun setMode(mode: BackupMode) = update { BackupUiState(mode = mode) }
    fun setPassphrase(text: String) = update { it.copy(passphrase = text, error = null) }
    fun setConfirmation(text: String) = update { it.copy(confirmation = text, error = null) }

    /**
     * Fills in a passphrase the app generated — the only kind the phone library accepts for a
     * new backup (ADR 0011); the screen shows it and the person types it back as [BackupUiState.confirmation].
     */
    fun generatePassphrase() = update {
        it.copy(passphrase = app.resetcompanion.core.generateBackupPassphrase(), confirmation = "", error = null)
    }
    fun chooseRestoreFile(file: File) = update { it.copy(restoreFile = file, restored = null, error = null) }

    /** The picked document could not be copied (revoked grant, cloud file offline…); [reason] names the failure only. */
    fun restoreFileUnreadable(reason: String) = update {
        it.copy(restoreFile = null, error = UiError(ErrorKind.STORAGE, field = "file", message = "the chosen file can't be read ($reason)"))
    }
    fun confirmRestore(confirmed: Boolean) = update { it.copy(restoreConfirmed = confirmed) }

    /** Writes `reset-backup-<date>.resetbackup` and offers it to the share sheet. */
    fun create() {
        val s = current
        if (s.working) return
        if (s.passphrase != s.confirmation) {
            update { it.copy(error = UiError.invalid("confirmation", "the two passphrases differ")) }
            return
        }
        update { it.copy(working = true, progress = 0f, error = null, created = null, share = null) }
        launchCatching(::failed) {
            shareDir.mkdirs()
            val file = File(shareDir, "reset-backup-${store.today()}.resetbackup")
            val summary = store.createBackup(file, s.passphrase, ::progress)
            update {
                it.copy(
                    working = false,
                    progress = 1f,
                    created = summary,
                    passphrase = "",
                    confirmation = "",
                    share = ShareRequest(file, MIME_TYPE, "Reset backup"),
                )
            }
        }
    }

    /** Replaces the profile with the chosen backup after the core verifies all of it. */
    fun restore() {
        val s = current
        val file = s.restoreFile ?: return
        if (!s.canRestore) return
        update { it.copy(working = true, progress = 0f, error = null, restored = null) }
        launchCatching(::failed) {
            // Not cancellable: once the core has replaced the profile, what follows must happen even
            // if the person left this screen meanwhile (its scope is cancelled then; review 3, F5).
            withContext(NonCancellable) {
                val summary = store.restoreBackup(file, s.passphrase, ::progress)
                update { it.copy(working = false, progress = 1f, restored = summary, passphrase = "", restoreConfirmed = false, restoreFile = null) }
                onProfileReplaced()
                // The restored rules replace the old ones: re-arm now, not at the next cold start
                // (the new-phone path would otherwise get no reminders). The local copy of the
                // picked file (a full, if encrypted, copy of the data) is no longer needed.
                platform.remindersChanged()
                file.delete()
            }
        }
    }

    fun shareHandled() = update { it.copy(share = null) }

    fun dismissError() = update { it.copy(error = null) }

    private fun progress(fraction: Double) = update { it.copy(progress = fraction.toFloat()) }

    // A wrong passphrase (WrongKey) or damaged file (Corrupt) leaves the profile untouched.
    private fun failed(s: BackupUiState, e: UiError) = s.copy(working = false, error = e)

    companion object {
        /** Opaque encrypted bytes. */
        const val MIME_TYPE = "application/octet-stream"
    }
}
