package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.List
import androidx.compose.material.icons.filled.Create
import androidx.compose.material.icons.filled.Home
import androidx.compose.material.icons.filled.Settings
import androidx.compose.material3.Icon
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.key
import androidx.compose.runtime.remember
import androidx.compose.runtime.saveable.rememberSaveableStateHolder
import androidx.compose.ui.platform.LocalUriHandler
import androidx.compose.ui.text.style.TextOverflow
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.resetcompanion.core.model.JournalKind
import app.resetcompanion.presentation.AppGraph
import app.resetcompanion.presentation.AppLockViewModel
import app.resetcompanion.presentation.AutoBackupRestoreViewModel
import app.resetcompanion.presentation.BackupViewModel
import app.resetcompanion.presentation.SecureWindow
import app.resetcompanion.presentation.ShareRequest

// The app's root composable: theme, bottom tabs, the back stack and one route per destination.
// Android's MainActivity calls it (edge-to-edge, back gesture → navigator.back()); the JVM
// harness calls it over a real store in a temp folder. Every view model comes from [AppGraph].

/** What only the platform can do, handed in by MainActivity (the harness passes no-ops). */
data class PlatformActions(
    /** Show the share sheet for a written export or backup (Android: FileProvider + ACTION_SEND). */
    val share: (ShareRequest) -> Unit = {},
    /** Show the system POST_NOTIFICATIONS dialog; then call the reminders view model's `onPermissionsChanged`. */
    val askNotifications: () -> Unit = {},
    /** Open the app's notification / alarm settings page. */
    val openSystemSettings: () -> Unit = {},
    /** Let the person pick a backup file; copy it locally and call `chooseRestoreFile` on the view model. */
    val pickBackupFile: (BackupViewModel) -> Unit = {},
    /**
     * Opens a number from a crisis line or a safety-plan contact: `tel:` in the dialler
     * (ACTION_DIAL), `smsto:`/`sms:` in a new message (ACTION_SENDTO). Returns false when no
     * app took it: the app then shows the number (review 2, B2). Null: the URI handler.
     */
    val contact: ((String) -> Boolean)? = null,
    /**
     * The device owner's check before the recovery key is shown again or replaced (issue 21):
     * BiometricPrompt with the screen lock as fallback; false when refused or there is no screen lock.
     */
    val authenticateOwner: suspend () -> Boolean = { false },
)

/**
 * The whole app. [navigator] is passed in so the Activity can route the back gesture to it;
 * [lock] is the app-wide app lock (null: no lock, e.g. previews): while it is locked only the
 * lock screen, the crisis lines and (if chosen) the safety plan are composed.
 */
