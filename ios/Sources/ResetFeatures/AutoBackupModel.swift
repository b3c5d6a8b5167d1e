import Foundation
import Observation

/// Where the app keeps the recovery key: the Keychain in the app (`RecoveryKeyVault`), memory
/// in tests and previews. During a key rotation a second, pending key is kept beside the
/// current one until the commit.
public protocol RecoveryKeyStoring: Sendable {
    func read() throws -> String?
    func save(_ key: String) throws
    func delete() throws
    func readPending() throws -> String?
    func savePending(_ key: String) throws
    func deletePending() throws
}

extension RecoveryKeyStoring {
    /// After a commit: the pending key becomes the current one. Killed in between, both hold
    /// the new key and the next settle promotes again.
    public func promotePending() throws {
        guard let pending = try readPending() else { return }
        try save(pending)
        try deletePending()
    }
}

extension RecoveryKeyVault: RecoveryKeyStoring {}

/// The automatic-backup settings screen and its one-time key ceremony (issue 21).
///
/// Turning on makes the recovery key (the core), stores it in the Keychain *before* showing it,
/// shows it in groups of four, and asks for two of the groups again before the ceremony is done
/// — a person who did not write it down cannot finish by tapping "OK". Showing the key again is
/// behind device authentication (`authenticate`, LocalAuthentication in the app).
@MainActor
@Observable
public final class AutoBackupSettingsModel {
    public enum State: Equatable {
        case loading
        case off
        case on(AutoBackupStatus)
        /// A key rotation was interrupted after its new key was stored and before the person
        /// confirmed it: show it again (after authentication) to finish, or cancel.
        case rotationAwaitingConfirmation
        /// The key is shown; the person writes it down.
        case showingKey(groups: [String])
        /// The person re-enters the groups at `positions` (0-based) of the key just shown.
        case confirmingKey(positions: [Int])
        case failed(UserMessage)
    }

    public private(set) var state: State = .loading
    /// What the person typed for each asked group, in `positions` order.
    public var confirmation: [String] = ["", ""]
    private var pendingKey: String?
    /// Which ceremony `pendingKey` belongs to: turning on, or a rotation (committed on confirm).
    private var rotating = false
    private let store: ResetStore
    private let folder: URL
    private let keys: RecoveryKeyStoring
    private let authenticate: @Sendable () async -> Bool
    private let choosePositions: @Sendable (Int) -> [Int]

    /// - Parameters:
    ///   - authenticate: asks the device owner to authenticate (Face ID / passcode) before the
    ///     key is shown again; `false` keeps it hidden.
    ///   - choosePositions: which two of `n` groups to ask for (random in the app).
    public init(
        store: ResetStore,
        folder: URL,
        keys: RecoveryKeyStoring,
        authenticate: @escaping @Sendable () async -> Bool,
        choosePositions: @escaping @Sendable (Int) -> [Int] = { n in Array((0..<n).shuffled().prefix(2)).sorted() }
    ) {
        self.store = store
        self.folder = folder
        self.keys = keys
        self.authenticate = authenticate
        self.choosePositions = choosePositions
    }

    /// Settles an interrupted key rotation, then reads the switch and the files.
    public func load() async {
        do {
            let runner = AutoBackupRunner(store: store, folder: folder, keys: keys)
            if try await runner.settle() == .awaitingConfirmation {
                state = .rotationAwaitingConfirmation
                return
            }
            let status = try await store.autoBackupStatus(folder: folder)
            state = status.enabled ? .on(status) : .off
        } catch {
            state = .failed(UserMessage(error))
        }
    }

    /// "Rotate the key": after device authentication, a new key is prepared (backups stay
    /// under the current one), stored as pending, then shown; the same two-group confirmation
    /// as turning on commits it. Cancelling discards it.
    public func rotate() async {
        guard case .on = state, await authenticate() else { return }
        do {
            guard let current = try keys.read() else {
                state = .failed(
                    UserMessage(
                        title: "No recovery key on this device",
                        detail: "Turn automatic backups off and on again to make a new key."))
                return
            }
            let prepared = try await store.prepareRecoveryKeyRotation(folder: folder, currentKey: current)
            do {
                try keys.savePending(prepared.recoveryKey)
            } catch {
                // Never show a key that is not stored: the rotation is abandoned instead.
                _ = try? await store.discardRecoveryKeyRotation(folder: folder)
                throw error
            }
            begin(key: prepared.recoveryKey, rotating: true)
        } catch {
            state = .failed(UserMessage(error))
        }
    }

    /// Resumes an interrupted rotation's ceremony: the pending key again, after authentication.
    public func resumeRotation() async {
        guard state == .rotationAwaitingConfirmation, await authenticate() else { return }
        do {
            guard let pending = try keys.readPending() else { return await load() }
            begin(key: pending, rotating: true)
        } catch {
            state = .failed(UserMessage(error))
        }
    }

    /// Cancels a rotation's ceremony: the new key is discarded, the current one stays.
    public func cancelRotation() async {
        guard rotating || state == .rotationAwaitingConfirmation else { return }
        do {
            try await store.discardRecoveryKeyRotation(folder: folder)
            try keys.deletePending()
            pendingKey = nil
            rotating = false
            await load()
        } catch {
            state = .failed(UserMessage(error))
        }
    }

    private func begin(key: String, rotating: Bool) {
        pendingKey = key
        self.rotating = rotating
        state = .showingKey(groups: Self.groups(key))
    }

