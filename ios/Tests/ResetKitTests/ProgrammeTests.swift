import Foundation
import XCTest

@testable import ResetKit

/// The golden unlock vectors shared with the Rust and Kotlin tests.
private struct UnlockVectors: Decodable {
    struct Case: Decodable {
        let name, zone, programme, completed, next: String
        let completedAt, unlocksAt: String
        enum CodingKeys: String, CodingKey {
            case name, zone, programme, completed, next
            case completedAt = "completed_at"
            case unlocksAt = "unlocks_at"
        }
    }
    let cases: [Case]
}

private let repoRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

final class ProgrammeTests: XCTestCase {
    func testTheFourProgrammesAreOnOffer() async throws {
        let store = try openStore(try Scratch())
        let list = try await store.programmes()
        XCTAssertEqual(list.map(\.id), ["anxiety-reset", "meditation-7-day", "mindfulness-8-week", "stress-reset"])
        XCTAssertEqual(list.first?.steps, 8)
        let anxiety = try await store.programme("anxiety-reset")
        XCTAssertTrue(anxiety.notice.contains("complement to professional care"))
        XCTAssertEqual(anxiety.steps[3].instruments, ["gad7"])
    }

    func testEnrollingOpensDayOneAndCompletingItLocksDayTwoUntilLocalMidnight() async throws {
        let store = try openStore(try Scratch())
        let enrolled = try await store.startProgramme("meditation-7-day")
        XCTAssertEqual(enrolled.state, .active)
        let today = try await store.programmeToday()
        XCTAssertEqual(today.programme, "meditation-7-day")
        XCTAssertEqual(today.steps.map(\.id), ["day-1"])
        XCTAssertEqual(today.steps.first?.status, .available)

        // fixedNow is 09:00 UTC on Sunday 28 March 2027, 10:00 BST in London.
        let done = try await store.completeStep("day-1")
        XCTAssertFalse(done.alreadyCompleted)
        XCTAssertEqual(done.next?.status, .locked)
        XCTAssertEqual(done.next?.unlocksAt.map { localText($0.at, TimeZone(identifier: $0.timeZone)!) }, "2027-03-29T00:00:00+01:00")
        XCTAssertEqual(done.next?.unlockDate, Date(timeIntervalSince1970: 1_806_274_800))
        let again = try await store.completeStep("day-1")
        XCTAssertTrue(again.alreadyCompleted)
    }

    func testCompletingALockedStepThrowsConflictNamingTheUnlockTimeAndStoresNothing() async throws {
        let store = try openStore(try Scratch())
        try await store.startProgramme("meditation-7-day")
        try await store.completeStep("day-1")
        let error = await assertThrowsReset(.conflict) { try await store.completeStep("day-2") }
        guard case let .Conflict(reason)? = error else { return XCTFail("expected Conflict") }
        XCTAssertTrue(reason.contains("2027-03-29T00:00:00+01:00"), reason)
        let progress = try await store.programmeProgress()
        XCTAssertEqual(progress?.completedSteps, 1)
        let counts = try await store.status().counts
        XCTAssertEqual(counts["programme_completions"], 1)
    }

    func testOneProgrammeAtATimeAndLeavingKeepsProgress() async throws {
        let store = try openStore(try Scratch())
        try await store.startProgramme("stress-reset")
        try await store.completeStep("day-1")
        await assertThrowsReset(.conflict) { try await store.startProgramme("anxiety-reset") }
        await assertThrowsReset(.notFound) { try await store.startProgramme("no-such-programme") }
        let left = try await store.leaveProgramme()
        XCTAssertEqual(left, "stress-reset")
        let none = try await store.programmeProgress()
        XCTAssertNil(none)
        let back = try await store.startProgramme("stress-reset")
        XCTAssertEqual(back.completedSteps, 1)
    }

    func testLoggingASessionGivesHealthStoreFieldsAndCountsTowardTheWeek() async throws {
        let store = try openStore(try Scratch())
        let session = try await store.logPractice(.breathing, minutes: 10, planned: 12)
        XCTAssertEqual(session.technique, .breathing)
        XCTAssertEqual(session.endDate.timeIntervalSince(session.startDate), 600)
        XCTAssertEqual(session.endDate, fixedNow)
        XCTAssertEqual(session.healthConnectType, "MINDFULNESS_SESSION_TYPE_BREATHING")
        XCTAssertEqual(session.startUtcOffsetSeconds, 3600)
        XCTAssertEqual(session.localDate, day("2027-03-28"))
        let summary = try await store.practiceSummary()
        XCTAssertEqual(summary.daysPractisedThisWeek, 1)
        XCTAssertEqual(summary.minutesThisWeek, 10)
        XCTAssertEqual(summary.streak, 1)
        XCTAssertGreaterThan(summary.habitStrength, 0)
        try await store.setStreakHidden(true)
        let hidden = try await store.practiceSummary()
        XCTAssertNil(hidden.streak)
        XCTAssertTrue(hidden.streakHidden)
        let error = await assertThrowsReset(.invalidInput) { try await store.logPractice(.meditation, minutes: 0) }
        XCTAssertEqual(error?.field, "minutes")
    }

    func testTheSharedUnlockVectorsHold() async throws {
        let data = try Data(contentsOf: repoRoot.appendingPathComponent("tests/fixtures/programmes/unlock_vectors.json"))
        let vectors = try JSONDecoder().decode(UnlockVectors.self, from: data)
        XCTAssertGreaterThanOrEqual(vectors.cases.count, 6)
        let iso = ISO8601DateFormatter()
        for v in vectors.cases {
            let completedAt = try XCTUnwrap(iso.date(from: v.completedAt), v.name)
            let scratch = try Scratch()
            let store = try ResetStore(
                databaseURL: scratch.database, key: keyA,
                timeZone: TimeZone(identifier: v.zone)!, clock: FixedClock(completedAt.addingTimeInterval(60))
            )
            try await store.startProgramme(v.programme, at: completedAt.addingTimeInterval(-3600))
            try await store.completeStep(v.completed, at: completedAt)
            let next = try await store.programmeProgress()?.steps.first { $0.id == v.next }
            XCTAssertEqual(next?.status, .locked, v.name)
            XCTAssertEqual(next?.unlocksAt.map { localText($0.at, TimeZone(identifier: $0.timeZone)!) }, v.unlocksAt, v.name)
        }
    }

    func testValidatingAPackNamesTheStepAtFault() throws {
        let url = repoRoot.appendingPathComponent("core/content/programmes/meditation-7-day.json")
        let pack = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(try validateProgrammePack(json: pack).id, "meditation-7-day")
        let damaged = pack.replacingOccurrences(of: "\"journal\": \"free\"", with: "\"journal\": \"diary\"")
        XCTAssertThrowsError(try validateProgrammePack(json: damaged)) { error in
            guard case let .InvalidInput(field, reason)? = error as? ResetError else { return XCTFail("\(error)") }
            // The JSON path of the value at fault (the seventh step), never the value itself.
            XCTAssertEqual(field, "steps[6].journal")
            XCTAssertFalse(reason.contains("diary"), reason)
        }
    }
}
