package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Lock
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.lifecycle.ViewModel
import androidx.lifecycle.ViewModelProvider
import androidx.lifecycle.ViewModelStore
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.initializer
import androidx.lifecycle.viewmodel.viewModelFactory
import app.resetcompanion.core.model.LockPolicy
import app.resetcompanion.presentation.AppGraph
import app.resetcompanion.presentation.AppLockUiState
import app.resetcompanion.presentation.AppLockViewModel
import app.resetcompanion.presentation.LockNotice

// The app lock's screens (issue 20): what shows while locked — a lock screen with nothing of the
// person's data, the crisis action (crisis lines always, the safety plan only if the person
// chose so) — and the lock's settings. The decisions are AppLockViewModel's; the OS prompt is
// BiometricPrompt behind DeviceAuthenticator.

/** Test tag on the lock screen's root. */
const val LOCK_SCREEN_TAG = "lock-screen"

/** The stateless lock screen. [onPlan] is null when the plan stays behind the lock. */
@Composable
fun LockScreen(state: AppLockUiState, padding: PaddingValues, onUnlock: () -> Unit, onCrisis: () -> Unit, onPlan: (() -> Unit)?) {
    ScreenColumn(padding) {
        IconText(Icons.Filled.Lock, Strings.lockedExplain)
        LockNoticeText(state.notice)
        if (state.failedAttempts > 0) Text(Strings.failedAttempts(state.failedAttempts), style = MaterialTheme.typography.bodySmall)
        // Never disabled: a prompt that never showed must not leave the person without a way to
        // try again (review 2, B4 part 3); the view model ignores a double tap.
        Button(onClick = onUnlock) { ButtonLabel(Icons.Filled.Lock, Strings.unlock) }
        OutlinedButton(onClick = onCrisis) { Text(Strings.crisisAction) }
        onPlan?.let { OutlinedButton(onClick = it) { Text(Strings.safetyPlanLink) } }
    }
}

@Composable
private fun LockNoticeText(notice: LockNotice) {
    val (text, tone) = when (notice) {
        LockNotice.NONE -> return
        LockNotice.NO_DEVICE_CREDENTIAL -> Strings.noticeNoCredential to Tone.WARNING
        LockNotice.UNAVAILABLE -> Strings.noticeAuthUnavailable to Tone.WARNING
        LockNotice.CANCELLED -> Strings.noticeAuthCancelled to Tone.INFO
        LockNotice.FAILED -> Strings.noticeAuthFailed to Tone.WARNING
        LockNotice.LOCKED_OUT -> Strings.noticeLockedOut to Tone.WARNING
        LockNotice.NOT_SHOWN -> Strings.noticeAuthNotShown to Tone.INFO
    }
    StatusLabel(text, tone)
}

private enum class LockedPage { LOCK, CRISIS, PLAN }

/**
 * What the app shows while locked (or while the lock settings are still being read: a blank
 * frame). Its own three pages — lock, crisis lines, and the plan when allowed — with view
 * models that live only while locked. [onBackTarget] is told where the system Back goes: from
 * the crisis lines or the plan back to the lock page; from the lock page, null (the system's
 * own, leaving the app) — never into the hidden screens (review 3, F1).
 */
