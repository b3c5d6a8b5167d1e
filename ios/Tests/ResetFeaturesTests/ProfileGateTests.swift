import Foundation
import XCTest

@testable import ResetFeatures

/// A key provider that records whether it was asked on the main thread, and can fail like a
/// Keychain read before the first unlock.
final class RecordingKeyProvider: DatabaseKeyProvider, @unchecked Sendable {
    private let lock = NSLock()
    private let inner: InMemoryKeyProvider
    private var _askedOnMainThread: [Bool] = []
    private var _failure: KeyProviderError?
    init(key: Data) { inner = InMemoryKeyProvider(key: key) }
    var askedOnMainThread: [Bool] { lock.withLock { _askedOnMainThread } }
    var failure: KeyProviderError? {
        get { lock.withLock { _failure } }
        set { lock.withLock { _failure = newValue } }
    }
    func databaseKey() throws -> Data {
        lock.withLock { _askedOnMainThread.append(Thread.isMainThread) }
        if let failure { throw failure }
        return try inner.databaseKey()
    }
    func deleteKey() throws { try inner.deleteKey() }
}

@MainActor
final class ProfileGateTests: XCTestCase {
    /// A profile written with one key, its backup, and a gate whose key no longer opens it.
    private func unreadableProfile() async throws -> (Scratch, ProfileGate, URL) {
        let scratch = try Scratch()
        let location = ProfileLocation(directory: scratch.url.appendingPathComponent("Profile"))
        try location.prepare()
        let original = try ResetStore(
            databaseURL: location.databaseURL, key: Data(repeating: 0xA1, count: 32), timeZone: london, clock: FixedClock(fixedNow))
        try await original.checkIn(mood: 6, note: "in the backup")
        let backup = scratch.url.appendingPathComponent("b.resetbackup")
        try await original.createBackup(to: backup, passphrase: "a long enough passphrase")
        await original.close()
        let gate = ProfileGate(
            location: location, keyProvider: InMemoryKeyProvider(key: Data(repeating: 0xB2, count: 32)),
            timeZone: { london }, clock: FixedClock(fixedNow), scratchFolder: scratch.url.appendingPathComponent("check"),
            restoreCopyFolder: scratch.url.appendingPathComponent("picked")
        )
        return (scratch, gate, backup)
    }

    func testAWrongKeyIsExplainedAndABadRestoreChangesNothingAndKeepsTheCopy() async throws {
        let (scratch, gate, backup) = try await unreadableProfile()
        defer { withExtendedLifetime(scratch) {} }
        await gate.open()
        guard case let .failed(message) = gate.phase else { return XCTFail("\(gate.phase)") }
        XCTAssertEqual(message.title, "Can't unlock your data")
        XCTAssertTrue(gate.offersStartOver)
        XCTAssertNil(gate.store)
        let before = try Data(contentsOf: gate.location.databaseURL)
        gate.importBackup(backup)
        XCTAssertEqual(gate.pickedName, "b.resetbackup")
        await gate.restore(passphrase: "not the passphrase")
        XCTAssertEqual(gate.restoreError?.title, "Wrong passphrase")
        XCTAssertEqual(gate.phase, .failed(message), "still on the explanation, where the error is drawn")
        XCTAssertEqual(try Data(contentsOf: gate.location.databaseURL), before, "the unreadable profile is untouched")
        let copy = try XCTUnwrap(gate.pickedBackup)
        XCTAssertTrue(FileManager.default.fileExists(atPath: copy.path), "the copy stays for another passphrase")
    }

