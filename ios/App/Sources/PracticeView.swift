import ResetFeatures
import SwiftUI

/// Practice: the meditation timer and the programme browser.
struct PracticeView: View {
    let store: ResetStore
    let app: AppModel
    @State private var model: ProgrammeBrowserModel

    init(store: ResetStore, app: AppModel) {
        self.store = store
        self.app = app
        _model = State(initialValue: ProgrammeBrowserModel(store: store))
    }

    var body: some View {
        List {
            Section {
                NavigationLink {
                    MeditationTimerView(app: app)
                } label: {
                    Label("Meditation timer", systemImage: "timer")
                }
                NavigationLink {
                    PracticeSummaryView(store: store)
                } label: {
                    Label("Your practice", systemImage: "chart.bar")
                }
            }
            if let error = model.error { Section { MessageView(message: error) } }
            if let progress = model.progress {
                Section("In progress") {
                    Text(progress.title).font(.headline)
                    Text("\(progress.completedSteps) of \(progress.totalSteps) steps done").foregroundStyle(.secondary)
                    ForEach(progress.steps, id: \.id) { step in
                        NavigationLink {
                            StepView(store: store, programmeID: progress.programme, stepID: step.id, app: app)
                        } label: {
                            StepRow(step: step)
                        }
                    }
                    if progress.state == .paused {
                        Button("Resume") { Task { await model.resume() } }
                    }
                    Button("Set aside for now") { Task { await model.leave() } }
                }
            }
            Section("Programmes") {
                switch model.programmes {
                case .idle, .loading: ProgressView()
                case let .failed(message): MessageView(message: message)
                case let .loaded(list):
                    ForEach(list, id: \.id) { programme in
                        VStack(alignment: .leading, spacing: 6) {
                            Text(programme.title).font(.headline)
                            Text(programme.summary).font(.subheadline)
                            Text("\(programme.steps) steps · \(programme.audience)").font(.caption).foregroundStyle(.secondary)
                            if !model.isCurrent(programme.id) {
                                Button("Start") { Task { await model.start(programme.id) } }
                                    .accessibilityLabel("Start \(programme.title)")
                            }
                        }
                    }
                }
            }
        }
        .navigationTitle("Practice")
        .crisisToolbar(store: store)
        .task { await model.load() }
    }
}

/// One programme step: its Markdown text, its state, and "Mark as done".
struct StepView: View {
    let store: ResetStore
    let app: AppModel
    @State private var model: ProgrammeStepModel

    init(store: ResetStore, programmeID: String, stepID: String, app: AppModel) {
        self.store = store
        self.app = app
        _model = State(initialValue: ProgrammeStepModel(store: store, programmeID: programmeID, stepID: stepID, observer: app))
    }

    var body: some View {
        List {
            if let error = model.error { MessageView(message: error) }
            if let step = model.step {
                Section {
                    MarkdownBody(markdown: step.body)
                }
                if let target = step.practiceTarget {
                    Section("Practice") {
                        NavigationLink("\(displayName(target.technique)) for \(target.minutes) minutes") {
                            MeditationTimerView(app: app, technique: target.technique, minutes: target.minutes, stepID: step.id)
                        }
                    }
                }
                // The step's own questionnaires and journal exercise, one tap away.
                if !model.linkedInstruments.isEmpty {
                    Section("Questionnaires for this step") {
                        ForEach(model.linkedInstruments, id: \.id) { instrument in
                            NavigationLink(instrument.title) {
                                AssessmentsView(store: store, app: app, start: instrument.id)
                            }
                        }
                    }
                }
                if let kind = model.linkedJournalKind {
                    Section("Exercise") {
                        NavigationLink("Write a \(displayName(kind).lowercased()) entry") {
                            if kind == .thought {
                                ThoughtRecordEditor(store: store, app: app, editing: nil)
                            } else {
                                JournalEntryEditor(store: store, app: app, kind: kind)
                            }
                        }
                    }
                }
            }
            if let progress = model.progress {
                Section {
                    StepRow(step: progress)
                    if model.canComplete {
                        Button("Mark as done") { Task { await model.complete() } }
                    }
                }
            }
        }
        .navigationTitle(model.step?.title ?? "Step")
        .crisisToolbar(store: store)
        .task { await model.load() }
    }
}

/// A step's Markdown shown as written: block by block (`MarkdownBlock`), each block's inline
/// Markdown through `AttributedString` — never `LocalizedStringKey`, which would drop list
/// structure and read `%` as a format specifier.
struct MarkdownBody: View {
    let markdown: String

    var body: some View {
        VStack(alignment: .leading, spacing: 10) {
            ForEach(Array(MarkdownBlock.parse(markdown).enumerated()), id: \.offset) { _, block in
                switch block.kind {
                case let .heading(level):
                    inline(block.text).font(level <= 2 ? .title3.bold() : .headline).accessibilityAddTraits(.isHeader)
                case .paragraph:
                    inline(block.text)
                case .bullet:
                    HStack(alignment: .firstTextBaseline, spacing: 8) {
                        Text("•").accessibilityHidden(true)
                        inline(block.text)
                    }
                case let .numbered(number):
                    HStack(alignment: .firstTextBaseline, spacing: 8) {
                        Text(verbatim: "\(number).").monospacedDigit()
                        inline(block.text)
                    }
                case .quote:
                    inline(block.text).italic().padding(.leading, 12)
                        .overlay(alignment: .leading) { Rectangle().frame(width: 3).foregroundStyle(.secondary) }
                }
            }
        }
    }

    private func inline(_ text: String) -> Text {
        let options = AttributedString.MarkdownParsingOptions(interpretedSyntax: .inlineOnlyPreservingWhitespace)
        if let attributed = try? AttributedString(markdown: text, options: options) { return Text(attributed) }
        return Text(verbatim: text)
    }
}
