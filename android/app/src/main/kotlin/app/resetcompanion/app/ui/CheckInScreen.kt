package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.selectableGroup
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.RadioButton
import androidx.compose.material3.SegmentedButton
import androidx.compose.material3.SegmentedButtonDefaults
import androidx.compose.material3.SingleChoiceSegmentedButtonRow
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.resetcompanion.core.model.EmotionLabel
import app.resetcompanion.core.model.LifeArea
import app.resetcompanion.core.model.MoodKind
import app.resetcompanion.presentation.CheckInStep
import app.resetcompanion.presentation.CheckInUiState
import app.resetcompanion.presentation.CheckInViewModel

// The check-in flow: mood on a 1–7 scale (each point named in words, not only by colour or
// position), then feelings, life areas and an optional note. The core validates and stores.

/** The check-in screen's intents. */
interface CheckInActions {
    fun selectMood(mood: Int)
    fun setKind(kind: MoodKind)
    fun toggleLabel(label: EmotionLabel)
    fun toggleArea(area: LifeArea)
    fun setNote(note: String)
    fun next()
    fun back()
    fun save()
    fun finish()
}

/** The stateless check-in screen. */
@Composable
fun CheckInScreen(state: CheckInUiState, padding: PaddingValues, actions: CheckInActions) {
    ScreenColumn(padding) {
        val pages = CheckInStep.entries.size - 1
        if (state.step != CheckInStep.DONE) {
            Text(Strings.stepOf(state.step.ordinal + 1, pages), style = MaterialTheme.typography.labelLarge)
        }
        ErrorBanner(state.error) {}
        when (state.step) {
            CheckInStep.MOOD -> {
                SingleChoiceSegmentedButtonRow(Modifier.fillMaxWidth()) {
                    listOf(MoodKind.MOMENTARY_EMOTION to Strings.momentary, MoodKind.DAILY_MOOD to Strings.dailyMood)
                        .forEachIndexed { i, (kind, label) ->
                            SegmentedButton(
                                selected = state.kind == kind,
                                onClick = { actions.setKind(kind) },
                                shape = SegmentedButtonDefaults.itemShape(i, 2),
                            ) { Text(label) }
                        }
                }
                Text(Strings.moodQuestion, style = MaterialTheme.typography.titleMedium)
                Column(Modifier.selectableGroup()) {
                    // Most pleasant first, as a vertical list: every point has its words.
                    (7 downTo 1).forEach { mood ->
                        Row(
                            Modifier
                                .fillMaxWidth()
                                .selectable(selected = state.mood == mood, role = Role.RadioButton) { actions.selectMood(mood) },
                            verticalAlignment = Alignment.CenterVertically,
                        ) {
                            RadioButton(selected = state.mood == mood, onClick = null)
                            Text("$mood · ${Strings.moodWords[mood - 1]}", style = MaterialTheme.typography.bodyLarge)
                        }
                    }
                }
            }
            CheckInStep.LABELS -> {
                Text(Strings.labelsQuestion, style = MaterialTheme.typography.titleMedium)
                ChoiceChips(state.labelChoices, state.labels, { humanize(it.name) }, actions::toggleLabel)
            }
            CheckInStep.AREAS -> {
                Text(Strings.areasQuestion, style = MaterialTheme.typography.titleMedium)
                ChoiceChips(state.areaChoices, state.areas, { humanize(it.name) }, actions::toggleArea)
            }
            CheckInStep.NOTE -> {
                Text(Strings.noteQuestion, style = MaterialTheme.typography.titleMedium)
                OutlinedTextField(
                    value = state.note,
                    onValueChange = actions::setNote,
                    label = { Text(Strings.noteLabel) },
                    minLines = 3,
                    modifier = Modifier.fillMaxWidth(),
                )
            }
            CheckInStep.DONE -> {
                StatusLabel(Strings.checkInSaved, Tone.SUCCESS)
                Button(onClick = actions::finish) { Text(Strings.done) }
            }
        }
        if (state.step != CheckInStep.DONE) {
            Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                if (state.step != CheckInStep.MOOD) OutlinedButton(onClick = actions::back) { Text(Strings.previous) }
                Button(onClick = actions::next, enabled = state.canContinue && !state.saving) {
                    Text(if (state.step == CheckInStep.NOTE) Strings.saveCheckIn else Strings.next)
                }
            }
            if (state.step != CheckInStep.MOOD && state.step != CheckInStep.NOTE) {
                OutlinedButton(onClick = actions::save, enabled = !state.saving) { Text(Strings.saveNow) }
            }
        }
    }
}

/** Collects [viewModel]; [onFinished] leaves the flow. */
@Composable
fun CheckInRoute(viewModel: CheckInViewModel, padding: PaddingValues, onFinished: () -> Unit) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    CheckInScreen(
        state,
        padding,
        object : CheckInActions {
            override fun selectMood(mood: Int) = viewModel.selectMood(mood)
            override fun setKind(kind: MoodKind) = viewModel.setKind(kind)
            override fun toggleLabel(label: EmotionLabel) = viewModel.toggleLabel(label)
            override fun toggleArea(area: LifeArea) = viewModel.toggleArea(area)
            override fun setNote(note: String) = viewModel.setNote(note)
            override fun next() = viewModel.next()
            override fun back() = viewModel.back()
            override fun save() = viewModel.save()
            override fun finish() = onFinished()
        },
    )
}
