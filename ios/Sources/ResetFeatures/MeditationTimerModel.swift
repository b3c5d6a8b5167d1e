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
/// missed tick (app in the background) never makes the timer drift. The task ends when the
/// source is released (F14): a replaced timer leaves no loop behind.
@MainActor
public final class TaskTickSource: TickSource {
    private var task: Task<Void, Never>?
    private let interval: Duration

    public init(interval: Duration = .seconds(1)) { self.interval = interval }

    deinit { task?.cancel() }

    public func start(_ tick: @escaping @MainActor () async -> Void) {
        stop()
        let interval = interval
        task = Task { @MainActor in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
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

/// What a running session does outside the model: the bell, haptics, keeping the screen awake
/// and the end-of-session notification. The app implements it with AVAudioPlayer,
/// UINotificationFeedbackGenerator, `UIApplication.isIdleTimerDisabled` and
/// UNUserNotificationCenter; tests record the calls.
@MainActor
public protocol MeditationEffects: AnyObject {
    /// Plays the bundled bell (start and end of a session).
    func playBell()
    /// A haptic tap: `true` when a session starts or resumes, `false` when it ends.
    func haptic(starting: Bool)
    /// Keeps the screen on while a session runs (`isIdleTimerDisabled`).
    func keepScreenAwake(_ on: Bool)
    /// A local notification with the bell at `date`, for a session that ends while the app is
    /// in the background or the phone is locked. Its text is generic (no moods or notes).
    func scheduleEndNotification(at date: Date)
    /// Removes that notification (the app is back, or the session ended or paused).
    func cancelEndNotification()
    /// Whether the end notification can be delivered, asking for notification permission if
    /// the person was never asked (without it iOS drops the request silently, F11).
    func allowEndNotification() async -> Bool
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
    private weak var effects: MeditationEffects?
    private let afterLogging: ((PracticeSession) async -> Void)?
    /// Whether an end-of-session notification is pending (scheduled on leaving the foreground).
    public private(set) var endNotificationScheduled = false
    /// Whether notifications may ring the end bell while the phone is locked: `nil` until
    /// asked (`startWithEndBell()`), then the answer. Nothing is scheduled unless `true`.
    public private(set) var endBellAllowed: Bool?
    /// The route (technique, minutes, programme step) the timer was last prepared for.
    private var preparedRoute: PreparedRoute?

    private var startedAt: Date?
    /// Time sat before the current run (pauses excluded).
    private var banked: TimeInterval = 0
    private var runningSince: Date?

    /// - Parameter afterLogging: runs after a session is stored (the app writes mindful minutes here).
    public init(
        store: ResetStore, clock: TimerClock = SystemTimerClock(), ticks: TickSource? = nil,
        observer: ActivityObserver? = nil, effects: MeditationEffects? = nil,
        afterLogging: ((PracticeSession) async -> Void)? = nil
    ) {
        self.store = store
        self.clock = clock
        self.ticks = ticks ?? TaskTickSource()
        self.observer = observer
        self.effects = effects
        self.afterLogging = afterLogging
    }

    /// Whether a session is under way (running or paused). The app keeps one timer for the
    /// whole profile, so leaving the screen or switching tabs never ends a session.
    public var isActive: Bool { state == .running || state == .paused }

    /// Sets up the next session (from a programme step, or the plain timer). Ignored while a
    /// session is under way, so opening the timer from elsewhere never disturbs it, and when
    /// the same screen appears again (a tab switch and back), so the person's choice of
    /// minutes and technique stays (F11).
    public func prepare(technique: PracticeTechnique, minutes: UInt32, stepID: String?) {
        guard !isActive else { return }
        let route = PreparedRoute(technique: technique, minutes: minutes, stepID: stepID)
        guard route != preparedRoute else { return }
        preparedRoute = route
        self.technique = technique
        self.plannedMinutes = minutes
        self.stepID = stepID
    }

    /// When the running session will reach its planned length, if it keeps running.
    public var plannedEnd: Date? {
        guard state == .running else { return nil }
        return clock.now.addingTimeInterval(TimeInterval(plannedMinutes) * 60 - elapsedSeconds)
    }

    /// The app left the foreground (app switcher, another app, the phone locked): ticks stop
    /// arriving, so a running session gets a notification with the bell at its planned end.
    public func sceneDidEnterBackground() {
        guard let end = plannedEnd, endBellAllowed == true else { return }
        effects?.scheduleEndNotification(at: end)
        endNotificationScheduled = true
    }

    /// The app is back: the notification is no longer needed, and a session whose time ran out
    /// meanwhile is logged as completed now (with the time it started, not now).
    public func sceneDidBecomeActive() async {
        // The notification already rang the bell if the time ran out meanwhile.
        let rang = endNotificationScheduled && elapsedSeconds >= TimeInterval(plannedMinutes) * 60
        cancelEndNotification()
        endBellAlreadyRang = rang
        await tick()
        endBellAlreadyRang = false
    }

    private var endBellAlreadyRang = false

    private func cancelEndNotification() {
        guard endNotificationScheduled else { return }
        effects?.cancelEndNotification()
        endNotificationScheduled = false
    }

    /// Seconds sat so far, pauses excluded.
    public var elapsedSeconds: TimeInterval {
        banked + (runningSince.map { clock.now.timeIntervalSince($0) } ?? 0)
    }

    /// `mm:ss` left, for the display and VoiceOver.
    public var remainingText: String { String(format: "%d:%02d", remainingSeconds / 60, remainingSeconds % 60) }

    /// What the running screen says about the bell when the phone locks.
    public var lockedBellNote: String {
        endBellAllowed == false
            ? "The session keeps going if you leave this screen or lock your phone. Turn on notifications for Reset in Settings to hear the bell at the end while your phone is locked."
            : "The session keeps going if you leave this screen or lock your phone; a bell rings at the end."
    }

    /// "Start": starts, then asks (once, the first time) whether notifications may ring the end
    /// bell while the phone is locked.
    public func startWithEndBell() async {
        start()
        guard isActive, let effects else { return }
        endBellAllowed = await effects.allowEndNotification()
    }

    /// Ends the session without logging it and undoes its side effects: the profile it belongs
    /// to was erased or replaced (F14). Ticks stop, the screen may sleep again, a pending end
    /// notification is removed.
    public func discard() {
        let wasActive = isActive
        ticks.stop()
        cancelEndNotification()
        if wasActive { effects?.keepScreenAwake(false) }
        runningSince = nil
        banked = 0
        sessionRemaining = nil
        startedAt = nil
        state = .ready
    }

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
        effects?.playBell()
        effects?.haptic(starting: true)
        effects?.keepScreenAwake(true)
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
        effects?.keepScreenAwake(false)
        cancelEndNotification()
    }

    /// Resumes after a pause.
    public func resume() {
        guard state == .paused else { return }
        runningSince = clock.now
        state = .running
        effects?.haptic(starting: true)
        effects?.keepScreenAwake(true)
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
        cancelEndNotification()
        effects?.keepScreenAwake(false)
        if completed && !endBellAlreadyRang { effects?.playBell() }
        effects?.haptic(starting: false)
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

/// What a screen asked the timer to prepare.
private struct PreparedRoute: Equatable {
    let technique: PracticeTechnique
    let minutes: UInt32
    let stepID: String?
}
