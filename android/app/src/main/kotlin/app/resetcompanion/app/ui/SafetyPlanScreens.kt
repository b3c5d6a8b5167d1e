package app.resetcompanion.app.ui

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.KeyboardArrowRight
import androidx.compose.material.icons.filled.Add
import androidx.compose.material.icons.filled.Close
import androidx.compose.material.icons.filled.Edit
import androidx.compose.material.icons.filled.Email
import androidx.compose.material.icons.filled.Phone
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.resetcompanion.core.dialUri
import app.resetcompanion.core.messageUri
import app.resetcompanion.core.model.CrisisResource
import app.resetcompanion.core.model.SafetyContact
import app.resetcompanion.core.model.SafetyPlanInput
import app.resetcompanion.core.model.SafetyPlanPrompt
import app.resetcompanion.presentation.ContactForm
import app.resetcompanion.presentation.PlanStep
import app.resetcompanion.presentation.SafetyPlanEditUiState
import app.resetcompanion.presentation.SafetyPlanEditViewModel
import app.resetcompanion.presentation.SafetyPlanHistoryUiState
import app.resetcompanion.presentation.SafetyPlanHistoryViewModel
import app.resetcompanion.presentation.SafetyPlanUiState
import app.resetcompanion.presentation.SafetyPlanViewModel
import app.resetcompanion.presentation.contacts
import app.resetcompanion.presentation.items

// The personal safety plan (issue 20): read in full (the crisis lines under step 5, each
// contact one tap from the dialler or a new message), written and revised (every save a new
// version in the core), and its earlier versions. Titles and prompts are the core's; contact
// addresses are built by the wrapper (`tel:`, `smsto:`) and opened by the platform
// (ACTION_DIAL / ACTION_SENDTO on Android). Personal data: these screens are secure.

/**
 * The plan's steps in order, each titled "n. title"; [crisisLines] under step 5 when given, after
 * [regionNotice] (their region is not the person's) and followed by [regionCaption] (whose lines).
 */
@Composable
fun PlanSteps(
    steps: SafetyPlanInput,
    prompts: List<SafetyPlanPrompt>,
    crisisLines: List<CrisisResource>,
    onContact: (String) -> Unit,
    regionNotice: String? = null,
    regionCaption: String? = null,
) {
    prompts.forEach { prompt ->
        val step = PlanStep.of(prompt) ?: return@forEach
        SectionCard("${prompt.step}. ${prompt.title}") {
            val items = steps.items(step)
            val contacts = steps.contacts(step)
            if (items.isEmpty() && contacts.isEmpty()) Text(Strings.safetyPlanNothingInStep, style = MaterialTheme.typography.bodySmall)
            items.forEach { Text("• $it", style = MaterialTheme.typography.bodyLarge) }
            contacts.forEach { ContactRow(it, onContact) }
            if (step == PlanStep.PROFESSIONALS && crisisLines.isNotEmpty()) {
                Text(Strings.safetyPlanCrisisLines, style = MaterialTheme.typography.labelLarge)
                CrisisRegionNotice(regionNotice)
                CrisisResourceList(crisisLines, onContact)
                regionCaption?.let { Text(it, style = MaterialTheme.typography.labelMedium) }
            }
        }
    }
}

/** One contact: name, other ways in words, and a call and a message button when there is a number. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun ContactRow(contact: SafetyContact, onContact: (String) -> Unit) {
    Text(contact.name, style = MaterialTheme.typography.titleSmall)
    listOfNotNull(contact.phone, contact.sms?.takeIf { it != contact.phone }, contact.other).forEach {
        Text(it, style = MaterialTheme.typography.bodyMedium)
    }
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        contact.dialUri?.let { uri ->
            Button(onClick = { onContact(uri) }, modifier = Modifier.semantics { contentDescription = Strings.callContact(contact.name) }) {
                ButtonLabel(Icons.Filled.Phone, Strings.callShort)
            }
        }
        contact.messageUri?.let { uri ->
            OutlinedButton(onClick = { onContact(uri) }, modifier = Modifier.semantics { contentDescription = Strings.messageContact(contact.name) }) {
                ButtonLabel(Icons.Filled.Email, Strings.messageShort)
            }
        }
    }
}

/** The plan screen's intents. */
data class SafetyPlanActions(
    val onEdit: () -> Unit = {},
    val onHistory: () -> Unit = {},
    /** Opens a `tel:` / `smsto:` / `sms:` / `https:` address through the platform. */
    val onContact: (String) -> Unit = {},
    val onDismissError: () -> Unit = {},
)

