package app.resetcompanion.presentation

import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.assessmentCatalogue
import app.resetcompanion.core.model.Answer
import app.resetcompanion.core.model.AssessmentResult
import app.resetcompanion.core.model.Instrument
import app.resetcompanion.core.model.Signpost
import app.resetcompanion.core.model.TakenAssessment
import app.resetcompanion.core.takeAssessment

/**
 * Where the questionnaire flow is. The order is enforced here: a result that carries a
 * safety signpost passes through [Signpost] first, and the score is not in the state until the
 * person has acknowledged it (clinical.md: signpost before the score).
 */
sealed interface AssessmentPhase {
    /** Picking a questionnaire. */
    data object Choosing : AssessmentPhase

    /** Answering [instrument]'s items; [index] is the item on screen. */
    data class Answering(val instrument: Instrument, val index: Int, val answers: List<Answer?>) : AssessmentPhase {
        val item get() = instrument.items[index]
        val isLast: Boolean get() = index == instrument.items.lastIndex
        val answeredCount: Int get() = answers.count { it != null }
        val canSubmit: Boolean get() = answers.none { it == null }
    }

    /** Saving and scoring in the core. */
    data object Submitting : AssessmentPhase

    /** Crisis resources for the person's region, shown before (and instead of) the score. */
    data class Signposting(val signpost: Signpost) : AssessmentPhase

    /** The score, band and follow-up text from the core. */
    data class Result(val result: AssessmentResult, val assessmentId: String) : AssessmentPhase
}

/** The questionnaire screen; a secure screen (answers are private). */
data class AssessmentUiState(
    val instruments: List<Instrument> = emptyList(),
    val phase: AssessmentPhase = AssessmentPhase.Choosing,
    val error: UiError? = null,
)

/**
 * Runs one questionnaire: answers are collected here, scored and stored by the core
 * (`takeAssessment`), which also records the safety event when it signposts.
 */
class AssessmentViewModel(private val store: ResetStore, private val platform: PlatformHooks, instrument: String?) :
    StoreViewModel<AssessmentUiState>(AssessmentUiState()) {
    // The scored result waits here while the signpost is on screen: never in the state.
    private var heldBack: TakenAssessment? = null

    init {
        launchCatching({ s, e -> s.copy(error = e) }) {
            val catalogue = assessmentCatalogue()
            update { it.copy(instruments = catalogue) }
            if (instrument != null) choose(instrument)
        }
    }

    /** The screen became visible / left: see [SecureWindow]. */
    fun onVisible(visible: Boolean) = platform.secureWindow.setSecure(visible)

    /** Starts [instrumentId] from its first item. */
    fun choose(instrumentId: String) {
        val instrument = current.instruments.firstOrNull { it.id == instrumentId }
        if (instrument == null) {
            update { it.copy(error = UiError.invalid("instrument", "unknown questionnaire")) }
            return
        }
        heldBack = null
        update { it.copy(phase = AssessmentPhase.Answering(instrument, 0, List(instrument.items.size) { null }), error = null) }
    }

    /** Answers the item on screen and moves to the next one (the last item stays put). */
    fun answer(answer: Answer) = onAnswering { a ->
        val answers = a.answers.toMutableList().also { it[a.index] = answer }
        a.copy(answers = answers, index = if (a.isLast) a.index else a.index + 1)
    }

    /** Goes to item [index] (review or change an earlier answer). */
    fun goTo(index: Int) = onAnswering { a -> if (index in a.answers.indices) a.copy(index = index) else a }

    /** Back one item. */
    fun back() = onAnswering { a -> a.copy(index = (a.index - 1).coerceAtLeast(0)) }

    /**
     * Submits once every item has an answer (a score, "not applicable" or "prefer not to say",
     * where the item allows them). Otherwise it jumps to the first unanswered item. Whether a
     * declined item can be prorated or signposts is the core's decision.
     */
    fun submit() {
        val a = current.phase as? AssessmentPhase.Answering ?: return
        val missing = a.answers.indexOfFirst { it == null }
        if (missing >= 0) {
            update { it.copy(phase = a.copy(index = missing), error = UiError.invalid("answers[$missing]", "not answered yet")) }
            return
        }
        update { it.copy(phase = AssessmentPhase.Submitting, error = null) }
        launchCatching({ s, e -> s.copy(phase = a, error = e) }) {
            val taken = store.takeAssessment(a.instrument.id, a.answers.filterNotNull())
            val signpost = taken.result.signpost
            if (signpost != null) {
                heldBack = taken
                update { it.copy(phase = AssessmentPhase.Signposting(signpost)) }
            } else {
                update { it.copy(phase = AssessmentPhase.Result(taken.result, taken.record.id)) }
            }
            platform.remindersChanged()
        }
    }

    /** The person has seen the crisis resources: only now does the score appear. */
    fun acknowledgeSignpost() {
        val taken = heldBack ?: return
        if (current.phase !is AssessmentPhase.Signposting) return
        heldBack = null
        update { it.copy(phase = AssessmentPhase.Result(taken.result, taken.record.id)) }
    }

    /** Back to the list. */
    fun restart() {
        heldBack = null
        update { it.copy(phase = AssessmentPhase.Choosing, error = null) }
    }

    fun dismissError() = update { it.copy(error = null) }

    private fun onAnswering(change: (AssessmentPhase.Answering) -> AssessmentPhase.Answering) = update { s ->
        (s.phase as? AssessmentPhase.Answering)?.let { s.copy(phase = change(it)) } ?: s
    }
}
