package app.resetcompanion.presentation

import app.resetcompanion.core.RunningPractice
import app.resetcompanion.core.health.HealthConnectOutcome
import app.resetcompanion.core.health.HealthConnectStop
import app.resetcompanion.core.kind
import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.PracticeSession
import app.resetcompanion.core.model.ResetException
import app.resetcompanion.core.reason
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emptyFlow
import java.io.File

// What the view models need from the platform, as plain interfaces and enums. The Android glue
// (android/app) implements them over the framework; tests and the desktop harness pass fakes.
// Nothing in this file may import android.*: it compiles on the plain JVM.

/**
 * Hides window contents from screenshots, screen recording and the recents thumbnail.
 * Android: `WindowManager.LayoutParams.FLAG_SECURE`. Screens that show journal text or
 * questionnaire answers turn it on while visible and off when they leave.
 */
fun interface SecureWindow {
    fun setSecure(on: Boolean)

    companion object {
        /** For previews and tests: does nothing. */
        val None = SecureWindow { }
    }
}

/** The `POST_NOTIFICATIONS` runtime permission (Android 13+), as the reminder screen explains it. */
enum class NotificationPermission {
    /** Granted, or not a runtime permission on this Android version. */
    GRANTED,

    /** Never asked: the app may show the system dialog (with context, after a reminder exists). */
    NOT_ASKED,

    /** Refused once: the dialog may be shown again after explaining why. */
    DENIED,

    /** Refused for good ("don't ask again"): only the system settings can turn it on. */
    BLOCKED,
}

/** `SCHEDULE_EXACT_ALARM`: denied by default on Android 14+ (platform.md, Android scheduling). */
enum class ExactAlarmPermission {
    /** `canScheduleExactAlarms()` is true (always below Android 12). */
    ALLOWED,

    /** Reminders still arrive, inexactly (`setAndAllowWhileIdle`): possibly some minutes late. */
    DENIED,
}

/** Both permission states plus the SDK level, read by the glue each time the screen resumes. */
data class PermissionSnapshot(
    val notifications: NotificationPermission,
    val exactAlarms: ExactAlarmPermission,
    /** `Build.VERSION.SDK_INT`: `POST_NOTIFICATIONS` is only a runtime permission from 33. */
    val sdkInt: Int,
) {
    companion object {
        /** What a JVM test or the desktop harness reports: everything allowed. */
        val ALL_GRANTED = PermissionSnapshot(NotificationPermission.GRANTED, ExactAlarmPermission.ALLOWED, sdkInt = 35)
    }
}

/** A file for the share sheet: Android wraps it in a `FileProvider` URI and `ACTION_SEND`. */
data class ShareRequest(val file: File, val mimeType: String, val title: String)

/**
 * Everything platform-specific the view models call out to. Every member has a harmless
 * default so tests and previews implement only what they observe.
 */
interface PlatformHooks {
    /** See [SecureWindow]. */
    val secureWindow: SecureWindow get() = SecureWindow.None

    /** Current permission states; called on every refresh (the person may change them in Settings). */
    fun permissions(): PermissionSnapshot = PermissionSnapshot.ALL_GRANTED

    /**
     * Emits when permission states may have changed outside the app's screens (the system
     * dialog closed, the person came back from Settings); the reminder screen re-reads them.
     */
    val permissionChanges: Flow<Unit> get() = emptyFlow()

    /** Reminder rules changed: re-plan and re-arm alarms (Android: `ReminderSync.resync`). */
    suspend fun remindersChanged() {}

    /** A practice session was logged: mirror it to Health Connect when the person opted in. */
    suspend fun practiceLogged(session: PracticeSession) {}

    /**
     * Whether mirroring to Health Connect would work now ([HealthConnectOutcome.WRITTEN]) or
     * why not; null where Health Connect does not exist (desktop harness, tests).
     */
    suspend fun healthConnectReadiness(): HealthConnectOutcome? = null

    /** Shows Health Connect's permission screen for `WRITE_MINDFULNESS` (returns when it closes). */
    suspend fun requestHealthConnectPermission() {}

    /**
     * Turns the Health Connect mirror off (`HealthConnectSync.stop`): deletes the sessions this
     * profile wrote there when [deleteWritten], and gives the permission back (review A13).
     * Null where Health Connect does not exist; the opt-in preference is turned off either way.
     */
    suspend fun stopHealthConnect(deleteWritten: Boolean): HealthConnectStop? = null

    /** The profile was erased: delete the database key and return to first launch. */
    suspend fun profileErased() {}

    /** Keeps the screen on while a practice timer runs (Android: the window's FLAG_KEEP_SCREEN_ON). */
    fun keepScreenOn(on: Boolean) {}

    /** A timed practice reached its end: a gentle signal for eyes that are closed (Android: the notification sound). */
    fun practiceTimeUp() {}

    /**
     * A timed practice is running and ends at [RunningPractice.endsAtElapsedMs] (null: none is
     * running any more — paused, stopped, finished or left). Android arms an alarm for the end
     * that signals it and logs the session even with the screen off or the process killed
     * (review A6 / B11), and cancels it on null.
     */
    fun practiceRunning(practice: RunningPractice?) {}

    /** The timer screen shows a finished session: the end-of-practice notification can go (review 3, F6). */
    fun practiceEndSeen() {}

    /** No platform: JVM tests and the desktop harness. */
    object None : PlatformHooks
}

/** An error as a screen shows it: the stable kind, the field to highlight and the core's message. */
data class UiError(
    val kind: ErrorKind,
    /** The input field at fault (`InvalidInput` only), e.g. `situation` or `passphrase`. */
    val field: String? = null,
    /** The core's message: never contains user content (DESIGN §4). */
    val message: String,
) {
    companion object {
        /** Maps a core error. */
        fun of(e: ResetException): UiError = UiError(
            kind = e.kind,
            field = (e as? ResetException.InvalidInput)?.field,
            message = e.reason,
        )

        /** A check the screen itself makes (e.g. two passphrases differ). */
        fun invalid(field: String, message: String) = UiError(ErrorKind.INVALID_INPUT, field, message)
    }
}
