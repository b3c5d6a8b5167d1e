package app.resetcompanion.presentation

// What androidx.biometric's numbers mean for the app lock, kept here as plain data so the
// mapping is tested on the JVM (the BiometricPrompt glue in `app` only forwards the numbers).
// Values from androidx.biometric's published API (`BiometricManager.BIOMETRIC_*`,
// `BiometricPrompt.ERROR_*`, api/1.1.0 signature files).

/** Maps `BiometricManager.canAuthenticate(…)` and `onAuthenticationError` codes. */
object BiometricCodes {
    const val BIOMETRIC_SUCCESS = 0
    const val BIOMETRIC_ERROR_HW_UNAVAILABLE = 1
    const val BIOMETRIC_ERROR_NONE_ENROLLED = 11
    const val BIOMETRIC_ERROR_NO_HARDWARE = 12
    const val BIOMETRIC_ERROR_SECURITY_UPDATE_REQUIRED = 15

    const val ERROR_CANCELED = 5
    const val ERROR_LOCKOUT = 7
    const val ERROR_LOCKOUT_PERMANENT = 9
    const val ERROR_USER_CANCELED = 10
    const val ERROR_NEGATIVE_BUTTON = 13

    /**
     * `canAuthenticate(BIOMETRIC_STRONG or DEVICE_CREDENTIAL)`: success means a screen lock or a
     * strong biometric can be used; "none enrolled" with the device credential allowed means
     * the phone has no PIN, pattern or password; anything else means "not now".
     */
    fun availability(canAuthenticate: Int): AuthAvailability = when (canAuthenticate) {
        BIOMETRIC_SUCCESS -> AuthAvailability.AVAILABLE
        BIOMETRIC_ERROR_NONE_ENROLLED -> AuthAvailability.NO_DEVICE_CREDENTIAL
        else -> AuthAvailability.UNAVAILABLE
    }

    /** How a prompt that ended with `onAuthenticationError(code)` ended for the lock. */
    fun outcomeOfError(code: Int): AuthOutcome = when (code) {
        ERROR_USER_CANCELED, ERROR_NEGATIVE_BUTTON, ERROR_CANCELED -> AuthOutcome.CANCELLED
        ERROR_LOCKOUT, ERROR_LOCKOUT_PERMANENT -> AuthOutcome.LOCKED_OUT
        else -> AuthOutcome.FAILED
    }
}
