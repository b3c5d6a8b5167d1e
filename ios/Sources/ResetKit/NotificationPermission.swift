import Foundation

// Notification permission and when reminders may be scheduled (issue 9).
//
// The states mirror `UNAuthorizationStatus`; the decisions (schedule or not, what to tell the
// person, whether the system prompt can still be shown) are plain Swift so they run on Linux.
// The `UNUserNotificationCenter` mapping at the bottom is Apple-only. Nothing here plans: the
// core's plan, through `ReminderScheduler`, decides what fires when.

/// Whether the app may post notifications, as the system reports it.
public enum NotificationPermission: Equatable, Sendable, CaseIterable {
    /// The person has not been asked yet.
    case notDetermined
    /// The person said no (or turned notifications off in Settings).
    case denied
    /// Notifications are allowed.
    case authorized
    /// Delivered quietly to Notification Centre until the person chooses (iOS 12+).
    case provisional
    /// Allowed for a limited time (App Clips).
    case ephemeral

    /// Whether scheduling requests makes sense: they would be delivered in some form.
    public var allowsScheduling: Bool {
        switch self {
        case .authorized, .provisional, .ephemeral: return true
        case .notDetermined, .denied: return false
        }
    }

    /// Whether the system prompt can still be shown; otherwise only Settings can change it.
    public var canAsk: Bool { self == .notDetermined }

    /// One sentence for the reminder settings screen, saying what the state means for reminders.
    public var explanation: String {
        switch self {
        case .notDetermined:
            return "Reminders need permission to notify you. You'll be asked once; you can change it later in Settings."
        case .denied:
            return "Notifications are off for Reset Companion, so reminders can't appear. You can turn them on in Settings › Notifications."
        case .authorized:
            return "Reminders will appear at the times you set. They never show your notes, moods or scores."
        case .provisional:
            return "Reminders arrive quietly in Notification Centre, without sound or banners. Allow them fully to see them on time."
        case .ephemeral:
            return "Notifications are allowed for now."
        }
    }
}

/// Reads and requests notification permission: a protocol so tests use a fake.
public protocol NotificationAuthorizing: AnyObject, Sendable {
    /// The current state.
    func permission() async -> NotificationPermission
    /// Shows the system prompt (only effective in `.notDetermined`); returns the new state.
    func requestPermission() async throws -> NotificationPermission
}

/// What a permission-aware resync did.
public enum ReminderSyncOutcome: Equatable, Sendable {
    /// The pending requests now equal the plan.
    case synced(ReminderSyncResult)
    /// Nothing was scheduled because notifications are not allowed; any reminders still pending
    /// were cancelled so they do not fire at stale times if permission comes back later.
    case notAllowed(NotificationPermission, cancelled: [String])
}

extension ReminderScheduler {
    /// Resyncs when `permission` allows notifications; otherwise cancels this app's pending
    /// reminders (never anything else) and schedules nothing.
    @discardableResult
    public func resync(permission: NotificationPermission) async throws -> ReminderSyncOutcome {
        if permission.allowsScheduling {
            return .synced(try await resync())
        }
        let stale = await centre.pendingRequestIDs().filter { $0.hasPrefix(Self.idPrefix) }
        if !stale.isEmpty { await centre.removePendingRequests(withIdentifiers: stale) }
        return .notAllowed(permission, cancelled: stale.sorted())
    }
}

extension ReminderSyncResult: @unchecked Sendable {}

#if canImport(UserNotifications)
    import UserNotifications

    extension NotificationPermission {
        /// Maps the system's status.
        public init(_ status: UNAuthorizationStatus) {
            switch status {
            case .notDetermined: self = .notDetermined
            case .denied: self = .denied
            case .authorized: self = .authorized
            case .provisional: self = .provisional
            #if os(iOS)
                case .ephemeral: self = .ephemeral
            #endif
            @unknown default: self = .denied
            }
        }
    }

    extension UserNotificationCentre: NotificationAuthorizing {
        public func permission() async -> NotificationPermission {
            NotificationPermission(await UNUserNotificationCenter.current().notificationSettings().authorizationStatus)
        }

        public func requestPermission() async throws -> NotificationPermission {
            _ = try await requestAuthorization()
            return await permission()
        }
    }
#endif
