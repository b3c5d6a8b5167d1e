import Foundation
import XCTest

@testable import ResetFeatures

// Flows as the views drive them: the order of calls SwiftUI makes (a dialog's binding set to
// false before the button's action runs, a view disappearing on a tab switch, the scene going to
// the background and back, midnight passing) replayed against the models and a real store.

@MainActor
final class EraseFlowTests: XCTestCase {
    func testTheDialogClosingBeforeTheButtonsActionStillErases() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        try await store.checkIn(mood: 5)
        let keys = InMemoryKeyProvider(key: Data(repeating: 0xC3, count: 32))
        var erasedCalls = 0
        let settings = SettingsModel(store: store, keyProvider: keys) { erasedCalls += 1 }
        settings.requestErase()
        XCTAssertTrue(settings.isEraseDialogPresented)
        // SwiftUI: tapping "Erase everything" first dismisses the dialog (binding ← false) …
        settings.isEraseDialogPresented = false
        // … then runs the button's action.
        await settings.confirmErase()
        XCTAssertEqual(settings.eraseState, .erased)
        XCTAssertEqual(erasedCalls, 1, "the app is told, so it opens a fresh profile")
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.database.path), "the database is gone")
        XCTAssertNotEqual(try keys.databaseKey(), Data(repeating: 0xC3, count: 32), "the old key is gone")
    }

    func testCancelAndADismissedDialogEraseNothing() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        var erasedCalls = 0
        let settings = SettingsModel(store: store, keyProvider: InMemoryKeyProvider()) { erasedCalls += 1 }
        settings.requestErase()
        settings.isEraseDialogPresented = false
        settings.cancelErase()
        await settings.confirmErase()
        XCTAssertEqual(settings.eraseState, .idle)
        XCTAssertEqual(erasedCalls, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.database.path))
        let status = try await store.status()
        XCTAssertGreaterThan(status.schemaVersion, 0, "the store is still open and readable")
    }
}

@MainActor
final class RegionFlowTests: XCTestCase {
    func testAChosenRegionCanGoBackToAutomatic() async throws {
        let store = try openStore(try Scratch())
        let settings = SettingsModel(store: store, keyProvider: InMemoryKeyProvider())
        await settings.setRegion("US")
        XCTAssertEqual(settings.regionChoice, "US")
        let us = try await store.crisisResources()
        await settings.setRegion(nil)
        XCTAssertNil(settings.error)
        XCTAssertEqual(settings.regionChoice, "", "the picker shows Automatic")
        let stored = try await store.preference("region")
        XCTAssertNil(stored, "the preference is removed in the core, not set to an empty string")
        let automatic = try await store.crisisResources()
        let gb = try await store.crisisResources(region: "GB")
        XCTAssertEqual(automatic.map(\.name), gb.map(\.name), "London's zone decides again")
        XCTAssertNotEqual(automatic.map(\.name), us.map(\.name))
        await settings.load()
        XCTAssertNil(settings.region)
    }
}

@MainActor
final class QuestionnaireAbandonTests: XCTestCase {
    func testBackOnTheFirstQuestionLeavesAndStoresNothing() async throws {
        let store = try openStore(try Scratch())
        let model = AssessmentModel(store: store)
        await model.loadInstruments()
        model.begin("phq9")
        model.answer(.score(value: 1))
        XCTAssertEqual(model.phase, .answering(index: 1))
        model.back()
        XCTAssertEqual(model.phase, .answering(index: 0))
        XCTAssertTrue(model.canAbandon)
        model.back()
        XCTAssertEqual(model.phase, .choosing, "Back on question 1 leaves the questionnaire")
        XCTAssertNil(model.instrument)
        XCTAssertTrue(model.answers.isEmpty)
        let history = try await store.assessmentHistory()
        XCTAssertTrue(history.isEmpty)
    }

    func testCancelFromTheReviewLeavesWithoutSubmitting() async throws {
        let store = try openStore(try Scratch())
        let model = AssessmentModel(store: store)
        await model.loadInstruments()
        model.begin("gad7")
        for _ in 0..<7 { model.answer(.score(value: 2)) }
        XCTAssertEqual(model.phase, .review)
        model.abandon()
        XCTAssertEqual(model.phase, .choosing)
        XCTAssertFalse(model.canAbandon)
        let history = try await store.assessmentHistory()
        XCTAssertTrue(history.isEmpty)
    }
}

