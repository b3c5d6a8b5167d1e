package app.resetcompanion.presentation

import androidx.lifecycle.viewModelScope
import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.logPractice
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
    val error: UiError? = null,
) {
    val plannedMillis: Long get() = plannedMinutes * 60_000L
    val remainingMillis: Long get() = (plannedMillis - elapsedMillis).coerceAtLeast(0)

    /** 0…1 for a progress ring. */
    val fraction: Float get() = if (plannedMillis == 0L) 0f else (elapsedMillis.toFloat() / plannedMillis).coerceIn(0f, 1f)
}

/**
 * Counts down with a ticker every [tickMillis] and, when time is up or the person stops,
 * logs the session through the core (which stores it and feeds the practice summary), then
 * hands it to [PlatformHooks.practiceLogged] for Health Connect.
 */
class MeditationTimerViewModel(
    private val store: ResetStore,
    private val platform: PlatformHooks,
    private val clock: Clock,
    private val tickMillis: Long,
    stepId: String?,
    /** Interval timing (Android: `elapsedRealtime`, so a clock change mid-session can't stretch it); [clock] dates the log. */
    private val elapsedClock: Clock = clock,
) : StoreViewModel<MeditationUiState>(MeditationUiState(stepId = stepId)) {
    private var ticker: Job? = null
    private var startedAtMs: Long = 0

    // Elapsed time banked before the current run (after pauses).
    private var bankedMs: Long = 0
    private var runningSinceMs: Long = 0

    fun setTechnique(technique: PracticeTechnique) = inSetup { it.copy(technique = technique) }

    /** Chooses the length; kept within the core's 1–720 minutes so the log can't be refused. */
    fun setMinutes(minutes: Int) = inSetup { it.copy(plannedMinutes = minutes.coerceIn(1, MAX_MINUTES)) }

    fun start() {
        if (current.phase != TimerPhase.SETUP) return
        startedAtMs = clock.instant().toEpochMilli()
        bankedMs = 0
        update { it.copy(phase = TimerPhase.RUNNING, elapsedMillis = 0, logged = null, tooShortToLog = false, error = null) }
        platform.keepScreenOn(true)
        run()
    }

    fun pause() {
        if (current.phase != TimerPhase.RUNNING) return
        ticker?.cancel()
        bankedMs += elapsedClock.instant().toEpochMilli() - runningSinceMs
        update { it.copy(phase = TimerPhase.PAUSED, elapsedMillis = bankedMs) }
        platform.keepScreenOn(false)
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
        if (phase == TimerPhase.RUNNING) bankedMs += elapsedClock.instant().toEpochMilli() - runningSinceMs
        finish(bankedMs, completed = false)
    }

    /** Back to setup for another session. */
    fun reset() {
        ticker?.cancel()
        platform.keepScreenOn(false)
        update { MeditationUiState(technique = it.technique, plannedMinutes = it.plannedMinutes, stepId = it.stepId) }
    }

    fun dismissError() = update { it.copy(error = null) }

    private fun run() {
        runningSinceMs = elapsedClock.instant().toEpochMilli()
        ticker = viewModelScope.launch {
            while (isActive) {
                val elapsed = bankedMs + elapsedClock.instant().toEpochMilli() - runningSinceMs
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
        if (minutes < 1) return
        launchCatching({ st, e -> st.copy(error = e) }) {
            val session = store.logPractice(
                technique = s.technique,
                minutes = minutes,
                planned = s.plannedMinutes,
                completed = completed,
                startedAt = Instant.ofEpochMilli(startedAtMs),
                stepId = s.stepId,
            )
            update { it.copy(logged = session) }
            platform.practiceLogged(session)
            platform.remindersChanged()
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
        val elapsed = bankedMs + if (s.phase == TimerPhase.RUNNING) elapsedClock.instant().toEpochMilli() - runningSinceMs else 0
        val minutes = (elapsed / 60_000L).toInt()
        if (minutes < 1) return
        val startedAt = Instant.ofEpochMilli(startedAtMs)
        CoroutineScope(SupervisorJob() + Dispatchers.IO).launch {
            try {
                val session = store.logPractice(s.technique, minutes, s.plannedMinutes, false, startedAt, s.stepId)
                platform.practiceLogged(session)
                platform.remindersChanged()
            } catch (e: ResetException) {
                // The profile was closed meanwhile (erase-all): nothing to log into.
            }
        }
    }

    private fun inSetup(change: (MeditationUiState) -> MeditationUiState) = update { if (it.phase == TimerPhase.SETUP) change(it) else it }

    companion object {
        /** The core's upper bound for one session (minutes). */
        const val MAX_MINUTES = 720
    }
}
