import Foundation
import XCTest

@testable import ResetKit

/// What a screen's worth of records costs to cross from Rust into Swift (issue 10): a month of
/// check-ins — three a day with labels, areas, a note and tags — read the way the check-in list
/// screen reads it, against the core's own time for the same query measured inside Rust.
final class FfiCostTests: XCTestCase {
    func testAMonthOfCheckInsCrossesTheBoundaryCheaply() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        let february = Date(timeIntervalSince1970: 1_801_353_600)  // 2027-01-31T00:00:00Z
        for day in 1...28 {
            for hour in [8, 13, 21] {
                let at = february.addingTimeInterval(TimeInterval(day * 86_400 + hour * 3_600))
                try await store.checkIn(
                    mood: Int32(1 + (day + hour) % 7), labels: [.calm, .grateful], areas: [.work],
                    note: "Walked to work, slept about seven hours, felt steadier afterwards.",
                    tags: ["sleep", "walk"], at: at)
            }
        }
        let month = try await store.checkIns(from: day("2027-02-01"), to: day("2027-02-28"))
        XCTAssertEqual(month.count, 84)

        let iterations = 300
        for _ in 0..<20 { _ = try await store.checkIns(from: day("2027-02-01"), to: day("2027-02-28")) }
        var samples: [UInt64] = []
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            let records = try await store.checkIns(from: day("2027-02-01"), to: day("2027-02-28"))
            samples.append(DispatchTime.now().uptimeNanoseconds - start)
            XCTAssertEqual(records.count, 84)
        }
        samples.sort()
        let swiftMedian = Double(samples[samples.count / 2])
        let rustMedian = Double(
            try await store.companion.debugTimeCheckIns(
                from: day("2027-02-01"), to: day("2027-02-28"), iterations: UInt32(iterations)))
        let boundary = max(0, swiftMedian - rustMedian)
        print(
            String(
                format: "BENCH swift screen_checkins_month: %.1f µs/call (84 records), core %.1f µs, boundary %.1f µs = %.2f µs/record",
                swiftMedian / 1_000, rustMedian / 1_000, boundary / 1_000, boundary / 84_000))
        // Guards against a regression only (debug build, shared machine): the whole screen read,
        // boundary included, must stay well inside one 16 ms frame.
        XCTAssertLessThan(swiftMedian, 8_000_000)
    }
}
