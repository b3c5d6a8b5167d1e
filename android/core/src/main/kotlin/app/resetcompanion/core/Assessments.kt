package app.resetcompanion.core

import app.resetcompanion.core.model.Answer
import app.resetcompanion.core.model.AssessmentRecord
import app.resetcompanion.core.model.AssessmentResult
import app.resetcompanion.core.model.Cadence
import app.resetcompanion.core.model.CrisisRegion
import app.resetcompanion.core.model.CrisisResource
import app.resetcompanion.core.model.DueReport
import app.resetcompanion.core.model.Episode
import app.resetcompanion.core.model.EpisodeOutcome
import app.resetcompanion.core.model.Instrument
import app.resetcompanion.core.model.MeasurementPoint
import app.resetcompanion.core.model.OutcomeCategory
import app.resetcompanion.core.model.OutcomeScores
import app.resetcompanion.core.model.OutcomeSummary
import app.resetcompanion.core.model.SafetyEvent
import app.resetcompanion.core.model.SignpostReason
import app.resetcompanion.core.model.TakenAssessment
import java.time.Instant

// Questionnaires (issue 4) as suspend functions on ResetStore, with Kotlin Ints and
// java.time instants. Scoring, bands, signposts and outcomes stay in Rust.

/**
 * Answers from option scores, in item order: `answersOf(3, 2, 2, 2, 1, 1, 1)`.
 *
 * @throws app.resetcompanion.core.model.ResetException.InvalidInput naming `answers[i]` for a negative score.
 */
fun answersOf(vararg scores: Int): List<Answer> = parseAssessmentAnswers(scores.joinToString(","))

/**
 * Parses the text form `1,2,na,decline` shared with the CLI and the golden fixtures.
 *
 * @throws app.resetcompanion.core.model.ResetException.InvalidInput naming `answers[i]`.
 */
fun Answer.Companion.parse(text: String): List<Answer> = parseAssessmentAnswers(text)

/** The stable snake_case id used in JSON and the therapist export (`self_harm_thoughts`). */
val SignpostReason.id: String get() = name.lowercase()

/** The stable snake_case id used in JSON (`reliable_recovery`, `not_caseness`, …). */
val OutcomeCategory.id: String get() = name.lowercase()

/** When it was completed. */
val AssessmentRecord.takenAtInstant: Instant get() = taken.at

/** When the signpost was shown. */
val SafetyEvent.occurredAtInstant: Instant get() = occurred.at

/** Every instrument with its items, answer options, bands and citation. */
fun assessmentCatalogue(): List<Instrument> = assessmentInstruments()

/** The NHS Talking Therapies outcome for first and last PHQ-9 and GAD-7 totals. */
fun nhsOutcome(phq9First: Int, phq9Last: Int, gad7First: Int, gad7Last: Int): OutcomeSummary = assessmentOutcomeForScores(
    OutcomeScores(phq9First.toUInt(), phq9Last.toUInt(), gad7First.toUInt(), gad7Last.toUInt()),
)

/**
 * Scores answers without storing them. Show `signpost` (when present) *before* the score.
 *
 * @param region `GB`, `US` or `IE`; default: the `region` preference, else the zone, else GB.
 */
suspend fun ResetStore.scoreAssessment(instrument: String, answers: List<Answer>, region: String? = null): AssessmentResult =
    call { it.scoreAssessment(instrument, answers, region) }

/** Scores and stores a questionnaire; a signpost is recorded as a safety event. Nothing is stored if invalid. */
suspend fun ResetStore.takeAssessment(instrument: String, answers: List<Answer>, at: Instant? = null, region: String? = null): TakenAssessment =
    call { it.takeAssessment(instrument, answers, at, region) }

/** Stored results, oldest first; only one instrument's when given. */
suspend fun ResetStore.assessmentHistory(instrument: String? = null): List<AssessmentRecord> = call { it.assessmentHistory(instrument) }

/** One stored result by its id (`as_…`), or by the number that was its id before (`legacyId`); `NotFound` if none. */
suspend fun ResetStore.assessment(id: String): AssessmentRecord = call { it.assessment(id) }

/** Starts a new episode of care on a local day (default today); outcomes count from it. */
suspend fun ResetStore.startAssessmentEpisode(startDate: java.time.LocalDate? = null): Episode = call { it.startAssessmentEpisode(startDate) }

/** The current episode's first and latest PHQ-9 and GAD-7 and, once it has both, its outcome. */
suspend fun ResetStore.episodeOutcome(): EpisodeOutcome = call { it.assessmentOutcome() }

/** What is due today and next; a programme adds its own measurement points. */
suspend fun ResetStore.dueAssessments(extraPoints: List<MeasurementPoint> = emptyList()): DueReport = call { it.assessmentsDue(extraPoints) }

/** The cadence in force for every instrument. */
suspend fun ResetStore.assessmentCadences(): List<Cadence> = call { it.assessmentCadences() }

/** Sets how often an instrument is due (1–366 days), or null to stop scheduling it. */
suspend fun ResetStore.setAssessmentCadence(instrument: String, everyDays: Int?): Cadence =
    call { it.setAssessmentCadence(instrument, everyDays?.coerceAtLeast(0)?.toUInt()) }

/** Every time a crisis signpost was shown, oldest first. */
suspend fun ResetStore.safetyEvents(): List<SafetyEvent> = call { it.safetyEvents() }

/** Crisis resources for a "get help now" button: [region], else the person's region. */
suspend fun ResetStore.crisisResources(region: String? = null): List<CrisisResource> = call { it.crisisResources(region) }

/**
 * [crisisResources] with the region they are for; when `regionIsFallback` is true, say plainly
 * that these are another country's services (no covered region matched the person).
 */
suspend fun ResetStore.crisisRegion(region: String? = null): CrisisRegion = call { it.crisisRegion(region) }

/**
 * The crisis lines without an open profile, from the core's static data: for the screens shown
 * when the profile can't be opened (lost key, a failed open). [timeZone] picks the region unless
 * [region] is given. Runs on [dispatcher].
 *
 * @throws app.resetcompanion.core.model.ResetException.InvalidInput naming `region` or `time_zone`.
 */
suspend fun crisisLinesWithoutProfile(
    timeZone: String = java.util.TimeZone.getDefault().id,
    region: String? = null,
    dispatcher: kotlinx.coroutines.CoroutineDispatcher = kotlinx.coroutines.Dispatchers.IO,
): List<CrisisResource> = kotlinx.coroutines.withContext(dispatcher) { crisisResourcesWithoutProfile(region, timeZone) }

/**
 * [crisisLinesWithoutProfile] with the region the lines are for and whether it is only the
 * fallback. Runs on [dispatcher].
 *
 * @throws app.resetcompanion.core.model.ResetException.InvalidInput naming `region` or `time_zone`.
 */
suspend fun crisisLinesRegionWithoutProfile(
    timeZone: String = java.util.TimeZone.getDefault().id,
    region: String? = null,
    dispatcher: kotlinx.coroutines.CoroutineDispatcher = kotlinx.coroutines.Dispatchers.IO,
): CrisisRegion = kotlinx.coroutines.withContext(dispatcher) { crisisRegionWithoutProfile(region, timeZone) }
