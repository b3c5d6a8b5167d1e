import Foundation
import XCTest

@testable import ResetFeatures

@MainActor
final class AppRouteTests: XCTestCase {
    func testEveryDeepLinkTheCorePlansOpensTheRightTab() async throws {
        let store = try openStore(try Scratch())
        let expected: [ActivityKind: AppRoute] = [
            .meditation: .practice, .checkin: .today, .journal: .journal, .programme: .practice, .assessment: .assessments,
        ]
        for (index, kind) in [ActivityKind.meditation, .checkin, .journal, .programme, .assessment].enumerated() {
            try await store.addReminder(kind, at: [DateComponents(hour: 8 + index, minute: 0)])
        }
        let plan = try await store.reminderPlan()
        XCTAssertEqual(Set(plan.map(\.kind)).count, 5)
        for notification in plan {
            let url = try XCTUnwrap(URL(string: notification.deepLink), notification.deepLink)
            XCTAssertEqual(AppRoute(deepLink: url), expected[notification.kind], notification.deepLink)
        }
    }

    func testForeignOrUnknownLinksOpenToday() async throws {
        XCTAssertEqual(AppRoute(deepLink: URL(string: "https://journal.example")!), .today)
        XCTAssertEqual(AppRoute(deepLink: URL(string: "resetcompanion://nowhere")!), .today)
        XCTAssertEqual(AppRoute(deepLink: URL(string: "resetcompanion://settings")!), .settings)
    }
}
