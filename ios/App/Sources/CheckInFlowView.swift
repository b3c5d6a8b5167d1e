import ResetFeatures
import SwiftUI

/// The check-in flow: mood → feelings → life areas → note → saved.
struct CheckInFlowView: View {
    @State private var model: CheckInModel
    @Environment(\.dismiss) private var dismiss
    let app: AppModel
    let store: ResetStore

    init(store: ResetStore, app: AppModel) {
        self.app = app
        self.store = store
        _model = State(initialValue: CheckInModel(store: store, observer: app) { await app.writeToHealth(HealthSample($0)) })
    }

    var body: some View {
        @Bindable var model = model
        NavigationStack {
            Form {
                switch model.step {
                case .mood:
                    Section("How are you feeling right now?") {
                        Picker("Mood", selection: $model.mood) {
                            ForEach(CheckInModel.moodScale.reversed(), id: \.self) { mood in
                                Text("\(mood) – \(CheckInModel.moodWords(mood))").tag(Int32?.some(mood))
                            }
                        }
                        .pickerStyle(.inline)
                        .labelsHidden()
                        Toggle(
                            "About the whole day",
                            isOn: Binding(
                                get: { model.kind == .dailyMood },
                                set: { model.kind = $0 ? .dailyMood : .momentaryEmotion }
                            ))
                    }
                case .feelings:
                    Section("Which words fit? (optional)") {
                        ForEach(model.labelChoices, id: \.self) { label in
                            toggleRow(displayName(label), on: model.labels.contains(label)) { model.toggle(label) }
                        }
                    }
                case .areas:
                    Section("What's it about? (optional)") {
                        ForEach(model.areaChoices, id: \.self) { area in
                            toggleRow(displayName(area), on: model.areas.contains(area)) { model.toggle(area) }
                        }
                    }
                case .note:
                    Section("Anything to add? (optional, stays on this device)") {
                        TextField("Note", text: $model.note, axis: .vertical).lineLimit(3...8)
                    }
                case .saved:
                    Section {
                        Label("Saved. Thank you for checking in.", systemImage: "checkmark.circle.fill")
                    }
                }
                if let error = model.error { Section { MessageView(message: error) } }
            }
            .navigationTitle("Check in")
            .navigationBarTitleDisplayMode(.inline)
            .crisisToolbar(store: store)
            // A mood chosen (or a note typed) is not lost to a stray swipe (review 2, E2).
            .interactiveDismissDisabled(model.step != .mood && model.step != .saved)
            .toolbar {
                ToolbarItem(placement: .cancellationAction) {
                    if model.step == .saved || model.step == .mood {
                        Button(model.step == .saved ? "Done" : "Cancel") { dismiss() }
                    } else {
                        Button("Back") { model.back() }
                    }
                }
                ToolbarItem(placement: .confirmationAction) {
                    switch model.step {
                    case .note: Button("Save") { Task { await model.save() } }.disabled(model.saving)
                    case .saved: EmptyView()
                    default: Button("Next") { model.next() }.disabled(!model.canContinue)
                    }
                }
            }
        }
    }

    /// A row that shows its state with a checkmark and in words, never by colour alone.
    private func toggleRow(_ title: String, on: Bool, action: @escaping () -> Void) -> some View {
        Button(action: action) {
            HStack {
                Text(title)
                Spacer()
                if on { Image(systemName: "checkmark").accessibilityHidden(true) }
            }
        }
        .foregroundStyle(.primary)
        .accessibilityAddTraits(on ? .isSelected : [])
    }
}
