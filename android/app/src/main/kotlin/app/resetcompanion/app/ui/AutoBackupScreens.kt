package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Lock
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.font.FontFamily
import androidx.compose.ui.text.input.KeyboardCapitalization
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.resetcompanion.core.model.AutoBackupStatus
import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.presentation.AppGraph
import app.resetcompanion.presentation.AutoBackupRestoreUiState
import app.resetcompanion.presentation.AutoBackupRestoreViewModel
import app.resetcompanion.presentation.AutoBackupSettingsViewModel
import app.resetcompanion.presentation.AutoBackupUiState
import app.resetcompanion.presentation.SecureWindow
import java.time.Instant
import java.time.ZoneId

// Automatic backups (issue 21): the settings screen with the one-time recovery-key ceremony, and
// the first-launch "restore from your automatic backup" offer. Views over
// AutoBackupSettingsViewModel / AutoBackupRestoreViewModel (JVM-tested); these only draw states
// and forward taps. Both hold FLAG_SECURE: the key is on screen, or being typed.

/** Test tag on the recovery key's groups while they are shown. */
const val RECOVERY_KEY_TAG = "recovery-key"

/** The settings screen's intents. */
data class AutoBackupActions(
    val onTurnOn: () -> Unit = {},
    val onWroteItDown: () -> Unit = {},
    val onTypedGroup: (Int, String) -> Unit = { _, _ -> },
    val onConfirm: () -> Unit = {},
    val onShowKey: () -> Unit = {},
    val onDoneShowingKey: () -> Unit = {},
    val onRotate: () -> Unit = {},
    val onResumeRotation: () -> Unit = {},
    val onFinishSetup: () -> Unit = {},
    val onStay: () -> Unit = {},
    val onLeave: () -> Unit = {},
    val onCancelRotation: () -> Unit = {},
    val onTurnOff: (deleteFiles: Boolean) -> Unit = {},
    val onDismissError: () -> Unit = {},
)

/** The stateless automatic-backup settings screen. */
@Composable
fun AutoBackupScreen(state: AutoBackupUiState, padding: PaddingValues, actions: AutoBackupActions) {
    var askingOff by rememberSaveable { mutableStateOf(false) }
    ScreenColumn(padding) {
        ErrorBanner(state.error, actions.onDismissError)
        if (state.authRefused) StatusLabel(AutoBackupStrings.authRefused, Tone.WARNING)
        val groups = state.shownGroups
        val asked = state.askedPositions
        when {
            state.loading -> Loading()
            asked != null -> ConfirmGroups(state, asked, actions)
            groups != null -> KeyShown(groups, state, actions)
            state.rotationAwaitingConfirmation -> {
                StatusLabel(AutoBackupStrings.rotationInterrupted, Tone.WARNING)
                Button(onClick = actions.onResumeRotation) { Text(AutoBackupStrings.resumeRotation) }
                OutlinedButton(onClick = actions.onCancelRotation) { Text(AutoBackupStrings.keepOldKey) }
            }
            state.setupUnfinished -> {
                StatusLabel(AutoBackupStrings.setupUnfinished, Tone.WARNING)
                Button(onClick = actions.onFinishSetup) { Text(AutoBackupStrings.finishSetup) }
                Text(AutoBackupStrings.authNoteFinish, style = MaterialTheme.typography.bodySmall)
                OutlinedButton(onClick = { askingOff = true }) { Text(AutoBackupStrings.turnOff) }
            }
            !state.enabled -> {
                Text(AutoBackupStrings.offExplain, style = MaterialTheme.typography.bodyLarge)
                Button(onClick = actions.onTurnOn) { ButtonLabel(Icons.Filled.Lock, AutoBackupStrings.turnOn) }
            }
            else -> {
                state.status?.let { StatusCard(it, state.zone) }
                Button(onClick = actions.onShowKey) { Text(AutoBackupStrings.showKey) }
                OutlinedButton(onClick = actions.onRotate) { Text(AutoBackupStrings.rotate) }
                Text(AutoBackupStrings.authNote, style = MaterialTheme.typography.bodySmall)
                OutlinedButton(onClick = { askingOff = true }) { Text(AutoBackupStrings.turnOff) }
            }
        }
    }
    if (state.leaveAsked) {
        AlertDialog(
            onDismissRequest = actions.onStay,
            title = { Text(AutoBackupStrings.leaveQuestion) },
            text = { Text(if (state.rotating) AutoBackupStrings.leaveRotationExplain else AutoBackupStrings.leaveExplain) },
            confirmButton = { TextButton(onClick = actions.onStay) { Text(AutoBackupStrings.stay) } },
            dismissButton = { TextButton(onClick = actions.onLeave) { Text(AutoBackupStrings.leave) } },
        )
    }
    if (askingOff) {
        AlertDialog(
            onDismissRequest = { askingOff = false },
            title = { Text(AutoBackupStrings.turnOffQuestion) },
            text = { Text(AutoBackupStrings.turnOffExplain) },
            confirmButton = {
                TextButton(onClick = {
                    askingOff = false
                    actions.onTurnOff(true)
                }) { Text(AutoBackupStrings.turnOffDelete) }
            },
            dismissButton = {
                Row {
                    TextButton(onClick = { askingOff = false }) { Text(Strings.cancel) }
                    TextButton(onClick = {
                        askingOff = false
                        actions.onTurnOff(false)
                    }) { Text(AutoBackupStrings.turnOffKeep) }
                }
            },
        )
    }
}

