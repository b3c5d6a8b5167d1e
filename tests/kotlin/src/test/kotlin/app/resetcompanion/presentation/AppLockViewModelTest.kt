package app.resetcompanion.presentation

import app.resetcompanion.core.FIXED_NOW_MS
import app.resetcompanion.core.LockClock
import app.resetcompanion.core.appLockSettings
import app.resetcompanion.core.model.ClockReading
import app.resetcompanion.core.model.LockPolicy
import app.resetcompanion.core.model.LockSettings
import app.resetcompanion.core.setAppLockSettings
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** A device whose prompt answers from a queue, and whose screen lock can be removed. */
class FakeAuthenticator : DeviceAuthenticator {
    var available = AuthAvailability.AVAILABLE
    val answers = ArrayDeque<AuthOutcome>()
    var prompts = 0

    /** The device's screen lock (`isDeviceSecure`); "no device credential" from canAuthenticate implies none. */
    var secure = true
    override fun availability() = available
    override fun deviceSecure() = secure && available != AuthAvailability.NO_DEVICE_CREDENTIAL

    /** When set, the next prompt stays up until the test completes it (the person is in the OS's screen). */
    var held: kotlinx.coroutines.CompletableDeferred<AuthOutcome>? = null

    override suspend fun authenticate(): AuthOutcome {
        prompts++
        held?.let {
            held = null
            return it.await()
        }
        return answers.removeFirstOrNull() ?: error("the prompt was shown without an answer queued")
    }
}

/** Wall clock and uptime the test moves by hand. */
class ManualLockClock : LockClock {
    var wall = FIXED_NOW_MS
    var uptime: Long? = 5_000_000
    fun pass(minutes: Long) {
        wall += minutes * 60_000
        uptime = uptime?.plus(minutes * 60_000)
    }
    override fun now() = ClockReading(java.time.Instant.ofEpochMilli(wall), uptime?.let(java.time.Duration::ofMillis))
}

class AppLockViewModelTest : ViewModelTest() {
    private val auth = FakeAuthenticator()
    private val clock = ManualLockClock()

    private fun lock() = graph().appLock(auth, clock)

    private fun lockedOn(policy: LockPolicy, planVisible: Boolean = false): AppLockViewModel {
        setUp { setAppLockSettings(LockSettings(policy, planVisible)) }
        return lock()
    }

    @Test
    fun `off by default, nothing locks and nothing asks the OS`() {
        val vm = lock()
        assertFalse(vm.state.value.locked)
        assertTrue(vm.state.value.contentVisible)
        vm.onBackground()
        clock.pass(60)
        vm.onForeground()
        assertFalse(vm.state.value.locked)
        assertEquals(0, auth.prompts)
    }

    @Test
    fun `with the lock on a new process opens locked`() {
        val vm = lockedOn(LockPolicy.AFTER_FIVE_MINUTES)
        assertTrue(vm.state.value.locked)
        assertFalse(vm.state.value.contentVisible)
    }

    @Test
    fun `it locks on return after the grace period, not before`() {
        val vm = lockedOn(LockPolicy.AFTER_FIVE_MINUTES)
        auth.answers += AuthOutcome.SUCCEEDED
        vm.unlock()
        assertFalse(vm.state.value.locked)

        vm.onBackground()
        clock.pass(4)
        vm.onForeground()
        assertFalse(vm.state.value.locked, "inside the grace period")

        vm.onBackground()
        clock.pass(5)
        vm.onForeground()
        assertTrue(vm.state.value.locked, "past the grace period")
    }

    @Test
    fun `a wall clock set back does not delay the lock`() {
        val vm = lockedOn(LockPolicy.AFTER_ONE_MINUTE)
        auth.answers += AuthOutcome.SUCCEEDED
        vm.unlock()
        vm.onBackground()
        clock.uptime = clock.uptime!! + 2 * 60_000
        clock.wall -= 60 * 60_000
        vm.onForeground()
        assertTrue(vm.state.value.locked)
    }

    @Test
    fun `failed attempts keep it locked and are counted, success resets them`() {
        val vm = lockedOn(LockPolicy.IMMEDIATELY)
        auth.answers += listOf(AuthOutcome.FAILED, AuthOutcome.CANCELLED, AuthOutcome.LOCKED_OUT, AuthOutcome.SUCCEEDED)
        vm.unlock()
        assertTrue(vm.state.value.locked)
        assertEquals(LockNotice.FAILED, vm.state.value.notice)
        assertEquals(1, vm.state.value.failedAttempts)
        vm.unlock()
        assertEquals(LockNotice.CANCELLED, vm.state.value.notice)
        assertEquals(1, vm.state.value.failedAttempts, "closing the prompt is not a failed attempt")
        vm.unlock()
        assertEquals(LockNotice.LOCKED_OUT, vm.state.value.notice)
        assertEquals(2, vm.state.value.failedAttempts)
        assertTrue(vm.state.value.locked)
        vm.unlock()
        assertFalse(vm.state.value.locked)
        assertEquals(0, vm.state.value.failedAttempts)
        assertEquals(4, auth.prompts)
    }

