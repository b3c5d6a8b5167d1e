import BackgroundTasks
import ResetFeatures
import SwiftUI
import UserNotifications

/// The app: one encrypted profile, opened at launch with the Keychain key; every screen is a
/// view over a ResetFeatures model. Reminders re-plan on launch, foreground, zone change,
/// background refresh and after each notification action (DESIGN §5).
@main
struct ResetCompanionApp: App {
    @UIApplicationDelegateAdaptor(AppDelegate.self) private var delegate
    @State private var app = AppModel.shared
    @Environment(\.scenePhase) private var scenePhase

    var body: some Scene {
        WindowGroup {
            RootView(app: app)
                // A window above everything, sheets included, whenever the scene is not active
                // or the app lock is locked (then it is the lock screen).
                .privacyCover(phase: scenePhase, app: app)
                // Posted on whatever thread changed the setting: hop to main first (F8).
                .onReceive(NotificationCenter.default.publisher(for: .NSSystemTimeZoneDidChange).receive(on: DispatchQueue.main)) { _ in
                    Task { await app.timeZoneChanged() }
                }
                .onReceive(NotificationCenter.default.publisher(for: .NSSystemClockDidChange).receive(on: DispatchQueue.main)) { _ in
                    Task { await app.activityRecorded() }
                }
                .onOpenURL { url in app.open(url) }
        }
        .onChange(of: scenePhase) { _, phase in
            switch phase {
            case .active: Task { await app.sceneDidBecomeActive() }
            case .background: app.sceneDidEnterBackground()
            default: break
            }
        }
        .backgroundTask(.appRefresh(AppModel.backgroundResyncID)) {
            await AppModel.shared.activityRecorded()
            AppModel.scheduleBackgroundResync()
        }
        .backgroundTask(.appRefresh(AppModel.autoBackupTaskID)) {
            await AppModel.shared.runAutoBackup()
            AppModel.scheduleAutoBackup()
        }
    }
}

/// Receives notification actions (Done, Snooze, tap) and routes them through the same core calls
/// the app uses, even when launched in the background from the lock screen.
///
/// The delegate methods are the completion-handler forms, `nonisolated` (F2): the system calls
/// them off the main thread, and the async forms on this main-actor class crashed apps on
/// exactly this path (cold launch from a lock-screen action). The Sendable parts are copied out
/// (`ReminderResponse`, tested on Linux), the core write runs on the main actor, and the
/// completion handler is called only after it, so iOS keeps the process alive for Done/Snooze.
final class AppDelegate: NSObject, UIApplicationDelegate, UNUserNotificationCenterDelegate {
    func application(
        _ application: UIApplication, didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]? = nil
    ) -> Bool {
        UNUserNotificationCenter.current().delegate = self
        return true
    }

    nonisolated func userNotificationCenter(
        _ center: UNUserNotificationCenter, didReceive response: UNNotificationResponse,
        withCompletionHandler completionHandler: @escaping @Sendable () -> Void
    ) {
        let reminder = ReminderResponse(
            actionIdentifier: response.actionIdentifier, userInfo: response.notification.request.content.userInfo)
        Task { @MainActor in
            if let reminder { await AppModel.shared.handleReminder(reminder) }
            completionHandler()
        }
    }

    nonisolated func userNotificationCenter(
        _ center: UNUserNotificationCenter, willPresent notification: UNNotification,
        withCompletionHandler completionHandler: @escaping @Sendable (UNNotificationPresentationOptions) -> Void
    ) {
        // Reminder text is generic (the core's), so a banner in the foreground shows nothing private.
        completionHandler([.banner, .list, .sound])
    }
}