/** The stateless plan: the newest version in full, or the invitation to write one. [canEdit] is false while the app is locked. */
@Composable
fun SafetyPlanScreen(state: SafetyPlanUiState, padding: PaddingValues, actions: SafetyPlanActions, canEdit: Boolean = true) {
    ScreenColumn(padding) {
        ErrorBanner(state.error, actions.onDismissError)
        if (state.loading) Loading()
        val plan = state.plan
        if (plan == null) {
            if (!state.loading) {
                Text(Strings.safetyPlanNone, style = MaterialTheme.typography.bodyLarge)
                if (canEdit) Button(onClick = actions.onEdit) { ButtonLabel(Icons.Filled.Edit, Strings.safetyPlanStart) }
                Text(Strings.safetyPlanCrisisLines, style = MaterialTheme.typography.titleMedium)
                CrisisRegionNotice(state.fallbackNotice)
                CrisisResourceList(state.crisisLines, actions.onContact)
                state.regionCaption?.let { Text(it, style = MaterialTheme.typography.labelMedium) }
            }
        } else {
            Text(Strings.safetyPlanIntro, style = MaterialTheme.typography.bodyMedium)
            Text(Strings.safetyPlanVersion(plan.version, plan.savedAt), style = MaterialTheme.typography.labelMedium)
            PlanSteps(plan.steps, state.prompts, plan.crisisLines, actions.onContact, state.fallbackNotice, state.regionCaption)
            if (canEdit) {
                Button(onClick = actions.onEdit) { ButtonLabel(Icons.Filled.Edit, Strings.safetyPlanEdit) }
                OutlinedButton(onClick = actions.onHistory) { Text(Strings.safetyPlanHistoryLink) }
            }
        }
    }
}

/** Collects [viewModel]; reloads when shown again (after an edit). */
@Composable
fun SafetyPlanRoute(viewModel: SafetyPlanViewModel, padding: PaddingValues, actions: SafetyPlanActions, canEdit: Boolean = true) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    RefreshWhenShown { viewModel.refresh() }
    SafetyPlanScreen(state, padding, actions.copy(onDismissError = viewModel::dismissError), canEdit)
}

/** The stateless editor: each step's prompt from the core, its lines or people, and save. */
@Composable
fun SafetyPlanEditScreen(state: SafetyPlanEditUiState, padding: PaddingValues, vm: SafetyPlanEditViewModel?) {
    ScreenColumn(padding) {
        ErrorBanner(state.error) { vm?.dismissError() }
        if (state.loading) Loading()
        state.prompts.forEach { prompt ->
            val step = PlanStep.of(prompt) ?: return@forEach
            SectionCard("${prompt.step}. ${prompt.title}") {
                Text(prompt.prompt, style = MaterialTheme.typography.bodyMedium)
                val bad = state.error?.field?.startsWith(step.field) == true
                if (step.hasContacts) {
                    state.form.contacts(step).forEachIndexed { i, c -> ContactFields(step, i, c, bad, vm) }
                    TextButton(onClick = { vm?.addContact(step) }) { ButtonLabel(Icons.Filled.Add, Strings.safetyPlanAddContact) }
                } else {
                    state.form.items(step).forEachIndexed { i, line ->
                        Row(verticalAlignment = Alignment.CenterVertically) {
                            OutlinedTextField(
                                value = line,
                                onValueChange = { vm?.editItem(step, i, it) },
                                isError = bad,
                                modifier = Modifier.weight(1f).semantics { contentDescription = "${prompt.title}, ${i + 1}" },
                            )
                            IconButton(onClick = { vm?.removeItem(step, i) }) {
                                Icon(Icons.Filled.Close, contentDescription = Strings.safetyPlanRemoveLine(prompt.title, i + 1))
                            }
                        }
                    }
                    TextButton(onClick = { vm?.addItem(step) }) { ButtonLabel(Icons.Filled.Add, Strings.safetyPlanAddLine) }
                }
            }
        }
        Button(onClick = { vm?.save() }, enabled = !state.saving && !state.loading) { Text(Strings.safetyPlanSave) }
        if (state.saved != null) StatusLabel(Strings.safetyPlanSaved, Tone.SUCCESS)
    }
    // Another editor (or a restore) saved a newer version since this revision began (review 2, B12).
    val changed = state.changedMeanwhile
    if (changed != null) {
        AlertDialog(
            onDismissRequest = { vm?.dismissNewer() },
            title = { Text(Strings.safetyPlanNewerTitle) },
            text = { Text(Strings.safetyPlanNewerExplain(changed.newestVersion)) },
            confirmButton = { TextButton(onClick = { vm?.saveAnyway() }) { Text(Strings.safetyPlanSaveMine) } },
            dismissButton = { TextButton(onClick = { vm?.startFromNewer() }) { Text(Strings.safetyPlanStartFromNewer) } },
        )
    }
}

