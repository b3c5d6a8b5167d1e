import Foundation
import XCTest

@testable import ResetKit

/// A scratch folder removed after each test.
final class Scratch {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("resetkit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    var database: URL { url.appendingPathComponent("profile.db") }
}

let keyA = Data(repeating: 0xA1, count: 32)
let keyB = Data(repeating: 0xB2, count: 32)
let london = TimeZone(identifier: "Europe/London")!

/// 2027-03-28T09:00:00Z, the Sunday British Summer Time starts.
let fixedNow = Date(timeIntervalSince1970: 1_806_224_400)

/// Opens a store with a fixed clock in London.
/// A local day written as text, for test readability (the app never parses dates for the core).
func day(_ text: String) -> DateComponents {
    let p = text.split(separator: "-").map { Int($0)! }
    return DateComponents(year: p[0], month: p[1], day: p[2])
}

/// An instant in a fixed offset or zone, RFC 3339 with offset, as the CLI's JSON writes it.
func localText(_ date: Date, _ zone: TimeZone) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = zone
    f.dateFormat = "yyyy-MM-dd'T'HH:mm:ssxxx"
    return f.string(from: date)
}

func openStore(_ scratch: Scratch, key: Data = keyA, clock: Clock = FixedClock(fixedNow)) throws -> ResetStore {
    try ResetStore(databaseURL: scratch.database, key: key, timeZone: london, clock: clock)
}

/// Asserts `body` throws a `ResetError` of `kind`, returning it.
@discardableResult
func assertThrowsReset<T>(_ kind: ErrorKind, _ body: () async throws -> T, file: StaticString = #filePath, line: UInt = #line) async
    -> ResetError?
{
    do {
        _ = try await body()
        XCTFail("expected ResetError.\(kind), nothing was thrown", file: file, line: line)
    } catch let error as ResetError {
        XCTAssertEqual(error.kind, kind, "got \(error)", file: file, line: line)
        return error
    } catch {
        XCTFail("expected ResetError.\(kind), got \(error)", file: file, line: line)
    }
    return nil
}

/// A wall-clock time written as text, for test readability (`"08:30"` → hour 8, minute 30).
func wall(_ text: String) -> DateComponents {
    let p = text.split(separator: ":").map { Int($0)! }
    return DateComponents(hour: p[0], minute: p[1])
}
