package app.resetcompanion.app

import android.Manifest
import android.content.ActivityNotFoundException
import android.content.Intent
import android.net.Uri
import android.os.Build
import android.os.Bundle
import android.provider.Settings
import android.util.Log
import androidx.activity.OnBackPressedCallback
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import androidx.activity.result.contract.ActivityResultContracts
import androidx.activity.viewModels
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import androidx.compose.runtime.snapshotFlow
import androidx.core.content.FileProvider
import androidx.fragment.app.FragmentActivity
import androidx.health.connect.client.PermissionController
import androidx.lifecycle.DefaultLifecycleObserver
import androidx.lifecycle.LifecycleOwner
import androidx.lifecycle.ProcessLifecycleOwner
import androidx.lifecycle.ViewModelProvider
import androidx.lifecycle.createSavedStateHandle
import androidx.lifecycle.lifecycleScope
import androidx.lifecycle.viewmodel.initializer
import androidx.lifecycle.viewmodel.viewModelFactory
import app.resetcompanion.app.ui.AppNavigator
import app.resetcompanion.app.ui.Destination
import app.resetcompanion.app.ui.NavigationViewModel
import app.resetcompanion.app.ui.PlatformActions
import app.resetcompanion.app.ui.ResetApp
import app.resetcompanion.app.ui.destinationForDeepLink
import app.resetcompanion.core.crisisLinesWithoutProfile
import app.resetcompanion.core.security.KeyUnavailable
import app.resetcompanion.presentation.AppGraph
import app.resetcompanion.presentation.AppLockViewModel
import app.resetcompanion.presentation.AuthOutcome
import app.resetcompanion.presentation.AutoBackupRestoreViewModel
import app.resetcompanion.presentation.BackupViewModel
import app.resetcompanion.presentation.SettingsPage
import app.resetcompanion.presentation.ShareRequest
import app.resetcompanion.presentation.askedAfterDialog
import app.resetcompanion.presentation.settingsPageFor
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import java.io.File

/**
 * The single activity: edge-to-edge Compose content over the app graph, the system back
 * gesture routed to the in-app navigator, and the platform actions the screens ask for
 * (share sheet, permission dialog, settings pages, backup file picker). FLAG_SECURE is applied
 * by [AndroidPlatformHooks] to this window while a journal or questionnaire screen is shown.
 */
class MainActivity : FragmentActivity() {
    private val app get() = application as ResetApplication

    /** The back stack (and its screens' view models) outlives rotation and process death. */
    private val navModel: NavigationViewModel by viewModels {
        viewModelFactory { initializer { NavigationViewModel(createSavedStateHandle()) } }
    }
    private val navigator: AppNavigator get() = navModel.navigator

    private sealed interface Phase {
        data object Opening : Phase
        data class Ready(val graph: AppGraph) : Phase
        data object KeyLost : Phase

        /** The keystore or the store failed in a way worth retrying: never the lost-key screen. */
        data object OpenFailed : Phase
    }

    /** A deep link that arrived before the profile was open. */
    private var pendingLink: DeepLinkTarget? = null

    private var phase by mutableStateOf<Phase>(Phase.Opening)

    /**
     * The app lock, kept in this activity's ViewModelStore (survives rotation; a finished
     * activity or a new process starts locked). Created once the profile is open.
     */
    private var lock: AppLockViewModel? = null

    /** The whole app going to the background and back (not each activity: rotation never locks). */
    private val lockLifecycle = object : DefaultLifecycleObserver {
        override fun onStop(owner: LifecycleOwner) {
            lock?.onBackground()
        }

        override fun onStart(owner: LifecycleOwner) {
            lock?.onForeground()
            // The first use each day writes the day's automatic backup (issue 21); later ones return at once.
            app.backUpIfDue()
        }
    }

    /** One per process: the lock view model outlives a recreated activity, the prompt's host is re-attached. */
    private val lockAuthenticator: BiometricLockAuthenticator
        get() = sharedAuthenticator ?: BiometricLockAuthenticator(applicationContext).also { sharedAuthenticator = it }

    private companion object {
        private var sharedAuthenticator: BiometricLockAuthenticator? = null
    }

    private fun lockFor(graph: AppGraph): AppLockViewModel = lock ?: ViewModelProvider(
        this,
        viewModelFactory { initializer { graph.appLock(lockAuthenticator, AndroidLockClock) } },
    )[AppLockViewModel::class.java].also { lock = it }