    @Test
    fun `while locked the crisis lines stay reachable, and the plan only if the person chose so`() {
        val hidden = lockedOn(LockPolicy.IMMEDIATELY, planVisible = false)
        assertTrue(hidden.state.value.locked)
        assertFalse(hidden.state.value.planReachable)
        // The crisis lines need no unlock: the crisis view model reads them from the open store.
        assertTrue(graph().crisis().state.value.resources.isNotEmpty())

        val shown = lockedOn(LockPolicy.IMMEDIATELY, planVisible = true)
        assertTrue(shown.state.value.locked)
        assertTrue(shown.state.value.planReachable)
    }

    @Test
    fun `turning the lock on needs a successful authentication`() {
        val vm = lock()
        auth.answers += AuthOutcome.CANCELLED
        vm.choosePolicy(LockPolicy.AFTER_ONE_MINUTE)
        assertEquals(LockPolicy.OFF, vm.state.value.settings.policy)
        assertEquals(LockPolicy.OFF, setUp { appLockSettings() }.policy)
        assertEquals(LockNotice.CANCELLED, vm.state.value.notice)

        auth.answers += AuthOutcome.SUCCEEDED
        vm.choosePolicy(LockPolicy.AFTER_ONE_MINUTE)
        assertEquals(LockPolicy.AFTER_ONE_MINUTE, vm.state.value.settings.policy)
        assertEquals(LockPolicy.AFTER_ONE_MINUTE, setUp { appLockSettings() }.policy)
        assertFalse(vm.state.value.locked, "turning it on does not lock the person out now")
    }

    @Test
    fun `showing the plan while locked also needs authentication`() {
        val vm = lock()
        auth.answers += AuthOutcome.FAILED
        vm.setPlanVisibleWhenLocked(true)
        assertFalse(setUp { appLockSettings() }.safetyPlanVisibleWhenLocked)
        auth.answers += AuthOutcome.SUCCEEDED
        vm.setPlanVisibleWhenLocked(true)
        assertTrue(setUp { appLockSettings() }.safetyPlanVisibleWhenLocked)
    }

    @Test
    fun `without a screen lock the app says so instead of pretending to lock`() {
        auth.available = AuthAvailability.NO_DEVICE_CREDENTIAL
        val vm = lock()
        vm.choosePolicy(LockPolicy.IMMEDIATELY)
        assertEquals(LockNotice.NO_DEVICE_CREDENTIAL, vm.state.value.notice)
        assertEquals(LockPolicy.OFF, setUp { appLockSettings() }.policy)
        assertEquals(0, auth.prompts, "no prompt that cannot succeed")
    }

    @Test
    fun `a screen lock removed after the app lock was set never shuts the person out`() {
        setUp { setAppLockSettings(LockSettings(LockPolicy.IMMEDIATELY, false)) }
        auth.available = AuthAvailability.NO_DEVICE_CREDENTIAL
        val vm = lock()
        assertFalse(vm.state.value.locked)
        assertEquals(LockNotice.NO_DEVICE_CREDENTIAL, vm.state.value.notice)
    }

    @Test
    fun `a secured device whose biometrics answer unavailable still locks and can turn the lock on`() {
        // Review 2, B5: canAuthenticate's "unavailable" (no sensor, HW_UNAVAILABLE, STATUS_UNKNOWN)
        // neither leaves the app open nor refuses the setting; isDeviceSecure decides.
        auth.available = AuthAvailability.UNAVAILABLE
        val off = lock()
        auth.answers += AuthOutcome.SUCCEEDED
        off.choosePolicy(LockPolicy.IMMEDIATELY)
        assertEquals(1, auth.prompts, "the prompt is asked, not refused up front")
        assertEquals(LockPolicy.IMMEDIATELY, setUp { appLockSettings() }.policy)

        val vm = lock()
        assertTrue(vm.state.value.locked, "fail closed: a new process on a secured device starts locked")
        assertFalse(vm.state.value.contentVisible)
        vm.onBackground()
        vm.onForeground()
        assertTrue(vm.state.value.locked)
    }

