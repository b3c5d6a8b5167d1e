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

    func testRotationIsTwoPhaseAndOnlyTheCommitSwitchesTheBackupToTheNewKey() async throws {
        let phone = try Scratch()
        let store = try openStore(phone)
        let folder = phone.url.appendingPathComponent("AutoBackups")
        let old = try await store.turnOnAutoBackup(folder: nil)
        let first = try await store.runAutoBackupIfDue(folder: folder, recoveryKey: old)
        let prepared = try await store.prepareRecoveryKeyRotation(folder: folder, currentKey: old)
        XCTAssertNotEqual(prepared.recoveryKey, old)
        XCTAssertEqual(prepared.prepared.pending?.name, "reset-rotate-" + first.file!.name.dropFirst("reset-auto-".count))
        let status = try await store.autoBackupStatus(folder: folder)
        XCTAssertTrue(status.rotationPending)
        // Killed here, the app holds no pending key: the next launch discards the rotation.
        let settled = try await store.settleRecoveryKeyRotation(folder: folder, currentKey: old, pendingKey: nil)
        guard case .discarded(let removed) = settled else { return XCTFail("\(settled)") }
        XCTAssertEqual(removed.count, 1)

        let again = try await store.prepareRecoveryKeyRotation(folder: folder, currentKey: old)
        let waiting = try await store.settleRecoveryKeyRotation(
            folder: folder, currentKey: old, pendingKey: again.recoveryKey)
        XCTAssertEqual(waiting, .awaitingConfirmation, "a stored, unconfirmed key waits for the ceremony")
        let done = try await store.commitRecoveryKeyRotation(
            folder: folder, currentKey: old, newKey: again.recoveryKey)
        XCTAssertEqual(done.file?.name, first.file?.name, "the newest backup keeps its name")

        let newPhone = try Scratch()
        let fresh = try openStore(newPhone, key: keyB)
        await assertThrowsReset(.wrongKey) { try await fresh.restoreAutoBackup(from: folder, recoveryKey: old) }
        try await fresh.restoreAutoBackup(from: folder, recoveryKey: again.recoveryKey)
        let removed2 = try await store.turnOffAutoBackup(folder: folder, deleteFiles: true)
        XCTAssertEqual(removed2.count, 1)
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

        try vault.save("CCCC-DDDD")
        try vault.savePending("EEEE-FFFF")
        XCTAssertEqual(try vault.read(), "CCCC-DDDD", "a pending key never replaces the current one")
        XCTAssertEqual(try vault.readPending(), "EEEE-FFFF")
        let pendingPolicy = items.policy(service: "app.resetcompanion.test", account: "recovery-key.pending")
        XCTAssertEqual(pendingPolicy, policy)
        try vault.deletePending()
        XCTAssertNil(try vault.readPending())
        XCTAssertEqual(try vault.read(), "CCCC-DDDD")
    }
}
