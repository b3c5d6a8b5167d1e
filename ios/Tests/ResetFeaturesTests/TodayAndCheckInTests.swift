import Foundation
import XCTest

@testable import ResetFeatures

@MainActor
final class TodayModelTests: XCTestCase {
    func testAFreshProfileShowsNoCheckInNoProgrammeAndTheFirstQuestionnairesDue() async throws {
        let model = TodayModel(store: try openStore(try Scratch()))
        XCTAssertEqual(model.state, .idle)
        await model.load()
        let today = try XCTUnwrap(model.state.value)
        XCTAssertEqual(today.date, DateComponents(year: 2027, month: 3, day: 28))
        XCTAssertFalse(today.hasCheckedIn)
        XCTAssertNil(today.programmeTitle)
        XCTAssertNil(today.step)
        XCTAssertEqual(today.practiceMinutesToday, 0)
        XCTAssertEqual(today.dueAssessments.map(\.instrument), ["gad7", "phq9"])
    }

    func testTodayReflectsACheckInTheOpenStepPracticeAndTakenQuestionnaires() async throws {
        let store = try openStore(try Scratch())
        try await store.checkIn(mood: 5)
        try await store.startProgramme("meditation-7-day")
        try await store.logPractice(.meditation, minutes: 12)
        try await store.take("gad7", answers: [0, 0, 0, 0, 0, 0, 0])
        let model = TodayModel(store: store)
        await model.load()
        let today = try XCTUnwrap(model.state.value)
        XCTAssertTrue(today.hasCheckedIn)
        let title = try await store.programme("meditation-7-day").title
        XCTAssertEqual(today.programmeTitle, title)
        XCTAssertEqual(today.programmeID, "meditation-7-day")
        XCTAssertEqual(today.step?.id, "day-1")
        XCTAssertEqual(today.step?.status, .available)
        XCTAssertEqual(today.practiceMinutesToday, 12)
        XCTAssertEqual(today.dueAssessments.map(\.instrument), ["phq9"])

        // Once day 1 is done, the core offers day 2 (locked until midnight): the model shows it.
        try await store.completeStep("day-1")
        await model.load()
        XCTAssertEqual(model.state.value?.step?.id, "day-2")
        XCTAssertEqual(model.state.value?.step?.status, .locked)
    }

    func testAClosedStoreShowsAnErrorNotACrash() async throws {
        let store = try openStore(try Scratch())
        await store.close()
        let model = TodayModel(store: store)
        await model.load()
        guard case let .failed(message) = model.state else { return XCTFail("\(model.state)") }
        XCTAssertFalse(message.detail.isEmpty)
    }
}

@MainActor
final class CheckInModelTests: XCTestCase {
    func testTheFlowNeedsAMoodThenSavesLabelsAreasAndATrimmedNote() async throws {
        let store = try openStore(try Scratch())
        let recorder = ActivityRecorder()
        let model = CheckInModel(store: store, observer: recorder)
        XCTAssertEqual(model.step, .mood)
        XCTAssertFalse(model.canContinue)
        model.next()
        XCTAssertEqual(model.step, .mood, "no mood, no next page")
        model.mood = 3
        model.next()
        XCTAssertEqual(model.step, .feelings)
        model.toggle(EmotionLabel.worried)
        model.toggle(EmotionLabel.anxious)
        model.toggle(EmotionLabel.sad)
        model.toggle(EmotionLabel.sad)
        XCTAssertEqual(model.labels, [.anxious, .worried], "kept in the core's order, toggled off again")
        model.next()
        model.toggle(LifeArea.work)
        model.next()
        XCTAssertEqual(model.step, .note)
        model.back()
        XCTAssertEqual(model.step, .areas)
        model.next()
        model.note = "  deadline  \n"
        await model.save()
        XCTAssertEqual(model.step, .saved)
        let saved = try XCTUnwrap(model.saved)
        XCTAssertEqual(saved.mood, 3)
        XCTAssertEqual(saved.labels, [.anxious, .worried])
        XCTAssertEqual(saved.areas, [.work])
        XCTAssertEqual(saved.note, "deadline")
        XCTAssertEqual(recorder.count, 1, "reminders re-plan after a check-in")
        // Saving again does not store a second check-in.
        await model.save()
        let stored = try await store.checkIns()
        XCTAssertEqual(stored.count, 1)
    }

    func testAnEmptyNoteIsStoredAsNoNoteAndTheSavedCheckInReachesTheHealthHook() async throws {
        var written: [CheckIn] = []
        let model = CheckInModel(store: try openStore(try Scratch())) { written.append($0) }
        model.mood = 6
        await model.save()
        XCTAssertNil(model.saved?.note)
        XCTAssertEqual(written, model.saved.map { [$0] })
    }

    func testTheCoreRefusalIsShownOnTheField() async throws {
        let store = try openStore(try Scratch())
        let model = CheckInModel(store: store)
        model.mood = 9  // outside 1…7: the core refuses, the model does not judge
        await model.save()
        XCTAssertEqual(model.error?.field, "mood")
        XCTAssertNotEqual(model.step, .saved)
        let stored = try await store.checkIns()
        XCTAssertTrue(stored.isEmpty)
    }

    func testMoodWordsMatchTheScale() async {
        XCTAssertEqual(CheckInModel.moodWords(1), "Very unpleasant")
        XCTAssertEqual(CheckInModel.moodWords(4), "Neutral")
        XCTAssertEqual(CheckInModel.moodWords(7), "Very pleasant")
        XCTAssertEqual(CheckInModel.moodScale.count, 7)
        XCTAssertEqual(displayName(LifeArea.currentEvents), "Current events")
        XCTAssertEqual(displayName(LifeArea.selfCare), "Self care")
    }
}
