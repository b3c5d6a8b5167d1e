package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Delete
import androidx.compose.material.icons.filled.Notifications
import androidx.compose.material3.Button
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.model.ReminderDays
import app.resetcompanion.core.model.ReminderRule
import app.resetcompanion.presentation.PermissionNotice
import app.resetcompanion.presentation.ReminderSettingsUiState
import app.resetcompanion.presentation.ReminderSettingsViewModel

// Reminder settings: the rules from the core, a simple "add" form, and — above them — the
// notification and exact-alarm permission states explained in plain words with the one action
// that helps (the view model decides which notice applies; this screen words it).

/** The reminder screen's intents. */
data class ReminderActions(
    val onAdd: (ActivityKind, String) -> Unit = { _, _ -> },
    val onRemove: (String) -> Unit = {},
    val onAskNotifications: () -> Unit = {},
    val onOpenSystemSettings: () -> Unit = {},
    val onDismissError: () -> Unit = {},
)

/** The stateless reminder settings. */
@Composable
fun ReminderSettingsScreen(state: ReminderSettingsUiState, padding: PaddingValues, actions: ReminderActions) {
    ScreenColumn(padding) {
        PermissionNoticeCard(state.notice, actions)
        Text(
            Strings.permissionsSummary(humanize(state.permissions.notifications.name), humanize(state.permissions.exactAlarms.name)),
            style = MaterialTheme.typography.bodySmall,
        )
        ErrorBanner(state.error, actions.onDismissError)
        if (state.loading) Loading()
        if (!state.loading && state.reminders.isEmpty()) Text(Strings.noReminders)
        state.reminders.forEach { ReminderRow(it, actions.onRemove) }
        AddReminder(actions.onAdd)
    }
}

@Composable
private fun PermissionNoticeCard(notice: PermissionNotice, actions: ReminderActions) {
    val (text, action) = when (notice) {
        PermissionNotice.NONE -> return
        PermissionNotice.ASK_NOTIFICATIONS -> Strings.noticeAsk to (Strings.noticeAskAction to actions.onAskNotifications)
        PermissionNotice.NOTIFICATIONS_BLOCKED -> Strings.noticeBlocked to (Strings.noticeBlockedAction to actions.onOpenSystemSettings)
        PermissionNotice.INEXACT_TIMING -> Strings.noticeInexact to (Strings.noticeBlockedAction to actions.onOpenSystemSettings)
    }
    SectionCard(Strings.remindersTitle) {
        StatusLabel(text, if (notice == PermissionNotice.INEXACT_TIMING) Tone.INFO else Tone.WARNING)
        OutlinedButton(onClick = action.second) { Text(action.first) }
    }
}

@Composable
private fun ReminderRow(rule: ReminderRule, onRemove: (String) -> Unit) {
    val title = rule.label ?: Strings.activityName(rule.kind)
    SectionCard(title) {
        Row(verticalAlignment = Alignment.CenterVertically) {
            Icon(Icons.Filled.Notifications, contentDescription = null)
            Text("${rule.times.joinToString(", ")} · ${days(rule.days)}", Modifier.weight(1f).padding(start = 8.dp))
            IconButton(onClick = { onRemove(rule.id) }) {
                Icon(Icons.Filled.Delete, contentDescription = "${Strings.removeReminder}: $title")
            }
        }
        rule.pausedUntil?.let { StatusLabel(Strings.pausedUntil(it.toString()), Tone.INFO) }
        if (rule.skipIfDone) Text(Strings.skipIfDone, style = MaterialTheme.typography.bodySmall)
    }
}

private fun days(d: ReminderDays) = when (d) {
    ReminderDays.Daily -> Strings.everyDay
    ReminderDays.Weekdays -> Strings.weekdays
    is ReminderDays.Only -> d.days.joinToString(" ") { humanize(it.name) }
}

@Composable
private fun AddReminder(onAdd: (ActivityKind, String) -> Unit) {
    var kind by remember { mutableStateOf(ActivityKind.CHECKIN) }
    var time by remember { mutableStateOf("09:00") }
    SectionCard(Strings.addReminder) {
        Text(Strings.kind, style = MaterialTheme.typography.labelLarge)
        ChoiceChips(ActivityKind.entries, setOf(kind), Strings::activityName) { kind = it }
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalAlignment = Alignment.CenterVertically) {
            OutlinedTextField(value = time, onValueChange = {
                time = it.take(5)
            }, label = { Text(Strings.time) }, singleLine = true, modifier = Modifier.weight(1f))
            Button(onClick = { onAdd(kind, time) }) { Text(Strings.addReminder) }
        }
    }
}

/** Collects [viewModel]; the permission actions go to the platform (MainActivity). */
@Composable
fun ReminderSettingsRoute(viewModel: ReminderSettingsViewModel, padding: PaddingValues, onAskNotifications: () -> Unit, onOpenSystemSettings: () -> Unit) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    // The view model decides when asking makes sense (a reminder exists, never at launch).
    LaunchedEffect(state.requestNotificationPermission) {
        if (state.requestNotificationPermission) onAskNotifications()
    }
    ReminderSettingsScreen(
        state,
        padding,
        ReminderActions(
            onAdd = { kind, time -> viewModel.add(kind, listOf(time)) },
            onRemove = viewModel::remove,
            onAskNotifications = onAskNotifications,
            onOpenSystemSettings = onOpenSystemSettings,
            onDismissError = viewModel::dismissError,
        ),
    )
}
