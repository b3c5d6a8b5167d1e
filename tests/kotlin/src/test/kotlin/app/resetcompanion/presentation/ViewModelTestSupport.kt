package app.resetcompanion.presentation

import app.resetcompanion.core.FIXED_NOW_MS
import app.resetcompanion.core.FixedClock
import app.resetcompanion.core.KEY_A
import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.health.HealthConnectOutcome
import app.resetcompanion.core.model.Clock
import app.resetcompanion.core.model.PracticeSession
import app.resetcompanion.core.scratchDir
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.flow.MutableSharedFlow
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.test.TestCoroutineScheduler
import kotlinx.coroutines.test.UnconfinedTestDispatcher
import kotlinx.coroutines.test.resetMain
import kotlinx.coroutines.test.setMain
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import java.io.File

/**
 * A real encrypted store in a temp folder, with the view models' Main dispatcher and the
 * store's dispatcher both on one virtual-time scheduler: intents run to completion before
 * the test looks at the state, and the meditation timer's ticks are virtual.
 */
@OptIn(ExperimentalCoroutinesApi::class)
abstract class ViewModelTest {
    protected val scheduler = TestCoroutineScheduler()
    protected val dispatcher = UnconfinedTestDispatcher(scheduler)
    protected lateinit var dir: File
    protected lateinit var store: ResetStore
    protected val platform = RecordingPlatform()

    /** The wall clock the timer sees: FIXED_NOW plus virtual time. */
    protected val virtualClock = object : Clock {
        override fun instant(): java.time.Instant = java.time.Instant.ofEpochMilli(FIXED_NOW_MS + scheduler.currentTime)
    }

    @BeforeEach
    fun openStore() {
        Dispatchers.setMain(dispatcher)
        dir = scratchDir()
        store = runBlocking {
            ResetStore.open(File(dir, "profile.db").path, KEY_A, "Europe/London", FixedClock(java.time.Instant.ofEpochMilli(FIXED_NOW_MS)), dispatcher)
        }
    }

    @AfterEach
    fun closeStore() {
        store.close()
        Dispatchers.resetMain()
    }

    protected fun graph() = AppGraph(store, File(dir, "shared"), virtualClock, platform, timerTickMillis = 1_000)

    /** Runs a suspend call against the store (test setup), on the test dispatcher. */
    protected fun <T> setUp(block: suspend ResetStore.() -> T): T = runBlocking { store.block() }
}

/** Records every platform call a view model makes; permission states are settable. */
class RecordingPlatform : PlatformHooks {
    val secure = mutableListOf<Boolean>()
    var snapshot = PermissionSnapshot.ALL_GRANTED
    var remindersChanged = 0
    val practice = mutableListOf<PracticeSession>()
    var erased = 0
    val changes = MutableSharedFlow<Unit>(extraBufferCapacity = 1)

    var health: HealthConnectOutcome? = null
    var healthPermissionRequests = 0

    override val permissionChanges = changes
    override suspend fun healthConnectReadiness() = health
    override suspend fun requestHealthConnectPermission() {
        healthPermissionRequests++
        health = HealthConnectOutcome.WRITTEN // the person granted it
    }

    /** Every `stopHealthConnect(deleteWritten)` call; answers as Health Connect would with the permission. */
    val healthStops = mutableListOf<Boolean>()
    override suspend fun stopHealthConnect(deleteWritten: Boolean): app.resetcompanion.core.health.HealthConnectStop {
        healthStops += deleteWritten
        health = HealthConnectOutcome.NOT_OPTED_IN
        return if (deleteWritten) app.resetcompanion.core.health.HealthConnectStop.DELETED else app.resetcompanion.core.health.HealthConnectStop.KEPT
    }
    override val secureWindow = SecureWindow { secure += it }
    override fun permissions() = snapshot
    override suspend fun remindersChanged() {
        remindersChanged++
    }
    override suspend fun practiceLogged(session: PracticeSession) {
        practice += session
    }
    override suspend fun profileErased() {
        erased++
    }

    val screenOn = mutableListOf<Boolean>()
    var timeUp = 0
    override fun keepScreenOn(on: Boolean) {
        screenOn += on
    }
    override fun practiceTimeUp() {
        timeUp++
    }

    var endSeen = 0
    override fun practiceEndSeen() {
        endSeen++
    }

    /** Every end alarm armed (a session) or cancelled (null), in order. */
    val endAlarms = mutableListOf<app.resetcompanion.core.RunningPractice?>()
    override fun practiceRunning(practice: app.resetcompanion.core.RunningPractice?) {
        endAlarms += practice
    }
}
