package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Close
import androidx.compose.material.icons.filled.Delete
import androidx.compose.material3.Button
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Slider
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.semantics.stateDescription
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.resetcompanion.core.model.CognitiveDistortion
import app.resetcompanion.core.model.EmotionLabel
import app.resetcompanion.core.model.EmotionRating
import app.resetcompanion.presentation.SecureWindow
import app.resetcompanion.presentation.ThoughtRecordDraft
import app.resetcompanion.presentation.ThoughtRecordUiState
import app.resetcompanion.presentation.ThoughtRecordViewModel

// The thought-record editor: the seven CBT columns as one scrolling form. Ranges and required
// fields are the core's to check; a refused save names the field and the banner says why.

/** The editor's intents. */
data class ThoughtRecordActions(
    val onEdit: ((ThoughtRecordDraft) -> ThoughtRecordDraft) -> Unit = {},
    val onRateBefore: (EmotionLabel, Int) -> Unit = { _, _ -> },
    val onRateAfter: (EmotionLabel, Int?) -> Unit = { _, _ -> },
    val onRemoveEmotion: (EmotionLabel) -> Unit = {},
    val onToggleDistortion: (CognitiveDistortion) -> Unit = {},
    val onSave: () -> Unit = {},
    val onDismissError: () -> Unit = {},
    val onAskDelete: () -> Unit = {},
    val onConfirmDelete: () -> Unit = {},
    val onCancelDelete: () -> Unit = {},
)

/** The stateless editor. */
@Composable
fun ThoughtRecordScreen(state: ThoughtRecordUiState, padding: PaddingValues, actions: ThoughtRecordActions) {
    val d = state.draft
    val badField = state.error?.field
    ScreenColumn(padding) {
        if (state.loading) Loading()
        ErrorBanner(state.error, actions.onDismissError)
        Field(Strings.situation, d.situation, badField == "situation", Strings.situationHint) { t -> actions.onEdit { it.copy(situation = t) } }
        Field(Strings.automaticThoughts, d.automaticThoughts, badField == "automatic_thoughts") { t -> actions.onEdit { it.copy(automaticThoughts = t) } }

        SectionCard(Strings.emotions) {
            d.emotions.forEach { EmotionRow(it, actions) }
            Text(Strings.addEmotion, style = MaterialTheme.typography.labelLarge)
            val unused = EmotionLabel.entries.filter { l -> d.emotions.none { it.label == l } }.take(12)
            ChoiceChips(unused, emptySet(), { humanize(it.name) }) { actions.onRateBefore(it, 50) }
        }
        SectionCard(Strings.distortions) {
            ChoiceChips(CognitiveDistortion.entries, d.distortions, { humanize(it.name) }, actions.onToggleDistortion)
        }
        Field(Strings.evidenceFor, d.evidenceFor, badField == "evidence_for") { t -> actions.onEdit { it.copy(evidenceFor = t) } }
        Field(Strings.evidenceAgainst, d.evidenceAgainst, badField == "evidence_against") { t -> actions.onEdit { it.copy(evidenceAgainst = t) } }
        Field(Strings.balancedThought, d.balancedThought, badField == "balanced_thought") { t -> actions.onEdit { it.copy(balancedThought = t) } }
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            NumberField(Strings.beliefBefore, d.beliefBefore, Modifier.weight(1f)) { v -> actions.onEdit { it.copy(beliefBefore = v) } }
            NumberField(Strings.beliefAfter, d.beliefAfter, Modifier.weight(1f)) { v -> actions.onEdit { it.copy(beliefAfter = v) } }
        }
        LabelledSwitch(Strings.shareWithTherapist, d.sharedWithTherapist, { on -> actions.onEdit { it.copy(sharedWithTherapist = on) } })
        Button(onClick = actions.onSave, enabled = !state.saving && !state.loading) { Text(Strings.save) }
        if (state.saved != null) StatusLabel(Strings.saved, Tone.SUCCESS)
        if (state.entryId != null) TextButton(onClick = actions.onAskDelete) { ButtonLabel(Icons.Filled.Delete, Strings.deleteEntry) }
    }
    if (state.confirmingDelete) {
        ConfirmDialog(Strings.deleteEntryQuestion, Strings.deleteEntryExplain, Strings.deleteConfirm, actions.onConfirmDelete, actions.onCancelDelete)
    }
}

@Composable
private fun Field(label: String, value: String, isError: Boolean, hint: String? = null, onChange: (String) -> Unit) {
    OutlinedTextField(
        value = value,
        onValueChange = onChange,
        label = { Text(label) },
        placeholder = hint?.let { { Text(it) } },
        isError = isError,
        minLines = 2,
        modifier = Modifier.fillMaxWidth(),
    )
}

@Composable
private fun NumberField(label: String, value: Int?, modifier: Modifier, onChange: (Int?) -> Unit) {
    OutlinedTextField(
        value = value?.toString() ?: "",
        onValueChange = { t -> onChange(t.filter(Char::isDigit).take(3).toIntOrNull()) },
        label = { Text(label) },
        keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Number),
        singleLine = true,
        modifier = modifier,
    )
}

@Composable
private fun EmotionRow(rating: EmotionRating, actions: ThoughtRecordActions) {
    val name = humanize(rating.label.name)
    Column {
        Row(verticalAlignment = Alignment.CenterVertically) {
            Text("$name · ${Strings.before(rating.before)} · ${Strings.after(rating.after)}", Modifier.weight(1f))
            IconButton(onClick = { actions.onRemoveEmotion(rating.label) }) {
                Icon(Icons.Filled.Close, contentDescription = "${Strings.removeEmotion}: $name")
            }
        }
        Slider(
            value = rating.before.toFloat(),
            onValueChange = { actions.onRateBefore(rating.label, it.toInt()) },
            valueRange = 0f..100f,
            modifier = Modifier.semantics {
                contentDescription = "$name, ${Strings.before(rating.before)}"
                stateDescription = "${rating.before}"
            },
        )
        // Re-rated after the balanced thought; shown once there is one.
        Slider(
            value = (rating.after ?: rating.before).toFloat(),
            onValueChange = { actions.onRateAfter(rating.label, it.toInt()) },
            valueRange = 0f..100f,
            modifier = Modifier.semantics {
                contentDescription = "$name, ${Strings.after(rating.after)}"
                stateDescription = "${rating.after ?: "-"}"
            },
        )
    }
}

/** Collects [viewModel]; a secure screen while shown. */
@Composable
fun ThoughtRecordRoute(viewModel: ThoughtRecordViewModel, secureWindow: SecureWindow, padding: PaddingValues, onDeleted: () -> Unit = {}) {
    SecureWhileShown(secureWindow)
    val state by viewModel.state.collectAsStateWithLifecycle()
    LaunchedEffect(state.deleted) { if (state.deleted) onDeleted() }
    ThoughtRecordScreen(
        state,
        padding,
        ThoughtRecordActions(
            viewModel::edit,
            viewModel::rateEmotionBefore,
            viewModel::rateEmotionAfter,
            viewModel::removeEmotion,
            viewModel::toggleDistortion,
            viewModel::save,
            viewModel::dismissError,
            viewModel::askDelete,
            viewModel::confirmDelete,
            viewModel::cancelDelete,
        ),
    )
}
