package app.resetcompanion.app.ui

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.KeyboardArrowRight
import androidx.compose.material.icons.filled.Delete
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.Icon
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.resetcompanion.core.health.HealthConnectOutcome
import app.resetcompanion.presentation.EraseStep
import app.resetcompanion.presentation.SettingsUiState
import app.resetcompanion.presentation.SettingsViewModel

// Settings: links to the other tools, the crisis region and resources, the streak toggle and
// erase-all (typed confirmation, enforced by the view model).

/** Regions with crisis resources in the core's reference data (clinical.md: UK, US, Ireland). */
val CRISIS_REGIONS = listOf("GB", "US", "IE")

/** The settings screen's intents. */
data class SettingsActions(
    val onOpen: (Destination) -> Unit = {},
    val onRegion: (String) -> Unit = {},
    val onStreakHidden: (Boolean) -> Unit = {},
    val onRequestErase: () -> Unit = {},
    val onEraseText: (String) -> Unit = {},
    val onCancelErase: () -> Unit = {},
    val onConfirmErase: () -> Unit = {},
    val onOpenUri: (String) -> Unit = {},
    val onDismissError: () -> Unit = {},
    /** Turns the Health Connect mirror on or off (asks for the permission when turning on, about the written sessions when off). */
    val onHealthConnect: (Boolean) -> Unit = {},
    /** Turning it off, answered: delete the sessions written there (true) or keep them (false). */
    val onStopHealthConnect: (Boolean) -> Unit = {},
    /** Turning it off, dismissed: the mirror stays on. */
    val onKeepHealthConnect: () -> Unit = {},
)

/** The stateless settings screen. */
@Composable
fun SettingsScreen(state: SettingsUiState, padding: PaddingValues, actions: SettingsActions) {
    ScreenColumn(padding) {
        ErrorBanner(state.error, actions.onDismissError)
        listOf(
            Strings.safetyPlanLink to Destination.SafetyPlan,
            Strings.appLockLink to Destination.AppLock,
            Strings.insightsLink to Destination.Insights,
            Strings.checkInHistoryLink to Destination.CheckInHistory,
            Strings.questionnairesLink to Destination.Assessment(),
            Strings.assessmentHistoryLink to Destination.AssessmentHistory,
            Strings.practiceSummaryLink to Destination.Practice,
            Strings.practiceLink to Destination.Meditation(),
            Strings.remindersLink to Destination.Reminders,
            Strings.exportLink to Destination.Export,
            AutoBackupStrings.link to Destination.AutoBackup,
            Strings.backupLink to Destination.Backup,
            Strings.privacyLink to Destination.Privacy,
        ).forEach { (label, destination) ->
            ListItem(
                headlineContent = { Text(label) },
                trailingContent = { Icon(Icons.AutoMirrored.Filled.KeyboardArrowRight, contentDescription = null) },
                modifier = Modifier.clickable { actions.onOpen(destination) },
            )
        }
        LabelledSwitch(Strings.hideStreak, state.streakHidden, actions.onStreakHidden, note = Strings.hideStreakNote)
        // Hidden where Health Connect isn't on the device; otherwise the opt-in and what it means.
        state.healthConnect?.takeIf { it != HealthConnectOutcome.UNAVAILABLE }?.let { outcome ->
            LabelledSwitch(Strings.healthConnect, state.healthConnectOptedIn, actions.onHealthConnect, note = Strings.healthConnectNote(outcome))
            state.healthConnectStopped?.let(Strings::healthConnectStopped)?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
        }
        // Review A13: turning it off asks about the sessions already written there.
        if (state.healthConnectStopAsked) {
            AlertDialog(
                onDismissRequest = actions.onKeepHealthConnect,
                title = { Text(Strings.healthConnectStopTitle) },
                text = { Text(Strings.healthConnectStopExplain) },
                confirmButton = { TextButton(onClick = { actions.onStopHealthConnect(true) }) { Text(Strings.healthConnectDelete) } },
                dismissButton = { TextButton(onClick = { actions.onStopHealthConnect(false) }) { Text(Strings.healthConnectKeep) } },
            )
        }
        Text(Strings.region, style = MaterialTheme.typography.titleMedium)
        ChoiceChips(CRISIS_REGIONS, setOfNotNull(state.region), { it }, actions.onRegion)
        CrisisResourceList(state.crisisResources, actions.onOpenUri)

        SectionCard(Strings.eraseTitle) {
            Text(Strings.eraseExplain)
            when (state.erase) {
                EraseStep.IDLE -> OutlinedButton(onClick = actions.onRequestErase) {
                    ButtonLabel(Icons.Filled.Delete, Strings.eraseTitle)
                }
                EraseStep.CONFIRMING, EraseStep.ERASING -> {
                    OutlinedTextField(
                        value = state.eraseConfirmationText,
                        onValueChange = actions.onEraseText,
                        label = { Text(Strings.eraseTypePrompt(SettingsUiState.ERASE_CONFIRMATION_WORD)) },
                        singleLine = true,
                        modifier = Modifier.fillMaxWidth(),
                    )
                    Row {
                        OutlinedButton(onClick = actions.onCancelErase) { Text(Strings.cancel) }
                        Button(
                            onClick = actions.onConfirmErase,
                            enabled = state.canConfirmErase,
                            colors = ButtonDefaults.buttonColors(
                                containerColor = MaterialTheme.colorScheme.error,
                                contentColor = MaterialTheme.colorScheme.onError,
                            ),
                        ) { Text(Strings.eraseConfirm) }
                    }
                }
                EraseStep.ERASED -> StatusLabel(Strings.erased, Tone.SUCCESS)
            }
        }
    }
}

/** Collects [viewModel]. */
@Composable
fun SettingsRoute(viewModel: SettingsViewModel, padding: PaddingValues, onOpen: (Destination) -> Unit, onOpenUri: (String) -> Unit) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    SettingsScreen(
        state,
        padding,
        SettingsActions(
            onOpen, viewModel::setRegion, viewModel::setStreakHidden, viewModel::requestErase, viewModel::setEraseConfirmationText,
            viewModel::cancelErase, viewModel::confirmErase, onOpenUri, viewModel::dismissError, viewModel::setHealthConnectOptIn,
            viewModel::stopHealthConnect, viewModel::keepHealthConnect,
        ),
    )
}
