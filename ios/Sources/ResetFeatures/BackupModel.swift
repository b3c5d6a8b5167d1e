import Foundation
import Observation

/// Encrypted backup and verified restore. The core enforces the passphrase rules (length,
/// normalisation) and verifies a backup in full before replacing anything; this model adds what
/// only a screen can: typing the passphrase twice, confirming a restore, progress and copy.
@MainActor
@Observable
public final class BackupModel {
    public enum State: Equatable {
        case idle
        case working
        /// A backup file ready for the share sheet or Files.
        case backedUp(URL, BackupSummary)
        /// A restore is chosen and waits for "Replace everything".
        case confirmingRestore(URL)
        case restored(RestoreSummary)
        case failed(UserMessage)
    }

    public var passphrase = ""
    public var confirmation = ""
    public private(set) var state: State = .idle
    public private(set) var progress: Double = 0

    /// Where backups are written before sharing.
    public let folder: URL
    private let store: ResetStore
    private let onRestored: (() async -> Void)?

    /// - Parameter onRestored: runs after a restore (the app reloads every screen and resyncs reminders).
    public init(
        store: ResetStore,
        folder: URL = TemporaryFiles.backups,
        onRestored: (() async -> Void)? = nil
    ) {
        self.store = store
        self.folder = folder
        self.onRestored = onRestored
    }

    /// The screen was closed for good (SwiftUI released its state): its files go with it. A
    /// tab switch keeps the screen and its state, so a file still on screen is never deleted
    /// under it (F9); `TemporaryFiles.cleanAtLaunch` catches what a crash left.
    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Why "Back up" is disabled, if it is. Length is the core's rule; its reason is shown on submit.
    public var createBlocker: String? {
        if passphrase.isEmpty { return "Choose a passphrase." }
        if passphrase != confirmation { return "The two passphrases don't match." }
        return nil
    }

    /// A new passphrase the app generated, shown so the person can note it — the only kind the
    /// phone library accepts for a new backup (ADR 0011). They type it again in `confirmation`.
    public func generatePassphrase() {
        do {
            passphrase = try generateBackupPassphrase()
            confirmation = ""
        } catch {
            state = .failed(Self.message(error))
        }
    }

    /// Writes an encrypted backup of everything. There is no recovery without the passphrase.
    public func createBackup() async {
        guard createBlocker == nil, state != .working else { return }
        state = .working
        progress = 0
        do {
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let url = folder.appendingPathComponent("reset-backup-\(try await store.today().isoDay).resetbackup")
            let summary = try await store.createBackup(to: url, passphrase: passphrase, progress: progressHandler)
            progress = 1
            confirmation = ""
            state = .backedUp(url, summary)
        } catch {
            state = .failed(Self.message(error))
        }
    }

    /// Where the copy of a picked backup waits for confirmation (removed after the restore,
    /// on cancel, and at launch).
    public var restoreCopyFolder: URL { folder.appendingPathComponent("restore", isDirectory: true) }

    /// Chooses a backup file to restore; nothing changes until `confirmRestore()`.
    public func chooseRestore(_ url: URL) {
        state = .confirmingRestore(url)
    }

    /// Copies the file the person picked (readable only while the picker's security scope is
    /// open) into this model's own folder, then asks for confirmation. The question stays on
    /// screen until answered: `confirmRestore()` or `cancelRestore()`.
    public func importForRestore(_ picked: URL) {
        let copy = restoreCopyFolder.appendingPathComponent("restore.resetbackup")
        do {
            try? FileManager.default.removeItem(at: restoreCopyFolder)
            try FileManager.default.createDirectory(at: restoreCopyFolder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: picked, to: copy)
            state = .confirmingRestore(copy)
        } catch {
            state = .failed(UserMessage(title: "Couldn't read that file", detail: "Choose the backup again. Nothing was changed."))
        }
    }

    /// "Cancel" on the restore question: nothing changes and the copy is deleted.
    public func cancelRestore() {
        guard case .confirmingRestore = state else { return }
        removeRestoreCopy()
        state = .idle
    }

    private func removeRestoreCopy() { try? FileManager.default.removeItem(at: restoreCopyFolder) }

    /// Replaces the whole profile with the chosen backup, after the core verified all of it.
    public func confirmRestore() async {
        guard case let .confirmingRestore(url) = state, !passphrase.isEmpty else { return }
        state = .working
        progress = 0
        do {
            let summary = try await store.restoreBackup(from: url, passphrase: passphrase, progress: progressHandler)
            progress = 1
            passphrase = ""
            removeRestoreCopy()
            // The message stays until the person taps Done (`dismiss()`): only then does the
            // app reload every screen, which would otherwise take this one away at once.
            state = .restored(summary)
        } catch {
            removeRestoreCopy()
            state = .failed(Self.message(error))
        }
    }

    /// Leaves a confirmation or a message. After a restore this is "Done": the app reloads.
    public func dismiss() async {
        switch state {
        case .working: return
        case .confirmingRestore: cancelRestore()
        case .restored:
            state = .idle
            await onRestored?()
        case .idle, .backedUp, .failed: state = .idle
        }
    }

    /// Removes backup files written for sharing and any restore copy (call when the screen
    /// closes; `TemporaryFiles.cleanAtLaunch` catches what a crash left).
    public func cleanUp() { try? FileManager.default.removeItem(at: folder) }

    /// Backup-specific copy: a wrong passphrase is not a "key" problem to the person.
    static func message(_ error: Error) -> UserMessage {
        switch (error as? ResetError)?.kind {
        case .wrongKey?:
            return UserMessage(
                title: "Wrong passphrase", detail: "That passphrase doesn't open this backup. Nothing was changed.", field: "passphrase")
        case .corrupt?:
            return UserMessage(
                title: "This backup is damaged", detail: "It is incomplete or was altered, so it can't be restored. Nothing was changed.")
        case .unsupportedVersion?:
            return UserMessage(title: "Made by a newer version", detail: "Update Reset Companion, then restore again. Nothing was changed.")
        default:
            return UserMessage(error)
        }
    }

    private var progressHandler: @Sendable (Double) -> Void {
        { fraction in Task { @MainActor [weak self] in self?.progress = max(self?.progress ?? 0, fraction) } }
    }
}
