import ResetFeatures
import SwiftUI

/// The journal: entries newest first, a kind filter, full-text search, and new entries.
struct JournalView: View {
    let store: ResetStore
    let app: AppModel
    @State private var model: JournalModel
    @State private var writingThought = false

    init(store: ResetStore, app: AppModel) {
        self.store = store
        self.app = app
        _model = State(initialValue: JournalModel(store: store))
    }

    var body: some View {
        @Bindable var model = model
        List {
            if let error = model.error { MessageView(message: error) }
            if let hits = model.hits {
                Section("\(hits.count) found") {
                    ForEach(hits, id: \.id) { hit in
                        VStack(alignment: .leading) {
                            Text(Calendar.current.date(from: hit.localDate)?.formatted(date: .abbreviated, time: .omitted) ?? "").font(.caption).foregroundStyle(.secondary)
                            snippet(hit.snippet)
                        }
                        .accessibilityElement(children: .combine)
                    }
                }
            } else {
                switch model.entries {
                case .idle, .loading: ProgressView()
                case let .failed(message): MessageView(message: message)
                case let .loaded(entries):
                    if entries.isEmpty {
                        ContentUnavailableView("No entries yet", systemImage: "book", description: Text("Tap + to write a thought record."))
                    }
                    ForEach(entries, id: \.id) { entry in
                        NavigationLink {
                            if case .thought = entry.body {
                                ThoughtRecordEditor(store: store, app: app, editing: entry)
                            } else {
                                EntryDetail(entry: entry)
                            }
                        } label: {
                            VStack(alignment: .leading) {
                                Text(JournalModel.headline(entry)).font(.body).lineLimit(2)
                                HStack {
                                    Text("\(displayName(entry.kind)) · \(entry.date.formatted(date: .abbreviated, time: .omitted))")
                                    if entry.sharedWithTherapist {
                                        Label("Shared with therapist", systemImage: "person.2").labelStyle(.titleAndIcon)
                                    }
                                }
                                .font(.caption).foregroundStyle(.secondary)
                            }
                        }
                    }
                    .onDelete { indexes in
                        let ids = indexes.map { entries[$0].id }
                        Task { for id in ids { await model.delete(id) } }
                    }
                }
            }
        }
        .navigationTitle("Journal")
        .searchable(text: $model.query, prompt: "Search your journal")
        .onSubmit(of: .search) { Task { await model.search() } }
        .onChange(of: model.query) { _, text in if text.isEmpty { model.clearSearch() } }
        .toolbar {
            ToolbarItem(placement: .topBarLeading) {
                Menu {
                    Picker("Show", selection: Binding(get: { model.kindFilter }, set: { kind in Task { await model.filter(kind) } })) {
                        Text("All entries").tag(JournalKind?.none)
                        ForEach(model.kinds, id: \.self) { Text(displayName($0)).tag(JournalKind?.some($0)) }
                    }
                } label: {
                    Label("Filter", systemImage: "line.3.horizontal.decrease.circle")
                }
            }
            ToolbarItem(placement: .primaryAction) {
                Button { writingThought = true } label: { Label("New thought record", systemImage: "plus") }
            }
        }
        .crisisToolbar(store: store)
        .task { await model.load() }
        .sheet(isPresented: $writingThought, onDismiss: { Task { await model.load() } }) {
            NavigationStack { ThoughtRecordEditor(store: store, app: app, editing: nil) }
        }
    }

    /// Matches in bold (not colour), so they stand out for everyone and VoiceOver reads plain text.
    private func snippet(_ text: String) -> Text {
        SnippetPart.parse(text).reduce(Text("")) { result, part in
            result + (part.isMatch ? Text(part.text).bold() : Text(part.text))
        }
    }
}

/// A read-only view of a non-thought entry.
struct EntryDetail: View {
    let entry: JournalEntry

    var body: some View {
        List {
            Section { Text(JournalModel.headline(entry)) }
            if !entry.tags.isEmpty { Section("Tags") { Text(entry.tags.joined(separator: ", ")) } }
            Section { Text(entry.date.formatted(date: .abbreviated, time: .shortened)).foregroundStyle(.secondary) }
        }
        .navigationTitle(displayName(entry.kind))
    }
}
