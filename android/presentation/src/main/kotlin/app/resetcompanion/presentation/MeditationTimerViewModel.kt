package app.resetcompanion.presentation

import androidx.lifecycle.viewModelScope
import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.RunningPractice
import app.resetcompanion.core.logPracticeOnce
import app.resetcompanion.core.model.Clock
import app.resetcompanion.core.model.PracticeSession
import app.resetcompanion.core.model.PracticeTechnique
import app.resetcompanion.core.model.ResetException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.delay
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import java.time.Instant

/** Where the timer is. */
enum class TimerPhase { SETUP, RUNNING, PAUSED, FINISHED }

/** Whether the end-of-session bell can reach the person with the screen off, as the timer explains it (review 3, F4). */
enum class BellNotice {
    NONE,

    /** Notifications can still be asked for: without them the bell is a sound only, with nothing shown. */
    ASK_NOTIFICATIONS,

    /** Notifications are off in system settings: the bell is a sound only. */
    NOTIFICATIONS_OFF,

    /** No exact alarms (denied by default from Android 14): the bell may be late while the phone sleeps. */
    MAY_BE_LATE,
}

/** The [BellNotice] for the permission states (notifications first: without them nothing shows at all). */
fun bellNoticeFor(p: PermissionSnapshot): BellNotice = when (p.notifications) {
    NotificationPermission.NOT_ASKED, NotificationPermission.DENIED -> BellNotice.ASK_NOTIFICATIONS
    NotificationPermission.BLOCKED -> BellNotice.NOTIFICATIONS_OFF
    NotificationPermission.GRANTED -> if (p.exactAlarms == ExactAlarmPermission.DENIED) BellNotice.MAY_BE_LATE else BellNotice.NONE
}

/** The meditation timer. Elapsed time comes from the injected clock, so pauses and slow ticks don't drift. */
data class MeditationUiState(
    val technique: PracticeTechnique = PracticeTechnique.MEDITATION,
    /** The length chosen, in whole minutes. */
    val plannedMinutes: Int = 10,
    val phase: TimerPhase = TimerPhase.SETUP,
    val elapsedMillis: Long = 0,
    /** The programme step this session is for, if started from one. */
    val stepId: String? = null,
    /** The session the core stored, once finished. */
    val logged: PracticeSession? = null,
    /** Finished before a whole minute: nothing was logged (the core counts whole minutes, 1–720). */
    val tooShortToLog: Boolean = false,
    /** What the screen says about the bell before a session starts. */
    val bell: BellNotice = BellNotice.NONE,
    /** Show the system `POST_NOTIFICATIONS` dialog now: asked in context, when a first session starts. */
    val requestNotificationPermission: Boolean = false,
    /** Back was pressed mid-session: the screen asks before ending it (review 3, F6). */
    val leaveAsked: Boolean = false,
    val error: UiError? = null,
) {
    /** The whole minutes a session ended now would log. */
    val wholeMinutesDone: Int get() = (elapsedMillis / 60_000L).toInt()

    val plannedMillis: Long get() = plannedMinutes * 60_000L
    val remainingMillis: Long get() = (plannedMillis - elapsedMillis).coerceAtLeast(0)

    /** 0…1 for a progress ring. */
    val fraction: Float get() = if (plannedMillis == 0L) 0f else (elapsedMillis.toFloat() / plannedMillis).coerceIn(0f, 1f)
}

/**
 * Counts down with a ticker every [tickMillis] and, when time is up or the person stops,
 * logs the session through the core (which stores it and feeds the practice summary), then
 * hands it to [PlatformHooks.practiceLogged] for Health Connect.
 *
 * The screen's ticker stops when the phone sleeps, so while a session runs the platform also
 * holds an alarm for its end ([PlatformHooks.practiceRunning]) that signals it and logs it; the
 * running session is kept in [memory] so a process killed in the background comes back to it
 * (review A6 / B11). Whichever finishes first, the session is stored once (`logPracticeOnce`).
 */
