package app.resetcompanion.app.ui

import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.Spacer
import androidx.compose.foundation.layout.aspectRatio
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Check
import androidx.compose.material.icons.filled.Close
import androidx.compose.material.icons.filled.DateRange
import androidx.compose.material.icons.filled.Delete
import androidx.compose.material.icons.filled.Star
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.draw.clip
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.resetcompanion.core.model.MoodDay
import app.resetcompanion.presentation.AssessmentHistoryUiState
import app.resetcompanion.presentation.AssessmentHistoryViewModel
import app.resetcompanion.presentation.CheckInHistoryUiState
import app.resetcompanion.presentation.CheckInHistoryViewModel
import app.resetcompanion.presentation.InsightsUiState
import app.resetcompanion.presentation.InsightsViewModel
import app.resetcompanion.presentation.PracticeUiState
import app.resetcompanion.presentation.PracticeViewModel
import java.time.LocalDate
import kotlin.math.roundToInt

// Insights with the mood calendar, check-in history, questionnaire history with the outcome
// indicators, and the practice summary. Every number is the core's; these only lay it out.
// Mood is always written as a number and read out in words, never shown by colour alone.

/** The words for a mood 1…7 (rounded from a day's average). */
fun moodWords(mood: Double): String = Strings.moodWords[(mood.roundToInt() - 1).coerceIn(0, 6)]

/** The stateless insights screen: the mood calendar, associations and thinking traps. */
@Composable
fun InsightsScreen(state: InsightsUiState, padding: PaddingValues, onDismissError: () -> Unit = {}) {
    ScreenColumn(padding) {
        ErrorBanner(state.error, onDismissError)
        val insights = state.insights ?: return@ScreenColumn Loading()
        Text(Strings.insightsRange(insights.from.toString(), insights.to.toString(), insights.checkInCount), style = MaterialTheme.typography.labelLarge)
        SectionCard(Strings.moodCalendar) {
            MoodCalendar(insights.from, insights.to, insights.calendar)
            Text(Strings.moodCalendarKey, style = MaterialTheme.typography.bodySmall)
            if (insights.checkInCount == 0u) StatusLabel(Strings.noCheckInsYet, Tone.INFO)
        }
        SectionCard(Strings.betterWith) {
            if (state.better.isEmpty()) Text(Strings.patternsNeedMore(insights.minSample))
            state.better.forEach { IconText(Icons.Filled.Star, Strings.association(it.name, it.averageWith, it.averageWithout)) }
        }
        SectionCard(Strings.worseWith) {
            if (state.worse.isEmpty()) Text(Strings.patternsNeedMore(insights.minSample))
            state.worse.forEach { IconText(Icons.Filled.DateRange, Strings.association(it.name, it.averageWith, it.averageWithout)) }
        }
        if (insights.distortions.isNotEmpty()) {
            SectionCard(Strings.thinkingTraps) {
                insights.distortions.forEach { Text(Strings.trapCount(it.distortion.name, it.count)) }
            }
        }
        Text(insights.caveat, style = MaterialTheme.typography.bodySmall)
    }
}

/** Weeks of seven cells from [from] to [to]; each cell shows the day and its rounded mood. */
@Composable
private fun MoodCalendar(from: LocalDate, to: LocalDate, calendar: List<MoodDay>) {
    val byDate = calendar.associateBy { it.date }
    val first = from
    val days = generateSequence(first) { it.plusDays(1) }.takeWhile { !it.isAfter(to) }.toList()
    val leading = first.dayOfWeek.value - 1 // Monday first
    val cells: List<LocalDate?> = List(leading) { null } + days
    cells.chunked(7).forEach { week ->
        Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(4.dp)) {
            week.forEach { date -> Box(Modifier.weight(1f)) { if (date != null) MoodCell(date, byDate[date]) } }
            repeat(7 - week.size) { Spacer(Modifier.weight(1f)) }
        }
    }
}

@Composable
private fun MoodCell(date: LocalDate, day: MoodDay?) {
    val spoken = if (day == null) Strings.noMoodDay(date.toString()) else Strings.moodDay(date.toString(), moodWords(day.average), day.count)
    val shade = day?.let { (it.average.toFloat() - 1f) / 6f }
    val colors = MaterialTheme.colorScheme
    Box(
        Modifier
            .fillMaxWidth()
            .aspectRatio(0.8f)
            .clip(RoundedCornerShape(6.dp))
            .background(if (shade == null) colors.surfaceVariant else colors.primary.copy(alpha = 0.15f + 0.45f * shade))
            .clearAndSetSemantics { contentDescription = spoken },
        contentAlignment = Alignment.Center,
    ) {
        Text(
            "${date.dayOfMonth}\n${day?.average?.roundToInt() ?: "–"}",
            style = MaterialTheme.typography.labelSmall,
            textAlign = TextAlign.Center,
            color = colors.onSurface,
        )
    }
}

/** Collects [viewModel]. */
@Composable
fun InsightsRoute(viewModel: InsightsViewModel, padding: PaddingValues) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    RefreshWhenShown { viewModel.refresh() }
    InsightsScreen(state, padding, viewModel::dismissError)
}

