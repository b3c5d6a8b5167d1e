import Foundation
import XCTest

@testable import ResetFeatures

/// F10: leaving a journal editor never silently loses what was typed. Replays what SwiftUI does:
/// the dialog's binding is set to false *before* the chosen button's action runs.
@MainActor
final class EditorExitTests: XCTestCase {
    func testANewEntryWithNothingTypedClosesAtOnce() async throws {
        let store = try openStore(try Scratch())
        let model = JournalEntryModel(store: store, kind: .gratitude)
        model.gratitudeItems[0] = "   "  // whitespace only: the stored entry would be the same
        XCTAssertFalse(model.hasChanges)
        model.cancel()
        XCTAssertFalse(model.exit.isAskingToDiscard)
        XCTAssertTrue(model.exit.shouldClose)
    }

    func testTypedTextAsksFirstAndKeepEditingLosesNothing() async throws {
        let store = try openStore(try Scratch())
        let model = JournalEntryModel(store: store, kind: .free)
        model.text = "A long personal entry"
        XCTAssertTrue(model.hasChanges, "the sheet's swipe-to-dismiss is disabled")
        model.cancel()
        XCTAssertTrue(model.exit.isAskingToDiscard)
        XCTAssertFalse(model.exit.shouldClose)
        model.exit.isAskingToDiscard = false  // SwiftUI closes the dialog first …
        model.keepEditing()  // … then runs "Keep editing"
        XCTAssertFalse(model.exit.shouldClose)
        XCTAssertEqual(model.text, "A long personal entry")
        model.cancel()
        model.exit.isAskingToDiscard = false
        model.discard()
        XCTAssertTrue(model.exit.shouldClose, "Discard closes even though the dialog closed first")
        let entries = try await store.journalEntries()
        XCTAssertTrue(entries.isEmpty, "nothing was saved")
    }

    func testEditingAnEntryCountsOnlyRealChangesAndSavingIsNotALoss() async throws {
        let store = try openStore(try Scratch())
        let entry = try await store.addJournalEntry(.worry(record: WorryLog(worry: "Exam", worryType: .practical, whatHappened: "")))
        let model = JournalEntryModel(store: store, editing: entry)
        XCTAssertFalse(model.hasChanges, "opening an entry to read or edit changes nothing")
        model.whatHappened = "It went fine"
        XCTAssertTrue(model.hasChanges)
        model.whatHappened = ""
        XCTAssertFalse(model.hasChanges, "typing and deleting again is no change")
        model.sharedWithTherapist = true
        XCTAssertTrue(model.hasChanges, "sharing is a change too")
        await model.save()
        XCTAssertNotNil(model.saved, "\(String(describing: model.error))")
        XCTAssertFalse(model.hasChanges, "after saving there is nothing to lose")
        XCTAssertEqual(model.saved?.sharedWithTherapist, true, "sharing alone is saved (the core refuses an edit that changes nothing)")
        let stored = try await store.journalEntry(entry.id)
        XCTAssertTrue(stored.sharedWithTherapist)
    }

    func testAThoughtRecordAsksBeforeDiscardingAndAnUntouchedOneDoesNot() async throws {
        let store = try openStore(try Scratch())
        let empty = ThoughtRecordModel(store: store)
        XCTAssertFalse(empty.hasChanges)
        empty.cancel()
        XCTAssertTrue(empty.exit.shouldClose)

        let model = ThoughtRecordModel(store: store)
        model.addEmotion(allEmotionLabels()[0])
        XCTAssertTrue(model.hasChanges, "an emotion rated is something to lose")
        model.cancel()
        XCTAssertTrue(model.exit.isAskingToDiscard)
        model.exit.isAskingToDiscard = false
        model.discard()
        XCTAssertTrue(model.exit.shouldClose)

        let saved = try await store.addJournalEntry(
            .thought(
                record: ThoughtRecord(
                    situation: "Meeting", automaticThoughts: "They think I'm useless", emotions: [], distortions: [],
                    evidenceFor: "", evidenceAgainst: "", balancedThought: "", beliefBefore: nil, beliefAfter: nil)))
        let editing = ThoughtRecordModel(store: store, editing: saved)
        XCTAssertFalse(editing.hasChanges)
        editing.toggle(allCognitiveDistortions()[0])
        XCTAssertTrue(editing.hasChanges)
    }
}
