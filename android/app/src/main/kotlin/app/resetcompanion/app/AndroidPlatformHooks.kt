package app.resetcompanion.app

import android.Manifest
import android.app.Activity
import android.app.AlarmManager
import android.app.NotificationManager
import android.content.Context
import android.content.pm.PackageManager
import android.os.Build
import android.util.Log
import android.view.WindowManager
import app.resetcompanion.core.RunningPractice
import app.resetcompanion.core.health.HealthConnectGatewayImpl
import app.resetcompanion.core.health.HealthConnectOutcome
import app.resetcompanion.core.health.HealthConnectStop
import app.resetcompanion.core.health.HealthConnectSync
import app.resetcompanion.core.model.PracticeSession
import app.resetcompanion.core.reminders.SyncReason
import app.resetcompanion.presentation.CountingSecureWindow
import app.resetcompanion.presentation.PermissionSnapshot
import app.resetcompanion.presentation.PlatformHooks
import app.resetcompanion.presentation.exactAlarmPermissionFrom
import app.resetcompanion.presentation.notificationPermissionFrom
import app.resetcompanion.reminders.PracticeEndAlarm
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.flow.MutableSharedFlow
import kotlinx.coroutines.flow.SharedFlow
import java.lang.ref.WeakReference

/**
 * [PlatformHooks] over the Android framework. The decisions are the plain functions in
 * :presentation (tested on the JVM); this class only gathers framework answers and acts.
 */
class AndroidPlatformHooks(private val app: ResetApplication) : PlatformHooks {
    private var activity = WeakReference<Activity>(null)
    private val prefs = app.getSharedPreferences("platform", Context.MODE_PRIVATE)
    private val changes = MutableSharedFlow<Unit>(extraBufferCapacity = 1)
    private var healthDialog: ((Set<String>) -> Unit)? = null
    private var healthDialogClosed: CompletableDeferred<Unit>? = null

    override val secureWindow = CountingSecureWindow { on -> activity.get()?.applySecure(on) }

    override val permissionChanges: SharedFlow<Unit> = changes

    /** MainActivity.onCreate: the window FLAG_SECURE applies to. */
    fun attach(a: Activity) {
        activity = WeakReference(a)
        a.applySecure(secureWindow.isSecure)
        a.applyKeepScreenOn(screenOn)
    }

    fun detach(a: Activity) {
        if (activity.get() !== a) return
        activity.clear()
        healthDialog = null
        healthDialogClosed?.complete(Unit) // don't leave a caller waiting on a dead activity
        healthDialogClosed = null
        // Its answer may reach the next activity instead: Settings re-reads readiness on every
        // permission change (review A15), and the next activity's onResume emits one.
    }

    /** MainActivity's launcher for Health Connect's permission screen. */
    fun attachHealthPermissionDialog(launch: (Set<String>) -> Unit) {
        healthDialog = launch
    }

    /** The Health Connect permission screen closed (granted or not: readiness re-reads it). */
    fun healthPermissionDialogClosed() {
        healthDialogClosed?.complete(Unit)
        healthDialogClosed = null
        changes.tryEmit(Unit)
    }

    /** Called on resume and after a permission dialog: the screen re-reads the states. */
    fun permissionsMayHaveChanged() {
        changes.tryEmit(Unit)
    }

    /** Remember that the POST_NOTIFICATIONS dialog was shown (Android can't tell "never asked" from "blocked"). */
    fun markNotificationsAsked() = prefs.edit().putBoolean(ASKED, true).apply()

    /** Whether the person answered the POST_NOTIFICATIONS dialog before. */
    val notificationsAskedBefore: Boolean get() = prefs.getBoolean(ASKED, false)

