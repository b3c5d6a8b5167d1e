import Foundation
import Observation

/// Opens the profile at launch and, when it cannot be opened (wrong or missing key, damaged
/// file, written by a newer version), offers the ways forward the "can't open" screen shows:
/// try again, restore from an encrypted backup, or — after a confirmation — start over.
///
/// Nothing is lost on bad input: a restore is first verified in full into a throw-away profile
/// (wrong passphrase, damaged or newer file → an explanation, the unreadable profile untouched),
/// and only then replaces it. Starting over deletes the profile and its key only after
/// `confirmStartOver()`.
@MainActor
@Observable
public final class ProfileGate {
    public enum Phase: Equatable {
        case opening
        /// The profile is open: `store` is set.
        case open
        /// It could not be opened; the message says why (the core's kind, in words).
        case failed(UserMessage)
        /// "Start over?" is on screen.
        case confirmingStartOver(UserMessage)
        /// A restore or a start-over is running.
        case working
    }

    public private(set) var phase: Phase = .opening
    public private(set) var store: ResetStore?
    /// Why the last restore attempt failed (the profile is unchanged).
    public private(set) var restoreError: UserMessage?
    /// Bumped each time a (new) store opens, so every screen reloads.
    public private(set) var generation = 0

    public let location: ProfileLocation
    private let keyProvider: DatabaseKeyProvider
    private let timeZone: () -> TimeZone
    private let clock: Clock
    private let scratchFolder: URL

    /// - Parameters:
    ///   - scratchFolder: where a restore is verified before it replaces anything.
    public init(
        location: ProfileLocation, keyProvider: DatabaseKeyProvider, timeZone: @escaping () -> TimeZone = { .current },
        clock: Clock = SystemClock(),
        scratchFolder: URL = FileManager.default.temporaryDirectory.appendingPathComponent("restore-check", isDirectory: true)
    ) {
        self.location = location
        self.keyProvider = keyProvider
        self.timeZone = timeZone
        self.clock = clock
        self.scratchFolder = scratchFolder
    }

    /// Opens (or reopens: "Try again", after erase-all) the profile.
    public func open() {
        do {
            try location.prepare()
            store = try ResetStore(databaseURL: location.databaseURL, keyProvider: keyProvider, timeZone: timeZone(), clock: clock)
            generation += 1
            phase = .open
        } catch {
            store = nil
            phase = .failed(Self.message(error))
        }
    }

    /// "Start over": asks first.
    public func requestStartOver() {
        guard case let .failed(message) = phase else { return }
        phase = .confirmingStartOver(message)
    }

    /// "Cancel" on the question: back to the explanation, nothing changed.
    public func cancelStartOver() {
        guard case let .confirmingStartOver(message) = phase else { return }
        phase = .failed(message)
    }

    /// "Delete and start over": deletes the unreadable profile and its key, opens a new one.
    public func confirmStartOver() {
        guard case .confirmingStartOver = phase else { return }
        phase = .working
        removeProfile()
        open()
    }

    /// Restores `backup` (a copy the app owns) in place of the profile that cannot be opened.
    /// The backup is verified in full first; if that fails the profile is untouched and
    /// `restoreError` says why.
    public func restore(from backup: URL, passphrase: String) async {
        switch phase {
        case .failed, .confirmingStartOver: break
        case .opening, .open, .working: return
        }
        let previous = phase
        phase = .working
        restoreError = nil
        do {
            try await verify(backup, passphrase: passphrase)
        } catch {
            restoreError = BackupModel.message(error)
            phase = previous
            return
        }
        removeProfile()
        open()
        guard let store else { return }
        do {
            try await store.restoreBackup(from: backup, passphrase: passphrase)
        } catch {
            restoreError = BackupModel.message(error)
        }
    }

    /// Restores into a throw-away profile with a throw-away key: the core verifies everything
    /// (passphrase, integrity, version) before it replaces anything, so a success here means the
    /// real restore will succeed.
    private func verify(_ backup: URL, passphrase: String) async throws {
        try? FileManager.default.removeItem(at: scratchFolder)
        try FileManager.default.createDirectory(at: scratchFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratchFolder) }
        let scratch = try ResetStore(
            databaseURL: scratchFolder.appendingPathComponent(ProfileLocation.databaseName),
            key: try makeRandomDatabaseKey(), timeZone: timeZone(), clock: clock
        )
        try await scratch.restoreBackup(from: backup, passphrase: passphrase)
        await scratch.close()
    }

    private func removeProfile() {
        try? FileManager.default.removeItem(at: location.directory)
        try? keyProvider.deleteKey()
    }

    /// Copy for a profile that cannot be opened.
    static func message(_ error: Error) -> UserMessage {
        switch (error as? ResetError)?.kind {
        case .wrongKey?:
            return UserMessage(
                title: "Can't unlock your data",
                detail: "This iPhone's key no longer opens your profile. Restore from an encrypted backup, or start over."
            )
        case .corrupt?:
            return UserMessage(title: "Your data is damaged", detail: "It can't be read. Restore from an encrypted backup, or start over.")
        case .unsupportedVersion?:
            return UserMessage(title: "Made by a newer version", detail: "Update Reset Companion to open your data. Nothing was changed.")
        default:
            return UserMessage(
                title: "Can't open your data", detail: "Try again. If it keeps happening, restore from a backup or start over.")
        }
    }
}
