package app.resetcompanion.app

import android.content.Intent
import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import app.resetcompanion.app.ui.PrivacyScreen
import app.resetcompanion.app.ui.ResetScaffold
import app.resetcompanion.app.ui.ResetTheme
import app.resetcompanion.app.ui.Strings

// What Health Connect opens from its permission screen's "privacy policy" link (review A5):
// `androidx.health.ACTION_SHOW_PERMISSIONS_RATIONALE` (Android 13 and below) and the
// `VIEW_PERMISSION_USAGE` + `HEALTH_PERMISSIONS` alias (14+). A separate, standard-launch
// activity that needs no profile: it never brings the person's task (maybe mid-journal) to the
// front. The crisis action opens the app. Needs AndroidX: not compiled on the Linux CI machine;
// the screen is rendered by tests/compose and the manifest wiring is checked by Robolectric.

/** Shows [PrivacyScreen]. */
class PrivacyPolicyActivity : ComponentActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        setContent {
            ResetTheme {
                ResetScaffold(
                    title = Strings.privacyTitle,
                    onCrisis = { startActivity(Intent(this, MainActivity::class.java)) },
                    onBack = ::finish,
                ) { padding -> PrivacyScreen(padding) }
            }
        }
    }
}
