package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.selectableGroup
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Favorite
import androidx.compose.material3.Button
import androidx.compose.material3.Icon
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.resetcompanion.core.model.Answer
import app.resetcompanion.core.model.SignpostReason
import app.resetcompanion.presentation.AssessmentPhase
import app.resetcompanion.presentation.AssessmentUiState
import app.resetcompanion.presentation.AssessmentViewModel
import app.resetcompanion.presentation.CrisisRegionText
import app.resetcompanion.presentation.SecureWindow

// Questionnaires (PHQ-9, GAD-7, … from the core's catalogue): choose, answer one item at a
// time, then — when the core's result carries a safety signpost — the crisis resources come
// FIRST and the score only after the person says they have seen them (clinical.md: signpost
// before the score). The view model keeps the score out of the state until then; this screen
// simply renders each phase. Scores, bands and follow-up text are the core's. A secure screen.

/** Test tag on the signpost block (UI tests check it is shown before any score). */
const val SIGNPOST_TAG = "signpost"

/** Test tag on the signpost's "open my safety plan" button (after the crisis lines). */
const val SIGNPOST_PLAN_TAG = "signpost-plan"

/** Test tag on the score line. */
const val SCORE_TAG = "score"

/** The questionnaire screen's intents. */
data class AssessmentActions(
    val onChoose: (String) -> Unit = {},
    val onAnswer: (Answer) -> Unit = {},
    val onBack: () -> Unit = {},
    val onSubmit: () -> Unit = {},
    val onAcknowledgeSignpost: () -> Unit = {},
    val onRestart: () -> Unit = {},
    val onOpenUri: (String) -> Unit = {},
    /** Opens the person's safety plan (offered after the crisis lines of a signpost). */
    val onOpenSafetyPlan: () -> Unit = {},
    val onDismissError: () -> Unit = {},
)

/** The stateless questionnaire screen. */
@Composable
fun AssessmentScreen(state: AssessmentUiState, padding: PaddingValues, actions: AssessmentActions) {
    ScreenColumn(padding) {
        ErrorBanner(state.error, actions.onDismissError)
        when (val phase = state.phase) {
            AssessmentPhase.Choosing -> {
                Text(Strings.chooseQuestionnaire, style = MaterialTheme.typography.titleMedium)
                state.instruments.forEach { instrument ->
                    SectionCard(instrument.title) {
                        Text(instrument.name, style = MaterialTheme.typography.bodyMedium)
                        Button(onClick = { actions.onChoose(instrument.id) }) { Text(Strings.takeQuestionnaire) }
                    }
                }
            }
            is AssessmentPhase.Answering -> Answering(phase, actions)
            AssessmentPhase.Submitting -> Loading()
            is AssessmentPhase.Signposting -> {
                Column(Modifier.testTag(SIGNPOST_TAG), verticalArrangement = Arrangement.spacedBy(12.dp)) {
                    Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        Icon(Icons.Filled.Favorite, contentDescription = null, tint = MaterialTheme.colorScheme.primary)
                        Text(Strings.signpostTitle, style = MaterialTheme.typography.headlineSmall)
                    }
                    Text(
                        when (phase.signpost.reason) {
                            SignpostReason.SELF_HARM_THOUGHTS, SignpostReason.ITEM9_DECLINED -> Strings.signpostSelfHarm
                            SignpostReason.SEVERE_TOTAL -> Strings.signpostSevere
                        },
                        style = MaterialTheme.typography.bodyLarge,
                    )
                    // Outside every covered region: say these are another country's lines (F30).
                    CrisisRegionNotice(CrisisRegionText.fallbackNotice(phase.signpost))
                    Text(
                        CrisisRegionText.caption(phase.signpost.regionName, phase.signpost.regionIsFallback),
                        style = MaterialTheme.typography.labelLarge,
                    )
                    CrisisResourceList(phase.signpost.resources, actions.onOpenUri)
                    // After the lines, never instead of them (DESIGN §7).
                    Text(Strings.safetyPlanAfterLines, style = MaterialTheme.typography.titleMedium)
                    Button(onClick = actions.onOpenSafetyPlan, modifier = Modifier.testTag(SIGNPOST_PLAN_TAG)) { Text(Strings.openSafetyPlan) }
                    OutlinedButton(onClick = actions.onAcknowledgeSignpost) { Text(Strings.signpostContinue) }
                }
            }
            is AssessmentPhase.Result -> {
                val r = phase.result
                SectionCard(r.instrument) {
                    Text(Strings.scoreOf(r.total, r.max), style = MaterialTheme.typography.headlineSmall, modifier = Modifier.testTag(SCORE_TAG))
                    // The band in words (never a colour alone).
                    StatusLabel(r.severityLabel, Tone.INFO)
                    if (r.prorated) Text(Strings.prorated, style = MaterialTheme.typography.bodySmall)
                    r.followUp?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
                }
                OutlinedButton(onClick = actions.onRestart) { Text(Strings.anotherQuestionnaire) }
            }
        }
    }
}

