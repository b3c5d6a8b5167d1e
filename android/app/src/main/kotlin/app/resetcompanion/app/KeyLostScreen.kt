package app.resetcompanion.app

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.safeDrawingPadding
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp

// Shown only when a profile exists but its Keystore-wrapped key is gone (e.g. the app's data
// was partly cleared, or a device transfer copied files it should not have). The data can't be
// read without the key, by design; the honest choices are to start again or to restore an
// encrypted backup after starting again. Glue, not a domain screen: it lives outside ui/.

/** Explains the lost key and offers to start with an empty profile. */
@Composable
fun KeyLostScreen(onStartAgain: () -> Unit) {
    Column(
        Modifier.fillMaxSize().safeDrawingPadding().padding(24.dp),
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
        Button(onClick = onStartAgain) { Text("Start again") }
    }
}
