package app.resetcompanion.presentation

import androidx.lifecycle.viewmodel.initializer
import androidx.lifecycle.viewmodel.viewModelFactory
import app.resetcompanion.core.completeStep
import app.resetcompanion.core.logCompleted
import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.PracticeTechnique
import app.resetcompanion.core.model.ProgrammeState
import app.resetcompanion.core.practiceSessions
import app.resetcompanion.core.startProgramme
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class ProgrammeViewModelTest : ViewModelTest() {
    @Test
    fun `the browser lists programmes, opens one and enforces one at a time through the core`() {
        val vm = graph().programmes()
        val ids = vm.state.value.programmes.map { it.id }
        assertTrue(ids.containsAll(listOf("anxiety-reset", "meditation-7-day", "stress-reset")), ids.toString())
        assertNull(vm.state.value.progress)
        vm.open("meditation-7-day")
        assertEquals(7, vm.state.value.opened?.steps?.size)
        vm.close()
        assertNull(vm.state.value.opened)
        vm.start("meditation-7-day")
        assertEquals(ProgrammeState.ACTIVE, vm.state.value.progress?.state)
        setUp { completeStep("day-1") }
        vm.start("stress-reset")
        assertEquals(ErrorKind.CONFLICT, vm.state.value.error?.kind)
        assertEquals("meditation-7-day", vm.state.value.progress?.programme, "a refused start changes nothing")
    }

    @Test
    fun `leaving keeps progress and resuming picks it up`() {
        val vm = graph().programmes()
        vm.start("stress-reset")
        vm.leave()
        assertNull(vm.state.value.progress)
        vm.resume()
        assertEquals("stress-reset", vm.state.value.progress?.programme)
        vm.restart()
        assertEquals(0u, vm.state.value.progress?.completedSteps)
    }

    @Test
    fun `a step opens, completes, and a locked one reports when it opens`() {
        setUp { startProgramme("meditation-7-day") }
        val step1 = graph().programmeStep("day-1")
        assertEquals("day-1", step1.state.value.step?.id)
        assertTrue(step1.state.value.step!!.body.isNotBlank())
        step1.complete()
        assertEquals("day-2", step1.state.value.completion?.next?.id)
        assertFalse(step1.state.value.completion!!.alreadyCompleted)
        assertEquals(1, platform.remindersChanged, "a done step quiets skip-if-done reminders")

        val step2 = graph().programmeStep("day-2")
        step2.complete()
        val error = step2.state.value.error!!
        assertEquals(ErrorKind.CONFLICT, error.kind)
        assertTrue(error.message.contains("2027-03-29"), error.message)
        assertNull(step2.state.value.completion)
    }
}

class MeditationTimerViewModelTest : ViewModelTest() {
    @Test
    fun `a full session counts down on the injected clock and is logged once, with Health Connect told`() {
        val vm = graph().meditation()
        vm.setTechnique(PracticeTechnique.BREATHING)
        vm.setMinutes(5)
        vm.start()
        scheduler.advanceTimeBy(60_000)
        scheduler.runCurrent() // the tick due exactly now
        assertEquals(TimerPhase.RUNNING, vm.state.value.phase)
        assertEquals(4 * 60_000L, vm.state.value.remainingMillis)
        vm.setMinutes(20) // ignored while running
        assertEquals(5, vm.state.value.plannedMinutes)
        scheduler.advanceTimeBy(4 * 60_000L + 1_000)
        val s = vm.state.value
        assertEquals(TimerPhase.FINISHED, s.phase)
        assertEquals(1f, s.fraction)
        val logged = s.logged!!
        assertEquals(5u, logged.actualMinutes)
        assertEquals(true, logged.completed)
        assertEquals(PracticeTechnique.BREATHING, logged.technique)
        assertEquals(listOf(logged), platform.practice)
        assertEquals(1, setUp { practiceSessions() }.size)
    }

