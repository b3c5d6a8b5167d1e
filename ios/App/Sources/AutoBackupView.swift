import ResetFeatures
import SwiftUI

/// Automatic backups (issue 21): turn on → the one-time key ceremony → status, last backup,
/// show the key again, rotate, turn off. A view over `AutoBackupSettingsModel` (tested on
/// Linux: `AutoBackupModelTests`, `AutoBackupRotationTests`); this file only draws states and
/// forwards taps. The key is shown in large monospaced groups and never leaves this screen.
struct AutoBackupView: View {
    @State private var model: AutoBackupSettingsModel
    @State private var confirmingOff = false
    let store: ResetStore

    init(store: ResetStore, app: AppModel) {
        self.store = store
        _model = State(initialValue: app.autoBackupSettings(store: store))
    }

    var body: some View {
        @Bindable var model = model
        Form {
            switch model.state {
            case .loading:
                Section { ProgressView() }
            case .off:
                Section {
                    Button("Turn on automatic backups") { Task { await model.turnOn() } }
                } footer: {
                    Text(
                        "Once a day the app saves an encrypted copy of everything into your iPhone's own backup. "
                            + "You get a recovery key to write down: without it nobody, including us, can open the copies.")
                }
            case let .on(status):
                StatusSection(status: status)
                Section {
                    Button("Show the recovery key") { Task { await model.showKeyAgain() } }
                    Button("Make a new recovery key") { Task { await model.rotate() } }
                } footer: {
                    Text("Both ask for Face ID or your passcode first. A new key replaces the old one; the old one stops working.")
                }
                Section {
                    Button("Turn off", role: .destructive) { confirmingOff = true }
                }
            case .rotationAwaitingConfirmation:
                Section {
                    Text("A new recovery key was being set up when the app closed. Your backups still use the old key.")
                    Button("Show the new key to finish") { Task { await model.resumeRotation() } }
                    Button("Keep the old key", role: .cancel) { Task { await model.cancelRotation() } }
                }
            case let .showingKey(groups):
                KeySection(groups: groups)
                Section {
                    Button("I've written it down") { model.wroteItDown() }
                    Button("Done") { Task { await model.doneShowingKey() } }
                    Button("Cancel the new key", role: .cancel) { Task { await model.cancelRotation() } }
                }
            case let .confirmingKey(positions):
                Section {
                    ForEach(Array(positions.enumerated()), id: \.offset) { index, position in
                        TextField("Group \(position + 1)", text: $model.confirmation[index])
                            .font(.title3.monospaced())
                            .textInputAutocapitalization(.characters)
                            .autocorrectionDisabled()
                    }
                    Button("Check") { Task { await model.confirm() } }
                } header: {
                    Text("Type these groups from what you wrote down")
                }
            case let .failed(message):
                Section {
                    MessageView(message: message)
                    Button("OK") { Task { await model.load() } }
                }
            }
        }
        .navigationTitle("Automatic backups")
        .crisisToolbar(store: store)
        .confirmationDialog("Turn off automatic backups?", isPresented: $confirmingOff) {
            Button("Turn off, keep the copies") { Task { await model.turnOff(deleteFiles: false) } }
            Button("Turn off and delete the copies", role: .destructive) { Task { await model.turnOff(deleteFiles: true) } }
        }
        .task { await model.load() }
    }
}

/// On, the last backup and how many copies are kept.
private struct StatusSection: View {
    let status: AutoBackupStatus

    var body: some View {
        Section("Status") {
            Label("On", systemImage: "checkmark.shield")
            if let last = status.lastBackup {
                LabeledContent("Last backup", value: last.formatted(date: .abbreviated, time: .shortened))
            } else {
                LabeledContent("Last backup", value: "Not yet")
            }
            LabeledContent("Copies kept", value: "\(status.files.count)")
        }
    }
}

/// The key in seven groups of four, large enough to copy onto paper.
private struct KeySection: View {
    let groups: [String]

    var body: some View {
        Section {
            Grid(alignment: .leading, horizontalSpacing: 16, verticalSpacing: 8) {
                ForEach(Array(stride(from: 0, to: groups.count, by: 2)), id: \.self) { row in
                    GridRow {
                        Text(groups[row])
                        if row + 1 < groups.count { Text(groups[row + 1]) }
                    }
                }
            }
            .font(.title2.monospaced())
            .textSelection(.disabled)
            .accessibilityLabel(groups.joined(separator: ", "))
        } header: {
            Text("Your recovery key")
        } footer: {
            Text("Write it on paper and keep it somewhere safe. You need it to restore on a new phone.")
        }
    }
}
