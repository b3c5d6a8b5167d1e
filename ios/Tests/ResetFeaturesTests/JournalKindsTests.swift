import Foundation
import XCTest

@testable import ResetFeatures

@MainActor
final class JournalKindsTests: XCTestCase {
    private let long = String(repeating: "A long first line that goes on past eighty characters, ", count: 3) + "\nand a second line."

    func testEveryKindIsCreatedReadInFullAndEdited() async throws {
        let store = try openStore(try Scratch())
        let recorder = ActivityRecorder()
        for kind in JournalEntryModel.kinds {
            let model = JournalEntryModel(store: store, kind: kind, observer: recorder)
            switch kind {
            case .free: model.text = long
            case .gratitude:
                model.gratitudeItems = ["the sun", "", "a friend's call"]
                model.reflection = long
            case .worry:
                model.worry = long
                model.worryType = .hypothetical
            case .exposure:
                model.situation = long
                model.prediction = "I will panic"
                model.distressBefore = 70
                model.distressPeak = 80
                model.distressAfter = 30
            case .activity:
                model.activity = long
                model.activityStatus = .done
                model.mastery = 6
                model.pleasure = 8
            case .thought: continue
            }
            await model.save()
            XCTAssertNil(model.error, "\(kind): \(String(describing: model.error))")
            let saved = try XCTUnwrap(model.saved, "\(kind)")
            XCTAssertEqual(saved.kind, kind)
            // Read in full: the whole text, both lines, not the list's 80-character headline.
            let read = try await store.journalEntry(saved.id)
            XCTAssertTrue(read.fields.contains { $0.value == long }, "\(kind): \(read.fields)")
            XCTAssertFalse(read.fields.contains { $0.value.isEmpty })

            // Edit: the editor starts from every saved field and saves a change.
            let editor = JournalEntryModel(store: store, editing: read)
            XCTAssertTrue(editor.isEditing)
            XCTAssertEqual(editor.body, read.body, "\(kind): the editor round-trips the entry")
            switch kind {
            case .free: editor.text = "rewritten"
            case .gratitude: editor.reflection = "rewritten"
            case .worry: editor.whatHappened = "rewritten"
            case .exposure: editor.learned = "rewritten"
            case .activity: editor.pleasure = 9
            case .thought: break
            }
            editor.sharedWithTherapist = true
            await editor.save()
            XCTAssertNil(editor.error, "\(kind)")
            let edited = try await store.journalEntry(saved.id)
            XCTAssertNotEqual(edited.body, read.body)
            XCTAssertTrue(edited.sharedWithTherapist)
        }
        XCTAssertEqual(recorder.count, 5, "each new entry re-plans reminders; edits do not")
        let entries = try await store.journalEntries()
        XCTAssertEqual(Set(entries.map(\.kind)), Set(JournalEntryModel.kinds))
    }

    func testGratitudeBlanksAreLeftOutAndFieldsReadInOrder() async throws {
        let store = try openStore(try Scratch())
        let model = JournalEntryModel(store: store, kind: .gratitude)
        model.gratitudeItems = ["", "tea", "  "]
        await model.save()
        let entry = try XCTUnwrap(model.saved)
        XCTAssertEqual(entry.fields, [EntryField(label: "Grateful for (1)", value: "tea")])
    }

    func testTheCoreRefusesAnOutOfRangeRatingAndNothingIsStored() async throws {
        let store = try openStore(try Scratch())
        let model = JournalEntryModel(store: store, kind: .exposure)
        model.situation = "the lift"
        model.distressBefore = 150
        await model.save()
        XCTAssertNil(model.saved)
        XCTAssertNotNil(model.error?.field, "the core names the field")
        let entries = try await store.journalEntries()
        XCTAssertTrue(entries.isEmpty)
    }

    func testAThoughtRecordReadsInFullToo() async throws {
        let store = try openStore(try Scratch())
        let thought = ThoughtRecordModel(store: store)
        thought.situation = "Meeting"
        thought.automaticThoughts = "They think I'm useless"
        thought.addEmotion(.anxious)
        thought.balancedThought = "One comment is not everyone's view"
        await thought.save()
        let entry = try XCTUnwrap(thought.saved)
        XCTAssertEqual(entry.fields.map(\.label), ["Situation", "Automatic thoughts", "Emotions", "Balanced thought"])
    }
}
