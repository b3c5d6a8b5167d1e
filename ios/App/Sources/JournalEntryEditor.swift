import ResetFeatures
import SwiftUI

/// Writes or edits free writing, gratitude, worry, exposure and activity entries
/// (`JournalEntryModel`); thought records use `ThoughtRecordEditor`. The core validates every
/// field and its reason is shown in place.
struct JournalEntryEditor: View {
    @State private var model: JournalEntryModel
    @Environment(\.dismiss) private var dismiss
    let store: ResetStore

    init(store: ResetStore, app: AppModel, kind: JournalKind) {
        self.store = store
        _model = State(initialValue: JournalEntryModel(store: store, kind: kind, observer: app))
    }

    init(store: ResetStore, app: AppModel, editing entry: JournalEntry) {
        self.store = store
        _model = State(initialValue: JournalEntryModel(store: store, editing: entry, observer: app))
    }

    var body: some View {
        @Bindable var model = model
        Form {
            if let error = model.error { Section { MessageView(message: error) } }
            switch model.kind {
            case .free:
                Section("What's on your mind?") { TextField("Write freely", text: $model.text, axis: .vertical).lineLimit(5...) }
            case .gratitude:
                Section("Three things you're grateful for") {
                    ForEach(model.gratitudeItems.indices, id: \.self) { index in
                        TextField("Something good, however small", text: $model.gratitudeItems[index])
                    }
                }
                Section("Reflection") { TextField("Why did it matter?", text: $model.reflection, axis: .vertical) }
            case .worry:
                Section("The worry") { TextField("What are you worried about?", text: $model.worry, axis: .vertical) }
                Section("Kind of worry") {
                    Picker("Kind", selection: $model.worryType) {
                        Text("Not sure yet").tag(WorryType?.none)
                        Text("Practical — I can act on it").tag(WorryType?.some(.practical))
                        Text("Hypothetical — what if…").tag(WorryType?.some(.hypothetical))
                    }
                    .pickerStyle(.inline)
                    .labelsHidden()
                }
                Section("What actually happened (later)") { TextField("Optional", text: $model.whatHappened, axis: .vertical) }
            case .exposure:
                Section("Situation") { TextField("What will you face?", text: $model.situation, axis: .vertical) }
                Section("Prediction") { TextField("What do you expect to happen?", text: $model.prediction, axis: .vertical) }
                Section("Distress (0–100)") {
                    rating("Before", $model.distressBefore, max: 100, step: 5)
                    rating("At its peak", $model.distressPeak, max: 100, step: 5)
                    rating("After", $model.distressAfter, max: 100, step: 5)
                }
                Section("What happened") { TextField("Outcome", text: $model.outcome, axis: .vertical) }
                Section("What I learned") { TextField("Optional", text: $model.learned, axis: .vertical) }
            case .activity:
                Section("Activity") { TextField("What will you do / did you do?", text: $model.activity, axis: .vertical) }
                Section {
                    Picker("Status", selection: $model.activityStatus) {
                        Text("Planned").tag(ActivityStatus.planned)
                        Text("Done").tag(ActivityStatus.done)
                    }
                    rating("Mastery", $model.mastery, max: 10, step: 1)
                    rating("Pleasure", $model.pleasure, max: 10, step: 1)
                }
            case .thought:
                EmptyView()
            }
            Section {
                Toggle("Share with my therapist in exports", isOn: $model.sharedWithTherapist)
            } footer: {
                Text("Only entries you share are included when you export for your therapist.")
            }
        }
        .navigationTitle(model.isEditing ? displayName(model.kind) : "New \(displayName(model.kind).lowercased()) entry")
        .navigationBarTitleDisplayMode(.inline)
        .crisisToolbar(store: store)
        // Nothing typed is lost to a swipe or Back: Cancel asks first when there are changes
        // (EditorExit, tested on Linux); swipe-to-dismiss is off while there are.
        .interactiveDismissDisabled(model.hasChanges)
        .navigationBarBackButtonHidden(model.isEditing)
        .confirmationDialog("Discard this entry?", isPresented: $model.exit.isAskingToDiscard, titleVisibility: .visible) {
            Button("Discard changes", role: .destructive) { model.discard() }
            Button("Keep editing", role: .cancel) { model.keepEditing() }
        } message: {
            Text("What you've written here hasn't been saved.")
        }
        .onChange(of: model.exit.shouldClose) { _, close in if close { dismiss() } }
        .toolbar {
            ToolbarItem(placement: .cancellationAction) {
                Button("Cancel") { model.cancel() }
            }
            ToolbarItem(placement: .confirmationAction) {
                Button("Save") {
                    Task {
                        await model.save()
                        if model.saved != nil { dismiss() }
                    }
                }
                .disabled(model.saving)
            }
        }
    }

    /// A 0…max rating that can also be left unrated; its value is spoken.
    private func rating(_ title: String, _ value: Binding<Int32?>, max: Int32, step: Int32) -> some View {
        Stepper(
            "\(title): \(value.wrappedValue.map(String.init) ?? "not rated")",
            value: Binding(get: { value.wrappedValue ?? 0 }, set: { value.wrappedValue = $0 }),
            in: 0...max, step: step
        )
    }
}
