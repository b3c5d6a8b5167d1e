import Foundation

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
}

/// Generates a fresh random 256-bit key.
public func makeRandomDatabaseKey() throws -> Data {
    var generator = SystemRandomNumberGenerator()
    return Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
}

/// Keeps the key in memory: tests, previews and Linux.
public final class InMemoryKeyProvider: DatabaseKeyProvider, @unchecked Sendable {
    private let lock = NSLock()
    private var key: Data?

    public init(key: Data? = nil) { self.key = key }

    public func databaseKey() throws -> Data {
        lock.lock(); defer { lock.unlock() }
        if let key { return key }
        let fresh = try makeRandomDatabaseKey()
        key = fresh
        return fresh
    }

    public func deleteKey() throws {
        lock.lock(); defer { lock.unlock() }
        key = nil
    }
}

#if canImport(Security)
import Security

/// Keeps the key in the Keychain as a generic password, readable after the first unlock on
/// this device only — so notification actions can open the database while the phone is
/// locked, and the key never leaves the device in a backup (platform.md, MASVS STORAGE-1).
public struct KeychainKeyProvider: DatabaseKeyProvider {
    public let service: String
    public let account: String

    public init(service: String = "app.resetcompanion.database", account: String = "profile") {
        self.service = service
        self.account = account
    }

    private var baseQuery: [String: Any] {
        [kSecClass as String: kSecClassGenericPassword,
         kSecAttrService as String: service,
         kSecAttrAccount as String: account]
    }

    public func databaseKey() throws -> Data {
        var query = baseQuery
        query[kSecReturnData as String] = true
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        var item: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &item)
        if status == errSecSuccess, let data = item as? Data { return data }
        guard status == errSecItemNotFound else { throw KeyProviderError.keychain(status: status) }
        let key = try makeRandomDatabaseKey()
        var add = baseQuery
        add[kSecValueData as String] = key
        add[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
        let added = SecItemAdd(add as CFDictionary, nil)
        guard added == errSecSuccess else { throw KeyProviderError.keychain(status: added) }
        return key
    }

    public func deleteKey() throws {
        let status = SecItemDelete(baseQuery as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else { throw KeyProviderError.keychain(status: status) }
    }
}
#endif
