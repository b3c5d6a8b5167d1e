import BackgroundTasks
import Observation
import ResetFeatures
import SwiftUI

/// The composition root: opens the profile and builds the adapters every screen shares.
///
/// Apple-only glue; everything it calls is tested on Linux (ResetKit + ResetFeatures): opening
/// and the "can't open" choices are `ProfileGate`, the shared meditation timer is
/// `MeditationTimerModel`, leftover files are `TemporaryFiles`.
@MainActor
@Observable
final class AppModel: ActivityObserver {
    /// One per process, so notification actions arriving at launch reach the same store.
    static let shared = AppModel()
    nonisolated static let backgroundResyncID = "app.resetcompanion.reminders.resync"
    /// The automatic backup's `BGAppRefreshTask` (issue 21; listed in Info.plist's
    /// `BGTaskSchedulerPermittedIdentifiers`, checked by ios/App/tools/check-project.py).
    nonisolated static let autoBackupTaskID = "app.resetcompanion.autobackup"

    /// How the process was launched: normally, or by the UI tests (`--ui-testing`), which get a
    /// throw-away profile in the temporary folder and an in-memory key so every test starts
    /// from first launch and never touches the Keychain.
    enum LaunchMode {
        case normal, uiTesting
        static let current: LaunchMode = ProcessInfo.processInfo.arguments.contains("--ui-testing") ? .uiTesting : .normal
    }

    /// The tab on screen; deep links from notifications switch it.
    var tab: AppRoute = .today

    let keyProvider: DatabaseKeyProvider = LaunchMode.current == .uiTesting ? InMemoryKeyProvider() : KeychainKeyProvider()
    let notifications = UserNotificationCentre()
    let health = HealthKitStore()
    let effects = MeditationEffectsAdapter()
    let gate: ProfileGate
    private(set) var scheduler: ReminderScheduler? = nil
    private(set) var healthWriter: HealthWriter? = nil
    /// One timer for the whole profile: a session keeps running across tab switches, screens
    /// and locks, and is logged whatever happens in between.
    private(set) var meditation: MeditationTimerModel? = nil
    /// The app lock for the open profile (issue 20): its settings live in the profile.
    private(set) var lock: AppLockModel? = nil
    let authenticator = LocalAuthenticator()
    /// The recovery key (and a rotation's pending key) in the Keychain, after first unlock,
    /// this device only; memory under the UI tests.
    let recoveryKeys: RecoveryKeyStoring =
        LaunchMode.current == .uiTesting
        ? RecoveryKeyVault(storage: InMemorySecureItems(), service: "app.resetcompanion.recovery")
        : RecoveryKeyVault(storage: KeychainItems(), service: "app.resetcompanion.recovery")
    /// `<Application Support>/AutoBackups`: included in the device backup, beside the excluded profile.
    let autoBackupFolder: URL
    /// The first-launch "restore from your automatic backup" offer, while it is on screen.
    private(set) var restoreOffer: AutoBackupRestoreOffer? = nil
    /// Whether the first-run screen is due (UserDefaults; nothing private in it).
    var showsFirstRun: Bool

    private init() {
        // Exports, backups and restore copies are unencrypted: a crash must not leave them.
        TemporaryFiles.cleanAtLaunch()
        let location: ProfileLocation
        switch LaunchMode.current {
        case .normal:
            location =
                (try? ProfileLocation.applicationSupport())
                ?? ProfileLocation(directory: URL.applicationSupportDirectory.appendingPathComponent(ProfileLocation.directoryName))
        case .uiTesting:
            location = ProfileLocation(
                directory: FileManager.default.temporaryDirectory.appendingPathComponent(
                    "ui-testing-\(ProcessInfo.processInfo.processIdentifier)"))
            FirstRun().reset()
        }
        gate = ProfileGate(location: location, keyProvider: keyProvider)
        // Normally a sibling of the excluded profile folder (`AutoBackupLocation.isSeparate`);
        // under the UI tests inside their throw-away folder, so no run finds another's backups.
        let backups = AutoBackupLocation(
            directory: (LaunchMode.current == .uiTesting ? location.directory : location.directory.deletingLastPathComponent())
                .appendingPathComponent(AutoBackupLocation.directoryName))
        autoBackupFolder = ((try? backups.prepare()) ?? backups).directory
        showsFirstRun = FirstRun().isDue
        notifications.registerCategory()
        // The Keychain read and the SQLCipher open run off the main actor (F1); RootView shows
        // "Opening" meanwhile, and notification actions wait for it (`ready()`).
        opening = Task { await open() }
    }

    /// The launch's open, which notification actions and background refresh wait for.
    private var opening: Task<Void, Never>?

    /// Waits until the launch's open has finished (a cold launch from a lock-screen action).
    func ready() async { await opening?.value }

    /// Opens (or reopens: "Try again", after erase-all or a restore) the profile.
    func open() async {
        await gate.open()
        attach()
    }

    /// Builds the per-profile adapters for the store the gate opened. The previous profile's
    /// timer is discarded first: no tick task, kept-awake screen or end notification outlives
    /// an erase or restore (F14).
    func attach() {
        guard let store = gate.store else { return }
        meditation?.discard()
        scheduler = ReminderScheduler(store: store, centre: notifications)
        healthWriter = HealthWriter(store: store, health: health)
        meditation = MeditationTimerModel(store: store, observer: self, effects: effects) { [weak self] session in
            await self?.writeToHealth(HealthSample(session))
        }
        // Starts in `.checking` (the cover is up) and, with the lock on, a new process starts locked.
        let lock = AppLockModel(store: store, authenticator: authenticator)
        self.lock = lock
        Task { await lock.load() }
        // A fresh install: the device backup may have brought automatic backups back.
        if showsFirstRun {
            let offer = AutoBackupRestoreOffer(store: store, folder: autoBackupFolder, keys: recoveryKeys)
            restoreOffer = offer
            Task { await offer.check() }
        }
    }

