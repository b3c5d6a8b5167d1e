import Foundation
import XCTest

@testable import ResetFeatures

/// A scratch folder removed after each test.
final class Scratch {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("resetfeatures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    var database: URL { url.appendingPathComponent("profile.db") }
}

let london = TimeZone(identifier: "Europe/London")!

/// 2027-03-28T09:00:00Z (10:00 BST), the Sunday British Summer Time starts.
let fixedNow = Date(timeIntervalSince1970: 1_806_224_400)

/// Opens a real encrypted store in `scratch`, in London, with a fixed clock.
func openStore(_ scratch: Scratch, clock: Clock = FixedClock(fixedNow)) throws -> ResetStore {
    try ResetStore(databaseURL: scratch.database, key: Data(repeating: 0xC3, count: 32), timeZone: london, clock: clock)
}

/// Counts activity notifications (the app's observer resyncs reminders).
@MainActor
final class ActivityRecorder: ActivityObserver {
    var count = 0
    func activityRecorded() async { count += 1 }
}

/// A wall-clock time written as text, for test readability (`"08:30"` → hour 8, minute 30).
func wall(_ text: String) -> DateComponents {
    let p = text.split(separator: ":").map { Int($0)! }
    return DateComponents(hour: p[0], minute: p[1])
}
