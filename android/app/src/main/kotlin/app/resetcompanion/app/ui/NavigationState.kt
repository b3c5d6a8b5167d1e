package app.resetcompanion.app.ui

import androidx.lifecycle.SavedStateHandle
import androidx.lifecycle.ViewModel
import app.resetcompanion.core.model.JournalKind
import app.resetcompanion.presentation.ScreenMemory

// What survives: the navigator and its entries' view models live in a ViewModel, so rotation
// keeps the screen, its state and its running work (a meditation timer) and nothing leaks; the
// stack itself is saved as route strings in a SavedStateHandle, so after process death the
// person comes back to the screen they left. A file picker opened for a restore is remembered
// the same way: its result may arrive in a new activity, or a new process.

/** A destination as a string: `today`, `thought-record/<entryId>`, `programme-step/<stepId>`… */
val Destination.route: String
    get() = when (this) {
        Destination.Today -> "today"
        Destination.CheckIn -> "checkin"
        Destination.Journal -> "journal"
        is Destination.ThoughtRecord -> withArg("thought-record", entryId)
        is Destination.Assessment -> withArg("assessment", instrument)
        Destination.Programmes -> "programmes"
        is Destination.ProgrammeStep -> withArg("programme-step", stepId)
        is Destination.Meditation -> withArg("meditation", stepId)
        Destination.Reminders -> "reminders"
        Destination.Export -> "export"
        Destination.Backup -> "backup"
        Destination.Settings -> "settings"
        Destination.Crisis -> "crisis"
        Destination.Insights -> "insights"
        Destination.CheckInHistory -> "checkin-history"
        Destination.AssessmentHistory -> "assessment-history"
        Destination.Practice -> "practice"
        Destination.SafetyPlan -> "safety-plan"
        Destination.SafetyPlanEdit -> "safety-plan-edit"
        Destination.SafetyPlanHistory -> "safety-plan-history"
        Destination.AppLock -> "app-lock"
        Destination.AutoBackup -> "auto-backup"
        Destination.Privacy -> "privacy"
        is Destination.JournalEntry -> "journal-entry/${kind.name.lowercase()}${entryId?.let { ":$it" } ?: ""}"
    }

private fun withArg(name: String, arg: String?) = if (arg == null) name else "$name/$arg"

/** The destination a [route] names, or null for one this build doesn't know. */
fun destinationFromRoute(route: String): Destination? {
    val name = route.substringBefore('/')
    val arg = route.substringAfter('/', "").ifEmpty { null }
    return when (name) {
        "today" -> Destination.Today
        "checkin" -> Destination.CheckIn
        "journal" -> Destination.Journal
        "thought-record" -> Destination.ThoughtRecord(arg)
        "assessment" -> Destination.Assessment(arg)
        "programmes" -> Destination.Programmes
        "programme-step" -> arg?.let { Destination.ProgrammeStep(it) }
        "meditation" -> Destination.Meditation(arg)
        "reminders" -> Destination.Reminders
        "export" -> Destination.Export
        "backup" -> Destination.Backup
        "settings" -> Destination.Settings
        "crisis" -> Destination.Crisis
        "insights" -> Destination.Insights
        "checkin-history" -> Destination.CheckInHistory
        "assessment-history" -> Destination.AssessmentHistory
        "practice" -> Destination.Practice
        "safety-plan" -> Destination.SafetyPlan
        "safety-plan-edit" -> Destination.SafetyPlanEdit
        "safety-plan-history" -> Destination.SafetyPlanHistory
        "app-lock" -> Destination.AppLock
        "auto-backup" -> Destination.AutoBackup
        "privacy" -> Destination.Privacy
        "journal-entry" -> arg?.let { a ->
            val kind = JournalKind.entries.firstOrNull { it.name.equals(a.substringBefore(':'), ignoreCase = true) } ?: return null
            Destination.JournalEntry(kind, a.substringAfter(':', "").ifEmpty { null })
        }
        else -> null
    }
}

/** Holds the app's [navigator] across configuration changes and process death. */
class NavigationViewModel(private val handle: SavedStateHandle) : ViewModel() {
    /** The back stack, restored from [handle] when the process was recreated. */
    val navigator: AppNavigator = AppNavigator(saved = handle.get<List<String>>(STACK), memoryFor = {
        HandleMemory(handle, "$MEMORY_PREFIX$it.")
    }).also { nav ->
        nav.onChanged = { handle[STACK] = ArrayList(it) }
        handle[STACK] = ArrayList(nav.saved())
    }

    /**
     * The backup file picker is open for a restore: its result goes to the Backup screen's view
     * model even if the activity, or the process, was recreated meanwhile.
     */
    var restorePickerOpen: Boolean
        get() = handle[PICKER] ?: false
        set(value) {
            handle[PICKER] = value
        }

    override fun onCleared() = navigator.clearAll()

    private companion object {
        const val STACK = "nav.stack"
        const val PICKER = "nav.restorePickerOpen"
    }
}

private const val MEMORY_PREFIX = "nav.memory."

/**
 * The most characters every screen's memory may hold together (UTF-16: about 200 KB in the
 * saved-state Parcel), so several drafts on one stack can't push the task's saved state towards
 * Android's 1 MB transaction limit (review 3, F6). A write past it keeps the old value.
 */
const val MAX_SAVED_CHARS = 100_000

/** One entry's [ScreenMemory]: string values under its own prefix in the navigation's SavedStateHandle. */
private class HandleMemory(private val handle: SavedStateHandle, private val prefix: String) : ScreenMemory {
    override fun get(key: String): String? = handle[prefix + key]

    override fun set(key: String, value: String?) {
        if (value == null) {
            handle.remove<String>(prefix + key)
            return
        }
        val others = handle.keys().filter { it.startsWith(MEMORY_PREFIX) && it != prefix + key }.sumOf { handle.get<String>(it)?.length ?: 0 }
        if (others + value.length > MAX_SAVED_CHARS) return
        handle[prefix + key] = value
    }

    override fun clear() = handle.keys().filter { it.startsWith(prefix) }.forEach { handle.remove<String>(it) }
}
