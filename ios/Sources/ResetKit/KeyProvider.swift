import Foundation

// The database key: a random 32-byte raw SQLCipher key that never leaves the device (DESIGN §3).
//
// The decisions — create on first use, never silently replace a key that exists, refuse one of
// the wrong length, survive a first-launch race — live in `StoredKeyProvider`, written against a
// small `SecureItemStoring` protocol so they run on Linux against a fake. Only the Keychain calls
// at the bottom are Apple-only. This file must never log, print or export the key.

/// Supplies the profile's raw 32-byte database key.
public protocol DatabaseKeyProvider: Sendable {
    /// Returns the key, creating and storing a random one on first use.
    func databaseKey() throws -> Data
    /// Destroys the key: with it gone, the encrypted file is unreadable (crypto-erase).
    func deleteKey() throws
}

/// Errors from key storage.
public enum KeyProviderError: Error, Equatable {
    /// The platform's random generator failed.
    case randomGenerationFailed
    /// The Keychain answered with this `OSStatus`.
    case keychain(status: Int32)
    /// A stored item exists but is not a 32-byte key. It is left untouched: replacing it would
    /// make the profile unreadable for good, so the app must show an error instead.
    case storedKeyMalformed(length: Int)
}

/// The length of a raw SQLCipher key, in bytes.
public let databaseKeyLength = 32

/// Generates a fresh random 256-bit key.
public func makeRandomDatabaseKey() throws -> Data {
    var generator = SystemRandomNumberGenerator()
    return Data((0..<databaseKeyLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
}

/// Who may read the stored key, as the Keychain understands it.
public struct KeyItemPolicy: Equatable, Sendable {
    /// When the item is readable.
    public enum Accessibility: Equatable, Sendable {
        /// From the first unlock after a restart until the next restart, on this device only.
        case afterFirstUnlockThisDeviceOnly
        /// Only while the device is unlocked, on this device only.
        case whenUnlockedThisDeviceOnly
    }

    public let accessibility: Accessibility
    /// Whether iCloud Keychain may copy the item to other devices.
    public let synchronizable: Bool

    /// The profile key's policy. After first unlock, so a Done/Snooze action on the lock screen can
    /// open the database (matching the files' `completeUntilFirstUserAuthentication`, platform.md);
    /// this device only and never synchronised, so the key is in no backup and on no other device.
    public static let databaseKey = KeyItemPolicy(accessibility: .afterFirstUnlockThisDeviceOnly, synchronizable: false)
}

/// Result of adding an item to secure storage.
public enum SecureItemAddResult: Equatable, Sendable {
    case added
    /// Another caller stored an item under the same name first.
    case duplicate
}

/// The three operations a key needs from secure storage (the Keychain on Apple platforms).
public protocol SecureItemStoring: Sendable {
    /// The item's bytes, or `nil` when there is none.
    func read(service: String, account: String) throws -> Data?
    /// Stores a new item with `policy`; never overwrites.
    func add(_ data: Data, service: String, account: String, policy: KeyItemPolicy) throws -> SecureItemAddResult
    /// Removes the item; removing a missing item is not an error.
    func delete(service: String, account: String) throws
}

/// The key-provider decisions over any `SecureItemStoring`.
public struct StoredKeyProvider<Storage: SecureItemStoring>: DatabaseKeyProvider {
    public let storage: Storage
    public let service: String
    public let account: String
    private let generate: @Sendable () throws -> Data

    public init(
        storage: Storage,
        service: String = "app.resetcompanion.database",
        account: String = "profile",
        generate: @escaping @Sendable () throws -> Data = { try makeRandomDatabaseKey() }
    ) {
        self.storage = storage
        self.service = service
        self.account = account
        self.generate = generate
    }

    public func databaseKey() throws -> Data {
        if let stored = try storage.read(service: service, account: account) {
            return try checked(stored)
        }
        let fresh = try generate()
        guard fresh.count == databaseKeyLength else { throw KeyProviderError.randomGenerationFailed }
        switch try storage.add(fresh, service: service, account: account, policy: .databaseKey) {
        case .added:
            return fresh
        case .duplicate:
            // Two launches raced (app and notification action): the first key stored wins, so
            // both open the same database.
            guard let winner = try storage.read(service: service, account: account) else {
                throw KeyProviderError.keychain(status: -25300)  // errSecItemNotFound
            }
            return try checked(winner)
        }
    }

    public func deleteKey() throws { try storage.delete(service: service, account: account) }

    private func checked(_ key: Data) throws -> Data {
        guard key.count == databaseKeyLength else { throw KeyProviderError.storedKeyMalformed(length: key.count) }
        return key
    }
}

/// Keeps items in memory: tests, previews and Linux.
public final class InMemorySecureItems: SecureItemStoring, @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String: (Data, KeyItemPolicy)] = [:]

    public init() {}

    public func read(service: String, account: String) throws -> Data? {
        lock.lock()
        defer { lock.unlock() }
        return items["\(service)/\(account)"]?.0
    }

    public func add(_ data: Data, service: String, account: String, policy: KeyItemPolicy) throws -> SecureItemAddResult {
        lock.lock()
        defer { lock.unlock() }
        let name = "\(service)/\(account)"
        if items[name] != nil { return .duplicate }
        items[name] = (data, policy)
        return .added
    }

    public func delete(service: String, account: String) throws {
        lock.lock()
        defer { lock.unlock() }
        items["\(service)/\(account)"] = nil
    }

    /// The policy an item was stored with (tests check it).
    public func policy(service: String, account: String) -> KeyItemPolicy? {
        lock.lock()
        defer { lock.unlock() }
        return items["\(service)/\(account)"]?.1
    }
}

