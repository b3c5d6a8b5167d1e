package app.resetcompanion.presentation

import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.autoBackupStatus
import app.resetcompanion.core.listAutoBackups
import app.resetcompanion.core.model.AutoRestoreSummary
import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.normalizedRecoveryKey
import app.resetcompanion.core.restoreAutoBackup
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.withContext
import java.io.File
import java.time.Instant

/** The first-launch offer: no entries yet and automatic backups restored by the platform. */
data class AutoBackupRestoreUiState(
    val offering: Boolean = false,
    val files: Int = 0,
    val newest: Instant? = null,
    /** The profile's time zone, for showing when the backups were written. */
    val zone: String? = null,
    val typedKey: String = "",
    val working: Boolean = false,
    val restored: AutoRestoreSummary? = null,
    /** Restored, but the Keystore refused to keep the key: daily backups need a new key (Settings). */
    val keyNotKept: Boolean = false,
    val error: UiError? = null,
) {
    /** The key's checksum catches typos before any file is tried. */
    val canRestore: Boolean get() = offering && !working && normalizedRecoveryKey(typedKey) != null

    /** Whether the offer takes the screen (before the app): offering, restoring, or saying what was restored. */
    val shown: Boolean get() = offering || working || restored != null
}

/**
 * "Restore from your automatic backup" (issue 21), shown instead of the app when the profile is
 * empty and Android's backup brought automatic backups back into the folder. A wrong key is the
 * core's `wrong_key`, said plainly; a damaged newest file is skipped by the core and named in
 * [AutoRestoreSummary.skipped], which the screen says. [onProfileReplaced] renews every screen
 * (as after a manual restore) and reminders are re-armed for the restored rules.
 */
class AutoBackupRestoreViewModel(
    private val store: ResetStore,
    private val folder: File,
    private val keys: RecoveryKeys,
    private val platform: PlatformHooks = PlatformHooks.None,
    /**
     * Remembers "Start fresh instead" across launches (`no_backup/` on Android): it holds the
     * newest backup's file name (no user text) then, so only backups newer than those declined
     * are offered again.
     */
    private val declinedMarker: File? = null,
    private val onProfileReplaced: () -> Unit = {},
) : StoreViewModel<AutoBackupRestoreUiState>(AutoBackupRestoreUiState()) {
    private var declined = false

    /**
     * Offers the restore only to a profile with nothing in it whose own automatic backups are off
     * (the profile that wrote the files has them on: the same phone is never offered its own
     * backups, review android4 F2), and not again after "Start fresh" for the same backups.
     */
    fun check() = launchCatching(::failed) {
        if (declined) return@launchCatching
        val status = store.status()
        val empty = status.counts.values.all { it == 0uL }
        val files = store.listAutoBackups(folder)
        val newest = files.firstOrNull()
        val ownBackups = files.isNotEmpty() && store.autoBackupStatus(folder).enabled
        val declinedBefore = newest != null && runCatching { declinedMarker?.takeIf { it.exists() }?.readText() }.getOrNull() == newest.name
        update {
            it.copy(
                offering = empty && newest != null && !ownBackups && !declinedBefore,
                files = files.size,
                newest = newest?.createdAt,
                zone = status.timeZone,
            )
        }
    }

    fun setKey(text: String) = update { it.copy(typedKey = text, error = null) }

    /** "Start fresh instead": the app opens on the empty profile; the backups stay where they are. */
    fun decline() {
        declined = true
        update { AutoBackupRestoreUiState() }
        val marker = declinedMarker ?: return
        launchCatching({ s, _ -> s }) {
            val newest = store.listAutoBackups(folder).firstOrNull() ?: return@launchCatching
            // Not kept (a full disk): this process still does not ask again.
            runCatching {
                marker.parentFile?.mkdirs()
                marker.writeText(newest.name)
            }
        }
    }

    /** Restores the newest usable backup and keeps the key so daily backups continue. */
    fun restore() {
        val key = normalizedRecoveryKey(current.typedKey) ?: return
        if (!current.canRestore) return
        update { it.copy(working = true, error = null) }
        launchCatching(::failed) {
            // Once the core has replaced the profile the rest must happen, even if the screen went.
            withContext(NonCancellable) {
                val summary = store.restoreAutoBackup(folder, key)
                // The person typed the key: it is confirmed (a marker a "start again" left goes).
                val kept = runCatching { keys.save(key) }.isSuccess && runCatching { keys.markUnconfirmed(false) }.isSuccess
                update { it.copy(working = false, offering = false, typedKey = "", restored = summary, keyNotKept = !kept) }
                onProfileReplaced()
                platform.remindersChanged()
            }
        }
    }

    /** "Open the app" after a restore: the offer goes. */
    fun finish() = update { AutoBackupRestoreUiState(zone = it.zone) }

    fun dismissError() = update { it.copy(error = null) }

    private fun failed(s: AutoBackupRestoreUiState, e: UiError) = s.copy(working = false, error = e.friendly())

    companion object {
        /** What a wrong key says: it names the field and that nothing changed (mirrors iOS). */
        const val WRONG_KEY_MESSAGE = "that key doesn't open these backups. Nothing was changed: check the key you wrote down and try again"

        private fun UiError.friendly() = if (kind == ErrorKind.WRONG_KEY) copy(field = "recovery_key", message = WRONG_KEY_MESSAGE) else this
    }
}
