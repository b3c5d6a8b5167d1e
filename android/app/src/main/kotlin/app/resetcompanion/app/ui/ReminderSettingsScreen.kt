package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Delete
import androidx.compose.material.icons.filled.Notifications
import androidx.compose.material3.Button
import androidx.compose.material3.DatePicker
import androidx.compose.material3.DatePickerDialog
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.SelectableDates
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.rememberDatePickerState
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.model.ReminderRule
import app.resetcompanion.presentation.PermissionNotice
import app.resetcompanion.presentation.ReminderDraft
import app.resetcompanion.presentation.ReminderSettingsUiState
import app.resetcompanion.presentation.ReminderSettingsViewModel
import java.time.LocalDate

// Reminder settings: the rules from the core, a simple "add" form, and — above them — the
// notification and exact-alarm permission states explained in plain words with the one action
// that helps (the view model decides which notice applies; this screen words it).

/** The reminder screen's intents. */
data class ReminderActions(
    val onEditDraft: ((ReminderDraft) -> ReminderDraft) -> Unit = {},
    val onAdd: () -> Unit = {},
    val onRemove: (String) -> Unit = {},
    val onPauseWeek: (String) -> Unit = {},
    /** Opens the date picker for a rule. */
    val onChoosePauseDate: (String) -> Unit = {},
    /** Pauses a rule until the chosen day. */
    val onPauseUntil: (String, LocalDate) -> Unit = { _, _ -> },
    val onCancelPauseDate: () -> Unit = {},
    val onResume: (String) -> Unit = {},
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
        state.reminders.forEach { ReminderRow(it, actions) }
        AddReminder(state.draft, actions)
    }
    val pausing = state.pausing
    val today = state.today
    if (pausing != null && today != null) PauseDatePicker(today, { actions.onPauseUntil(pausing, it) }, actions.onCancelPauseDate)
}

/**
 * The "Pause until…" dialog: a calendar offering only the days after [today] (the core's
 * today), a week ahead preselected. The picker works in UTC midnights; converted to a
 * [LocalDate] here, never through the host's zone.
 */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