class MeditationTimerViewModel(
    private val store: ResetStore,
    private val platform: PlatformHooks,
    private val clock: Clock,
    private val tickMillis: Long,
    stepId: String?,
    /** Interval timing (Android: `elapsedRealtime`, so a clock change mid-session can't stretch it); [clock] dates the log. */
    private val elapsedClock: Clock = clock,
    /** Where a running session survives process death (Android: the back stack's saved state). */
    private val memory: ScreenMemory = ScreenMemory.InMemory(),
) : StoreViewModel<MeditationUiState>(MeditationUiState(stepId = stepId)) {
    private var ticker: Job? = null
    private var startedAtMs: Long = 0

    // Elapsed time banked before the current run (after pauses).
    private var bankedMs: Long = 0
    private var runningSinceMs: Long = 0

    init {
        restore()
        refreshBell()
        viewModelScope.launch { platform.permissionChanges.collect { refreshBell() } }
    }

    /** Re-reads the permission states behind [MeditationUiState.bell]. */
    fun refreshBell() = update { it.copy(bell = bellNoticeFor(platform.permissions())) }

    /** The notification dialog was shown (or the platform can't show it). */
    fun notificationRequestHandled() = update { it.copy(requestNotificationPermission = false) }

    /** The screen shows the finished session: the "time is up" notification is done with. */
    fun endSeen() {
        if (current.phase == TimerPhase.FINISHED) platform.practiceEndSeen()
    }

    fun setTechnique(technique: PracticeTechnique) = inSetup { it.copy(technique = technique) }

    /** Chooses the length; kept within the core's 1–720 minutes so the log can't be refused. */
    fun setMinutes(minutes: Int) = inSetup { it.copy(plannedMinutes = minutes.coerceIn(1, MAX_MINUTES)) }

    fun start() {
        if (current.phase != TimerPhase.SETUP) return
        startedAtMs = clock.instant().toEpochMilli()
        bankedMs = 0
        // The first session is the moment to ask for notifications: the bell is why (review 3, F4).
        val ask = platform.permissions().notifications == NotificationPermission.NOT_ASKED
        update {
            it.copy(phase = TimerPhase.RUNNING, elapsedMillis = 0, logged = null, tooShortToLog = false, error = null, requestNotificationPermission = ask)
        }
        platform.keepScreenOn(true)
        run()
    }

    fun pause() {
        if (current.phase != TimerPhase.RUNNING) return
        ticker?.cancel()
        bankedMs += elapsedNow() - runningSinceMs
        update { it.copy(phase = TimerPhase.PAUSED, elapsedMillis = bankedMs) }
        platform.keepScreenOn(false)
        platform.practiceRunning(null) // a paused session has no end yet
        remember()
    }

    fun resume() {
        if (current.phase != TimerPhase.PAUSED) return
        update { it.copy(phase = TimerPhase.RUNNING) }
        platform.keepScreenOn(true)
        run()
    }

    /** Stops early: logs the whole minutes done as an incomplete session. */
    fun stop() {
        val phase = current.phase
        if (phase != TimerPhase.RUNNING && phase != TimerPhase.PAUSED) return
        ticker?.cancel()
        if (phase == TimerPhase.RUNNING) bankedMs += elapsedNow() - runningSinceMs
        finish(bankedMs, completed = false)
    }

    /** Back to setup for another session. */
    fun reset() {
        ticker?.cancel()
        platform.keepScreenOn(false)
        platform.practiceRunning(null)
        memory.clear()
        update { MeditationUiState(technique = it.technique, plannedMinutes = it.plannedMinutes, stepId = it.stepId) }
    }

    fun dismissError() = update { it.copy(error = null) }

    /**
     * Back while a session runs or is paused: asks first ([MeditationUiState.leaveAsked]) and
     * returns true (Back is used up); otherwise false and the screen leaves. Leaving once asked
     * logs the whole minutes done, as "Finish early" does ([onCleared]).
     */
    fun askBeforeLeaving(): Boolean {
        val phase = current.phase
        if (phase != TimerPhase.RUNNING && phase != TimerPhase.PAUSED) return false
        val elapsed = bankedMs + if (phase == TimerPhase.RUNNING) elapsedNow() - runningSinceMs else 0
        update { it.copy(leaveAsked = true, elapsedMillis = elapsed) }
        return true
    }

    /** "Keep going": the session carries on. */
    fun keepGoing() = update { it.copy(leaveAsked = false) }

    private fun elapsedNow() = elapsedClock.instant().toEpochMilli()

    private fun run(since: Long = elapsedNow()) {
        runningSinceMs = since
        val s = current
        platform.practiceRunning(
            RunningPractice(s.technique, s.plannedMinutes, Instant.ofEpochMilli(startedAtMs), s.stepId, since + s.plannedMillis - bankedMs),
        )
        remember()
        ticker = viewModelScope.launch {
            while (isActive) {
                val elapsed = bankedMs + elapsedNow() - runningSinceMs
                if (elapsed >= current.plannedMillis) {
                    bankedMs = current.plannedMillis
                    platform.practiceTimeUp()
                    finish(bankedMs, completed = true)
                    return@launch
                }
                update { it.copy(elapsedMillis = elapsed) }
                delay(tickMillis)
            }
        }
    }

    private fun finish(elapsedMs: Long, completed: Boolean) {
        platform.keepScreenOn(false)
        val s = current
        val minutes = (elapsedMs / 60_000L).toInt()
        update { it.copy(phase = TimerPhase.FINISHED, elapsedMillis = elapsedMs, tooShortToLog = minutes < 1) }
        if (minutes < 1) {
            platform.practiceRunning(null)
            memory.clear()
            return
        }
        // Until the core has it, a restored screen finishes it again (and the end alarm stays armed).
        memory[FINISHED_MS] = elapsedMs.toString()
        memory[COMPLETED] = completed.toString()
        remember()
        launchCatching({ st, e -> st.copy(error = e) }) {
            val session = store.logPracticeOnce(s.technique, minutes, s.plannedMinutes, completed, Instant.ofEpochMilli(startedAtMs), s.stepId)
            platform.practiceRunning(null)
            memory.clear()
            update { it.copy(logged = session) }
            platform.practiceLogged(session)
            platform.remindersChanged()
        }
    }

    /** Writes the session to [memory]: enough to continue it, or log it, in a new process. */
    private fun remember() {
        val s = current
        memory[PHASE] = s.phase.name
        memory[TECHNIQUE] = s.technique.name
        memory[PLANNED] = s.plannedMinutes.toString()
        memory[STARTED_AT] = startedAtMs.toString()
        memory[BANKED] = bankedMs.toString()
        memory[SINCE] = runningSinceMs.toString()
        // The interval clock restarts with the phone: the wall clock bridges a reboot.
        memory[SINCE_WALL] = (clock.instant().toEpochMilli() - (elapsedNow() - runningSinceMs)).toString()
    }

    /**
     * A session kept in [memory] by a process that was killed: a paused one comes back paused; a
     * running one continues (its time kept counting meanwhile) or, if its end has passed, is logged
     * as completed without a second signal (the end alarm gave it); a finished one not yet in the
     * core is logged.
     */
    private fun restore() {
        val phase = memory[PHASE]?.let { p -> TimerPhase.entries.firstOrNull { it.name == p } } ?: return
        val technique = memory[TECHNIQUE]?.let { t -> PracticeTechnique.entries.firstOrNull { it.name == t } }
        val planned = memory[PLANNED]?.toIntOrNull()
        val started = memory[STARTED_AT]?.toLongOrNull()
        val banked = memory[BANKED]?.toLongOrNull()
        if (phase == TimerPhase.SETUP || technique == null || planned == null || started == null || banked == null) {
            memory.clear()
            return
        }
        startedAtMs = started
        bankedMs = banked
        update { it.copy(technique = technique, plannedMinutes = planned, phase = phase, elapsedMillis = banked) }
        when (phase) {
            TimerPhase.PAUSED -> Unit
            TimerPhase.FINISHED -> finish(memory[FINISHED_MS]?.toLongOrNull() ?: banked, memory[COMPLETED] != "false")
            else -> {
                val now = elapsedNow()
                val since = memory[SINCE]?.toLongOrNull()?.takeIf { it <= now }
                    ?: (now - (clock.instant().toEpochMilli() - (memory[SINCE_WALL]?.toLongOrNull() ?: started)).coerceAtLeast(0))
                if (banked + now - since >= current.plannedMillis) {
                    bankedMs = current.plannedMillis
                    finish(bankedMs, completed = true)
                } else {
                    platform.keepScreenOn(true)
                    run(since)
                }
            }
        }
    }

    /**
     * The screen left (Back, or the stack reset) while a session was running or paused: its whole
     * minutes are logged as an incomplete session, exactly as "Finish early" would (review A6), on
     * a scope of its own since this view model's scope is already cancelled.
     */
    override fun onCleared() {
        val s = current
        if (s.phase != TimerPhase.RUNNING && s.phase != TimerPhase.PAUSED) return
        platform.keepScreenOn(false)
        platform.practiceRunning(null)
        val elapsed = bankedMs + if (s.phase == TimerPhase.RUNNING) elapsedNow() - runningSinceMs else 0
        val minutes = (elapsed / 60_000L).toInt()
        if (minutes < 1) return
        val startedAt = Instant.ofEpochMilli(startedAtMs)
        CoroutineScope(SupervisorJob() + Dispatchers.IO).launch {
            try {
                val session = store.logPracticeOnce(s.technique, minutes, s.plannedMinutes, false, startedAt, s.stepId)
                platform.practiceLogged(session)
                platform.remindersChanged()
            } catch (e: ResetException) {
                // The profile was closed meanwhile (erase-all): nothing to log into.
            } catch (e: IllegalStateException) {
                // Its native object was already released (erase-all): likewise.
            }
        }
    }

    private fun inSetup(change: (MeditationUiState) -> MeditationUiState) = update { if (it.phase == TimerPhase.SETUP) change(it) else it }

    companion object {
        /** The core's upper bound for one session (minutes). */
        const val MAX_MINUTES = 720

        private const val PHASE = "meditation.phase"
        private const val TECHNIQUE = "meditation.technique"
        private const val PLANNED = "meditation.planned"
        private const val STARTED_AT = "meditation.startedAt"
        private const val BANKED = "meditation.banked"
        private const val SINCE = "meditation.runningSince"
        private const val SINCE_WALL = "meditation.runningSinceWall"
        private const val FINISHED_MS = "meditation.finishedMs"
        private const val COMPLETED = "meditation.completed"
    }
}
