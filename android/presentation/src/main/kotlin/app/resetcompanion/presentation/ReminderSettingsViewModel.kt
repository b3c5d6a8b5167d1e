package app.resetcompanion.presentation

import androidx.lifecycle.viewModelScope
import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.QuietHours
import app.resetcompanion.core.model.ReminderDays
import app.resetcompanion.core.model.ReminderRule
import app.resetcompanion.core.reminders.addReminder
import app.resetcompanion.core.reminders.pauseReminder
import app.resetcompanion.core.reminders.reminders
import app.resetcompanion.core.reminders.removeReminder
import app.resetcompanion.core.reminders.resumeReminder
import app.resetcompanion.core.reminders.shouldRequestPostNotifications
import kotlinx.coroutines.launch
import java.time.LocalTime

/** What the reminder screen explains above the list, most important first. */
enum class PermissionNotice {
    /** Nothing to explain. */
    NONE,

    /** Reminders exist but notifications are off and can still be asked for: offer the dialog. */
    ASK_NOTIFICATIONS,

    /** Notifications were refused for good: only system settings can turn them on. */
    NOTIFICATIONS_BLOCKED,

    /** Notifications work, but without exact alarms a reminder can arrive some minutes late. */
    INEXACT_TIMING,
}

/** Reminder settings: the rules from the core and the two permission states explained. */
data class ReminderSettingsUiState(
    val loading: Boolean = true,
    val reminders: List<ReminderRule> = emptyList(),
    val permissions: PermissionSnapshot = PermissionSnapshot.ALL_GRANTED,
    val notice: PermissionNotice = PermissionNotice.NONE,
    /** Show the system `POST_NOTIFICATIONS` dialog now (asked with context, never at launch). */
    val requestNotificationPermission: Boolean = false,
    /** The "Add a reminder" form. */
    val draft: ReminderDraft = ReminderDraft(),
    /** The person's today (the core's date and zone): the pause picker offers the days after it. */
    val today: java.time.LocalDate? = null,
    /** The rule whose "Pause until…" date picker is open, or null. */
    val pausing: String? = null,
    val error: UiError? = null,
)

/** Adds, pauses and removes reminder rules; after each change the platform re-arms alarms. */
class ReminderSettingsViewModel(private val store: ResetStore, private val platform: PlatformHooks) :
    StoreViewModel<ReminderSettingsUiState>(ReminderSettingsUiState()) {
    init {
        refresh()
        viewModelScope.launch { platform.permissionChanges.collect { onPermissionsChanged() } }
    }

    /** Reloads rules and permission states (call on resume: the person may have been to Settings). */
    fun refresh() = launchCatching(::failed) {
        val rules = store.reminders()
        val today = store.today()
        update { decideHere(it.copy(loading = false, reminders = rules, today = today), platform.permissions()) }
    }

    /** The screen is showing the system dialog now: don't ask again (a rotation re-runs the effect). */
    fun notificationRequestHandled() {
        askedHere = true
        update { it.copy(requestNotificationPermission = false) }
    }

    /** The dialog was shown once from this screen: a swiped-away dialog is not shown again by itself (the notice's button still can). */
    private var askedHere = false

    private fun decideHere(s: ReminderSettingsUiState, p: PermissionSnapshot) =
        decide(s, p).let { if (askedHere) it.copy(requestNotificationPermission = false) else it }

    /** The permission dialog or the settings screen returned. */
    fun onPermissionsChanged() = launchCatching(::failed) {
        update { decideHere(it.copy(requestNotificationPermission = false), platform.permissions()) }
        platform.remindersChanged()
    }

    /**
     * Adds a rule at local wall-clock [times]. The core rejects an empty day set, a time inside
     * quiet hours or a duplicate, naming the field.
     */
    fun add(
        kind: ActivityKind,
        times: List<LocalTime>,
        days: ReminderDays = ReminderDays.Daily,
        skipIfDone: Boolean = true,
        quietHours: QuietHours? = null,
        label: String? = null,
    ) = mutate { store.addReminder(kind, times, days, skipIfDone, quietHours, label) }

    fun remove(id: String) = mutate { store.removeReminder(id) }

    /** Pauses a rule until the local day [until] (it fires again that day); closes the date picker. */
    fun pause(id: String, until: java.time.LocalDate) {
        update { it.copy(pausing = null) }
        mutate { store.pauseReminder(id, until) }
    }

    /** Opens the "Pause until…" date picker for the rule [id]. */
    fun choosePauseDate(id: String) = update { it.copy(pausing = id) }

    /** Closes the date picker without pausing. */
    fun cancelPauseDate() = update { it.copy(pausing = null) }

    /** Pauses a rule for [days] days from the person's today (the core's date and zone). */
    fun pauseFor(id: String, days: Long) = mutate {
        store.pauseReminder(id, store.today().plusDays(days))
    }

    /** Ends a pause: the rule fires again from its next time. */
    fun resume(id: String) = mutate { store.resumeReminder(id) }

    /** Changes the form (kind, time, days, skip-if-done, quiet hours). */
    fun editDraft(change: (ReminderDraft) -> ReminderDraft) = update { it.copy(draft = change(it.draft)) }

    /** Adds the form's rule; on success the form starts afresh, on a core error it is kept. */
    fun addDraft() {
        val d = current.draft
        val time = d.wallTime
        if (time == null || !d.quietHoursReadable) {
            val field = if (time == null) "times" else "quiet_hours"
            update { it.copy(error = UiError(ErrorKind.INVALID_INPUT, field, "expected a time of day HH:MM between 00:00 and 23:59")) }
            return
        }
        launchCatching(::failed) {
            store.addReminder(d.kind, listOf(time), d.days, d.skipIfDone, d.quietHours)
            val rules = store.reminders()
            update { decideHere(it.copy(reminders = rules, error = null, draft = ReminderDraft()), platform.permissions()) }
            platform.remindersChanged()
        }
    }

    fun dismissError() = update { it.copy(error = null) }

    private fun mutate(call: suspend () -> Unit) = launchCatching(::failed) {
        call()
        val rules = store.reminders()
        val today = store.today()
        update { decideHere(it.copy(reminders = rules, today = today, error = null), platform.permissions()) }
        platform.remindersChanged()
    }

    private fun failed(s: ReminderSettingsUiState, e: UiError) = s.copy(loading = false, error = e)

    companion object {
        /** The notice and whether to ask, from the rules and the permission states. */
        fun decide(s: ReminderSettingsUiState, p: PermissionSnapshot): ReminderSettingsUiState {
            val hasEnabled = s.reminders.any { it.enabled }
            val notificationsOn = p.notifications == NotificationPermission.GRANTED
            val notice = when {
                !hasEnabled -> PermissionNotice.NONE
                p.notifications == NotificationPermission.BLOCKED -> PermissionNotice.NOTIFICATIONS_BLOCKED
                !notificationsOn -> PermissionNotice.ASK_NOTIFICATIONS
                p.exactAlarms == ExactAlarmPermission.DENIED -> PermissionNotice.INEXACT_TIMING
                else -> PermissionNotice.NONE
            }
            val ask = p.notifications == NotificationPermission.NOT_ASKED &&
                shouldRequestPostNotifications(p.sdkInt, granted = false, hasEnabledReminder = hasEnabled)
            return s.copy(permissions = p, notice = notice, requestNotificationPermission = ask)
        }
    }
}