/// Records what a session asked of the bell, haptics, screen and notifications.
@MainActor
final class EffectsRecorder: MeditationEffects {
    var bells = 0
    var haptics: [Bool] = []
    var awake: [Bool] = []
    var scheduled: [Date] = []
    var cancelled = 0
    /// The answer to "may notifications ring the end bell?", and how often it was asked.
    var allowed = true
    var asked = 0
    func playBell() { bells += 1 }
    func haptic(starting: Bool) { haptics.append(starting) }
    func keepScreenAwake(_ on: Bool) { awake.append(on) }
    func scheduleEndNotification(at date: Date) { scheduled.append(date) }
    func cancelEndNotification() { cancelled += 1 }
    func allowEndNotification() async -> Bool {
        asked += 1
        return allowed
    }
}

@MainActor
final class MeditationFlowTests: XCTestCase {
    private func make(_ store: ResetStore) -> (MeditationTimerModel, ManualClock, ManualTicks, EffectsRecorder) {
        let clock = ManualClock(fixedNow)
        let ticks = ManualTicks()
        let effects = EffectsRecorder()
        return (MeditationTimerModel(store: store, clock: clock, ticks: ticks, effects: effects), clock, ticks, effects)
    }

    func testASessionSurvivesATabSwitchAndAnotherScreenPreparingTheTimer() async throws {
        let store = try openStore(try Scratch())
        let (timer, clock, ticks, effects) = make(store)
        timer.prepare(technique: .meditation, minutes: 5, stepID: nil)
        await timer.startWithEndBell()
        XCTAssertEqual(effects.bells, 1, "the bell at the start")
        XCTAssertEqual(effects.awake, [true], "the screen stays on while it runs")
        // The person switches tabs and opens a programme step's practice: the view disappears,
        // the shared timer is asked to prepare another session — the running one is untouched.
        timer.prepare(technique: .breathing, minutes: 20, stepID: "day-2")
        XCTAssertTrue(timer.isActive)
        XCTAssertEqual(timer.technique, .meditation)
        XCTAssertEqual(timer.plannedMinutes, 5)
        clock.advance(300)
        await ticks.fire()
        guard case let .finished(session) = timer.state else { return XCTFail("\(timer.state)") }
        XCTAssertTrue(session.completed)
        XCTAssertEqual(session.actualMinutes, 5)
        XCTAssertEqual(session.technique, .meditation)
        XCTAssertEqual(effects.bells, 2, "and at the end")
        XCTAssertEqual(effects.awake, [true, false])
        XCTAssertEqual(effects.haptics, [true, false])
    }

    func testASessionThatEndsWhileLockedIsNotifiedAndLoggedAsCompletedOnReturn() async throws {
        let store = try openStore(try Scratch())
        let (timer, clock, ticks, effects) = make(store)
        timer.plannedMinutes = 10
        await timer.startWithEndBell()
        clock.advance(120)
        await ticks.fire()
        timer.sceneDidEnterBackground()  // the phone locks
        XCTAssertEqual(effects.scheduled, [fixedNow.addingTimeInterval(600)], "the bell rings at the planned end")
        // Locked: no ticks arrive. Twenty minutes later the person unlocks.
        clock.advance(1200)
        await timer.sceneDidBecomeActive()
        XCTAssertEqual(effects.cancelled, 1)
        guard case let .finished(session) = timer.state else { return XCTFail("\(timer.state)") }
        XCTAssertTrue(session.completed)
        XCTAssertEqual(session.actualMinutes, 10, "the planned length, not the time the phone was locked")
        XCTAssertEqual(session.startDate, fixedNow, "logged with the time it started")
        XCTAssertEqual(effects.bells, 1, "the notification rang the end bell; the app does not ring it twice")
        let sessions = try await store.practiceSessions()
        XCTAssertEqual(sessions.count, 1)
    }

