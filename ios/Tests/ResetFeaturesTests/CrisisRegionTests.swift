import Foundation
import XCTest

@testable import ResetFeatures

/// New-user review F30 on iOS: outside every region the core covers, the crisis screens list
/// the default region's lines but say plainly that they are another country's, before them.
@MainActor
final class CrisisRegionTests: XCTestCase {
    /// PHQ-9 with item 9 answered "more than half the days": a signpost.
    private let item9: [Answer] = [0, 0, 0, 0, 0, 0, 0, 0, 2]

    private func store(in zone: String, _ scratch: Scratch) throws -> ResetStore {
        try ResetStore(
            databaseURL: scratch.database, key: Data(repeating: 0xC3, count: 32), timeZone: TimeZone(identifier: zone)!,
            clock: FixedClock(fixedNow))
    }

    func testOutsideEveryCoveredRegionTheLinesAreNamedAsAnotherCountrys() async throws {
        let scratch = try Scratch()
        let store = try store(in: "Australia/Sydney", scratch)
        let crisis = CrisisModel(store: store)
        await crisis.load()
        XCTAssertEqual(crisis.region?.regionIsFallback, true)
        XCTAssertFalse(crisis.resources.isEmpty, "the lines are still listed")
        let notice = try XCTUnwrap(crisis.fallbackNotice)
        XCTAssertTrue(notice.hasPrefix("We don't have crisis lines for where you are."), notice)
        XCTAssertTrue(notice.contains("call your local emergency number now"), notice)
        XCTAssertTrue(notice.contains("for United Kingdom, not your country"), notice)
        XCTAssertTrue(notice.contains("Settings"), "the region can be chosen: \(notice)")
        XCTAssertEqual(crisis.regionCaption, "Lines for United Kingdom (not your region)")

        // A region the person chose is theirs: no notice.
        let settings = SettingsModel(store: store, keyProvider: InMemoryKeyProvider())
        await settings.setRegion("GB")
        await crisis.load()
        XCTAssertNil(crisis.fallbackNotice)
        XCTAssertEqual(crisis.regionCaption, "Lines for United Kingdom")
    }

    /// New-user review 3, F6: the safety plan lists crisis lines beside the plan; outside every
    /// covered region it says they are another country's, and it always names the region.
    func testTheSafetyPlanScreenNamesItsLinesRegionAndWarnsOutsideEveryCoveredRegion() async throws {
        let scratch = try Scratch()
        let store = try store(in: "Asia/Kolkata", scratch)
        let model = SafetyPlanModel(store: store)
        model.edit()
        model.draft.warningSigns[0] = "Not sleeping"
        await model.save()
        await model.load()
        XCTAssertFalse(model.plan?.crisisLines.isEmpty ?? true)
        let notice = try XCTUnwrap(model.fallbackNotice)
        XCTAssertTrue(notice.contains("call your local emergency number now"), notice)
        XCTAssertTrue(notice.contains("for United Kingdom, not your country"), notice)
        XCTAssertEqual(model.regionCaption, "Lines for United Kingdom (not your region)")

        let dublin = SafetyPlanModel(store: try self.store(in: "Europe/Dublin", try Scratch()))
        await dublin.load()
        XCTAssertNil(dublin.fallbackNotice)
        XCTAssertEqual(dublin.regionCaption, "Lines for Ireland")
    }

    func testWithoutAProfileTheNoticeShowsButPointsToNoSettings() async throws {
        let tokyo = CrisisModel(store: nil, timeZone: { TimeZone(identifier: "Asia/Tokyo")! })
        await tokyo.load()
        let notice = try XCTUnwrap(tokyo.fallbackNotice)
        XCTAssertTrue(notice.contains("local emergency number"), notice)
        XCTAssertFalse(notice.contains("Settings"), "no profile, no Settings to open: \(notice)")
        let dublin = CrisisModel(store: nil, timeZone: { TimeZone(identifier: "Europe/Dublin")! })
        await dublin.load()
        XCTAssertNil(dublin.fallbackNotice)
        XCTAssertEqual(dublin.regionCaption, "Lines for Ireland")
    }

    func testASignpostOutsideEveryCoveredRegionSaysSoAndNeverPromisesHelpNow() async throws {
        let scratch = try Scratch()
        let model = AssessmentModel(store: try store(in: "Australia/Sydney", scratch))
        await model.loadInstruments()
        model.begin("phq9")
        for answer in item9 { model.answer(answer) }
        await model.submit()
        guard case let .signpost(signpost) = model.phase else { return XCTFail("expected the signpost, got \(model.phase)") }
        XCTAssertTrue(signpost.regionIsFallback)
        let notice = try XCTUnwrap(CrisisRegionText.fallbackNotice(for: signpost))
        XCTAssertTrue(notice.contains("We don't have crisis lines for where you are"), notice)
        XCTAssertFalse(CrisisRegionText.signpostIntro(for: signpost).contains("can help now"))

        let london = AssessmentModel(store: try openStore(try Scratch()))
        await london.loadInstruments()
        london.begin("phq9")
        for answer in item9 { london.answer(answer) }
        await london.submit()
        guard case let .signpost(home) = london.phase else { return XCTFail("expected the signpost, got \(london.phase)") }
        XCTAssertNil(CrisisRegionText.fallbackNotice(for: home))
        XCTAssertTrue(CrisisRegionText.signpostIntro(for: home).contains("can help now"))
    }
}
