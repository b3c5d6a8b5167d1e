import Foundation

// Reminders (issue 7): the core plans, the shell schedules (DESIGN §5).
//
// `ReminderScheduler` keeps the OS's pending requests equal to the core's plan through a small
// `NotificationScheduling` protocol, so the reconciliation logic runs on Linux against a fake
// centre. The `UNUserNotificationCenter` adapter at the bottom compiles only on Apple platforms.

extension ResetStore {
    /// Creates a reminder rule. `times` are wall-clock times (hour and minute; they float with
    /// the person's zone), e.g. `[.wallTime(8, 0)]`.
    ///
    /// - Throws: `ResetError.InvalidInput` naming the field: `times` (bad, duplicate, inside quiet
    ///   hours, or the same kind and time as an existing rule on a shared day), `days`, `label`.
    @discardableResult
    public func addReminder(
        _ kind: ActivityKind,
        at times: [DateComponents],
        days: ReminderDays = .daily,
        skipIfDone: Bool = false,
        quietHours: QuietHours? = nil,
        label: String? = nil
    ) throws -> ReminderRule {
        try companion.addReminder(
            rule: NewReminderRule(
                kind: kind, times: times, days: days, skipIfDone: skipIfDone, quietHours: quietHours, label: label
            ))
    }

    /// Every reminder rule, oldest first.
    public func reminders() throws -> [ReminderRule] { try companion.reminders() }

    /// Deletes a rule; resync afterwards so its notifications are cancelled.
    public func removeReminder(_ id: String) throws { try companion.removeReminder(id: id) }

    /// Pauses a rule until the local day `until`: it fires again on that date.
    @discardableResult
    public func pauseReminder(_ id: String, until: DateComponents) throws -> ReminderRule {
        try companion.pauseReminder(id: id, until: until)
    }

    /// Ends a pause now.
    @discardableResult
    public func resumeReminder(_ id: String) throws -> ReminderRule { try companion.resumeReminder(id: id) }

    /// Turns a rule on or off without deleting it; resync afterwards.
    @discardableResult
    public func setReminderEnabled(_ id: String, _ enabled: Bool) throws -> ReminderRule {
        try companion.setReminderEnabled(id: id, enabled: enabled)
    }

    /// The notifications the core would schedule (default: the next week, iOS limits).
    public func reminderPlan(_ options: PlanOptions = .iOS) throws -> [PlannedNotification] {
        try companion.reminderPlan(options: options)
    }

    /// What to add and cancel so the OS holds exactly the plan, given its pending reminder ids.
    public func reconcileReminders(pending: [String], options: PlanOptions = .iOS) throws -> Reconciliation {
        try companion.reconcileReminders(pending: pending, options: options)
    }

    /// Snoozes a delivered notification: a one-shot `minutes` from now with its own id.
    @discardableResult
    public func snoozeReminder(_ notificationID: String, minutes: UInt32) throws -> PlannedNotification {
        try companion.snoozeReminder(notificationId: notificationID, minutes: minutes)
    }

    /// "Done" from a notification: the activity counts as done for that notification's day.
    @discardableResult
    public func markReminderDone(_ notificationID: String) throws -> ActivityDone {
        try companion.reminderDone(notificationId: notificationID)
    }

    /// The person finished an activity in the app; skip-if-done reminders stay quiet today.
    @discardableResult
    public func recordActivityDone(_ kind: ActivityKind) throws -> ActivityDone {
        try companion.recordActivityDone(kind: kind)
    }
}

extension PlanOptions {
    /// The next week, at most 60 notifications (iOS keeps 64 pending and drops extras silently).
    public static let iOS = PlanOptions(
        from: nil, until: nil, limit: nil, platform: .ios, exactAlarmsAllowed: false
    )
}

extension PlannedNotification {
    /// The instant to fire at, already resolved by the core for the device's zone.
    public var fireDate: Date { fireAt }
}

