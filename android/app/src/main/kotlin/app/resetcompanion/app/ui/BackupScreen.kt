package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Lock
import androidx.compose.material3.Button
import androidx.compose.material3.Icon
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.SegmentedButton
import androidx.compose.material3.SegmentedButtonDefaults
import androidx.compose.material3.SingleChoiceSegmentedButtonRow
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.resetcompanion.presentation.BackupMode
import app.resetcompanion.presentation.BackupUiState
import app.resetcompanion.presentation.BackupViewModel
import app.resetcompanion.presentation.ShareRequest

// Encrypted backup and restore. Creating asks for the passphrase twice; restoring needs a file
// (picked by the system document picker in MainActivity), the passphrase and an explicit "this
// replaces my data". Encryption, verification and the swap are the core's.

/** The backup screen's intents. */
data class BackupActions(
    val onMode: (BackupMode) -> Unit = {},
    val onPassphrase: (String) -> Unit = {},
    val onConfirmation: (String) -> Unit = {},
    val onPickFile: () -> Unit = {},
    val onConfirmRestore: (Boolean) -> Unit = {},
    val onCreate: () -> Unit = {},
    val onRestore: () -> Unit = {},
    val onDismissError: () -> Unit = {},
)

/** The stateless backup screen. */
@Composable
fun BackupScreen(state: BackupUiState, padding: PaddingValues, actions: BackupActions) {
    ScreenColumn(padding) {
        SingleChoiceSegmentedButtonRow(Modifier.fillMaxWidth()) {
            listOf(BackupMode.CREATE to Strings.createBackup, BackupMode.RESTORE to Strings.restoreBackup).forEachIndexed { i, (mode, label) ->
                SegmentedButton(selected = state.mode == mode, onClick = { actions.onMode(mode) }, shape = SegmentedButtonDefaults.itemShape(i, 2)) {
                    Text(label)
                }
            }
        }
        ErrorBanner(state.error, actions.onDismissError)
        val create = state.mode == BackupMode.CREATE
        StatusLabel(if (create) Strings.backupExplain else Strings.restoreExplain, if (create) Tone.INFO else Tone.WARNING)
        if (!create) {
            OutlinedButton(onClick = actions.onPickFile) { Text(Strings.chooseFile) }
            state.restoreFile?.let { Text(Strings.chosenFile(it.name)) }
        }
        Secret(Strings.passphrase, state.passphrase, state.error?.field == "passphrase", actions.onPassphrase)
        if (create) {
            Secret(Strings.confirmPassphrase, state.confirmation, state.error?.field == "confirmation", actions.onConfirmation)
        } else {
            LabelledCheckbox(Strings.restoreConfirm, state.restoreConfirmed, actions.onConfirmRestore)
        }
        if (state.working) {
            LinearProgressIndicator(
                progress = { state.progress },
                modifier = Modifier.fillMaxWidth().semantics { contentDescription = "${(state.progress * 100).toInt()}%" },
            )
        }
        if (create) {
            Button(onClick = actions.onCreate, enabled = state.canCreate) {
                ButtonLabel(Icons.Filled.Lock, Strings.createBackup)
            }
        } else {
            Button(onClick = actions.onRestore, enabled = state.canRestore) { Text(Strings.restoreBackup) }
        }
        state.created?.let { StatusLabel(Strings.backupCreated(it.bytes), Tone.SUCCESS) }
        state.restored?.let { StatusLabel(Strings.restored(it.createdAt.toString()), Tone.SUCCESS) }
    }
}

@Composable
private fun Secret(label: String, value: String, isError: Boolean, onChange: (String) -> Unit) {
    OutlinedTextField(
        value = value,
        onValueChange = onChange,
        label = { Text(label) },
        isError = isError,
        singleLine = true,
        visualTransformation = PasswordVisualTransformation(),
        keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Password),
        modifier = Modifier.fillMaxWidth(),
    )
}

/** Collects [viewModel]; [onPickFile] opens the system picker (it calls `chooseRestoreFile`). */
@Composable
fun BackupRoute(viewModel: BackupViewModel, padding: PaddingValues, onShare: (ShareRequest) -> Unit, onPickFile: (BackupViewModel) -> Unit) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    OfferShareOnce(state.share, onShare, viewModel::shareHandled)
    BackupScreen(
        state,
        padding,
        BackupActions(
            viewModel::setMode,
            viewModel::setPassphrase,
            viewModel::setConfirmation,
            { onPickFile(viewModel) },
            viewModel::confirmRestore,
            viewModel::create,
            viewModel::restore,
            viewModel::dismissError,
        ),
    )
}
