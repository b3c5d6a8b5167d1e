import Foundation
import XCTest

@testable import ResetFeatures

/// Issue 20 on iOS: the safety plan's screens as the views drive them.
@MainActor
final class SafetyPlanModelTests: XCTestCase {
    func testWritingAPlanSavesAVersionLeavingBlankLinesOut() async throws {
        let store = try openStore(try Scratch())
        let model = SafetyPlanModel(store: store)
        await model.load()
        XCTAssertNil(model.plan)
        XCTAssertEqual(model.prompts.count, 7)
        model.edit()
        XCTAssertEqual(model.draft.warningSigns, [""], "a line to start typing in")
        XCTAssertFalse(model.hasChanges, "empty lines are not a change")
        model.draft.warningSigns[0] = "Not sleeping"
        model.draft.supportContacts[0] = ContactDraft(name: "Sam", phone: "+44 7700 900123")
        XCTAssertTrue(model.hasChanges)
        await model.save()
        XCTAssertNil(model.error)
        XCTAssertTrue(model.exit.shouldClose)
        XCTAssertFalse(model.isEditing)
        XCTAssertEqual(model.plan?.version, 1)
        XCTAssertEqual(model.plan?.steps.warningSigns, ["Not sleeping"])
        XCTAssertEqual(model.plan?.steps.supportContacts, [SafetyContact(name: "Sam", phone: "+44 7700 900123", sms: nil, other: nil)])
        XCTAssertEqual(model.plan?.steps.professionals, [], "the blank contact row is left out")
        XCTAssertFalse(model.plan?.crisisLines.isEmpty ?? true, "the region's lines come with the plan")
    }

    func testRevisingKeepsEveryVersionInTheHistory() async throws {
        let store = try openStore(try Scratch())
        let model = SafetyPlanModel(store: store)
        await model.load()
        model.edit()
        model.draft.reasonsForLiving[0] = "My niece"
        await model.save()
        model.edit()
        XCTAssertEqual(model.draft.reasonsForLiving, ["My niece"], "the editor starts from the newest version")
        model.draft.reasonsForLiving.append("Seeing the sea again")
        await model.save()
        await model.loadHistory()
        XCTAssertEqual(model.history.map(\.version), [2, 1])
        XCTAssertEqual(model.history.last?.steps.reasonsForLiving, ["My niece"])
        XCTAssertTrue(model.history.first.map(SafetyPlanModel.versionText)?.hasPrefix("Version 2, saved ") ?? false)
        let saved = Date(timeIntervalSince1970: 1_806_224_400)
        XCTAssertEqual(
            SafetyPlanModel.savedText(saved), saved.formatted(date: .abbreviated, time: .shortened), "a typed save time reads as a date")
    }

    func testAnInvalidFieldIsNamedAndNothingIsSaved() async throws {
        let store = try openStore(try Scratch())
        let model = SafetyPlanModel(store: store)
        model.edit()
        model.draft.supportContacts[0] = ContactDraft(name: "Sam", phone: "call me")
        await model.save()
        XCTAssertEqual(model.error?.field, "support_contacts[0].phone")
        XCTAssertTrue(model.isEditing, "the editor stays open with what was typed")
        XCTAssertEqual(model.draft.supportContacts[0].phone, "call me")
        let history = try await store.safetyPlanHistory()
        XCTAssertTrue(history.isEmpty)
    }

    /// Review 2, S1: an unchanged editor swiped away (a Cancel) can be opened again.
    func testAnEditorClosedWithoutChangesOpensAgain() async throws {
        let model = SafetyPlanModel(store: try openStore(try Scratch()))
        model.edit()
        model.cancel()  // the sheet's binding set to false by the swipe
        XCTAssertFalse(model.isEditing)
        model.edit()
        XCTAssertTrue(model.isEditing, "Edit works again")
        XCTAssertFalse(model.exit.shouldClose, "a fresh editor is not closing")
    }

    func testCancellingWithChangesAsksFirst() async throws {
        let store = try openStore(try Scratch())
        let model = SafetyPlanModel(store: store)
        model.edit()
        model.cancel()
        XCTAssertTrue(model.exit.shouldClose, "nothing typed: closes at once")
        model.edit()
        model.draft.copingStrategies[0] = "Music"
        model.cancel()
        XCTAssertTrue(model.exit.isAskingToDiscard)
        XCTAssertTrue(model.isEditing)
        model.exit.isAskingToDiscard = false
        model.keepEditing()
        XCTAssertEqual(model.draft.copingStrategies, ["Music"])
        model.cancel()
        model.discard()
        XCTAssertTrue(model.exit.shouldClose)
        XCTAssertFalse(model.isEditing)
    }

    func testAContactIsOneTapToCallOrMessage() async {
        let sam = SafetyContact(name: "Sam", phone: "+44 (0)7700 900-123", sms: nil, other: nil)
        XCTAssertEqual(
            CrisisAction.actions(for: sam).map(\.url.absoluteString), ["tel:+4407700900123", "sms:+4407700900123"],
            "the dialler and Messages open with the number; nothing is sent by the app")
        XCTAssertEqual(CrisisAction.actions(for: sam).map(\.title), ["Call Sam", "Message Sam"])
        let textOnly = SafetyContact(name: "Jo", phone: nil, sms: "07700 900456", other: nil)
        XCTAssertEqual(CrisisAction.actions(for: textOnly).map(\.url.absoluteString), ["sms:07700900456"])
        let arabicIndic = SafetyContact(name: "Amal", phone: "+٤٤ ٧٧٠٠ ٩٠٠١٢٣", sms: nil, other: nil)
        XCTAssertEqual(CrisisAction.actions(for: arabicIndic).first?.url.absoluteString, "tel:+447700900123", "dialable ASCII digits")
        let noNumber = SafetyContact(name: "Neighbour", phone: nil, sms: nil, other: "Knock next door")
        XCTAssertTrue(CrisisAction.actions(for: noNumber).isEmpty)
    }

    func testTheCrisisSheetShowsThePlanAfterTheLines() async throws {
        let store = try openStore(try Scratch())
        let crisis = CrisisModel(store: store)
        await crisis.load()
        XCTAssertNil(crisis.safetyPlan)
        XCTAssertTrue(crisis.offersSafetyPlan, "no plan yet: the sheet offers to make one")
        try await store.saveSafetyPlan(
            SafetyPlanInput(
                warningSigns: [], copingStrategies: ["Music"], distractions: [], supportContacts: [], professionals: [],
                saferSurroundings: [], reasonsForLiving: []))
        await crisis.load()
        XCTAssertFalse(crisis.resources.isEmpty)
        XCTAssertEqual(crisis.safetyPlan?.steps.copingStrategies, ["Music"])
        let noProfile = CrisisModel(store: nil, timeZone: { london })
        XCTAssertFalse(noProfile.offersSafetyPlan, "without a profile there is no plan to show")
    }
}
