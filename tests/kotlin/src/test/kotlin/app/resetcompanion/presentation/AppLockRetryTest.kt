package app.resetcompanion.presentation

import app.resetcompanion.core.appLockSettings
import app.resetcompanion.core.model.LockPolicy
import app.resetcompanion.core.model.LockSettings
import app.resetcompanion.core.setAppLockSettings
import kotlinx.coroutines.CompletableDeferred
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * A prompt whose first requests never answer (androidx.biometric's `authenticate()` returning
 * silently after `onSaveInstanceState` or without a FragmentManager), then answers from a queue.
 */
class SilentThenAnsweringAuthenticator(private var silent: Int) : DeviceAuthenticator {
    val answers = ArrayDeque<AuthOutcome>()
    var prompts = 0
    var abandoned = 0
    override fun availability() = AuthAvailability.AVAILABLE
    override fun deviceSecure() = true
    override suspend fun authenticate(): AuthOutcome {
        prompts++
        if (silent > 0) {
            silent--
            try {
                return CompletableDeferred<AuthOutcome>().await()
            } finally {
                abandoned++ // the request was cancelled: the real adapter dismisses its prompt here
            }
        }
        return answers.removeFirstOrNull() ?: error("the prompt was shown without an answer queued")
    }
}

/** Review 2, B4 part 3: a request to the OS that never answers never leaves Unlock dead. */
class AppLockRetryTest : ViewModelTest() {
    private val clock = ManualLockClock()

    private fun seconds(n: Long) {
        clock.wall += n * 1_000
        clock.uptime = clock.uptime?.plus(n * 1_000)
    }

    @Test
    fun `a prompt that never answers can be retried with another tap on Unlock`() {
        setUp { setAppLockSettings(LockSettings(LockPolicy.IMMEDIATELY, false)) }
        val auth = SilentThenAnsweringAuthenticator(silent = 1)
        val vm = graph().appLock(auth, clock)
        assertTrue(vm.state.value.locked)

        vm.unlock()
        assertTrue(vm.state.value.authenticating, "waiting for a prompt that will never answer")
        vm.unlock() // the second touch of a double tap: ignored, no second prompt
        assertEquals(1, auth.prompts)

        seconds(3)
        auth.answers += AuthOutcome.SUCCEEDED
        vm.unlock()
        assertEquals(2, auth.prompts, "a new prompt")
        assertEquals(1, auth.abandoned, "the silent request was cancelled, not left hanging")
        assertFalse(vm.state.value.locked)
        assertFalse(vm.state.value.authenticating)
        assertEquals(0, vm.state.value.failedAttempts, "a prompt that never showed is not a failed attempt")
    }

    @Test
    fun `a settings change whose prompt never answers can be made again`() {
        val auth = SilentThenAnsweringAuthenticator(silent = 1)
        val vm = graph().appLock(auth, clock)
        vm.choosePolicy(LockPolicy.AFTER_ONE_MINUTE)
        assertTrue(vm.state.value.authenticating)
        vm.choosePolicy(LockPolicy.AFTER_ONE_MINUTE)
        assertEquals(1, auth.prompts, "a double tap asks once")

        seconds(5)
        auth.answers += AuthOutcome.SUCCEEDED
        vm.choosePolicy(LockPolicy.AFTER_ONE_MINUTE)
        assertEquals(2, auth.prompts)
        assertFalse(vm.state.value.authenticating)
        assertEquals(LockPolicy.AFTER_ONE_MINUTE, vm.state.value.settings.policy)
        assertEquals(LockPolicy.AFTER_ONE_MINUTE, setUp { appLockSettings() }.policy)
    }

    @Test
    fun `a prompt the adapter could not show is said so and not counted`() {
        setUp { setAppLockSettings(LockSettings(LockPolicy.IMMEDIATELY, false)) }
        val auth = SilentThenAnsweringAuthenticator(silent = 0)
        val vm = graph().appLock(auth, clock)
        auth.answers += AuthOutcome.NOT_SHOWN
        vm.unlock()
        assertTrue(vm.state.value.locked)
        assertFalse(vm.state.value.authenticating)
        assertEquals(LockNotice.NOT_SHOWN, vm.state.value.notice)
        assertEquals(0, vm.state.value.failedAttempts)
        auth.answers += AuthOutcome.SUCCEEDED
        vm.unlock()
        assertFalse(vm.state.value.locked)
    }
}
