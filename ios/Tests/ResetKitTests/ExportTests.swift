import Foundation
import XCTest

@testable import ResetKit

/// Collects progress fractions reported from the core's thread.
private final class Seen: @unchecked Sendable {
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

private func ms(_ text: String) -> Int64 {
    Int64(ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970 * 1000)
}

final class ExportTests: XCTestCase {
    private let q1 = TherapistExport(from: day("2027-01-01"), to: day("2027-03-27"), include: TherapistExport.everySection)

    /// GAD-7 11 → 4 and PHQ-9 12 → 3 (one PHQ-9 with item 9 = 1), a check-in with a note,
    /// one shared and one private journal entry.
    private func profile(_ scratch: Scratch) async throws -> ResetStore {
        let store = try openStore(scratch)
        for (id, answers, at) in [
            ("gad7", "2,2,2,2,1,1,1", "2027-01-04T10:00:00Z"),
            ("phq9", "2,2,2,2,1,1,1,1,0", "2027-01-04T10:05:00Z"),
            ("phq9", "1,1,1,1,1,1,1,1,1", "2027-02-01T10:00:00Z"),
            ("gad7", "1,1,1,1,0,0,0", "2027-03-01T10:00:00Z"),
            ("phq9", "1,1,1,0,0,0,0,0,0", "2027-03-01T10:05:00Z"),
        ] {
            _ = try store.companion.takeAssessment(
                instrument: id, answers: try parseAssessmentAnswers(text: answers),
                takenAt: Date(timeIntervalSince1970: Double(ms(at)) / 1000), region: "GB")
        }
        try await store.checkIn(mood: 3, note: "a private note", at: ISO8601DateFormatter().date(from: "2027-01-05T08:00:00Z"))
        try await store.addJournalEntry(
            journalBodyFromText(kind: .free, text: "Walked to the park"), sharedWithTherapist: true,
            at: ISO8601DateFormatter().date(from: "2027-02-20T18:00:00Z"))
        try await store.addJournalEntry(
            journalBodyFromText(kind: .free, text: "never leaves the phone"),
            at: ISO8601DateFormatter().date(from: "2027-02-21T18:00:00Z"))
        return store
    }

    func testThePreviewCountsWhatWillBeWrittenAndJournalIsOptIn() async throws {
        let scratch = try Scratch()
        let store = try await profile(scratch)
        let preview = try await store.exportPreview(q1)
        XCTAssertEqual(preview.assessments, 5)
        XCTAssertEqual(preview.safetyEvents, 1)
        XCTAssertEqual(preview.checkIns, 1)
        XCTAssertEqual(preview.sharedJournalEntries, 1)
        XCTAssertEqual(preview.privateJournalEntries, 1)
        let byDefault = try await store.exportPreview()
        XCTAssertEqual(byDefault.sharedJournalEntries, 1, "shared entries are in by default")
    }

    func testAPdfIsWrittenWithProgressThatOnlyGrows() async throws {
        let scratch = try Scratch()
        let store = try await profile(scratch)
        let url = scratch.url.appendingPathComponent("report.pdf")
        let seen = Seen()
        var options = q1
        options.pageSize = .letter
        let summary = try await store.exportForTherapist(.pdf, to: url, options) { seen.add($0) }
        XCTAssertEqual(String(decoding: try Data(contentsOf: url).prefix(5), as: UTF8.self), "%PDF-")
        XCTAssertGreaterThanOrEqual(summary.pages, 5)
        XCTAssertEqual(seen.all.last, 1)
        XCTAssertEqual(seen.all, seen.all.sorted())
    }

    func testTheFhirBundleIsACollectionWithLoincCodedTotals() async throws {
        let scratch = try Scratch()
        let store = try await profile(scratch)
        let url = scratch.url.appendingPathComponent("bundle.json")
        let summary = try await store.exportForTherapist(.fhir, to: url, q1)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertFalse(text.contains("never leaves the phone"))
        let bundle = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(bundle["type"] as? String, "collection")
        let resources = (bundle["entry"] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? [String: Any] }
        XCTAssertEqual(UInt32(resources.count), summary.resources)
        let totals = resources.filter { $0["resourceType"] as? String == "Observation" }
        let codes = totals.compactMap { (($0["code"] as? [String: Any])?["coding"] as? [[String: Any]])?.first?["code"] as? String }
        XCTAssertEqual(codes.filter { $0 == "70274-6" }.count, 2)
        XCTAssertEqual(codes.filter { $0 == "44261-6" }.count, 3)
    }

    func testCsvGoesToAFolderAndAMissingFolderIsInvalid() async throws {
        let scratch = try Scratch()
        let store = try await profile(scratch)
        let folder = scratch.url.appendingPathComponent("csv")
        let summary = try await store.exportForTherapist(.csv, to: folder, q1)
        XCTAssertTrue(summary.files.contains("assessments.csv"))
        let rows = try String(contentsOf: folder.appendingPathComponent("assessments.csv"), encoding: .utf8)
            .split(separator: "\r\n")
        XCTAssertEqual(rows.count, 6)
        let error = await assertThrowsReset(.invalidInput) {
            try await store.exportForTherapist(.pdf, to: URL(fileURLWithPath: "/no/such/folder/report.pdf"))
        }
        if case let .InvalidInput(field, _) = error { XCTAssertEqual(field, "out") } else { XCTFail("expected InvalidInput") }
    }
}
