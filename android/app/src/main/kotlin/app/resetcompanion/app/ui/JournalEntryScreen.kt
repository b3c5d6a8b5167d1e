package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Delete
import androidx.compose.material.icons.filled.Edit
import androidx.compose.material.icons.filled.Share
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.text.input.KeyboardType
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.resetcompanion.core.model.ActivityStatus
import app.resetcompanion.core.model.JournalKind
import app.resetcompanion.core.model.WorryType
import app.resetcompanion.presentation.JournalEntryForm
import app.resetcompanion.presentation.JournalEntryMode
import app.resetcompanion.presentation.JournalEntryUiState
import app.resetcompanion.presentation.JournalEntryViewModel
import app.resetcompanion.presentation.UiError

// A journal entry of any kind but thought records (which have their guided editor): written
// new, read in full (every field with its label), and edited. The core validates and names
// the field it refuses; the error shows above the form and the typed text stays. Secure.

/** The entry screen's intents. */
data class JournalEntryActions(
    val onEdit: ((JournalEntryForm) -> JournalEntryForm) -> Unit = {},
    val onStartEditing: () -> Unit = {},
    val onCancel: () -> Unit = {},
    val onSave: () -> Unit = {},
    val onDone: () -> Unit = {},
    val onAskDelete: () -> Unit = {},
    val onConfirmDelete: () -> Unit = {},
    val onCancelDelete: () -> Unit = {},
    val onDismissError: () -> Unit = {},
)

/** The stateless journal entry screen. */
@Composable
fun JournalEntryScreen(state: JournalEntryUiState, padding: PaddingValues, actions: JournalEntryActions) {
    ScreenColumn(padding) {
        Text(Strings.journalKindName(state.kind), style = MaterialTheme.typography.titleMedium)
        ErrorBanner(state.error, actions.onDismissError)
        when (state.mode) {
            JournalEntryMode.LOADING -> if (state.error == null) Loading()
            JournalEntryMode.READING -> Reading(state, actions)
            JournalEntryMode.EDITING -> {
                Form(state.kind, state.form, state.error, actions.onEdit)
                LabelledCheckbox(Strings.shareWithTherapist, state.form.sharedWithTherapist) { on -> actions.onEdit { it.copy(sharedWithTherapist = on) } }
                Button(onClick = actions.onSave, enabled = !state.saving) { Text(Strings.saveEntry) }
                if (state.entry != null) OutlinedButton(onClick = actions.onCancel) { Text(Strings.cancel) }
            }
        }
    }
    if (state.confirmingDelete) {
        ConfirmDialog(Strings.deleteEntryQuestion, Strings.deleteEntryExplain, Strings.deleteConfirm, actions.onConfirmDelete, actions.onCancelDelete)
    }
}

@Composable
private fun Reading(state: JournalEntryUiState, actions: JournalEntryActions) {
    val entry = state.entry ?: return
    Text("${entry.captured.localDate} ${wallClock(entry.captured)}", style = MaterialTheme.typography.labelLarge)
    state.fields.forEach { f ->
        SectionCard(f.label) { Text(f.value, style = MaterialTheme.typography.bodyLarge) }
    }
    if (entry.sharedWithTherapist) IconText(Icons.Filled.Share, Strings.sharedWithTherapist)
    OutlinedButton(onClick = actions.onStartEditing) { ButtonLabel(Icons.Filled.Edit, Strings.editEntry) }
    Button(onClick = actions.onDone) { Text(Strings.done) }
    TextButton(onClick = actions.onAskDelete) { ButtonLabel(Icons.Filled.Delete, Strings.deleteEntry) }
}

