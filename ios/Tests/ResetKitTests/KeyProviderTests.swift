import Foundation
import XCTest

@testable import ResetKit

/// Secure storage that fails or races on demand.
private final class ScriptedItems: SecureItemStoring, @unchecked Sendable {
    let inner = InMemorySecureItems()
    var raceWith: Data?
    var failReadWith: Int32?
    var adds = 0

    func read(service: String, account: String) throws -> Data? {
        if let status = failReadWith { throw KeyProviderError.keychain(status: status) }
        return try inner.read(service: service, account: account)
    }

    func add(_ data: Data, service: String, account: String, policy: KeyItemPolicy) throws -> SecureItemAddResult {
        adds += 1
        if let other = raceWith {
            // Another process stored its key between our read and our add.
            _ = try inner.add(other, service: service, account: account, policy: policy)
        }
        return try inner.add(data, service: service, account: account, policy: policy)
    }

    func delete(service: String, account: String) throws { try inner.delete(service: service, account: account) }
}

final class KeyProviderTests: XCTestCase {
    func testTheFirstCallCreatesA32ByteDeviceOnlyKeyAndLaterCallsReturnIt() throws {
        let items = InMemorySecureItems()
        let provider = StoredKeyProvider(storage: items)
        let key = try provider.databaseKey()
        XCTAssertEqual(key.count, 32)
        XCTAssertEqual(try provider.databaseKey(), key)
        let policy = try XCTUnwrap(items.policy(service: provider.service, account: provider.account))
        XCTAssertEqual(policy.accessibility, .afterFirstUnlockThisDeviceOnly)
        XCTAssertFalse(policy.synchronizable, "the key must never reach iCloud Keychain")
        XCTAssertEqual(policy, .databaseKey)
    }

    func testTwoProvidersGetDifferentRandomKeys() throws {
        let a = try StoredKeyProvider(storage: InMemorySecureItems()).databaseKey()
        let b = try StoredKeyProvider(storage: InMemorySecureItems()).databaseKey()
        XCTAssertNotEqual(a, b)
    }

    func testALostRaceReturnsTheKeyStoredFirst() throws {
        let items = ScriptedItems()
        let winner = Data(repeating: 7, count: 32)
        items.raceWith = winner
        let key = try StoredKeyProvider(storage: items).databaseKey()
        XCTAssertEqual(key, winner, "both launches must open the same database")
    }

    func testAMalformedStoredKeyIsReportedNotReplaced() throws {
        let items = InMemorySecureItems()
        _ = try items.add(Data(repeating: 1, count: 16), service: "app.resetcompanion.database", account: "profile", policy: .databaseKey)
        let provider = StoredKeyProvider(storage: items)
        XCTAssertThrowsError(try provider.databaseKey()) { error in
            XCTAssertEqual(error as? KeyProviderError, .storedKeyMalformed(length: 16))
        }
        XCTAssertEqual(try items.read(service: provider.service, account: provider.account)?.count, 16, "left untouched")
    }

    func testAKeychainErrorIsThrownAndNoKeyIsInvented() {
        let items = ScriptedItems()
        items.failReadWith = -25308  // errSecInteractionNotAllowed: device locked since restart
        XCTAssertThrowsError(try StoredKeyProvider(storage: items).databaseKey()) { error in
            XCTAssertEqual(error as? KeyProviderError, .keychain(status: -25308))
        }
        XCTAssertEqual(items.adds, 0)
    }

    func testABadGeneratorIsRefused() {
        let provider = StoredKeyProvider(storage: InMemorySecureItems(), generate: { Data(count: 8) })
        XCTAssertThrowsError(try provider.databaseKey()) { error in
            XCTAssertEqual(error as? KeyProviderError, .randomGenerationFailed)
        }
    }

    func testDeletingTheKeyMakesTheProfileUnreadable() async throws {
        let scratch = try Scratch()
        let provider = StoredKeyProvider(storage: InMemorySecureItems())
        let store = try ResetStore(databaseURL: scratch.database, keyProvider: provider, timeZone: london, clock: FixedClock(fixedNow))
        try await store.checkIn(mood: 5)
        await store.close()
        try provider.deleteKey()
        // A fresh key is generated, and it does not open the old file.
        XCTAssertThrowsError(try ResetStore(databaseURL: scratch.database, keyProvider: provider, timeZone: london)) { error in
            XCTAssertEqual((error as? ResetError)?.kind, .wrongKey)
        }
    }
}

final class ProfileLocationTests: XCTestCase {
    func testTheDatabaseLivesInItsOwnFolderExcludedFromBackup() async throws {
        let scratch = try Scratch()
        let location = ProfileLocation(directory: scratch.url.appendingPathComponent("Profile", isDirectory: true))
        XCTAssertEqual(location.databaseURL.lastPathComponent, "profile.db")
        XCTAssertEqual(location.databaseURL.deletingLastPathComponent().lastPathComponent, "Profile")
        try location.prepare()
        var isDirectory: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: location.directory.path, isDirectory: &isDirectory))
        XCTAssertTrue(isDirectory.boolValue)
        #if canImport(Darwin)
            XCTAssertTrue(location.isExcludedFromBackup, "the encrypted backup is the way to move data")
        #endif
        // Preparing twice (every launch) is harmless, and a store opens inside.
        try location.prepare()
        let store = try ResetStore(databaseURL: location.databaseURL, key: keyA, timeZone: london, clock: FixedClock(fixedNow))
        let status = try await store.status()
        XCTAssertEqual(status.counts["check_ins"], 0)
    }

    func testApplicationSupportIsTheParent() throws {
        let location = try ProfileLocation.applicationSupport()
        XCTAssertEqual(location.directory.lastPathComponent, ProfileLocation.directoryName)
        let support = try FileManager.default.url(
            for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: false)
        XCTAssertEqual(
            location.directory.deletingLastPathComponent().standardizedFileURL.path, support.standardizedFileURL.path,
            "Application Support, never Documents (which the Files app shows)")
    }
}
