package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.CheckCircle
import androidx.compose.material.icons.filled.Lock
import androidx.compose.material.icons.filled.PlayArrow
import androidx.compose.material3.Button
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.resetcompanion.core.model.ProgrammeState
import app.resetcompanion.core.model.StepProgress
import app.resetcompanion.core.model.StepStatus
import app.resetcompanion.presentation.ProgrammeBrowserUiState
import app.resetcompanion.presentation.ProgrammeBrowserViewModel
import app.resetcompanion.presentation.ProgrammeStepUiState
import app.resetcompanion.presentation.ProgrammeStepViewModel

// The programme browser (every programme, the one in progress with each step's status) and the
// step view. Which step is open, locked or done — and when a locked one opens — is the core's
// progression; these screens show it as icon + words.

/** The browser's intents. */
data class ProgrammeActions(
    val onOpen: (String) -> Unit = {},
    val onClose: () -> Unit = {},
    val onStart: (String) -> Unit = {},
    val onLeave: () -> Unit = {},
    val onResume: () -> Unit = {},
    val onRestart: () -> Unit = {},
    val onOpenStep: (String) -> Unit = {},
    val onDismissError: () -> Unit = {},
)

/** The stateless programme browser. */
@Composable
fun ProgrammesScreen(state: ProgrammeBrowserUiState, padding: PaddingValues, actions: ProgrammeActions) {
    ScreenColumn(padding) {
        ErrorBanner(state.error, actions.onDismissError)
        if (state.loading) Loading()
        val progress = state.progress
        if (progress != null) {
            SectionCard(progress.title) {
                Text(Strings.progressOf(progress.completedSteps, progress.totalSteps))
                StatusLabel(humanize(progress.state.name), if (progress.state == ProgrammeState.FINISHED) Tone.SUCCESS else Tone.INFO)
                progress.steps.forEach { StepRow(it, actions.onOpenStep) }
                Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    when (progress.state) {
                        ProgrammeState.PAUSED -> Button(onClick = actions.onResume) { Text(Strings.resume) }
                        ProgrammeState.FINISHED -> Button(onClick = actions.onRestart) { Text(Strings.restart) }
                        else -> OutlinedButton(onClick = actions.onLeave) { Text(Strings.leave) }
                    }
                }
            }
        }
        val opened = state.opened
        if (opened != null) {
            SectionCard(opened.title) {
                Text(opened.summary)
                Text(opened.notice, style = MaterialTheme.typography.bodySmall)
                opened.steps.forEachIndexed { i, step -> Text("${i + 1}. ${step.title} · ${Strings.minutes(step.minutes)}") }
                Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    Button(onClick = { actions.onStart(opened.id) }) { Text(Strings.start) }
                    TextButton(onClick = actions.onClose) { Text(Strings.back) }
                }
            }
        } else {
            state.programmes.forEach { p ->
                SectionCard(p.title) {
                    Text(p.summary, style = MaterialTheme.typography.bodyMedium)
                    Text("${p.audience} · ${Strings.stepsCount(p.steps)}", style = MaterialTheme.typography.bodySmall)
                    OutlinedButton(onClick = { actions.onOpen(p.id) }) { Text(Strings.openProgramme) }
                }
            }
        }
    }
}

/** One step with its status as an icon AND a word (never colour alone). */
@Composable
private fun StepRow(step: StepProgress, onOpen: (String) -> Unit) {
    val (icon, status) = when (step.status) {
        StepStatus.DONE -> Icons.Filled.CheckCircle to Strings.stepDone
        StepStatus.LOCKED -> Icons.Filled.Lock to (step.unlocksAt?.let(Strings::unlocksAt) ?: Strings.stepLocked)
        StepStatus.AVAILABLE -> Icons.Filled.PlayArrow to Strings.stepAvailable
    }
    Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        Icon(icon, contentDescription = null)
        Text("${step.title} — $status", Modifier.weight(1f))
        if (step.status != StepStatus.LOCKED) TextButton(onClick = { onOpen(step.id) }) { Text(Strings.openStep) }
    }
}

/** Collects [viewModel]. */
@Composable
fun ProgrammesRoute(viewModel: ProgrammeBrowserViewModel, padding: PaddingValues, onOpenStep: (String) -> Unit) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    RefreshWhenShown { viewModel.refresh() }
    ProgrammesScreen(
        state,
        padding,
        ProgrammeActions(
            viewModel::open,
            viewModel::close,
            viewModel::start,
            viewModel::leave,
            viewModel::resume,
            { viewModel.restart() },
            onOpenStep,
            viewModel::dismissError,
        ),
    )
}

/** The stateless step view: the step's text (the core's Markdown) and completing it. */
@Composable
fun ProgrammeStepScreen(state: ProgrammeStepUiState, padding: PaddingValues, onComplete: () -> Unit, onPractice: () -> Unit, onDismissError: () -> Unit) {
    ScreenColumn(padding) {
        ErrorBanner(state.error, onDismissError)
        if (state.loading) Loading()
        val step = state.step ?: return@ScreenColumn
        Text(step.title, style = MaterialTheme.typography.headlineSmall)
        Text("${humanize(step.kind.name)} · ${Strings.minutes(step.minutes)}", style = MaterialTheme.typography.labelLarge)
        MarkdownText(step.body)
        step.practiceTarget?.let { OutlinedButton(onClick = onPractice) { Text(Strings.startPractice) } }
        val progress = state.progress
        when {
            state.completion?.state == ProgrammeState.FINISHED -> StatusLabel(Strings.programmeFinished, Tone.SUCCESS)
            state.completion != null || progress?.status == StepStatus.DONE -> StatusLabel(Strings.stepCompleted, Tone.SUCCESS)
            progress?.status == StepStatus.LOCKED ->
                StatusLabel(progress.waitNote ?: progress.unlocksAt?.let(Strings::unlocksAt) ?: Strings.stepLocked, Tone.INFO)
            else -> Button(onClick = onComplete, enabled = !state.completing) { Text(Strings.completeStep) }
        }
    }
}

/** Collects [viewModel]. */
@Composable
fun ProgrammeStepRoute(viewModel: ProgrammeStepViewModel, padding: PaddingValues, onPractice: () -> Unit) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    ProgrammeStepScreen(state, padding, viewModel::complete, onPractice, viewModel::dismissError)
}