    /// F3: the screen used to delete the copy when it was swapped for a spinner mid-restore.
    /// The gate owns the copy now, keeps the "can't open" screen (with progress) while it
    /// works, and deletes the copy only after the restore is done.
    func testRestoringFromTheGatesOwnCopyReplacesTheUnreadableProfileThenDeletesTheCopy() async throws {
        let (scratch, gate, backup) = try await unreadableProfile()
        defer { withExtendedLifetime(scratch) {} }
        await gate.open()
        gate.importBackup(backup)
        let copy = try XCTUnwrap(gate.pickedBackup)
        XCTAssertTrue(copy.path.hasPrefix(gate.restoreCopyFolder.path), "a copy the gate owns")
        // The person's own file may disappear (an iCloud file evicted, the picker's scope closed).
        try FileManager.default.removeItem(at: backup)
        // Watch every phase and store the screen would see while the restore runs.
        var seen: [String] = []
        let restoring = Task { await gate.restore(passphrase: "a long enough passphrase") }
        while gate.phase != .open, !(restoring.isCancelled) {
            if case .working(let problem) = gate.phase {
                XCTAssertEqual(problem.title, "Can't unlock your data", "the can't-open screen stays, showing progress")
            }
            seen.append("\(gate.phase)|\(gate.store == nil)")
            if case .failed = gate.phase, gate.restoreError != nil { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        await restoring.value
        XCTAssertFalse(seen.contains { $0.hasPrefix("open|") }, "the app never shows before the data is restored")
        XCTAssertTrue(seen.allSatisfy { $0.hasSuffix("|true") }, "no store is published before the restore: \(Set(seen))")
        XCTAssertEqual(gate.phase, .open)
        XCTAssertNil(gate.restoreError)
        let checkIns = try await gate.store?.checkIns()
        XCTAssertEqual(checkIns?.map(\.note), ["in the backup"], "restored, not an empty profile")
        XCTAssertEqual(gate.generation, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: copy.path), "the copy is deleted after the restore")
        XCTAssertNil(gate.pickedBackup)
    }

    func testStartingOverAsksFirstThenOpensAnEmptyProfile() async throws {
        let (scratch, gate, _) = try await unreadableProfile()
        defer { withExtendedLifetime(scratch) {} }
        await gate.open()
        guard case let .failed(message) = gate.phase else { return XCTFail("\(gate.phase)") }
        gate.requestStartOver()
        XCTAssertEqual(gate.phase, .confirmingStartOver(message))
        gate.cancelStartOver()
        XCTAssertEqual(gate.phase, .failed(message))
        XCTAssertTrue(FileManager.default.fileExists(atPath: gate.location.databaseURL.path))
        gate.requestStartOver()
        await gate.confirmStartOver()
        XCTAssertEqual(gate.phase, .open)
        let checkIns = try await gate.store?.checkIns()
        XCTAssertEqual(checkIns, [])
    }

    /// F1: the Keychain read and the SQLCipher open run off the main thread.
    func testOpeningReadsTheKeyAndOpensTheFileOffTheMainThread() async throws {
        let scratch = try Scratch()
        let keys = RecordingKeyProvider(key: Data(repeating: 0xC3, count: 32))
        let gate = ProfileGate(
            location: ProfileLocation(directory: scratch.url.appendingPathComponent("Profile")), keyProvider: keys,
            timeZone: { london }, clock: FixedClock(fixedNow))
        XCTAssertTrue(Thread.isMainThread, "the test itself runs on the main thread")
        XCTAssertEqual(gate.phase, .opening, "the screen shows progress until the open finishes")
        await gate.open()
        XCTAssertEqual(gate.phase, .open)
        XCTAssertEqual(keys.askedOnMainThread, [false])
    }

    /// F12: a Keychain read before the first unlock is not "your data can't be opened": no
    /// start-over (which would delete a good profile), and the app retries when active.
    func testAKeychainLockedUntilFirstUnlockWaitsWithoutStartOverAndRetriesWhenActive() async throws {
        let scratch = try Scratch()
        let location = ProfileLocation(directory: scratch.url.appendingPathComponent("Profile"))
        let keys = RecordingKeyProvider(key: Data(repeating: 0xC3, count: 32))
        let first = ProfileGate(location: location, keyProvider: keys, timeZone: { london }, clock: FixedClock(fixedNow))
        await first.open()
        try await first.store?.checkIn(mood: 4)
        await first.store?.close()

        keys.failure = .keychain(status: ProfileGate.keychainInteractionNotAllowed)
        let gate = ProfileGate(location: location, keyProvider: keys, timeZone: { london }, clock: FixedClock(fixedNow))
        await gate.open()
        guard case let .waitingForUnlock(message) = gate.phase else { return XCTFail("\(gate.phase)") }
        XCTAssertEqual(message.title, "Unlock your device to open your data")
        XCTAssertFalse(gate.offersStartOver)
        gate.requestStartOver()
        XCTAssertEqual(gate.phase, .waitingForUnlock(message), "start over cannot even be asked")
        await gate.sceneDidBecomeActive()
        XCTAssertEqual(gate.phase, .waitingForUnlock(message), "still locked: still waiting")

        keys.failure = nil  // the person unlocked the phone
        await gate.sceneDidBecomeActive()
        XCTAssertEqual(gate.phase, .open)
        let checkIns = try await gate.store?.checkIns()
        XCTAssertEqual(checkIns?.count, 1, "the same profile, nothing deleted")
    }

    func testOtherKeychainErrorsStillOfferTheWaysForwardAndAreNotRetriedByThemselves() async throws {
        let scratch = try Scratch()
        let keys = RecordingKeyProvider(key: Data(repeating: 0xC3, count: 32))
        keys.failure = .keychain(status: -34018)
        let gate = ProfileGate(
            location: ProfileLocation(directory: scratch.url.appendingPathComponent("Profile")), keyProvider: keys,
            timeZone: { london }, clock: FixedClock(fixedNow))
        await gate.open()
        guard case .failed = gate.phase else { return XCTFail("\(gate.phase)") }
        XCTAssertTrue(gate.offersStartOver)
        keys.failure = nil
        await gate.sceneDidBecomeActive()
        guard case .failed = gate.phase else { return XCTFail("only the unlock wait retries by itself: \(gate.phase)") }
    }
}

/// F4/F5: "Get help now" lists real crisis lines on every screen, including the first-run
/// screen and the "can't open" screen, where there is no profile to read a region from.
@MainActor
final class CrisisWithoutProfileTests: XCTestCase {
    func testWithoutAProfileTheZonesRegionIsListedNotAnEmptySheet() async {
        let newYork = CrisisModel(store: nil, timeZone: { TimeZone(identifier: "America/New_York")! })
        await newYork.load()
        XCTAssertNil(newYork.error)
        XCTAssertEqual(newYork.resources.first?.phone, "988")
        let uk = CrisisModel(store: nil, timeZone: { london })
        await uk.load()
        XCTAssertTrue(uk.resources.contains { $0.phone == "116 123" }, "Samaritans, not only the emergency number")
        let actions = uk.resources.flatMap { CrisisAction.actions(for: $0) }
        XCTAssertTrue(actions.contains { $0.url.absoluteString == "tel:116123" })
    }

    func testWithAProfileTheSameListComesFromTheStore() async throws {
        let store = try openStore(try Scratch())
        let withStore = CrisisModel(store: store)
        await withStore.load()
        let without = CrisisModel(store: nil, timeZone: { london })
        await without.load()
        XCTAssertEqual(withStore.resources, without.resources)
    }
}