    @Test
    fun `the screen stays on only while running, and the end is signalled once (review A6)`() {
        val vm = graph().meditation()
        vm.setMinutes(2)
        vm.start()
        assertEquals(listOf(true), platform.screenOn)
        vm.pause()
        vm.resume()
        assertEquals(listOf(true, false, true), platform.screenOn)
        scheduler.advanceTimeBy(2 * 60_000L + 1_000)
        assertEquals(TimerPhase.FINISHED, vm.state.value.phase)
        assertEquals(false, platform.screenOn.last())
        assertEquals(1, platform.timeUp)

        val early = graph().meditation()
        early.start()
        scheduler.advanceTimeBy(61_000)
        early.stop()
        assertEquals(1, platform.timeUp, "stopping early is the person's own choice: no signal")
    }

    @Test
    fun `leaving the screen mid-session logs its whole minutes as incomplete instead of dropping them`() {
        val owner = androidx.lifecycle.ViewModelStore()
        val vm = androidx.lifecycle.ViewModelProvider.create(
            owner,
            viewModelFactory { initializer { graph().meditation() } },
        )[MeditationTimerViewModel::class]
        vm.setMinutes(10)
        vm.start()
        scheduler.advanceTimeBy(3 * 60_000L + 5_000)
        owner.clear() // Back: the entry's view models are cleared
        val deadline = System.currentTimeMillis() + 10_000
        while (setUp { practiceSessions() }.isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(20)
        val logged = setUp { practiceSessions() }.single()
        assertEquals(3u, logged.actualMinutes)
        assertEquals(false, logged.completed)
        assertEquals(false, platform.screenOn.last())
    }

    @Test
    fun `elapsed time comes from the interval clock, so a wall clock change can't stretch a session`() {
        var wallShift = 0L
        val wall = object : app.resetcompanion.core.model.Clock {
            override fun instant() = virtualClock.instant().plusMillis(wallShift)
        }
        val vm = MeditationTimerViewModel(store, platform, wall, 1_000, null, elapsedClock = virtualClock)
        vm.setMinutes(10)
        vm.start()
        scheduler.advanceTimeBy(60_000)
        wallShift = 3_600_000 // the phone's clock jumps an hour ahead
        scheduler.advanceTimeBy(60_000)
        vm.stop()
        assertEquals(120_000L, vm.state.value.elapsedMillis)
        assertEquals(2u, vm.state.value.logged?.actualMinutes)
    }

    @Test
    fun `pausing stops the clock, and stopping early logs the whole minutes as incomplete`() {
        val vm = graph().meditation()
        vm.setMinutes(10)
        vm.start()
        scheduler.advanceTimeBy(90_000)
        vm.pause()
        scheduler.advanceTimeBy(10 * 60_000L) // a long pause is not practice
        assertEquals(TimerPhase.PAUSED, vm.state.value.phase)
        assertEquals(90_000L, vm.state.value.elapsedMillis)
        vm.resume()
        scheduler.advanceTimeBy(60_000)
        vm.stop()
        val s = vm.state.value
        assertEquals(TimerPhase.FINISHED, s.phase)
        assertEquals(150_000L, s.elapsedMillis)
        assertEquals(2u, s.logged?.actualMinutes)
        assertEquals(10u, s.logged?.plannedMinutes)
        assertEquals(false, s.logged?.completed)
    }

    @Test
    fun `under a minute is not logged, and minutes stay within the core's range`() {
        val vm = graph().meditation()
        vm.setMinutes(0)
        assertEquals(1, vm.state.value.plannedMinutes)
        vm.setMinutes(5000)
        assertEquals(MeditationTimerViewModel.MAX_MINUTES, vm.state.value.plannedMinutes)
        vm.start()
        scheduler.advanceTimeBy(30_000)
        vm.stop()
        assertTrue(vm.state.value.tooShortToLog)
        assertNull(vm.state.value.logged)
        assertTrue(setUp { practiceSessions() }.isEmpty())
        assertTrue(platform.practice.isEmpty())
        vm.reset()
        assertEquals(TimerPhase.SETUP, vm.state.value.phase)
        assertEquals(MeditationTimerViewModel.MAX_MINUTES, vm.state.value.plannedMinutes)
    }

    @Test
    fun `a session started from a programme step is logged against it`() {
        setUp { startProgramme("meditation-7-day") }
        val vm = graph().meditation(stepId = "day-1")
        vm.setMinutes(1)
        vm.start()
        scheduler.advanceTimeBy(61_000)
        assertEquals("day-1", vm.state.value.logged?.stepId)
    }

    // Review A6 / B11: the session outlives the screen's ticker and its process.

    /**
     * The process is killed now: what the system saved is a copy of [memory]; [vm]'s ticker stops
     * (its process is gone: no onCleared, nothing logged by it).
     */
    private fun kill(vm: MeditationTimerViewModel, memory: ScreenMemory.InMemory): ScreenMemory.InMemory {
        val saved = ScreenMemory.InMemory(memory.values)
        vm.reset()
        return saved
    }

    /** A new process restoring the screen from the saved state. */
    private fun afterProcessDeath(saved: ScreenMemory.InMemory) = graph().meditation(memory = saved)

    @Test
    fun `while a session runs an end alarm is armed for its end on the interval clock, and cancelled when it can't end`() {
        val vm = graph().meditation()
        vm.setMinutes(10)
        scheduler.advanceTimeBy(5_000)
        val startedAt = virtualClock.instant()
        vm.start()
        val armed = platform.endAlarms.single()!!
        assertEquals(startedAt, armed.startedAt)
        assertEquals(10, armed.plannedMinutes)
        assertEquals(startedAt.toEpochMilli() + 10 * 60_000L, armed.endsAtElapsedMs, "the interval clock is the virtual clock here")
        scheduler.advanceTimeBy(60_000)
        vm.pause()
        assertNull(platform.endAlarms.last(), "a paused session has no end")
        scheduler.advanceTimeBy(5 * 60_000L)
        vm.resume()
        assertEquals(startedAt.toEpochMilli() + 15 * 60_000L, platform.endAlarms.last()!!.endsAtElapsedMs, "the pause moves the end")
        vm.stop()
        scheduler.runCurrent()
        assertNull(platform.endAlarms.last(), "stopped early: the alarm must not log it as completed")
    }

    @Test
    fun `a running session survives process death - it comes back running, keeps counting, and ends once`() {
        val memory = ScreenMemory.InMemory()
        val first = graph().meditation(memory = memory)
        first.setTechnique(PracticeTechnique.BODY_SCAN)
        first.setMinutes(10)
        first.start()
        scheduler.advanceTimeBy(3 * 60_000L)
        scheduler.runCurrent()
        val saved = kill(first, memory)

        scheduler.advanceTimeBy(2 * 60_000L) // killed in the background; time goes on
        val restored = afterProcessDeath(saved)
        scheduler.runCurrent()
        val s = restored.state.value
        assertEquals(TimerPhase.RUNNING, s.phase)
        assertEquals(PracticeTechnique.BODY_SCAN, s.technique)
        assertEquals(10, s.plannedMinutes)
        assertEquals(5 * 60_000L, s.elapsedMillis)
        assertTrue(platform.endAlarms.last() != null, "the end alarm is armed again in the new process")

        scheduler.advanceTimeBy(5 * 60_000L + 1_000)
        val logged = restored.state.value.logged!!
        assertEquals(10u, logged.actualMinutes)
        assertTrue(logged.completed)
        assertEquals(1, setUp { practiceSessions() }.size)
    }

    @Test
    fun `a session whose end passed while the process was dead is logged once, without a second signal`() {
        val memory = ScreenMemory.InMemory()
        val first = graph().meditation(memory = memory)
        first.setMinutes(5)
        first.start()
        scheduler.advanceTimeBy(60_000)
        scheduler.runCurrent()
        val armed = platform.endAlarms.last()!!
        val saved = kill(first, memory)

        scheduler.advanceTimeBy(10 * 60_000L)
        // Meanwhile the end alarm fired in a new process and logged the session.
        val byAlarm = setUp { logCompleted(armed) }
        val restored = afterProcessDeath(saved)
        scheduler.runCurrent()
        val s = restored.state.value
        assertEquals(TimerPhase.FINISHED, s.phase)
        assertEquals(byAlarm.id, s.logged?.id, "the alarm's session, not a second one")
        assertEquals(1, setUp { practiceSessions() }.size)
        assertEquals(0, platform.timeUp, "the alarm gave the signal")
    }

    @Test
    fun `a paused session comes back paused after process death, with its time banked`() {
        val memory = ScreenMemory.InMemory()
        val first = graph().meditation(memory = memory)
        first.setMinutes(10)
        first.start()
        scheduler.advanceTimeBy(4 * 60_000L)
        first.pause()
        val saved = kill(first, memory)
        scheduler.advanceTimeBy(30 * 60_000L)
        val restored = afterProcessDeath(saved)
        assertEquals(TimerPhase.PAUSED, restored.state.value.phase)
        assertEquals(4 * 60_000L, restored.state.value.elapsedMillis)
        restored.stop()
        scheduler.runCurrent()
        assertEquals(4u, restored.state.value.logged?.actualMinutes)
        assertEquals(false, restored.state.value.logged?.completed)
    }

    @Test
    fun `a finished, logged session leaves nothing in memory to restore`() {
        val memory = ScreenMemory.InMemory()
        val vm = graph().meditation(memory = memory)
        vm.setMinutes(1)
        vm.start()
        scheduler.advanceTimeBy(61_000)
        assertTrue(vm.state.value.logged != null)
        assertTrue(memory.values.isEmpty(), memory.values.toString())
        assertEquals(TimerPhase.SETUP, afterProcessDeath(ScreenMemory.InMemory(memory.values)).state.value.phase)
    }

    @Test
    fun `the timer says when the bell can't reach a sleeping phone and asks for notifications when a first session starts (review 3, F4)`() {
        fun snapshot(n: NotificationPermission, e: ExactAlarmPermission) = PermissionSnapshot(n, e, sdkInt = 34)
        assertEquals(BellNotice.NONE, bellNoticeFor(snapshot(NotificationPermission.GRANTED, ExactAlarmPermission.ALLOWED)))
        assertEquals(BellNotice.MAY_BE_LATE, bellNoticeFor(snapshot(NotificationPermission.GRANTED, ExactAlarmPermission.DENIED)))
        assertEquals(BellNotice.ASK_NOTIFICATIONS, bellNoticeFor(snapshot(NotificationPermission.NOT_ASKED, ExactAlarmPermission.DENIED)))
        assertEquals(BellNotice.ASK_NOTIFICATIONS, bellNoticeFor(snapshot(NotificationPermission.DENIED, ExactAlarmPermission.ALLOWED)))
        assertEquals(BellNotice.NOTIFICATIONS_OFF, bellNoticeFor(snapshot(NotificationPermission.BLOCKED, ExactAlarmPermission.ALLOWED)))

        platform.snapshot = snapshot(NotificationPermission.NOT_ASKED, ExactAlarmPermission.DENIED)
        val vm = graph().meditation()
        assertEquals(BellNotice.ASK_NOTIFICATIONS, vm.state.value.bell)
        vm.setMinutes(1)
        vm.start()
        assertTrue(vm.state.value.requestNotificationPermission, "asked in context: the person just started a session")
        vm.notificationRequestHandled()
        assertFalse(vm.state.value.requestNotificationPermission)
        platform.snapshot = snapshot(NotificationPermission.GRANTED, ExactAlarmPermission.DENIED) // allowed in the dialog
        platform.changes.tryEmit(Unit)
        assertEquals(BellNotice.MAY_BE_LATE, vm.state.value.bell)

        vm.endSeen()
        assertEquals(0, platform.endSeen, "nothing to dismiss while running")
        scheduler.advanceTimeBy(61_000)
        vm.endSeen()
        assertEquals(1, platform.endSeen)
    }
}
