import Foundation
import XCTest

@testable import ResetFeatures

@MainActor
final class ProgrammeModelTests: XCTestCase {
    func testBrowsingStartingLeavingAndResuming() async throws {
        let store = try openStore(try Scratch())
        let model = ProgrammeBrowserModel(store: store)
        await model.load()
        XCTAssertEqual(model.programmes.value?.map(\.id), ["anxiety-reset", "meditation-7-day", "mindfulness-8-week", "stress-reset"])
        XCTAssertNil(model.progress)
        await model.start("stress-reset")
        XCTAssertTrue(model.isCurrent("stress-reset"))
        // One structured programme at a time: the core refuses, the screen explains.
        await model.start("anxiety-reset")
        XCTAssertNotNil(model.error)
        XCTAssertTrue(model.isCurrent("stress-reset"))
        await model.leave()
        XCTAssertNil(model.progress)
        XCTAssertNil(model.error)
        await model.resume()
        XCTAssertTrue(model.isCurrent("stress-reset"))
    }

    func testAStepShowsItsTextCompletesOnceAndTheNextIsLocked() async throws {
        let store = try openStore(try Scratch())
        try await store.startProgramme("meditation-7-day")
        let recorder = ActivityRecorder()
        let step = ProgrammeStepModel(store: store, programmeID: "meditation-7-day", stepID: "day-1", observer: recorder)
        await step.load()
        XCTAssertFalse(step.step?.body.isEmpty ?? true)
        XCTAssertTrue(step.canComplete)
        await step.complete()
        XCTAssertEqual(step.completion?.next?.status, .locked)
        XCTAssertEqual(step.progress?.status, .done)
        XCTAssertFalse(step.canComplete)
        XCTAssertEqual(recorder.count, 1)

        let next = ProgrammeStepModel(store: store, programmeID: "meditation-7-day", stepID: "day-2")
        await next.load()
        XCTAssertEqual(next.progress?.status, .locked)
        XCTAssertNotNil(next.progress?.unlockDate)
        XCTAssertFalse(next.canComplete)
        await next.complete()
        XCTAssertNil(next.completion, "the core refuses a locked step")
        XCTAssertNotNil(next.error)
    }

    func testAStepOfAProgrammeNotInProgressHasNoState() async throws {
        let step = ProgrammeStepModel(store: try openStore(try Scratch()), programmeID: "anxiety-reset", stepID: "session-1")
        await step.load()
        XCTAssertNotNil(step.step)
        XCTAssertNil(step.progress)
        XCTAssertFalse(step.canComplete)
    }
}

/// A clock the test moves by hand.
final class ManualClock: TimerClock {
    var now: Date
    init(_ now: Date) { self.now = now }
    func advance(_ seconds: TimeInterval) { now = now.addingTimeInterval(seconds) }
}

/// Ticks only when the test says so.
@MainActor
final class ManualTicks: TickSource {
    private var tick: (@MainActor () async -> Void)?
    var running: Bool { tick != nil }
    func start(_ tick: @escaping @MainActor () async -> Void) { self.tick = tick }
    func stop() { tick = nil }
    func fire() async { await tick?() }
}

@MainActor
final class MeditationTimerModelTests: XCTestCase {
    private func make(_ store: ResetStore) -> (MeditationTimerModel, ManualClock, ManualTicks, ActivityRecorder) {
        let clock = ManualClock(fixedNow)
        let ticks = ManualTicks()
        let recorder = ActivityRecorder()
        return (MeditationTimerModel(store: store, clock: clock, ticks: ticks, observer: recorder), clock, ticks, recorder)
    }

    func testAFullSessionFinishesOnItsOwnAndIsLoggedAsCompleted() async throws {
        let store = try openStore(try Scratch())
        let (timer, clock, ticks, recorder) = make(store)
        timer.plannedMinutes = 5
        XCTAssertEqual(timer.remainingText, "5:00", "the chosen length shows before starting")
        timer.start()
        XCTAssertEqual(timer.state, .running)
        XCTAssertEqual(timer.remainingText, "5:00")
        clock.advance(61)
        await ticks.fire()
        XCTAssertEqual(timer.remainingText, "3:59")
        // The app was in the background: ticks were missed, the clock was not.
        clock.advance(400)
        await ticks.fire()
        guard case let .finished(session) = timer.state else { return XCTFail("\(timer.state)") }
        XCTAssertTrue(session.completed)
        XCTAssertEqual(session.actualMinutes, 5)
        XCTAssertEqual(session.plannedMinutes, 5)
        XCTAssertEqual(session.startDate, fixedNow)
        XCTAssertFalse(ticks.running)
        XCTAssertEqual(recorder.count, 1)
        let summary = try await store.practiceSummary()
        XCTAssertEqual(summary.totalMinutes, 5)
    }

    func testPausesDoNotCountAndStoppingEarlyLogsWholeMinutesAsIncomplete() async throws {
        let store = try openStore(try Scratch())
        let (timer, clock, ticks, _) = make(store)
        timer.plannedMinutes = 10
        timer.start()
        clock.advance(90)
        timer.pause()
        XCTAssertEqual(timer.state, .paused)
        XCTAssertEqual(timer.remainingText, "8:30", "the display stops where the pause began")
        XCTAssertFalse(ticks.running)
        clock.advance(3600)  // a long pause
        timer.resume()
        clock.advance(100)
        await ticks.fire()
        XCTAssertEqual(timer.elapsedSeconds, 190, accuracy: 0.001)
        XCTAssertEqual(timer.state, .running, "an hour paused does not finish a 10-minute session")
        await timer.stop()
        guard case let .finished(session) = timer.state else { return XCTFail("\(timer.state)") }
        XCTAssertFalse(session.completed)
        XCTAssertEqual(session.actualMinutes, 3)
        XCTAssertEqual(session.plannedMinutes, 10)
    }

    func testStoppingInTheFirstMinuteLogsNothing() async throws {
        let store = try openStore(try Scratch())
        let (timer, clock, _, recorder) = make(store)
        timer.start()
        clock.advance(45)
        await timer.stop()
        XCTAssertEqual(timer.state, .tooShortToLog)
        XCTAssertEqual(recorder.count, 0)
        let sessions = try await store.practiceSessions()
        XCTAssertTrue(sessions.isEmpty)
        // It can start again.
        timer.start()
        XCTAssertEqual(timer.state, .running)
    }

    func testALengthTheCoreRefusesIsShownAsAnError() async throws {
        let store = try openStore(try Scratch())
        let (timer, clock, ticks, _) = make(store)
        timer.plannedMinutes = 721
        timer.start()
        clock.advance(721 * 60)
        await ticks.fire()
        guard case let .failed(message) = timer.state else { return XCTFail("\(timer.state)") }
        XCTAssertEqual(message.field, "minutes")
    }

    func testAStepSessionIsLinkedToItsStepAndReachesTheHealthHook() async throws {
        let store = try openStore(try Scratch())
        try await store.startProgramme("meditation-7-day")
        let clock = ManualClock(fixedNow)
        let ticks = ManualTicks()
        var logged: [PracticeSession] = []
        let timer = MeditationTimerModel(store: store, clock: clock, ticks: ticks) { logged.append($0) }
        timer.stepID = "day-1"
        timer.plannedMinutes = 1
        timer.start()
        clock.advance(60)
        await ticks.fire()
        XCTAssertEqual(logged.map(\.stepId), ["day-1"])
        XCTAssertEqual(logged.first?.programmeId, "meditation-7-day")
    }
}
