// The conversions bindings/uniffi.toml names for the core's `LocalDay` and `WallTime` custom
// types (docs/adr/0008-typed-time-across-the-ffi.md). Hand-written, next to the generated
// bindings in the same module: the ISO text crosses the FFI, and Swift code only ever sees
// `DateComponents` (year-month-day for a local day, hour-minute for a wall time).
import Foundation

/// A value that is not a day or a wall time the core could have written.
public struct CoreCalendarTextError: Error, Sendable {
    public let text: String
}

enum CoreCalendarText {
    /// `2027-03-28` → `DateComponents(year: 2027, month: 3, day: 28)`.
    static func day(_ text: String) throws -> DateComponents {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2] else {
            throw CoreCalendarTextError(text: text)
        }
        return DateComponents(year: y, month: m, day: d)
    }

    /// `DateComponents(year: 2027, month: 3, day: 8)` → `2027-03-08`; missing parts become
    /// zero, which the core refuses as `InvalidInput`. The core's days are Gregorian: components
    /// that carry another calendar (a Buddhist or Japanese device's `Calendar.current`) are
    /// converted to the same day in the Gregorian calendar first, never read as if Gregorian.
    static func dayText(_ value: DateComponents) -> String {
        var value = value
        if let calendar = value.calendar, calendar.identifier != .gregorian,
            let date = calendar.date(from: value)
        {
            var gregorian = Calendar(identifier: .gregorian)
            gregorian.timeZone = calendar.timeZone
            value = gregorian.dateComponents([.year, .month, .day], from: date)
        }
        return pad(value.year ?? 0, 4) + "-" + pad(value.month ?? 0, 2) + "-" + pad(value.day ?? 0, 2)
    }

    /// `08:30` → `DateComponents(hour: 8, minute: 30)`.
    static func time(_ text: String) throws -> DateComponents {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 2, let h = parts[0], let m = parts[1] else {
            throw CoreCalendarTextError(text: text)
        }
        return DateComponents(hour: h, minute: m)
    }

    /// `DateComponents(hour: 8, minute: 30)` → `08:30`; seconds are not part of a wall time.
    static func timeText(_ value: DateComponents) -> String {
        pad(value.hour ?? -1, 2) + ":" + pad(value.minute ?? -1, 2)
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(abs(n))
        return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
