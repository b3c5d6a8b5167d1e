import ResetFeatures
import SwiftUI

/// "My safety plan": the newest version, Edit (a sheet; every save is a new version) and the
/// history. Calling or messaging a contact is one tap (`tel:` / `sms:`, CrisisAction).
struct SafetyPlanView: View {
    let store: ResetStore
    @State private var model: SafetyPlanModel

    init(store: ResetStore) {
        self.store = store
        _model = State(initialValue: SafetyPlanModel(store: store))
    }

    var body: some View {
        List {
            if let error = model.error, !model.isEditing { MessageView(message: error) }
            if let plan = model.plan {
                SafetyPlanSteps(steps: plan.steps, prompts: model.prompts)
                Section {
                    if let notice = model.fallbackNotice { Label(notice, systemImage: "exclamationmark.triangle") }
                    CrisisLinesList(resources: plan.crisisLines)
                } header: {
                    Text("Crisis lines")
                } footer: {
                    if let caption = model.regionCaption { Text(caption) }
                }
                Section {
                    NavigationLink("Earlier versions") { SafetyPlanHistoryView(model: model, store: store) }
                } footer: {
                    Text(SafetyPlanModel.versionText(plan) + ". Every save is kept, so you and your therapist can look back.")
                }
            } else if model.loaded {
                ContentUnavailableView {
                    Label("No safety plan yet", systemImage: "list.bullet.clipboard")
                } description: {
                    Text(
                        "A safety plan is a short list, in your own words, of what helps when things get very hard: warning signs, things to do, people to call. It's good to write it with your therapist."
                    )
                } actions: {
                    Button("Write my plan") { model.edit() }
                }
            }
        }
        .navigationTitle("My safety plan")
        .crisisToolbar(store: store)
        .toolbar {
            if model.plan != nil {
                ToolbarItem(placement: .primaryAction) { Button("Edit") { model.edit() } }
            }
        }
        .task { await model.load() }
        // Swipe-to-dismiss is disabled while there are changes; without changes it is a Cancel.
        .sheet(isPresented: Binding(get: { model.isEditing }, set: { shown in if !shown { model.cancel() } })) {
            NavigationStack { SafetyPlanEditor(model: model, store: store) }
        }
    }
}

/// The plan's steps in order, each under its heading; contacts with call and message buttons.
struct SafetyPlanSteps: View {
    let steps: SafetyPlanInput
    let prompts: [SafetyPlanPrompt]
    @Environment(\.openURL) private var openURL
    /// Said when the device could not open a call or message link (an iPad, no SIM).
    @State private var unopened: String?

