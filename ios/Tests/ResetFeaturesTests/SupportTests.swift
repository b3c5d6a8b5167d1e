import Foundation
import XCTest

@testable import ResetFeatures

@MainActor
final class SupportTests: XCTestCase {
    func testEveryErrorKindHasCopyAndOnlyInvalidInputNamesAField() async {
        let errors: [ResetError] = [
            .InvalidInput(field: "mood", reason: "use 1–7"), .NotFound(reason: "no such entry"),
            .Conflict(reason: "another programme is in progress"), .WrongKey(reason: "x"), .Corrupt(reason: "x"),
            .UnsupportedVersion(reason: "x"), .Storage(reason: "x"), .Internal(reason: "panic at src/lib.rs:1"),
        ]
        let messages = errors.map(UserMessage.init)
        XCTAssertEqual(messages.map(\.field), ["mood", nil, nil, nil, nil, nil, nil, nil])
        XCTAssertEqual(messages[0].detail, "use 1–7", "the core's reason is shown for invalid input")
        XCTAssertTrue(messages.allSatisfy { !$0.title.isEmpty && !$0.detail.isEmpty })
        XCTAssertFalse(messages[7].detail.contains("src/"), "internal details are never shown")
        XCTAssertEqual(Set(messages.map(\.title)).count, 8, "each situation reads differently")
        struct Other: Error {}
        XCTAssertEqual(UserMessage(Other()).title, "Something went wrong")
    }

    func testFailureOfReturnsCopyOnlyOnError() async {
        let ok = await failure {}
        XCTAssertNil(ok)
        let bad = await failure { throw ResetError.NotFound(reason: "gone") }
        XCTAssertEqual(bad?.detail, "gone")
    }

    func testDisplayNamesReadAsWords() async {
        XCTAssertEqual(displayName(PracticeTechnique.bodyScan), "Body scan")
        XCTAssertEqual(displayName(JournalKind.thought), "Thought")
        XCTAssertEqual(displayName(ActivityKind.checkin), "Check-in")
        XCTAssertEqual(displayName("self_care"), "Self care")
    }
}

/// F15: the app is universal (iPhone and iPad), so no copy may say "this iPhone".
@MainActor
final class DeviceCopyTests: XCTestCase {
    func testNoMessageNamesAniPhone() async {
        let copy =
            FirstRun.points.map(\.text) + [ProfileGate.unlockMessage.detail]
            + [ResetError.WrongKey(reason: ""), ResetError.Corrupt(reason: "")].map { ProfileGate.message($0).detail }
        XCTAssertFalse(copy.isEmpty)
        for text in copy { XCTAssertFalse(text.contains("iPhone"), text) }
        XCTAssertTrue(ProfileGate.message(ResetError.WrongKey(reason: "")).detail.contains("This device's key"))
    }
}
