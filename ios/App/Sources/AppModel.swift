import BackgroundTasks
import Observation
import ResetFeatures
import SwiftUI

/// The composition root: opens the profile and builds the adapters every screen shares.
///
/// Apple-only glue; everything it calls is tested on Linux (ResetKit + ResetFeatures).
@MainActor
@Observable
final class AppModel: ActivityObserver {
    /// One per process, so notification actions arriving at launch reach the same store.
    static let shared = AppModel()
    nonisolated static let backgroundResyncID = "app.resetcompanion.reminders.resync"

    /// Opening state: the profile, or why it could not be opened.
    enum Phase {
        case open(ResetStore)
        case failed(UserMessage)
    }

    private(set) var phase: Phase
    /// The tab on screen; deep links from notifications switch it.
    var tab: AppRoute = .today
    /// Bumped after a restore or erase so every screen reloads.
    private(set) var generation = 0

    /// How the process was launched: normally, or by the UI tests (`--ui-testing`), which get a
    /// throw-away profile in the temporary folder and an in-memory key so every test starts
    /// from first launch and never touches the Keychain.
    enum LaunchMode {
        case normal, uiTesting
        static let current: LaunchMode = ProcessInfo.processInfo.arguments.contains("--ui-testing") ? .uiTesting : .normal
    }

    let keyProvider: DatabaseKeyProvider = LaunchMode.current == .uiTesting ? InMemoryKeyProvider() : KeychainKeyProvider()
    let notifications = UserNotificationCentre()
    let health = HealthKitStore()
    private(set) var scheduler: ReminderScheduler? = nil
    private(set) var healthWriter: HealthWriter? = nil

    private init() {
        phase = .failed(UserMessage(title: "Opening…", detail: ""))
        notifications.registerCategory()
        open()
    }

    /// Opens (or reopens, after erase-all) the profile in its backup-excluded folder.
    func open() {
        do {
            let location = try profileLocation().prepare()
            let store = try ResetStore(databaseURL: location.databaseURL, keyProvider: keyProvider)
            scheduler = ReminderScheduler(store: store, centre: notifications)
            healthWriter = HealthWriter(store: store, health: health)
            phase = .open(store)
            generation += 1
        } catch {
            phase = .failed(UserMessage(error))
        }
    }

    private func profileLocation() throws -> ProfileLocation {
        switch LaunchMode.current {
        case .normal: return try ProfileLocation.applicationSupport()
        case .uiTesting:
            return ProfileLocation(directory: FileManager.default.temporaryDirectory.appendingPathComponent("ui-testing-\(ProcessInfo.processInfo.processIdentifier)"))
        }
    }

    var store: ResetStore? {
        if case let .open(store) = phase { return store }
        return nil
    }

    /// Re-plans reminders (skip-if-done, new rules, a new day).
    func activityRecorded() async {
        guard let scheduler else { return }
        let permission = await notifications.permission()
        _ = try? await scheduler.resync(permission: permission)
    }

    /// The device changed zone: tell the core, then re-plan wall-clock reminders.
    func timeZoneChanged() async {
        try? await store?.setTimeZone(.current)
        await activityRecorded()
    }

    /// Writes to Health when the person opted in and granted access (`HealthWriter` decides);
    /// a Health failure never blocks the screen that produced the sample.
    func writeToHealth(_ sample: HealthSample?) async {
        guard let sample, let healthWriter else { return }
        _ = try? await healthWriter.record(sample)
    }

    /// After a restore: reload every screen and re-plan.
    func restored() async {
        generation += 1
        await activityRecorded()
    }

    /// After erase-all: remove pending reminders and start a fresh, empty profile.
    func erased() async {
        let pending = await notifications.pendingRequestIDs().filter { $0.hasPrefix(ReminderScheduler.idPrefix) }
        await notifications.removePendingRequests(withIdentifiers: pending)
        open()
    }

    /// A notification's Done, Snooze or tap.
    func handleReminder(_ action: ReminderAction, id: String, deepLink: String?) async {
        guard let scheduler else { return }
        if let link = try? await scheduler.handle(action, notificationID: id, deepLink: deepLink), let url = URL(string: link) {
            open(url)
        }
    }

    /// Opens the tab a deep link names (`resetcompanion://meditation`, …).
    func open(_ url: URL) { tab = AppRoute(deepLink: url) }

    /// Asks iOS for a background refresh so reminders roll forward even if the app is not opened.
    nonisolated static func scheduleBackgroundResync() {
        let request = BGAppRefreshTaskRequest(identifier: backgroundResyncID)
        request.earliestBeginDate = Date(timeIntervalSinceNow: 6 * 3600)
        try? BGTaskScheduler.shared.submit(request)
    }
}
