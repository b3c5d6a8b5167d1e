package app.resetcompanion.core

import app.resetcompanion.core.model.ClockReading
import app.resetcompanion.core.model.LockPolicy
import app.resetcompanion.core.model.LockSettings

// The app lock (issue 20): the policy is a preference in the encrypted profile and the decision
// is the core's pure `should_lock`; the shell only asks the OS to authenticate. This file adapts
// the calls and names the OS authenticator sets (the constants of androidx.biometric's
// `BiometricManager.Authenticators`, so this JVM code needs no AndroidX).

/** The stored lock settings (off, and the plan hidden while locked, until changed). */
suspend fun ResetStore.appLockSettings(): LockSettings = call { it.appLockSettings() }

/** Stores the lock settings. Authenticate with the OS first (the view model does). */
suspend fun ResetStore.setAppLockSettings(settings: LockSettings) = call { it.setAppLockSettings(settings) }

/** A moment as the lock decision needs it: the wall clock and, when known, time since boot. */
interface LockClock {
    /** Now: `System.currentTimeMillis()` and `SystemClock.elapsedRealtime()` on Android. */
    fun now(): ClockReading
}

/** The core's decision: whether the app must lock at [now], last active at [lastActive] (null: unknown, e.g. a new process). */
fun lockDue(policy: LockPolicy, lastActive: ClockReading?, now: ClockReading): Boolean = shouldLock(policy, lastActive, now)

/** The grace period the person chose, in minutes (0 for immediately), or null when the lock is off. */
val LockPolicy.graceMinutes: Int?
    get() = when (this) {
        LockPolicy.OFF -> null
        LockPolicy.IMMEDIATELY -> 0
        LockPolicy.AFTER_ONE_MINUTE -> 1
        LockPolicy.AFTER_FIVE_MINUTES -> 5
        LockPolicy.AFTER_FIFTEEN_MINUTES -> 15
    }

/**
 * Which authenticators `BiometricPrompt` may offer on Android [sdkInt]: a Class 3 biometric or
 * the device's PIN, pattern or password. androidx.biometric's notes: Class 3 with the device
 * credential is "not supported" on API 28–29, so those get Class 2 or the credential; before 28
 * and from 30 the Class 3 pair works. With the device credential allowed, no negative button.
 */
fun lockAuthenticators(sdkInt: Int): Int = when (sdkInt) {
    28, 29 -> BIOMETRIC_WEAK or DEVICE_CREDENTIAL
    else -> BIOMETRIC_STRONG or DEVICE_CREDENTIAL
}

/** `BiometricManager.Authenticators.BIOMETRIC_STRONG` (Class 3). */
const val BIOMETRIC_STRONG = 0x000F

/** `BiometricManager.Authenticators.BIOMETRIC_WEAK` (Class 2, a superset of Class 3). */
const val BIOMETRIC_WEAK = 0x00FF

/** `BiometricManager.Authenticators.DEVICE_CREDENTIAL` (PIN, pattern or password). */
const val DEVICE_CREDENTIAL = 0x8000
