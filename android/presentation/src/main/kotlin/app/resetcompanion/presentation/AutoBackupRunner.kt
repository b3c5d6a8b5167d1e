package app.resetcompanion.presentation

import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.autoBackupStatus
import app.resetcompanion.core.model.AutoBackupOutcome
import app.resetcompanion.core.model.RotationSettlement
import app.resetcompanion.core.runAutoBackupIfDue
import app.resetcompanion.core.settleRecoveryKeyRotation
import java.io.File

/**
 * The daily automatic backup (issue 21): what the app runs after the first use each day and
 * what the daily JobScheduler job runs (`android/app`'s `DailyJob`). Settles a key rotation a
 * kill interrupted first (promoting or dropping the pending key), then writes today's backup
 * with the current key if one is due. A rotation awaiting the person's confirmation leaves
 * backups under the current key: nothing is ever sealed for a key they have not confirmed, and
 * neither while the turn-on ceremony is unfinished ([RecoveryKeys.isUnconfirmed]).
 */
class AutoBackupRunner(private val store: ResetStore, private val folder: File, private val keys: RecoveryKeys) {
    /** What a run did. */
    sealed interface Outcome {
        /** Automatic backups are off. */
        data object Off : Outcome

        data object NotDue : Outcome

        /** On, but the person has not confirmed the key yet (the ceremony was left): nothing written. */
        data object Unconfirmed : Outcome

        data class Written(val name: String) : Outcome
    }

    /** Backups are on but this device holds no recovery key. */
    class NoKey : IllegalStateException("automatic backups are on but no recovery key is stored on this device")

    /** Settles what a kill left of a key rotation and applies it to the stored keys. */
    suspend fun settle(): RotationSettlement {
        val current = keys.read() ?: run {
            keys.deletePending()
            return RotationSettlement.NothingPending
        }
        val settled = store.settleRecoveryKeyRotation(folder, current, keys.readPending())
        when (settled) {
            is RotationSettlement.Committed -> keys.promotePending()
            is RotationSettlement.Discarded -> keys.deletePending()
            RotationSettlement.AwaitingConfirmation, RotationSettlement.NothingPending -> Unit
        }
        return settled
    }

    /** Settles, then writes today's backup if it is due. */
    suspend fun run(): Outcome {
        if (!store.autoBackupStatus(folder).enabled) return Outcome.Off
        settle()
        if (keys.isUnconfirmed()) return Outcome.Unconfirmed
        val key = keys.read() ?: throw NoKey()
        val run = store.runAutoBackupIfDue(folder, key)
        return when (run.outcome) {
            AutoBackupOutcome.WRITTEN -> Outcome.Written(run.file?.name.orEmpty())
            AutoBackupOutcome.NOT_DUE -> Outcome.NotDue
            AutoBackupOutcome.OFF -> Outcome.Off
        }
    }
}
