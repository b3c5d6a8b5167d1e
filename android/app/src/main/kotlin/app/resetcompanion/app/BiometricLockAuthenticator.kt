package app.resetcompanion.app

import androidx.biometric.BiometricManager
import androidx.biometric.BiometricPrompt
import androidx.core.content.ContextCompat
import androidx.fragment.app.FragmentActivity
import androidx.lifecycle.Lifecycle
import app.resetcompanion.core.lockAuthenticators
import app.resetcompanion.presentation.AuthAvailability
import app.resetcompanion.presentation.AuthOutcome
import app.resetcompanion.presentation.BiometricCodes
import app.resetcompanion.presentation.DeviceAuthenticator
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlin.coroutines.resume

// The app lock's OS prompt (issue 20), kept thin: BiometricPrompt with a Class 3 biometric or
// the device credential (the set per API level is `lockAuthenticators`, JVM-tested), the
// codes mapped by `BiometricCodes` (JVM-tested). Needs androidx.biometric (Google's Maven), so
// this file is not compiled on the Linux CI machine; what was checked against the docs is in
// android/README.md. The application holds one; MainActivity attaches itself while it exists
// (BiometricPrompt needs a FragmentActivity in the foreground).

/**
 * [DeviceAuthenticator] over androidx.biometric.
 *
 * The `BiometricPrompt` is created in [attach] (MainActivity's onCreate), as its reference asks
 * ("(re)create the prompt every time the activity/fragment is created … e.g. in onCreate()", so
 * that only the newest instance receives results across a rotation, review 2 B9); its callback
 * resumes whichever [authenticate] call is waiting. [authenticate] refuses early, with NOT_SHOWN,
 * when no activity is resumed or its state is already saved: androidx's `authenticate()` then
 * returns without ever calling back ("Called after onSaveInstanceState()"), which left the lock
 * waiting with Unlock disabled (review 2, B4 part 3). A refusal is not a failed attempt, and
 * `AppLockViewModel` lets a later tap replace a request that never answered.
 */
class BiometricLockAuthenticator(private val appContext: android.content.Context) : DeviceAuthenticator {
    private var activity: FragmentActivity? = null
    private var prompt: BiometricPrompt? = null

    /** The [authenticate] call waiting for the prompt's answer, if any. */
    private var waiting: CancellableContinuation<AuthOutcome>? = null

    private val callback = object : BiometricPrompt.AuthenticationCallback() {
        override fun onAuthenticationSucceeded(result: BiometricPrompt.AuthenticationResult) = answer(AuthOutcome.SUCCEEDED)

        override fun onAuthenticationError(errorCode: Int, errString: CharSequence) = answer(BiometricCodes.outcomeOfError(errorCode))
        // onAuthenticationFailed: one biometric attempt not recognised; the prompt stays open for
        // another try and ends with an error (lockout) after too many.
    }

    private fun answer(outcome: AuthOutcome) {
        val cont = waiting ?: return
        waiting = null
        if (cont.isActive) cont.resume(outcome)
    }

    /** MainActivity's onCreate: a new prompt bound to this activity, answering the same callback. */
    fun attach(activity: FragmentActivity) {
        this.activity = activity
        prompt = BiometricPrompt(activity, ContextCompat.getMainExecutor(activity), callback)
    }

    /** MainActivity's onDestroy. */
    fun detach(activity: FragmentActivity) {
        if (this.activity !== activity) return
        this.activity = null
        prompt = null
    }

    private val allowed get() = lockAuthenticators(android.os.Build.VERSION.SDK_INT)

    override fun availability(): AuthAvailability = BiometricCodes.availability(BiometricManager.from(appContext).canAuthenticate(allowed))

    // API 23+: true when a PIN, pattern or password is set (review 2, B5: this decides, not canAuthenticate).
    override fun deviceSecure(): Boolean = appContext.getSystemService(android.app.KeyguardManager::class.java)?.isDeviceSecure ?: false

    override suspend fun authenticate(): AuthOutcome {
        val host = activity ?: return AuthOutcome.NOT_SHOWN
        val shown = prompt ?: return AuthOutcome.NOT_SHOWN
        if (!host.lifecycle.currentState.isAtLeast(Lifecycle.State.RESUMED) || host.supportFragmentManager.isStateSaved) return AuthOutcome.NOT_SHOWN
        // With DEVICE_CREDENTIAL allowed there must be no negative button (build() refuses one).
        val info = BiometricPrompt.PromptInfo.Builder()
            .setTitle(host.getString(R.string.lock_prompt_title))
            .setAllowedAuthenticators(allowed)
            .build()
        return suspendCancellableCoroutine { cont ->
            waiting?.let { if (it.isActive) it.resume(AuthOutcome.CANCELLED) } // one prompt at a time
            waiting = cont
            cont.invokeOnCancellation {
                if (waiting === cont) waiting = null
                prompt?.cancelAuthentication()
            }
            shown.authenticate(info)
        }
    }
}
