import Foundation
import Observation

/// The therapist export: choose range and sections, see the counts, write a file for the share
/// sheet, and remove it afterwards (exports are not encrypted, so they must not linger).
@MainActor
@Observable
public final class ExportModel {
    public var export = TherapistExport()
    public var format: ExportFormat = .pdf
    /// Counts for the current choices, written nowhere.
    public private(set) var preview: ExportPreview?
    /// The written file, ready for `ShareLink` / `UIActivityViewController`.
    public private(set) var shareURL: URL?
    public private(set) var progress: Double = 0
    public private(set) var working = false
    public private(set) var error: UserMessage?

    /// Where exports are written (a folder of their own inside the temporary directory).
    public let folder: URL
    private let store: ResetStore

    public init(store: ResetStore, folder: URL = TemporaryFiles.exports) {
        self.store = store
        self.folder = folder
    }

    /// The screen was closed for good (SwiftUI released its state): its files go with it. A
    /// tab switch keeps the screen and its state, so a file still on screen is never deleted
    /// under it (F9); `TemporaryFiles.cleanAtLaunch` catches what a crash left.
    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Whether shared journal entries are included (private ones never are).
    public var includesJournal: Bool {
        get { export.include?.contains(.journal) ?? true }
        set {
            var sections = export.include ?? TherapistExport.everySection
            sections.removeAll { $0 == .journal }
            if newValue { sections.append(.journal) }
            export.include = sections
        }
    }

    /// Whether the person's current safety plan is included: off until they turn it on, for
    /// every format (it names the people they would call; issue 20, as the CLI's
    /// `--include safety-plan` and the Android export screen).
    public var includesSafetyPlan: Bool {
        get { export.include?.contains(.safetyPlan) ?? false }
        set {
            var sections = export.include ?? TherapistExport.everySection
            sections.removeAll { $0 == .safetyPlan }
            if newValue { sections.append(.safetyPlan) }
            export.include = sections
        }
    }

    /// The preview's line for the safety plan: which version goes in, or why none does.
    public var safetyPlanLine: String {
        guard includesSafetyPlan else { return "Not included" }
        guard let preview else { return "Included" }
        if let version = preview.safetyPlanVersion { return "Version \(version)" }
        return "None saved yet"
    }

    /// Counts what the export would include.
    public func refreshPreview() async {
        do {
            preview = try await store.exportPreview(export)
            error = nil
        } catch {
            preview = nil
            self.error = UserMessage(error)
        }
    }

    /// The file name for a format: PDF and FHIR JSON are single files, CSV a zip of tables.
    public static func fileName(_ format: ExportFormat, to date: DateComponents) -> String {
        switch format {
        case .pdf: return "reset-report-\(date.isoDay).pdf"
        case .fhir: return "reset-fhir-\(date.isoDay).json"
        case .csv: return "reset-tables-\(date.isoDay).zip"
        }
    }

    /// Writes the export and sets `shareURL`. Any earlier export file is removed first.
    public func write() async {
        guard !working else { return }
        working = true
        progress = 0
        defer { working = false }
        cleanUp()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let date = try await store.today()
            let url = folder.appendingPathComponent(Self.fileName(format, to: export.to ?? date))
            var export = export
            if format == .pdf && export.fonts == nil {
                // Greek, Arabic, CJK … in a shared entry or the cover name are drawn with the
                // system's fonts (ADR 0006); CoreText is asked off the main actor.
                export.fonts = await Task.detached { ReportFonts.platform() }.value
            }
            try await store.exportForTherapist(format, to: url, export) { fraction in
                Task { @MainActor [weak self] in self?.progress = max(self?.progress ?? 0, fraction) }
            }
            progress = 1
            shareURL = url
            error = nil
        } catch {
            self.error = UserMessage(error)
        }
    }

    /// Call when the share sheet closes (and at launch): deletes every export file.
    public func cleanUp() {
        shareURL = nil
        try? FileManager.default.removeItem(at: folder)
    }
}
