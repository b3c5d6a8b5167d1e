import Foundation
import XCTest

@testable import ResetFeatures

@MainActor
final class AssessmentModelTests: XCTestCase {
    private func answerAll(_ model: AssessmentModel, _ answers: [Answer]) {
        for answer in answers { model.answer(answer) }
    }

    /// The score, only if the phase lets a view see it.
    private func visibleTotal(_ model: AssessmentModel) -> UInt32? {
        if case let .result(taken) = model.phase { return taken.result.total }
        return nil
    }

    func testAnsweringEveryItemLeadsToReviewThenTheResult() async throws {
        let store = try openStore(try Scratch())
        let recorder = ActivityRecorder()
        var healthWrites: [String] = []
        let model = AssessmentModel(store: store, observer: recorder) { healthWrites.append($0.instrument) }
        await model.loadInstruments()
        XCTAssertEqual(model.instruments.map(\.id), ["gad7", "phq9", "gad2", "phq2", "pss10", "wsas"])
        model.begin("gad7")
        XCTAssertEqual(model.phase, .answering(index: 0))
        XCTAssertEqual(model.progressText, "1 of 7")
        XCTAssertEqual(model.currentChoices.map(\.answer), [0, 1, 2, 3])
        answerAll(model, [1, 1, 1, 1, 1, 1])
        model.back()
        XCTAssertEqual(model.phase, .answering(index: 5))
        model.answer(2)
        model.answer(1)
        XCTAssertEqual(model.phase, .review)
        model.change(0)
        model.answer(0)
        XCTAssertEqual(model.phase, .answering(index: 1))
        answerAll(model, [1, 1, 1, 2, 1, 1])
        XCTAssertEqual(model.phase, .review)
        await model.submit()
        XCTAssertEqual(visibleTotal(model), 7, "0+1+1+1+2+1+1, scored by the core")
        guard case let .result(taken) = model.phase else { return XCTFail("\(model.phase)") }
        XCTAssertNil(taken.result.signpost)
        XCTAssertEqual(taken.result.severity, "mild")
        XCTAssertEqual(recorder.count, 1)
        XCTAssertEqual(healthWrites, ["gad7"])
        model.finish()
        XCTAssertEqual(model.phase, .choosing)
    }

    func testASelfHarmAnswerShowsTheSignpostBeforeAnyScore() async throws {
        let store = try openStore(try Scratch())
        var healthWrites = 0
        let model = AssessmentModel(store: store) { _ in healthWrites += 1 }
        await model.loadInstruments()
        model.begin("phq9")
        answerAll(model, [0, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(model.currentChoices.last?.answer, .declined, "item 9 may be declined")
        model.answer(1)
        await model.submit()
        guard case let .signpost(signpost) = model.phase else { return XCTFail("expected the signpost first, got \(model.phase)") }
        XCTAssertEqual(signpost.reason, .selfHarmThoughts)
        XCTAssertEqual(signpost.region, "GB", "London's resources, chosen by the core")
        XCTAssertTrue(signpost.resources.contains { $0.phone == "116 123" })
        XCTAssertNil(visibleTotal(model), "no score while the signpost is shown")
        XCTAssertEqual(healthWrites, 0, "nothing goes to Health before the result is shown")
        // Nothing but acknowledging leaves the signpost.
        model.answer(3)
        model.back()
        model.change(0)
        await model.submit()
        XCTAssertNil(visibleTotal(model))
        await model.acknowledgeSignpost()
        XCTAssertEqual(visibleTotal(model), 1)
        XCTAssertEqual(healthWrites, 1)
        let events = try await store.safetyEvents()
        XCTAssertEqual(events.count, 1, "the core recorded that the signpost was shown")
    }

    /// Issue 20: the safety plan follows the crisis lines on the signpost, never instead of them.
    func testTheSignpostCarriesThePersonsSafetyPlanAfterTheLines() async throws {
        let store = try openStore(try Scratch())
        try await store.saveSafetyPlan(
            SafetyPlanInput(
                warningSigns: [], copingStrategies: ["Cold water on my face"], distractions: [],
                supportContacts: [SafetyContact(name: "Sam", phone: "07700 900123", sms: nil, other: nil)], professionals: [],
                saferSurroundings: [], reasonsForLiving: []))
        let model = AssessmentModel(store: store)
        await model.loadInstruments()
        model.begin("phq9")
        answerAll(model, [0, 0, 0, 0, 0, 0, 0, 0, 2])
        await model.submit()
        guard case let .signpost(signpost) = model.phase else { return XCTFail("\(model.phase)") }
        XCTAssertFalse(signpost.resources.isEmpty, "the lines first")
        XCTAssertEqual(model.safetyPlan?.steps.copingStrategies, ["Cold water on my face"])
        XCTAssertEqual(model.safetyPlan.map { CrisisAction.actions(for: $0.steps.supportContacts[0]).count }, 2)
    }

    func testASevereTotalAlsoSignpostsFirst() async throws {
        let model = AssessmentModel(store: try openStore(try Scratch()))
        await model.loadInstruments()
        model.begin("phq9")
        answerAll(model, [3, 3, 3, 3, 3, 3, 3, 3, 0])
        await model.submit()
        guard case let .signpost(signpost) = model.phase else { return XCTFail("\(model.phase)") }
        XCTAssertEqual(signpost.reason, .severeTotal)
        await model.acknowledgeSignpost()
        XCTAssertEqual(visibleTotal(model), 24)
    }

    func testSubmittingIsOnlyPossibleFromReviewAndUnknownInstrumentsAreRefused() async throws {
        let store = try openStore(try Scratch())
        let model = AssessmentModel(store: store)
        await model.loadInstruments()
        model.begin("nope")
        XCTAssertEqual(model.phase, .choosing)
        XCTAssertNotNil(model.error)
        model.begin("phq2")
        model.answer(1)
        await model.submit()
        XCTAssertEqual(model.phase, .answering(index: 1), "half-answered: nothing submitted")
        let history = try await store.assessmentHistory()
        XCTAssertTrue(history.isEmpty)
        await model.acknowledgeSignpost()
        XCTAssertEqual(model.phase, .answering(index: 1))
    }
}
