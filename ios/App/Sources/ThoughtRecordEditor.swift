import ResetFeatures
import SwiftUI

/// The CBT thought-record editor. The core validates every field and its reason is shown in
/// place; ratings use steppers and sliders with spoken values.
struct ThoughtRecordEditor: View {
    @State private var model: ThoughtRecordModel
    @Environment(\.dismiss) private var dismiss
    @State private var addingEmotion = false
    let store: ResetStore

    init(store: ResetStore, app: AppModel, editing entry: JournalEntry?) {
        self.store = store
        _model = State(
            initialValue: entry.map { ThoughtRecordModel(store: store, editing: $0, observer: app) }
                ?? ThoughtRecordModel(store: store, observer: app))
    }

    var body: some View {
        @Bindable var model = model
        Form {
            if let error = model.error { Section { MessageView(message: error) } }
            Section("Situation") { TextField("What happened, where, when?", text: $model.situation, axis: .vertical) }
            Section("Automatic thoughts") { TextField("What went through your mind?", text: $model.automaticThoughts, axis: .vertical) }
            Section("Emotions (0–100)") {
                ForEach($model.emotions) { $emotion in
                    VStack(alignment: .leading) {
                        Text(displayName(emotion.label)).font(.headline)
                        Stepper("Before: \(emotion.before)", value: $emotion.before, in: 0...100, step: 5)
                        Stepper(
                            "After: \(emotion.after.map(String.init) ?? "not rated")",
                            value: Binding(
                                get: { emotion.after ?? emotion.before },
                                set: { emotion.after = $0 }
                            ), in: 0...100, step: 5)
                    }
                }
                .onDelete { $0.forEach(model.removeEmotion(at:)) }
                Button {
                    addingEmotion = true
                } label: {
                    Label("Add an emotion", systemImage: "plus")
                }
            }
            Section("Thinking traps") {
                ForEach(model.distortionChoices, id: \.name) { choice in
                    Button {
                        model.toggle(choice.distortion)
                    } label: {
                        HStack {
                            Text(choice.name)
                            Spacer()
                            if model.distortions.contains(choice.distortion) { Image(systemName: "checkmark").accessibilityHidden(true) }
                        }
                    }
                    .foregroundStyle(.primary)
                    .accessibilityAddTraits(model.distortions.contains(choice.distortion) ? .isSelected : [])
                }
            }
            Section("Evidence for the thought") { TextField("Facts that support it", text: $model.evidenceFor, axis: .vertical) }
            Section("Evidence against the thought") { TextField("Facts that don't fit it", text: $model.evidenceAgainst, axis: .vertical) }
            Section("Balanced thought") { TextField("A fairer way to see it", text: $model.balancedThought, axis: .vertical) }
            Section("How much do you believe the original thought? (0–100)") {
                Stepper(
                    "Before: \(model.beliefBefore.map(String.init) ?? "not rated")",
                    value: Binding(get: { model.beliefBefore ?? 50 }, set: { model.beliefBefore = $0 }), in: 0...100, step: 5)
                Stepper(
                    "After: \(model.beliefAfter.map(String.init) ?? "not rated")",
                    value: Binding(get: { model.beliefAfter ?? 50 }, set: { model.beliefAfter = $0 }), in: 0...100, step: 5)
            }
            Section {
                Toggle("Share with my therapist in exports", isOn: $model.sharedWithTherapist)
            } footer: {
                Text("Only entries you share are included when you export for your therapist.")
            }
        }
        .navigationTitle(model.isEditing ? "Thought record" : "New thought record")
        .navigationBarTitleDisplayMode(.inline)
        .crisisToolbar(store: store)
        // Nothing typed is lost to a swipe or Back: Cancel asks first when there are changes
        // (EditorExit, tested on Linux); swipe-to-dismiss is off while there are.
        .interactiveDismissDisabled(model.hasChanges)
        .navigationBarBackButtonHidden(model.isEditing)
        .confirmationDialog("Discard this thought record?", isPresented: $model.exit.isAskingToDiscard, titleVisibility: .visible) {
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
        .sheet(isPresented: $addingEmotion) {
            NavigationStack {
                List(model.emotionChoices, id: \.self) { label in
                    Button(displayName(label)) {
                        model.addEmotion(label)
                        addingEmotion = false
                    }
                }
                .navigationTitle("Add an emotion")
                .crisisToolbar(store: store)
            }
        }
    }
}
