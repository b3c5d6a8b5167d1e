import Foundation

// Automatic encrypted backups opened with a recovery key (issue 21), in Swift's idiom: URLs,
// `throws` with `ResetError`. The core writes and verifies the files; the app keeps the
// recovery key in the Keychain (`RecoveryKeyVault`) and passes it to each call.
//
// The folder is one the device backup includes (the profile's own folder is excluded, see
// `ProfileLocation`): `AutoBackupRunner` (ResetFeatures) settles an interrupted key rotation
// and calls `runAutoBackupIfDue` after the first use each day and from the `BGAppRefreshTask`.
// This file must never log, print or export the recovery key.

extension ResetStore {
    /// Turns automatic backups on and returns the new recovery key, once: seven groups of four
    /// characters (128 bits). Store it with `RecoveryKeyVault.save` before showing it.
    /// - Throws: `ResetError.Conflict` if they are already on (rotate instead).
    public func turnOnAutoBackup(folder: URL?) throws -> String {
        try companion.turnOnAutoBackup(folder: folder?.path)
    }

    /// Turns automatic backups off; with `deleteFiles`, deletes every automatic backup in
    /// `folder`. Returns the names deleted.
    @discardableResult
    public func turnOffAutoBackup(folder: URL?, deleteFiles: Bool) throws -> [String] {
        try companion.turnOffAutoBackup(folder: folder?.path, deleteFiles: deleteFiles)
    }

    /// On or off, the files in `folder` (newest first), and whether a run now would write one.
    public func autoBackupStatus(folder: URL?) throws -> AutoBackupStatus {
        try companion.autoBackupStatus(folder: folder?.path)
    }

    /// Writes today's automatic backup if it is due (none yet this local day) and keeps the
    /// last 7 daily and 4 weekly files. A second call the same day returns `.notDue` at once.
    @discardableResult
    public func runAutoBackupIfDue(folder: URL, recoveryKey: String) throws -> AutoBackupRun {
        try companion.runAutoBackupIfDue(folder: folder.path, recoveryKey: recoveryKey)
    }

    /// The automatic backups in `folder`, newest first.
    public func listAutoBackups(folder: URL) throws -> [AutoBackupFile] {
        try companion.listAutoBackups(folder: folder.path)
    }

    /// Replaces the whole profile with the newest automatic backup in `url` (a folder, or one
    /// file) that the recovery key opens and that passes every check; newer damaged files are
    /// listed in `skipped`.
    /// - Throws: `ResetError.WrongKey`, `.Corrupt` (every file damaged), `.NotFound`,
    ///   `.InvalidInput` (field `recovery_key`: a typo caught by its checksum). The profile is
    ///   untouched after any error.
    @discardableResult
    public func restoreAutoBackup(
        from url: URL,
        recoveryKey: String,
        progress: (@Sendable (Double) -> Void)? = nil
    ) throws -> AutoRestoreSummary {
        try companion.restoreAutoBackup(
            path: url.path, recoveryKey: recoveryKey, listener: progress.map(FractionListener.init))
    }

    /// Phase one of a key rotation: a new key, and the newest backup re-sealed for it into a
    /// pending file that is no backup yet. Every backup and every run stays under `currentKey`
    /// until `commitRecoveryKeyRotation`. Save the new key with `RecoveryKeyVault.savePending`
    /// before showing it — never as the current key yet.
    /// - Throws: `ResetError.Conflict` (backups off, or a rotation already prepared),
    ///   `.WrongKey` (`currentKey` opens no backup in a folder that has some).
    public func prepareRecoveryKeyRotation(folder: URL, currentKey: String) throws -> RecoveryKeyRotation {
        try companion.prepareRecoveryKeyRotation(folder: folder.path, recoveryKey: currentKey)
    }

    /// Phase two, after the person confirmed the new key: the newest backup becomes the new
    /// key's and the files only the old key opens are deleted. Then promote the pending key.
    /// Idempotent after a kill.
    /// - Throws: `ResetError.Conflict` when `newKey` is not the prepared key (drop it).
    @discardableResult
    public func commitRecoveryKeyRotation(folder: URL, currentKey: String, newKey: String) throws
        -> AutoBackupRotation
    {
        try companion.commitRecoveryKeyRotation(folder: folder.path, currentKey: currentKey, newKey: newKey)
    }

    /// Abandons a prepared rotation (the person cancelled): the pending file goes; the current
    /// key keeps opening every backup. Delete the pending key after.
    @discardableResult
    public func discardRecoveryKeyRotation(folder: URL) throws -> [String] {
        try companion.discardRecoveryKeyRotation(folder: folder.path)
    }

    /// Settles what a kill left between or inside a rotation's phases: on launch and before
    /// the background run. `.committed` → promote the pending key; `.discarded` → delete it;
    /// `.awaitingConfirmation` → resume the key ceremony; `.nothingPending` → nothing to do.
    public func settleRecoveryKeyRotation(folder: URL, currentKey: String, pendingKey: String?) throws
        -> RotationSettlement
    {
        try companion.settleRecoveryKeyRotation(folder: folder.path, currentKey: currentKey, pendingKey: pendingKey)
    }
}

/// The recovery key's written form (`XXXX-XXXX-…`), or `nil` when `text` is not a recovery
/// key (wrong length, a foreign character, or a typo its checksum catches).
public func normalizedRecoveryKey(_ text: String) -> String? {
    try? normalizeRecoveryKey(text: text)
}

/// Keeps the recovery key in secure storage (the Keychain on Apple platforms): after first
/// unlock so the background task can run while the phone is locked, this device only and
/// never synchronised — the key must not travel with the backup it opens.
public struct RecoveryKeyVault<Storage: SecureItemStoring>: Sendable {
    public let storage: Storage
    public let service: String
    public let account = "recovery-key"
    /// The item holding a rotation's new key until its commit makes it the current one.
    public let pendingAccount = "recovery-key.pending"

    public init(storage: Storage, service: String) {
        self.storage = storage
        self.service = service
    }

    /// The policy of the stored item.
    public static var policy: KeyItemPolicy {
        KeyItemPolicy(accessibility: .afterFirstUnlockThisDeviceOnly, synchronizable: false)
    }

    /// The stored key, or `nil` when automatic backups were never turned on here.
    public func read() throws -> String? {
        try storage.read(service: service, account: account).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// Stores `key`, replacing an earlier one (after a rotation).
    public func save(_ key: String) throws {
        try storage.delete(service: service, account: account)
        _ = try storage.add(Data(key.utf8), service: service, account: account, policy: Self.policy)
    }

    /// Forgets the key (automatic backups turned off with their files deleted).
    public func delete() throws {
        try storage.delete(service: service, account: account)
    }

    /// A rotation's new key, stored before it is shown and until the commit.
    public func readPending() throws -> String? {
        try storage.read(service: service, account: pendingAccount).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// Stores a rotation's new key as pending (same policy as the current key).
    public func savePending(_ key: String) throws {
        try storage.delete(service: service, account: pendingAccount)
        _ = try storage.add(Data(key.utf8), service: service, account: pendingAccount, policy: Self.policy)
    }

    /// Forgets the pending key (the rotation was discarded).
    public func deletePending() throws {
        try storage.delete(service: service, account: pendingAccount)
    }
}
