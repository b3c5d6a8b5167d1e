import ResetFeatures
import SwiftUI

/// First launch on a new phone (issue 21): the iPhone's backup brought automatic backups back
/// but the profile is empty, so before anything else the app offers "Restore from your
/// automatic backup" with the recovery key. A view over `AutoBackupRestoreOffer` (tested on
/// Linux); "Start fresh" declines and the first-run screen follows.
struct AutoBackupRestoreView: View {
    @Bindable var offer: AutoBackupRestoreOffer
    let app: AppModel

    var body: some View {
        NavigationStack {
            Form {
                switch offer.state {
                case .none:
                    EmptyView()
                case let .offering(count, newest):
                    Section {
                        let when = newest.formatted(date: .abbreviated, time: .shortened)
                        let copies = count == 1 ? "an automatic backup" : "\(count) automatic backups"
                        Text("We found \(copies) from your old phone, the newest from \(when).")
                        TextField("Recovery key", text: $offer.typedKey, axis: .vertical)
                            .font(.title3.monospaced())
                            .textInputAutocapitalization(.characters)
                            .autocorrectionDisabled()
                        if let blocker = offer.restoreBlocker { Text(blocker).font(.footnote) }
                        Button("Restore") { Task { await offer.restore() } }
                            .disabled(offer.restoreBlocker != nil)
                    } header: {
                        Text("Restore from your automatic backup")
                    } footer: {
                        Text(
                            "Type the 28-character key you wrote down when you turned automatic backups on. "
                                + "Everything is checked before anything is written.")
                    }
                    Section {
                        Button("Start fresh instead") { offer.decline() }
                    }
                case .restoring:
                    Section { ProgressView("Restoring — this takes a few seconds") }
                case let .restored(summary):
                    Section {
                        let when = summary.restored.createdAt.formatted(date: .abbreviated, time: .shortened)
                        Label("Restored from the backup of \(when)", systemImage: "checkmark.circle")
                        ForEach(summary.skipped, id: \.name) { skipped in
                            Text("A newer copy could not be used (\(skipped.reason)), so the one before it was restored.")
                                .font(.footnote)
                        }
                        Button("Done") { Task { await app.autoRestoreFinished() } }
                    }
                case let .failed(message):
                    Section {
                        MessageView(message: message)
                        Button("Try again") { Task { await offer.retry() } }
                        Button("Start fresh instead") { offer.decline() }
                    }
                }
            }
            .navigationTitle("Welcome back")
            .crisisToolbar(store: app.store)
        }
    }
}
