import Foundation
import XCTest

@testable import ResetFeatures

@MainActor
final class ProgressModelsTests: XCTestCase {
    private let day: TimeInterval = 86_400

    func testTheStreakShowsAndReallyHides() async throws {
        let store = try openStore(try Scratch())
        for daysAgo in [2.0, 1.0, 0.0] {
            try await store.logPractice(.meditation, minutes: 10, startedAt: fixedNow.addingTimeInterval(-daysAgo * day - 3600))
        }
        let model = PracticeSummaryModel(store: store)
        await model.load()
        XCTAssertEqual(model.streakText, "3 days in a row")
        XCTAssertNotNil(model.thisWeekText)
        XCTAssertNotNil(model.habitStrengthPercent)
        await model.setStreakHidden(true)
        XCTAssertNil(model.streakText, "hidden: not drawn, not read out")
        XCTAssertEqual(model.summary.value?.totalMinutes, 30, "the rest of the summary stays")
        await model.setStreakHidden(false)
        XCTAssertEqual(model.streakText, "3 days in a row")
        XCTAssertNil(model.error)
    }

    func testInsightsShowTheMoodCalendarInWords() async throws {
        let store = try openStore(try Scratch())
        try await store.checkIn(mood: 6, at: fixedNow.addingTimeInterval(-day))
        try await store.checkIn(mood: 6, at: fixedNow.addingTimeInterval(-day + 600))
        try await store.checkIn(mood: 2, at: fixedNow)
        let model = InsightsModel(store: store)
        await model.load()
        let insights = try XCTUnwrap(model.insights.value)
        XCTAssertEqual(insights.checkInCount, 3)
        XCTAssertEqual(insights.calendar.count, 2)
        let descriptions = insights.calendar.map(InsightsModel.describe)
        XCTAssertTrue(descriptions.contains("Pleasant (2 check-ins)"), "\(descriptions)")
        XCTAssertTrue(descriptions.contains("Unpleasant (1 check-in)"), "\(descriptions)")
        XCTAssertFalse(insights.caveat.isEmpty, "the core's caveat is shown")
    }

    func testCheckInHistoryGroupsByDayNewestFirstAndDeletes() async throws {
        let store = try openStore(try Scratch())
        try await store.checkIn(mood: 3, at: fixedNow.addingTimeInterval(-day))
        try await store.checkIn(mood: 5, at: fixedNow.addingTimeInterval(-600))
        let latest = try await store.checkIn(mood: 7, at: fixedNow)
        let model = CheckInHistoryModel(store: store)
        await model.load()
        let days = try XCTUnwrap(model.days.value)
        XCTAssertEqual(days.map { $0.checkIns.map(\.mood) }, [[7, 5], [3]])
        XCTAssertNotEqual(days[0].localDate, days[1].localDate)
        await model.delete(latest.id)
        XCTAssertEqual(model.days.value?.map { $0.checkIns.map(\.mood) }, [[5], [3]])
        XCTAssertNil(model.error)
    }

    func testQuestionnaireHistoryAndTheOutcomeIndicators() async throws {
        // The episode of care starts four weeks ago, with the first questionnaires.
        let clock = SharedClock(fixedNow.addingTimeInterval(-28 * day))
        let store = try openStore(try Scratch(), clock: clock)
        try await store.startEpisode()
        try await store.take("phq9", answers: Array(repeating: .score(value: 2), count: 9))
        try await store.take("gad7", answers: Array(repeating: .score(value: 2), count: 7))
        clock.set(fixedNow)
        try await store.take("phq9", answers: Array(repeating: .score(value: 0), count: 9))
        try await store.take("gad7", answers: Array(repeating: .score(value: 0), count: 7))
        let model = AssessmentHistoryModel(store: store)
        await model.load()
        XCTAssertEqual(model.records.value?.map(\.total), [0, 0, 14, 18], "newest first")
        XCTAssertEqual(model.changes, ["PHQ-9: 18 → 0 (2 questionnaires)", "GAD-7: 14 → 0 (2 questionnaires)"])
        let indicators = Dictionary(uniqueKeysWithValues: model.indicators.map { ($0.label, $0.holds) })
        XCTAssertEqual(indicators["Reliable improvement"], true)
        XCTAssertEqual(indicators["Recovery"], true)
        XCTAssertEqual(indicators["Reliable deterioration"], false)
        XCTAssertEqual(model.warnings, [], "nothing rose: no warning")
        await model.show("gad7")
        XCTAssertEqual(model.records.value?.map(\.instrument), ["gad7", "gad7"])
    }

