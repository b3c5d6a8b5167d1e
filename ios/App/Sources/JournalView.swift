import ResetFeatures
import SwiftUI

/// The journal: entries newest first, a kind filter, full-text search, and new entries.
struct JournalView: View {
    let store: ResetStore
    let app: AppModel
    @State private var model: JournalModel
    /// The kind of the new entry being written (its editor is a sheet), if any.
    @State private var writing: NewEntry?

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
                            Text(Calendar.current.date(from: hit.localDate)?.formatted(date: .abbreviated, time: .omitted) ?? "").font(
                                .caption
                            ).foregroundStyle(.secondary)
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
                        ContentUnavailableView("No entries yet", systemImage: "book", description: Text("Tap + to write an entry."))
                    }
                    ForEach(entries, id: \.id) { entry in
                        NavigationLink {
                            EntryDetail(entry: entry, store: store, app: app)
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
                Menu {
                    ForEach(model.kinds, id: \.self) { kind in
                        Button(displayName(kind)) { writing = NewEntry(kind: kind) }
                    }
                } label: {
                    Label("New entry", systemImage: "plus")
                }
            }
        }
        .crisisToolbar(store: store)
        .task { await model.load() }
        .sheet(item: $writing, onDismiss: reload) { new in
            NavigationStack {
                if new.kind == .thought {
                    ThoughtRecordEditor(store: store, app: app, editing: nil)
                } else {
                    JournalEntryEditor(store: store, app: app, kind: new.kind)
                }
            }
        }
    }

    /// Matches in bold (not colour), so they stand out for everyone and VoiceOver reads plain text.
    private func snippet(_ text: String) -> Text {
        SnippetPart.parse(text).reduce(Text("")) { result, part in
            result + (part.isMatch ? Text(part.text).bold() : Text(part.text))
        }
    }

    /// Reloads after a sheet closes (an entry or check-in may have been saved).
    private func reload() { Task { await model.load() } }
}

/// The kind of a new entry being written, as a sheet item.
struct NewEntry: Identifiable {
    let kind: JournalKind
    var id: String { displayName(kind) }
}

/// An entry read in full (every field, `JournalEntry.fields`), with Edit.
struct EntryDetail: View {
    /// Re-read when the screen appears again, so Edit → Save shows the saved text (review 2, E1).
    @State private var entry: JournalEntry
    let store: ResetStore
    let app: AppModel

    init(entry: JournalEntry, store: ResetStore, app: AppModel) {
        _entry = State(initialValue: entry)
        self.store = store
        self.app = app
    }

    var body: some View {
        List {
            ForEach(entry.fields, id: \.label) { field in
                Section(field.label) { Text(verbatim: field.value).textSelection(.enabled) }
            }
            if !entry.tags.isEmpty { Section("Tags") { Text(entry.tags.joined(separator: ", ")) } }
            Section {
                Text(entry.date.formatted(date: .abbreviated, time: .shortened)).foregroundStyle(.secondary)
                if entry.sharedWithTherapist { Label("Shared with your therapist in exports", systemImage: "person.2") }
            }
        }
        .navigationTitle(displayName(entry.kind))
        .crisisToolbar(store: store)
        .onAppear {
            let id = entry.id
            Task { if let fresh = try? await store.journalEntry(id) { entry = fresh } }
        }
        .toolbar {
            ToolbarItem(placement: .primaryAction) {
                NavigationLink("Edit") {
                    if case .thought = entry.body {
                        ThoughtRecordEditor(store: store, app: app, editing: entry)
                    } else {
                        JournalEntryEditor(store: store, app: app, editing: entry)
                    }
                }
            }
        }
    }
}
