package app.resetcompanion.core

import app.resetcompanion.core.model.PracticeSession
import app.resetcompanion.core.model.PracticeTechnique
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import java.time.Instant
import java.time.ZoneOffset

// A timed practice in progress, shared by the meditation screen and the end-of-practice alarm
// (review A6 / B11): either may be the one that sees the planned time run out (the screen when it
// is alive, the alarm when the screen is off or the process was killed), and the session must be
// stored exactly once whichever does.

/**
 * A timed practice that is running: what the end-of-practice alarm carries so it can log the
 * session even when the screen that started it is gone. Holds no user text.
 */
data class RunningPractice(
    val technique: PracticeTechnique,
    /** The chosen length (1–720 minutes): what a session that ran to its end logs. */
    val plannedMinutes: Int,
    /** The wall-clock start, which dates the log (and identifies the session). */
    val startedAt: Instant,
    /** The programme step it is for, if any. */
    val stepId: String?,
    /**
     * When the planned time is up, in milliseconds of the interval clock the timer measures with
     * (Android: `SystemClock.elapsedRealtime()`, the base of `ELAPSED_REALTIME_WAKEUP`, which a
     * wall-clock change cannot move).
     */
    val endsAtElapsedMs: Long,
)

private val logOnce = Mutex()

/**
 * Logs the session that started at [startedAt] unless one with that start (to the second) and
 * [technique] is already stored, and returns the stored one either way: the timer screen and the
 * end-of-practice alarm may both finish the same session, in one process or across a restart.
 */
suspend fun ResetStore.logPracticeOnce(
    technique: PracticeTechnique,
    minutes: Int,
    planned: Int?,
    completed: Boolean,
    startedAt: Instant,
    stepId: String?,
): PracticeSession = logOnce.withLock {
    // The local day is the person's; a day either side of the UTC date covers every zone.
    val day = startedAt.atOffset(ZoneOffset.UTC).toLocalDate()
    val second = startedAt.epochSecond
    practiceSessions(day.minusDays(1), day.plusDays(1))
        .firstOrNull { it.started.at.epochSecond == second && it.technique == technique }
        ?: logPractice(technique, minutes, planned, completed, startedAt, stepId)
}

/** Logs a session that ran to its planned end (the alarm's view of it). */
suspend fun ResetStore.logCompleted(practice: RunningPractice): PracticeSession = logPracticeOnce(
    practice.technique,
    practice.plannedMinutes,
    practice.plannedMinutes,
    completed = true,
    startedAt = practice.startedAt,
    stepId = practice.stepId,
)
