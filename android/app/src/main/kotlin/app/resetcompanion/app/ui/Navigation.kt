package app.resetcompanion.app.ui

import androidx.compose.runtime.Stable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateListOf
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import androidx.lifecycle.ViewModel
import androidx.lifecycle.ViewModelProvider
import androidx.lifecycle.ViewModelStore
import androidx.lifecycle.viewmodel.initializer
import androidx.lifecycle.viewmodel.viewModelFactory
import app.resetcompanion.core.model.JournalKind
import app.resetcompanion.presentation.ScreenMemory

// In-app navigation: a back stack of typed destinations, each entry owning a ViewModelStore so
// a screen's view model lives exactly as long as the screen is on the stack and is cleared
// (its coroutines cancelled) when popped. Decision: a small hand-rolled stack instead of
// Navigation Compose keeps the `ui` package on common Compose APIs (it renders on the JVM);
// The navigator lives in [NavigationViewModel] (NavigationState.kt): it survives rotation with its
// entries' view models, and its stack is saved as route strings for process death. MainActivity
// forwards the system back gesture to [AppNavigator.back] only while there is somewhere to go
// back to, so the system's predictive back-to-home animation works at the root.

/** Where the app can go. Top-level tabs have no arguments; flows carry what they open. */
sealed interface Destination {
    /** Shown in the top bar. */
    val title: String

    /**
     * Whether the screen shows a person's own data (moods, notes, answers, progress, the backup
     * passphrase): then FLAG_SECURE keeps it out of screenshots and the Recents thumbnail. The
     * journal, thought-record and questionnaire screens set it themselves.
     */
    val showsPersonalData: Boolean get() = this in personal

    data object Today : Destination {
        override val title = Strings.tabToday
    }
    data object CheckIn : Destination {
        override val title = Strings.checkInTitle
    }
    data object Journal : Destination {
        override val title = Strings.journalTitle
    }
    data class ThoughtRecord(val entryId: String? = null) : Destination {
        override val title = Strings.thoughtRecordTitle
        override val showsPersonalData get() = true
    }
    data class Assessment(val instrument: String? = null) : Destination {
        override val title = Strings.assessmentTitle
        override val showsPersonalData get() = true
    }
    data object Programmes : Destination {
        override val title = Strings.programmesTitle
    }
    data class ProgrammeStep(val stepId: String) : Destination {
        override val title = Strings.programmeCardTitle
        override val showsPersonalData get() = true
    }
    data class Meditation(val stepId: String? = null) : Destination {
        override val title = Strings.meditationTitle
        override val showsPersonalData get() = true
    }
    data object Reminders : Destination {
        override val title = Strings.remindersTitle
    }
    data object Export : Destination {
        override val title = Strings.exportTitle
    }
    data object Backup : Destination {
        override val title = Strings.backupTitle
    }
    data object Settings : Destination {
        override val title = Strings.settingsTitle
    }
    data object Crisis : Destination {
        override val title = Strings.crisisTitle
    }
    data object Insights : Destination {
        override val title = Strings.insightsTitle
    }
    data object CheckInHistory : Destination {
        override val title = Strings.checkInHistoryTitle
    }
    data object AssessmentHistory : Destination {
        override val title = Strings.assessmentHistoryTitle
    }
    data object Practice : Destination {
        override val title = Strings.practiceTitle
    }

    /** The person's safety plan (issue 20), read in full with the crisis lines under step 5. */
    data object SafetyPlan : Destination {
        override val title = Strings.safetyPlanTitle
    }
    data object SafetyPlanEdit : Destination {
        override val title = Strings.safetyPlanEditTitle
    }
    data object SafetyPlanHistory : Destination {
        override val title = Strings.safetyPlanHistoryTitle
    }

    /** How the app uses a person's data (also what Health Connect's privacy link shows). */
    data object Privacy : Destination {
        override val title = Strings.privacyTitle
    }

    /** Automatic backups (issue 21): on/off, status, the recovery-key ceremony. Secure: the key is shown here. */
    data object AutoBackup : Destination {
        override val title = AutoBackupStrings.title
        override val showsPersonalData get() = true
    }

    /** The app lock's settings. */
    data object AppLock : Destination {
        override val title = Strings.appLockTitle
    }

