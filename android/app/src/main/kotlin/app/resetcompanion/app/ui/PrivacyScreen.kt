package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text

// How the app uses a person's data, in plain words (review A5/A9): shown from Settings, and by
// PrivacyPolicyActivity when Health Connect's permission screen opens the app's privacy policy.
// It states what the app does today; the published policy (Play Console URL) says the same.

/** The privacy explanation, section by section. */
@androidx.compose.runtime.Composable
fun PrivacyScreen(padding: PaddingValues) {
    ScreenColumn(padding) {
        Strings.privacySections.forEach { (title, body) ->
            SectionCard(title) { Text(body, style = MaterialTheme.typography.bodyMedium) }
        }
    }
}
