import ResetFeatures
import SwiftUI

/// "Get help now": the core's crisis resources for the person's region, with call, text and web
/// buttons, then the person's own safety plan (after the lines, never instead of them). Nothing
/// here is typed in: numbers come from the core's versioned data file. Without a profile (the
/// "can't open" screen) the lines for the device's zone are listed (F5).
struct CrisisView: View {
    @State private var model: CrisisModel
    /// Whether the plan can be opened for editing (not from the lock screen).
    private let store: ResetStore?
    private let editable: Bool
    @Environment(\.dismiss) private var dismiss
    @Environment(\.openURL) private var openURL

    /// - Parameters:
    ///   - includesSafetyPlan: false on the lock screen unless the person chose to show it.
    ///   - editable: whether "Open my safety plan" is offered (not while locked).
    init(store: ResetStore?, includesSafetyPlan: Bool = true, editable: Bool = true) {
        self.store = store
        self.editable = editable
        _model = State(initialValue: CrisisModel(store: store, includesSafetyPlan: includesSafetyPlan))
    }

    var body: some View {
        NavigationStack {
            List {
                Section {
                    Text(
                        "If you might act on thoughts of harming yourself, or you are in danger now, contact one of these services. You don't need to be sure it's an emergency."
                    )
                }
                if let notice = model.fallbackNotice {
                    Section {
                        Label(notice, systemImage: "exclamationmark.triangle")
                    }
                }
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
                if let caption = model.regionCaption {
                    Section { Text(caption).font(.footnote) }
                }
                if let error = model.error {
                    MessageView(message: error)
                    // Only if even the core's static list failed: the phone's own emergency call.
                    Text("Use Emergency SOS on your phone, or call your local emergency number.")
                }
                if let plan = model.safetyPlan {
                    Section {
                        Text("My safety plan").font(.title3.bold()).accessibilityAddTraits(.isHeader)
                    }
                    SafetyPlanSteps(steps: plan.steps, prompts: SafetyPlanModel.stepPrompts)
                }
                if model.offersSafetyPlan, editable, let store {
                    Section {
                        NavigationLink(model.safetyPlan == nil ? "Write my safety plan" : "Open or edit my safety plan") {
                            SafetyPlanView(store: store)
                        }
                    }
                }
            }
            .navigationTitle("Get help now")
            .toolbar { ToolbarItem(placement: .confirmationAction) { Button("Done") { dismiss() } } }
            .task { await model.load() }
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