@Composable
fun ResetApp(
    graph: AppGraph,
    secureWindow: SecureWindow,
    navigator: AppNavigator = remember { AppNavigator() },
    platform: PlatformActions = PlatformActions(),
    dark: Boolean? = null,
    lock: AppLockViewModel? = null,
    restoreOffer: AutoBackupRestoreViewModel? = null,
) {
    val theme: @Composable (@Composable () -> Unit) -> Unit = { content ->
        if (dark == null) ResetTheme(content = content) else ResetTheme(dark = dark, content = content)
    }
    val saved = rememberSaveableStateHolder()
    navigator.onPopped = { saved.removeState(it.id) }
    // A restore replaced the whole profile (review 2, B7), wherever the person is now (review 3,
    // F5): the lock follows the backup's settings, and every screen starts again over the restored
    // data — except the Backup screen, if still open, which says what was restored.
    val replaced by graph.profileReplacements.collectAsStateWithLifecycle()
    LaunchedEffect(replaced) {
        if (replaced == navigator.profileReplacementsSeen) return@LaunchedEffect
        navigator.profileReplacementsSeen = replaced
        lock?.reload()
        navigator.renewAllBut(navigator.entryFor(Destination.Backup))
    }
    theme {
        val uri = LocalUriHandler.current
        val contact = rememberContactOpener(platform.contact ?: { runCatching { uri.openUri(it) }.isSuccess })
        if (lock != null) {
            val lockState by lock.state.collectAsStateWithLifecycle()
            // With the lock on, every screen is kept out of the app switcher's snapshot.
            if (lockState.enabled || lockState.loading) SecureWhileShown(secureWindow)
            // While covered, Back never reaches the hidden stack (review 3, F1).
            val covered = !lockState.contentVisible
            DisposableEffect(navigator, covered) {
                navigator.covered = covered
                onDispose { navigator.covered = false }
            }
            // Reading the lock settings takes milliseconds: nothing is shown meanwhile (neither the
            // person's data nor a "locked" title a person without the lock would wonder about).
            if (lockState.loading) return@theme
            if (!lockState.contentVisible) {
                LockedApp(lockState, lock, graph, contact) { navigator.coverBack = it }
                return@theme
            }
        }
        // A fresh profile and automatic backups brought back by Android's backup: the offer
        // comes before the app (issue 21).
        if (restoreOffer != null) {
            val offer by restoreOffer.state.collectAsStateWithLifecycle()
            LaunchedEffect(restoreOffer) { restoreOffer.check() }
            if (offer.shown) {
                AutoBackupRestoreOffer(restoreOffer, graph, secureWindow, contact)
                return@theme
            }
        }
        val entry = navigator.current
        val destination = entry.destination
        val isTab = destination in Destination.tabs
        ResetScaffold(
            title = destination.title,
            onCrisis = { if (destination != Destination.Crisis) navigator.navigate(Destination.Crisis) },
            onBack = if (navigator.canGoBack) ({ navigator.back() }) else null,
            bottomBar = { if (isTab) TabBar(navigator) },
        ) { padding ->
            // A fresh composition per entry, so each screen's effects (FLAG_SECURE) start and end with
            // it; its saved UI state (scroll, fields) survives while a screen above it is shown.
            key(entry) { saved.SaveableStateProvider(entry.id) { Route(entry, graph, secureWindow, navigator, platform, padding, lock, contact) } }
        }
    }
}

