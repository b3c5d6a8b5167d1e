import Foundation
@_exported import ResetKit

// What every screen model shares: a loading state, error copy for people, and display names for
// the core's vocabularies. This module holds one `@Observable @MainActor` model per screen and is
// built and tested on Linux; the SwiftUI views in ios/App only render these models. It must never
// score, band, plan, or decide progression: every such answer comes from ResetKit (the core).

/// A screen's data: not loaded yet, loading, loaded, or failed with copy to show.
public enum Loadable<Value: Equatable>: Equatable {
    case idle
    case loading
    case loaded(Value)
    case failed(UserMessage)

    /// The loaded value, if any.
    public var value: Value? {
        if case let .loaded(value) = self { return value }
        return nil
    }
}

/// An error in words for people: a title, what to do, and the form field to highlight.
public struct UserMessage: Equatable, Sendable {
    public let title: String
    public let detail: String
    /// For invalid input: the core's field name (`mood`, `answers[8]`, `passphrase`).
    public let field: String?

    public init(title: String, detail: String, field: String? = nil) {
        self.title = title
        self.detail = detail
        self.field = field
    }

    /// Copy for any error thrown by ResetKit. Core reasons never contain user content, so they
    /// may be shown; internal errors are not, as they mean nothing to the person.
    public init(_ error: Error) {
        guard let reset = error as? ResetError else {
            self.init(title: "Something went wrong", detail: "Please try again.")
            return
        }
        switch reset {
        case let .InvalidInput(field, reason):
            self.init(title: "Please check this", detail: reason, field: field)
        case let .NotFound(reason):
            self.init(title: "Not found", detail: reason)
        case let .Conflict(reason):
            self.init(title: "That can't be done right now", detail: reason)
        case .WrongKey:
            self.init(title: "Can't unlock your data", detail: "The key or passphrase doesn't match.")
        case .Corrupt:
            self.init(title: "The file is damaged", detail: "It can't be read. Nothing was changed.")
        case .UnsupportedVersion:
            self.init(title: "Made by a newer version", detail: "Update Reset Companion to open it. Nothing was changed.")
        case .Storage:
            self.init(title: "Couldn't save", detail: "Your device may be out of space. Nothing was changed.")
        case .Internal:
            self.init(title: "Something went wrong", detail: "Please try again. If it keeps happening, restart the app.")
        }
    }
}

/// Runs `body` and returns its error as copy, or `nil` when it succeeded (screens keep the
/// result in their `error` property).
@MainActor
public func failure(of body: () async throws -> Void) async -> UserMessage? {
    do {
        try await body()
        return nil
    } catch {
        return UserMessage(error)
    }
}

/// Words the case-splitting below would get wrong: the core's `checkin` is a "Check-in".
private let displayNameExceptions = ["checkin": "Check-in", "checkins": "Check-ins"]

/// Turns a core code or case name into words: `currentEvents` → "Current events".
public func displayName(_ value: Any) -> String {
    let raw = String(describing: value)
    if let exception = displayNameExceptions[raw] { return exception }
    var words = ""
    for character in raw {
        if character == "_" {
            words.append(" ")
            continue
        }
        if character.isUppercase, !words.isEmpty { words.append(" ") }
        words.append(contentsOf: character.lowercased())
    }
    return words.prefix(1).uppercased() + words.dropFirst()
}

/// Something the screens call after an activity, so reminders re-plan (skip-if-done) — the
/// app passes its `ReminderScheduler`; tests pass a recorder.
@MainActor
public protocol ActivityObserver: AnyObject {
    /// An activity was stored in the core.
    func activityRecorded() async
}

#if os(Linux)
    // swiftlang/swift#75670: Linux's libswiftObservation (Swift 6.0) references
    // swift::threading::fatal but does not define it, so every binary using Observation fails to
    // link. Defining it here is the documented workaround until the toolchain ships the fix
    // (swiftlang/swift#85306). It is only reached on a fatal threading error.
    @_cdecl("_ZN5swift9threading5fatalEPKcz")
    public func resetObservationThreadingFatal() -> Never {
        fatalError("Swift threading library: fatal error")
    }
#endif
