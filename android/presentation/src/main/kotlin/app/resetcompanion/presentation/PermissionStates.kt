package app.resetcompanion.presentation

// How the Android glue turns framework answers into the plain permission enums the reminder
// screen explains. Android can't say "never asked" and "refused for good" apart by itself
// (both have no rationale to show), so the glue remembers whether it ever showed the dialog.
// Pure functions: tested on the JVM; MainActivity only gathers the inputs.

/**
 * The [NotificationPermission] from what Android reports.
 *
 * @param sdkInt `Build.VERSION.SDK_INT`; below 33 there is no runtime permission.
 * @param granted `checkSelfPermission(POST_NOTIFICATIONS) == PERMISSION_GRANTED` (33+).
 * @param notificationsEnabled `NotificationManagerCompat.areNotificationsEnabled()`: the
 *   person can also switch the app's notifications off in system settings, at any version.
 * @param showRationale `shouldShowRequestPermissionRationale(POST_NOTIFICATIONS)`: true after
 *   one refusal, false both before the first ask and after "don't ask again".
 * @param askedBefore whether this app has shown the dialog before (remembered by the glue).
 */
fun notificationPermissionFrom(
    sdkInt: Int,
    granted: Boolean,
    notificationsEnabled: Boolean,
    showRationale: Boolean,
    askedBefore: Boolean,
): NotificationPermission = when {
    sdkInt < 33 -> if (notificationsEnabled) NotificationPermission.GRANTED else NotificationPermission.BLOCKED
    granted -> if (notificationsEnabled) NotificationPermission.GRANTED else NotificationPermission.BLOCKED
    showRationale -> NotificationPermission.DENIED
    askedBefore -> NotificationPermission.BLOCKED
    else -> NotificationPermission.NOT_ASKED
}

/**
 * Whether to remember "asked" after the POST_NOTIFICATIONS dialog returned (review A12). A
 * dialog swiped away leaves the permission requestable but answers "not granted" with no
 * rationale — the same as "don't ask again" if "asked" were set before showing it — so it is
 * remembered only once the person really answered: granted, or refused (then Android shows a
 * rationale). A second refusal (rationale gone) then reads as blocked, because the first was
 * remembered.
 */
fun askedAfterDialog(askedBefore: Boolean, granted: Boolean, showRationaleNow: Boolean): Boolean = askedBefore || granted || showRationaleNow

/**
 * The [ExactAlarmPermission]: below Android 12 (31) exact alarms need no permission; from 12
 * `AlarmManager.canScheduleExactAlarms()` decides (denied by default on new installs from 14).
 */
fun exactAlarmPermissionFrom(sdkInt: Int, canScheduleExactAlarms: Boolean): ExactAlarmPermission =
    if (sdkInt < 31 || canScheduleExactAlarms) ExactAlarmPermission.ALLOWED else ExactAlarmPermission.DENIED

/** Which system settings page the reminder screen's "Open settings" button should open. */
enum class SettingsPage {
    /** `Settings.ACTION_APP_NOTIFICATION_SETTINGS`. */
    NOTIFICATIONS,

    /** `Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM` (Android 12+). */
    EXACT_ALARMS,

    /** `Settings.ACTION_APPLICATION_DETAILS_SETTINGS`: nothing specific is missing. */
    APP_DETAILS,
}

/** Notifications first: without them an exact alarm has nothing to show. */
fun settingsPageFor(p: PermissionSnapshot): SettingsPage = when {
    p.notifications != NotificationPermission.GRANTED -> SettingsPage.NOTIFICATIONS
    p.exactAlarms == ExactAlarmPermission.DENIED -> SettingsPage.EXACT_ALARMS
    else -> SettingsPage.APP_DETAILS
}

/**
 * A [SecureWindow] that counts: when one secure screen replaces another, the new one may
 * switch on before the old one switches off, so the flag is applied while any is shown.
 * [apply] gets true/false only on changes (Android: add/clear `FLAG_SECURE`). Main thread only.
 */
class CountingSecureWindow(private val apply: (Boolean) -> Unit) : SecureWindow {
    private var count = 0

    override fun setSecure(on: Boolean) {
        val before = count > 0
        count = if (on) count + 1 else (count - 1).coerceAtLeast(0)
        val after = count > 0
        if (before != after) apply(after)
    }

    /** Whether the window is currently secure (re-applied to a recreated Activity). */
    val isSecure: Boolean get() = count > 0
}
