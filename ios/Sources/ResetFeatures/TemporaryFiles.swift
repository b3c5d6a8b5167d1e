import Foundation

/// The unencrypted files the app writes for a moment — therapist exports, backups waiting for
/// the share sheet, the copy of a picked backup waiting for "Replace everything" — each in a
/// folder of its own inside the temporary directory, so they can be removed as a whole.
///
/// Screens remove their folder when they close; a crash or a kill can skip that, so the app
/// calls `cleanAtLaunch()` before anything else.
public enum TemporaryFiles {
    /// Therapist exports (`ExportModel`).
    public static var exports: URL { folder("exports") }
    /// Backups for sharing and restore copies (`BackupModel`).
    public static var backups: URL { folder("backups") }
    /// The copy of a backup picked on the "can't open" screen (`ProfileGate`).
    public static var profileRestore: URL { folder("profile-restore") }

    /// Every folder above, in `temporaryDirectory`.
    public static func folders(in temporaryDirectory: URL) -> [URL] {
        ["exports", "backups", "profile-restore"].map { temporaryDirectory.appendingPathComponent($0, isDirectory: true) }
    }

    /// Removes whatever an earlier run left behind; returns the folders it removed.
    @discardableResult
    public static func cleanAtLaunch(temporaryDirectory: URL = FileManager.default.temporaryDirectory) -> [URL] {
        folders(in: temporaryDirectory).filter { (try? FileManager.default.removeItem(at: $0)) != nil }
    }

    private static func folder(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent(name, isDirectory: true)
    }
}
