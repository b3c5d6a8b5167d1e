import Foundation
import XCTest

@testable import ResetFeatures

/// Keeps the recovery key in memory, as the Keychain would.
final class MemoryKeys: RecoveryKeyStoring, @unchecked Sendable {
    var key: String?
    var pending: String?
    var failSave = false
    func read() throws -> String? { key }
    func save(_ key: String) throws {
        if failSave { throw KeyProviderError.keychain(status: -25299) }
        self.key = key
    }
    func delete() throws { key = nil }
    func readPending() throws -> String? { pending }
    func savePending(_ key: String) throws {
        if failSave { throw KeyProviderError.keychain(status: -25299) }
        pending = key
    }
    func deletePending() throws { pending = nil }
}

@MainActor
final class AutoBackupModelTests: XCTestCase {
    func testTheCeremonyStoresTheKeyFirstAndNeedsTwoGroupsBackBeforeTheFirstBackup() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        let keys = MemoryKeys()
        let folder = scratch.url.appendingPathComponent("AutoBackups")
        let model = AutoBackupSettingsModel(
            store: store, folder: folder, keys: keys, authenticate: { true }, choosePositions: { _ in [1, 5] })
        await model.load()
        XCTAssertEqual(model.state, .off)

        await model.turnOn()
        guard case let .showingKey(groups) = model.state else { return XCTFail("\(model.state)") }
        XCTAssertEqual(groups.count, 7)
        XCTAssertEqual(keys.key, groups.joined(separator: "-"), "stored before it is shown")

        model.wroteItDown()
        XCTAssertEqual(model.state, .confirmingKey(positions: [1, 5]))
        model.confirmation = [groups[1], "XXXX"]
        await model.confirm()
        XCTAssertEqual(model.state, .showingKey(groups: groups), "a wrong group shows the key again")
        let none = try await store.listAutoBackups(folder: folder)
        XCTAssertTrue(none.isEmpty, "no backup before the ceremony ends")

        model.wroteItDown()
        model.confirmation = [groups[1].lowercased(), " \(groups[5]) "]
        await model.confirm()
        guard case let .on(status) = model.state else { return XCTFail("\(model.state)") }
        XCTAssertEqual(status.files.count, 1, "the first backup is written when the ceremony ends")
        XCTAssertFalse(status.due)
    }

    func testTheKeyIsShownAgainOnlyAfterAuthentication() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        let keys = MemoryKeys()
        let folder = scratch.url.appendingPathComponent("AutoBackups")
        let key = try await store.turnOnAutoBackup(folder: nil)
        try keys.save(key)
        let denied = AutoBackupSettingsModel(store: store, folder: folder, keys: keys, authenticate: { false })
        await denied.load()
        await denied.showKeyAgain()
        guard case .on = denied.state else { return XCTFail("\(denied.state)") }
        let allowed = AutoBackupSettingsModel(store: store, folder: folder, keys: keys, authenticate: { true })
        await allowed.load()
        await allowed.showKeyAgain()
        XCTAssertEqual(allowed.state, .showingKey(groups: key.split(separator: "-").map(String.init)))
        await allowed.doneShowingKey()
        guard case .on = allowed.state else { return XCTFail("\(allowed.state)") }
        await allowed.turnOff(deleteFiles: true)
        XCTAssertEqual(allowed.state, .off)
        XCTAssertNil(keys.key)
    }

    func testAKeychainFailureLeavesAutomaticBackupsOff() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        let keys = MemoryKeys()
        keys.failSave = true
        let model = AutoBackupSettingsModel(
            store: store, folder: scratch.url.appendingPathComponent("AutoBackups"), keys: keys, authenticate: { true })
        await model.turnOn()
        guard case .failed = model.state else { return XCTFail("\(model.state)") }
        let status = try await store.autoBackupStatus(folder: nil)
        XCTAssertFalse(status.enabled)
    }

    func testFirstLaunchOffersTheRestoreAndKeepsTheKey() async throws {
        // The old phone: a check-in and its automatic backup.
        let old = try Scratch()
        let oldStore = try openStore(old)
        try await oldStore.checkIn(mood: 6, note: "by the river")
        let folder = old.url.appendingPathComponent("AutoBackups")
        let key = try await oldStore.turnOnAutoBackup(folder: nil)
        try await oldStore.runAutoBackupIfDue(folder: folder, recoveryKey: key)

        // The new phone: an empty profile, and the platform restored the folder.
        let newPhone = try Scratch()
        let fresh = try openStore(newPhone)
        let keys = MemoryKeys()
        let offer = AutoBackupRestoreOffer(store: fresh, folder: folder, keys: keys)
        await offer.check()
        XCTAssertEqual(offer.state, .offering(count: 1, newest: fixedNow))
        offer.typedKey = "not a key"
        XCTAssertNotNil(offer.restoreBlocker)
        offer.typedKey = "0000-0000-0000-0000-0000-0000-03TD"
        XCTAssertNil(offer.restoreBlocker, "a well-formed key, just not this one")
        await offer.restore()
        guard case let .failed(message) = offer.state else { return XCTFail("\(offer.state)") }
        XCTAssertEqual(message.field, "recovery_key")
        await offer.retry()
        offer.typedKey = key.lowercased().replacingOccurrences(of: "-", with: " ")
        XCTAssertNil(offer.restoreBlocker)
        await offer.restore()
        guard case let .restored(summary) = offer.state else { return XCTFail("\(offer.state)") }
        XCTAssertTrue(summary.skipped.isEmpty)
        XCTAssertEqual(keys.key, key, "the typed key is kept so daily backups go on")
        XCTAssertEqual(offer.typedKey, "")
        let checkIns = try await fresh.checkIns()
        XCTAssertEqual(checkIns.map(\.mood), [6])

        // A profile with entries is not offered a restore.
        await offer.check()
        XCTAssertEqual(offer.state, .none)
    }
}