@Composable
private fun ContactFields(step: PlanStep, index: Int, c: ContactForm, bad: Boolean, vm: SafetyPlanEditViewModel?) {
    @Composable
    fun field(label: String, value: String, phone: Boolean = false, set: (ContactForm, String) -> ContactForm) = OutlinedTextField(
        value = value,
        onValueChange = { v -> vm?.editContact(step, index) { set(it, v) } },
        label = { Text(label) },
        isError = bad,
        singleLine = true,
        keyboardOptions = if (phone) KeyboardOptions(keyboardType = KeyboardType.Phone) else KeyboardOptions.Default,
        modifier = Modifier.fillMaxWidth(),
    )
    Row(verticalAlignment = Alignment.CenterVertically) {
        Text("${index + 1}.", Modifier.weight(1f), style = MaterialTheme.typography.labelLarge)
        IconButton(onClick = { vm?.removeContact(step, index) }) { Icon(Icons.Filled.Close, contentDescription = Strings.safetyPlanRemoveContact(index + 1)) }
    }
    field(Strings.contactName, c.name) { f, v -> f.copy(name = v) }
    field(Strings.contactPhone, c.phone, phone = true) { f, v -> f.copy(phone = v) }
    field(Strings.contactSms, c.sms, phone = true) { f, v -> f.copy(sms = v) }
    field(Strings.contactOther, c.other) { f, v -> f.copy(other = v) }
}

/** Collects [viewModel]; [onSaved] returns to the plan after a save. */
@Composable
fun SafetyPlanEditRoute(viewModel: SafetyPlanEditViewModel, padding: PaddingValues, onSaved: () -> Unit) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    LaunchedEffect(state.saved) { if (state.saved != null) onSaved() }
    SafetyPlanEditScreen(state, padding, viewModel)
}

/** The stateless history: every version, newest first; one opened reads in full. */
@Composable
fun SafetyPlanHistoryScreen(state: SafetyPlanHistoryUiState, padding: PaddingValues, onSelect: (UInt?) -> Unit, onContact: (String) -> Unit) {
    ScreenColumn(padding) {
        ErrorBanner(state.error) {}
        if (state.loading) Loading()
        val selected = state.selected
        if (selected != null) {
            TextButton(onClick = { onSelect(null) }) { Text(Strings.backToList) }
            Text(Strings.safetyPlanVersion(selected.version, selected.savedAt), style = MaterialTheme.typography.titleMedium)
            PlanSteps(selected.steps, state.prompts, emptyList(), onContact)
        } else {
            state.versions.forEachIndexed { i, v ->
                ListItem(
                    headlineContent = { Text(Strings.safetyPlanVersionRow(v.version, v.savedAt)) },
                    supportingContent = if (i == 0) ({ Text(Strings.safetyPlanCurrent) }) else null,
                    trailingContent = { Icon(Icons.AutoMirrored.Filled.KeyboardArrowRight, contentDescription = null) },
                    // TalkBack says "double tap to read version n", not "double tap to activate" (review 2, B12).
                    modifier = Modifier.clickable(onClickLabel = Strings.safetyPlanReadVersion(v.version), role = Role.Button) { onSelect(v.version) },
                )
            }
        }
    }
}

/** Collects [viewModel]. */
@Composable
fun SafetyPlanHistoryRoute(viewModel: SafetyPlanHistoryViewModel, padding: PaddingValues, onContact: (String) -> Unit) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    SafetyPlanHistoryScreen(state, padding, viewModel::select, onContact)
}
