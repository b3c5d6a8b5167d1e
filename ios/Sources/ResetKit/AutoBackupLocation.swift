import Foundation

// Where automatic backups live on iOS (issue 21): a folder the device backup (iCloud or a
// computer) includes, beside the profile's folder that `ProfileLocation` excludes. The files in
// it are sealed under the recovery key, which stays in this device's Keychain, so what the
// platform carries is useless without the key the person wrote down. This type decides the path
// and applies attributes; the core writes the files.

/// The automatic backups' folder.
public struct AutoBackupLocation: Equatable, Sendable {
    /// The folder holding `reset-auto-*.rcbackup` files.
    public let directory: URL

    /// The folder name inside Application Support.
    public static let directoryName = "AutoBackups"

    public init(directory: URL) { self.directory = directory }

    /// `<Application Support>/AutoBackups`, a sibling of the excluded `Profile` folder.
    public static func applicationSupport(fileManager: FileManager = .default) throws -> AutoBackupLocation {
        let base = try fileManager.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
        return AutoBackupLocation(directory: base.appendingPathComponent(directoryName, isDirectory: true))
    }

    /// Whether `profile`'s folder and this one are different folders, so excluding the profile
    /// from backup cannot exclude the automatic backups (neither contains the other).
    public func isSeparate(from profile: ProfileLocation) -> Bool {
        let mine = directory.standardizedFileURL.path + "/"
        let theirs = profile.directory.standardizedFileURL.path + "/"
        return !mine.hasPrefix(theirs) && !theirs.hasPrefix(mine)
    }

    /// Creates the folder if needed and makes sure the device backup includes it (the flag is
    /// set to `false` explicitly, in case an older build excluded it).
    @discardableResult
    public func prepare(fileManager: FileManager = .default) throws -> AutoBackupLocation {
        try fileManager.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: ProfileLocation.directoryAttributes)
        #if canImport(Darwin)
            var values = URLResourceValues()
            values.isExcludedFromBackup = false
            var url = directory
            try url.setResourceValues(values)
        #endif
        return self
    }
}
