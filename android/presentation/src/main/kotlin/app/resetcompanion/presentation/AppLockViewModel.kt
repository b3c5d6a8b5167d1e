package app.resetcompanion.presentation

import app.resetcompanion.core.LockClock
import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.appLockSettings
import app.resetcompanion.core.lockDue
import app.resetcompanion.core.model.ClockReading
import app.resetcompanion.core.model.LockPolicy
import app.resetcompanion.core.model.LockSettings
import app.resetcompanion.core.setAppLockSettings
import kotlinx.coroutines.Job

// The app lock (issue 20). Off by default; when on, the app opens behind the device's own
// authentication after the grace period the person chose. The decision is the core's
// `should_lock`; the OS prompt is behind [DeviceAuthenticator] (BiometricPrompt with
// BIOMETRIC_STRONG or DEVICE_CREDENTIAL on Android), so this flow is tested on the JVM.
// While locked: nothing of the person's data is shown; the crisis lines stay one tap away; the
// safety plan too if the person chose so. Every change to the settings needs a successful
// authentication first (turning the lock on proves the device can unlock it).

/** Whether the device can authenticate the person at all (`BiometricManager.canAuthenticate`). */
enum class AuthAvailability {
    /** A screen lock (PIN, pattern, password) or a strong biometric is set up. */
    AVAILABLE,

    /** The device has no screen lock: the app can't lock, and says so. */
    NO_DEVICE_CREDENTIAL,

    /** Authentication can't be used now (no hardware, a security update needed, unknown). */
    UNAVAILABLE,
}

/** How one request to the OS ended. */
enum class AuthOutcome {
    SUCCEEDED,

    /** The person closed the prompt. */
    CANCELLED,

    /** Not recognised, or an error; the prompt ended. */
    FAILED,

    /** Too many attempts: the OS refuses for a while. */
    LOCKED_OUT,

    /**
     * The prompt could not be shown (no activity, or it was no longer in the foreground):
     * nothing was checked, so it is not a failed attempt (review 2, B4 part 3).
     */
    NOT_SHOWN,
}

/** The OS prompt, thin: Android's is `BiometricPrompt` in the app module. */
interface DeviceAuthenticator {
    /** Whether authenticating is possible now (`canAuthenticate`: words the notice, never decides). */
    fun availability(): AuthAvailability

    /**
     * Whether the device has a screen lock (`KeyguardManager.isDeviceSecure()`): the ground truth
     * for "can the person unlock the app?" (review 2, B5). `canAuthenticate` answers
     * "unavailable" on some secured devices without a biometric sensor; that must neither leave
     * the app open nor make the lock impossible to turn on.
     */
    fun deviceSecure(): Boolean

    /** Shows the OS prompt and waits for its end. */
    suspend fun authenticate(): AuthOutcome
}

/** What the lock screen or the lock settings explain. */
enum class LockNotice { NONE, NO_DEVICE_CREDENTIAL, UNAVAILABLE, CANCELLED, FAILED, LOCKED_OUT, NOT_SHOWN }

/** The app lock's state, held for the whole app. */
data class AppLockUiState(
    /** Settings not read yet: the app shows nothing but a blank cover. */
    val loading: Boolean = true,
    val settings: LockSettings = LockSettings(LockPolicy.OFF, false),
    /** The app is locked: only the lock screen, the crisis lines and (if chosen) the safety plan show. */
    val locked: Boolean = false,
    val authenticating: Boolean = false,
    /** Failed unlock attempts since the last success. */
    val failedAttempts: Int = 0,
    val notice: LockNotice = LockNotice.NONE,
    val error: UiError? = null,
) {
    /** Whether the lock is on. */
    val enabled: Boolean get() = settings.policy != LockPolicy.OFF

    /** Whether the person's data may be shown now. */
    val contentVisible: Boolean get() = !loading && !locked

    /** The safety plan can be opened now: unlocked, or locked with the person's consent. */
    val planReachable: Boolean get() = !loading && (!locked || settings.safetyPlanVisibleWhenLocked)
}

