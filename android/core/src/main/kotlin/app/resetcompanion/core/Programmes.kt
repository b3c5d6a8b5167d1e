package app.resetcompanion.core

import app.resetcompanion.core.model.PracticeSession
import app.resetcompanion.core.model.PracticeSessionInput
import app.resetcompanion.core.model.PracticeSummary
import app.resetcompanion.core.model.PracticeTechnique
import app.resetcompanion.core.model.Programme
import app.resetcompanion.core.model.ProgrammeProgress
import app.resetcompanion.core.model.ProgrammeSummary
import app.resetcompanion.core.model.ProgrammeToday
import app.resetcompanion.core.model.StepCompletion
import app.resetcompanion.core.model.StepProgress
import java.time.Instant
import java.time.ZoneOffset

// Programmes (the Reset Series) and practice sessions (issue 6) as suspend functions on
// ResetStore. The rules (unlock times, pauses, habit strength) live in Rust; this file only
// gives Kotlin defaults and java.time values.

/** Every programme on offer, sorted by id. */
suspend fun ResetStore.programmes(): List<ProgrammeSummary> = call { it.programmes() }

/** One programme with every step's Markdown text; throws `ResetException.NotFound` for an unknown id. */
suspend fun ResetStore.programme(id: String): Programme = call { it.programme(id) }

/**
 * Enrols in a programme. One structured programme runs at a time; free practice is always open.
 *
 * @throws app.resetcompanion.core.model.ResetException.Conflict while another programme is in progress.
 */
suspend fun ResetStore.startProgramme(id: String, at: Instant? = null): ProgrammeProgress = call { it.startProgramme(id, at) }

/** Today's steps: done today, open now, or opening next (see [unlockInstant]). */
suspend fun ResetStore.programmeToday(): ProgrammeToday = call { it.programmeToday() }

/** Every step of the current programme, or null when none is in progress. */
suspend fun ResetStore.programmeProgress(): ProgrammeProgress? = call { it.programmeProgress() }

/**
 * Marks a step done; doing it twice is harmless.
 *
 * @throws app.resetcompanion.core.model.ResetException.Conflict naming when the step opens, if it
 *   is still locked; nothing is stored.
 */
suspend fun ResetStore.completeStep(stepId: String, at: Instant? = null): StepCompletion = call { it.completeProgrammeStep(stepId, at) }

/** Sets the programme in progress aside (progress is kept); returns its id, if any. */
suspend fun ResetStore.leaveProgramme(): String? = call { it.leaveProgramme() }

/** Clears a pause after a break, or picks up the programme left most recently. */
suspend fun ResetStore.resumeProgramme(): ProgrammeProgress = call { it.resumeProgramme() }

/** Begins a programme (default: the current one) again; the earlier run is kept as history. */
suspend fun ResetStore.restartProgramme(id: String? = null): ProgrammeProgress = call { it.restartProgramme(id) }

/**
 * Logs a practice session; without [startedAt] it ended just now.
 *
 * @throws app.resetcompanion.core.model.ResetException.InvalidInput (field `minutes` or `planned`)
 *   outside 1–720 minutes.
 */
suspend fun ResetStore.logPractice(
    technique: PracticeTechnique,
    minutes: Int,
    planned: Int? = null,
    completed: Boolean = true,
    startedAt: Instant? = null,
    stepId: String? = null,
): PracticeSession = call {
    it.logPracticeSession(
        PracticeSessionInput(
            technique = technique,
            actualMinutes = minutes.coerceAtLeast(0).toUInt(),
            plannedMinutes = planned?.coerceAtLeast(0)?.toUInt(),
            completed = completed,
            startedAt = startedAt,
            stepId = stepId,
        ),
    )
}

/** Sessions between two local days (`YYYY-MM-DD`, either end open), oldest first. */
suspend fun ResetStore.practiceSessions(from: java.time.LocalDate? = null, to: java.time.LocalDate? = null): List<PracticeSession> =
    call { it.practiceSessions(from, to) }

/** One session by its id (`ps_…`), or by the number that was its id before (`legacyId`); `NotFound` if none. */
suspend fun ResetStore.practiceSession(id: String): PracticeSession = call { it.practiceSession(id) }

/** Minutes per day and week, days practised this week, habit strength, and the streak unless hidden. */
suspend fun ResetStore.practiceSummary(from: java.time.LocalDate? = null, to: java.time.LocalDate? = null): PracticeSummary =
    call { it.practiceSummary(from, to) }

/** Hides (or shows) the streak; the gentler measures always stay. */
suspend fun ResetStore.setStreakHidden(hidden: Boolean) = call { it.setStreakHidden(hidden) }

/** When a locked step opens. */
val StepProgress.unlockInstant: Instant?
    get() = unlocksAt?.at

/** Start of the session: Health Connect `MindfulnessSessionRecord.startTime`. */
val PracticeSession.startInstant: Instant get() = started.at

/** End of the session: `MindfulnessSessionRecord.endTime`. */
val PracticeSession.endInstant: Instant get() = endedAt

/** `MindfulnessSessionRecord.startZoneOffset`. */
val PracticeSession.startZoneOffset: ZoneOffset get() = ZoneOffset.ofTotalSeconds(startUtcOffsetSeconds)

/** `MindfulnessSessionRecord.endZoneOffset`. */
val PracticeSession.endZoneOffset: ZoneOffset get() = ZoneOffset.ofTotalSeconds(endUtcOffsetSeconds)
