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
                // A window above everything, sheets included, whenever the scene is not active.
                .privacyCover(phase: scenePhase)
                .onReceive(NotificationCenter.default.publisher(for: .NSSystemTimeZoneDidChange)) { _ in
                    Task { await app.timeZoneChanged() }
                }
                .onReceive(NotificationCenter.default.publisher(for: .NSSystemClockDidChange)) { _ in
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
    }
}

/// Receives notification actions (Done, Snooze, tap) and routes them through the same core calls
/// the app uses, even when launched in the background from the lock screen.
final class AppDelegate: NSObject, UIApplicationDelegate, UNUserNotificationCenterDelegate {
    func application(
        _ application: UIApplication, didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]? = nil
    ) -> Bool {
        UNUserNotificationCenter.current().delegate = self
        return true
    }

    func userNotificationCenter(_ center: UNUserNotificationCenter, didReceive response: UNNotificationResponse) async {
        let info = response.notification.request.content.userInfo
        guard let id = info["reminder_id"] as? String else { return }
        let link = info["deep_link"] as? String
        let action = ReminderAction(actionIdentifier: response.actionIdentifier)
        await AppModel.shared.handleReminder(action, id: id, deepLink: link)
    }

    func userNotificationCenter(_ center: UNUserNotificationCenter, willPresent notification: UNNotification) async
        -> UNNotificationPresentationOptions
    {
        [.banner, .list, .sound]
    }
}
