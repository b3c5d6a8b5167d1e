import Foundation
import Observation

/// Reminder settings: the rules, the notification permission in plain words, and applying the
/// core's plan to the notification centre after every change.
@MainActor
@Observable
public final class ReminderSettingsModel {
    public private(set) var rules: Loadable<[ReminderRule]> = .idle
    public private(set) var permission: NotificationPermission = .notDetermined
    /// What the last apply did.
    public private(set) var lastSync: ReminderSyncOutcome?
    public private(set) var error: UserMessage?

    private let store: ResetStore
    private let scheduler: ReminderScheduler
    private let authorizer: NotificationAuthorizing

    public init(store: ResetStore, scheduler: ReminderScheduler, authorizer: NotificationAuthorizing) {
        self.store = store
        self.scheduler = scheduler
        self.authorizer = authorizer
    }

    /// The permission explained for this screen.
    public var permissionExplanation: String { permission.explanation }
    /// Whether to show "Allow notifications" (the system prompt) rather than "Open Settings".
    public var showsAllowButton: Bool { permission.canAsk }
    /// Whether to show "Open Settings" (the only way back from a refusal).
    public var showsOpenSettings: Bool { permission == .denied || permission == .provisional }

    /// Loads rules and permission, then applies the plan.
    public func load() async {
        if rules.value == nil { rules = .loading }
        do {
            rules = .loaded(try await store.reminders())
        } catch {
            rules = .failed(UserMessage(error))
        }
        permission = await authorizer.permission()
        await apply()
    }

    /// Shows the system prompt (first time only), then applies the plan.
    public func requestPermission() async {
        do {
            permission = try await authorizer.requestPermission()
        } catch {
            self.error = UserMessage(error)
        }
        await apply()
    }

    /// Adds a rule (e.g. meditation at 08:00 on weekdays); the core validates times and quiet hours.
    public func add(
        _ kind: ActivityKind, at times: [DateComponents], days: ReminderDays = .daily, skipIfDone: Bool = true,
        quietHours: QuietHours? = nil
    ) async {
        await change {
            _ = try await self.store.addReminder(kind, at: times, days: days, skipIfDone: skipIfDone, quietHours: quietHours)
        }
    }

    /// Adds the rule the "Add a reminder" form describes.
    public func add(_ draft: ReminderDraft) async {
        await add(draft.kind, at: [draft.time], days: draft.days, skipIfDone: draft.skipIfDone, quietHours: draft.quietHours)
    }

    /// Deletes a rule.
    public func remove(_ id: String) async { await change { try await self.store.removeReminder(id) } }

    /// Pauses a rule until a local day.
    public func pause(_ id: String, until: DateComponents) async {
        await change { _ = try await self.store.pauseReminder(id, until: until) }
    }

    /// Ends a pause.
    public func resume(_ id: String) async { await change { _ = try await self.store.resumeReminder(id) } }

    /// Turns a rule on or off without deleting it.
    public func setEnabled(_ id: String, _ enabled: Bool) async {
        await change { _ = try await self.store.setReminderEnabled(id, enabled) }
    }

    /// Makes the pending notifications match the core's plan (or clears them without permission).
    public func apply() async {
        do {
            lastSync = try await scheduler.resync(permission: permission)
        } catch {
            self.error = UserMessage(error)
        }
    }

    private func change(_ body: () async throws -> Void) async {
        error = await failure {
            try await body()
            rules = .loaded(try await store.reminders())
        }
        if error == nil { await apply() }
    }

    /// A rule in words, e.g. "Meditation · 08:00 · Weekdays".
    public static func summary(_ rule: ReminderRule) -> String {
        let days: String
        switch rule.days {
        case .daily: days = "Every day"
        case .weekdays: days = "Weekdays"
        case let .only(list): days = list.map { displayName($0) }.joined(separator: ", ")
        }
        var parts = [displayName(rule.kind), rule.times.map(\.wallText).joined(separator: ", "), days]
        if let quiet = rule.quietHours { parts.append("Quiet \(quiet.start.wallText)–\(quiet.end.wallText)") }
        if let paused = rule.pausedUntil { parts.append("Paused until \(paused.isoDay)") }
        return parts.joined(separator: " · ")
    }

    /// A pause's end day as the core takes it (year, month, day), for a date picked on screen.
    public static func localDay(_ date: Date, in zone: TimeZone = .current) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return DateComponents(year: parts.year, month: parts.month, day: parts.day)
    }
}

/// The "Add a reminder" form: what for, when, on which days, quiet hours.
public struct ReminderDraft: Equatable, Sendable {
    public var kind: ActivityKind = .checkin
    /// The person's wall-clock time (hour and minute).
    public var time = DateComponents(hour: 20, minute: 0)
    /// The days it fires on; all seven = every day.
    public var weekdays: Set<DayOfWeek> = Set(ReminderDraft.week)
    public var skipIfDone = true
    /// Quiet hours (wall-clock times, may wrap midnight), or none.
    public var quietStart: DateComponents?
    public var quietEnd: DateComponents?

    /// Monday first, as the core orders days.
    public static let week: [DayOfWeek] = [.mon, .tue, .wed, .thu, .fri, .sat, .sun]

    public init() {}

    /// The core's day rule: every day, weekdays, or the chosen days in week order.
    public var days: ReminderDays {
        if weekdays.count == 7 { return .daily }
        if weekdays == Set(Self.week.prefix(5)) { return .weekdays }
        return .only(days: Self.week.filter(weekdays.contains))
    }

    /// Quiet hours when both ends are set.
    public var quietHours: QuietHours? {
        guard let quietStart, let quietEnd else { return nil }
        return QuietHours(start: quietStart, end: quietEnd)
    }
}