private fun PauseDatePicker(today: LocalDate, onPick: (LocalDate) -> Unit, onDismiss: () -> Unit) {
    val dayMs = 86_400_000L
    val picker = rememberDatePickerState(
        initialSelectedDateMillis = today.plusDays(7).toEpochDay() * dayMs,
        yearRange = today.year..today.year + 1,
        selectableDates = object : SelectableDates {
            override fun isSelectableDate(utcTimeMillis: Long) = Math.floorDiv(utcTimeMillis, dayMs) > today.toEpochDay()
            override fun isSelectableYear(year: Int) = year >= today.year
        },
    )
    DatePickerDialog(
        onDismissRequest = onDismiss,
        confirmButton = {
            TextButton(
                onClick = { picker.selectedDateMillis?.let { onPick(LocalDate.ofEpochDay(Math.floorDiv(it, dayMs))) } },
                enabled = picker.selectedDateMillis != null,
            ) { Text(Strings.pauseConfirm) }
        },
        dismissButton = { TextButton(onClick = onDismiss) { Text(Strings.cancel) } },
    ) {
        DatePicker(picker, title = { Text(Strings.pauseDateTitle, Modifier.padding(start = 24.dp, top = 16.dp)) })
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

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun ReminderRow(rule: ReminderRule, actions: ReminderActions) {
    val title = rule.label ?: Strings.activityName(rule.kind)
    SectionCard(title) {
        Row(verticalAlignment = Alignment.CenterVertically) {
            Icon(Icons.Filled.Notifications, contentDescription = null)
            Text("${rule.times.joinToString(", ")} · ${ReminderDraft.daysText(rule.days)}", Modifier.weight(1f).padding(start = 8.dp))
            IconButton(onClick = { actions.onRemove(rule.id) }) {
                Icon(Icons.Filled.Delete, contentDescription = "${Strings.removeReminder}: $title")
            }
        }
        rule.quietHours?.let { Text(Strings.quiet(it.start, it.end), style = MaterialTheme.typography.bodySmall) }
        if (rule.skipIfDone) Text(Strings.skipIfDone, style = MaterialTheme.typography.bodySmall)
        val paused = rule.pausedUntil
        if (paused != null) {
            StatusLabel(Strings.pausedUntil(paused.toString()), Tone.INFO)
            OutlinedButton(onClick = { actions.onResume(rule.id) }, modifier = Modifier.semantics { contentDescription = Strings.resumeFor(title) }) {
                Text(Strings.resume)
            }
        } else {
            FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                OutlinedButton(onClick = { actions.onPauseWeek(rule.id) }, modifier = Modifier.semantics { contentDescription = Strings.pauseWeekFor(title) }) {
                    Text(Strings.pauseWeek)
                }
                OutlinedButton(
                    onClick = { actions.onChoosePauseDate(rule.id) },
                    modifier = Modifier.semantics {
                        contentDescription =
                            Strings.pauseUntilFor(title)
                    },
                ) {
                    Text(Strings.pauseUntil)
                }
            }
        }
    }
}

@Composable
private fun AddReminder(draft: ReminderDraft, actions: ReminderActions) {
    val edit = actions.onEditDraft
    SectionCard(Strings.addReminder) {
        Text(Strings.kind, style = MaterialTheme.typography.labelLarge)
        ChoiceChips(ActivityKind.entries, setOf(draft.kind), Strings::activityName) { k -> edit { it.copy(kind = k) } }
        OutlinedTextField(
            value = draft.time,
            onValueChange = { t -> edit { it.copy(time = t.take(5)) } },
            label = { Text(Strings.time) },
            singleLine = true,
            modifier = Modifier.fillMaxWidth(),
        )
        Text(Strings.onDays, style = MaterialTheme.typography.labelLarge)
        ChoiceChips(ReminderDraft.WEEK, draft.weekdays, { humanize(it.name) }) { day ->
            edit { it.copy(weekdays = if (day in it.weekdays) it.weekdays - day else it.weekdays + day) }
        }
        Text(ReminderDraft.daysText(draft.days), style = MaterialTheme.typography.bodySmall)
        LabelledCheckbox(Strings.skipIfDone, draft.skipIfDone) { on -> edit { it.copy(skipIfDone = on) } }
        Text(Strings.quietHours, style = MaterialTheme.typography.labelLarge)
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            OutlinedTextField(
                value = draft.quietStart,
                onValueChange = { t -> edit { it.copy(quietStart = t.take(5)) } },
                label = { Text(Strings.quietFrom) },
                singleLine = true,
                modifier = Modifier.weight(1f),
            )
            OutlinedTextField(
                value = draft.quietEnd,
                onValueChange = { t -> edit { it.copy(quietEnd = t.take(5)) } },
                label = { Text(Strings.quietTo) },
                singleLine = true,
                modifier = Modifier.weight(1f),
            )
        }
        Text(Strings.quietExplain, style = MaterialTheme.typography.bodySmall)
        Button(onClick = actions.onAdd, enabled = draft.weekdays.isNotEmpty()) { Text(Strings.addReminder) }
    }
}

/** Collects [viewModel]; the permission actions go to the platform (MainActivity). */
@Composable
fun ReminderSettingsRoute(viewModel: ReminderSettingsViewModel, padding: PaddingValues, onAskNotifications: () -> Unit, onOpenSystemSettings: () -> Unit) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    // The view model decides when asking makes sense (a reminder exists, never at launch).
    LaunchedEffect(state.requestNotificationPermission) {
        if (state.requestNotificationPermission) {
            viewModel.notificationRequestHandled() // consumed first: a rotation never asks twice
            onAskNotifications()
        }
    }
    ReminderSettingsScreen(
        state,
        padding,
        ReminderActions(
            onEditDraft = viewModel::editDraft,
            onAdd = viewModel::addDraft,
            onRemove = { viewModel.remove(it) },
            onPauseWeek = { viewModel.pauseFor(it, 7) },
            onChoosePauseDate = viewModel::choosePauseDate,
            onPauseUntil = viewModel::pause,
            onCancelPauseDate = viewModel::cancelPauseDate,
            onResume = { viewModel.resume(it) },
            onAskNotifications = onAskNotifications,
            onOpenSystemSettings = onOpenSystemSettings,
            onDismissError = viewModel::dismissError,
        ),
    )
}
