package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Check
import androidx.compose.material.icons.filled.DateRange
import androidx.compose.material.icons.filled.Edit
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.resetcompanion.core.model.StepStatus
import app.resetcompanion.presentation.TodayUiState
import app.resetcompanion.presentation.TodayViewModel

// Today: one card per thing the person can do now — check in, the programme step, practice,
// and any questionnaire due — each card with a link to its history, and a progress card for
// insights and the mood calendar. Every number comes from the core (practice summary, due list).

/** What Today's buttons lead to. */
data class TodayActions(
    val onCheckIn: () -> Unit = {},
    val onOpenStep: (String) -> Unit = {},
    val onBrowseProgrammes: () -> Unit = {},
    val onPractice: () -> Unit = {},
    val onAssessment: (String) -> Unit = {},
    /** The progress screens: insights and mood calendar, check-in history, questionnaire history, practice summary. */
    val onOpen: (Destination) -> Unit = {},
    val onDismissError: () -> Unit = {},
)

/** The stateless Today screen. */
@Composable
fun TodayScreen(state: TodayUiState, padding: PaddingValues, actions: TodayActions) {
    ScreenColumn(padding) {
        state.date?.let { Text(it.toString(), style = MaterialTheme.typography.labelLarge) }
        ErrorBanner(state.error, actions.onDismissError)
        if (state.loading && state.date == null) Loading()

        SectionCard(Strings.checkInCardTitle) {
            if (state.checkedInToday) {
                StatusLabel(Strings.checkedIn(state.checkInsToday.size), Tone.SUCCESS)
                OutlinedButton(onClick = actions.onCheckIn) { Text(Strings.checkInAgain) }
            } else {
                Text(Strings.checkInInvite)
                Button(onClick = actions.onCheckIn) { Text(Strings.checkInStart) }
            }
            TextButton(onClick = { actions.onOpen(Destination.CheckInHistory) }) { Text(Strings.checkInHistoryLink) }
        }

        SectionCard(Strings.programmeCardTitle) {
            val programme = state.programme
            val step = state.featuredStep
            if (programme == null || step == null) {
                Text(Strings.noProgramme)
                OutlinedButton(onClick = actions.onBrowseProgrammes) { Text(Strings.browseProgrammes) }
            } else {
                programme.title?.let { Text(it, style = MaterialTheme.typography.labelLarge) }
                Text(step.title, style = MaterialTheme.typography.bodyLarge)
                when (step.status) {
                    StepStatus.LOCKED -> StatusLabel(step.unlocksAt?.let(Strings::unlocksAt) ?: Strings.stepLocked, Tone.INFO)
                    StepStatus.DONE -> StatusLabel(Strings.stepDone, Tone.SUCCESS)
                    StepStatus.AVAILABLE -> Text(Strings.minutes(step.minutes), style = MaterialTheme.typography.bodySmall)
                }
                Button(onClick = { actions.onOpenStep(step.id) }) { Text(Strings.openStep) }
            }
        }

        SectionCard(Strings.practiceCardTitle) {
            state.practice?.let { p ->
                IconText(Icons.Filled.DateRange, Strings.practiceWeek(p.minutesThisWeek, p.daysPractisedThisWeek))
                val streak = p.streak
                if (!p.streakHidden && streak != null) IconText(Icons.Filled.Check, Strings.streak(streak))
            }
            OutlinedButton(onClick = actions.onPractice) { Text(Strings.startPractice) }
            TextButton(onClick = { actions.onOpen(Destination.Practice) }) { Text(Strings.practiceSummaryLink) }
        }

        SectionCard(Strings.assessmentCardTitle) {
            if (state.dueAssessments.isEmpty()) {
                StatusLabel(Strings.noneDue, Tone.SUCCESS)
            } else {
                state.dueAssessments.forEach { due ->
                    IconText(Icons.Filled.Edit, due.title)
                    OutlinedButton(onClick = { actions.onAssessment(due.instrument) }) { Text("${Strings.takeQuestionnaire} ${due.title}") }
                }
            }
            TextButton(onClick = { actions.onOpen(Destination.AssessmentHistory) }) { Text(Strings.assessmentHistoryLink) }
        }

        SectionCard(Strings.progressCardTitle) {
            Text(Strings.progressInvite, style = MaterialTheme.typography.bodyMedium)
            OutlinedButton(onClick = { actions.onOpen(Destination.Insights) }) { ButtonLabel(Icons.Filled.DateRange, Strings.insightsLink) }
        }
    }
}

/** Collects [viewModel] and wires navigation. */
@Composable
fun TodayRoute(viewModel: TodayViewModel, padding: PaddingValues, actions: TodayActions) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    RefreshWhenShown(viewModel::refresh)
    TodayScreen(state, padding, actions.copy(onDismissError = viewModel::dismissError))
}
