package app.resetcompanion.presentation

import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.autoBackupStatus
import app.resetcompanion.core.commitRecoveryKeyRotation
import app.resetcompanion.core.discardRecoveryKeyRotation
import app.resetcompanion.core.model.AutoBackupStatus
import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.RotationSettlement
import app.resetcompanion.core.prepareRecoveryKeyRotation
import app.resetcompanion.core.runAutoBackupIfDue
import app.resetcompanion.core.turnOffAutoBackup
import app.resetcompanion.core.turnOnAutoBackup
import java.io.File

/** The automatic-backup settings screen and the one-time key ceremony (issue 21). */
data class AutoBackupUiState(
    val loading: Boolean = true,
    val status: AutoBackupStatus? = null,
    /** The profile's time zone: when the last backup was is shown in it. */
    val zone: String? = null,
    /** The key in groups of four while it is shown (the ceremony, or again after authentication). */
    val shownGroups: List<String>? = null,
    /** The groups (0-based) the person must type again to finish the ceremony. */
    val askedPositions: List<Int>? = null,
    val typedGroups: List<String> = listOf("", ""),
    /** The groups typed back did not match: the key is shown again, saying so. */
    val mismatch: Boolean = false,
    /** The key shown is being made (turning on or a rotation): it needs the two-group confirmation. */
    val ceremony: Boolean = false,
    /** The key shown is a rotation's new key: confirming commits it, cancelling discards it. */
    val rotating: Boolean = false,
    /** A rotation was interrupted after its key was stored, before it was confirmed: resume or cancel. */
    val rotationAwaitingConfirmation: Boolean = false,
    /**
     * Backups are on but the turn-on ceremony was left before the key was confirmed (Back, or a
     * kill): nothing is backed up until "Finish setting up" shows the key again and two groups
     * come back (review android4, F1).
     */
    val setupUnfinished: Boolean = false,
    /** Back was pressed mid-ceremony: "Leave without confirming?" is asked. */
    val leaveAsked: Boolean = false,
    /**
     * The device owner's check (fingerprint, face or screen lock) did not confirm it is them, or
     * there is no screen lock to check: the key stays hidden and the screen says why.
     */
    val authRefused: Boolean = false,
    val error: UiError? = null,
) {
    val enabled: Boolean get() = status?.enabled == true
}

/**
 * Turning on stores the key (Keystore-wrapped) before showing it, then asks for two of its
 * groups back before the first backup: a person who did not write it down cannot finish by
 * tapping OK. Showing the key again needs [authenticate] (BiometricPrompt with device
 * credential in the app).
 */
