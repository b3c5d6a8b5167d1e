package app.resetcompanion.presentation

import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.checkIns
import app.resetcompanion.core.dueAssessments
import app.resetcompanion.core.model.CheckIn
import app.resetcompanion.core.model.DueAssessment
import app.resetcompanion.core.model.PracticeSummary
import app.resetcompanion.core.model.ProgrammeToday
import app.resetcompanion.core.model.StepProgress
import app.resetcompanion.core.model.StepStatus
import app.resetcompanion.core.practiceSummary
import app.resetcompanion.core.programmeToday

/** The Today screen: one card each for the check-in, the programme step, practice and questionnaires. */
data class TodayUiState(
    val loading: Boolean = true,
    /** The person's local date, from the core's clock and zone. */
    val date: java.time.LocalDate? = null,
    /** Today's check-ins, newest first. */
    val checkInsToday: List<CheckIn> = emptyList(),
    /** The programme in progress with today's steps, or null when none is. */
    val programme: ProgrammeToday? = null,
    /** This week's practice (minutes, days, habit strength, the streak unless hidden). */
    val practice: PracticeSummary? = null,
    /** Questionnaires due today. */
    val dueAssessments: List<DueAssessment> = emptyList(),
    val error: UiError? = null,
) {
    /** Whether the check-in card says "done" rather than inviting one. */
    val checkedInToday: Boolean get() = checkInsToday.isNotEmpty()

    /** The step the programme card offers: the first open one, else the next locked one. */
    val featuredStep: StepProgress?
        get() = programme?.steps?.let { steps ->
            steps.firstOrNull { it.status == StepStatus.AVAILABLE } ?: steps.firstOrNull { it.status == StepStatus.LOCKED }
        }
}

/** Loads Today from the core; [refresh] after any other screen changes something. */
class TodayViewModel(private val store: ResetStore) : StoreViewModel<TodayUiState>(TodayUiState()) {
    init {
        refresh()
    }

    /** Reloads every card (on resume, pull-to-refresh, or returning from a flow). */
    fun refresh() {
        update { it.copy(loading = true, error = null) }
        launchCatching({ s, e -> s.copy(loading = false, error = e) }) {
            val today = store.today()
            val checkIns = store.checkIns(from = today, to = today)
            val programme = store.programmeToday().takeIf { it.programme != null }
            val practice = store.practiceSummary()
            val due = store.dueAssessments().due
            update {
                it.copy(
                    loading = false,
                    date = today,
                    checkInsToday = checkIns,
                    programme = programme,
                    practice = practice,
                    dueAssessments = due,
                )
            }
        }
    }

    /** Hides the error banner. */
    fun dismissError() = update { it.copy(error = null) }
}
