import Foundation
import XCTest

@testable import ResetKit

/// A notification centre in memory.
final class MemoryCentre: NotificationScheduling, @unchecked Sendable {
    var pending: [String: ReminderRequest] = [:]
    var others: [String] = []
    func pendingRequestIDs() async -> [String] { Array(pending.keys) + others }
    func add(_ request: ReminderRequest) async throws { pending[request.id] = request }
    func removePendingRequests(withIdentifiers ids: [String]) async {
        for id in ids { pending[id] = nil }
        others.removeAll { ids.contains($0) }
    }
}

final class NotificationPermissionTests: XCTestCase {
    func testOnlyGrantedStatesSchedule() {
        XCTAssertEqual(NotificationPermission.allCases.filter(\.allowsScheduling), [.authorized, .provisional, .ephemeral])
        XCTAssertEqual(NotificationPermission.allCases.filter(\.canAsk), [.notDetermined])
    }

    func testEveryStateIsExplainedWithoutBlame() {
        for state in NotificationPermission.allCases {
            XCTAssertFalse(state.explanation.isEmpty)
        }
        XCTAssertTrue(NotificationPermission.denied.explanation.contains("Settings"))
        XCTAssertTrue(NotificationPermission.provisional.explanation.contains("quietly"))
    }

    func testWithoutPermissionPendingRemindersAreCancelledAndNothingIsAdded() async throws {
        let store = try openStore(try Scratch())
        try await store.addReminder(.checkin, at: [wall("20:00")])
        let centre = MemoryCentre()
        centre.others = ["welcome-tip"]
        let scheduler = ReminderScheduler(store: store, centre: centre)
        let first = try await scheduler.resync(permission: .authorized)
        guard case let .synced(result) = first else { return XCTFail("\(first)") }
        XCTAssertEqual(result.added.count, 7)
        let denied = try await scheduler.resync(permission: .denied)
        guard case let .notAllowed(state, cancelled) = denied else { return XCTFail("\(denied)") }
        XCTAssertEqual(state, .denied)
        XCTAssertEqual(cancelled.count, 7)
        XCTAssertTrue(centre.pending.isEmpty)
        XCTAssertEqual(centre.others, ["welcome-tip"], "requests that are not reminders are never touched")
        // Provisional delivery still schedules.
        let quiet = try await scheduler.resync(permission: .provisional)
        guard case let .synced(again) = quiet else { return XCTFail("\(quiet)") }
        XCTAssertEqual(again.added.count, 7)
    }

    func testNotificationTextIsGenericAndActionsMapToTheCoreCalls() async throws {
        XCTAssertEqual(ReminderAction(actionIdentifier: ReminderAction.doneIdentifier), .done)
        XCTAssertEqual(ReminderAction(actionIdentifier: ReminderAction.snoozeIdentifier), .snooze(minutes: 10))
        XCTAssertEqual(ReminderAction(actionIdentifier: "com.apple.UNNotificationDefaultActionIdentifier"), .open)
        let store = try openStore(try Scratch())
        try await store.addReminder(.journal, at: [wall("21:00")], label: "Write about my sister")
        let centre = MemoryCentre()
        try await ReminderScheduler(store: store, centre: centre).resync(permission: .authorized)
        for request in centre.pending.values {
            XCTAssertFalse(request.title.contains("sister") || request.body.contains("sister"))
        }
    }
}
