import Foundation
import XCTest

@testable import ResetKit

/// Automatic backups through the real library: on, a run a day, restore on a new phone with
/// the recovery key, a wrong key, a typo, rotation, and the Keychain vault's policy.
final class AutoBackupTests: XCTestCase {
    func testTurnOnRunAndRestoreOnANewPhoneWithTheRecoveryKey() async throws {
        let phone = try Scratch()
        let store = try openStore(phone)
        try await store.checkIn(mood: 6, note: "walked by the river", tags: ["outdoors"])
        let folder = phone.url.appendingPathComponent("AutoBackups")
        let key = try await store.turnOnAutoBackup(folder: nil)
        XCTAssertEqual(key.split(separator: "-").count, 7)
        XCTAssertTrue(key.split(separator: "-").allSatisfy { $0.count == 4 })

        let run = try await store.runAutoBackupIfDue(folder: folder, recoveryKey: key)
        XCTAssertEqual(run.outcome, .written)
        XCTAssertEqual(run.summary?.formatVersion, 2)
        let again = try await store.runAutoBackupIfDue(folder: folder, recoveryKey: key)
        XCTAssertEqual(again.outcome, .notDue)
        let status = try await store.autoBackupStatus(folder: folder)
        XCTAssertTrue(status.enabled)
        XCTAssertFalse(status.due)
        XCTAssertEqual(status.lastBackup, fixedNow)
        let files = try await store.listAutoBackups(folder: folder)
        XCTAssertEqual(files.map(\.name), ["reset-auto-20270328T090000000Z.rcbackup"])

        let newPhone = try Scratch()
        let fresh = try openStore(newPhone, key: keyB)
        await assertThrowsReset(.wrongKey) {
            try await fresh.restoreAutoBackup(from: folder, recoveryKey: "0000-0000-0000-0000-0000-0000-03TD")
        }
        let typo = await assertThrowsReset(.invalidInput) {
            try await fresh.restoreAutoBackup(from: folder, recoveryKey: String(key.dropLast()))
        }
        XCTAssertFalse("\(String(describing: typo))".contains(key.prefix(9)))
        let restored = try await fresh.restoreAutoBackup(from: folder, recoveryKey: key.lowercased())
        XCTAssertEqual(restored.name, files[0].name)
        XCTAssertTrue(restored.skipped.isEmpty)
        XCTAssertEqual(restored.restored.tables.first { $0.table == "check_ins" }?.rows, 1)
    }

    func testRotationGivesANewKeyThatAloneOpensTheBackup() async throws {
        let phone = try Scratch()
        let store = try openStore(phone)
        let folder = phone.url.appendingPathComponent("AutoBackups")
        let old = try await store.turnOnAutoBackup(folder: nil)
        try await store.runAutoBackupIfDue(folder: folder, recoveryKey: old)
        let rotated = try await store.rotateRecoveryKey(folder: folder, recoveryKey: old)
        XCTAssertNotEqual(rotated.recoveryKey, old)
        // Re-sealed at the same instant: written under the same name, replacing the old file.
        let left = try await store.listAutoBackups(folder: folder)
        XCTAssertEqual(left.map(\.name), [rotated.rotation.file?.name])

        let newPhone = try Scratch()
        let fresh = try openStore(newPhone, key: keyB)
        await assertThrowsReset(.wrongKey) { try await fresh.restoreAutoBackup(from: folder, recoveryKey: old) }
        try await fresh.restoreAutoBackup(from: folder, recoveryKey: rotated.recoveryKey)
        let removed = try await store.turnOffAutoBackup(folder: folder, deleteFiles: true)
        XCTAssertEqual(removed.count, 1)
    }

    func testNormalizingAcceptsHandwritingAndRefusesTypos() throws {
        let key = "7KQF-M2XH-0000-0000-0000-0000-0000"
        XCTAssertNil(normalizedRecoveryKey(key), "a made-up key fails its checksum (1 in 4096 would pass)")
        XCTAssertNil(normalizedRecoveryKey("too short"))
        XCTAssertEqual(
            normalizedRecoveryKey("0000 0000 oooo 0000 0000 0000 03td"), "0000-0000-0000-0000-0000-0000-03TD")
    }

    func testTheVaultKeepsTheKeyOnThisDeviceOnlyAndReplacesItOnRotation() throws {
        let items = InMemorySecureItems()
        let vault = RecoveryKeyVault(storage: items, service: "app.resetcompanion.test")
        XCTAssertNil(try vault.read())
        try vault.save("AAAA-BBBB")
        try vault.save("CCCC-DDDD")
        XCTAssertEqual(try vault.read(), "CCCC-DDDD")
        let policy = items.policy(service: "app.resetcompanion.test", account: "recovery-key")
        XCTAssertEqual(policy, KeyItemPolicy(accessibility: .afterFirstUnlockThisDeviceOnly, synchronizable: false))
        try vault.delete()
        XCTAssertNil(try vault.read())
    }
}