/** On, when the last backup was written, how many copies are kept and where. */
@Composable
private fun StatusCard(status: AutoBackupStatus, zone: String?) {
    SectionCard(AutoBackupStrings.statusTitle) {
        StatusLabel(AutoBackupStrings.on, Tone.SUCCESS)
        Text(AutoBackupStrings.lastBackup(status.lastBackup?.let { AutoBackupStrings.formatted(it, zone) }))
        Text(AutoBackupStrings.copiesKept(status.files.size))
        Text(AutoBackupStrings.folderNote, style = MaterialTheme.typography.bodySmall)
    }
}

/** The key in groups of four, large and monospaced, two to a row; read out group by group. */
@Composable
private fun KeyShown(groups: List<String>, state: AutoBackupUiState, actions: AutoBackupActions) {
    SectionCard(AutoBackupStrings.keyTitle) {
        androidx.compose.foundation.layout.Column(
            Modifier.testTag(RECOVERY_KEY_TAG).semantics(mergeDescendants = true) { contentDescription = AutoBackupStrings.keyReadOut(groups) },
            verticalArrangement = Arrangement.spacedBy(8.dp),
        ) {
            groups.chunked(2).forEach { pair ->
                Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(24.dp)) {
                    pair.forEach { Text(it, style = MaterialTheme.typography.headlineSmall, fontFamily = FontFamily.Monospace) }
                }
            }
        }
        Text(AutoBackupStrings.keyExplain)
    }
    if (state.mismatch) StatusLabel(AutoBackupStrings.mismatch, Tone.WARNING)
    if (state.ceremony) {
        Button(onClick = actions.onWroteItDown) { Text(AutoBackupStrings.wroteItDown) }
        if (state.rotating) OutlinedButton(onClick = actions.onCancelRotation) { Text(AutoBackupStrings.cancelNewKey) }
    } else {
        Button(onClick = actions.onDoneShowingKey) { Text(Strings.done) }
    }
}

/**
 * The keyboard for the recovery key (typed back in the ceremony, or on the new phone): a password
 * field, so the keyboard neither learns nor suggests it (autocorrect off alone does not stop
 * that, review android4 F3); the text stays readable (no visual transformation is set).
 */
val RecoveryKeyKeyboard = KeyboardOptions(
    capitalization = KeyboardCapitalization.Characters,
    autoCorrectEnabled = false,
    keyboardType = KeyboardType.Password,
)

/** The ceremony's check: two groups typed back from paper. */
@Composable
private fun ConfirmGroups(state: AutoBackupUiState, asked: List<Int>, actions: AutoBackupActions) {
    Text(AutoBackupStrings.typeBack, style = MaterialTheme.typography.titleMedium)
    asked.forEachIndexed { index, position ->
        OutlinedTextField(
            value = state.typedGroups.getOrElse(index) { "" },
            onValueChange = { actions.onTypedGroup(index, it) },
            label = { Text(AutoBackupStrings.group(position)) },
            singleLine = true,
            textStyle = MaterialTheme.typography.titleLarge.copy(fontFamily = FontFamily.Monospace),
            keyboardOptions = RecoveryKeyKeyboard,
            modifier = Modifier.fillMaxWidth(),
        )
    }
    Button(onClick = actions.onConfirm) { Text(AutoBackupStrings.check) }
}

