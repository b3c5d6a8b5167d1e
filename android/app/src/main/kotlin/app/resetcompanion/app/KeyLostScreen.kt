package app.resetcompanion.app

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.safeDrawingPadding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import app.resetcompanion.app.ui.CrisisResourceList
import app.resetcompanion.app.ui.Strings
import app.resetcompanion.core.model.CrisisResource

// Shown only when a profile exists but its Keystore-wrapped key is gone for good (e.g. the
// app's data was partly cleared, or a device transfer copied files it should not have). The
// data can't be read without the key, by design; the honest choices are to start again or to
// restore an encrypted backup after starting again. Starting again deletes the profile, so it
// asks first. A keystore that is only busy never lands here (OpenFailedScreen: try again).
// Glue, not a domain screen: it lives outside ui/ (tests/compose renders it too).

/**
 * The crisis lines, also when the profile can't be opened: from the core's static data
 * (`crisisLinesWithoutProfile`), after the screen's own message, never behind a working profile.
 */
@Composable
fun CrisisLinesWithoutProfile(lines: List<CrisisResource>, onContact: (String) -> Unit) {
    if (lines.isEmpty()) return
    Text(Strings.crisisTitle, style = MaterialTheme.typography.titleLarge, modifier = Modifier.semantics { heading() })
    Text(Strings.crisisIntro, style = MaterialTheme.typography.bodyMedium)
    CrisisResourceList(lines, onContact)
}

/** Explains the lost key and offers, after a confirmation, to start with an empty profile. */
@Composable
fun KeyLostScreen(onStartAgain: () -> Unit, crisisLines: List<CrisisResource> = emptyList(), onContact: (String) -> Unit = {}) {
    var confirming by rememberSaveable { mutableStateOf(false) }
    Column(
        Modifier.fillMaxSize().safeDrawingPadding().verticalScroll(rememberScrollState()).padding(24.dp),
        verticalArrangement = Arrangement.spacedBy(16.dp),
    ) {
        Text(
            "This device can't unlock your saved data",
            style = MaterialTheme.typography.headlineSmall,
            modifier = Modifier.semantics { heading() },
        )
        Text(
            "Your journal and check-ins are encrypted with a key kept only on this device, and that key is " +
                "no longer available. Nobody, including us, can recover the data without it.",
            style = MaterialTheme.typography.bodyLarge,
        )
        Text(
            "If you made an encrypted backup, start again and then restore it from Settings → Backup.",
            style = MaterialTheme.typography.bodyLarge,
        )
        Button(onClick = { confirming = true }) { Text("Start again") }
        CrisisLinesWithoutProfile(crisisLines, onContact)
    }
    if (confirming) {
        AlertDialog(
            onDismissRequest = { confirming = false },
            title = { Text("Delete the locked data?") },
            text = { Text("The encrypted data on this device will be deleted. This can't be undone.") },
            confirmButton = {
                TextButton(onClick = {
                    confirming = false
                    onStartAgain()
                }) { Text("Delete and start again") }
            },
            dismissButton = { TextButton(onClick = { confirming = false }) { Text("Cancel") } },
        )
    }
}

/** The profile could not be opened this time (a busy keystore, a storage error): nothing is lost. */
@Composable
fun OpenFailedScreen(onRetry: () -> Unit, crisisLines: List<CrisisResource> = emptyList(), onContact: (String) -> Unit = {}) {
    Column(
        Modifier.fillMaxSize().safeDrawingPadding().verticalScroll(rememberScrollState()).padding(24.dp),
        verticalArrangement = Arrangement.spacedBy(16.dp),
    ) {
        Text(
            "Your data couldn't be opened just now",
            style = MaterialTheme.typography.headlineSmall,
            modifier = Modifier.semantics { heading() },
        )
        Text(
            "Nothing has been lost. This is usually temporary; try again in a moment, or restart your phone if it keeps happening.",
            style = MaterialTheme.typography.bodyLarge,
        )
        OutlinedButton(onClick = onRetry) { Text("Try again") }
        CrisisLinesWithoutProfile(crisisLines, onContact)
    }
}
