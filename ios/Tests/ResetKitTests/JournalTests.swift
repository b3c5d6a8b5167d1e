import Foundation
import XCTest

@testable import ResetKit

/// The shared golden fixture for a journal kind (tests/fixtures/journal/<kind>.json).
private func journalFixture(_ kind: String) throws -> String {
    let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try String(contentsOf: root.appendingPathComponent("tests/fixtures/journal/\(kind).json"), encoding: .utf8)
}

final class JournalTests: XCTestCase {
    func testACheckInMapsOntoHealthKitValenceAndKeepsItsLocalDay() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        // 23:30 UTC on 30 June 2026 is 00:30 BST on 1 July in London (before the fixed clock:
        // a record more than five minutes in the future is refused).
        let at = Date(timeIntervalSince1970: 1_782_862_200)
        let checkIn = try await store.checkIn(
            mood: 6, labels: [.calm, .grateful], areas: [.selfCare], note: "Tea in the garden", tags: ["Garden"], at: at)
        XCTAssertEqual(checkIn.valence, 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(checkIn.valenceClassification, .pleasant)
        XCTAssertEqual(checkIn.localDate, day("2026-07-01"))
        XCTAssertEqual(checkIn.tags, ["garden"])
        XCTAssertEqual(checkIn.date, at)
        XCTAssertEqual(LifeArea.selfCare.healthKitRawValue, 13)
        XCTAssertEqual(EmotionLabel.satisfied.healthKitRawValue, 38)
        XCTAssertEqual(try moodFromValence(valence: checkIn.valence), 6)
        let listed = try await store.checkIns()
        XCTAssertEqual(listed.map(\.id), [checkIn.id])
        let days = try await store.moodCalendar(from: day("2026-07-01"), to: day("2026-07-31"))
        XCTAssertEqual(days.first?.average, 6)
    }

    func testAThoughtRecordFromTheSharedFixtureRoundTripsAndIsSearchable() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        let body = try JournalBody.decode(try journalFixture("thought"), kind: .thought)
        guard case let .thought(record) = body else { return XCTFail("expected a thought record, got \(body)") }
        XCTAssertEqual(record.emotions.first?.label, .anxious)
        XCTAssertEqual(record.distortions, [.fortuneTelling, .overgeneralization, .mindReading])
        let entry = try await store.addJournalEntry(body, tags: ["work"])
        XCTAssertFalse(entry.sharedWithTherapist)
        XCTAssertEqual(entry.kind, .thought)
        let shown = try await store.journalEntry(entry.id)
        XCTAssertEqual(shown.body, body)

        let hits = try await store.search("MANAG*")
        XCTAssertEqual(hits.map(\.id), [entry.id])
        XCTAssertTrue(hits[0].snippet.contains("[manager]"), hits[0].snippet)
        XCTAssertEqual(hits[0].kind, "thought")

        let shared = try await store.setSharedWithTherapist(entry.id, true)
        XCTAssertTrue(shared.sharedWithTherapist)
        try await store.deleteJournalEntry(entry.id)
        let after = try await store.search("manager")
        XCTAssertTrue(after.isEmpty)
        await assertThrowsReset(.notFound) { try await store.journalEntry(entry.id) }
    }

    func testInsightsCountDistortionsAndEmotionChange() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        try await store.addJournalEntry(try JournalBody.decode(try journalFixture("thought"), kind: .thought))
        let insights = try await store.insights(from: day("2027-03-01"), to: day("2027-03-31"))
        XCTAssertEqual(insights.thoughtRecordCount, 1)
        XCTAssertEqual(insights.emotionChanges.first(where: { $0.label == .anxious })?.averageChange, -40)
        XCTAssertEqual(insights.byWeekday.count, 7)
    }

    func testBadInputIsInvalidInputNamingTheFieldAndStoresNothing() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        var error = await assertThrowsReset(.invalidInput) { try await store.checkIn(mood: 9) }
        XCTAssertEqual(error?.field, "mood")
        error = await assertThrowsReset(.invalidInput) {
            try JournalBody.decode(#"{"automatic_thoughts":"x","distortions":["crystal_ball"]}"#, kind: .thought)
        }
        XCTAssertEqual(error?.field, "distortions[0]")
        let huge = String(repeating: "a", count: 1_048_576)
        error = await assertThrowsReset(.invalidInput) { try await store.addJournalEntry(.text(huge)) }
        XCTAssertEqual(error?.field, "text")
        error = await assertThrowsReset(.invalidInput) { try await store.search("\"unclosed") }
        XCTAssertEqual(error?.field, "query")
        let status = try await store.status()
        XCTAssertEqual(status.counts["journal_entries"], 0)
        XCTAssertEqual(status.counts["check_ins"], 0)
    }
}
