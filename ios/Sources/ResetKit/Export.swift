import Foundation

// The therapist export (issue 8) in Swift's idiom: a value describing what to include, a
// preview, and one call per format writing to a URL with an optional progress closure. The
// core reads, renders and writes; nothing here decides what is included.

/// What a therapist export includes.
public struct TherapistExport: Equatable, Sendable {
    /// First local day included; `nil` = from the first record.
    public var from: DateComponents?
    /// Last local day included; `nil` = today.
    public var to: DateComponents?
    /// Sections to include; `nil` = every section (the journal holds only the entries the
    /// person marked shared).
    public var include: [ExportSection]?
    /// A name for the PDF cover only; CSV and FHIR never carry it.
    public var name: String?
    /// Paper size of the PDF.
    public var pageSize: PageSize
    /// Font files for the scripts the report's Latin font lacks (`ReportFonts.platform()`:
    /// the system's, found with CoreText); `nil` = none, such text shows as boxes.
    public var fonts: [ReportFont]?

    public init(
        from: DateComponents? = nil, to: DateComponents? = nil, include: [ExportSection]? = nil, name: String? = nil,
        pageSize: PageSize = .a4, fonts: [ReportFont]? = nil
    ) {
        self.from = from
        self.to = to
        self.include = include
        self.name = name
        self.pageSize = pageSize
        self.fonts = fonts
    }

    /// Every section, journal (shared entries) included.
    public static let everySection: [ExportSection] = [.assessments, .checkIns, .practice, .programmes, .journal]

    var options: ExportOptions {
        ExportOptions(from: from, to: to, include: include, name: name, pageSize: pageSize, fonts: fonts)
    }
}

extension ResetStore {
    /// Counts what `export` would include — and the private journal entries left out —
    /// writing nothing. Show it on the export screen before the person confirms.
    ///
    /// - Throws: `ResetError.InvalidInput` naming `from`, `to`, `include` or `name`.
    public func exportPreview(_ export: TherapistExport = TherapistExport()) throws -> ExportPreview {
        try companion.exportPreview(options: export.options)
    }

    /// Writes the export in `format` to `url`: a PDF or FHIR JSON file, or CSV files in a
    /// folder (a zip when the path ends in `.zip`). The file appears complete or not at all.
    /// It is not encrypted: hand it to the share sheet, never to a shared folder silently.
    ///
    /// - Parameter progress: the fraction done, 0…1, on the core's thread.
    /// - Throws: `ResetError.InvalidInput` (`out` when the folder does not exist), `ResetError.Storage`.
    @discardableResult
    public func exportForTherapist(
        _ format: ExportFormat,
        to url: URL,
        _ export: TherapistExport = TherapistExport(),
        progress: (@Sendable (Double) -> Void)? = nil
    ) throws -> ExportSummary {
        try url.withSecurityScope {
            try companion.exportForTherapist(
                format: format, options: export.options, path: url.path, listener: progress.map(FractionListener.init)
            )
        }
    }
}