    /** A new entry of [kind] (free, gratitude, worry, exposure, activity), or the saved entry [entryId]. */
    data class JournalEntry(val kind: JournalKind = JournalKind.FREE, val entryId: String? = null) : Destination {
        override val title = Strings.journalEntryTitle
        override val showsPersonalData get() = true
    }

    companion object {
        /**
         * The bottom-bar tabs, in order. Lazy: `Destination` has a default method, so
         * initialising `Today` initialises this interface first (JVMS §5.5) — an eager list
         * would capture a not-yet-created `Today` as null.
         */
        val tabs: List<Destination> by lazy { listOf(Today, Journal, Programmes, Settings) }

        // Programmes (the catalogue), Settings, the app lock and Crisis show nothing personal: a
        // person may want to screenshot a crisis line. The crisis screen secures itself while it
        // shows the person's safety plan below the lines.
        private val personal: Set<Destination>
            get() = setOf(
                Today, CheckIn, Journal, Reminders, Export, Backup, Insights, CheckInHistory, AssessmentHistory, Practice,
                SafetyPlan, SafetyPlanEdit, SafetyPlanHistory,
            )
    }
}

/** One screen on the stack and the view models it owns. */
class NavEntry internal constructor(
    val destination: Destination,
    /** Unique per entry: the key for its saved UI state. */
    val id: String,
    /** The screen's values that outlive its process (a running session, a draft); forgotten when it leaves the stack. */
    val memory: ScreenMemory = ScreenMemory.InMemory(),
) {
    @PublishedApi
    internal val viewModels = ViewModelStore()

    /**
     * Asked before Back pops this screen: true means it used Back up (e.g. the timer asks before
     * ending a session, review 3, F6). Set while the screen is composed.
     */
    var backGuard: (() -> Boolean)? = null

    /** The entry's view model of type [T], created by [create] the first time. */
    inline fun <reified T : ViewModel> viewModel(noinline create: () -> T): T =
        ViewModelProvider.create(viewModels, viewModelFactory { initializer { create() } })[T::class]
}

/**
 * The back stack. Starts on Today (or on [saved], a stack from [saved]); switching tabs resets
 * the stack to that tab.
 */
