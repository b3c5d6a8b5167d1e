import Foundation
import XCTest

@testable import ResetKit

/// The shared golden vectors (tests/fixtures/assessment/golden.json), read by Rust and Kotlin too.
private struct Golden: Decodable {
    struct Signpost: Decodable {
        let reason: String
        let region: String
        let phones: [String]
    }
    struct Expect: Decodable {
        let total: UInt32
        let max: UInt32
        let severity: String
        let flags: [String]
        let prorated: Bool
        let signpost: Signpost?
    }
    struct Failure: Decodable {
        let kind: String
        let field: String
    }
    struct Scoring: Decodable {
        let name: String
        let instrument: String
        let answers: String
        let region: String
        let expect: Expect?
        let error: Failure?
    }
    struct Outcome: Decodable {
        struct Expect: Decodable {
            let casenessStart: Bool
            let casenessEnd: Bool
            let reliableImprovement: Bool
            let reliableDeterioration: Bool
            let recovery: Bool
            let reliableRecovery: Bool
            let category: String
        }
        let name: String
        let phq9: [UInt32]
        let gad7: [UInt32]
        let expect: Expect
        let met: [String]
    }
    let scoring: [Scoring]
    let outcomes: [Outcome]

    static func load() throws -> Golden {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("tests/fixtures/assessment/golden.json"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Golden.self, from: data)
    }
}

final class AssessmentTests: XCTestCase {
    func testEveryGoldenScoringVector() async throws {
        let golden = try Golden.load()
        XCTAssertGreaterThan(golden.scoring.count, 60)
        let store = try openStore(try Scratch())
        for c in golden.scoring {
            do {
                let result = try await store.score(c.instrument, answers: try Answer.list(c.answers), region: c.region)
                guard let e = c.expect else {
                    XCTFail("\(c.name): expected an error")
                    continue
                }
                XCTAssertEqual(result.total, e.total, c.name)
                XCTAssertEqual(result.max, e.max, c.name)
                XCTAssertEqual(result.severity, e.severity, c.name)
                XCTAssertEqual(result.flags, e.flags, c.name)
                XCTAssertEqual(result.prorated, e.prorated, c.name)
                XCTAssertEqual(result.signpost?.reason.id, e.signpost?.reason, c.name)
                XCTAssertEqual(result.signpost?.region, e.signpost?.region, c.name)
                XCTAssertEqual(result.signpost.map { $0.resources.compactMap(\.phone) }, e.signpost?.phones, c.name)
            } catch let error as ResetError {
                guard let f = c.error else {
                    XCTFail("\(c.name): \(error)")
                    continue
                }
                XCTAssertEqual(errorKindName(kind: error.kind), f.kind, c.name)
                XCTAssertEqual(error.field, f.field, c.name)
            }
        }
    }

    func testEveryGoldenOutcomeRow() async throws {
        let store = try openStore(try Scratch())
        for row in try Golden.load().outcomes {
            let s = try await store.outcome(phq9: (row.phq9[0], row.phq9[1]), gad7: (row.gad7[0], row.gad7[1]))
            XCTAssertEqual(s.category.id, row.expect.category, row.name)
            XCTAssertEqual(s.casenessStart, row.expect.casenessStart, row.name)
            XCTAssertEqual(s.casenessEnd, row.expect.casenessEnd, row.name)
            XCTAssertEqual(s.reliableImprovement, row.expect.reliableImprovement, row.name)
            XCTAssertEqual(s.reliableDeterioration, row.expect.reliableDeterioration, row.name)
            XCTAssertEqual(s.recovery, row.expect.recovery, row.name)
            XCTAssertEqual(s.reliableRecovery, row.expect.reliableRecovery, row.name)
            // Issue 17: each indicator on its own, reliable deterioration first as a warning.
            let met = s.indicators.filter { $0.status == .met }
            XCTAssertEqual(met.count, row.met.count, row.name)
            XCTAssertEqual(met.contains { $0.warning }, row.met.first == "reliable_deterioration", row.name)
            XCTAssertEqual(s.measures.map(\.measure), [.phq9, .gad7], row.name)
        }
    }

    func testIntegerLiteralsScoreTheIssueExample() async throws {
        let store = try openStore(try Scratch())
        let result = try await store.score("gad7", answers: [3, 2, 2, 2, 1, 1, 1])
        XCTAssertEqual(result.total, 12)
        XCTAssertEqual(result.severity, "moderate")
        XCTAssertNil(result.signpost)
        XCTAssertEqual(try Answer.list("na,decline,3"), [.notApplicable, .declined, 3])
    }

