package app.resetcompanion.presentation

import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.assessmentHistory
import app.resetcompanion.core.checkIns
import app.resetcompanion.core.deleteCheckIn
import app.resetcompanion.core.episodeOutcome
import app.resetcompanion.core.insights
import app.resetcompanion.core.model.AssessmentRecord
import app.resetcompanion.core.model.CheckIn
import app.resetcompanion.core.model.EpisodeOutcome
import app.resetcompanion.core.model.Insights
import app.resetcompanion.core.model.MeasureChange
import app.resetcompanion.core.model.MoodAssociation
import app.resetcompanion.core.model.MoodDirection
import app.resetcompanion.core.model.OutcomeIndicatorKind
import app.resetcompanion.core.model.OutcomeMeasure
import app.resetcompanion.core.model.PracticeSummary
import app.resetcompanion.core.practiceSummary
import app.resetcompanion.core.setStreakHidden
import kotlin.math.abs

// What the core already computes and these screens show: insights with the mood calendar,
// check-in history, questionnaire history with the outcome indicators, and the practice summary
// with a streak that can be hidden. Nothing here scores or aggregates: each view model picks
// from what the core returns (same shapes as ios/Sources/ResetFeatures/ProgressModels.swift).

/** Insights: the core's mood calendar, associations and thinking traps over its default range. */
data class InsightsUiState(val loading: Boolean = true, val insights: Insights? = null, val error: UiError? = null) {
    /** What goes with better mood, strongest first (the core already applied its minimum sample). */
    val better: List<MoodAssociation> get() = associations(MoodDirection.BETTER)

    /** What goes with worse mood, strongest first. */
    val worse: List<MoodAssociation> get() = associations(MoodDirection.WORSE)

    private fun associations(d: MoodDirection) = insights?.associations.orEmpty().filter { it.direction == d }.sortedByDescending { abs(it.difference) }
}

/** Loads insights from the core (`ResetStore.insights`). */
class InsightsViewModel(private val store: ResetStore) : StoreViewModel<InsightsUiState>(InsightsUiState()) {
    init {
        refresh()
    }

    /** Reloads from the core. */
    fun refresh() = launchCatching({ s, e -> s.copy(loading = false, error = e) }) {
        val insights = store.insights()
        update { it.copy(loading = false, insights = insights, error = null) }
    }

    /** Hides the error banner. */
    fun dismissError() = update { it.copy(error = null) }
}

/** One local day's check-ins, newest first (the core's order is kept). */
data class CheckInDay(val localDate: java.time.LocalDate, val checkIns: List<CheckIn>)

/** Every check-in, grouped by the local day the core gave it; deletable. */
data class CheckInHistoryUiState(
    val loading: Boolean = true,
    val days: List<CheckInDay> = emptyList(),
    /** The check-in whose "Delete this check-in?" question is on screen, or null. */
    val pendingDelete: String? = null,
    val error: UiError? = null,
)

/** Check-in history over `ResetStore.checkIns`, with delete. */
class CheckInHistoryViewModel(private val store: ResetStore) : StoreViewModel<CheckInHistoryUiState>(CheckInHistoryUiState()) {
    init {
        refresh()
    }

    /** Reloads every check-in. */
    fun refresh() = launchCatching({ s, e -> s.copy(loading = false, error = e) }) {
        val days = group(store.checkIns())
        update { it.copy(loading = false, days = days, error = null) }
    }

    /** Asks "Delete this check-in?" for [id]; nothing is deleted until [confirmDelete]. */
    fun askDelete(id: String) = update { it.copy(pendingDelete = id) }

    /** Keeps the check-in. */
    fun cancelDelete() = update { it.copy(pendingDelete = null) }

    /** Deletes the check-in [askDelete] asked about. */
    fun confirmDelete() {
        val id = current.pendingDelete ?: return
        update { it.copy(pendingDelete = null) }
        delete(id)
    }

    /** Deletes one check-in for good, then reloads (the screen goes through [askDelete] first). */
    fun delete(id: String) = launchCatching({ s, e -> s.copy(error = e) }) {
        store.deleteCheckIn(id)
        refresh()
    }

    /** Hides the error banner. */
    fun dismissError() = update { it.copy(error = null) }

    companion object {
        /** Consecutive check-ins with the same local date form one day; order is kept. */
        fun group(checkIns: List<CheckIn>): List<CheckInDay> {
            val days = mutableListOf<CheckInDay>()
            for (c in checkIns) {
                val last = days.lastOrNull()
                if (last != null && last.localDate == c.captured.localDate) {
                    days[days.lastIndex] = last.copy(checkIns = last.checkIns + c)
                } else {
                    days += CheckInDay(c.captured.localDate, listOf(c))
                }
            }
            return days
        }
    }
}

/** One outcome indicator and whether it holds; shown with an icon and words, never colour alone. */
data class OutcomeIndicator(val label: String, val holds: Boolean)