/// One request for the notification centre, built from a planned notification.
public struct ReminderRequest: Equatable {
    /// Stable id: re-adding it replaces the pending request.
    public let id: String
    public let fireDate: Date
    /// Generic, lock-screen-safe text from the core.
    public let title: String
    public let body: String
    /// e.g. `resetcompanion://meditation`.
    public let deepLink: String
    /// Groups a kind's notifications together (`meditation`, `checkin`…).
    public let threadIdentifier: String

    public init(_ n: PlannedNotification) {
        id = n.id
        fireDate = n.fireDate
        title = n.title
        body = n.body
        deepLink = n.deepLink
        threadIdentifier = n.deepLink.components(separatedBy: "://").last ?? "reminder"
    }
}

/// The part of `UNUserNotificationCenter` reminders need: a protocol so tests use a fake.
public protocol NotificationScheduling: AnyObject, Sendable {
    /// Identifiers of every pending request (reminders and anything else the app scheduled).
    func pendingRequestIDs() async -> [String]
    /// Schedules a request; an existing identifier is replaced.
    func add(_ request: ReminderRequest) async throws
    /// Removes pending requests by identifier.
    func removePendingRequests(withIdentifiers ids: [String]) async
}

/// What a notification action asks for.
public enum ReminderAction: Equatable, Sendable {
    case open
    case done
    case snooze(minutes: UInt32)

    /// Action identifiers registered with the reminder category.
    public static let doneIdentifier = "reset.reminder.done"
    public static let snoozeIdentifier = "reset.reminder.snooze"
    /// Snooze length offered on the lock screen.
    public static let snoozeMinutes: UInt32 = 10

    /// Maps a `UNNotificationResponse.actionIdentifier` to an action.
    public init(actionIdentifier: String) {
        switch actionIdentifier {
        case Self.doneIdentifier: self = .done
        case Self.snoozeIdentifier: self = .snooze(minutes: Self.snoozeMinutes)
        default: self = .open
        }
    }
}

/// A notification response reduced to what the app acts on: plain, `Sendable` values copied
/// out of `UNNotificationResponse` in the nonisolated delegate callback (issue 19, F2), so
/// nothing non-Sendable crosses to the main actor.
public struct ReminderResponse: Equatable, Sendable {
    public let action: ReminderAction
    /// The planned notification's stable id (`reminder_id` in its user info).
    public let notificationID: String
    /// Where a tap leads (`deep_link`), if the plan gave one.
    public let deepLink: String?

    public init(action: ReminderAction, notificationID: String, deepLink: String?) {
        self.action = action
        self.notificationID = notificationID
        self.deepLink = deepLink
    }

    /// The user-info keys the scheduler writes into every reminder request.
    public static let idKey = "reminder_id"
    public static let deepLinkKey = "deep_link"

    /// `nil` for a notification that is not a reminder (the meditation timer's end bell).
    public init?(actionIdentifier: String, userInfo: [AnyHashable: Any]) {
        guard let id = userInfo[Self.idKey] as? String else { return nil }
        self.init(
            action: ReminderAction(actionIdentifier: actionIdentifier), notificationID: id, deepLink: userInfo[Self.deepLinkKey] as? String)
    }
}

/// What one resync changed.
public struct ReminderSyncResult: Equatable {
    public let added: [String]
    public let cancelled: [String]
}

/// Keeps the pending notifications equal to the core's plan.
///
/// Call `resync()` on launch, on foreground, on `NSSystemTimeZoneDidChange` (after
/// `ResetStore.setTimeZone`), on `NSSystemClockDidChange`, from background refresh, and after a
/// notification fires or an action is handled.
public final class ReminderScheduler: Sendable {
    /// Every reminder id starts with this; other pending requests are never touched.
    public static let idPrefix = "rem_"

    private let store: ResetStore
    let centre: NotificationScheduling

    public init(store: ResetStore, centre: NotificationScheduling) {
        self.store = store
        self.centre = centre
    }