/// Keeps the key in memory: tests, previews and Linux.
public final class InMemoryKeyProvider: DatabaseKeyProvider, @unchecked Sendable {
    private let lock = NSLock()
    private var key: Data?

    public init(key: Data? = nil) { self.key = key }

    public func databaseKey() throws -> Data {
        lock.lock()
        defer { lock.unlock() }
        if let key { return key }
        let fresh = try makeRandomDatabaseKey()
        key = fresh
        return fresh
    }

    public func deleteKey() throws {
        lock.lock()
        defer { lock.unlock() }
        key = nil
    }
}

#if canImport(Security)
    import Security

    /// The Keychain as `SecureItemStoring`: generic-password items.
    public struct KeychainItems: SecureItemStoring {
        public init() {}

        private func query(_ service: String, _ account: String) -> [String: Any] {
            [
                kSecClass as String: kSecClassGenericPassword,
                kSecAttrService as String: service,
                kSecAttrAccount as String: account,
                // Match only device-local items, so a synchronised item of the same name never wins.
                kSecAttrSynchronizable as String: kCFBooleanFalse as Any,
            ]
        }

        public func read(service: String, account: String) throws -> Data? {
            var q = query(service, account)
            q[kSecReturnData as String] = true
            q[kSecMatchLimit as String] = kSecMatchLimitOne
            var item: CFTypeRef?
            let status = SecItemCopyMatching(q as CFDictionary, &item)
            if status == errSecItemNotFound { return nil }
            guard status == errSecSuccess, let data = item as? Data else { throw KeyProviderError.keychain(status: status) }
            return data
        }

        public func add(_ data: Data, service: String, account: String, policy: KeyItemPolicy) throws -> SecureItemAddResult {
            var q = query(service, account)
            q[kSecValueData as String] = data
            q[kSecAttrSynchronizable as String] = policy.synchronizable ? kCFBooleanTrue : kCFBooleanFalse
            switch policy.accessibility {
            case .afterFirstUnlockThisDeviceOnly:
                q[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
            case .whenUnlockedThisDeviceOnly:
                q[kSecAttrAccessible as String] = kSecAttrAccessibleWhenUnlockedThisDeviceOnly
            }
            let status = SecItemAdd(q as CFDictionary, nil)
            if status == errSecDuplicateItem { return .duplicate }
            guard status == errSecSuccess else { throw KeyProviderError.keychain(status: status) }
            return .added
        }

        public func delete(service: String, account: String) throws {
            let status = SecItemDelete(query(service, account) as CFDictionary)
            guard status == errSecSuccess || status == errSecItemNotFound else { throw KeyProviderError.keychain(status: status) }
        }
    }

    /// The app's key provider: the Keychain, readable after the first unlock on this device only —
    /// so notification actions can open the database while the phone is locked, and the key never
    /// leaves the device in a backup (platform.md, MASVS STORAGE-1).
    public typealias KeychainKeyProvider = StoredKeyProvider<KeychainItems>

    extension StoredKeyProvider where Storage == KeychainItems {
        /// The profile key in the Keychain.
        public init(service: String = "app.resetcompanion.database", account: String = "profile") {
            self.init(storage: KeychainItems(), service: service, account: account)
        }
    }
#endif