    @Test
    fun `a screen lock removed while the lock screen shows lets the person in instead of failing forever`() {
        // Review 2, B4: Settings -> Security -> None, back to the app: Unlock opens it and says why.
        val vm = lockedOn(LockPolicy.IMMEDIATELY)
        assertTrue(vm.state.value.locked)
        auth.secure = false
        vm.unlock()
        assertFalse(vm.state.value.locked)
        assertEquals(LockNotice.NO_DEVICE_CREDENTIAL, vm.state.value.notice)
        assertEquals(0, auth.prompts, "no prompt that cannot succeed")
    }

    @Test
    fun `settings swapped in by a restore take effect at once, not after a restart`() {
        // Review 2, B7: the backup's lock was "immediately"; this phone's was off.
        val vm = lock()
        setUp { setAppLockSettings(LockSettings(LockPolicy.IMMEDIATELY, true)) } // what restore writes
        vm.reload()
        assertEquals(LockSettings(LockPolicy.IMMEDIATELY, true), vm.state.value.settings)
        assertFalse(vm.state.value.locked, "the session that restored stays open")
        vm.onBackground()
        vm.onForeground()
        assertTrue(vm.state.value.locked, "the restored policy locks on the next return")
        // And the reverse: a restored "off" stops locking at once.
        auth.answers += AuthOutcome.SUCCEEDED
        vm.unlock()
        setUp { setAppLockSettings(LockSettings(LockPolicy.OFF, false)) }
        vm.reload()
        vm.onBackground()
        clock.pass(60)
        vm.onForeground()
        assertFalse(vm.state.value.locked)
    }

    @Test
    fun `authenticating in the OS's own credential screen is not leaving the app (review 2, B8)`() {
        val vm = lockedOn(LockPolicy.IMMEDIATELY)
        auth.answers += AuthOutcome.SUCCEEDED
        vm.unlock()
        val prompt = kotlinx.coroutines.CompletableDeferred<AuthOutcome>()
        auth.held = prompt
        vm.setPlanVisibleWhenLocked(true)
        assertTrue(vm.state.value.authenticating)
        // Android 8–10: the device credential is a separate system activity, so the app stops and starts.
        vm.onBackground()
        clock.pass(1)
        vm.onForeground()
        assertFalse(vm.state.value.locked, "no lock while the prompt's answer is pending")
        prompt.complete(AuthOutcome.SUCCEEDED)
        assertFalse(vm.state.value.locked, "the person just authenticated: not asked again at once")
        assertTrue(vm.state.value.settings.safetyPlanVisibleWhenLocked)
        assertTrue(setUp { appLockSettings() }.safetyPlanVisibleWhenLocked)

        vm.onBackground() // a real trip away still locks as the policy says
        vm.onForeground()
        assertTrue(vm.state.value.locked)
    }

    @Test
    fun `a prompt left up while away and then dismissed locks as leaving would`() {
        val vm = lockedOn(LockPolicy.AFTER_FIVE_MINUTES)
        auth.answers += AuthOutcome.SUCCEEDED
        vm.unlock()
        val prompt = kotlinx.coroutines.CompletableDeferred<AuthOutcome>()
        auth.held = prompt
        vm.choosePolicy(LockPolicy.IMMEDIATELY)
        vm.onBackground()
        clock.pass(30)
        vm.onForeground()
        assertFalse(vm.state.value.locked)
        prompt.complete(AuthOutcome.CANCELLED) // someone else closed the prompt on the phone left behind
        assertTrue(vm.state.value.locked, "30 minutes away under the 5-minute policy in force")
        assertEquals(LockPolicy.AFTER_FIVE_MINUTES, vm.state.value.settings.policy, "nothing changed without authentication")
    }

    @Test
    fun `the biometric codes map to availability and outcomes`() {
        assertEquals(AuthAvailability.AVAILABLE, BiometricCodes.availability(0))
        assertEquals(AuthAvailability.NO_DEVICE_CREDENTIAL, BiometricCodes.availability(11))
        for (code in listOf(1, 12, 15, -1, -2)) assertEquals(AuthAvailability.UNAVAILABLE, BiometricCodes.availability(code))
        for (code in listOf(5, 10, 13)) assertEquals(AuthOutcome.CANCELLED, BiometricCodes.outcomeOfError(code))
        for (code in listOf(7, 9)) assertEquals(AuthOutcome.LOCKED_OUT, BiometricCodes.outcomeOfError(code))
        for (code in listOf(1, 2, 3, 8, 11, 12)) assertEquals(AuthOutcome.FAILED, BiometricCodes.outcomeOfError(code))
    }
}