    /// Reconciles the OS with the plan: cancels stale reminders, adds missing or moved ones.
    @discardableResult
    public func resync() async throws -> ReminderSyncResult {
        let pending = await centre.pendingRequestIDs().filter { $0.hasPrefix(Self.idPrefix) }
        let plan = try await store.reconcileReminders(pending: pending)
        if !plan.cancel.isEmpty {
            await centre.removePendingRequests(withIdentifiers: plan.cancel)
        }
        for notification in plan.add {
            try await centre.add(ReminderRequest(notification))
        }
        return ReminderSyncResult(added: plan.add.map(\.id), cancelled: plan.cancel)
    }

    /// Handles a tap or an action on a delivered reminder through the same core calls the app
    /// uses, then resyncs. Returns the deep link to open for `.open`.
    @discardableResult
    public func handle(_ action: ReminderAction, notificationID: String, deepLink: String? = nil) async throws -> String? {
        switch action {
        case .open:
            try await resync()
            return deepLink
        case .done:
            try await store.markReminderDone(notificationID)
        case let .snooze(minutes):
            try await store.snoozeReminder(notificationID, minutes: minutes)
        }
        try await resync()
        return nil
    }
}

#if canImport(UserNotifications)
    import UserNotifications

    /// The real centre: `UNUserNotificationCenter` behind `NotificationScheduling`.
    ///
    /// Triggers are fixed instants (`UNCalendarNotificationTrigger` with a UTC time zone): the core
    /// has already resolved the wall time for the device's zone (DST gaps and overlaps included)
    /// and the scheduler re-plans when the zone changes, so iOS never has to guess inside a gap.
    /// Sendable: its one stored property is `UNUserNotificationCenter`, which may be called from any
    /// thread (its API is asynchronous and callback-based), and it has no mutable state of its own.
    public final class UserNotificationCentre: NotificationScheduling, @unchecked Sendable {
        /// The category carrying the Done and Snooze actions.
        public static let categoryIdentifier = "reset.reminder"

        private let center: UNUserNotificationCenter

        public init(center: UNUserNotificationCenter = .current()) {
            self.center = center
        }

        /// Registers the reminder category (call once at launch).
        public func registerCategory() {
            let done = UNNotificationAction(identifier: ReminderAction.doneIdentifier, title: "Done", options: [])
            let snooze = UNNotificationAction(
                identifier: ReminderAction.snoozeIdentifier,
                title: "Snooze \(ReminderAction.snoozeMinutes) minutes",
                options: []
            )
            let category = UNNotificationCategory(
                identifier: Self.categoryIdentifier, actions: [done, snooze], intentIdentifiers: [], options: []
            )
            center.setNotificationCategories([category])
        }

        /// Asks for permission to alert and play a sound.
        public func requestAuthorization() async throws -> Bool {
            try await center.requestAuthorization(options: [.alert, .sound])
        }

        public func pendingRequestIDs() async -> [String] {
            await center.pendingNotificationRequests().map(\.identifier)
        }

        public func add(_ request: ReminderRequest) async throws {
            let content = UNMutableNotificationContent()
            content.title = request.title
            content.body = request.body
            content.sound = .default
            content.categoryIdentifier = Self.categoryIdentifier
            content.threadIdentifier = request.threadIdentifier
            content.interruptionLevel = .active
            content.userInfo = [ReminderResponse.idKey: request.id, ReminderResponse.deepLinkKey: request.deepLink]
            var utc = Calendar(identifier: .gregorian)
            utc.timeZone = TimeZone(identifier: "UTC") ?? utc.timeZone
            var components = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: request.fireDate)
            components.timeZone = utc.timeZone
            let trigger = UNCalendarNotificationTrigger(dateMatching: components, repeats: false)
            try await center.add(UNNotificationRequest(identifier: request.id, content: content, trigger: trigger))
        }

        public func removePendingRequests(withIdentifiers ids: [String]) async {
            center.removePendingNotificationRequests(withIdentifiers: ids)
        }
    }
#endif
