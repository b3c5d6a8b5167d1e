import Foundation
import XCTest

@testable import ResetFeatures

/// Issue 20 on the iOS export screen: the safety plan goes into a therapist export only when the
/// person turns it on (as the CLI's `--include safety-plan` and the Android export screen).
@MainActor
final class ExportSafetyPlanTests: XCTestCase {
    private let canary = "heron-plan-canary-5120"

    func testThePlanIsOffByDefaultAndIncludedOnlyWhenThePersonTurnsItOn() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        try await store.checkIn(mood: 4)
        try await store.saveSafetyPlan(
            SafetyPlanInput(
                warningSigns: ["Not sleeping \(canary)"], copingStrategies: [], distractions: [],
                supportContacts: [SafetyContact(name: "Sam", phone: "07700 900123", sms: nil, other: nil)], professionals: [],
                saferSurroundings: [], reasonsForLiving: []))
        let model = ExportModel(store: store, folder: scratch.url.appendingPathComponent("exports"))
        model.format = .fhir
        XCTAssertFalse(model.includesSafetyPlan, "off until the person chooses")
        await model.refreshPreview()
        XCTAssertNil(model.preview?.safetyPlanVersion)
        XCTAssertEqual(model.safetyPlanLine, "Not included")
        await model.write()
        XCTAssertFalse(try String(contentsOf: XCTUnwrap(model.shareURL), encoding: .utf8).contains(canary))

        model.includesSafetyPlan = true
        XCTAssertTrue(model.includesJournal, "turning the plan on keeps the other sections")
        XCTAssertEqual(model.export.include.map(Set.init), Set(TherapistExport.everySection + [.safetyPlan]))
        await model.refreshPreview()
        XCTAssertEqual(model.preview?.safetyPlanVersion, 1)
        XCTAssertEqual(model.safetyPlanLine, "Version 1")
        XCTAssertEqual(model.preview?.checkIns, 1)
        await model.write()
        XCTAssertTrue(try String(contentsOf: XCTUnwrap(model.shareURL), encoding: .utf8).contains(canary))

        model.includesJournal = false
        XCTAssertTrue(model.includesSafetyPlan, "turning the journal off keeps the plan choice")
        model.includesSafetyPlan = false
        await model.refreshPreview()
        XCTAssertNil(model.preview?.safetyPlanVersion)
        XCTAssertEqual(model.preview?.sharedJournalEntries, 0)
        model.cleanUp()
    }

    func testIncludedWithNoPlanSavedSaysSo() async throws {
        let scratch = try Scratch()
        let model = ExportModel(store: try openStore(scratch), folder: scratch.url.appendingPathComponent("exports"))
        model.includesSafetyPlan = true
        await model.refreshPreview()
        XCTAssertNil(model.error)
        XCTAssertEqual(model.safetyPlanLine, "None saved yet")
    }
}
