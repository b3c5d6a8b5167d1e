import Foundation
import XCTest

@testable import ResetFeatures

@MainActor
final class JournalModelTests: XCTestCase {
    func testEntriesLoadNewestFirstAndFilterByKind() async throws {
        let store = try openStore(try Scratch())
        try await store.addJournalEntry(.text("Walked by the river"), at: fixedNow.addingTimeInterval(-3600))
        try await store.addJournalEntry(.text("They will think I'm useless", kind: .thought))
        let model = JournalModel(store: store)
        await model.load()
        XCTAssertEqual(model.entries.value?.map(\.kind), [.thought, .free])
        await model.filter(.free)
        XCTAssertEqual(model.entries.value?.map { JournalModel.headline($0) }, ["Walked by the river"])
        await model.filter(nil)
        XCTAssertEqual(model.entries.value?.count, 2)
    }

    func testSearchShowsHitsAndAnEmptyQueryEndsTheSearch() async throws {
        let store = try openStore(try Scratch())
        try await store.addJournalEntry(.text("Walked by the river at dawn"))
        try await store.addJournalEntry(.text("Quiet evening"))
        let model = JournalModel(store: store)
        model.query = "river"
        await model.search()
        let hits = try XCTUnwrap(model.hits)
        XCTAssertEqual(hits.count, 1)
        let parts = SnippetPart.parse(hits[0].snippet)
        XCTAssertEqual(parts.filter(\.isMatch).map { $0.text.lowercased() }, ["river"])
        XCTAssertFalse(parts.map(\.text).joined().contains("["), "brackets are markup, not text")
        model.query = "   "
        await model.search()
        XCTAssertNil(model.hits)
    }

    func testAMalformedQueryKeepsResultsAndShowsTheCoreReason() async throws {
        let store = try openStore(try Scratch())
        try await store.addJournalEntry(.text("river"))
        let model = JournalModel(store: store)
        model.query = "river"
        await model.search()
        model.query = "cats OR"  // malformed for the core's query language
        await model.search()
        XCTAssertEqual(model.error?.field, "query")
        XCTAssertEqual(model.hits?.count, 1, "the previous results stay")
    }

    func testDeletingAnEntryRemovesItFromListAndSearch() async throws {
        let store = try openStore(try Scratch())
        let entry = try await store.addJournalEntry(.text("river walk"))
        let model = JournalModel(store: store)
        model.query = "river"
        await model.search()
        await model.delete(entry.id)
        XCTAssertEqual(model.hits?.count, 0)
        XCTAssertEqual(model.entries.value?.count, 0)
    }

    func testSnippetParsingHandlesEdges() async {
        XCTAssertEqual(SnippetPart.parse("no match"), [SnippetPart(text: "no match", isMatch: false)])
        XCTAssertEqual(
            SnippetPart.parse("[a] b [c]"),
            [
                SnippetPart(text: "a", isMatch: true), SnippetPart(text: " b ", isMatch: false), SnippetPart(text: "c", isMatch: true),
            ])
        XCTAssertEqual(SnippetPart.parse(""), [])
    }
}

@MainActor
final class ThoughtRecordModelTests: XCTestCase {
    private func filled(_ model: ThoughtRecordModel) {
        model.situation = "Meeting ran late"
        model.automaticThoughts = "Everyone saw me fail"
        model.addEmotion(.anxious)
        model.addEmotion(.anxious)
        model.emotions[0].before = 80
        model.toggle(.mindReading)
        model.toggle(.allOrNothing)
        model.evidenceFor = "I stumbled once"
        model.evidenceAgainst = "Two people thanked me"
        model.balancedThought = "One stumble in a useful meeting"
        model.beliefBefore = 90
    }

    func testANewRecordIsSavedAsAThoughtEntry() async throws {
        let store = try openStore(try Scratch())
        let recorder = ActivityRecorder()
        let model = ThoughtRecordModel(store: store, observer: recorder)
        XCTAssertFalse(model.isEditing)
        filled(model)
        XCTAssertEqual(model.emotions.count, 1, "an emotion is rated once")
        XCTAssertEqual(model.distortions, [.allOrNothing, .mindReading], "the core's order")
        await model.save()
        XCTAssertNil(model.error)
        let saved = try XCTUnwrap(model.saved)
        XCTAssertEqual(saved.kind, .thought)
        guard case let .thought(record) = saved.body else { return XCTFail("not a thought record") }
        XCTAssertEqual(record.emotions, [EmotionRating(label: .anxious, before: 80, after: nil)])
        XCTAssertEqual(record.beliefBefore, 90)
        XCTAssertEqual(recorder.count, 1)
        XCTAssertFalse(model.distortionChoices.isEmpty)
        XCTAssertTrue(model.distortionChoices.allSatisfy { !$0.name.isEmpty })
    }

    func testEditingKeepsTheEntryAndChangesSharing() async throws {
        let store = try openStore(try Scratch())
        let first = ThoughtRecordModel(store: store)
        filled(first)
        await first.save()
        let entry = try XCTUnwrap(first.saved)
        let edit = ThoughtRecordModel(store: store, editing: entry)
        XCTAssertTrue(edit.isEditing)
        XCTAssertEqual(edit.situation, "Meeting ran late")
        XCTAssertEqual(edit.emotions.first?.before, 80)
        edit.emotions[0].after = 30
        edit.beliefAfter = 40
        edit.sharedWithTherapist = true
        await edit.save()
        let updated = try XCTUnwrap(edit.saved)
        XCTAssertEqual(updated.id, entry.id)
        XCTAssertTrue(updated.sharedWithTherapist)
        guard case let .thought(record) = updated.body else { return XCTFail("not a thought record") }
        XCTAssertEqual(record.emotions.first?.after, 30)
        let all = try await store.journalEntries()
        XCTAssertEqual(all.count, 1)
    }

    func testAnOutOfRangeRatingIsRefusedOnItsFieldAndNothingIsStored() async throws {
        let store = try openStore(try Scratch())
        let model = ThoughtRecordModel(store: store)
        filled(model)
        model.emotions[0].before = 140
        await model.save()
        XCTAssertNil(model.saved)
        let field = try XCTUnwrap(model.error?.field)
        XCTAssertTrue(field.hasPrefix("emotions"), field)
        let all = try await store.journalEntries()
        XCTAssertTrue(all.isEmpty)
    }
}
