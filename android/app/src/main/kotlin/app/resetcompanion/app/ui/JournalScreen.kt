package app.resetcompanion.app.ui

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Add
import androidx.compose.material.icons.filled.Delete
import androidx.compose.material.icons.filled.Search
import androidx.compose.material.icons.filled.Share
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.text.SpanStyle
import androidx.compose.ui.text.buildAnnotatedString
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.text.withStyle
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.resetcompanion.core.model.JournalBody
import app.resetcompanion.core.model.JournalEntry
import app.resetcompanion.core.model.JournalKind
import app.resetcompanion.presentation.JournalUiState
import app.resetcompanion.presentation.JournalViewModel
import app.resetcompanion.presentation.SecureWindow

// The journal: entries newest first, a kind filter, and full-text search through the core's
// index (snippets mark matches with [ ]; shown in bold here). Every kind can be started here;
// thought records open in their editor, the other five are read in full and edited on the
// journal entry screen. A secure screen.

/** The kinds offered as "new", thought record first (it has its own guided editor). */
private val NEW_KINDS = listOf(JournalKind.THOUGHT, JournalKind.FREE, JournalKind.GRATITUDE, JournalKind.WORRY, JournalKind.EXPOSURE, JournalKind.ACTIVITY)

/** The journal screen's intents. */
data class JournalActions(
    val onQuery: (String) -> Unit = {},
    val onKindFilter: (JournalKind?) -> Unit = {},
    /** Opens an entry: thought records in their editor, the other kinds read in full. */
    val onOpen: (String, JournalKind) -> Unit = { _, _ -> },
    /** Starts a new entry of a kind. */
    val onNew: (JournalKind) -> Unit = {},
    /** Asks "Delete this entry?" for an entry (nothing is deleted yet). */
    val onDelete: (String) -> Unit = {},
    val onConfirmDelete: () -> Unit = {},
    val onCancelDelete: () -> Unit = {},
    val onDismissError: () -> Unit = {},
)

/** The stateless journal list + search. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun JournalScreen(state: JournalUiState, padding: PaddingValues, actions: JournalActions) {
    ScreenColumn(padding) {
        OutlinedTextField(
            value = state.query,
            onValueChange = actions.onQuery,
            label = { Text(Strings.searchLabel) },
            leadingIcon = { Icon(Icons.Filled.Search, contentDescription = null) },
            singleLine = true,
            modifier = Modifier.fillMaxWidth(),
        )
        val kinds = listOf<JournalKind?>(null) + JournalKind.entries
        ChoiceChips(kinds, setOf(state.kindFilter), { it?.let { k -> humanize(k.name) } ?: Strings.allKinds }) { actions.onKindFilter(it) }
        Text(Strings.newEntry, style = MaterialTheme.typography.titleSmall)
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            NEW_KINDS.forEach { kind ->
                OutlinedButton(onClick = { actions.onNew(kind) }) { ButtonLabel(Icons.Filled.Add, Strings.newKind(kind)) }
            }
        }
        ErrorBanner(state.error, actions.onDismissError)
        val hits = state.hits
        when {
            state.isSearching && hits != null -> {
                if (hits.isEmpty()) Text(Strings.noHits)
                hits.forEach { hit ->
                    val kind = JournalKind.entries.firstOrNull { it.name.equals(hit.kind, ignoreCase = true) }
                    SectionCard(
                        "${humanize(hit.kind)} · ${hit.localDate}",
                        Modifier.clickable(enabled = kind != null) {
                            kind?.let { actions.onOpen(hit.id, it) }
                        },
                    ) {
                        Text(highlighted(hit.snippet))
                    }
                }
            }
            state.loading && state.entries.isEmpty() -> Loading()
            state.entries.isEmpty() -> Text(Strings.noEntries)
            else -> state.entries.forEach { entry -> EntryCard(entry, actions) }
        }
    }
    if (state.pendingDelete != null) {
        ConfirmDialog(Strings.deleteEntryQuestion, Strings.deleteEntryExplain, Strings.deleteConfirm, actions.onConfirmDelete, actions.onCancelDelete)
    }
}

@Composable
private fun EntryCard(entry: JournalEntry, actions: JournalActions) {
    SectionCard(
        "${humanize(entry.kind.name)} · ${entry.captured.localDate} ${wallClock(entry.captured)}",
        Modifier.clickable { actions.onOpen(entry.id, entry.kind) },
    ) {
        Text(preview(entry.body), maxLines = 3, style = MaterialTheme.typography.bodyMedium)
        Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            if (entry.sharedWithTherapist) {
                Icon(Icons.Filled.Share, contentDescription = null)
                Text(Strings.sharedWithTherapist, style = MaterialTheme.typography.labelMedium, modifier = Modifier.weight(1f))
            } else {
                Text("", Modifier.weight(1f))
            }
            IconButton(onClick = { actions.onDelete(entry.id) }) {
                Icon(Icons.Filled.Delete, contentDescription = Strings.deleteEntry)
            }
        }
    }
}

/** `HH:MM` from the core's local RFC 3339 time (`2027-03-24T07:00:00+00:00`). */

/** The wall-clock time (`08:30`) an entry was captured at, in the zone it was captured in. */
internal fun wallClock(c: app.resetcompanion.core.model.Captured): String =
    c.at.atZone(java.time.ZoneId.of(c.timeZone)).toLocalTime().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString()

/** The first line of text worth showing for each kind of entry. */
private fun preview(body: JournalBody): String = when (body) {
    is JournalBody.Free -> body.record.text
    is JournalBody.Thought -> body.record.situation
    is JournalBody.Gratitude -> body.record.items.joinToString(" · ")
    is JournalBody.Worry -> body.record.worry
    is JournalBody.Exposure -> body.record.situation
    is JournalBody.Activity -> body.record.activity
}

/** The core marks matches as `[word]`: bold them and drop the brackets. */
internal fun highlighted(snippet: String) = buildAnnotatedString {
    var rest = snippet
    while (rest.isNotEmpty()) {
        val open = rest.indexOf('[')
        val close = if (open >= 0) rest.indexOf(']', open) else -1
        if (open < 0 || close < 0) {
            append(rest)
            break
        }
        append(rest.substring(0, open))
        withStyle(SpanStyle(fontWeight = FontWeight.Bold)) { append(rest.substring(open + 1, close)) }
        rest = rest.substring(close + 1)
    }
}

/** Collects [viewModel]; a secure screen while shown. */
@Composable
fun JournalRoute(
    viewModel: JournalViewModel,
    secureWindow: SecureWindow,
    padding: PaddingValues,
    onOpen: (String, JournalKind) -> Unit,
    onNew: (JournalKind) -> Unit,
) {
    SecureWhileShown(secureWindow)
    val state by viewModel.state.collectAsStateWithLifecycle()
    RefreshWhenShown(viewModel::refresh)
    JournalScreen(
        state,
        padding,
        JournalActions(
            viewModel::setQuery,
            viewModel::setKindFilter,
            onOpen,
            onNew,
            viewModel::askDelete,
            viewModel::confirmDelete,
            viewModel::cancelDelete,
            viewModel::dismissError,
        ),
    )
}
