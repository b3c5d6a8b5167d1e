import AVFoundation
import ResetFeatures
import UIKit
import UserNotifications

/// The Apple half of `MeditationEffects`: the bundled bell (`bell.wav`, CC0, App/RESOURCES.md),
/// haptics, keeping the screen awake, and the end-of-session notification. Decisions about
/// when each happens are `MeditationTimerModel`'s, tested on Linux.
@MainActor
final class MeditationEffectsAdapter: MeditationEffects {
    static let endNotificationID = "reset.meditation.end"
    private var player: AVAudioPlayer?
    private let haptics = UINotificationFeedbackGenerator()

    func playBell() {
        guard let url = Bundle.main.url(forResource: "bell", withExtension: "wav") else { return }
        // `.ambient` mixes with other audio and respects the silent switch: a bell, not an alarm.
        try? AVAudioSession.sharedInstance().setCategory(.ambient)
        player = try? AVAudioPlayer(contentsOf: url)
        player?.play()
    }

    func haptic(starting: Bool) {
        haptics.notificationOccurred(starting ? .success : .warning)
    }

    func keepScreenAwake(_ on: Bool) {
        UIApplication.shared.isIdleTimerDisabled = on
    }

    func scheduleEndNotification(at date: Date) {
        let content = UNMutableNotificationContent()
        // Generic text: nothing about how the person is doing.
        content.title = "Session complete"
        content.body = "Your meditation time is up."
        content.sound = UNNotificationSound(named: UNNotificationSoundName("bell.wav"))
        content.interruptionLevel = .active
        let interval = max(1, date.timeIntervalSinceNow)
        let trigger = UNTimeIntervalNotificationTrigger(timeInterval: interval, repeats: false)
        let request = UNNotificationRequest(identifier: Self.endNotificationID, content: content, trigger: trigger)
        UNUserNotificationCenter.current().add(request)
    }

    /// Asks for permission the first time (iOS shows its prompt only while undetermined);
    /// without it `add` drops the end notification silently (F11). Goes through ResetKit's
    /// `UserNotificationCentre` (Sendable), the same adapter the reminders use.
    func allowEndNotification() async -> Bool {
        let centre = UserNotificationCentre()
        var permission = await centre.permission()
        if permission == .notDetermined { permission = (try? await centre.requestPermission()) ?? .denied }
        return permission.allowsScheduling
    }

    func cancelEndNotification() {
        let centre = UNUserNotificationCenter.current()
        centre.removePendingNotificationRequests(withIdentifiers: [Self.endNotificationID])
        centre.removeDeliveredNotifications(withIdentifiers: [Self.endNotificationID])
    }
}
