package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.size
import androidx.compose.material3.Button
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.resetcompanion.core.model.PracticeTechnique
import app.resetcompanion.presentation.BellNotice
import app.resetcompanion.presentation.MeditationTimerViewModel
import app.resetcompanion.presentation.MeditationUiState
import app.resetcompanion.presentation.TimerPhase

// The meditation timer: choose a technique and length, then a ring counts down. Timing comes
// from the view model's injected clock; logging the session (and so the practice summary and
// habit strength) is the core's job.

/** Lengths offered, in minutes. */
val TIMER_CHOICES = listOf(3, 5, 10, 15, 20)

/** The timer's intents. */
data class MeditationActions(
    val onTechnique: (PracticeTechnique) -> Unit = {},
    val onMinutes: (Int) -> Unit = {},
    val onStart: () -> Unit = {},
    val onPause: () -> Unit = {},
    val onResume: () -> Unit = {},
    val onStop: () -> Unit = {},
    val onReset: () -> Unit = {},
    val onDismissError: () -> Unit = {},
    /** The system notification dialog (the bell shows as a notification). */
    val onAskNotifications: () -> Unit = {},
    /** The app's notification or exact-alarm settings page. */
    val onOpenSettings: () -> Unit = {},
)

/** `mm:ss` for [millis], rounded up so "0:00" only shows at the end. */
fun clockText(millis: Long): String {
    val s = (millis + 999) / 1000
    return "%d:%02d".format(s / 60, s % 60)
}

/**
 * What TalkBack hears: whole minutes left, rounded up ("5 minutes remaining"), so the polite
 * live region speaks once a minute, not every second (review A11); the last minute is one phrase.
 */
fun spokenRemaining(millis: Long): String {
    val minutes = (millis + 59_999) / 60_000
    return when {
        millis <= 0 -> Strings.timeUp
        minutes <= 1 -> Strings.lastMinute
        else -> Strings.remaining("$minutes minutes")
    }
}

/** The stateless timer. */
@Composable
fun MeditationScreen(state: MeditationUiState, padding: PaddingValues, actions: MeditationActions) {
    ScreenColumn(padding) {
        ErrorBanner(state.error, actions.onDismissError)
        if (state.phase == TimerPhase.SETUP) {
            Text(Strings.technique, style = MaterialTheme.typography.titleMedium)
            ChoiceChips(PracticeTechnique.entries, setOf(state.technique), { humanize(it.name) }, actions.onTechnique)
            Text(Strings.length, style = MaterialTheme.typography.titleMedium)
            ChoiceChips(TIMER_CHOICES, setOf(state.plannedMinutes), Strings::minutesChoice, actions.onMinutes)
            BellNoticeRow(state.bell, actions)
        }
        val remaining = clockText(state.remainingMillis)
        Box(Modifier.fillMaxWidth(), contentAlignment = Alignment.Center) {
            CircularProgressIndicator(
                progress = { 1f - state.fraction },
                // Decorative: the time left is read once, from the text below.
                modifier = Modifier.size(220.dp).clearAndSetSemantics { },
                strokeWidth = 10.dp,
            )
            // Announced politely, and only when the whole minutes change (review A11).
            val spoken = spokenRemaining(state.remainingMillis)
            Text(
                remaining,
                style = MaterialTheme.typography.displayMedium,
                modifier = Modifier.clearAndSetSemantics {
                    contentDescription = spoken
                    liveRegion = LiveRegionMode.Polite
                },
            )
        }
        Text(humanize(state.technique.name), style = MaterialTheme.typography.titleMedium)
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            when (state.phase) {
                TimerPhase.SETUP -> Button(onClick = actions.onStart) { Text(Strings.startTimer) }
                TimerPhase.RUNNING -> {
                    Button(onClick = actions.onPause) { Text(Strings.pauseTimer) }
                    OutlinedButton(onClick = actions.onStop) { Text(Strings.stopTimer) }
                }
                TimerPhase.PAUSED -> {
                    Button(onClick = actions.onResume) { Text(Strings.resumeTimer) }
                    OutlinedButton(onClick = actions.onStop) { Text(Strings.stopTimer) }
                }
                TimerPhase.FINISHED -> OutlinedButton(onClick = actions.onReset) { Text(Strings.anotherSession) }
            }
        }
        state.logged?.let { StatusLabel(Strings.loggedSession(it.actualMinutes), Tone.SUCCESS) }
        if (state.tooShortToLog) StatusLabel(Strings.tooShort, Tone.INFO)
    }
}

/** Whether the bell will reach the person with the screen off, and what helps (review 3, F4). */
@Composable
private fun BellNoticeRow(bell: BellNotice, actions: MeditationActions) {
    val (text, action) = when (bell) {
        BellNotice.NONE -> return
        BellNotice.ASK_NOTIFICATIONS -> Strings.bellAsk to (Strings.noticeAskAction to actions.onAskNotifications)
        BellNotice.NOTIFICATIONS_OFF -> Strings.bellOff to (Strings.noticeBlockedAction to actions.onOpenSettings)
        BellNotice.MAY_BE_LATE -> Strings.bellLate to (Strings.bellLateAction to actions.onOpenSettings)
    }
    StatusLabel(text, Tone.INFO)
    TextButton(onClick = action.second) { Text(action.first) }
}

/** Collects [viewModel]; [onAskNotifications] and [onOpenSettings] are the platform's. */
@Composable
fun MeditationRoute(
    viewModel: MeditationTimerViewModel,
    padding: PaddingValues,
    onAskNotifications: () -> Unit = {},
    onOpenSettings: () -> Unit = {},
    onLeave: () -> Unit = {},
) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    if (state.leaveAsked) {
        ConfirmDialog(
            question = Strings.leaveSessionQuestion,
            explain = Strings.leaveSessionExplain(state.wholeMinutesDone),
            confirm = Strings.leaveSessionConfirm,
            onConfirm = {
                viewModel.keepGoing()
                onLeave()
            },
            onDismiss = viewModel::keepGoing,
            dismiss = Strings.keepGoing,
        )
    }
    LaunchedEffect(state.requestNotificationPermission) {
        if (state.requestNotificationPermission) {
            viewModel.notificationRequestHandled()
            onAskNotifications()
        }
    }
    LaunchedEffect(state.phase) { viewModel.endSeen() }
    MeditationScreen(
        state,
        padding,
        MeditationActions(
            viewModel::setTechnique,
            viewModel::setMinutes,
            viewModel::start,
            viewModel::pause,
            viewModel::resume,
            viewModel::stop,
            viewModel::reset,
            viewModel::dismissError,
            onAskNotifications,
            onOpenSettings,
        ),
    )
}