    func testComingBackEarlyCancelsTheNotificationAndTheSessionRunsOn() async throws {
        let store = try openStore(try Scratch())
        let (timer, clock, _, effects) = make(store)
        timer.plannedMinutes = 10
        await timer.startWithEndBell()
        clock.advance(60)
        timer.sceneDidEnterBackground()
        clock.advance(120)
        await timer.sceneDidBecomeActive()
        XCTAssertEqual(effects.cancelled, 1)
        XCTAssertEqual(timer.state, .running)
        XCTAssertEqual(timer.remainingText, "7:00")
        await timer.stop()
        guard case let .finished(session) = timer.state else { return XCTFail("\(timer.state)") }
        XCTAssertFalse(session.completed)
        XCTAssertEqual(session.actualMinutes, 3)
        XCTAssertEqual(effects.cancelled, 1, "nothing left to cancel at the stop")
    }

    func testAPausedSessionSchedulesNothingAndPausingCancelsAPendingNotification() async throws {
        let store = try openStore(try Scratch())
        let (timer, clock, _, effects) = make(store)
        await timer.startWithEndBell()
        clock.advance(30)
        timer.pause()
        XCTAssertEqual(effects.awake, [true, false], "the screen may sleep while paused")
        timer.sceneDidEnterBackground()
        XCTAssertTrue(effects.scheduled.isEmpty)
        timer.resume()
        timer.sceneDidEnterBackground()
        XCTAssertEqual(effects.scheduled.count, 1)
        timer.pause()
        XCTAssertEqual(effects.cancelled, 1)
        XCTAssertFalse(timer.endNotificationScheduled)
    }
}

/// A clock both the core (`Clock`) and the screens (`TimerClock`) read, moved by the test.
final class SharedClock: Clock, TimerClock, @unchecked Sendable {
    private let lock = NSLock()
    private var date: Date
    init(_ date: Date) { self.date = date }
    var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return date
    }
    func set(_ new: Date) {
        lock.lock()
        defer { lock.unlock() }
        date = new
    }
    func instant() -> Date { now }
}

@MainActor
final class TodayFlowTests: XCTestCase {
    func testTodayTurnsOverAtMidnightAndReloadsOnForeground() async throws {
        // 2027-06-30 23:59:30 in London (BST, UTC+1).
        let beforeMidnight = Date(timeIntervalSince1970: 1_814_396_370)
        let clock = SharedClock(beforeMidnight)
        let store = try openStore(try Scratch(), clock: clock)
        let today = TodayModel(store: store, clock: clock, timeZone: { london })
        XCTAssertEqual(today.secondsUntilNextDay(), 30, accuracy: 0.001)
        try await store.checkIn(mood: 3)
        await today.load()
        XCTAssertEqual(today.state.value?.date, DateComponents(year: 2027, month: 6, day: 30))
        XCTAssertEqual(today.state.value?.checkIns.count, 1)

        await today.dayMayHaveChanged()
        XCTAssertEqual(today.state.value?.date, DateComponents(year: 2027, month: 6, day: 30), "not midnight yet: nothing to do")
        clock.set(beforeMidnight.addingTimeInterval(35))
        await today.dayMayHaveChanged()
        XCTAssertEqual(today.state.value?.date, DateComponents(year: 2027, month: 7, day: 1))
        XCTAssertEqual(today.state.value?.checkIns.count, 0, "yesterday's check-in is not today's")
        XCTAssertEqual(today.secondsUntilNextDay(), 86_400 - 5, accuracy: 0.001)

        // A check-in made elsewhere (a notification's action) shows when the app comes back.
        try await store.checkIn(mood: 6)
        await today.sceneDidBecomeActive()
        XCTAssertEqual(today.state.value?.checkIns.count, 1)
    }
}

@MainActor
final class RestoreFlowTests: XCTestCase {
    private func backup(_ scratch: Scratch, _ store: ResetStore, folder: URL) async throws -> (BackupModel, URL) {
        let model = BackupModel(store: store, folder: folder)
        model.passphrase = "a long enough passphrase"
        model.confirmation = model.passphrase
        await model.createBackup()
        guard case let .backedUp(url, _) = model.state else { throw XCTSkip("\(model.state)") }
        // The person saved it to Files: a copy outside the app's folders.
        let saved = scratch.url.appendingPathComponent("in-files.resetbackup")
        try FileManager.default.copyItem(at: url, to: saved)
        return (model, saved)
    }

