import Foundation
import XCTest

@testable import ResetFeatures

/// The two-phase key rotation as the settings screen and the daily runner drive it: the new
/// key is stored as pending before it is shown, backups stay under the current key until the
/// person confirms it, and a relaunch settles what a kill left.
@MainActor
final class AutoBackupRotationTests: XCTestCase {
    private var scratch: Scratch!
    private var store: ResetStore!
    private var folder: URL!
    private var keys: MemoryKeys!
    private var old: String!

    override func setUp() async throws {
        scratch = try Scratch()
        store = try openStore(scratch)
        try await store.checkIn(mood: 6, note: nil)
        folder = scratch.url.appendingPathComponent("AutoBackups")
        keys = MemoryKeys()
        old = try await store.turnOnAutoBackup(folder: nil)
        try keys.save(old)
        try await store.runAutoBackupIfDue(folder: folder, recoveryKey: old)
    }

    private func model(authenticate: Bool = true) -> AutoBackupSettingsModel {
        AutoBackupSettingsModel(
            store: store, folder: folder, keys: keys, authenticate: { authenticate },
            choosePositions: { _ in [0, 6] })
    }

    /// Restores the folder into a new profile with `key`; `nil` when the key opens nothing.
    private func restores(with key: String) async throws -> Bool {
        let phone = try Scratch()
        let fresh = try openStore(phone)
        do {
            try await fresh.restoreAutoBackup(from: folder, recoveryKey: key)
            return true
        } catch let error as ResetError where error.kind == .wrongKey {
            return false
        }
    }

    private func confirm(_ model: AutoBackupSettingsModel) async throws -> [String] {
        guard case let .showingKey(groups) = model.state else {
            XCTFail("\(model.state)")
            return []
        }
        model.wroteItDown()
        model.confirmation = [groups[0], groups[6]]
        await model.confirm()
        return groups
    }

    func testRotatingNeedsAuthenticationStoresThePendingKeyAndCommitsOnlyOnConfirmation() async throws {
        let denied = model(authenticate: false)
        await denied.load()
        await denied.rotate()
        guard case .on = denied.state else { return XCTFail("\(denied.state)") }
        XCTAssertNil(keys.pending)

        let settings = model()
        await settings.load()
        await settings.rotate()
        guard case let .showingKey(groups) = settings.state else { return XCTFail("\(settings.state)") }
        let new = groups.joined(separator: "-")
        XCTAssertNotEqual(new, old)
        XCTAssertEqual(keys.pending, new, "stored as pending before it is shown")
        XCTAssertEqual(keys.key, old, "the current key stays until the commit")
        let shown = try await restores(with: old)
        XCTAssertTrue(shown, "while the key is shown the backup still opens with the old key")

        _ = try await confirm(settings)
        guard case let .on(status) = settings.state else { return XCTFail("\(settings.state)") }
        XCTAssertFalse(status.rotationPending)
        XCTAssertEqual(keys.key, new)
        XCTAssertNil(keys.pending)
        let opensNew = try await restores(with: new)
        let opensOld = try await restores(with: old)
        XCTAssertTrue(opensNew)
        XCTAssertFalse(opensOld)
    }

    func testCancellingTheRotationKeepsTheCurrentKey() async throws {
        let settings = model()
        await settings.load()
        await settings.rotate()
        await settings.cancelRotation()
        guard case let .on(status) = settings.state else { return XCTFail("\(settings.state)") }
        XCTAssertFalse(status.rotationPending)
        XCTAssertEqual(keys.key, old)
        XCTAssertNil(keys.pending)
        let opens = try await restores(with: old)
        XCTAssertTrue(opens)
    }

    func testARotationKilledDuringItsCeremonyResumesOnTheNextLaunch() async throws {
        let first = model()
        await first.load()
        await first.rotate()
        guard case let .showingKey(groups) = first.state else { return XCTFail("\(first.state)") }
        // The app is killed here. On the next launch the same key is offered again.
        let relaunched = model()
        await relaunched.load()
        XCTAssertEqual(relaunched.state, .rotationAwaitingConfirmation)
        await relaunched.resumeRotation()
        XCTAssertEqual(relaunched.state, .showingKey(groups: groups))
        _ = try await confirm(relaunched)
        XCTAssertEqual(keys.key, groups.joined(separator: "-"))
        XCTAssertNil(keys.pending)
    }

    func testARotationKilledBeforeItsKeyWasStoredIsDiscardedOnTheNextLaunch() async throws {
        _ = try await store.prepareRecoveryKeyRotation(folder: folder, currentKey: old)
        let relaunched = model()
        await relaunched.load()
        guard case let .on(status) = relaunched.state else { return XCTFail("\(relaunched.state)") }
        XCTAssertFalse(status.rotationPending)
        XCTAssertEqual(keys.key, old)
        let opens = try await restores(with: old)
        XCTAssertTrue(opens)
    }

    func testTheRunnerPromotesAKeyWhoseCommitFinishedBeforeTheKill() async throws {
        let prepared = try await store.prepareRecoveryKeyRotation(folder: folder, currentKey: old)
        try keys.savePending(prepared.recoveryKey)
        try await store.commitRecoveryKeyRotation(folder: folder, currentKey: old, newKey: prepared.recoveryKey)
        // Killed before the pending key was promoted: the background run settles first.
        let runner = AutoBackupRunner(store: store, folder: folder, keys: keys)
        let outcome = try await runner.run()
        XCTAssertEqual(outcome, .notDue, "today's backup exists")
        XCTAssertEqual(keys.key, prepared.recoveryKey)
        XCTAssertNil(keys.pending)
    }

    func testTheRunnerNeverBacksUpUnderAKeyAwaitingConfirmation() async throws {
        let prepared = try await store.prepareRecoveryKeyRotation(folder: folder, currentKey: old)
        try keys.savePending(prepared.recoveryKey)
        // The next day's background run, on the same profile.
        let tomorrow = try openStore(scratch, clock: FixedClock(fixedNow.addingTimeInterval(86_400)))
        let runner = AutoBackupRunner(store: tomorrow, folder: folder, keys: keys)
        let outcome = try await runner.run()
        guard case .written = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(keys.key, old, "the current key stays current")
        XCTAssertEqual(keys.pending, prepared.recoveryKey, "kept for the resumed ceremony")
        let opensOld = try await restores(with: old)
        let opensNew = try await restores(with: prepared.recoveryKey)
        XCTAssertTrue(opensOld, "today's backup is under the current key")
        XCTAssertFalse(opensNew)
    }
}