    override fun permissions(): PermissionSnapshot {
        val sdk = Build.VERSION.SDK_INT
        val granted = sdk < 33 ||
            app.checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED
        val rationale = sdk >= 33 &&
            activity.get()?.shouldShowRequestPermissionRationale(Manifest.permission.POST_NOTIFICATIONS) == true
        val exact = sdk < 31 || app.getSystemService(AlarmManager::class.java)?.canScheduleExactAlarms() == true
        return PermissionSnapshot(
            notifications = notificationPermissionFrom(
                sdk,
                granted,
                app.getSystemService(NotificationManager::class.java)?.areNotificationsEnabled() != false,
                rationale,
                prefs.getBoolean(ASKED, false),
            ),
            exactAlarms = exactAlarmPermissionFrom(sdk, exact),
            sdkInt = sdk,
        )
    }

    override suspend fun remindersChanged() {
        // In-app changes re-plan like an app start: nothing was dropped by the OS.
        app.reminderSync(app).resync(SyncReason.APP_START)
    }

    override suspend fun healthConnectReadiness(): HealthConnectOutcome? = try {
        healthSync().readiness()
    } catch (e: Exception) {
        Log.w("Reset", "Health Connect status failed: ${e.javaClass.simpleName}")
        HealthConnectOutcome.UNAVAILABLE
    }

    override suspend fun requestHealthConnectPermission() {
        val launch = healthDialog ?: return
        val closed = CompletableDeferred<Unit>().also { healthDialogClosed = it }
        launch(setOf(HealthConnectGatewayImpl.WRITE))
        closed.await()
    }

    override suspend fun stopHealthConnect(deleteWritten: Boolean): HealthConnectStop? = try {
        healthSync().stop(deleteWritten)
    } catch (e: Exception) {
        // Health Connect failed mid-way: the opt-in is off; the person can delete there themselves.
        Log.w("Reset", "Health Connect stop failed: ${e.javaClass.simpleName}")
        HealthConnectStop.NO_PERMISSION
    }

    override suspend fun practiceLogged(session: PracticeSession) {
        try {
            healthSync().onPracticeLogged(session)
        } catch (e: Exception) {
            // Health Connect is a mirror: the session is already safe in the profile.
            Log.w("Reset", "Health Connect write failed: ${e.javaClass.simpleName}")
        }
    }

    private var screenOn = false

    override fun keepScreenOn(on: Boolean) {
        screenOn = on
        activity.get()?.applyKeepScreenOn(on)
    }

    /** The session whose end alarm is armed (the screen's ticker and the alarm signal its end once between them). */
    @Volatile private var running: RunningPractice? = null

    /** The default notification sound once per session (no permission needed); the screen's state says it too. */
    override fun practiceTimeUp() {
        val practice = running
        if (practice != null && !PracticeEndAlarm.claimSignal(practice.startedAt)) return // the alarm already did
        PracticeEndAlarm.playSound(app)
    }

    override fun practiceEndSeen() = PracticeEndAlarm.dismissEnded(app)

    /** Arms (or cancels) the end-of-practice alarms: the end is signalled and logged with the screen off (review B11). */
    override fun practiceRunning(practice: RunningPractice?) {
        if (practice != null) running = practice // kept after the end: a late tick must not sound twice
        if (practice == null) PracticeEndAlarm.cancel(app) else PracticeEndAlarm.arm(app, practice, app.reminderLook(app))
    }

    private fun Activity.applyKeepScreenOn(on: Boolean) {
        if (on) window.addFlags(WindowManager.LayoutParams.FLAG_KEEP_SCREEN_ON) else window.clearFlags(WindowManager.LayoutParams.FLAG_KEEP_SCREEN_ON)
    }

    override suspend fun profileErased() {
        app.forgetProfile(withAutoBackups = true)
        // Not recreate(): that keeps every view model holding the closed store (review A2).
        activity.get()?.let { startFresh(it, it.javaClass) }
    }

    private suspend fun healthSync() = HealthConnectSync(app.graph().store, HealthConnectGatewayImpl(app))

    private fun Activity.applySecure(on: Boolean) {
        if (on) window.addFlags(WindowManager.LayoutParams.FLAG_SECURE) else window.clearFlags(WindowManager.LayoutParams.FLAG_SECURE)
    }

    private companion object {
        const val ASKED = "post_notifications_asked"
    }
}