/** Collects [viewModel]; loads once when shown. */
@Composable
fun AutoBackupRoute(viewModel: AutoBackupSettingsViewModel, padding: PaddingValues, onLeave: () -> Unit = {}) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    LaunchedEffect(viewModel) { viewModel.load() }
    AutoBackupScreen(
        state,
        padding,
        AutoBackupActions(
            onTurnOn = viewModel::turnOn,
            onWroteItDown = viewModel::wroteItDown,
            onTypedGroup = viewModel::setTypedGroup,
            onConfirm = viewModel::confirm,
            onShowKey = viewModel::showKeyAgain,
            onDoneShowingKey = viewModel::doneShowingKey,
            onRotate = viewModel::rotate,
            onResumeRotation = viewModel::resumeRotation,
            onFinishSetup = viewModel::finishSetup,
            onStay = viewModel::stay,
            onLeave = {
                viewModel.stay()
                onLeave()
            },
            onCancelRotation = viewModel::cancelRotation,
            onTurnOff = viewModel::turnOff,
            onDismissError = viewModel::dismissError,
        ),
    )
}

/** The stateless first-launch offer. */
@Composable
fun AutoBackupRestoreScreen(
    state: AutoBackupRestoreUiState,
    padding: PaddingValues,
    onKey: (String) -> Unit,
    onRestore: () -> Unit,
    onDecline: () -> Unit,
    onFinish: () -> Unit,
    onDismissError: () -> Unit,
) {
    ScreenColumn(padding) {
        Text(AutoBackupStrings.restoreHeading, style = MaterialTheme.typography.titleLarge)
        ErrorBanner(state.error, onDismissError)
        val restored = state.restored
        when {
            restored != null -> {
                StatusLabel(AutoBackupStrings.restoredFrom(AutoBackupStrings.formatted(restored.restored.createdAt, state.zone)), Tone.SUCCESS)
                restored.skipped.forEach { StatusLabel(AutoBackupStrings.skipped(it.kind), Tone.WARNING) }
                if (state.keyNotKept) StatusLabel(AutoBackupStrings.keyNotKept, Tone.WARNING)
                Button(onClick = onFinish) { Text(AutoBackupStrings.openApp) }
            }
            state.working -> {
                Text(AutoBackupStrings.restoring)
                LinearProgressIndicator(Modifier.fillMaxWidth().semantics { contentDescription = AutoBackupStrings.restoring })
            }
            else -> {
                Text(AutoBackupStrings.found(state.files, state.newest?.let { AutoBackupStrings.formatted(it, state.zone) }))
                OutlinedTextField(
                    value = state.typedKey,
                    onValueChange = onKey,
                    label = { Text(AutoBackupStrings.keyField) },
                    isError = state.error?.field == "recovery_key",
                    textStyle = MaterialTheme.typography.titleMedium.copy(fontFamily = FontFamily.Monospace),
                    keyboardOptions = RecoveryKeyKeyboard,
                    modifier = Modifier.fillMaxWidth(),
                )
                if (!state.canRestore) Text(AutoBackupStrings.keyBlocker, style = MaterialTheme.typography.bodySmall)
                Button(onClick = onRestore, enabled = state.canRestore) { Text(AutoBackupStrings.restore) }
                Text(AutoBackupStrings.restoreNote, style = MaterialTheme.typography.bodySmall)
                OutlinedButton(onClick = onDecline) { Text(AutoBackupStrings.startFresh) }
            }
        }
    }
}

/**
 * The offer over the whole app while it is shown, with the crisis action (the region's lines on
 * a page of their own, back to the offer). Held secure: the recovery key is typed here.
 */
@Composable
fun AutoBackupRestoreOffer(viewModel: AutoBackupRestoreViewModel, graph: AppGraph, secureWindow: SecureWindow, contact: (String) -> Unit) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    var crisis by rememberSaveable { mutableStateOf(false) }
    val crisisEntry = remember { NavEntry(Destination.Crisis, "restore-offer-crisis") }
    DisposableEffect(Unit) { onDispose { crisisEntry.viewModels.clear() } }
    SecureWhileShown(secureWindow)
    ResetScaffold(
        title = if (crisis) Strings.crisisTitle else AutoBackupStrings.restoreTitle,
        onCrisis = { crisis = true },
        onBack = if (crisis) ({ crisis = false }) else null,
    ) { padding ->
        if (crisis) {
            CrisisRoute(crisisEntry.viewModel { graph.crisis() }, padding, contact, showPlan = false)
        } else {
            AutoBackupRestoreScreen(
                state,
                padding,
                viewModel::setKey,
                viewModel::restore,
                viewModel::decline,
                viewModel::finish,
                viewModel::dismissError,
            )
        }
    }
}

