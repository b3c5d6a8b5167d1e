import Foundation

// Encrypted backup, verified restore and the canonical JSON dump (issue 8), in Swift's idiom:
// URLs, a progress closure, `throws` with `ResetError`. The work happens in the Rust core.

extension ResetStore {
    /// Writes an encrypted backup of the whole profile to `url`, replacing an earlier file there
    /// (never a profile's database or key file: those throw `InvalidInput` on `out`).
    ///
    /// The passphrase (8 characters or more) is stretched with Argon2id, about a second of
    /// deliberate work on a phone, so call this from a task, never the main actor. Nobody can
    /// open the file without the passphrase — there is no recovery.
    ///
    /// - Parameter progress: called with the fraction done, 0…1, on the calling task's thread.
    /// - Throws: `ResetError.InvalidInput` (field `passphrase` or `out`), `ResetError.Storage`.
    @discardableResult
    public func createBackup(
        to url: URL,
        passphrase: String,
        progress: (@Sendable (Double) -> Void)? = nil
    ) throws -> BackupSummary {
        try url.withSecurityScope {
            try companion.createBackup(path: url.path, passphrase: passphrase, listener: progress.map(FractionListener.init))
        }
    }

    /// Replaces the whole profile with the backup at `url`, after verifying all of it.
    ///
    /// - Throws: `ResetError.WrongKey` (wrong passphrase), `ResetError.Corrupt` (damaged,
    ///   truncated or altered file), `ResetError.UnsupportedVersion` (made by a newer app),
    ///   `ResetError.NotFound`. After any error the current profile is exactly as it was.
    @discardableResult
    public func restoreBackup(
        from url: URL,
        passphrase: String,
        progress: (@Sendable (Double) -> Void)? = nil
    ) throws -> RestoreSummary {
        try url.withSecurityScope {
            try companion.restoreBackup(path: url.path, passphrase: passphrase, listener: progress.map(FractionListener.init))
        }
    }

    /// Writes the canonical JSON dump of every table to `url`. Not encrypted: it holds
    /// everything, journal text included.
    @discardableResult
    public func exportDump(to url: URL) throws -> DumpSummary {
        try url.withSecurityScope { try companion.exportDump(path: url.path, listener: nil) }
    }
}

extension BackupSummary {
    /// Rows across all tables.
    public var totalRows: UInt64 { tables.reduce(0) { $0 + $1.rows } }
}

extension RestoreSummary {
    /// Rows across all tables.
    public var totalRows: UInt64 { tables.reduce(0) { $0 + $1.rows } }
}

extension URL {
    /// Runs `body` with the URL's security scope open, when it has one (a file the person picked
    /// in the document picker or `fileExporter`): the core gets only a path, which outside the
    /// scope cannot be read or written. Balanced: the scope is closed when `body` returns.
    func withSecurityScope<T>(_ body: () throws -> T) rethrows -> T {
        #if canImport(Darwin)
            let scoped = startAccessingSecurityScopedResource()
            defer { if scoped { stopAccessingSecurityScopedResource() } }
        #endif
        return try body()
    }
}

/// Adapts a fraction closure to the core's `ProgressListener`.
final class FractionListener: ProgressListener {
    private let handler: @Sendable (Double) -> Void
    init(_ handler: @escaping @Sendable (Double) -> Void) { self.handler = handler }
    func onProgress(done: UInt64, total: UInt64) {
        handler(total == 0 ? 1 : Double(done) / Double(total))
    }
}