@Composable
fun LockedApp(state: AppLockUiState, lock: AppLockViewModel, graph: AppGraph, onContact: (String) -> Unit, onBackTarget: ((() -> Unit)?) -> Unit = {}) {
    var page by rememberSaveable { mutableStateOf(LockedPage.LOCK) }
    val store = remember { ViewModelStore() }
    DisposableEffect(Unit) { onDispose { store.clear() } }
    val shown = if (page == LockedPage.PLAN && !state.planReachable) LockedPage.LOCK else page
    DisposableEffect(shown) {
        onBackTarget(if (shown != LockedPage.LOCK) ({ page = LockedPage.LOCK }) else null)
        onDispose { onBackTarget(null) }
    }
    ResetScaffold(
        title = when (shown) {
            LockedPage.LOCK -> Strings.lockedTitle
            LockedPage.CRISIS -> Strings.crisisTitle
            LockedPage.PLAN -> Strings.safetyPlanTitle
        },
        onCrisis = { page = LockedPage.CRISIS },
        onBack = if (shown != LockedPage.LOCK) ({ page = LockedPage.LOCK }) else null,
    ) { padding ->
        if (state.loading) return@ResetScaffold
        when (shown) {
            LockedPage.LOCK -> LockScreen(
                state,
                padding,
                onUnlock = lock::unlock,
                onCrisis = { page = LockedPage.CRISIS },
                onPlan = if (state.planReachable) ({ page = LockedPage.PLAN }) else null,
            )
            LockedPage.CRISIS -> CrisisRoute(store.get { graph.crisis() }, padding, onContact, showPlan = state.planReachable)
            LockedPage.PLAN -> SafetyPlanRoute(store.get { graph.safetyPlan() }, padding, SafetyPlanActions(onContact = onContact), canEdit = false)
        }
    }
}

private inline fun <reified T : ViewModel> ViewModelStore.get(noinline create: () -> T): T =
    ViewModelProvider.create(this, viewModelFactory { initializer { create() } })[T::class]

/** The grace periods offered, in the order shown. */
private val POLICIES = listOf(
    LockPolicy.OFF,
    LockPolicy.IMMEDIATELY,
    LockPolicy.AFTER_ONE_MINUTE,
    LockPolicy.AFTER_FIVE_MINUTES,
    LockPolicy.AFTER_FIFTEEN_MINUTES,
)

/** How a policy is offered. */
fun policyLabel(p: LockPolicy): String = when (p) {
    LockPolicy.OFF -> Strings.appLockOff
    LockPolicy.IMMEDIATELY -> Strings.appLockImmediately
    LockPolicy.AFTER_ONE_MINUTE -> Strings.appLockAfter(1)
    LockPolicy.AFTER_FIVE_MINUTES -> Strings.appLockAfter(5)
    LockPolicy.AFTER_FIFTEEN_MINUTES -> Strings.appLockAfter(15)
}

/** The stateless lock settings: off or a grace period, and whether the plan shows while locked. */
@Composable
fun AppLockSettingsScreen(
    state: AppLockUiState,
    padding: PaddingValues,
    onPolicy: (LockPolicy) -> Unit,
    onPlanVisible: (Boolean) -> Unit,
    onLockNow: () -> Unit,
) {
    ScreenColumn(padding) {
        Text(Strings.appLockIntro, style = MaterialTheme.typography.bodyLarge)
        LockNoticeText(state.notice)
        if (state.loading) Loading()
        ChoiceChips(POLICIES, setOf(state.settings.policy), ::policyLabel) { onPolicy(it) }
        // Review 2, B8: "immediately" also locks after a trip through another app Reset opened.
        if (state.settings.policy == LockPolicy.IMMEDIATELY) Text(Strings.appLockImmediatelyNote, style = MaterialTheme.typography.bodySmall)
        LabelledSwitch(
            Strings.appLockPlanWhileLocked,
            state.settings.safetyPlanVisibleWhenLocked,
            { onPlanVisible(it) },
            note = Strings.appLockPlanWhileLockedNote,
        )
        Text(Strings.appLockChangeNeedsAuth, style = MaterialTheme.typography.bodySmall)
        if (state.enabled) OutlinedButton(onClick = onLockNow) { ButtonLabel(Icons.Filled.Lock, Strings.lockNow) }
    }
}

/** Collects the app-wide [lock]. */
@Composable
fun AppLockSettingsRoute(lock: AppLockViewModel, padding: PaddingValues) {
    val state by lock.state.collectAsStateWithLifecycle()
    AppLockSettingsScreen(state, padding, lock::choosePolicy, lock::setPlanVisibleWhenLocked, lock::lockNow)
}
