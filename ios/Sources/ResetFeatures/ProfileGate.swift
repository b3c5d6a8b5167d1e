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
///
/// Opening reads the Keychain and opens, keys and migrates the SQLCipher file: that runs off the
/// main actor (`openStore`), so a slow Keychain or a long migration never blocks a frame
/// (issue 19, F1). The copy of a picked backup belongs to the gate, not to a view: it is
/// deleted only once the restore has finished (F3). A Keychain that cannot be read yet (the
/// device was restarted and not unlocked) is its own state, without "start over", retried when
/// the app becomes active (F12).
@MainActor
@Observable
public final class ProfileGate {
    public enum Phase: Equatable {
        case opening
        /// The profile is open: `store` is set.
        case open
        /// It could not be opened; the message says why (the core's kind, in words).
        case failed(UserMessage)
        /// The key cannot be read until the device is unlocked: no start-over is offered, and
        /// `sceneDidBecomeActive()` tries again.
        case waitingForUnlock(UserMessage)
        /// "Start over?" is on screen.
        case confirmingStartOver(UserMessage)
        /// A restore or a start-over is running; the message is the problem being fixed, so
        /// the "can't open" screen stays (with progress) instead of being replaced.
        case working(UserMessage)
    }

    public private(set) var phase: Phase = .opening
    public private(set) var store: ResetStore?
    /// Why the last restore attempt failed.
    public private(set) var restoreError: UserMessage?
    /// The gate's own copy of the backup the person picked, waiting for its passphrase.
    public private(set) var pickedBackup: URL?
    /// The picked file's name, to show.
    public private(set) var pickedName: String?
    /// Bumped each time a (new) store opens, so every screen reloads.
    public private(set) var generation = 0

    public let location: ProfileLocation
    /// Where the picked backup is copied (removed after the restore, and at launch).
    public let restoreCopyFolder: URL
    private let keyProvider: DatabaseKeyProvider
    private let timeZone: () -> TimeZone
    private let clock: Clock
    private let scratchFolder: URL

    /// - Parameters:
    ///   - scratchFolder: where a restore is verified before it replaces anything.
    ///   - restoreCopyFolder: where the picked backup is copied.
    public init(
        location: ProfileLocation, keyProvider: DatabaseKeyProvider, timeZone: @escaping () -> TimeZone = { .current },
        clock: Clock = SystemClock(),
        scratchFolder: URL = FileManager.default.temporaryDirectory.appendingPathComponent("restore-check", isDirectory: true),
        restoreCopyFolder: URL = TemporaryFiles.profileRestore
    ) {
        self.location = location
        self.keyProvider = keyProvider
        self.timeZone = timeZone
        self.clock = clock
        self.scratchFolder = scratchFolder
        self.restoreCopyFolder = restoreCopyFolder
    }

    /// The problem on screen, in every phase that shows the "can't open" screen.
    public var problem: UserMessage? {
        switch phase {
        case .opening, .open: return nil
        case let .failed(message), let .waitingForUnlock(message), let .confirmingStartOver(message), let .working(message):
            return message
        }
    }

    /// Whether "Start over" is offered (never while the key is merely not readable yet).
    public var offersStartOver: Bool {
        switch phase {
        case .failed, .confirmingStartOver: return true
        default: return false
        }
    }

    /// Opens (or reopens: "Try again", after erase-all) the profile, off the main actor.
    public func open() async {
        let opened = await Self.openStore(location: location, keyProvider: keyProvider, timeZone: timeZone(), clock: clock)
        switch opened {
        case let .success(store):
            self.store = store
            generation += 1
            phase = .open
        case let .failure(error):
            store = nil
            phase = Self.isKeyUnavailableUntilUnlock(error) ? .waitingForUnlock(Self.unlockMessage) : .failed(Self.message(error))
        }
    }

    /// The app became active: if the key was not readable before the device was unlocked,
    /// try again now (nothing for the person to do).
    public func sceneDidBecomeActive() async {
        guard case .waitingForUnlock = phase else { return }
        await open()
    }