@Composable
private fun Form(kind: JournalKind, form: JournalEntryForm, error: UiError?, edit: ((JournalEntryForm) -> JournalEntryForm) -> Unit) {
    @Composable
    fun field(label: String, value: String, name: String, number: Boolean = false, set: (JournalEntryForm, String) -> JournalEntryForm) = OutlinedTextField(
        value = value,
        onValueChange = { v -> edit { set(it, v) } },
        label = { Text(label) },
        isError = error?.field == name,
        singleLine = number,
        keyboardOptions = if (number) KeyboardOptions(keyboardType = KeyboardType.Number) else KeyboardOptions.Default,
        modifier = Modifier.fillMaxWidth(),
    )
    when (kind) {
        JournalKind.FREE, JournalKind.THOUGHT -> field(Strings.entryText, form.text, "text") { f, v -> f.copy(text = v) }
        JournalKind.GRATITUDE -> {
            form.gratitudeItems.forEachIndexed { i, item ->
                field(Strings.gratitudeItem(i + 1), item, "items") { f, v -> f.copy(gratitudeItems = f.gratitudeItems.toMutableList().also { it[i] = v }) }
            }
            field(Strings.reflection, form.reflection, "reflection") { f, v -> f.copy(reflection = v) }
        }
        JournalKind.WORRY -> {
            field(Strings.worryText, form.worry, "worry") { f, v -> f.copy(worry = v) }
            Text(Strings.worryKind, style = MaterialTheme.typography.labelLarge)
            ChoiceChips(WorryType.entries, setOfNotNull(form.worryType), {
                if (it ==
                    WorryType.PRACTICAL
                ) {
                    Strings.worryPractical
                } else {
                    Strings.worryHypothetical
                }
            }) { t ->
                edit { it.copy(worryType = if (it.worryType == t) null else t) }
            }
            field(Strings.whatHappened, form.whatHappened, "what_happened") { f, v -> f.copy(whatHappened = v) }
        }
        JournalKind.EXPOSURE -> {
            field(Strings.exposureSituation, form.situation, "situation") { f, v -> f.copy(situation = v) }
            field(Strings.exposurePrediction, form.prediction, "prediction") { f, v -> f.copy(prediction = v) }
            field(Strings.distressBefore, form.distressBefore, "distress_before", number = true) { f, v -> f.copy(distressBefore = v) }
            field(Strings.distressPeak, form.distressPeak, "distress_peak", number = true) { f, v -> f.copy(distressPeak = v) }
            field(Strings.distressAfter, form.distressAfter, "distress_after", number = true) { f, v -> f.copy(distressAfter = v) }
            field(Strings.exposureOutcome, form.outcome, "outcome") { f, v -> f.copy(outcome = v) }
            field(Strings.learned, form.learned, "learned") { f, v -> f.copy(learned = v) }
        }
        JournalKind.ACTIVITY -> {
            field(Strings.activityName, form.activity, "activity") { f, v -> f.copy(activity = v) }
            ChoiceChips(ActivityStatus.entries, setOf(form.activityStatus), {
                if (it ==
                    ActivityStatus.DONE
                ) {
                    Strings.activityDone
                } else {
                    Strings.activityPlanned
                }
            }) { st ->
                edit { it.copy(activityStatus = st) }
            }
            field(Strings.mastery, form.mastery, "mastery", number = true) { f, v -> f.copy(mastery = v) }
            field(Strings.pleasure, form.pleasure, "pleasure", number = true) { f, v -> f.copy(pleasure = v) }
        }
    }
}

/** Collects [viewModel]; [onDone] leaves the screen. */
@Composable
fun JournalEntryRoute(viewModel: JournalEntryViewModel, padding: PaddingValues, onDone: () -> Unit) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    LaunchedEffect(state.deleted) { if (state.deleted) onDone() }
    JournalEntryScreen(
        state,
        padding,
        JournalEntryActions(
            onEdit = viewModel::edit,
            onStartEditing = viewModel::startEditing,
            onCancel = viewModel::cancelEditing,
            onSave = viewModel::save,
            onDone = onDone,
            onAskDelete = viewModel::askDelete,
            onConfirmDelete = viewModel::confirmDelete,
            onCancelDelete = viewModel::cancelDelete,
            onDismissError = viewModel::dismissError,
        ),
    )
}