    func testThePickedCopyWaitsForAnAnswerAndIsDeletedWhateverTheAnswer() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        try await store.checkIn(mood: 6)
        let (model, saved) = try await backup(scratch, store, folder: scratch.url.appendingPathComponent("backups"))
        model.importForRestore(saved)
        guard case let .confirmingRestore(copy) = model.state else { return XCTFail("\(model.state)") }
        XCTAssertTrue(copy.path.hasPrefix(model.restoreCopyFolder.path), "a copy the app owns")
        XCTAssertTrue(FileManager.default.fileExists(atPath: copy.path))
        model.cancelRestore()
        XCTAssertEqual(model.state, .idle)
        XCTAssertFalse(FileManager.default.fileExists(atPath: copy.path), "cancel deletes the copy")
        XCTAssertTrue(FileManager.default.fileExists(atPath: saved.path), "the person's file is untouched")

        model.importForRestore(saved)
        model.passphrase = "the wrong passphrase"
        await model.confirmRestore()
        guard case .failed = model.state else { return XCTFail("\(model.state)") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: copy.path), "a failed restore deletes the copy")

        model.importForRestore(saved)
        model.passphrase = "a long enough passphrase"
        await model.confirmRestore()
        guard case .restored = model.state else { return XCTFail("\(model.state)") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: copy.path), "so does a successful one")
    }

    func testLeftoverExportsAndBackupsAreRemovedAtLaunch() async throws {
        let scratch = try Scratch()
        for folder in TemporaryFiles.folders(in: scratch.url) {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("restore"), withIntermediateDirectories: true)
            try Data("unencrypted".utf8).write(to: folder.appendingPathComponent("left-behind.pdf"))
        }
        let unrelated = scratch.url.appendingPathComponent("keep.txt")
        try Data().write(to: unrelated)
        let removed = TemporaryFiles.cleanAtLaunch(temporaryDirectory: scratch.url)
        XCTAssertEqual(removed.map(\.lastPathComponent), ["exports", "backups", "profile-restore"])
        for folder in TemporaryFiles.folders(in: scratch.url) {
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path))
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: unrelated.path))
        XCTAssertEqual(TemporaryFiles.cleanAtLaunch(temporaryDirectory: scratch.url), [], "nothing left the second time")
    }
}

final class MarkdownBlockTests: XCTestCase {
    func testListsHeadingsAndPercentSignsComeThroughAsWritten() {
        let body = """
            # Sitting

            Welcome. For the next **five minutes** there is nothing to achieve — 100% of it is yours.

            - Sit in a way that feels steady:
              on a chair, feet on the floor.
            - Let your eyes *close*.

            1. Breathe in.
            2) Breathe out.

            **Begin with one mouthful.** Take a small piece.
            > Notice, then return.
            """
        XCTAssertEqual(
            MarkdownBlock.parse(body),
            [
                MarkdownBlock(.heading(level: 1), "Sitting"),
                MarkdownBlock(.paragraph, "Welcome. For the next **five minutes** there is nothing to achieve — 100% of it is yours."),
                MarkdownBlock(.bullet, "Sit in a way that feels steady: on a chair, feet on the floor."),
                MarkdownBlock(.bullet, "Let your eyes *close*."),
                MarkdownBlock(.numbered(1), "Breathe in."),
                MarkdownBlock(.numbered(2), "Breathe out."),
                MarkdownBlock(.paragraph, "**Begin with one mouthful.** Take a small piece."),
                MarkdownBlock(.quote, "Notice, then return."),
            ])
    }

    func testEveryProgrammeStepSplitsIntoNonEmptyBlocks() async throws {
        let store = try openStore(try Scratch())
        for summary in try await store.programmes() {
            for step in try await store.programme(summary.id).steps {
                let blocks = MarkdownBlock.parse(step.body)
                XCTAssertFalse(blocks.isEmpty, step.id)
                XCTAssertFalse(blocks.contains { $0.text.isEmpty }, step.id)
                XCTAssertTrue(blocks.allSatisfy { !$0.text.hasPrefix("- ") }, "\(step.id): a list marker left in the text")
            }
        }
    }
}