/** The lock flow: lock on background past the grace period, unlock, settings behind authentication. */
class AppLockViewModel(private val store: ResetStore, private val authenticator: DeviceAuthenticator, private val clock: LockClock) :
    StoreViewModel<AppLockUiState>(AppLockUiState()) {
    /** When the app last went to the background; null before that (a new process locks at once). */
    private var lastActive: ClockReading? = null

    /** The outstanding request to the OS and when it started (review 2, B4 part 3). */
    private var request: Job? = null
    private var requestedAt: ClockReading? = null

    /** True while the OS prompt has not answered; false once it has and its result is applied. */
    private var awaitingOs = false

    /**
     * When the app went to the background while its own prompt was up: on Android 8–10 the
     * device credential is entered in a separate system activity, so every settings change looks
     * like leaving the app (review 2, B8). Not counted as leaving when the prompt succeeds.
     */
    private var awayDuringPrompt: ClockReading? = null

    init {
        // Settings that can't be read: fail closed only where the person can unlock (review 2, B4) —
        // a phone without a screen lock would otherwise show a lock screen with no way out.
        launchCatching({ s, e -> s.copy(loading = false, locked = canLock(), error = e) }) {
            val settings = store.appLockSettings()
            val locked = lockDue(settings.policy, null, clock.now()) && canLock()
            update { it.copy(loading = false, settings = settings, locked = locked, notice = noticeIfUnlockable(settings)) }
        }
    }

    /** The app went to the background: the grace period starts now. */
    fun onBackground() {
        val s = current
        if (s.locked) return
        if (s.authenticating) awayDuringPrompt = awayDuringPrompt ?: clock.now() else lastActive = clock.now()
    }

    /** The app came back: locks if the grace period has passed (the core decides). */
    fun onForeground() {
        val s = current
        // Back from the OS's own credential screen: the prompt's answer decides (see [change]).
        if (s.loading || s.locked || s.authenticating) return
        if (lockDue(s.settings.policy, lastActive, clock.now())) {
            if (canLock()) update { it.copy(locked = true, notice = LockNotice.NONE) } else update { it.copy(notice = noticeIfUnlockable(it.settings)) }
        }
    }

    /** Locks now (the lock is on). */
    fun lockNow() {
        if (current.enabled && canLock()) update { it.copy(locked = true, notice = LockNotice.NONE) }
    }

    /**
     * Asks the OS; unlocks on success, counts a failure, stays locked otherwise. A tap while an
     * earlier request is still outstanding asks again (see [takeOverStaleRequest]): Unlock never
     * stays dead.
     */
    fun unlock() {
        val s = current
        if (!s.locked || !takeOverStaleRequest()) return
        // The screen lock was removed while the lock screen showed (review 2, B4): the prompt can
        // never succeed, so the app opens and says why instead of "Not recognised" forever.
        if (!canLock()) return update { it.copy(locked = false, failedAttempts = 0, notice = LockNotice.NO_DEVICE_CREDENTIAL) }
        ask { outcome ->
            update { it.afterUnlock(outcome) }
            if (outcome == AuthOutcome.SUCCEEDED) lastActive = null
        }
    }

    /**
     * Re-reads the stored settings after a restore swapped in the backup's (review 2, B7): the
     * lock follows them at once, not after the next cold start, and a later change starts from
     * them. The current unlocked session stays open (the person just authenticated the restore
     * by its passphrase); the next trip to the background starts the restored grace period.
     */
    fun reload() {
        if (current.loading || current.locked) return
        launchCatching({ s, e -> s.copy(error = e) }) {
            val settings = store.appLockSettings()
            update { it.copy(settings = settings, notice = noticeIfUnlockable(settings)) }
        }
    }

    /** Chooses the lock's grace period, or turns it off; only after a successful authentication. */
    fun choosePolicy(policy: LockPolicy) = change { it.copy(policy = policy) }

    /** Whether the safety plan may be read while locked; only after a successful authentication. */
    fun setPlanVisibleWhenLocked(visible: Boolean) = change { it.copy(safetyPlanVisibleWhenLocked = visible) }

    fun dismissNotice() = update { it.copy(notice = LockNotice.NONE, error = null) }

    private fun change(edit: (LockSettings) -> LockSettings) {
        if (current.loading || current.locked || !takeOverStaleRequest()) return
        val s = current
        if (s.locked) return
        val wanted = edit(s.settings)
        if (wanted == s.settings) return
        // A secured device goes to the prompt even when `canAuthenticate` says "unavailable": the
        // prompt's own answer decides (review 2, B5).
        if (!canLock()) return update { it.copy(notice = LockNotice.NO_DEVICE_CREDENTIAL) }
        ask { outcome ->
            val away = awayDuringPrompt
            awayDuringPrompt = null
            if (outcome == AuthOutcome.SUCCEEDED) {
                // The person just proved who they are: the round trip through the credential screen is not leaving.
                store.setAppLockSettings(wanted)
                update { it.copy(authenticating = false, settings = wanted, notice = LockNotice.NONE) }
            } else {
                update { it.copy(authenticating = false, notice = outcome.notice) }
                // Not proven: time away while the prompt was up counts as away (someone else may
                // have dismissed a prompt left on screen), with the settings in force.
                if (away != null) {
                    lastActive = away
                    onForeground()
                }
            }
        }
    }

    /** Shows the OS prompt as the one outstanding request; [then] gets its end. */
    private fun ask(then: suspend (AuthOutcome) -> Unit) {
        update { it.copy(authenticating = true, notice = LockNotice.NONE) }
        requestedAt = clock.now()
        awaitingOs = true
        request = launchCatching({ st, e -> st.copy(authenticating = false, error = e) }) {
            val outcome = authenticator.authenticate()
            // Answered: from here the request finishes on its own and is never taken over.
            awaitingOs = false
            then(outcome)
        }
    }

    /**
     * Whether a new request may start. With none outstanding, yes. With one outstanding: the OS
     * prompt covers the app while it shows, so a tap that reaches the app means the prompt is not
     * there — androidx.biometric's `authenticate()` can return without ever calling back (no
     * FragmentManager, or called after `onSaveInstanceState`; review 2, B4 part 3), which used to
     * leave Unlock disabled until the process died. After [RETRY_AFTER_MS] (a double tap's
     * second touch is ignored) the old request is cancelled — its prompt, if any, dismissed —
     * and a new one may start.
     */
    private fun takeOverStaleRequest(): Boolean {
        if (!current.authenticating) return true
        if (!awaitingOs) return false
        val started = requestedAt
        if (started != null && elapsedMs(started, clock.now()) < RETRY_AFTER_MS) return false
        request?.cancel()
        request = null
        awaitingOs = false
        update { it.copy(authenticating = false) }
        // Time away while that prompt was up counts as away (review 2, B8): nothing was proven.
        val away = awayDuringPrompt
        awayDuringPrompt = null
        if (away != null) {
            lastActive = away
            onForeground()
        }
        return true
    }

    // A device whose screen lock was removed can't unlock the app: locking would shut the person
    // out of their own data with no way back. The app stays open and says why. A secured device
    // always locks (fail closed), whatever `canAuthenticate` says (review 2, B5).
    private fun canLock() = authenticator.deviceSecure()

    private fun noticeIfUnlockable(settings: LockSettings): LockNotice = when {
        settings.policy == LockPolicy.OFF -> LockNotice.NONE
        !authenticator.deviceSecure() -> LockNotice.NO_DEVICE_CREDENTIAL
        else -> LockNotice.NONE
    }
}

