import Foundation

/// The app's top-level places, and where a notification's deep link leads.
///
/// The core writes the deep links into each planned notification (`resetcompanion://meditation`,
/// `…://checkin`, `…://journal`, `…://programme`, `…://assessment`); the app maps them to a tab.
/// Unknown links open Today rather than failing.
public enum AppRoute: Hashable, CaseIterable, Sendable {
    case today, journal, practice, assessments, settings

    /// The scheme the core's deep links use.
    public static let scheme = "resetcompanion"

    /// The tab a deep link opens.
    public init(deepLink url: URL) {
        guard url.scheme == Self.scheme else {
            self = .today
            return
        }
        switch url.host ?? "" {
        case "journal": self = .journal
        case "meditation", "programme": self = .practice
        case "assessment": self = .assessments
        case "settings": self = .settings
        default: self = .today
        }
    }
}
