package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ColumnScope
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.Spacer
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.verticalScroll
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.ArrowBack
import androidx.compose.material.icons.filled.Check
import androidx.compose.material.icons.filled.Info
import androidx.compose.material.icons.filled.Phone
import androidx.compose.material.icons.filled.Warning
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.Checkbox
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilterChip
import androidx.compose.material3.FilterChipDefaults
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.style.TextOverflow
import androidx.compose.ui.unit.dp
import app.resetcompanion.presentation.ShareRequest
import app.resetcompanion.presentation.UiError

// Building blocks every screen shares: the scaffold with the always-present crisis action,
// cards, chips, the error banner and status labels that pair colour with an icon and words.

/** Test tag of the top-bar crisis action present on every screen. */
const val CRISIS_ACTION_TAG = "crisis-action"

/**
 * The frame of every screen: a top bar with [title], a back arrow when [onBack] is set, and
 * the "Get help now" action (icon + words, one tap from anywhere); [bottomBar] for the tabs.
 */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun ResetScaffold(
    title: String,
    onCrisis: () -> Unit,
    onBack: (() -> Unit)? = null,
    bottomBar: @Composable () -> Unit = {},
    content: @Composable (PaddingValues) -> Unit,
) {
    Scaffold(
        topBar = {
            TopAppBar(
                // Long titles at large font scales end in "…" rather than pushing out the help action.
                title = { Text(title, maxLines = 1, overflow = TextOverflow.Ellipsis, modifier = Modifier.semantics { heading() }) },
                navigationIcon = {
                    if (onBack != null) {
                        IconButton(onClick = onBack) {
                            Icon(Icons.AutoMirrored.Filled.ArrowBack, contentDescription = Strings.back)
                        }
                    }
                },
                actions = {
                    TextButton(onClick = onCrisis, modifier = Modifier.testTag(CRISIS_ACTION_TAG)) {
                        ButtonLabel(Icons.Filled.Phone, Strings.crisisAction)
                    }
                },
            )
        },
        bottomBar = bottomBar,
        content = content,
    )
}

/** A scrolling column with the standard screen padding. */
@Composable
fun ScreenColumn(padding: PaddingValues, content: @Composable ColumnScope.() -> Unit) {
    Column(
        modifier = Modifier
            .fillMaxSize()
            .padding(padding)
            .verticalScroll(rememberScrollState())
            .padding(horizontal = 16.dp, vertical = 12.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp),
        content = content,
    )
}

/** A titled card section. */
@Composable
fun SectionCard(title: String, modifier: Modifier = Modifier, content: @Composable ColumnScope.() -> Unit) {
    Card(
        modifier = modifier.fillMaxWidth(),
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.surfaceContainerHigh),
    ) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(title, style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
            content()
        }
    }
}

/** Multi-select chips that wrap onto new lines (so they still fit at large font scales). */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun <T> ChoiceChips(choices: List<T>, selected: Set<T>, label: (T) -> String, onToggle: (T) -> Unit) {
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        choices.forEach { choice ->
            val on = choice in selected
            FilterChip(
                selected = on,
                onClick = { onToggle(choice) },
                label = { Text(label(choice)) },
                // The tick, not only the fill colour, shows the chip is selected.
                leadingIcon = if (on) {
                    { Icon(Icons.Filled.Check, contentDescription = null, modifier = Modifier.size(FilterChipDefaults.IconSize)) }
                } else {
                    null
                },
            )
        }
    }
}

/** What kind of message a [StatusLabel] carries: each has its own icon as well as its colour. */
enum class Tone { INFO, SUCCESS, WARNING }

/** An icon + text line; the icon is decorative because the words carry the meaning. */
@Composable
fun StatusLabel(text: String, tone: Tone, modifier: Modifier = Modifier) {
    val (icon, color) = when (tone) {
        Tone.INFO -> Icons.Filled.Info to MaterialTheme.colorScheme.onSurfaceVariant
        Tone.SUCCESS -> Icons.Filled.Check to MaterialTheme.colorScheme.primary
        Tone.WARNING -> Icons.Filled.Warning to MaterialTheme.colorScheme.error
    }
    Row(modifier, verticalAlignment = Alignment.Top, horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        Icon(icon, contentDescription = null, tint = color, modifier = Modifier.size(20.dp))
        Text(text, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurface)
    }
}