    /** The first-launch "restore from your automatic backup" offer, in this activity's ViewModelStore. */
    private fun restoreOfferFor(graph: AppGraph): AutoBackupRestoreViewModel = ViewModelProvider(
        this,
        viewModelFactory { initializer { graph.autoBackupRestore() } },
    )[AutoBackupRestoreViewModel::class.java]

    /** The device owner's check before the recovery key is shown or replaced: no screen lock, no key. */
    private suspend fun ownerConfirmed(): Boolean = lockAuthenticator.deviceSecure() && lockAuthenticator.authenticate() == AuthOutcome.SUCCEEDED

    private val notificationDialog = registerForActivityResult(ActivityResultContracts.RequestPermission()) { granted ->
        // Remembered only when the person answered, never for a dialog swiped away (review A12).
        val rationale = shouldShowRequestPermissionRationale(Manifest.permission.POST_NOTIFICATIONS)
        if (askedAfterDialog(app.hooks.notificationsAskedBefore, granted, rationale)) app.hooks.markNotificationsAsked()
        app.hooks.permissionsMayHaveChanged()
    }

    private val healthDialog = registerForActivityResult(PermissionController.createRequestPermissionResultContract()) {
        app.hooks.healthPermissionDialogClosed()
    }

    private val backupPicker = registerForActivityResult(ActivityResultContracts.OpenDocument()) { uri ->
        val wasOpen = navModel.restorePickerOpen
        navModel.restorePickerOpen = false
        if (uri != null && wasOpen) {
            lifecycleScope.launch {
                val dest = File(cacheDir, "restore/picked.resetbackup")
                val picked = withContext(Dispatchers.IO) { copyPickedFile(contentResolver, uri, dest) }
                // After process death the profile may still be opening: wait for it, then hand
                // the file to the Backup screen's view model (restored with the back stack).
                // No profile or no Backup screen to hand it to: the copy (a full, if encrypted, copy
                // of someone's data) must not stay in the cache (review A15).
                val graph = try {
                    app.graph()
                } catch (e: Exception) {
                    withContext(Dispatchers.IO) { dest.delete() }
                    return@launch
                }
                val target = navigator.entryFor(Destination.Backup)?.viewModel { graph.backup() }
                if (target == null) {
                    withContext(Dispatchers.IO) { dest.delete() }
                    return@launch
                }
                when (picked) {
                    is PickedFile.Copied -> target.chooseRestoreFile(picked.file)
                    is PickedFile.Unreadable -> target.restoreFileUnreadable(picked.reason)
                }
            }
        }
    }

    // The shared file is not deleted when the chooser returns (the receiver may still be reading
    // it): onStart sweeps files past their grace period, and every launch clears the folder.
    private val shareSheet = registerForActivityResult(ActivityResultContracts.StartActivityForResult()) {}

    override fun onCreate(savedInstanceState: Bundle?) {
        enableEdgeToEdge()
        super.onCreate(savedInstanceState)
        app.hooks.attach(this)
        lockAuthenticator.attach(this)
        ProcessLifecycleOwner.get().lifecycle.addObserver(lockLifecycle)
        app.hooks.attachHealthPermissionDialog { healthDialog.launch(it) }
        // Enabled only while there is a screen to go back to: at the root the system handles
        // back itself, with the predictive back-to-home animation.
        val back = object : OnBackPressedCallback(navigator.canGoBack) {
            override fun handleOnBackPressed() {
                navigator.back()
            }
        }
        onBackPressedDispatcher.addCallback(this, back)
        lifecycleScope.launch { snapshotFlow { navigator.canGoBack }.collect { back.isEnabled = it } }
        // Not on re-creation or from Recents: the restored stack must win (review A1).
        pendingLink = DeepLinkTarget.atCreate(intent, recreated = savedInstanceState != null)
        open()
        setContent {
            when (val p = phase) {
                Phase.Opening -> Unit // the window background shows for the few ms it takes
                is Phase.Ready -> ResetApp(
                    graph = p.graph,
                    secureWindow = app.hooks.secureWindow,
                    navigator = navigator,
                    platform = PlatformActions(
                        share = ::share,
                        askNotifications = ::askNotifications,
                        openSystemSettings = ::openSystemSettings,
                        pickBackupFile = ::pickBackupFile,
                        contact = { openContact(this, it) },
                        authenticateOwner = ::ownerConfirmed,
                    ),
                    lock = lockFor(p.graph),
                    restoreOffer = restoreOfferFor(p.graph),
                )
                Phase.KeyLost -> KeyLostScreen(
                    onStartAgain = {
                        lifecycleScope.launch {
                            app.forgetProfile()
                            open()
                        }
                    },
                    crisisLines = profilelessCrisisLines(),
                    onContact = app.resetcompanion.app.ui.rememberContactOpener { openContact(this, it) },
                )
                Phase.OpenFailed -> OpenFailedScreen(
                    onRetry = ::open,
                    crisisLines = profilelessCrisisLines(),
                    onContact = app.resetcompanion.app.ui.rememberContactOpener {
                        openContact(this, it)
                    },
                )
            }
        }
    }

