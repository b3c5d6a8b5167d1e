package app.resetcompanion.app.ui

import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import app.resetcompanion.presentation.SecureWindow

// FLAG_SECURE for screens that show private text (journal, thought records, questionnaire
// answers): on while the screen is in the composition, off when it leaves, so screenshots,
// screen recording and the recents thumbnail never capture it.

/** Keeps [window] secure for as long as the calling screen is shown. */
@Composable
fun SecureWhileShown(window: SecureWindow) {
    DisposableEffect(window) {
        window.setSecure(true)
        onDispose { window.setSecure(false) }
    }
}
