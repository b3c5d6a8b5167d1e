package app.resetcompanion.app

import androidx.biometric.BiometricManager
import androidx.biometric.BiometricPrompt
import androidx.core.content.ContextCompat
import androidx.fragment.app.FragmentActivity
import app.resetcompanion.core.lockAuthenticators
import app.resetcompanion.presentation.AuthAvailability
import app.resetcompanion.presentation.AuthOutcome
import app.resetcompanion.presentation.BiometricCodes
import app.resetcompanion.presentation.DeviceAuthenticator
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlin.coroutines.resume

// The app lock's OS prompt (issue 20), kept thin: BiometricPrompt with a Class 3 biometric or
// the device credential (the set per API level is `lockAuthenticators`, JVM-tested), the
// codes mapped by `BiometricCodes` (JVM-tested). Needs androidx.biometric (Google's Maven), so
// this file is not compiled on the Linux CI machine; what was checked against the docs is in
// android/README.md. The application holds one; MainActivity attaches itself while it exists
// (BiometricPrompt needs a FragmentActivity in the foreground).

/** [DeviceAuthenticator] over androidx.biometric. */
class BiometricLockAuthenticator(private val appContext: android.content.Context) : DeviceAuthenticator {
    private var activity: FragmentActivity? = null

    /** MainActivity's onCreate. */
    fun attach(activity: FragmentActivity) {
        this.activity = activity
    }

    /** MainActivity's onDestroy. */
    fun detach(activity: FragmentActivity) {
        if (this.activity === activity) this.activity = null
    }

    private val allowed get() = lockAuthenticators(android.os.Build.VERSION.SDK_INT)

    override fun availability(): AuthAvailability = BiometricCodes.availability(BiometricManager.from(appContext).canAuthenticate(allowed))

    // API 23+: true when a PIN, pattern or password is set (review 2, B5: this decides, not canAuthenticate).
    override fun deviceSecure(): Boolean = appContext.getSystemService(android.app.KeyguardManager::class.java)?.isDeviceSecure ?: false

    override suspend fun authenticate(): AuthOutcome {
        // androidx.biometric returns silently, never calling back, when the activity's state is
        // already saved or it has no FragmentManager (review 2, B4 part 3): refuse before asking,
        // and never count it as a failed attempt. (AppLockViewModel also lets a later tap on
        // Unlock replace a request that never answered.)
        val host = activity ?: return AuthOutcome.NOT_SHOWN
        val resumed = host.lifecycle.currentState.isAtLeast(androidx.lifecycle.Lifecycle.State.RESUMED)
        if (!resumed || host.supportFragmentManager.isStateSaved) return AuthOutcome.NOT_SHOWN
        return suspendCancellableCoroutine { cont ->
            val prompt = BiometricPrompt(
                host,
                ContextCompat.getMainExecutor(host),
                object : BiometricPrompt.AuthenticationCallback() {
                    override fun onAuthenticationSucceeded(result: BiometricPrompt.AuthenticationResult) {
                        if (cont.isActive) cont.resume(AuthOutcome.SUCCEEDED)
                    }

                    override fun onAuthenticationError(errorCode: Int, errString: CharSequence) {
                        if (cont.isActive) cont.resume(BiometricCodes.outcomeOfError(errorCode))
                    }
                    // onAuthenticationFailed: one biometric attempt not recognised; the prompt stays
                    // open for another try and ends with an error (lockout) after too many.
                },
            )
            // With DEVICE_CREDENTIAL allowed there must be no negative button (build() refuses one).
            val info = BiometricPrompt.PromptInfo.Builder()
                .setTitle(host.getString(R.string.lock_prompt_title))
                .setAllowedAuthenticators(allowed)
                .build()
            prompt.authenticate(info)
            cont.invokeOnCancellation { prompt.cancelAuthentication() }
        }
    }
}
