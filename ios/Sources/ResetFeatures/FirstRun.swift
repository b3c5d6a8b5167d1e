import Foundation

/// The first-run screen: what the app is (a complement to professional care, never a
/// replacement), where help is, and that everything stays on the phone. Shown once per
/// profile: again after erase-all.
///
/// The "seen" flag is the app's own UserDefaults entry (PrivacyInfo.xcprivacy, reason CA92.1);
/// it holds nothing about the person.
@MainActor
public struct FirstRun {
    public static let defaultsKey = "firstRun.seen"

    /// The screen's points, in order.
    public static let points: [(symbol: String, text: String)] = [
        (
            "heart.text.square",
            "Reset Companion helps you look after your mental health between sessions — check-ins, journaling, questionnaires, programmes and meditation."
        ),
        (
            "person.2",
            "It complements professional care; it does not replace it. It does not diagnose, and your therapist or doctor stays the person to talk to about treatment."
        ),
        ("lifepreserver", "If you are in crisis, tap Get help now on any screen for phone and text services in your region."),
        ("lock", "Everything stays encrypted on this device. Nothing is sent anywhere unless you export or back it up yourself."),
    ]

    private let defaults: UserDefaults

    public init(defaults: UserDefaults = .standard) { self.defaults = defaults }

    /// Whether the screen is due.
    public var isDue: Bool { !defaults.bool(forKey: Self.defaultsKey) }

    /// "I understand": not shown again for this profile.
    public func finish() { defaults.set(true, forKey: Self.defaultsKey) }

    /// After erase-all: shown again for the new profile.
    public func reset() { defaults.removeObject(forKey: Self.defaultsKey) }
}