/** The core's error, with a dismiss action. Shows the message (never user content, DESIGN §4). */
@Composable
fun ErrorBanner(error: UiError?, onDismiss: () -> Unit) {
    if (error == null) return
    Card(
        modifier = Modifier.fillMaxWidth(),
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.errorContainer),
    ) {
        Row(Modifier.padding(12.dp), verticalAlignment = Alignment.CenterVertically) {
            Icon(Icons.Filled.Warning, contentDescription = null, tint = MaterialTheme.colorScheme.onErrorContainer)
            Spacer(Modifier.width(8.dp))
            Text(
                error.message.replaceFirstChar { it.uppercase() },
                color = MaterialTheme.colorScheme.onErrorContainer,
                modifier = Modifier.weight(1f),
            )
            TextButton(onClick = onDismiss) { Text(Strings.dismiss) }
        }
    }
}

/**
 * Reloads when a screen comes back on top (its entry stays on the stack while a flow such as
 * the check-in runs above it, but leaves the composition). The view model's first load runs in
 * its init, so the first showing costs one extra local read — cheaper than stale cards.
 */
@Composable
fun RefreshWhenShown(refresh: () -> Unit) {
    var shown by rememberSaveable { mutableStateOf(false) }
    LaunchedEffect(Unit) {
        if (shown) refresh()
        shown = true
    }
}

/** Hands a written file to the share sheet once, then tells the view model it was handled. */
@Composable
fun OfferShareOnce(request: ShareRequest?, onShare: (ShareRequest) -> Unit, handled: () -> Unit) {
    LaunchedEffect(request) {
        request?.let {
            onShare(it)
            handled()
        }
    }
}

/** A centred spinner announced as "Loading". */
@Composable
fun Loading() {
    Column(Modifier.fillMaxWidth().padding(24.dp), horizontalAlignment = Alignment.CenterHorizontally) {
        CircularProgressIndicator(Modifier.clearAndSetSemantics { contentDescription = Strings.loading })
    }
}

/**
 * A switch with its label as ONE toggleable row: TalkBack reads "label, switch, on" and the
 * whole row is the touch target (a bare Switch beside a Text would be announced unlabelled).
 */
@Composable
fun LabelledSwitch(label: String, checked: Boolean, onChange: (Boolean) -> Unit, note: String? = null) {
    Row(
        Modifier.fillMaxWidth().toggleable(value = checked, role = Role.Switch, onValueChange = onChange).padding(vertical = 4.dp),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        Column(Modifier.weight(1f)) {
            Text(label, style = MaterialTheme.typography.bodyLarge)
            note?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
        }
        Switch(checked = checked, onCheckedChange = null)
    }
}

/** A checkbox with its label as one toggleable row (see [LabelledSwitch]). */
@Composable
fun LabelledCheckbox(label: String, checked: Boolean, onChange: (Boolean) -> Unit) {
    Row(
        Modifier.fillMaxWidth().toggleable(value = checked, role = Role.Checkbox, onValueChange = onChange).padding(vertical = 4.dp),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        Checkbox(checked = checked, onCheckedChange = null)
        Spacer(Modifier.width(8.dp))
        Text(label, style = MaterialTheme.typography.bodyLarge)
    }
}

/** A button's content: a decorative icon, a gap, and the words (which TalkBack reads). */
@Composable
fun ButtonLabel(icon: ImageVector, text: String) {
    Icon(icon, contentDescription = null, modifier = Modifier.size(18.dp))
    Spacer(Modifier.width(8.dp))
    Text(text)
}

/** A decorative [icon] beside text. */
@Composable
fun IconText(icon: ImageVector, text: String) {
    Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        Icon(icon, contentDescription = null)
        Text(text)
    }
}

/** `ENUM_NAME` → "Enum name", for the core's enums (labels, areas, techniques). */
fun humanize(name: String): String = name.lowercase().replace('_', ' ').replaceFirstChar { it.uppercase() }

/**
 * "Delete …?" before anything is deleted for good: [question] as the title, [explain] below,
 * a [confirm] button that does it and Cancel that keeps everything.
 */
@Composable
fun ConfirmDialog(question: String, explain: String, confirm: String, onConfirm: () -> Unit, onDismiss: () -> Unit, dismiss: String = Strings.cancel) {
    AlertDialog(
        onDismissRequest = onDismiss,
        title = { Text(question) },
        text = { Text(explain) },
        confirmButton = { TextButton(onClick = onConfirm) { Text(confirm) } },
        dismissButton = { TextButton(onClick = onDismiss) { Text(dismiss) } },
    )
}
