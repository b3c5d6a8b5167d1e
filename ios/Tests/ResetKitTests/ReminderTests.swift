import Foundation
import XCTest

@testable import ResetKit

/// A notification centre in memory: what `UNUserNotificationCenter` would hold.
private final class FakeCentre: NotificationScheduling, @unchecked Sendable {
    var pending: [String: ReminderRequest] = [:]
    /// Something else the app scheduled; reminders must never touch it.
    let foreign = "welcome-tip"
    var addCalls = 0

    func pendingRequestIDs() async -> [String] { Array(pending.keys) + [foreign] }
    func add(_ request: ReminderRequest) async throws {
        addCalls += 1
        pending[request.id] = request
    }
    func removePendingRequests(withIdentifiers ids: [String]) async {
        XCTAssertFalse(ids.contains(foreign), "a foreign request was cancelled")
        for id in ids { pending[id] = nil }
    }
    var sortedDates: [Date] { pending.values.map(\.fireDate).sorted() }
}

/// tests/fixtures/reminders/wall_times.json, shared with the Rust and Kotlin tests.
private func wallTimeCases() throws -> [[String: Any]] {
    let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let data = try Data(contentsOf: root.appendingPathComponent("tests/fixtures/reminders/wall_times.json"))
    let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    return json?["cases"] as? [[String: Any]] ?? []
}

