import Foundation

// Where the encrypted profile lives on disk, and how its folder is protected.
//
// The folder sits in Application Support (never Documents, which the Files app can show) and is
// excluded from iCloud/iTunes backup: the encrypted backup is the one way to move data, and a
// platform backup of the database alone would be useless without the device-only key anyway.
// Files get `completeUntilFirstUserAuthentication` so a lock-screen Done/Snooze can open the
// database (platform.md), matching the Keychain item's `AfterFirstUnlockThisDeviceOnly`.
// This type decides paths and applies attributes; it never opens or reads the database.

/// The profile's folder and database file.
public struct ProfileLocation: Equatable, Sendable {
    /// The folder holding the database and its WAL/SHM siblings.
    public let directory: URL

    /// The folder name inside Application Support.
    public static let directoryName = "Profile"
    /// The database file name.
    public static let databaseName = "profile.db"

    public init(directory: URL) { self.directory = directory }

    /// `<Application Support>/Profile`, the app's location.
    public static func applicationSupport(fileManager: FileManager = .default) throws -> ProfileLocation {
        let base = try fileManager.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
        return ProfileLocation(directory: base.appendingPathComponent(directoryName, isDirectory: true))
    }

    /// The database file.
    public var databaseURL: URL { directory.appendingPathComponent(Self.databaseName) }

    /// Creates the folder if needed and applies the backup exclusion and file protection.
    /// Call before opening the store, on every launch (the flag can be lost when the folder is
    /// recreated, e.g. after erase-all).
    @discardableResult
    public func prepare(fileManager: FileManager = .default) throws -> ProfileLocation {
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true, attributes: Self.directoryAttributes)
        #if canImport(Darwin)
            var values = URLResourceValues()
            values.isExcludedFromBackup = true
            var url = directory
            try url.setResourceValues(values)
        #endif
        return self
    }

    /// Whether the folder is excluded from platform backup (true after `prepare` on Apple
    /// platforms; Linux has no platform backup, so the flag is not kept there).
    public var isExcludedFromBackup: Bool {
        #if canImport(Darwin)
            return (try? directory.resourceValues(forKeys: [.isExcludedFromBackupKey]).isExcludedFromBackup) == true
        #else
            return false
        #endif
    }

    /// Attributes for the folder: file protection where the platform has it.
    static var directoryAttributes: [FileAttributeKey: Any]? {
        #if os(iOS) || os(watchOS) || os(visionOS)
            return [.protectionKey: FileProtectionType.completeUntilFirstUserAuthentication]
        #else
            return nil
        #endif
    }
}
