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
    public func add(_ kind: ActivityKind, at times: [String], days: ReminderDays = .daily, skipIfDone: Bool = true) async {
        await change { _ = try await self.store.addReminder(kind, at: times, days: days, skipIfDone: skipIfDone) }
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
        return [displayName(rule.kind), rule.times.joined(separator: ", "), days].joined(separator: " · ")
    }
}