    /// Turns automatic backups on: the key is stored first, then shown.
    public func turnOn() async {
        do {
            let key = try await store.turnOnAutoBackup(folder: nil)
            do {
                try keys.save(key)
            } catch {
                // Without a stored key the daily runs cannot happen: undo rather than half-on.
                _ = try? await store.turnOffAutoBackup(folder: nil, deleteFiles: false)
                throw error
            }
            begin(key: key, rotating: false)
        } catch {
            state = .failed(UserMessage(error))
        }
    }

    /// "I've written it down": ask for two groups again.
    public func wroteItDown() {
        guard case let .showingKey(groups) = state else { return }
        confirmation = ["", ""]
        state = .confirmingKey(positions: choosePositions(groups.count))
    }

    /// Checks the re-entered groups (case and spaces do not matter); wrong ones go back to the key.
    public func confirm() async {
        guard case let .confirmingKey(positions) = state, let key = pendingKey else { return }
        let groups = Self.groups(key)
        let typed = confirmation.map { $0.uppercased().filter { !$0.isWhitespace && $0 != "-" } }
        guard typed == positions.map({ groups[$0] }) else {
            state = .showingKey(groups: groups)
            return
        }
        pendingKey = nil
        confirmation = ["", ""]
        do {
            if rotating {
                guard let current = try keys.read() else { throw AutoBackupRunner.Failure.noKey }
                try await store.commitRecoveryKeyRotation(folder: folder, currentKey: current, newKey: key)
                try keys.promotePending()
                rotating = false
            } else {
                try await store.runAutoBackupIfDue(folder: folder, recoveryKey: key)
            }
        } catch {
            state = .failed(UserMessage(error))
            return
        }
        await load()
    }

    /// Shows the key again, only after the device owner authenticated.
    public func showKeyAgain() async {
        guard case .on = state, await authenticate() else { return }
        do {
            guard let key = try keys.read() else {
                state = .failed(UserMessage(title: "No recovery key on this device", detail: "Rotate the key to make a new one."))
                return
            }
            state = .showingKey(groups: Self.groups(key))
        } catch {
            state = .failed(UserMessage(error))
        }
    }

    /// Back from the key without a ceremony (it was shown again, not made).
    public func doneShowingKey() async {
        guard pendingKey == nil else { return }
        await load()
    }

    /// Turns automatic backups off; with `deleteFiles`, the files and the stored key go too.
    public func turnOff(deleteFiles: Bool) async {
        do {
            try await store.turnOffAutoBackup(folder: folder, deleteFiles: deleteFiles)
            if deleteFiles { try keys.delete() }
            await load()
        } catch {
            state = .failed(UserMessage(error))
        }
    }

    /// A key written in groups of four.
    static func groups(_ key: String) -> [String] {
        key.split(separator: "-").map(String.init)
    }
}

/// The first-launch offer (issue 21): no profile yet, and the platform restored automatic
/// backups into the folder — "Restore from your automatic backup" with the recovery key.
@MainActor
@Observable
public final class AutoBackupRestoreOffer {
    public enum State: Equatable {
        /// Nothing to offer: start fresh.
        case none
        /// Backups were found; the newest was written at `newest`.
        case offering(count: Int, newest: Date)
        case restoring
        /// Restored; `skipped` names newer files that were damaged (said, not hidden).
        case restored(AutoRestoreSummary)
        case failed(UserMessage)
    }

    public private(set) var state: State = .none
    public var typedKey = ""
    /// Whether the offer takes the screen (before the first-run screen): anything but `.none`.
    public var isShown: Bool { state != .none }
    private let store: ResetStore
    private let folder: URL
    private let keys: RecoveryKeyStoring

    public init(store: ResetStore, folder: URL, keys: RecoveryKeyStoring) {
        self.store = store
        self.folder = folder
        self.keys = keys
    }

    /// Looks for automatic backups; offers them only to a profile with nothing in it.
    public func check() async {
        do {
            let status = try await store.status()
            let files = try await store.listAutoBackups(folder: folder)
            let empty = status.counts.values.allSatisfy { $0 == 0 }
            if empty, let newest = files.first {
                state = .offering(count: files.count, newest: newest.createdAt)
            } else {
                state = .none
            }
        } catch {
            state = .failed(UserMessage(error))
        }
    }

    /// Why "Restore" is disabled: the key must look like a recovery key (its checksum catches typos).
    public var restoreBlocker: String? {
        normalizedRecoveryKey(typedKey) == nil ? "Type the 28-character recovery key you wrote down." : nil
    }

    /// Restores the newest usable backup and keeps the key so daily backups go on.
    public func restore() async {
        guard case .offering = state, let key = normalizedRecoveryKey(typedKey) else { return }
        state = .restoring
        do {
            let summary = try await store.restoreAutoBackup(from: folder, recoveryKey: key)
            try keys.save(key)
            typedKey = ""
            state = .restored(summary)
        } catch let error as ResetError where error.kind == .wrongKey {
            state = .failed(
                UserMessage(
                    title: "Wrong recovery key", detail: "That key doesn't open these backups. Nothing was changed.",
                    field: "recovery_key"))
        } catch {
            state = .failed(UserMessage(error))
        }
    }

    /// Back to the offer after a failure (the typed key stays for correcting).
    public func retry() async { await check() }

    /// "Start fresh instead".
    public func decline() { state = .none }
}
