import ResetFeatures
import SwiftUI

/// "Get help now": the core's crisis resources for the person's region, with call, text and web
/// buttons. Nothing here is typed in: numbers come from the core's versioned data file.
struct CrisisView: View {
    @State private var model: CrisisModel?
    @Environment(\.dismiss) private var dismiss
    @Environment(\.openURL) private var openURL

    init(store: ResetStore?) {
        _model = State(initialValue: store.map(CrisisModel.init))
    }

    var body: some View {
        NavigationStack {
            List {
                Section {
                    Text(
                        "If you might act on thoughts of harming yourself, or you are in danger now, contact one of these services. You don't need to be sure it's an emergency."
                    )
                }
                if let model {
                    ForEach(model.resources, id: \.name) { resource in
                        Section(resource.name) {
                            Text(resource.description)
                            ForEach(CrisisAction.actions(for: resource), id: \.url) { action in
                                Button {
                                    openURL(action.url)
                                } label: {
                                    Label(action.title, systemImage: icon(action.kind))
                                }
                            }
                        }
                    }
                    if let error = model.error { MessageView(message: error) }
                } else {
                    // The profile could not be opened: the core's list is unavailable, so point
                    // to the phone's own emergency call rather than inventing numbers.
                    Text("Use your phone's emergency call (hold the side button and a volume button) or call your local emergency number.")
                }
            }
            .navigationTitle("Get help now")
            .toolbar { ToolbarItem(placement: .confirmationAction) { Button("Done") { dismiss() } } }
            .task { await model?.load() }
        }
    }

    private func icon(_ kind: CrisisAction.Kind) -> String {
        switch kind {
        case .call: return "phone.fill"
        case .text: return "message.fill"
        case .web: return "safari"
        }
    }
}
