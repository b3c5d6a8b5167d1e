import ResetFeatures
import SwiftUI
import UniformTypeIdentifiers

/// Encrypted backup (shared to Files or AirDrop) and verified restore from a file.
struct BackupView: View {
    @State private var model: BackupModel
    @State private var importing = false
    let store: ResetStore

    init(store: ResetStore, app: AppModel) {
        self.store = store
        _model = State(initialValue: BackupModel(store: store) { await app.restored() })
    }

    var body: some View {
        @Bindable var model = model
        Form {
            Section {
                Button("Generate a passphrase") { model.generatePassphrase() }
                if !model.passphrase.isEmpty {
                    Text(model.passphrase).font(.body.monospaced()).textSelection(.enabled)
                }
                SecureField("Passphrase again", text: $model.confirmation).textContentType(.newPassword)
                if let blocker = model.createBlocker { Text(blocker).font(.footnote) }
                Button("Create encrypted backup") { Task { await model.createBackup() } }
                    .disabled(model.createBlocker != nil || model.state == .working)
            } header: {
                Text("Back up")
            } footer: {
                Text(
                    "The app makes the passphrase: write it down or keep it in your password manager, "
                        + "then type it again. Nobody — including us — can open the backup without it."
                )
            }
            Section("Restore") {
                Button("Restore from a backup file…") { importing = true }
            }
            switch model.state {
            case .idle:
                EmptyView()
            case .working:
                Section { ProgressView(value: model.progress) { Text("Working — this takes a few seconds") } }
            case let .backedUp(url, summary):
                Section {
                    Label("Backup ready: \(summary.totalRows) records, encrypted", systemImage: "checkmark.seal")
                    ShareLink(item: url) { Label("Save or share the backup", systemImage: "square.and.arrow.up") }
                }
            case .confirmingRestore:
                Section {
                    Text("Restoring replaces everything on this device with the backup. Enter the backup's passphrase above.")
                    Button("Replace everything", role: .destructive) { Task { await model.confirmRestore() } }
                        .disabled(model.passphrase.isEmpty)
                    Button("Cancel") { model.cancelRestore() }
                }
            case let .restored(summary):
                Section {
                    Label(
                        "Restored \(summary.totalRows) records from \(summary.createdAt.formatted(date: .abbreviated, time: .shortened))",
                        systemImage: "checkmark.circle")
                    // Only "Done" reloads every screen, so this message stays until it is read.
                    Button("Done") { Task { await model.dismiss() } }
                }
            case let .failed(message):
                Section {
                    MessageView(message: message)
                    Button("OK") { Task { await model.dismiss() } }
                }
            }
        }
        .navigationTitle("Encrypted backup")
        .fileImporter(isPresented: $importing, allowedContentTypes: [.data]) { result in
            guard case let .success(picked) = result else { return }
            // The picked file is readable only inside its security scope: the model copies it
            // into its own folder, asks, and deletes the copy afterwards.
            let scoped = picked.startAccessingSecurityScopedResource()
            defer { if scoped { picked.stopAccessingSecurityScopedResource() } }
            model.importForRestore(picked)
        }
        .crisisToolbar(store: store)
        .onDisappear {
            // Leaving after a restore counts as Done: every screen reloads. Files are removed
            // when the model is released (the screen popped), not on a tab switch (F9).
            if case .restored = model.state { Task { await model.dismiss() } }
        }
    }
}
