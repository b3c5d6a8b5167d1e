import Foundation
import XCTest

@testable import ResetKit

final class FoundationTests: XCTestCase {
    func testOpensANewEncryptedStoreAtTheCurrentSchema() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        let status = try await store.status()
        XCTAssertGreaterThanOrEqual(status.schemaVersion, 1)
        XCTAssertEqual(status.timeZone, "Europe/London")
        let header = try Data(contentsOf: scratch.database).prefix(15)
        XCTAssertNotEqual(String(decoding: header, as: UTF8.self), "SQLite format 3")
    }

    func testWritesSurviveClosingAndReopening() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        try await store.setPreference("region", "GB")
        await store.close()
        let reopened = try openStore(scratch)
        let region = try await reopened.preference("region")
        XCTAssertEqual(region, "GB")
    }

    func testAWrongKeyThrowsWrongKeyAndLeavesTheFileUnchanged() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        try await store.setPreference("region", "US")
        await store.close()
        let before = try Data(contentsOf: scratch.database)
        await assertThrowsReset(.wrongKey) { try openStore(scratch, key: keyB) }
        XCTAssertEqual(try Data(contentsOf: scratch.database), before)
    }

    /// API review F4: a day from a Buddhist device's calendar (year 2570) is the same day for
    /// the core, converted to Gregorian as it is lowered, never read as the year 2570.
    func testADayFromANonGregorianCalendarIsConvertedNotReadAsGregorian() async throws {
        let store = try openStore(try Scratch())
        try await store.checkIn(mood: 4)
        var buddhist = Calendar(identifier: .buddhist)
        buddhist.timeZone = london
        let day = buddhist.dateComponents([.calendar, .year, .month, .day], from: fixedNow)
        XCTAssertEqual(day.year, 2570)
        let found = try await store.checkIns(from: day, to: day)
        XCTAssertEqual(found.count, 1)
    }

    func testAnUnknownZoneIsInvalidInputNamingTheField() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        let error = await assertThrowsReset(.invalidInput) { try store.companion.setTimeZone(zone: "Mars/Base") }
        XCTAssertEqual(error?.field, "time_zone")
    }

    func testAShortKeyIsInvalidInput() async throws {
        let scratch = try Scratch()
        let error = await assertThrowsReset(.invalidInput) { try openStore(scratch, key: Data([1, 2, 3])) }
        XCTAssertEqual(error?.field, "key")
    }

    func testTheInjectedClockAndZoneDecideToday() async throws {
        let scratch = try Scratch()
        // 23:30 UTC on 30 June is already 1 July in London (BST).
        let lateJune = Date(timeIntervalSince1970: 1_814_398_200)
        let store = try openStore(scratch, clock: FixedClock(lateJune))
        let inLondon = try await store.today()
        XCTAssertEqual(inLondon, day("2027-07-01"))
        try await store.setTimeZone(TimeZone(identifier: "America/New_York")!)
        let inNewYork = try await store.today()
        XCTAssertEqual(inNewYork, day("2027-06-30"))
    }

    func testAClockWrittenInSwiftIsCalledByTheCore() async throws {
        final class CountingClock: Clock, @unchecked Sendable {
            var calls = 0
            func instant() -> Date {
                calls += 1
                return Date(timeIntervalSince1970: 1_806_224_400)
            }
        }
        let scratch = try Scratch()
        let clock = CountingClock()
        let store = try openStore(scratch, clock: clock)
        let today = try await store.today()
        XCTAssertEqual(today, day("2027-03-28"))
        XCTAssertGreaterThanOrEqual(clock.calls, 1)
    }

    func testAPanicInsideTheCoreArrivesAsAnInternalError() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        await assertThrowsReset(.internal) { try store.companion.debugTriggerPanic() }
        // The session keeps working after the caught panic.
        let status = try await store.status()
        XCTAssertGreaterThanOrEqual(status.schemaVersion, 1)
    }

    func testEraseAllLeavesNoFileAndClosesTheStore() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        try await store.setPreference("region", "IE")
        try await store.eraseAll()
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
        XCTAssertEqual(left, [])
        await assertThrowsReset(.conflict) { try await store.status() }
    }

    func testErrorKindNamesAreTheStableContract() {
        XCTAssertEqual(errorKindName(kind: .invalidInput), "invalid_input")
        XCTAssertEqual(errorKindName(kind: .unsupportedVersion), "unsupported_version")
        XCTAssertEqual(errorKindName(kind: .wrongKey), "wrong_key")
    }

    func testInMemoryKeyProviderCreatesOneKeyAndForgetsItOnDelete() throws {
        let provider = InMemoryKeyProvider()
        let first = try provider.databaseKey()
        XCTAssertEqual(first.count, 32)
        XCTAssertEqual(try provider.databaseKey(), first)
        try provider.deleteKey()
        XCTAssertNotEqual(try provider.databaseKey(), first)
    }

    func testTrivialFfiRoundTripCostsLessThanFiveMicroseconds() {
        let n = 200_000
        var sum: UInt64 = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for i in 0..<n { sum &+= ffiRoundTrip(value: UInt64(i)) }
        let perCall = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(n)
        print("BENCH swift ffi_round_trip: \(String(format: "%.1f", perCall)) ns/call over \(n) calls")
        XCTAssertEqual(sum, UInt64(n) * UInt64(n - 1) / 2)
        XCTAssertLessThan(perCall, 5_000)
    }
}

/// Inbox (API review F8): calls from many tasks, one of them a seconds-long backup, all run, one
/// at a time; the profile opens off the caller's thread.
final class StoreConcurrencyTests: XCTestCase {
    func testConcurrentCallsBesideALongJobAllRunOneAtATime() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        let backup = scratch.url.appendingPathComponent("b.resetbackup")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for mood in 1...7 { group.addTask { _ = try await store.checkIn(mood: Int32(mood)) } }
            group.addTask { _ = try await store.createBackup(to: backup, passphrase: "a long enough passphrase") }
            try await group.waitForAll()
        }
        let all = try await store.checkIns()
        XCTAssertEqual(all.count, 7, "every call ran, one at a time, beside a backup")
    }

    func testOpeningAsyncReadsTheKeyOffTheCallersThread() async throws {
        let scratch = try Scratch()
        let keys = InMemoryKeyProvider(key: keyA)
        let store = try await ResetStore.open(
            databaseURL: scratch.database, keyProvider: keys, timeZone: london, clock: FixedClock(fixedNow))
        let status = try await store.status()
        XCTAssertGreaterThan(status.schemaVersion, 0)
    }
}

/// Inbox (API review F7): an error presented with `localizedDescription` reads as words, not a
/// debug dump, and carries no user content (the core's reasons never do).
final class ErrorDescriptionTests: XCTestCase {
    func testLocalizedDescriptionIsTheSafeReasonNotADebugDump() async throws {
        let store = try openStore(try Scratch())
        let error = await assertThrowsReset(.invalidInput) { try await store.checkIn(mood: 9, note: "CANARY-private-note") }
        let text = try XCTUnwrap(error).localizedDescription
        XCTAssertTrue(text.hasPrefix("invalid_input (mood): "), text)
        XCTAssertFalse(text.contains("ResetError."), "no enum dump")
        XCTAssertFalse(text.contains("CANARY"), "no user text")
        XCTAssertEqual(
            ResetError.WrongKey(reason: "the key does not open this file").errorDescription, "wrong_key: the key does not open this file")
    }
}