@Stable
class AppNavigator(
    start: Destination = Destination.Today,
    saved: List<String>? = null,
    /** Each entry's [NavEntry.memory] by its id (NavigationViewModel: its SavedStateHandle). */
    private val memoryFor: (String) -> ScreenMemory = { ScreenMemory.InMemory() },
) {
    private var nextId = 0
    private val stack = mutableStateListOf<NavEntry>().apply { addAll(restore(saved) ?: listOf(entry(start))) }

    /** Told when an entry leaves the stack for good (ResetApp drops its saved UI state). */
    var onPopped: (NavEntry) -> Unit = {}

    /** Told after every change, with [saved] (NavigationViewModel writes it to its SavedStateHandle). */
    var onChanged: (List<String>) -> Unit = {}

    private fun entry(d: Destination) = "entry-${nextId++}".let { id -> NavEntry(d, id, memoryFor(id).also { it.clear() }) }

    private fun restore(saved: List<String>?): List<NavEntry>? {
        val entries = saved.orEmpty().mapNotNull { line ->
            val (id, route) = line.split('|', limit = 2).takeIf { it.size == 2 } ?: return@mapNotNull null
            destinationFromRoute(route)?.let { NavEntry(it, id, memoryFor(id)) }
        }
        nextId = entries.maxOfOrNull { it.id.removePrefix("entry-").toIntOrNull() ?: 0 }?.plus(1) ?: 0
        return entries.takeIf { it.isNotEmpty() }
    }

    /** The stack as strings (`entry-3|thought-record/e1`): what survives process death. */
    fun saved(): List<String> = stack.map { "${it.id}|${it.destination.route}" }

    private fun changed() = onChanged(saved())

    private fun pop(e: NavEntry) {
        e.viewModels.clear()
        e.memory.clear()
        onPopped(e)
    }

    /** Clears every entry's view models (the activity finished for good). */
    fun clearAll() = stack.forEach { it.viewModels.clear() }

    /** The screen on top. */
    val current: NavEntry get() = stack.last()

    /**
     * True while the app lock covers the stack: Back must never pop the hidden screens (their
     * drafts, a running session) behind the lock (review 3, F1). [ResetApp] keeps it in step.
     */
    var covered: Boolean by mutableStateOf(false)

    /** The profile replacements (`AppGraph.profileReplacements`) already renewed: rotation doesn't renew twice. */
    var profileReplacementsSeen: Int = 0

    /** While [covered]: where Back goes instead (the locked crisis page back to the lock page); null: to the system. */
    var coverBack: (() -> Unit)? by mutableStateOf(null)

    /** Whether [back] would do anything (otherwise the system closes the app). */
    val canGoBack: Boolean get() = if (covered) coverBack != null else stack.size > 1

    /** The tab the current stack belongs to. */
    val currentTab: Destination get() = stack.first().destination

    /** Opens [destination] on top of the current screen. */
    fun navigate(destination: Destination) {
        stack.add(entry(destination))
        changed()
    }

    /**
     * Pops the top screen, clearing its view models; false when already at the root or while
     * [covered]. The top screen's [NavEntry.backGuard] may use Back up first, unless [force]d
     * (the person already answered the screen's question).
     */
    fun back(force: Boolean = false): Boolean {
        if (covered) {
            return coverBack?.let {
                it()
                true
            } ?: false
        }
        if (stack.size <= 1) return false
        if (!force && current.backGuard?.invoke() == true) return true
        pop(stack.removeAt(stack.lastIndex))
        changed()
        return true
    }

    /**
     * Opens [destination] as if the person had walked there: a tab replaces the stack; any
     * other screen opens over Today (or its own tab), so back leads somewhere sensible.
     */
    fun open(destination: Destination) {
        if (destination in Destination.tabs) return selectTab(destination)
        val tab = if (destination is Destination.ProgrammeStep) Destination.Programmes else Destination.Today
        selectTab(tab)
        navigate(destination)
    }

    /**
     * Follows a link (a reminder tapped, or another app's `resetcompanion://` intent) without ever
     * discarding a screen in progress (review 2, B10): nothing happens when [destination] is already
     * on top; a stack that is a single tab (a tab's root holds no draft) is reset as [open] does;
     * otherwise [destination] is pushed over the current screen, which stays below with its unsaved
     * text, running session or answers.
     */
    fun follow(destination: Destination) {
        if (current.destination.sameScreenAs(destination)) return
        // Already on the stack: brought to the top with its state instead of a second copy, so
        // another app's links can't grow the stack, and the end-of-practice notification returns
        // to the timer it belongs to, whatever step it was for (review 3, F4 and F6).
        stack.drop(1).lastOrNull { it.destination.sameScreenAs(destination) }?.let { existing ->
            // never the tab at the root
            stack.remove(existing)
            stack.add(existing)
            return changed()
        }
        if (stack.size == 1) return open(destination)
        navigate(destination)
    }

    // A link names a screen, not its arguments: any timer is "the timer".
    private fun Destination.sameScreenAs(other: Destination) = this == other || (this is Destination.Meditation && other is Destination.Meditation)

    /**
     * The data under every screen but [keep] was replaced (a backup restored): each of them is
     * replaced by a fresh entry for the same destination, in the same place, so its view model
     * reads the restored profile (review 2, B7). Their unsaved drafts went with the old data.
     */
    fun renewAllBut(keep: NavEntry?) {
        val renewed = stack.map { old ->
            if (old === keep) {
                old
            } else {
                pop(old)
                entry(old.destination)
            }
        }
        stack.clear()
        stack.addAll(renewed)
        changed()
    }

    /** Switches to a tab, clearing everything above it. */
    fun selectTab(tab: Destination) {
        if (stack.size == 1 && stack[0].destination == tab) return
        stack.forEach(::pop)
        stack.clear()
        stack.add(entry(tab))
        changed()
    }

    /** The newest entry showing [destination], if any (a picker's result goes to its screen). */
    fun entryFor(destination: Destination): NavEntry? = stack.lastOrNull { it.destination == destination }
}

/**
 * The screen a reminder's deep link (`resetcompanion://<host>`, from the core) opens, or null
 * for an unknown host (the app then opens where it was).
 */
fun destinationForDeepLink(host: String?): Destination? = when (host) {
    "meditation" -> Destination.Meditation()
    "checkin" -> Destination.CheckIn
    "journal" -> Destination.Journal
    "programme" -> Destination.Today // Today shows the programme's step for the day
    "assessment" -> Destination.Assessment()
    else -> null
}
