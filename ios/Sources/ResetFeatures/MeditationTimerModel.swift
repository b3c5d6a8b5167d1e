import Foundation
import Observation

/// The time now, for the timer: the system clock in the app, a hand-moved one in tests.
public protocol TimerClock: AnyObject {
    var now: Date { get }
}

/// Calls back about once a second while running: a `Task` loop in the app, driven by hand in tests.
@MainActor
public protocol TickSource: AnyObject {
    func start(_ tick: @escaping @MainActor () async -> Void)
    func stop()
}

/// The device clock.
public final class SystemTimerClock: TimerClock {
    public init() {}
    public var now: Date { Date() }
}

/// Ticks once a second from a task. The timer reads the clock on each tick, so a late or
/// missed tick (app in the background) never makes the timer drift.
@MainActor
public final class TaskTickSource: TickSource {
    private var task: Task<Void, Never>?

    public init() {}

    public func start(_ tick: @escaping @MainActor () async -> Void) {
        stop()
        task = Task { @MainActor in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 1_000_000_000)
                if Task.isCancelled { break }
                await tick()
            }
        }
    }

    public func stop() {
        task?.cancel()
        task = nil
    }
}

/// The meditation timer: choose minutes, start, pause, resume, stop. A session that runs out is
/// logged as completed; one stopped early is logged with the whole minutes actually sat (the
/// core counts only completed sessions toward "done today").
@MainActor
@Observable
public final class MeditationTimerModel {
    public enum State: Equatable {
        case ready
        case running
        case paused
        /// Logged in the core.
        case finished(PracticeSession)
        /// Stopped before a whole minute: nothing to log.
        case tooShortToLog
        case failed(UserMessage)
    }

    public private(set) var state: State = .ready
    /// Planned length; the core accepts 1–720 minutes and says so if not.
    public var plannedMinutes: UInt32 = 10
    public var technique: PracticeTechnique = .meditation
    /// The programme step this session belongs to, if started from one.
    public var stepID: String?
    /// Seconds left while a session runs (updated on each tick and pause), else `nil`.
    private var sessionRemaining: Int?

    /// Seconds left: of the running session, else the planned length.
    public var remainingSeconds: Int { sessionRemaining ?? Int(plannedMinutes) * 60 }

    private let store: ResetStore
    private let clock: TimerClock
    private let ticks: TickSource
    private weak var observer: ActivityObserver?
    private let afterLogging: ((PracticeSession) async -> Void)?

    private var startedAt: Date?
    /// Time sat before the current run (pauses excluded).
    private var banked: TimeInterval = 0
    private var runningSince: Date?

    /// - Parameter afterLogging: runs after a session is stored (the app writes mindful minutes here).
    public init(
        store: ResetStore, clock: TimerClock = SystemTimerClock(), ticks: TickSource? = nil,
        observer: ActivityObserver? = nil, afterLogging: ((PracticeSession) async -> Void)? = nil
    ) {
        self.store = store
        self.clock = clock
        self.ticks = ticks ?? TaskTickSource()
        self.observer = observer
        self.afterLogging = afterLogging
    }

    /// Seconds sat so far, pauses excluded.
    public var elapsedSeconds: TimeInterval {
        banked + (runningSince.map { clock.now.timeIntervalSince($0) } ?? 0)
    }

    /// `mm:ss` left, for the display and VoiceOver.
    public var remainingText: String { String(format: "%d:%02d", remainingSeconds / 60, remainingSeconds % 60) }

    /// Starts from `.ready` (or again after a finished session).
    public func start() {
        switch state {
        case .ready, .finished, .tooShortToLog, .failed: break
        case .running, .paused: return
        }
        let now = clock.now
        startedAt = now
        banked = 0
        runningSince = now
        sessionRemaining = Int(plannedMinutes) * 60
        state = .running
        ticks.start { [weak self] in await self?.tick() }
    }

    /// Pauses; the time paused does not count.
    public func pause() {
        guard state == .running, let since = runningSince else { return }
        banked += clock.now.timeIntervalSince(since)
        runningSince = nil
        ticks.stop()
        refreshRemaining()
        state = .paused
    }

    /// Resumes after a pause.
    public func resume() {
        guard state == .paused else { return }
        runningSince = clock.now
        state = .running
        ticks.start { [weak self] in await self?.tick() }
    }

    /// One tick: updates the display and finishes when the time is up.
    public func tick() async {
        guard state == .running else { return }
        refreshRemaining()
        if elapsedSeconds >= TimeInterval(plannedMinutes) * 60 {
            await end(completed: true)
        }
    }

    /// Stops early (or on interruption): logs the whole minutes sat, if at least one.
    public func stop() async {
        guard state == .running || state == .paused else { return }
        await end(completed: false)
    }

    private func refreshRemaining() {
        sessionRemaining = max(0, Int((TimeInterval(plannedMinutes) * 60 - elapsedSeconds).rounded(.up)))
    }

    private func end(completed: Bool) async {
        guard state == .running || state == .paused, let startedAt else { return }
        let sat = elapsedSeconds
        ticks.stop()
        runningSince = nil
        banked = sat
        sessionRemaining = nil
        let minutes = completed ? plannedMinutes : UInt32(sat / 60)
        guard minutes >= 1 else {
            state = .tooShortToLog
            return
        }
        do {
            let session = try await store.logPractice(
                technique, minutes: minutes, planned: plannedMinutes, completed: completed,
                startedAt: startedAt, stepId: stepID
            )
            state = .finished(session)
            await observer?.activityRecorded()
            await afterLogging?(session)
        } catch {
            state = .failed(UserMessage(error))
        }
    }
}
