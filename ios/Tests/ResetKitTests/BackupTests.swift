import Foundation
import XCTest

@testable import ResetKit

/// The committed backup fixture (tests/fixtures/backup/README.md): format 1, schema 1.
private func fixtureBackup() throws -> Data {
    let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try Data(contentsOf: root.appendingPathComponent("tests/fixtures/backup/format1-schema1.rcbackup"))
}

private let fixturePassphrase = "fixture passphrase"
private let passphrase = "a long enough passphrase"

/// Every byte of the profile's database and WAL: what "untouched" means.
private func fingerprint(_ scratch: Scratch) -> [Data?] {
    ["", "-wal"].map { try? Data(contentsOf: URL(fileURLWithPath: scratch.database.path + $0)) }
}

/// Collects progress fractions from the core's thread.
private final class Fractions: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Double] = []
    func add(_ value: Double) {
        lock.lock()
        values.append(value)
        lock.unlock()
    }
    var all: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}

final class BackupTests: XCTestCase {
    func testABackupRoundTripsTheWholeProfileOntoAnotherPhone() async throws {
        let phone = try Scratch()
        let store = try openStore(phone)
        try await store.setPreference("region", "GB")
        try await store.checkIn(mood: 6, note: "walked by the river", tags: ["outdoors"])
        let before = phone.url.appendingPathComponent("before.json")
        let dumped = try await store.exportDump(to: before)
        XCTAssertEqual(dumped.tables.first { $0.table == "check_ins" }?.rows, 1)

        let file = phone.url.appendingPathComponent("profile.rcbackup")
        let seen = Fractions()
        let summary = try await store.createBackup(to: file, passphrase: passphrase) { seen.add($0) }
        XCTAssertEqual(summary.formatVersion, 1)
        XCTAssertGreaterThan(summary.totalRows, 1)
        XCTAssertEqual(seen.all.first, 0)
        XCTAssertEqual(seen.all.last, 1)
        XCTAssertEqual(seen.all, seen.all.sorted())

        // Restore onto a new phone: another folder, another key.
        let newPhone = try Scratch()
        let fresh = try openStore(newPhone, key: keyB)
        let restored = try await fresh.restoreBackup(from: file, passphrase: passphrase)
        XCTAssertEqual(restored.tables, summary.tables)
        let after = newPhone.url.appendingPathComponent("after.json")
        try await fresh.exportDump(to: after)
        XCTAssertEqual(try Data(contentsOf: after), try Data(contentsOf: before))
        let region = try await fresh.preference("region")
        XCTAssertEqual(region, "GB")
    }

    func testATamperedBackupIsCorruptAndTheProfileIsUntouched() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        try await store.setPreference("region", "US")
        var tampered = try fixtureBackup()
        tampered[tampered.count - 5] ^= 0x01
        let file = scratch.url.appendingPathComponent("tampered.rcbackup")
        try tampered.write(to: file)
        let before = fingerprint(scratch)

        await assertThrowsReset(.corrupt) { try await store.restoreBackup(from: file, passphrase: fixturePassphrase) }
        try tampered.prefix(100).write(to: file)
        await assertThrowsReset(.corrupt) { try await store.restoreBackup(from: file, passphrase: fixturePassphrase) }
        try fixtureBackup().write(to: file)
        await assertThrowsReset(.wrongKey) { try await store.restoreBackup(from: file, passphrase: "not the passphrase") }
        XCTAssertEqual(fingerprint(scratch), before)
        let region = try await store.preference("region")
        XCTAssertEqual(region, "US")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.contains("restore") }
        XCTAssertEqual(leftovers, [])
    }

    func testTheCommittedFixtureRestoresAndIsMigrated() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        let file = scratch.url.appendingPathComponent("fixture.rcbackup")
        try fixtureBackup().write(to: file)
        let summary = try await store.restoreBackup(from: file, passphrase: fixturePassphrase)
        XCTAssertEqual(summary.backupSchemaVersion, 1)
        let status = try await store.status()
        XCTAssertEqual(summary.schemaVersion, status.schemaVersion)
        let fixture = try await store.preference("fixture")
        XCTAssertEqual(fixture, "v1")
    }

    func testAShortPassphraseIsInvalidInputNamingTheField() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        let file = scratch.url.appendingPathComponent("x.rcbackup")
        let error = await assertThrowsReset(.invalidInput) { try await store.createBackup(to: file, passphrase: "short") }
        XCTAssertEqual(error?.field, "passphrase")
        XCTAssertFalse(FileManager.default.fileExists(atPath: file.path))
    }
}