/** The stateless check-in history: one card per local day, newest first, each check-in deletable. */
@Composable
fun CheckInHistoryScreen(
    state: CheckInHistoryUiState,
    padding: PaddingValues,
    onDelete: (String) -> Unit = {},
    onDismissError: () -> Unit = {},
    onConfirmDelete: () -> Unit = {},
    onCancelDelete: () -> Unit = {},
) {
    if (state.pendingDelete != null) {
        ConfirmDialog(Strings.deleteCheckInQuestion, Strings.deleteCheckInExplain, Strings.deleteConfirm, onConfirmDelete, onCancelDelete)
    }
    ScreenColumn(padding) {
        ErrorBanner(state.error, onDismissError)
        if (state.loading && state.days.isEmpty()) Loading()
        if (!state.loading && state.days.isEmpty()) StatusLabel(Strings.noCheckInsYet, Tone.INFO)
        state.days.forEach { day ->
            SectionCard(day.localDate.toString()) {
                day.checkIns.forEach { c ->
                    Row(verticalAlignment = Alignment.CenterVertically) {
                        Column(Modifier.weight(1f)) {
                            Text(
                                "${wallClock(c.captured)} · ${c.mood} · ${Strings.moodWords[(c.mood - 1).coerceIn(0, 6)]}",
                                style = MaterialTheme.typography.bodyLarge,
                            )
                            val details = (c.labels.map { humanize(it.name) } + c.areas.map { humanize(it.name) }).joinToString(", ")
                            if (details.isNotEmpty()) Text(details, style = MaterialTheme.typography.bodySmall)
                            c.note?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
                        }
                        IconButton(onClick = { onDelete(c.id) }) {
                            Icon(Icons.Filled.Delete, contentDescription = Strings.deleteCheckIn(wallClock(c.captured)))
                        }
                    }
                }
            }
        }
    }
}

/** Collects [viewModel]. */
@Composable
fun CheckInHistoryRoute(viewModel: CheckInHistoryViewModel, padding: PaddingValues) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    RefreshWhenShown { viewModel.refresh() }
    CheckInHistoryScreen(state, padding, viewModel::askDelete, viewModel::dismissError, viewModel::confirmDelete, viewModel::cancelDelete)
}

/** The instruments the history can be narrowed to (ids the core uses). */
private val HISTORY_FILTERS: List<String?> = listOf(null, "phq9", "gad7")

/** The stateless questionnaire history with the outcome indicators (icon and words for each). */
@Composable
fun AssessmentHistoryScreen(state: AssessmentHistoryUiState, padding: PaddingValues, onShow: (String?) -> Unit = {}, onDismissError: () -> Unit = {}) {
    ScreenColumn(padding) {
        ErrorBanner(state.error, onDismissError)
        SectionCard(Strings.outcomeTitle) {
            state.changes.forEach { Text(it, style = MaterialTheme.typography.bodyLarge) }
            // Each reliable rise on its own, with a warning icon and words (never colour alone).
            state.warnings.forEach { StatusLabel(it, Tone.WARNING) }
            if (state.indicators.isEmpty()) Text(Strings.outcomeNotYet)
            state.indicators.forEach { ind ->
                Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    Icon(if (ind.holds) Icons.Filled.Check else Icons.Filled.Close, contentDescription = null)
                    Text(Strings.indicator(ind.label, ind.holds))
                }
            }
        }
        ChoiceChips(HISTORY_FILTERS, setOf(state.instrument), { it?.let(::instrumentName) ?: Strings.allInstruments }) { onShow(it) }
        if (state.loading && state.records.isEmpty()) Loading()
        if (!state.loading && state.records.isEmpty()) StatusLabel(Strings.noQuestionnairesYet, Tone.INFO)
        state.records.forEach { r ->
            SectionCard(instrumentName(r.instrument)) {
                Text(Strings.record(r.taken.localDate.toString(), r.total, r.max, r.severity))
                if (r.signpost != null) StatusLabel(Strings.signpostShown, Tone.WARNING)
            }
        }
    }
}

private fun instrumentName(id: String): String = when (id) {
    "phq9" -> "PHQ-9"
    "gad7" -> "GAD-7"
    else -> id.uppercase()
}

/** Collects [viewModel]. */
@Composable
fun AssessmentHistoryRoute(viewModel: AssessmentHistoryViewModel, padding: PaddingValues) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    RefreshWhenShown { viewModel.refresh() }
    AssessmentHistoryScreen(state, padding, { viewModel.show(it) }, viewModel::dismissError)
}

/** The stateless practice summary; the streak line is absent (not just greyed) when hidden. */
@Composable
fun PracticeScreen(
    state: PracticeUiState,
    padding: PaddingValues,
    onStreakHidden: (Boolean) -> Unit = {},
    onPractice: () -> Unit = {},
    onDismissError: () -> Unit = {},
) {
    ScreenColumn(padding) {
        ErrorBanner(state.error, onDismissError)
        val summary = state.summary ?: return@ScreenColumn Loading()
        SectionCard(Strings.practiceThisWeek) {
            state.thisWeekText?.let { IconText(Icons.Filled.DateRange, it) }
            state.habitStrengthPercent?.let { Text(Strings.habitStrength(it)) }
            state.streakText?.let { IconText(Icons.Filled.Check, it) }
            if (summary.streakHidden) Text(Strings.streakHiddenNote, style = MaterialTheme.typography.bodySmall)
            Text(Strings.totalPractice(summary.totalMinutes, summary.sessions, summary.from.toString()), style = MaterialTheme.typography.bodySmall)
        }
        LabelledSwitch(Strings.hideStreak, summary.streakHidden, onStreakHidden, note = Strings.hideStreakNote)
        OutlinedButton(onClick = onPractice) { Text(Strings.startPractice) }
    }
}

/** Collects [viewModel]. */
@Composable
fun PracticeRoute(viewModel: PracticeViewModel, padding: PaddingValues, onPractice: () -> Unit) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    RefreshWhenShown { viewModel.refresh() }
    PracticeScreen(state, padding, { viewModel.setStreakHidden(it) }, onPractice, viewModel::dismissError)
}