/** Questionnaire history (newest first), optionally one instrument's, and the episode's outcome. */
data class AssessmentHistoryUiState(
    val loading: Boolean = true,
    /** Only this instrument's records, or all (null). */
    val instrument: String? = null,
    val records: List<AssessmentRecord> = emptyList(),
    val outcome: EpisodeOutcome? = null,
    val error: UiError? = null,
) {
    /** The core's indicators, in words; empty until the episode has a first and a latest score. */
    val indicators: List<OutcomeIndicator>
        get() = outcome?.summary?.let {
            listOf(
                OutcomeIndicator("Reliable improvement", it.reliableImprovement),
                OutcomeIndicator("Recovery", it.recovery),
                OutcomeIndicator("Reliable recovery", it.reliableRecovery),
                OutcomeIndicator("Reliable deterioration", it.reliableDeterioration),
            )
        }.orEmpty()

    /**
     * One warning line per measure that rose reliably (the core's `warningMeasures`), in words:
     * also when the combined indicator reads "no reliable change" because the other measure fell,
     * and whatever recovery says — one indicator never hides another. The screen shows each with
     * a warning icon and these words, never colour alone. Empty when nothing rose.
     */
    val warnings: List<String>
        get() {
            val summary = outcome?.summary ?: return emptyList()
            val rising = summary.indicators
                .filter { it.indicator == OutcomeIndicatorKind.RELIABLE_DETERIORATION }
                .flatMap { it.warningMeasures }
            return summary.measures.filter { it.measure in rising }.map(::warning)
        }

    /** "PHQ-9 rose by 6 points since the start of this episode (…) — a reliable rise; …". */
    private fun warning(change: MeasureChange): String {
        val name = if (change.measure == OutcomeMeasure.PHQ9) "PHQ-9" else "GAD-7"
        val points = if (change.change == 1) "1 point" else "${change.change} points"
        return "$name rose by $points since the start of this episode (${change.first} → ${change.last})" +
            " — a reliable rise; worth talking about with your therapist."
    }

    /** "PHQ-9: 18 → 7 (4 questionnaires)" for each instrument with a first and latest score. */
    val changes: List<String>
        get() {
            val o = outcome ?: return emptyList()
            return listOfNotNull(
                change("PHQ-9", o.phq9First, o.phq9Latest, o.phq9Count),
                change("GAD-7", o.gad7First, o.gad7Latest, o.gad7Count),
            )
        }

    private fun change(name: String, first: UInt?, latest: UInt?, count: UInt) =
        if (first != null && latest != null) "$name: $first → $latest ($count questionnaires)" else null
}

/** Questionnaire history and the outcome indicators, from `assessmentHistory` and `episodeOutcome`. */
class AssessmentHistoryViewModel(private val store: ResetStore) : StoreViewModel<AssessmentHistoryUiState>(AssessmentHistoryUiState()) {
    init {
        refresh()
    }

    /** Reloads the history (of the chosen instrument) and the outcome. */
    fun refresh() = launchCatching({ s, e -> s.copy(loading = false, error = e) }) {
        val records = store.assessmentHistory(current.instrument).reversed()
        val outcome = store.episodeOutcome()
        update { it.copy(loading = false, records = records, outcome = outcome, error = null) }
    }

    /** Shows one instrument's history (`phq9`, `gad7`, …) or all with null. */
    fun show(instrument: String?) {
        update { it.copy(instrument = instrument) }
        refresh()
    }

    /** Hides the error banner. */
    fun dismissError() = update { it.copy(error = null) }
}

/** Practice: minutes and days this week, habit strength, and the streak unless hidden. */
data class PracticeUiState(val loading: Boolean = true, val summary: PracticeSummary? = null, val error: UiError? = null) {
    /** The streak in words, or null when hidden or none: a hidden streak is neither drawn nor read out. */
    val streakText: String?
        get() {
            val s = summary ?: return null
            val streak = s.streak ?: return null
            if (s.streakHidden || streak == 0u) return null
            return if (streak == 1u) "1 day in a row" else "$streak days in a row"
        }

    /** "3 of 7 days this week · 45 minutes". */
    val thisWeekText: String?
        get() = summary?.let { "${it.daysPractisedThisWeek} of 7 days this week · ${it.minutesThisWeek} minutes" }

    /** The core's habit strength (0…1) as a whole percentage. */
    val habitStrengthPercent: Int? get() = summary?.let { Math.round(it.habitStrength * 100).toInt() }
}

/** The practice summary over `ResetStore.practiceSummary`, with the streak toggle. */
class PracticeViewModel(private val store: ResetStore) : StoreViewModel<PracticeUiState>(PracticeUiState()) {
    init {
        refresh()
    }

    /** Reloads the summary. */
    fun refresh() = launchCatching({ s, e -> s.copy(loading = false, error = e) }) {
        val summary = store.practiceSummary()
        update { it.copy(loading = false, summary = summary, error = null) }
    }

    /** Hides or shows the streak (stored by the core), then reloads so the screen follows. */
    fun setStreakHidden(hidden: Boolean) = launchCatching({ s, e -> s.copy(error = e) }) {
        store.setStreakHidden(hidden)
        refresh()
    }

    /** Hides the error banner. */
    fun dismissError() = update { it.copy(error = null) }
}
