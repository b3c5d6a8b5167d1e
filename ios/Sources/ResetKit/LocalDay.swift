import Foundation

// Local days cross the FFI as `DateComponents` (docs/adr/0008-typed-time-across-the-ffi.md).
// These helpers are for the app's own use (file names, building a day from parts); nothing
// here produces text for the core.

extension DateComponents {
    /// A local calendar day.
    public static func day(_ year: Int, _ month: Int, _ day: Int) -> DateComponents {
        DateComponents(year: year, month: month, day: day)
    }

    /// `2027-03-08`, for text the person sees (file names such as `reset-report-2027-03-08.pdf`,
    /// summaries); never for the core, which takes the components themselves.
    public var isoDay: String {
        String(format: "%04d-%02d-%02d", year ?? 0, month ?? 0, day ?? 0)
    }

    /// A local wall-clock time (reminder times, quiet hours), to the minute.
    public static func wallTime(_ hour: Int, _ minute: Int) -> DateComponents {
        DateComponents(hour: hour, minute: minute)
    }

    /// `08:30`, for text the person sees (a reminder's summary); never for the core.
    public var wallText: String {
        String(format: "%02d:%02d", hour ?? 0, minute ?? 0)
    }
}
