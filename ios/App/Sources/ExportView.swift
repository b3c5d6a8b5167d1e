import ResetFeatures
import SwiftUI

/// Export for a therapist: range, sections, counts, then a file handed to the share sheet.
struct ExportView: View {
    @State private var model: ExportModel
    @State private var from = Calendar.current.date(byAdding: .month, value: -3, to: Date()) ?? Date()
    @State private var to = Date()
    let store: ResetStore

    init(store: ResetStore) {
        self.store = store
        _model = State(initialValue: ExportModel(store: store))
    }

    var body: some View {
        @Bindable var model = model
        Form {
            Section("Dates") {
                DatePicker("From", selection: $from, displayedComponents: .date)
                DatePicker("To", selection: $to, displayedComponents: .date)
            }
            Section {
                Toggle("Include journal entries I've shared", isOn: $model.includesJournal)
                Picker("Format", selection: $model.format) {
                    Text("PDF report").tag(ExportFormat.pdf)
                    Text("Spreadsheet tables (CSV)").tag(ExportFormat.csv)
                    Text("FHIR (for clinical systems)").tag(ExportFormat.fhir)
                }
            } footer: {
                Text("Private journal entries are never included.")
            }
            Section {
                Toggle("Include my safety plan", isOn: $model.includesSafetyPlan)
            } footer: {
                Text("Off unless you turn it on: your plan names the people you would call. The newest version is used.")
            }
            if let preview = model.preview {
                Section("Included") {
                    LabeledContent("Questionnaires", value: "\(preview.assessments)")
                    LabeledContent("Check-ins", value: "\(preview.checkIns)")
                    LabeledContent("Practice sessions", value: "\(preview.practiceSessions)")
                    LabeledContent("Shared journal entries", value: "\(preview.sharedJournalEntries)")
                    LabeledContent("Private entries left out", value: "\(preview.privateJournalEntries)")
                    LabeledContent("Safety plan", value: model.safetyPlanLine)
                }
            }
            if let error = model.error { Section { MessageView(message: error) } }
            Section {
                if model.working {
                    ProgressView(value: model.progress) { Text("Preparing") }
                } else if let url = model.shareURL {
                    ShareLink(item: url) { Label("Share the export", systemImage: "square.and.arrow.up") }
                    Button("Delete the file", role: .destructive) { model.cleanUp() }
                } else {
                    Button("Prepare export") { Task { await model.write() } }
                }
            } footer: {
                Text(
                    "The file is not encrypted. Share it only with people you trust; it is deleted when you close this screen."
                )
            }
        }
        .navigationTitle("Export")
        .crisisToolbar(store: store)
        .task(id: "\(from)\(to)\(model.includesJournal)\(model.includesSafetyPlan)") {
            model.export.from = Self.day(from)
            model.export.to = Self.day(to)
            await model.refreshPreview()
        }
    }

    private static func day(_ date: Date) -> String {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
