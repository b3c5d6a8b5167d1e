package app.resetcompanion.presentation

import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.SystemClock
import app.resetcompanion.core.model.Clock
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import java.io.File

/**
 * The app's object graph: the opened store, the clock and the platform hooks, and a factory
 * for every screen's view model. Android builds one in `ResetApplication` (key from the
 * Keystore); the desktop harness and tests build one over a real store in a temp folder.
 * It owns no state of its own beyond these references; closing the store is the owner's job.
 */
class AppGraph(
    /** The opened, encrypted profile. */
    val store: ResetStore,
    /** Where exports and backups are written before sharing (Android: `cacheDir/shared`, a FileProvider path). */
    val shareDir: File,
    /** Wall clock for the meditation timer; the core has its own injected clock. */
    val clock: Clock = SystemClock,
    /** Framework adapters (window security, permissions, alarms, Health Connect, key deletion). */
    val platform: PlatformHooks = PlatformHooks.None,
    /** How often the meditation timer refreshes its countdown. */
    val timerTickMillis: Long = 250,
    /** The timer's interval clock: monotonic on Android (`elapsedRealtime`); [clock] by default. */
    val elapsedClock: Clock = clock,
    /**
     * Where automatic backups are written (issue 21): `filesDir/auto-backups`, the only folder
     * the backup rules include. Beside [shareDir] by default (tests, the desktop harness).
     */
    val autoBackupFolder: File = File(shareDir.absoluteFile.parentFile, "auto-backups"),
    /** The recovery key: Keystore-wrapped in `noBackupFilesDir` on Android, memory elsewhere. */
    val recoveryKeys: RecoveryKeys = RecoveryKeys.InMemory(),
    /** Where "Start fresh instead" (the restore offer declined) is remembered: `noBackupFilesDir` on Android. */
    val restoreDeclinedMarker: File? = null,
) {
    fun today() = TodayViewModel(store)
    fun checkIn() = CheckInViewModel(store, platform)
    fun journal() = JournalViewModel(store, platform)
    fun thoughtRecord(entryId: String? = null, memory: ScreenMemory = ScreenMemory.InMemory()) = ThoughtRecordViewModel(store, platform, entryId, memory)
    fun assessment(instrument: String? = null) = AssessmentViewModel(store, platform, instrument)
    fun programmes() = ProgrammeBrowserViewModel(store)
    fun programmeStep(stepId: String) = ProgrammeStepViewModel(store, platform, stepId)
    fun meditation(stepId: String? = null, memory: ScreenMemory = ScreenMemory.InMemory()) =
        MeditationTimerViewModel(store, platform, clock, timerTickMillis, stepId, elapsedClock, memory)
    fun reminders() = ReminderSettingsViewModel(store, platform)
    fun export() = ExportViewModel(store, shareDir)
    fun backup() = BackupViewModel(store, shareDir, platform, ::profileReplaced)

    /**
     * The automatic-backup settings and key ceremony; [authenticate] is the device owner's check
     * (BiometricPrompt with the screen lock in the app) before the key is shown again or rotated.
     */
    fun autoBackup(authenticate: suspend () -> Boolean) = AutoBackupSettingsViewModel(store, autoBackupFolder, recoveryKeys, authenticate)

    /** The first-launch "restore from your automatic backup" offer. */
    fun autoBackupRestore() = AutoBackupRestoreViewModel(store, autoBackupFolder, recoveryKeys, platform, restoreDeclinedMarker, ::profileReplaced)

    /** The day's automatic backup, for the app's first use each day and the background job. */
    fun autoBackupRunner() = AutoBackupRunner(store, autoBackupFolder, recoveryKeys)

    /** A restore replaced the whole profile: every screen renews ([profileReplacements]). */
    fun profileReplaced() = replacements.update { it + 1 }

    private val replacements = MutableStateFlow(0)

    /**
     * How many restores replaced the profile since this graph was made. The app renews every
     * screen and re-reads the lock settings when it changes, even when the Backup screen that
     * ran the restore is gone (review 2, B7; review 3, F5).
     */
    val profileReplacements: StateFlow<Int> = replacements.asStateFlow()
    fun settings() = SettingsViewModel(store, platform)
    fun crisis() = CrisisViewModel(store)
    fun insights() = InsightsViewModel(store)
    fun checkInHistory() = CheckInHistoryViewModel(store)
    fun assessmentHistory() = AssessmentHistoryViewModel(store)
    fun practice() = PracticeViewModel(store)
    fun safetyPlan() = SafetyPlanViewModel(store)
    fun safetyPlanEdit(memory: ScreenMemory = ScreenMemory.InMemory()) = SafetyPlanEditViewModel(store, memory)
    fun safetyPlanHistory() = SafetyPlanHistoryViewModel(store)

    /** The app lock, one for the whole app (MainActivity keeps it in its activity-scoped store). */
    fun appLock(authenticator: DeviceAuthenticator, clock: app.resetcompanion.core.LockClock) = AppLockViewModel(store, authenticator, clock)
    fun journalEntry(kind: app.resetcompanion.core.model.JournalKind, entryId: String? = null, memory: ScreenMemory = ScreenMemory.InMemory()) =
        JournalEntryViewModel(store, platform, kind, entryId, memory)
}
