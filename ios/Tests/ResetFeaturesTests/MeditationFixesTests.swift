import Foundation
import XCTest

@testable import ResetFeatures

/// F11 and F14: the end bell while locked needs notification permission, a re-appearing
/// screen keeps the person's choices, and a replaced timer leaves nothing running.
@MainActor
final class MeditationFixesTests: XCTestCase {
    private func make(_ store: ResetStore) -> (MeditationTimerModel, ManualClock, ManualTicks, EffectsRecorder) {
        let clock = ManualClock(fixedNow)
        let ticks = ManualTicks()
        let effects = EffectsRecorder()
        return (MeditationTimerModel(store: store, clock: clock, ticks: ticks, effects: effects), clock, ticks, effects)
    }

    func testWithoutNotificationPermissionNothingIsScheduledTheScreenSaysSoAndTheAppRingsOnReturn() async throws {
        let store = try openStore(try Scratch())
        let (timer, clock, _, effects) = make(store)
        effects.allowed = false
        timer.plannedMinutes = 5
        XCTAssertNil(timer.endBellAllowed)
        await timer.startWithEndBell()
        XCTAssertEqual(effects.asked, 1, "asked at Start, when the person is looking")
        XCTAssertEqual(timer.endBellAllowed, false)
        XCTAssertTrue(timer.lockedBellNote.contains("Turn on notifications"), "no promise of a bell the phone cannot ring")
        timer.sceneDidEnterBackground()
        XCTAssertTrue(effects.scheduled.isEmpty, "iOS would drop it silently")
        XCTAssertFalse(timer.endNotificationScheduled)
        clock.advance(400)
        await timer.sceneDidBecomeActive()
        guard case .finished = timer.state else { return XCTFail("\(timer.state)") }
        XCTAssertEqual(effects.bells, 2, "no notification rang, so the app rings the end bell itself")
    }

    func testWithPermissionTheBellIsPromisedAndScheduled() async throws {
        let store = try openStore(try Scratch())
        let (timer, _, _, effects) = make(store)
        await timer.startWithEndBell()
        XCTAssertEqual(timer.endBellAllowed, true)
        XCTAssertTrue(timer.lockedBellNote.contains("a bell rings at the end"))
        timer.sceneDidEnterBackground()
        XCTAssertEqual(effects.scheduled.count, 1)
        XCTAssertTrue(timer.endNotificationScheduled)
    }

    func testTheSameScreenAppearingAgainKeepsTheChosenMinutesAndAnotherRoutePreparesAfresh() async throws {
        let store = try openStore(try Scratch())
        let (timer, _, _, _) = make(store)
        timer.prepare(technique: .meditation, minutes: 10, stepID: nil)
        timer.plannedMinutes = 20
        timer.technique = .bodyScan
        // A tab switch and back: the view appears again and prepares the same route.
        timer.prepare(technique: .meditation, minutes: 10, stepID: nil)
        XCTAssertEqual(timer.plannedMinutes, 20)
        XCTAssertEqual(timer.technique, .bodyScan)
        // A programme step's practice is another route.
        timer.prepare(technique: .breathing, minutes: 5, stepID: "day-2")
        XCTAssertEqual(timer.plannedMinutes, 5)
        XCTAssertEqual(timer.technique, .breathing)
        XCTAssertEqual(timer.stepID, "day-2")
        timer.prepare(technique: .meditation, minutes: 10, stepID: nil)
        XCTAssertEqual(timer.plannedMinutes, 10, "back on the plain timer: its own defaults")
    }

    func testDiscardingARunningSessionUndoesItsSideEffectsAndLogsNothing() async throws {
        let store = try openStore(try Scratch())
        let (timer, clock, ticks, effects) = make(store)
        await timer.startWithEndBell()
        clock.advance(120)
        timer.sceneDidEnterBackground()
        XCTAssertTrue(ticks.running)
        // The profile is erased or restored while the session runs.
        timer.discard()
        XCTAssertFalse(ticks.running, "no tick loop left behind")
        XCTAssertEqual(effects.awake, [true, false], "the screen may sleep again")
        XCTAssertEqual(effects.cancelled, 1, "the 'Session complete' notification will not fire")
        XCTAssertEqual(timer.state, .ready)
        clock.advance(600)
        await timer.sceneDidBecomeActive()
        XCTAssertEqual(timer.state, .ready)
        let sessions = try await store.practiceSessions()
        XCTAssertTrue(sessions.isEmpty, "nothing is logged into the new profile")
    }

    func testDiscardingAnIdleTimerChangesNothingOutside() async throws {
        let store = try openStore(try Scratch())
        let (timer, _, _, effects) = make(store)
        timer.discard()
        XCTAssertEqual(effects.awake, [])
        XCTAssertEqual(effects.cancelled, 0)
    }

    func testAReleasedTickSourceStopsTicking() async throws {
        var count = 0
        var source: TaskTickSource? = TaskTickSource(interval: .milliseconds(5))
        source?.start { count += 1 }
        try await Task.sleep(for: .milliseconds(100))
        XCTAssertGreaterThan(count, 0, "it ticked while held")
        source = nil
        try await Task.sleep(for: .milliseconds(20))
        let afterRelease = count
        try await Task.sleep(for: .milliseconds(100))
        XCTAssertEqual(count, afterRelease, "the loop ended with its source")
    }
}
