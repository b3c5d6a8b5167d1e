import Foundation
import XCTest

@testable import ResetKit

/// HealthKit in memory: capabilities, per-kind permission, and what was saved.
final class FakeHealth: HealthStoring, @unchecked Sendable {
    var capabilities = HealthCapabilities(healthDataAvailable: true, hasIOS18Types: true)
    var granted: [HealthDataKind: HealthAuthorization] = [:]
    var requested: [Set<HealthDataKind>] = []
    var saved: [HealthSample] = []
    /// What the person taps on the permission sheet.
    var grantOnRequest = true

    func authorization(for kind: HealthDataKind) -> HealthAuthorization { granted[kind] ?? .notDetermined }
    func requestAuthorization(for kinds: Set<HealthDataKind>) async throws {
        requested.append(kinds)
        for kind in kinds { granted[kind] = grantOnRequest ? .authorized : .denied }
    }
    func save(_ samples: [HealthSample]) async throws { saved += samples }
}

final class HealthSyncTests: XCTestCase {
    func testNothingIsWrittenUntilThePersonOptsIn() async throws {
        let store = try openStore(try Scratch())
        let health = FakeHealth()
        health.granted = [.mindfulMinutes: .authorized]
        let writer = HealthWriter(store: store, health: health)
        let isOn = try await writer.isEnabled()
        XCTAssertFalse(isOn, "off by default")
        let session = try await store.logPractice(.meditation, minutes: 10)
        let decision = try await writer.record(HealthSample(session))
        XCTAssertEqual(decision, .skip(.notOptedIn))
        XCTAssertTrue(health.saved.isEmpty)
    }

    func testOptingInAsksForTheSupportedTypesAndThenWritesMindfulMinutes() async throws {
        let store = try openStore(try Scratch())
        let health = FakeHealth()
        health.capabilities = HealthCapabilities(healthDataAvailable: true, hasIOS18Types: false)  // iOS 17
        let writer = HealthWriter(store: store, health: health)
        try await writer.setEnabled(true)
        XCTAssertEqual(health.requested, [[.mindfulMinutes]], "no State of Mind or assessments before iOS 18")
        let session = try await store.logPractice(.breathing, minutes: 5, startedAt: fixedNow.addingTimeInterval(-300))
        let decision = try await writer.record(HealthSample(session))
        guard case let .write(.mindfulSession(start, end, externalID, zone)) = decision else { return XCTFail("\(decision)") }
        XCTAssertEqual(start, fixedNow.addingTimeInterval(-300))
        XCTAssertEqual(end, fixedNow)
        XCTAssertEqual(externalID, session.externalId)
        XCTAssertEqual(zone, "Europe/London")
        XCTAssertEqual(health.saved.count, 1)
        // A check-in cannot go to Health on iOS 17.
        let checkIn = try await store.checkIn(mood: 6)
        let mood = try await writer.record(try XCTUnwrap(HealthSample(checkIn)))
        XCTAssertEqual(mood, .skip(.unsupported))
    }

    func testADeniedTypeIsSkippedAndTurningOffStopsWrites() async throws {
        let store = try openStore(try Scratch())
        let health = FakeHealth()
        health.grantOnRequest = false
        let writer = HealthWriter(store: store, health: health)
        try await writer.setEnabled(true)
        let checkIn = try await store.checkIn(mood: 2, labels: [.anxious])
        let denied = try await writer.record(try XCTUnwrap(HealthSample(checkIn)))
        XCTAssertEqual(denied, .skip(.notAuthorized(.denied)))
        health.granted[.stateOfMind] = .authorized
        try await writer.setEnabled(false)
        let off = try await writer.record(try XCTUnwrap(HealthSample(checkIn)))
        XCTAssertEqual(off, .skip(.notOptedIn))
        XCTAssertTrue(health.saved.isEmpty)
    }

    func testACheckInMapsToStateOfMindWithoutItsNoteOrTags() async throws {
        let store = try openStore(try Scratch())
        let checkIn = try await store.checkIn(
            mood: 7, labels: [.calm, .grateful], areas: [.family, .selfCare], note: "private", tags: ["x"], kind: .dailyMood)
        guard case let .stateOfMind(date, daily, valence, labels, associations, syncID, zone)? = HealthSample(checkIn) else {
            return XCTFail("expected State of Mind")
        }
        XCTAssertEqual(date, fixedNow)
        XCTAssertTrue(daily)
        XCTAssertEqual(valence, 1)
        // Raw values from docs/healthkit-mood.md: calm 7, grateful 15; family 5, selfCare 13.
        XCTAssertEqual(labels, [7, 15])
        XCTAssertEqual(associations, [5, 13])
        XCTAssertEqual(syncID, "reset-checkin-\(checkIn.id)")
        XCTAssertEqual(zone, "Europe/London")
        XCTAssertFalse("\(HealthSample(checkIn)!)".contains("private"))
    }

    func testAssessmentsMapByCaseAndOnlyGad7AndPhq9GoToHealth() async throws {
        let store = try openStore(try Scratch())
        let phq = try await store.take("phq9", answers: [0, 1, 2, 3, 0, 0, 0, 0, .declined])
        guard case let .assessment(instrument, date, answers, syncID, _)? = HealthSample(phq.record) else {
            return XCTFail("expected an assessment")
        }
        XCTAssertEqual(instrument, "phq9")
        XCTAssertEqual(date, fixedNow)
        XCTAssertEqual(
            answers,
            [
                .notAtAll, .severalDays, .moreThanHalfTheDays, .nearlyEveryDay,
                .notAtAll, .notAtAll, .notAtAll, .notAtAll, .preferNotToAnswer,
            ])
        XCTAssertEqual(syncID, "reset-assessment-\(phq.record.id)")
        let gad = try await store.take("gad7", answers: [3, 3, 3, 3, 3, 3, 3])
        XCTAssertNotNil(HealthSample(gad.record))
        let wsasItems = try await store.instruments().first { $0.id == "wsas" }?.items.count ?? 5
        let wsas = try await store.take("wsas", answers: Array(repeating: 1, count: wsasItems))
        XCTAssertNil(HealthSample(wsas.record), "no HealthKit type for WSAS")
    }

    func testWithoutHealthDataNothingIsSupported() {
        let none = HealthCapabilities(healthDataAvailable: false, hasIOS18Types: true)
        XCTAssertTrue(HealthDataKind.allCases.allSatisfy { !none.supports($0) })
        let sample = HealthSample.mindfulSession(start: fixedNow, end: fixedNow, externalID: "x", timeZone: "UTC")
        XCTAssertEqual(
            HealthWriteDecision.decide(sample, optedIn: true, capabilities: none, authorization: .authorized), .skip(.unsupported))
    }
}