    /// The automatic-backup settings screen's model: showing or making a key needs Face ID or
    /// the passcode first.
    func autoBackupSettings(store: ResetStore) -> AutoBackupSettingsModel {
        let authenticator = authenticator
        return AutoBackupSettingsModel(
            store: store, folder: autoBackupFolder, keys: recoveryKeys,
            authenticate: { @MainActor in await authenticator.authenticate(reason: "Show your recovery key") == .success })
    }

    /// The day's automatic backup (settling an interrupted key rotation first); after the
    /// first use each day and from the background task. Failures wait for the next run.
    func runAutoBackup() async {
        await ready()
        guard let store else { return }
        _ = try? await AutoBackupRunner(store: store, folder: autoBackupFolder, keys: recoveryKeys).run()
    }

    /// "Done" after the first-launch restore: the offer goes and every screen reloads.
    func autoRestoreFinished() async {
        restoreOffer = nil
        await restored()
    }

    var store: ResetStore? { gate.store }
    /// Bumped after a restore or erase so every screen reloads.
    var generation: Int { gate.generation + restoreCount }
    private var restoreCount = 0

    /// The first-run screen was read.
    func finishFirstRun() {
        FirstRun().finish()
        showsFirstRun = false
    }

    /// "Restore from a backup" on the can't-open screen: the gate verifies the backup, replaces
    /// the unreadable profile and opens it; then the adapters attach to the new store.
    func restoreUnreadable(passphrase: String) async {
        await gate.restore(passphrase: passphrase)
        attach()
        await activityRecorded()
    }

    /// "Delete and start over" on the can't-open screen, after its confirmation.
    func startOver() async {
        await gate.confirmStartOver()
        FirstRun().reset()
        showsFirstRun = true
        attach()
    }

    /// Re-plans reminders (skip-if-done, new rules, a new day).
    func activityRecorded() async {
        await ready()
        guard let scheduler else { return }
        let permission = await notifications.permission()
        _ = try? await scheduler.resync(permission: permission)
    }

    /// The device changed zone: tell the core, then re-plan wall-clock reminders.
    func timeZoneChanged() async {
        try? await store?.setTimeZone(.current)
        await activityRecorded()
    }

    /// The scene became active: the timer catches up (and logs a session that ended while
    /// locked), reminders re-plan.
    func sceneDidBecomeActive() async {
        // A Keychain that was not readable before the first unlock is tried again (F12).
        let generation = gate.generation
        await gate.sceneDidBecomeActive()
        if gate.generation != generation { attach() }
        lock?.sceneDidBecomeActive()
        await meditation?.sceneDidBecomeActive()
        await activityRecorded()
        await runAutoBackup()
    }

    /// The scene went to the background: a running session gets its end notification.
    func sceneDidEnterBackground() {
        lock?.sceneDidEnterBackground()
        meditation?.sceneDidEnterBackground()
        Self.scheduleBackgroundResync()
        Self.scheduleAutoBackup()
    }

    /// Writes to Health when the person opted in and granted access (`HealthWriter` decides);
    /// a Health failure never blocks the screen that produced the sample.
    func writeToHealth(_ sample: HealthSample?) async {
        guard let sample, let healthWriter else { return }
        _ = try? await healthWriter.record(sample)
    }

    /// After a restore (the person tapped Done): reload every screen and re-plan.
    func restored() async {
        restoreCount += 1
        await activityRecorded()
    }

    /// After erase-all: remove pending reminders and start a fresh, empty profile.
    func erased() async {
        let pending = await notifications.pendingRequestIDs().filter { $0.hasPrefix(ReminderScheduler.idPrefix) }
        await notifications.removePendingRequests(withIdentifiers: pending)
        FirstRun().reset()
        showsFirstRun = true
        await open()
    }

    /// A notification's Done, Snooze or tap — possibly the first thing after a cold launch
    /// from the lock screen, so it waits for the profile to open.
    func handleReminder(_ response: ReminderResponse) async {
        await ready()
        guard let scheduler else { return }
        let link = try? await scheduler.handle(response.action, notificationID: response.notificationID, deepLink: response.deepLink)
        if let link, let url = URL(string: link) { open(url) }
    }

    /// Opens the tab a deep link names (`resetcompanion://meditation`, …).
    func open(_ url: URL) { tab = AppRoute(deepLink: url) }

    /// Asks iOS for a background refresh so reminders roll forward even if the app is not opened.
    nonisolated static func scheduleBackgroundResync() {
        let request = BGAppRefreshTaskRequest(identifier: backgroundResyncID)
        request.earliestBeginDate = Date(timeIntervalSinceNow: 6 * 3600)
        try? BGTaskScheduler.shared.submit(request)
    }

    /// Asks iOS for a background refresh to write the day's automatic backup on days the app is
    /// not opened (iOS decides when, if at all: the backup after first use does not depend on it).
    nonisolated static func scheduleAutoBackup() {
        let request = BGAppRefreshTaskRequest(identifier: autoBackupTaskID)
        request.earliestBeginDate = Date(timeIntervalSinceNow: 12 * 3600)
        try? BGTaskScheduler.shared.submit(request)
    }
}
