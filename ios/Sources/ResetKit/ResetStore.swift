import Dispatch
import Foundation
@_exported import ResetCore

/// The app's handle on one encrypted profile.
///
/// An actor, so every call into the core runs off the main thread and callers simply
/// `try await`. Each call is milliseconds; domain logic stays in the Rust core.
///
/// On Apple platforms the actor runs on a serial dispatch queue of its own (iOS 17's
/// `DispatchSerialQueue` is a `SerialExecutor`), not on Swift concurrency's cooperative pool: a
/// backup (Argon2id), a restore or a PDF export holds the core for seconds, and that should
/// block this store's queue, not one of the few threads every task shares. On Linux (tests)
/// the default executor is used: corelibs Dispatch has no `DispatchSerialQueue`, and a
/// hand-written `SerialExecutor` crashed Swift 6.0.3's runtime here.
public actor ResetStore {
    #if canImport(Darwin)
        private let queue = DispatchSerialQueue(label: "app.resetcompanion.store", qos: .userInitiated)
        public nonisolated var unownedExecutor: UnownedSerialExecutor { queue.asUnownedSerialExecutor() }
    #endif

    /// The generated FFI object. Internal to ResetKit (tests reach it with `@testable`): every
    /// call from the apps goes through the actor, so none runs on the main thread (issue 19, F13).
    nonisolated let companion: Companion

    /// Opens (creating and migrating if needed) the profile at `databaseURL`.
    ///
    /// - Throws: `ResetError.WrongKey` if `key` does not open the file, `ResetError.UnsupportedVersion`
    ///   if a newer app wrote it — in both cases the file is untouched.
    public init(databaseURL: URL, key: Data, timeZone: TimeZone = .current, clock: Clock = SystemClock()) throws {
        let config = CompanionConfig(
            databasePath: databaseURL.path,
            key: key,
            timeZone: timeZone.identifier
        )
        companion = try openCompanion(config: config, clock: clock)
    }

    /// Opens the profile off the caller's actor: the key read (Keychain IPC), the SQLCipher open
    /// and any migration never run on the main thread. Prefer this to the initialisers, which
    /// run synchronously where they are called (SE-0327).
    public static func open(
        databaseURL: URL, keyProvider: DatabaseKeyProvider, timeZone: TimeZone = .current, clock: Clock = SystemClock()
    ) async throws -> ResetStore {
        try await Task.detached {
            try ResetStore(databaseURL: databaseURL, keyProvider: keyProvider, timeZone: timeZone, clock: clock)
        }.value
    }

    /// Opens the profile with the key from `keyProvider` (the Keychain in the app).
    public init(databaseURL: URL, keyProvider: DatabaseKeyProvider, timeZone: TimeZone = .current, clock: Clock = SystemClock()) throws {
        try self.init(databaseURL: databaseURL, key: try keyProvider.databaseKey(), timeZone: timeZone, clock: clock)
    }

    /// Path, schema version, zone and record counts.
    public func status() throws -> Status { try companion.status() }

    /// Today's local date for the person (year, month, day).
    public func today() throws -> DateComponents { try companion.today() }

    /// Call when `NSSystemTimeZoneDidChange` fires.
    public func setTimeZone(_ zone: TimeZone) throws { try companion.setTimeZone(zone: zone.identifier) }

    /// Stores a small named preference inside the encrypted profile.
    public func setPreference(_ name: String, _ value: String) throws {
        try companion.setPreference(name: name, value: value)
    }

    /// The preference stored under `name`.
    public func preference(_ name: String) throws -> String? { try companion.preference(name: name) }

    /// Removes a preference, e.g. `region` back to automatic.
    public func clearPreference(_ name: String) throws { try companion.clearPreference(name: name) }

    /// Closes the database; later calls throw `ResetError.Conflict`.
    public func close() { companion.close() }

    /// Deletes the profile's files. The caller must also delete the key.
    public func eraseAll() throws { try companion.eraseAll() }
}

/// The device clock, handed to the core so it never reads the host clock itself.
public final class SystemClock: Clock {
    public init() {}
    public func instant() -> Date { Date() }
}

/// A clock pinned to one instant: previews, tests and UI snapshots.
public final class FixedClock: Clock {
    private let date: Date
    public init(_ date: Date) { self.date = date }
    public func instant() -> Date { date }
}

/// The generated `LocalizedError.errorDescription` is `String(reflecting: self)`, which without
/// this would be a debug dump of the enum (`ResetError.InvalidInput(field: …)`) in any `.alert`
/// that shows `error.localizedDescription` (API review F7). `String(reflecting:)` uses
/// `debugDescription`, so this makes it the safe text: the kind, the field for invalid input, and
/// the core's reason, which never contains user content. Screens still show `UserMessage`.
extension ResetError: CustomDebugStringConvertible {
    public var debugDescription: String {
        let kind = errorKindName(kind: self.kind)
        switch self {
        case let .InvalidInput(field, reason): return "\(kind) (\(field)): \(reason)"
        case let .NotFound(reason), let .Conflict(reason), let .WrongKey(reason), let .Corrupt(reason),
            let .UnsupportedVersion(reason), let .Storage(reason), let .Internal(reason):
            return "\(kind): \(reason)"
        }
    }
}

extension ResetError {
    /// The stable kind, for `switch`ing without matching every associated value.
    public var kind: ErrorKind {
        switch self {
        case .InvalidInput: return .invalidInput
        case .NotFound: return .notFound
        case .Conflict: return .conflict
        case .WrongKey: return .wrongKey
        case .Corrupt: return .corrupt
        case .UnsupportedVersion: return .unsupportedVersion
        case .Storage: return .storage
        case .Internal: return .internal
        }
    }

    /// The field an `InvalidInput` error names, else `nil`.
    public var field: String? {
        if case let .InvalidInput(field, _) = self { return field }
        return nil
    }
}
