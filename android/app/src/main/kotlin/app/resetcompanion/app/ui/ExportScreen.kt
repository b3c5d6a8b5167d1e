package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Share
import androidx.compose.material3.Button
import androidx.compose.material3.Icon
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.resetcompanion.core.model.ExportFormat
import app.resetcompanion.core.model.ExportSection
import app.resetcompanion.presentation.ExportUiState
import app.resetcompanion.presentation.ExportViewModel
import app.resetcompanion.presentation.ShareRequest

// Export for a therapist: pick the format and sections, see what would be included (counts from
// the core's preview), write the file, then hand it to the share sheet (Android: a FileProvider
// URI in ACTION_SEND, done by MainActivity through `onShare`).

/** The export screen's intents. */
data class ExportActions(
    val onFormat: (ExportFormat) -> Unit = {},
    val onToggleSection: (ExportSection) -> Unit = {},
    val onExport: () -> Unit = {},
    val onDismissError: () -> Unit = {},
)

/** The stateless export screen. */
@Composable
fun ExportScreen(state: ExportUiState, padding: PaddingValues, actions: ExportActions) {
    ScreenColumn(padding) {
        ErrorBanner(state.error, actions.onDismissError)
        Text(Strings.format, style = MaterialTheme.typography.titleMedium)
        ChoiceChips(ExportFormat.entries, setOf(state.format), { it.name }, actions.onFormat)
        Text(Strings.sections, style = MaterialTheme.typography.titleMedium)
        ChoiceChips(ExportSection.entries, state.sections, { humanize(it.name) }, actions.onToggleSection)
        if (ExportSection.JOURNAL in state.sections) StatusLabel(Strings.journalSectionNote, Tone.INFO)
        state.preview?.let { p ->
            SectionCard("${p.from} – ${p.to}") {
                listOf(
                    Strings.previewAssessments to p.assessments,
                    Strings.previewCheckIns to p.checkIns,
                    Strings.previewPractice to p.practiceSessions,
                    Strings.previewSteps to p.programmeSteps,
                    Strings.previewJournal to p.sharedJournalEntries,
                ).forEach { (label, n) -> Text(Strings.previewLine(label, n)) }
            }
        }
        if (state.exporting) {
            LinearProgressIndicator(
                progress = { state.progress },
                modifier = Modifier.fillMaxWidth().semantics { contentDescription = "${(state.progress * 100).toInt()}%" },
            )
        }
        Button(onClick = actions.onExport, enabled = !state.exporting) {
            ButtonLabel(Icons.Filled.Share, Strings.exportAction)
        }
        state.result?.let { StatusLabel(Strings.exported(it.bytes), Tone.SUCCESS) }
    }
}

/** Collects [viewModel]; a written file goes to [onShare] once. */
@Composable
fun ExportRoute(viewModel: ExportViewModel, padding: PaddingValues, onShare: (ShareRequest) -> Unit) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    OfferShareOnce(state.share, onShare, viewModel::shareHandled)
    ExportScreen(state, padding, ExportActions(viewModel::setFormat, viewModel::toggleSection, viewModel::export, viewModel::dismissError))
}
