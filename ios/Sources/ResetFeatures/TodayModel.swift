import Foundation
import Observation

/// What the Today screen shows, all from the core.
public struct TodaySnapshot: Equatable {
    /// The person's local date.
    public let date: DateComponents
    /// Today's check-ins, newest first.
    public let checkIns: [CheckIn]
    /// The programme in progress (id and title), if any.
    public let programmeID: String?
    public let programmeTitle: String?
    /// The step to offer: the one open now, else the next to open, else the one done today.
    public let step: StepProgress?
    /// Minutes practised today.
    public let practiceMinutesToday: UInt32
    /// Questionnaires due today.
    public let dueAssessments: [DueAssessment]

    /// Whether the person has checked in today.
    public var hasCheckedIn: Bool { !checkIns.isEmpty }
}

/// The Today screen: check-in, today's programme step, practice, due assessment.
@MainActor
@Observable
public final class TodayModel {
    public private(set) var state: Loadable<TodaySnapshot> = .idle

    private let store: ResetStore
    private let clock: TimerClock
    private let timeZone: () -> TimeZone

    /// - Parameters:
    ///   - clock: the time now (the device clock in the app, a hand-moved one in tests).
    ///   - timeZone: the person's zone, read each time (it changes when they travel).
    public init(store: ResetStore, clock: TimerClock = SystemTimerClock(), timeZone: @escaping () -> TimeZone = { .current }) {
        self.store = store
        self.clock = clock
        self.timeZone = timeZone
    }

    /// Seconds until the next local midnight, when the screen must show a new day. The view
    /// sleeps this long (plus a second) and then calls `dayMayHaveChanged()`.
    public func secondsUntilNextDay() -> TimeInterval {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone()
        let now = clock.now
        let start = calendar.startOfDay(for: now)
        let next = calendar.date(byAdding: .day, value: 1, to: start) ?? now.addingTimeInterval(86_400)
        return max(1, next.timeIntervalSince(now))
    }

    /// The app came back to the foreground: everything may have changed (a reminder's Done,
    /// a new day, a restore), so reload.
    public func sceneDidBecomeActive() async { await load() }

    /// Midnight may have passed (the view's timer, `NSCalendarDayChanged`, a zone change):
    /// reloads when the core's today is not the day on screen.
    public func dayMayHaveChanged() async {
        guard let shown = state.value?.date else { return await load() }
        if (try? await store.today()) != shown { await load() }
    }

    /// Loads (or reloads, e.g. on foreground) everything the screen shows.
    public func load() async {
        if state.value == nil { state = .loading }
        do {
            let date = try await store.today()
            let checkIns = try await store.checkIns(from: date, to: date)
            let programme = try await store.programmeToday()
            let practice = try await store.practiceSummary(from: date, to: date)
            let due = try await store.dueAssessments()
            state = .loaded(
                TodaySnapshot(
                    date: date,
                    checkIns: checkIns,
                    programmeID: programme.programme,
                    programmeTitle: programme.title,
                    step: Self.stepToOffer(programme.steps),
                    practiceMinutesToday: practice.totalMinutes,
                    dueAssessments: due.due
                ))
        } catch {
            state = .failed(UserMessage(error))
        }
    }

    /// The core lists today's steps (done today, open, opening next); the screen offers one.
    static func stepToOffer(_ steps: [StepProgress]) -> StepProgress? {
        steps.first { $0.status == .available } ?? steps.first { $0.status == .locked } ?? steps.last
    }
}