    var body: some View {
        if let unopened { Section { Label(unopened, systemImage: "exclamationmark.triangle") } }
        ForEach(prompts, id: \.step) { prompt in
            let lines = SafetyPlanModel.lines(steps, field: prompt.field)
            let contacts = SafetyPlanModel.contacts(steps, field: prompt.field)
            if !lines.isEmpty || !contacts.isEmpty {
                Section("\(prompt.step). \(prompt.title)") {
                    ForEach(Array(lines.enumerated()), id: \.offset) { _, line in Text(verbatim: line) }
                    ForEach(Array(contacts.enumerated()), id: \.offset) { _, contact in
                        VStack(alignment: .leading) {
                            Text(verbatim: contact.name).font(.headline)
                            // The numbers themselves, so a device that can't call (an iPad) still
                            // shows how to reach them (review 2, S3).
                            if let phone = contact.phone { Text(verbatim: phone).textSelection(.enabled) }
                            if let sms = contact.sms, sms != contact.phone { Text(verbatim: "Text: \(sms)").textSelection(.enabled) }
                            if let other = contact.other { Text(verbatim: other).font(.subheadline) }
                        }
                        ForEach(CrisisAction.actions(for: contact), id: \.url) { action in
                            Button {
                                openURL(action.url) { accepted in
                                    if !accepted { unopened = "This device can't open that. Use a phone to reach \(contact.name)." }
                                }
                            } label: {
                                Label(action.title, systemImage: action.kind == .call ? "phone.fill" : "message.fill")
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The region's crisis lines with call, text and web buttons.
struct CrisisLinesList: View {
    let resources: [CrisisResource]
    @Environment(\.openURL) private var openURL

    var body: some View {
        ForEach(resources, id: \.name) { resource in
            VStack(alignment: .leading) {
                Text(resource.name).font(.headline)
                Text(resource.description).font(.subheadline)
            }
            ForEach(CrisisAction.actions(for: resource), id: \.url) { action in
                Button(action.title) { openURL(action.url) }
            }
        }
    }
}

/// Writing or revising the plan: each step's prompt, lines to add, contacts with a number.
struct SafetyPlanEditor: View {
    @Bindable var model: SafetyPlanModel
    let store: ResetStore
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        Form {
            if let error = model.error { Section { MessageView(message: error) } }
            ForEach(model.prompts, id: \.step) { prompt in
                Section {
                    switch prompt.field {
                    case "support_contacts": contacts($model.draft.supportContacts)
                    case "professionals": contacts($model.draft.professionals)
                    default: lines(binding(prompt.field))
                    }
                } header: {
                    Text("\(prompt.step). \(prompt.title)")
                } footer: {
                    Text(prompt.prompt)
                }
            }
        }
        .navigationTitle("Edit my safety plan")
        .navigationBarTitleDisplayMode(.inline)
        .crisisToolbar(store: store)
        .interactiveDismissDisabled(model.hasChanges)
        .confirmationDialog("Discard your changes?", isPresented: $model.exit.isAskingToDiscard, titleVisibility: .visible) {
            Button("Discard changes", role: .destructive) { model.discard() }
            Button("Keep editing", role: .cancel) { model.keepEditing() }
        }
        .toolbar {
            ToolbarItem(placement: .cancellationAction) { Button("Cancel") { model.cancel() } }
            ToolbarItem(placement: .confirmationAction) {
                Button("Save") { Task { await model.save() } }.disabled(model.saving)
            }
        }
    }

    private func binding(_ field: String) -> Binding<[String]> {
        switch field {
        case "warning_signs": return $model.draft.warningSigns
        case "coping_strategies": return $model.draft.copingStrategies
        case "distractions": return $model.draft.distractions
        case "safer_surroundings": return $model.draft.saferSurroundings
        default: return $model.draft.reasonsForLiving
        }
    }

    @ViewBuilder private func lines(_ list: Binding<[String]>) -> some View {
        ForEach(list.wrappedValue.indices, id: \.self) { index in
            // Bounds-checked: SwiftUI may read a deleted row's binding once more during the
            // update that removes it (review 2, S2 — an index-out-of-range crash otherwise).
            TextField(
                "Write in your own words",
                text: Binding(
                    get: { index < list.wrappedValue.count ? list.wrappedValue[index] : "" },
                    set: { if index < list.wrappedValue.count { list.wrappedValue[index] = $0 } }),
                axis: .vertical)
        }
        .onDelete { list.wrappedValue.remove(atOffsets: $0) }
        Button {
            list.wrappedValue.append("")
        } label: {
            Label("Add a line", systemImage: "plus")
        }
    }

    @ViewBuilder private func contacts(_ list: Binding<[ContactDraft]>) -> some View {
        ForEach(list) { $contact in
            VStack(alignment: .leading) {
                TextField("Name", text: $contact.name).textContentType(.name)
                TextField("Phone number", text: $contact.phone).keyboardType(.phonePad).textContentType(.telephoneNumber)
                TextField("Number to text, if different", text: $contact.sms).keyboardType(.phonePad)
                TextField("Another way to reach them", text: $contact.other)
            }
        }
        .onDelete { list.wrappedValue.remove(atOffsets: $0) }
        Button {
            list.wrappedValue.append(ContactDraft())
        } label: {
            Label("Add someone", systemImage: "person.badge.plus")
        }
    }
}

/// Every saved version, newest first.
struct SafetyPlanHistoryView: View {
    let model: SafetyPlanModel
    let store: ResetStore

    var body: some View {
        List(model.history, id: \.version) { version in
            NavigationLink {
                List { SafetyPlanSteps(steps: version.steps, prompts: model.prompts) }
                    .navigationTitle("Version \(version.version)")
                    .crisisToolbar(store: store)
            } label: {
                VStack(alignment: .leading) {
                    Text("Version \(version.version)").font(.headline)
                    Text(SafetyPlanModel.versionText(version)).font(.subheadline).foregroundStyle(.secondary)
                }
            }
        }
        .navigationTitle("Earlier versions")
        .crisisToolbar(store: store)
        .task { await model.loadHistory() }
    }
}
