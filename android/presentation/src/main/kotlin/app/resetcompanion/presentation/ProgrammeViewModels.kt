package app.resetcompanion.presentation

import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.completeStep
import app.resetcompanion.core.leaveProgramme
import app.resetcompanion.core.model.Programme
import app.resetcompanion.core.model.ProgrammeProgress
import app.resetcompanion.core.model.ProgrammeStep
import app.resetcompanion.core.model.ProgrammeSummary
import app.resetcompanion.core.model.StepCompletion
import app.resetcompanion.core.model.StepProgress
import app.resetcompanion.core.programme
import app.resetcompanion.core.programmeProgress
import app.resetcompanion.core.programmes
import app.resetcompanion.core.restartProgramme
import app.resetcompanion.core.resumeProgramme
import app.resetcompanion.core.startProgramme

/** The programme browser: every programme, the one in progress, and one opened for detail. */
data class ProgrammeBrowserUiState(
    val loading: Boolean = true,
    val programmes: List<ProgrammeSummary> = emptyList(),
    /** The programme in progress (or paused), with every step's status; null when none. */
    val progress: ProgrammeProgress? = null,
    /** The programme opened for detail (its steps' text), or null on the list. */
    val opened: Programme? = null,
    val error: UiError? = null,
)

/** Browses, starts, leaves, resumes and restarts programmes; the core enforces one at a time. */
class ProgrammeBrowserViewModel(private val store: ResetStore) : StoreViewModel<ProgrammeBrowserUiState>(ProgrammeBrowserUiState()) {
    init {
        refresh()
    }

    fun refresh() = launchCatching(::failed) {
        val list = store.programmes()
        val progress = store.programmeProgress()
        update { it.copy(loading = false, programmes = list, progress = progress) }
    }

    /** Opens one programme's detail. */
    fun open(id: String) = launchCatching(::failed) {
        val programme = store.programme(id)
        update { it.copy(opened = programme) }
    }

    /** Back to the list. */
    fun close() = update { it.copy(opened = null) }

    /** Enrols; a Conflict error names the programme already in progress. */
    fun start(id: String) = change { store.startProgramme(id) }

    /** Sets the current programme aside (progress kept). */
    fun leave() = launchCatching(::failed) {
        store.leaveProgramme()
        val progress = store.programmeProgress()
        update { it.copy(progress = progress) }
    }

    /** Picks up after a pause, or the programme left most recently. */
    fun resume() = change { store.resumeProgramme() }

    /** Begins [id] (default: the current programme) again; the earlier run stays as history. */
    fun restart(id: String? = null) = change { store.restartProgramme(id) }

    fun dismissError() = update { it.copy(error = null) }

    private fun change(call: suspend () -> ProgrammeProgress) = launchCatching(::failed) {
        val progress = call()
        update { it.copy(progress = progress, error = null) }
    }

    private fun failed(s: ProgrammeBrowserUiState, e: UiError) = s.copy(loading = false, error = e)
}

/** One programme step: its text, its status (locked until `unlocksAt`), and completing it. */
data class ProgrammeStepUiState(
    val loading: Boolean = true,
    /** The step's content (Markdown body, kind, minutes, practice target). */
    val step: ProgrammeStep? = null,
    /** Its status in the current run. */
    val progress: StepProgress? = null,
    val completing: Boolean = false,
    /** Set after completing: the next step, and whether the programme finished. */
    val completion: StepCompletion? = null,
    val error: UiError? = null,
)

/** Shows and completes one step of the programme in progress. */
class ProgrammeStepViewModel(private val store: ResetStore, private val platform: PlatformHooks, private val stepId: String) :
    StoreViewModel<ProgrammeStepUiState>(ProgrammeStepUiState()) {
    init {
        refresh()
    }

    fun refresh() = launchCatching({ s, e -> s.copy(loading = false, error = e) }) {
        val progress = store.programmeProgress()
        val step = progress?.let { p -> store.programme(p.programme).steps.firstOrNull { it.id == stepId } }
        update { it.copy(loading = false, step = step, progress = progress?.steps?.firstOrNull { it.id == stepId }) }
    }

    /** Marks the step done. A locked step is a Conflict error from the core, naming when it opens. */
    fun complete() {
        if (current.completing) return
        update { it.copy(completing = true, error = null) }
        launchCatching({ s, e -> s.copy(completing = false, error = e) }) {
            val done = store.completeStep(stepId)
            val progress = store.programmeProgress()?.steps?.firstOrNull { it.id == stepId }
            update { it.copy(completing = false, completion = done, progress = progress ?: it.progress) }
            // A skip-if-done programme reminder should now stay quiet today.
            platform.remindersChanged()
        }
    }

    fun dismissError() = update { it.copy(error = null) }
}