/** Milliseconds from [from] to [to]: by uptime when both know it, else by the wall clock. */
private fun elapsedMs(from: ClockReading, to: ClockReading): Long {
    val a = from.uptime
    val b = to.uptime
    return if (a != null && b != null) b.minus(a).toMillis() else to.wall.toEpochMilli() - from.wall.toEpochMilli()
}

/** How long an unanswered request blocks a new one (a double tap, not a person waiting). */
internal const val RETRY_AFTER_MS = 2_000L

private fun AppLockUiState.afterUnlock(outcome: AuthOutcome): AppLockUiState = when (outcome) {
    AuthOutcome.SUCCEEDED -> copy(authenticating = false, locked = false, failedAttempts = 0, notice = LockNotice.NONE)
    AuthOutcome.CANCELLED -> copy(authenticating = false, notice = LockNotice.CANCELLED)
    AuthOutcome.NOT_SHOWN -> copy(authenticating = false, notice = LockNotice.NOT_SHOWN)
    AuthOutcome.FAILED, AuthOutcome.LOCKED_OUT -> copy(authenticating = false, failedAttempts = failedAttempts + 1, notice = outcome.notice)
}

private val AuthOutcome.notice: LockNotice
    get() = when (this) {
        AuthOutcome.SUCCEEDED -> LockNotice.NONE
        AuthOutcome.CANCELLED -> LockNotice.CANCELLED
        AuthOutcome.FAILED -> LockNotice.FAILED
        AuthOutcome.LOCKED_OUT -> LockNotice.LOCKED_OUT
        AuthOutcome.NOT_SHOWN -> LockNotice.NOT_SHOWN
    }