class AutoBackupSettingsViewModel(
    private val store: ResetStore,
    private val folder: File,
    private val keys: RecoveryKeys,
    private val authenticate: suspend () -> Boolean,
    private val choosePositions: (Int) -> List<Int> = { n -> (0 until n).shuffled().take(2).sorted() },
) : StoreViewModel<AutoBackupUiState>(AutoBackupUiState()) {
    private var pendingKey: String? = null

    /** Settles an interrupted key rotation, then reads the switch and the files. */
    fun load() = launchCatching(::failed) { refresh() }

    private suspend fun refresh() {
        // A key the Keystore can't read now must not take the whole screen down: the status still shows.
        val awaiting = try {
            AutoBackupRunner(store, folder, keys).settle() is RotationSettlement.AwaitingConfirmation
        } catch (e: Exception) {
            if (e is app.resetcompanion.core.model.ResetException || e is kotlinx.coroutines.CancellationException) throw e
            false
        }
        val status = store.autoBackupStatus(folder)
        val zone = store.status().timeZone
        val unfinished = status.enabled && keys.isUnconfirmed()
        update {
            AutoBackupUiState(loading = false, status = status, zone = zone, rotationAwaitingConfirmation = awaiting, setupUnfinished = unfinished)
        }
    }

    /**
     * "Rotate the key": after device authentication a new key is prepared (backups stay under the
     * current one), stored as pending, then shown; the two-group confirmation commits it.
     */
    fun rotate() = launchCatching(::failed) {
        if (!current.enabled || !ownerConfirmed()) return@launchCatching
        val currentKey = storedKey("no recovery key on this device; turn automatic backups off and on again") ?: return@launchCatching
        val prepared = store.prepareRecoveryKeyRotation(folder, currentKey)
        try {
            keys.savePending(prepared.recoveryKey)
        } catch (e: Exception) {
            // Never show a key that is not stored: the rotation is abandoned instead.
            store.discardRecoveryKeyRotation(folder)
            update { it.copy(error = UiError(ErrorKind.STORAGE, message = "the new recovery key could not be stored (${e.javaClass.simpleName})")) }
            return@launchCatching
        }
        pendingKey = prepared.recoveryKey
        update { it.copy(shownGroups = prepared.recoveryKey.split('-'), askedPositions = null, ceremony = true, rotating = true, error = null) }
    }

    /** Resumes an interrupted rotation's ceremony: the pending key again, after authentication. */
    fun resumeRotation() = launchCatching(::failed) {
        if (!current.rotationAwaitingConfirmation || !ownerConfirmed()) return@launchCatching
        val pending = keys.readPending() ?: return@launchCatching refresh()
        pendingKey = pending
        update {
            it.copy(shownGroups = pending.split('-'), askedPositions = null, ceremony = true, rotating = true, rotationAwaitingConfirmation = false)
        }
    }

    /** Cancels a rotation: the new key is discarded, the current one stays. */
    fun cancelRotation() = launchCatching(::failed) {
        if (!current.rotating && !current.rotationAwaitingConfirmation) return@launchCatching
        store.discardRecoveryKeyRotation(folder)
        keys.deletePending()
        pendingKey = null
        refresh()
    }

    /**
     * Turns on with a new key. "Not confirmed" is recorded before anything else (outside this
     * view model), so Back or a kill before the two groups come back leaves backups refusing to
     * run and the screen saying "Finish setting up", never "On" with a key nobody wrote down.
     */
    fun turnOn() = launchCatching(::failed) {
        keys.markUnconfirmed(true)
        val key = store.turnOnAutoBackup()
        try {
            keys.save(key)
        } catch (e: Exception) {
            // Without a stored key no daily backup can run: undo rather than stay half on.
            store.turnOffAutoBackup(null, deleteFiles = false)
            keys.markUnconfirmed(false)
            update { it.copy(error = UiError(ErrorKind.STORAGE, message = "the recovery key could not be stored (${e.javaClass.simpleName})")) }
            return@launchCatching
        }
        pendingKey = key
        update { it.copy(shownGroups = key.split('-'), askedPositions = null, ceremony = true, error = null) }
    }

    /** "Finish setting up": after the device owner's check, the stored key again and the two-group check. */
    fun finishSetup() = launchCatching(::failed) {
        if (!current.setupUnfinished || !ownerConfirmed()) return@launchCatching
        val key = storedKey("no recovery key on this device; turn automatic backups off and on again") ?: return@launchCatching
        pendingKey = key
        update { it.copy(shownGroups = key.split('-'), askedPositions = null, ceremony = true, rotating = false, setupUnfinished = false) }
    }

    /**
     * Back on the screen: mid-ceremony it asks first ("Leave without confirming?") and returns
     * true (Back used); otherwise false and Back leaves.
     */
    fun askBeforeLeaving(): Boolean {
        if (!current.ceremony) return false
        update { it.copy(leaveAsked = true) }
        return true
    }

    /** "Stay": the ceremony carries on. */
    fun stay() = update { it.copy(leaveAsked = false) }

    fun wroteItDown() = update { s ->
        val groups = s.shownGroups ?: return@update s
        if (pendingKey == null) s else s.copy(askedPositions = choosePositions(groups.size), typedGroups = listOf("", ""), mismatch = false)
    }

    fun setTypedGroup(index: Int, text: String) = update { s ->
        s.copy(typedGroups = s.typedGroups.toMutableList().also { it[index] = text })
    }

    /** Checks the typed groups (case and spaces ignored); a mismatch shows the key again. */
    fun confirm() = launchCatching(::failed) {
        val key = pendingKey ?: return@launchCatching
        val s = current
        val asked = s.askedPositions ?: return@launchCatching
        val groups = key.split('-')
        val typed = s.typedGroups.map { t -> t.uppercase().filter { !it.isWhitespace() && it != '-' } }
        if (typed != asked.map { groups[it] }) {
            update { it.copy(askedPositions = null, typedGroups = listOf("", ""), mismatch = true) }
            return@launchCatching
        }
        pendingKey = null
        if (s.rotating) {
            val currentKey = storedKey("no recovery key on this device; turn automatic backups off and on again") ?: return@launchCatching
            store.commitRecoveryKeyRotation(folder, currentKey, key)
            keys.promotePending()
        } else {
            keys.markUnconfirmed(false)
            store.runAutoBackupIfDue(folder, key)
        }
        refresh()
    }

    /** Shows the stored key again, only after the device owner authenticated. */
    fun showKeyAgain() = launchCatching(::failed) {
        if (!current.enabled || !ownerConfirmed()) return@launchCatching
        val key = storedKey("no recovery key on this device; turn automatic backups off and on again to make a new one") ?: return@launchCatching
        update { it.copy(shownGroups = key.split('-'), askedPositions = null) }
    }

    fun doneShowingKey() = update { if (pendingKey == null) it.copy(shownGroups = null) else it }

    fun turnOff(deleteFiles: Boolean) = launchCatching(::failed) {
        store.turnOffAutoBackup(folder, deleteFiles)
        keys.markUnconfirmed(false)
        if (deleteFiles) keys.delete()
        val status = store.autoBackupStatus(folder)
        update { AutoBackupUiState(loading = false, status = status, zone = current.zone) }
    }

    /** The stored key, or null after saying why there is none ([missing]) or why it can't be read. */
    private fun storedKey(missing: String): String? {
        val key = try {
            keys.read()
        } catch (e: Exception) {
            update {
                it.copy(
                    error = UiError(ErrorKind.STORAGE, message = "the recovery key on this device can't be read now (${e.javaClass.simpleName}); try again"),
                )
            }
            return null
        }
        if (key == null) update { it.copy(error = UiError(ErrorKind.NOT_FOUND, message = missing)) }
        return key
    }

    /** Asks for the device owner's check; a refusal is said on screen, never silent. */
    private suspend fun ownerConfirmed(): Boolean {
        update { it.copy(authRefused = false) }
        val ok = authenticate()
        if (!ok) update { it.copy(authRefused = true) }
        return ok
    }

    fun dismissError() = update { it.copy(error = null, authRefused = false) }

    private fun failed(s: AutoBackupUiState, e: UiError) = s.copy(loading = false, error = e)
}