@Composable
private fun Route(
    entry: NavEntry,
    graph: AppGraph,
    secureWindow: SecureWindow,
    nav: AppNavigator,
    platform: PlatformActions,
    padding: PaddingValues,
    lock: AppLockViewModel?,
    contact: (String) -> Unit,
) {
    val uri = LocalUriHandler.current
    val openUri: (String) -> Unit = { runCatching { uri.openUri(it) } }
    // The journal, thought-record and questionnaire routes hold FLAG_SECURE themselves.
    val securesItself = entry.destination.let { it is Destination.Journal || it is Destination.ThoughtRecord || it is Destination.Assessment }
    if (entry.destination.showsPersonalData && !securesItself) SecureWhileShown(secureWindow)
    when (val d = entry.destination) {
        Destination.Today -> TodayRoute(
            entry.viewModel { graph.today() },
            padding,
            TodayActions(
                onCheckIn = { nav.navigate(Destination.CheckIn) },
                onOpenStep = { nav.navigate(Destination.ProgrammeStep(it)) },
                onBrowseProgrammes = { nav.selectTab(Destination.Programmes) },
                onPractice = { nav.navigate(Destination.Meditation()) },
                onAssessment = { nav.navigate(Destination.Assessment(it)) },
                onOpen = nav::navigate,
            ),
        )
        Destination.CheckIn -> CheckInRoute(entry.viewModel { graph.checkIn() }, padding) { nav.back() }
        Destination.Journal -> JournalRoute(
            entry.viewModel { graph.journal() },
            secureWindow,
            padding,
            onOpen = { id, kind ->
                nav.navigate(if (kind == JournalKind.THOUGHT) Destination.ThoughtRecord(id) else Destination.JournalEntry(kind, id))
            },
            onNew = { kind -> nav.navigate(if (kind == JournalKind.THOUGHT) Destination.ThoughtRecord() else Destination.JournalEntry(kind)) },
        )
        is Destination.ThoughtRecord -> ThoughtRecordRoute(
            entry.viewModel {
                graph.thoughtRecord(d.entryId, entry.memory)
            },
            secureWindow,
            padding,
        ) { nav.back() }
        is Destination.Assessment -> AssessmentRoute(entry.viewModel { graph.assessment(d.instrument) }, secureWindow, padding, contact) {
            nav.navigate(Destination.SafetyPlan)
        }
        Destination.Programmes -> ProgrammesRoute(entry.viewModel { graph.programmes() }, padding) { nav.navigate(Destination.ProgrammeStep(it)) }
        is Destination.ProgrammeStep -> ProgrammeStepRoute(entry.viewModel { graph.programmeStep(d.stepId) }, padding) {
            nav.navigate(Destination.Meditation(d.stepId))
        }
        is Destination.Meditation -> {
            val timer = entry.viewModel { graph.meditation(d.stepId, entry.memory) }
            // Back mid-session asks before ending it (review 3, F6).
            DisposableEffect(entry, timer) {
                entry.backGuard = timer::askBeforeLeaving
                onDispose { entry.backGuard = null }
            }
            MeditationRoute(timer, padding, platform.askNotifications, platform.openSystemSettings) { nav.back(force = true) }
        }
        Destination.Reminders -> ReminderSettingsRoute(
            entry.viewModel { graph.reminders() },
            padding,
            platform.askNotifications,
            platform.openSystemSettings,
        )
        Destination.Export -> ExportRoute(entry.viewModel { graph.export() }, padding, platform.share)
        Destination.Backup -> BackupRoute(entry.viewModel { graph.backup() }, padding, platform.share, platform.pickBackupFile)
        Destination.Settings -> SettingsRoute(entry.viewModel { graph.settings() }, padding, nav::navigate, openUri)
        Destination.Crisis -> CrisisRoute(entry.viewModel { graph.crisis() }, padding, contact, secureWindow) {
            nav.navigate(Destination.SafetyPlanEdit)
        }
        Destination.Insights -> InsightsRoute(entry.viewModel { graph.insights() }, padding)
        Destination.CheckInHistory -> CheckInHistoryRoute(entry.viewModel { graph.checkInHistory() }, padding)
        Destination.AssessmentHistory -> AssessmentHistoryRoute(entry.viewModel { graph.assessmentHistory() }, padding)
        is Destination.JournalEntry -> JournalEntryRoute(entry.viewModel { graph.journalEntry(d.kind, d.entryId, entry.memory) }, padding) { nav.back() }
        Destination.SafetyPlan -> SafetyPlanRoute(
            entry.viewModel { graph.safetyPlan() },
            padding,
            SafetyPlanActions(
                onEdit = { nav.navigate(Destination.SafetyPlanEdit) },
                onHistory = { nav.navigate(Destination.SafetyPlanHistory) },
                onContact = contact,
            ),
        )
        Destination.SafetyPlanEdit -> SafetyPlanEditRoute(entry.viewModel { graph.safetyPlanEdit(entry.memory) }, padding) { nav.back() }
        Destination.SafetyPlanHistory -> SafetyPlanHistoryRoute(entry.viewModel { graph.safetyPlanHistory() }, padding, contact)
        Destination.AutoBackup -> {
            val autoBackup = entry.viewModel { graph.autoBackup(platform.authenticateOwner) }
            // Back mid-ceremony asks before leaving an unconfirmed key (review android4, F1).
            DisposableEffect(entry, autoBackup) {
                entry.backGuard = autoBackup::askBeforeLeaving
                onDispose { entry.backGuard = null }
            }
            AutoBackupRoute(autoBackup, padding) { nav.back(force = true) }
        }
        Destination.AppLock -> if (lock != null) AppLockSettingsRoute(lock, padding) else ScreenColumn(padding) { Text(Strings.noticeAuthUnavailable) }
        Destination.Privacy -> PrivacyScreen(padding)
        Destination.Practice -> PracticeRoute(entry.viewModel { graph.practice() }, padding) { nav.navigate(Destination.Meditation()) }
    }
}

@Composable
private fun TabBar(nav: AppNavigator) {
    NavigationBar {
        Destination.tabs.forEach { tab ->
            val icon = when (tab) {
                Destination.Today -> Icons.Filled.Home
                Destination.Journal -> Icons.Filled.Create
                Destination.Programmes -> Icons.AutoMirrored.Filled.List
                else -> Icons.Filled.Settings
            }
            NavigationBarItem(
                selected = nav.currentTab == tab,
                onClick = { nav.selectTab(tab) },
                // The label names the tab, so the icon is decorative.
                icon = { Icon(icon, contentDescription = null) },
                // One line at any font scale: a wrapped tab label breaks mid-word; TalkBack reads it whole.
                label = { Text(tab.title, maxLines = 1, overflow = TextOverflow.Ellipsis) },
            )
        }
    }
}
