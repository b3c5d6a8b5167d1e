import Foundation
import XCTest

@testable import ResetKit

/// Issue 20 through the real generated bindings and library: the safety plan's round trip and
/// versions, the lock settings and the core's lock decision; issue 19 F5: crisis lines without
/// a profile.
final class SafetyPlanTests: XCTestCase {
    private let plan = SafetyPlanInput(
        warningSigns: ["Not sleeping", "Staying in my room"], copingStrategies: ["Walk round the block"],
        distractions: ["The library"],
        supportContacts: [SafetyContact(name: "Sam", phone: "+44 7700 900123", sms: nil, other: nil)],
        professionals: [SafetyContact(name: "Dr Patel, GP", phone: "020 7946 0000", sms: nil, other: "Surgery reception")],
        saferSurroundings: ["Give the spare key to Sam"], reasonsForLiving: ["My niece"])

    func testAPlanRoundTripsWithTheRegionsCrisisLinesAttached() async throws {
        let store = try openStore(try Scratch())
        let none = try await store.safetyPlan()
        XCTAssertNil(none, "no plan until the first save")
        let saved = try await store.saveSafetyPlan(plan)
        XCTAssertEqual(saved.version, 1)
        XCTAssertEqual(saved.steps, plan)
        XCTAssertEqual(saved.crisisRegion, "GB", "London's zone")
        XCTAssertTrue(saved.crisisLines.contains { $0.phone == "116 123" }, "the lines are listed with step 5")
        let read = try await store.safetyPlan()
        XCTAssertEqual(read, saved)
    }

    func testEverySaveIsAVersionAndTheHistoryIsNewestFirst() async throws {
        let store = try openStore(try Scratch())
        try await store.saveSafetyPlan(plan)
        let revised = SafetyPlanInput(
            warningSigns: plan.warningSigns + ["Skipping meals"], copingStrategies: plan.copingStrategies,
            distractions: plan.distractions, supportContacts: plan.supportContacts, professionals: plan.professionals,
            saferSurroundings: plan.saferSurroundings, reasonsForLiving: plan.reasonsForLiving)
        try await store.saveSafetyPlan(revised)
        let history = try await store.safetyPlanHistory()
        XCTAssertEqual(history.map(\.version), [2, 1])
        XCTAssertEqual(history.map(\.steps), [revised, plan], "the first version is kept as it was")
        let current = try await store.safetyPlan()
        XCTAssertEqual(current?.version, 2)
    }

    func testAnInvalidPlanStoresNothingAndTheErrorNamesTheFieldNotTheText() async throws {
        let store = try openStore(try Scratch())
        let canary = "CANARY-7f3a"
        let bad = SafetyPlanInput(
            warningSigns: [canary], copingStrategies: [], distractions: [],
            supportContacts: [SafetyContact(name: "Sam", phone: "call \(canary)", sms: nil, other: nil)], professionals: [],
            saferSurroundings: [], reasonsForLiving: [])
        let error = await assertThrowsReset(.invalidInput) { try await store.saveSafetyPlan(bad) }
        XCTAssertEqual(error?.field, "support_contacts[0].phone")
        XCTAssertFalse("\(String(describing: error))".contains(canary), "no plan text in the error")
        await assertThrowsReset(.invalidInput) { try await store.saveSafetyPlan(.empty) }
        let history = try await store.safetyPlanHistory()
        XCTAssertTrue(history.isEmpty)
    }

    func testThePromptsAreTheSevenStepsInOrder() {
        let prompts = safetyPlanPrompts()
        XCTAssertEqual(prompts.map(\.step), [1, 2, 3, 4, 5, 6, 7])
        XCTAssertEqual(prompts.first?.field, "warning_signs")
        XCTAssertEqual(prompts.last?.field, "reasons_for_living")
    }

    func testLockSettingsAreOffByDefaultAndRoundTrip() async throws {
        let store = try openStore(try Scratch())
        let defaults = try await store.appLockSettings()
        XCTAssertEqual(defaults, LockSettings(policy: .off, safetyPlanVisibleWhenLocked: false))
        try await store.setAppLockSettings(LockSettings(policy: .afterFiveMinutes, safetyPlanVisibleWhenLocked: true))
        let stored = try await store.appLockSettings()
        XCTAssertEqual(stored, LockSettings(policy: .afterFiveMinutes, safetyPlanVisibleWhenLocked: true))
    }

    func testTheCoresLockDecisionFailsClosed() {
        let start = Date(timeIntervalSince1970: 1_806_224_400)
        let active = ClockReading(date: start, uptime: 1_000)
        XCTAssertFalse(appMustLock(.off, lastActive: nil, now: active), "off never locks")
        XCTAssertTrue(appMustLock(.afterOneMinute, lastActive: nil, now: active), "unknown last activity (a new process) locks")
        XCTAssertFalse(appMustLock(.afterOneMinute, lastActive: active, now: ClockReading(date: start + 59, uptime: 1_059)))
        XCTAssertTrue(appMustLock(.afterOneMinute, lastActive: active, now: ClockReading(date: start + 60, uptime: 1_060)))
        XCTAssertTrue(
            appMustLock(.afterFiveMinutes, lastActive: active, now: ClockReading(date: start - 3_600, uptime: 1_400)),
            "a wall clock set back cannot delay the lock: uptime counts")
        XCTAssertTrue(
            appMustLock(.afterFifteenMinutes, lastActive: active, now: ClockReading(date: start + 5, uptime: 3)), "a reboot locks")
        XCTAssertTrue(appMustLock(.immediately, lastActive: active, now: active))
        XCTAssertEqual(
            ClockReading(date: Date(timeIntervalSince1970: 1.5), uptime: 2.25),
            ClockReading(wall: Date(timeIntervalSince1970: 1.5), uptime: 2.25))
    }

    func testCrisisLinesWithoutAProfileFollowTheZoneAndNameBadInput() async throws {
        let us = try await CrisisLines.withoutProfile(timeZone: TimeZone(identifier: "America/Chicago")!)
        XCTAssertEqual(us.first?.phone, "988")
        let ie = try await CrisisLines.withoutProfile(region: "IE", timeZone: london)
        XCTAssertEqual(ie.first?.name, "Samaritans")
        let store = try openStore(try Scratch())
        let fromStore = try await store.crisisResources()
        let withoutStore = try await CrisisLines.withoutProfile(timeZone: london)
        XCTAssertEqual(fromStore, withoutStore, "the same data as an open profile without a region preference")
        let error = await assertThrowsReset(.invalidInput) { try await CrisisLines.withoutProfile(region: "ZZ", timeZone: london) }
        XCTAssertEqual(error?.field, "region")
    }
}