    func testAWrongAnswerCountIsInvalidInputNamingAnswersAndStoresNothing() async throws {
        let store = try openStore(try Scratch())
        let error = await assertThrowsReset(.invalidInput) { try await store.take("phq9", answers: [1, 2, 3]) }
        XCTAssertEqual(error?.field, "answers")
        let counts = try await store.status().counts
        XCTAssertEqual(counts["assessments"], 0)
    }

    func testADeclinedItem9BringsTheSignpostAndIsRecordedAsASafetyEvent() async throws {
        let store = try openStore(try Scratch())
        try await store.setPreference("region", "US")
        let taken = try await store.take("phq9", answers: [1, 1, 1, 1, 0, 0, 0, 0, .declined])
        XCTAssertEqual(taken.result.total, 5)  // 4 × 9/8 = 4.5, rounded half up
        XCTAssertEqual(taken.result.flags, ["self_harm_thoughts"])
        let signpost = try XCTUnwrap(taken.result.signpost)
        XCTAssertEqual(signpost.reason, .selfHarmThoughts)
        XCTAssertEqual(signpost.region, "US")
        XCTAssertEqual(signpost.resources.first?.phone, "988")
        let events = try await store.safetyEvents()
        XCTAssertEqual(events.map(\.instrument), ["phq9"])
        // Therapist read-through: a decline reads back as its own reason, not as an endorsement.
        XCTAssertEqual(events.map(\.reason), [.item9Declined])
        XCTAssertEqual(events.first?.reason.id, "item9_declined")
        XCTAssertEqual(events.first?.assessmentId, taken.record.id)
        // One id scheme (issue 15): a prefixed id, and the old number still finds the record.
        XCTAssertTrue(taken.record.id.hasPrefix("as_") && taken.record.id.count == 27, taken.record.id)
        XCTAssertTrue(events.first?.id.hasPrefix("se_") ?? false)
        let byID = try await store.assessment(taken.record.id)
        let byOldNumber = try await store.assessment(String(taken.record.legacyId))
        XCTAssertEqual(byID, taken.record)
        XCTAssertEqual(byOldNumber, taken.record)
        await assertThrowsReset(.notFound) { try await store.assessment("as_000000000000000000000000") }
        XCTAssertEqual(events.first?.occurredAtDate, fixedNow)
        let help = try await store.crisisResources()
        XCTAssertEqual(help.map(\.name), ["988 Suicide & Crisis Lifeline", "Emergency services"])
        let gb = try await store.crisisResources(region: "GB")
        XCTAssertEqual(gb.last?.smsTo, "85258")
    }

    func testHistoryOutcomeAndDueDatesFromStoredAssessments() async throws {
        let store = try openStore(try Scratch())
        let due = try await store.dueAssessments()
        XCTAssertEqual(due.due.map(\.instrument), ["gad7", "phq9"])
        let march = fixedNow.addingTimeInterval(-27 * 86_400)
        try await store.take("phq9", answers: try Answer.list("2,2,2,2,2,2,2,2,0"), at: march)
        try await store.take("gad7", answers: [2, 2, 2, 2, 1, 1, 1], at: march)
        try await store.take("phq9", answers: [1, 1, 1, 0, 0, 0, 0, 0, 0])
        try await store.take("gad7", answers: [1, 1, 0, 0, 0, 0, 0])
        let history = try await store.assessmentHistory("phq9")
        XCTAssertEqual(history.map(\.total), [16, 3])
        XCTAssertEqual(history.first?.takenAtDate, march)
        XCTAssertEqual(history.last?.localDate, day("2027-03-28"))
        let outcome = try await store.episodeOutcome()
        XCTAssertEqual(outcome.episode?.startDate, day("2027-03-01"))
        XCTAssertEqual(outcome.summary?.category, .reliableRecovery)
        try await store.setCadence("phq9", everyDays: 7)
        let next = try await store.dueAssessments()
        XCTAssertEqual(next.upcoming.map(\.dueDate), [day("2027-04-04"), day("2027-04-11")])
    }

    func testTheInstrumentCatalogueIsDataWithCitations() async throws {
        let store = try openStore(try Scratch())
        let all = try await store.instruments()
        XCTAssertEqual(all.map(\.id), ["gad7", "phq9", "gad2", "phq2", "pss10", "wsas"])
        XCTAssertTrue(all.allSatisfy { !$0.citation.isEmpty })
        let pss = try XCTUnwrap(all.first { $0.id == "pss10" })
        XCTAssertEqual(pss.items.filter(\.reverseScored).map(\.number), [4, 5, 7, 8])
    }
}