@Composable
private fun Answering(phase: AssessmentPhase.Answering, actions: AssessmentActions) {
    val instrument = phase.instrument
    val item = phase.item
    Text(instrument.title, style = MaterialTheme.typography.labelLarge)
    Text(Strings.itemOf(phase.index + 1, instrument.items.size), style = MaterialTheme.typography.labelMedium)
    LinearProgressIndicator(
        progress = { phase.answeredCount.toFloat() / instrument.items.size },
        modifier = Modifier.fillMaxWidth().semantics {
            contentDescription = Strings.itemOf(phase.answeredCount, instrument.items.size)
        },
    )
    Text(instrument.instructions, style = MaterialTheme.typography.bodyMedium)
    Text(item.text, style = MaterialTheme.typography.titleLarge)
    val chosen = phase.answers[phase.index]
    val options = instrument.options.map { Answer.Score(it.score) to it.label } +
        listOfNotNull(
            if (item.allowsNotApplicable) Answer.NotApplicable to Strings.notApplicable else null,
            if (item.allowsDecline) Answer.Declined to Strings.declined else null,
        )
    Column(Modifier.selectableGroup()) {
        options.forEach { (answer, label) ->
            Row(
                Modifier
                    .fillMaxWidth()
                    .selectable(selected = chosen == answer, role = Role.RadioButton) { actions.onAnswer(answer) }
                    .padding(vertical = 4.dp),
                verticalAlignment = Alignment.CenterVertically,
            ) {
                RadioButton(selected = chosen == answer, onClick = null)
                Text(label, style = MaterialTheme.typography.bodyLarge)
            }
        }
    }
    Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        if (phase.index > 0) OutlinedButton(onClick = actions.onBack) { Text(Strings.previous) }
        if (phase.isLast) Button(onClick = actions.onSubmit, enabled = phase.canSubmit) { Text(Strings.submit) }
    }
}

/** Collects [viewModel]; a secure screen while shown (answers are private). */
@Composable
fun AssessmentRoute(
    viewModel: AssessmentViewModel,
    secureWindow: SecureWindow,
    padding: PaddingValues,
    onContact: (String) -> Unit,
    onOpenSafetyPlan: () -> Unit = {},
) {
    SecureWhileShown(secureWindow)
    val state by viewModel.state.collectAsStateWithLifecycle()
    AssessmentScreen(
        state,
        padding,
        AssessmentActions(
            onChoose = viewModel::choose,
            onAnswer = viewModel::answer,
            onBack = viewModel::back,
            onSubmit = viewModel::submit,
            onAcknowledgeSignpost = viewModel::acknowledgeSignpost,
            onRestart = viewModel::restart,
            onOpenUri = onContact,
            onOpenSafetyPlan = onOpenSafetyPlan,
            onDismissError = viewModel::dismissError,
        ),
    )
}