/** The automatic-backup screens' words. */
object AutoBackupStrings {
    const val title = "Automatic backups"
    const val link = "Automatic backups"
    const val offExplain = "Once a day the app saves an encrypted copy of everything into a folder your phone's own backup " +
        "(your Google account) carries to a new phone. You get a recovery key to write down: without it nobody, including us, can open the copies."
    const val turnOn = "Turn on automatic backups"
    const val statusTitle = "Status"
    const val on = "On: a copy a day, the last 7 days and 4 weeks kept"
    fun lastBackup(at: String?) = "Last backup: ${at ?: "not yet"}"
    fun copiesKept(n: Int) = "Copies kept: $n"
    const val folderNote = "Kept in the app's auto-backups folder, which Android's backup includes. " +
        "Your entries and the key that opens them on this phone are never in Android's backup."
    const val showKey = "Show the recovery key"
    const val rotate = "Make a new recovery key"
    const val authNote = "Both ask for your fingerprint, face or screen lock first. A new key replaces the old one; the old one stops working."
    const val authRefused = "The key is shown only after your fingerprint, face or screen lock confirms it's you. " +
        "If this phone has no screen lock, set one in the phone's settings first."
    const val turnOff = "Turn off"
    const val turnOffQuestion = "Turn off automatic backups?"
    const val turnOffExplain = "No new copies are made. You can keep the copies already made (your recovery key still opens them) or delete them."
    const val turnOffKeep = "Keep the copies"
    const val turnOffDelete = "Delete the copies"
    const val keyTitle = "Your recovery key"
    const val keyExplain = "Write it on paper and keep it somewhere safe. You need it to restore on a new phone. " +
        "It is not in any backup, and nobody can send it to you again."
    fun keyReadOut(groups: List<String>) = "Recovery key: " + groups.joinToString(", ") { it.toList().joinToString(" ") }
    const val wroteItDown = "I've written it down"
    const val cancelNewKey = "Cancel the new key"
    const val mismatch = "Those groups don't match the key. Here it is again: check what you wrote down."
    const val typeBack = "Type these groups from what you wrote down"
    fun group(position: Int) = "Group ${position + 1}"
    const val check = "Check"
    const val rotationInterrupted = "A new recovery key was being set up when the app closed. Your backups still use the old key."
    const val resumeRotation = "Show the new key to finish"
    const val keepOldKey = "Keep the old key"
    const val setupUnfinished = "Finish setting up: confirm your recovery key. No backup is made until you do."
    const val finishSetup = "Finish setting up"
    const val authNoteFinish = "Your fingerprint, face or screen lock is asked first; then the key is shown and you type two groups back."
    const val leaveQuestion = "Leave without confirming the key?"
    const val leaveExplain = "Backups stay off until you confirm it: come back to Settings › Automatic backups to finish setting up."
    const val leaveRotationExplain = "The new key is not used until you confirm it; your backups stay under the old key."
    const val stay = "Stay"
    const val leave = "Leave"

    const val restoreTitle = "Welcome back"
    const val restoreHeading = "Restore from your automatic backup"
    fun found(n: Int, newest: String?) =
        "We found ${if (n == 1) "an automatic backup" else "$n automatic backups"} from your old phone" + (newest?.let { ", the newest from $it." } ?: ".")
    const val keyField = "Recovery key"
    const val keyBlocker = "Type the 28-character recovery key you wrote down (spaces and dashes don't matter)."
    const val restore = "Restore"
    const val restoreNote = "Everything is checked before anything is written."
    const val startFresh = "Start fresh instead"
    const val restoring = "Restoring: this takes a few seconds"
    fun restoredFrom(at: String) = "Restored from the backup of $at."
    fun skipped(kind: ErrorKind) = "A newer copy could not be used (" + when (kind) {
        ErrorKind.CORRUPT -> "it is damaged"
        ErrorKind.WRONG_KEY -> "another recovery key opens it"
        ErrorKind.UNSUPPORTED_VERSION -> "a newer version of the app made it"
        else -> "it can't be read"
    } + "), so the one before it was restored."
    const val keyNotKept = "This phone couldn't keep your recovery key: open Settings › Automatic backups and make a new key so daily backups go on."
    const val openApp = "Open the app"

    /** A moment as the person reads it, in the profile's zone. */
    fun formatted(at: Instant, zone: String?): String = java.time.format.DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", java.util.Locale.UK)
        .format(at.atZone(zone?.let { runCatching { ZoneId.of(it) }.getOrNull() } ?: ZoneId.of("UTC")))
}