private func iso(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

final class ReminderTests: XCTestCase {
    func testResyncSchedulesTheWeekAndASecondResyncChangesNothing() async throws {
        let store = try openStore(try Scratch())
        try await store.addReminder(.meditation, at: [wall("08:00")], skipIfDone: true, label: "Morning")
        let centre = FakeCentre()
        let scheduler = ReminderScheduler(store: store, centre: centre)
        let first = try await scheduler.resync()
        XCTAssertEqual(first.added.count, 7)
        XCTAssertEqual(centre.pending.count, 7)
        XCTAssertTrue(centre.pending.keys.allSatisfy { $0.hasPrefix(ReminderScheduler.idPrefix) })
        let request = try XCTUnwrap(centre.pending.values.min { $0.fireDate < $1.fireDate })
        // fixedNow is 2027-03-28 09:00 UTC (10:00 BST): the first is Monday 08:00 BST.
        XCTAssertEqual(request.fireDate, iso("2027-03-29T07:00:00Z"))
        XCTAssertEqual(request.deepLink, "resetcompanion://meditation")
        XCTAssertFalse(request.title.contains("Morning"), "labels never reach the lock screen")
        let second = try await scheduler.resync()
        XCTAssertEqual(second, ReminderSyncResult(added: [], cancelled: []))
    }

    func testTheIosPlanNeverHoldsMoreThanSixty() async throws {
        let store = try openStore(try Scratch())
        let times = (0..<12).map { DateComponents(hour: $0 * 2, minute: 15) }
        try await store.addReminder(.checkin, at: times)
        let centre = FakeCentre()
        try await ReminderScheduler(store: store, centre: centre).resync()
        XCTAssertEqual(centre.pending.count, 60)
        let all = try await store.reminderPlan(
            PlanOptions(from: nil, until: nil, limit: nil, platform: .any, exactAlarmsAllowed: false))
        XCTAssertEqual(all.count, 84)
        XCTAssertEqual(centre.sortedDates, all.prefix(60).map(\.fireDate), "the soonest 60")
    }

    func testAZoneChangeMovesPendingRequestsKeepingTheirIds() async throws {
        let store = try openStore(try Scratch())
        try await store.addReminder(.journal, at: [wall("21:00")])
        let centre = FakeCentre()
        let scheduler = ReminderScheduler(store: store, centre: centre)
        try await scheduler.resync()
        let londonIDs = Set(centre.pending.keys)
        try await store.setTimeZone(TimeZone(identifier: "Asia/Tokyo")!)
        let moved = try await scheduler.resync()
        XCTAssertFalse(moved.added.isEmpty)
        XCTAssertTrue(Set(moved.added).isSubset(of: londonIDs), "same rule and local date, same id")
        let plan = try await store.reminderPlan()
        XCTAssertTrue(
            plan.allSatisfy { localText($0.fireAt, TimeZone(secondsFromGMT: Int($0.utcOffsetSeconds))!).hasSuffix("T21:00:00+09:00") })
        XCTAssertEqual(centre.sortedDates, plan.map(\.fireDate))
    }

    func testRemovingARuleCancelsOnlyItsRequests() async throws {
        let store = try openStore(try Scratch())
        let journal = try await store.addReminder(.journal, at: [wall("21:00")])
        try await store.addReminder(.checkin, at: [wall("12:00")], days: .weekdays)
        let centre = FakeCentre()
        let scheduler = ReminderScheduler(store: store, centre: centre)
        try await scheduler.resync()
        XCTAssertEqual(centre.pending.count, 7 + 5)
        try await store.removeReminder(journal.id)
        let result = try await scheduler.resync()
        XCTAssertEqual(result.cancelled.count, 7)
        XCTAssertEqual(centre.pending.count, 5)
    }

    func testSnoozeAndDoneActionsGoThroughTheCoreThenResync() async throws {
        let store = try openStore(try Scratch())
        try await store.addReminder(.meditation, at: [wall("11:00"), wall("20:00")], skipIfDone: true)
        let centre = FakeCentre()
        let scheduler = ReminderScheduler(store: store, centre: centre)
        try await scheduler.resync()
        let today = try await store.reminderPlan().filter { $0.localDate == day("2027-03-28") }
        XCTAssertEqual(today.count, 2)

        try await scheduler.handle(ReminderAction(actionIdentifier: ReminderAction.snoozeIdentifier), notificationID: today[0].id)
        let snoozed = try XCTUnwrap(centre.pending.values.first { $0.fireDate == fixedNow.addingTimeInterval(600) })
        XCTAssertNotEqual(snoozed.id, today[0].id)

        try await scheduler.handle(.done, notificationID: snoozed.id)
        XCTAssertNil(centre.pending[snoozed.id], "the snooze is gone")
        XCTAssertNil(centre.pending[today[1].id], "skip-if-done silences the rest of the day")
        XCTAssertEqual(centre.pending.count, 12, "six more days of two")
        await assertThrowsReset(.notFound) { try await scheduler.handle(.done, notificationID: "rem_ffffffffffffffff") }
    }

    /// F2: the delegate copies these plain values out of the response before hopping to the
    /// main actor; the meditation timer's end notification is not a reminder.
    func testANotificationResponseIsReducedToSendableValues() throws {
        let done = try XCTUnwrap(
            ReminderResponse(
                actionIdentifier: ReminderAction.doneIdentifier,
                userInfo: ["reminder_id": "rem_0123456789abcdef", "deep_link": "resetcompanion://meditation"]))
        XCTAssertEqual(
            done, ReminderResponse(action: .done, notificationID: "rem_0123456789abcdef", deepLink: "resetcompanion://meditation"))
        let tap = try XCTUnwrap(
            ReminderResponse(actionIdentifier: "com.apple.UNNotificationDefaultActionIdentifier", userInfo: ["reminder_id": "rem_1"]))
        XCTAssertEqual(tap.action, .open)
        XCTAssertNil(tap.deepLink)
        XCTAssertEqual(
            ReminderResponse(actionIdentifier: ReminderAction.snoozeIdentifier, userInfo: ["reminder_id": "rem_1"])?.action,
            .snooze(minutes: ReminderAction.snoozeMinutes))
        XCTAssertNil(ReminderResponse(actionIdentifier: "x", userInfo: [:]), "the meditation end bell carries no reminder id")
        XCTAssertNil(ReminderResponse(actionIdentifier: "x", userInfo: ["reminder_id": 7]), "a malformed id is not a reminder")
    }

    /// Issue 20: notifications show nothing private, locked or not — not a reminder's label, a
    /// check-in note or the safety plan's text.
    func testNotificationTextNeverCarriesALabelANoteOrThePlan() async throws {
        let store = try openStore(try Scratch())
        let canary = "CANARY-hios-5150"
        try await store.addReminder(.checkin, at: [wall("11:00"), wall("20:00")], label: canary)
        try await store.checkIn(mood: 2, note: canary)
        try await store.saveSafetyPlan(
            SafetyPlanInput(
                warningSigns: [canary], copingStrategies: [], distractions: [],
                supportContacts: [SafetyContact(name: canary, phone: "07700 900123", sms: nil, other: nil)], professionals: [],
                saferSurroundings: [], reasonsForLiving: []))
        let centre = FakeCentre()
        try await ReminderScheduler(store: store, centre: centre).resync()
        XCTAssertFalse(centre.pending.isEmpty)
        for request in centre.pending.values {
            XCTAssertFalse((request.title + request.body + request.deepLink + request.threadIdentifier).contains(canary), request.id)
        }
    }

    func testBadRulesThrowInvalidInputNamingTheField() async throws {
        let store = try openStore(try Scratch())
        var error = await assertThrowsReset(.invalidInput) { try await store.addReminder(.meditation, at: [wall("25:00")]) }
        // 25:00 cannot become the core's wall time: the lift refuses it, naming the value's type.
        XCTAssertEqual(error?.field, "time")
        error = await assertThrowsReset(.invalidInput) {
            try await store.addReminder(.meditation, at: [wall("08:00")], days: .only(days: []))
        }
        XCTAssertEqual(error?.field, "days")
        error = await assertThrowsReset(.invalidInput) {
            try await store.addReminder(.checkin, at: [wall("23:00")], quietHours: QuietHours(start: wall("22:00"), end: wall("07:00")))
        }
        XCTAssertEqual(error?.field, "times")
    }

    func testTheSharedWallTimeFixtureHoldsThroughSwift() async throws {
        let cases = try wallTimeCases()
        XCTAssertGreaterThanOrEqual(cases.count, 7)
        for c in cases {
            let scratch = try Scratch()
            let zone = TimeZone(identifier: c["zone"] as! String)!
            let store = try ResetStore(databaseURL: scratch.database, key: keyA, timeZone: zone, clock: FixedClock(fixedNow))
            let kind: ActivityKind = [
                "meditation": .meditation, "checkin": .checkin, "journal": .journal,
                "programme": .programme, "assessment": .assessment,
            ][c["kind"] as! String]!
            try await store.addReminder(kind, at: [wall(c["at"] as! String)])
            let plan = try await store.reminderPlan(
                PlanOptions(
                    from: iso(c["from"] as! String), until: iso(c["until"] as! String), limit: nil, platform: .ios,
                    exactAlarmsAllowed: false
                ))
            let expected = (c["expected"] as! [[String: String]])
            XCTAssertEqual(plan.map(\.fireAt), expected.map { iso($0["fire_at"]!) }, c["name"] as! String)
            XCTAssertEqual(
                plan.map { localText($0.fireAt, TimeZone(secondsFromGMT: Int($0.utcOffsetSeconds))!) }, expected.map { $0["local"]! },
                c["name"] as! String)
        }
    }
}
