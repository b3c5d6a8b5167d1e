import Foundation
import ResetKit

/// The daily automatic backup (issue 21): what the app runs after the first use each day and
/// what the `BGAppRefreshTask` handler runs (`ios/App/Sources/AutoBackupTask.swift`). Settles
/// a key rotation a kill interrupted first (promoting or dropping the pending key), then
/// writes today's backup with the current key if one is due. Never uses a key the person has
/// not confirmed: a rotation awaiting confirmation leaves backups under the current key.
public struct AutoBackupRunner: Sendable {
    public enum Failure: Error, Equatable {
        /// Backups are on but this device holds no recovery key (the Keychain item is gone).
        case noKey
    }

    /// What a run did.
    public enum Outcome: Equatable, Sendable {
        /// Automatic backups are off, or this device holds no key yet.
        case off
        case notDue
        /// A backup was written, named so.
        case written(String)
    }

    public let store: ResetStore
    public let folder: URL
    public let keys: RecoveryKeyStoring

    public init(store: ResetStore, folder: URL, keys: RecoveryKeyStoring) {
        self.store = store
        self.folder = folder
        self.keys = keys
    }

    /// Settles what a kill left of a key rotation and applies it to the stored keys.
    @discardableResult
    public func settle() async throws -> RotationSettlement {
        guard let current = try keys.read() else {
            // Nothing to settle with; a pending key without a current one is meaningless.
            try keys.deletePending()
            return .nothingPending
        }
        let settled = try await store.settleRecoveryKeyRotation(
            folder: folder, currentKey: current, pendingKey: try keys.readPending())
        switch settled {
        case .committed: try keys.promotePending()
        case .discarded: try keys.deletePending()
        case .awaitingConfirmation, .nothingPending: break
        }
        return settled
    }

    /// Settles, then writes today's backup if it is due.
    public func run() async throws -> Outcome {
        let status = try await store.autoBackupStatus(folder: folder)
        guard status.enabled else { return .off }
        try await settle()
        guard let key = try keys.read() else { throw Failure.noKey }
        let run = try await store.runAutoBackupIfDue(folder: folder, recoveryKey: key)
        switch run.outcome {
        case .written: return .written(run.file?.name ?? "")
        case .notDue: return .notDue
        case .off: return .off
        }
    }
}