    func testAReliableRiseOnOneMeasureWarnsInWordsWhenTheCombinedIndicatorDoesNot() async throws {
        // PHQ-9 rises 0 → 9 (reliable: 6 or more) while GAD-7 falls 14 → 0: the combined
        // indicators read "no reliable change", yet the PHQ-9 rise must still be shown.
        let clock = SharedClock(fixedNow.addingTimeInterval(-28 * day))
        let store = try openStore(try Scratch(), clock: clock)
        try await store.startEpisode()
        try await store.take("phq9", answers: Array(repeating: .score(value: 0), count: 9))
        try await store.take("gad7", answers: Array(repeating: .score(value: 2), count: 7))
        clock.set(fixedNow)
        try await store.take("phq9", answers: [3, 3, 3, 0, 0, 0, 0, 0, 0])
        try await store.take("gad7", answers: Array(repeating: .score(value: 0), count: 7))
        let model = AssessmentHistoryModel(store: store)
        await model.load()
        let indicators = Dictionary(uniqueKeysWithValues: model.indicators.map { ($0.label, $0.holds) })
        XCTAssertEqual(indicators["Reliable deterioration"], false, "the combined indicator does not hold")
        XCTAssertEqual(indicators["Reliable improvement"], false)
        XCTAssertEqual(
            model.warnings,
            [
                "PHQ-9 rose by 9 points since the start of this episode (0 → 9) — a reliable rise;"
                    + " worth talking about with your therapist."
            ])
    }
}

@MainActor
final class StepLinkTests: XCTestCase {
    func testAStepOpensItsQuestionnairesAndItsJournalExercise() async throws {
        let store = try openStore(try Scratch())
        let first = ProgrammeStepModel(store: store, programmeID: "anxiety-reset", stepID: "session-1")
        await first.load()
        XCTAssertEqual(first.linkedInstruments.map(\.id), ["gad7", "phq9"])
        XCTAssertNil(first.linkedJournalKind)
        let second = ProgrammeStepModel(store: store, programmeID: "anxiety-reset", stepID: "session-2")
        await second.load()
        XCTAssertEqual(second.linkedJournalKind, .worry)
        XCTAssertTrue(second.linkedInstruments.isEmpty)
        // The questionnaire opens on its first question, as from the Questionnaires tab.
        let assessment = AssessmentModel(store: store)
        await assessment.loadInstruments()
        assessment.begin(first.linkedInstruments[0].id)
        XCTAssertEqual(assessment.phase, .answering(index: 0))
    }

    func testEveryJournalKindAProgrammeNamesIsOneTheAppCanOpen() async throws {
        let store = try openStore(try Scratch())
        for summary in try await store.programmes() {
            for step in try await store.programme(summary.id).steps where step.journalKind != nil {
                let model = ProgrammeStepModel(store: store, programmeID: summary.id, stepID: step.id)
                await model.load()
                XCTAssertNotNil(model.linkedJournalKind, "\(summary.id)/\(step.id): \(step.journalKind ?? "")")
            }
        }
    }
}

@MainActor
final class ReminderOptionsTests: XCTestCase {
    func testCustomDaysQuietHoursAndAPauseAreStoredAndShown() async throws {
        let store = try openStore(try Scratch())
        let centre = FakeNotifications()
        let model = ReminderSettingsModel(store: store, scheduler: ReminderScheduler(store: store, centre: centre), authorizer: centre)
        var draft = ReminderDraft()
        draft.kind = .meditation
        draft.time = wall("07:30")
        draft.weekdays = [.fri, .mon, .wed]
        draft.quietStart = wall("22:00")
        draft.quietEnd = wall("07:00")
        XCTAssertEqual(draft.days, .only(days: [.mon, .wed, .fri]), "chosen days in week order")
        await model.add(draft)
        XCTAssertNil(model.error)
        let rule = try XCTUnwrap(model.rules.value?.first)
        XCTAssertEqual(rule.days, .only(days: [.mon, .wed, .fri]))
        XCTAssertEqual(rule.quietHours, QuietHours(start: wall("22:00"), end: wall("07:00")))
        XCTAssertEqual(ReminderSettingsModel.summary(rule), "Meditation · 07:30 · Mon, Wed, Fri · Quiet 22:00–07:00")

        let until = ReminderSettingsModel.localDay(fixedNow.addingTimeInterval(7 * 86_400), in: london)
        XCTAssertEqual(until, DateComponents(year: 2027, month: 4, day: 4))
        await model.pause(rule.id, until: until)
        let paused = try XCTUnwrap(model.rules.value?.first)
        XCTAssertTrue(ReminderSettingsModel.summary(paused).hasSuffix("Paused until 2027-04-04"))
        await model.resume(rule.id)
        XCTAssertNil(model.rules.value?.first?.pausedUntil)

        var all = ReminderDraft()
        XCTAssertEqual(all.days, .daily)
        all.weekdays = Set(ReminderDraft.week.prefix(5))
        XCTAssertEqual(all.days, .weekdays)
        XCTAssertNil(all.quietHours, "no quiet hours unless both ends are set")
    }
}

@MainActor
final class FirstRunTests: XCTestCase {
    func testShownOnceAndAgainAfterEraseAndSaysItComplementsCare() async throws {
        let suite = "reset.firstrun.\(UUID().uuidString)"
        let defaults = try XCTUnwrap(UserDefaults(suiteName: suite))
        defer { defaults.removePersistentDomain(forName: suite) }
        let firstRun = FirstRun(defaults: defaults)
        XCTAssertTrue(firstRun.isDue)
        firstRun.finish()
        XCTAssertFalse(FirstRun(defaults: defaults).isDue, "not shown again")
        firstRun.reset()
        XCTAssertTrue(firstRun.isDue, "shown again for the new profile after erase-all")
        XCTAssertTrue(FirstRun.points.contains { $0.text.contains("complements professional care") })
        XCTAssertTrue(FirstRun.points.contains { $0.text.contains("Get help now") })
    }
}