    /** The region's crisis lines from the core's static data, for the screens shown without a profile. */
    @androidx.compose.runtime.Composable
    private fun profilelessCrisisLines(): List<app.resetcompanion.core.model.CrisisResource> {
        val lines = androidx.compose.runtime.produceState(emptyList<app.resetcompanion.core.model.CrisisResource>()) {
            value = try {
                crisisLinesWithoutProfile()
            } catch (e: app.resetcompanion.core.model.ResetException) {
                emptyList()
            }
        }
        return lines.value
    }

    /** singleTask: a notification tapped while the app is open arrives here. */
    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        setIntent(intent)
        pendingLink = DeepLinkTarget.of(intent)
        if (phase is Phase.Ready) followPendingLink()
    }

    private fun followPendingLink() {
        val link = pendingLink ?: return
        pendingLink = null
        setIntent(DeepLinkTarget.consumed(intent))
        // Pushed, never a reset: a draft or a running session below is kept (review 2, B10).
        destinationForDeepLink(link.host)?.let(navigator::follow)
    }

    override fun onStart() {
        super.onStart()
        lifecycleScope.launch(Dispatchers.IO) { app.sharedExports.sweep(System.currentTimeMillis()) }
    }

    override fun onResume() {
        super.onResume()
        // The person may have changed permissions in system settings while we were away.
        app.hooks.permissionsMayHaveChanged()
    }

    override fun onDestroy() {
        ProcessLifecycleOwner.get().lifecycle.removeObserver(lockLifecycle)
        lockAuthenticator.detach(this)
        app.hooks.detach(this)
        super.onDestroy()
    }

    private fun open() {
        phase = Phase.Opening
        lifecycleScope.launch {
            phase = try {
                Phase.Ready(app.graph())
            } catch (e: KeyUnavailable) {
                Phase.KeyLost
            } catch (e: Exception) {
                // KeystoreBusy after its retries, or any other keystore/store failure: the key
                // may be fine, so offer "try again", never "start again".
                Log.w("Reset", "opening the profile failed: ${e.javaClass.simpleName}")
                Phase.OpenFailed
            }
            if (phase is Phase.Ready) followPendingLink()
        }
    }

    /** FileProvider URI + ACTION_SEND through the chooser; the receiving app gets read access to this one file only. */
    private fun share(request: ShareRequest) {
        val uri = FileProvider.getUriForFile(this, "$packageName.files", request.file)
        val send = Intent(Intent.ACTION_SEND)
            .setType(request.mimeType)
            .putExtra(Intent.EXTRA_STREAM, uri)
            .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
        shareSheet.launch(Intent.createChooser(send, request.title))
    }

    private fun askNotifications() {
        if (Build.VERSION.SDK_INT < 33) return
        notificationDialog.launch(Manifest.permission.POST_NOTIFICATIONS)
    }

    private fun openSystemSettings() {
        val intent = when (settingsPageFor(app.hooks.permissions())) {
            SettingsPage.NOTIFICATIONS -> Intent(Settings.ACTION_APP_NOTIFICATION_SETTINGS)
                .putExtra(Settings.EXTRA_APP_PACKAGE, packageName)
            SettingsPage.EXACT_ALARMS -> if (Build.VERSION.SDK_INT >= 31) {
                Intent(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM, Uri.fromParts("package", packageName, null))
            } else {
                appDetails()
            }
            SettingsPage.APP_DETAILS -> appDetails()
        }
        try {
            startActivity(intent)
        } catch (e: ActivityNotFoundException) {
            startActivity(appDetails()) // some OEM builds lack the specific pages
        }
    }

    private fun appDetails() = Intent(Settings.ACTION_APPLICATION_DETAILS_SETTINGS, Uri.fromParts("package", packageName, null))

    @Suppress("UNUSED_PARAMETER") // the result goes to the Backup entry's view model, which survives recreation
    private fun pickBackupFile(viewModel: BackupViewModel) {
        navModel.restorePickerOpen = true
        backupPicker.launch(arrayOf("*/*")) // .resetbackup has no registered MIME type
    }
}