    /// Reads the key and opens the store on the global executor: the Keychain call is
    /// synchronous IPC and the open keys and migrates the file. (Swift 6.0/6.1 rules: a
    /// nonisolated async function leaves the caller's actor. Under Swift 6.2's
    /// NonisolatedNonsendingByDefault it would stay on the caller — mark it `@concurrent` then.)
    nonisolated static func openStore(
        location: ProfileLocation, keyProvider: DatabaseKeyProvider, timeZone: TimeZone, clock: Clock
    ) async -> Result<ResetStore, Error> {
        Result {
            try location.prepare()
            return try ResetStore(databaseURL: location.databaseURL, keyProvider: keyProvider, timeZone: timeZone, clock: clock)
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
    public func confirmStartOver() async {
        guard case let .confirmingStartOver(message) = phase else { return }
        phase = .working(message)
        await Self.removeProfile(location, keyProvider)
        discardPickedBackup()
        await open()
    }

    /// Copies the file the person picked (readable only inside the picker's security scope)
    /// into the gate's own folder. Nothing else changes until `restore(passphrase:)`.
    public func importBackup(_ picked: URL) {
        let copy = restoreCopyFolder.appendingPathComponent("unreadable-restore.resetbackup")
        do {
            try? FileManager.default.removeItem(at: restoreCopyFolder)
            try FileManager.default.createDirectory(at: restoreCopyFolder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: picked, to: copy)
            pickedBackup = copy
            pickedName = picked.lastPathComponent
            restoreError = nil
        } catch {
            discardPickedBackup()
            restoreError = UserMessage(title: "Couldn't read that file", detail: "Choose the backup again. Nothing was changed.")
        }
    }

    /// Forgets the picked backup and deletes the gate's copy.
    public func discardPickedBackup() {
        try? FileManager.default.removeItem(at: restoreCopyFolder)
        pickedBackup = nil
        pickedName = nil
    }

    /// Restores the picked backup in place of the profile that cannot be opened. The backup is
    /// verified in full first; if that fails the profile is untouched, `restoreError` says why
    /// and the copy stays for another passphrase. The copy is deleted once the restore is done.
    public func restore(passphrase: String) async {
        guard let backup = pickedBackup else { return }
        switch phase {
        case let .failed(message), let .confirmingStartOver(message): await restore(backup, passphrase, message)
        case .opening, .open, .waitingForUnlock, .working: return
        }
    }

    private func restore(_ backup: URL, _ passphrase: String, _ message: UserMessage) async {
        phase = .working(message)
        restoreError = nil
        do {
            try await verify(backup, passphrase: passphrase)
        } catch {
            restoreError = BackupModel.message(error)
            phase = .failed(message)
            return
        }
        // The fresh profile is opened and restored before anything is published: the screen
        // keeps showing progress, never an empty app (review 2, R1).
        await Self.removeProfile(location, keyProvider)
        let fresh: ResetStore
        switch await Self.openStore(location: location, keyProvider: keyProvider, timeZone: timeZone(), clock: clock) {
        case let .success(store): fresh = store
        case .failure:
            restoreError = UserMessage(title: "The backup couldn't be put in place", detail: "Try again; the backup is still here.")
            phase = .failed(message)
            return
        }
        do {
            try await fresh.restoreBackup(from: backup, passphrase: passphrase)
            discardPickedBackup()
            store = fresh
            generation += 1
            phase = .open
        } catch {
            // Verified, yet the real restore failed (storage full?): no empty profile left open
            // as if all were well — back to the explanation, the copy kept for another try.
            await fresh.close()
            await Self.removeProfile(location, keyProvider)
            restoreError = BackupModel.message(error)
            phase = .failed(message)
        }
    }

    /// Restores into a throw-away profile with a throw-away key: the core verifies everything
    /// (passphrase, integrity, version) before it replaces anything, so a success here means the
    /// real restore will succeed.
    private func verify(_ backup: URL, passphrase: String) async throws {
        let scratch = try await Self.openScratch(scratchFolder, timeZone: timeZone(), clock: clock)
        defer { try? FileManager.default.removeItem(at: scratchFolder) }
        try await scratch.restoreBackup(from: backup, passphrase: passphrase)
        await scratch.close()
    }

    nonisolated private static func openScratch(_ folder: URL, timeZone: TimeZone, clock: Clock) async throws -> ResetStore {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try ResetStore(
            databaseURL: folder.appendingPathComponent(ProfileLocation.databaseName), key: try makeRandomDatabaseKey(),
            timeZone: timeZone, clock: clock)
    }

    nonisolated private static func removeProfile(_ location: ProfileLocation, _ keyProvider: DatabaseKeyProvider) async {
        try? FileManager.default.removeItem(at: location.directory)
        try? keyProvider.deleteKey()
    }

    /// `errSecInteractionNotAllowed`: the Keychain item is `AfterFirstUnlock…` and the device
    /// has not been unlocked since it restarted (e.g. a notification action right after a reboot).
    public static let keychainInteractionNotAllowed: Int32 = -25308

    /// Whether `error` only means "not readable until the device is unlocked".
    static func isKeyUnavailableUntilUnlock(_ error: Error) -> Bool {
        (error as? KeyProviderError) == .keychain(status: keychainInteractionNotAllowed)
    }

    /// Copy while the key waits for the device to be unlocked: nothing is wrong with the data.
    static let unlockMessage = UserMessage(
        title: "Unlock your device to open your data",
        detail: "Your data is safe. It opens once this device has been unlocked after restarting.")

    /// Copy for a profile that cannot be opened.
    static func message(_ error: Error) -> UserMessage {
        switch (error as? ResetError)?.kind {
        case .wrongKey?:
            return UserMessage(
                title: "Can't unlock your data",
                detail: "This device's key no longer opens your profile. Restore from an encrypted backup, or start over."
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
