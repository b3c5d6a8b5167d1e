import ResetFeatures
import SwiftUI

/// Settings: reminders, export, backup, region, streak, Health, crisis resources, erase-all.
struct SettingsView: View {
    let store: ResetStore
    let app: AppModel
    @State private var model: SettingsModel
    @State private var showingCrisis = false

    init(store: ResetStore, app: AppModel) {
        self.store = store
        self.app = app
        _model = State(
            initialValue: SettingsModel(store: store, keyProvider: app.keyProvider, health: app.healthWriter) {
                await app.erased()
            })
    }

    var body: some View {
        @Bindable var model = model
        List {
            Section {
                Button {
                    showingCrisis = true
                } label: {
                    Label("Get help now", systemImage: "lifepreserver")
                }
            }
            if let error = model.error { Section { MessageView(message: error) } }
            Section {
                NavigationLink {
                    SafetyPlanView(store: store)
                } label: {
                    Label("My safety plan", systemImage: "list.bullet.clipboard")
                }
            }
            if let lock = app.lock { AppLockSection(lock: lock) }
            Section("Your data") {
                NavigationLink {
                    ReminderSettingsView(store: store, app: app)
                } label: {
                    Label("Reminders", systemImage: "bell")
                }
                NavigationLink {
                    ExportView(store: store)
                } label: {
                    Label("Export for your therapist", systemImage: "square.and.arrow.up")
                }
                NavigationLink {
                    BackupView(store: store, app: app)
                } label: {
                    Label("Encrypted backup", systemImage: "lock.doc")
                }
                NavigationLink {
                    AutoBackupView(store: store, app: app)
                } label: {
                    Label("Automatic backups", systemImage: "clock.arrow.circlepath")
                }
            }
            Section {
                // "Automatic" (the time zone decides) clears the preference in the core.
                Picker("Region for crisis services", selection: $model.regionChoice) {
                    Text("Automatic").tag("")
                    ForEach(SettingsModel.regions, id: \.self) { code in
                        Text(Locale.current.localizedString(forRegionCode: code) ?? code).tag(code)
                    }
                }
                Toggle(
                    "Hide my practice streak",
                    isOn: Binding(
                        get: { model.streakHidden }, set: { hidden in Task { await model.setStreakHidden(hidden) } }
                    ))
                if model.healthAvailable {
                    Toggle(
                        "Save to Apple Health",
                        isOn: Binding(
                            get: { model.healthEnabled }, set: { on in Task { await model.setHealthEnabled(on) } }
                        ))
                }
            } footer: {
                Text("Health gets meditation minutes, mood check-ins and GAD-7/PHQ-9 results — never your notes.")
            }
            Section {
                Button("Erase everything", role: .destructive) { model.requestErase() }
            } footer: {
                Text("Deletes your profile and its key from this device. Without an encrypted backup it can't be recovered.")
            }
        }
        .navigationTitle("Settings")
        .crisisToolbar(store: store)
        .task { await model.load() }
        .sheet(isPresented: $showingCrisis) { CrisisView(store: store) }
        // The dialog's isPresented is a plain flag on the model: closing it decides nothing, so the
        // destructive button's action still finds the pending erase (SettingsModel.confirmErase).
        .confirmationDialog("Erase everything?", isPresented: $model.isEraseDialogPresented, titleVisibility: .visible) {
            Button("Erase everything", role: .destructive) { Task { await model.confirmErase() } }
            Button("Cancel", role: .cancel) { model.cancelErase() }
        } message: {
            Text("All check-ins, journal entries, questionnaires and practice will be deleted. This can't be undone.")
        }
    }
}

/// The app lock (issue 20): when it locks, and whether the safety plan can be read while locked.
/// Turning it on asks the device to confirm it's you first (`AppLockModel.setPolicy`).
struct AppLockSection: View {
    let lock: AppLockModel

    var body: some View {
        Section {
            Picker(
                "Lock the app",
                selection: Binding(get: { lock.settings.policy }, set: { policy in Task { await lock.setPolicy(policy) } })
            ) {
                ForEach(LockPolicy.choices, id: \.self) { Text(Self.name($0)).tag($0) }
            }
            if lock.settings.policy.isOn {
                Toggle(
                    "Show my safety plan while locked",
                    isOn: Binding(
                        get: { lock.settings.safetyPlanVisibleWhenLocked },
                        set: { visible in Task { await lock.setSafetyPlanVisibleWhenLocked(visible) } }))
            }
            if let message = lock.message { MessageView(message: message) }
        } header: {
            Text("App lock")
        } footer: {
            Text(
                "Asks for Face ID, Touch ID or your passcode when you come back. Crisis lines can always be reached from the lock screen. The lock hides the app; your data is encrypted either way."
            )
        }
    }

    static func name(_ policy: LockPolicy) -> String {
        switch policy {
        case .off: return "Off"
        case .immediately: return "Immediately"
        case .afterOneMinute: return "After 1 minute"
        case .afterFiveMinutes: return "After 5 minutes"
        case .afterFifteenMinutes: return "After 15 minutes"
        }
    }
}

/// Reminder rules and the notification permission, explained.
struct ReminderSettingsView: View {
    @State private var model: ReminderSettingsModel? = nil
    @State private var draft = ReminderDraft()
    @State private var time = Calendar.current.date(from: DateComponents(hour: 20)) ?? Date()
    @State private var quiet = false
    @State private var quietStart = Calendar.current.date(from: DateComponents(hour: 22)) ?? Date()
    @State private var quietEnd = Calendar.current.date(from: DateComponents(hour: 7)) ?? Date()
    @State private var pausing: PausingRule?
    @State private var pauseUntil = Date().addingTimeInterval(7 * 86_400)
    @Environment(\.openURL) private var openURL
    let store: ResetStore

    init(store: ResetStore, app: AppModel) {
        self.store = store
        if let scheduler = app.scheduler {
            _model = State(initialValue: ReminderSettingsModel(store: store, scheduler: scheduler, authorizer: app.notifications))
        }
    }

    var body: some View {
        List {
            if let model {
                Section("Notifications") {
                    Label(model.permissionExplanation, systemImage: model.permission.allowsScheduling ? "bell.badge" : "bell.slash")
                    if model.showsAllowButton { Button("Allow notifications") { Task { await model.requestPermission() } } }
                    if model.showsOpenSettings, let url = URL(string: UIApplication.openNotificationSettingsURLString) {
                        Button("Open Settings") { openURL(url) }
                    }
                }
                if let error = model.error { Section { MessageView(message: error) } }
                Section("Reminders") {
                    ForEach(model.rules.value ?? [], id: \.id) { rule in
                        Toggle(
                            ReminderSettingsModel.summary(rule),
                            isOn: Binding(
                                get: { rule.enabled }, set: { on in Task { await model.setEnabled(rule.id, on) } }
                            )
                        )
                        .swipeActions(edge: .leading) {
                            if rule.pausedUntil == nil {
                                Button("Pause") { pausing = PausingRule(rule: rule) }
                            } else {
                                Button("Resume") { Task { await model.resume(rule.id) } }
                            }
                        }
                    }
                    .onDelete { indexes in
                        let ids = indexes.compactMap { model.rules.value?[$0].id }
                        Task { for id in ids { await model.remove(id) } }
                    }
                }
                Section("Add a reminder") {
                    Picker("For", selection: $draft.kind) {
                        ForEach([ActivityKind.checkin, .meditation, .journal, .programme, .assessment], id: \.self) {
                            Text(displayName($0)).tag($0)
                        }
                    }
                    DatePicker("At", selection: $time, displayedComponents: .hourAndMinute)
                    ForEach(ReminderDraft.week, id: \.self) { day in
                        Toggle(
                            displayName(day),
                            isOn: Binding(
                                get: { draft.weekdays.contains(day) },
                                set: { on in
                                    if on { draft.weekdays.insert(day) } else { draft.weekdays.remove(day) }
                                }
                            ))
                    }
                    Toggle("Skip if already done today", isOn: $draft.skipIfDone)
                    Toggle("Quiet hours", isOn: $quiet)
                    if quiet {
                        DatePicker("Quiet from", selection: $quietStart, displayedComponents: .hourAndMinute)
                        DatePicker("Quiet until", selection: $quietEnd, displayedComponents: .hourAndMinute)
                    }
                    Button("Add") {
                        draft.time = Self.wallTime(time)
                        draft.quietStart = quiet ? Self.wallTime(quietStart) : nil
                        draft.quietEnd = quiet ? Self.wallTime(quietEnd) : nil
                        let adding = draft
                        Task { await model.add(adding) }
                    }
                    .disabled(draft.weekdays.isEmpty)
                }
                Section {
                } footer: {
                    Text(
                        "Reminders say only what they're for — never your notes, moods or scores. Reminders you've already done today stay quiet."
                    )
                }
            }
        }
        .navigationTitle("Reminders")
        .crisisToolbar(store: store)
        .task { await model?.load() }
        .sheet(item: $pausing) { pausing in
            NavigationStack {
                Form {
                    DatePicker("Pause until", selection: $pauseUntil, in: Date()..., displayedComponents: .date)
                }
                .navigationTitle("Pause reminder")
                .toolbar {
                    ToolbarItem(placement: .cancellationAction) { Button("Cancel") { self.pausing = nil } }
                    ToolbarItem(placement: .confirmationAction) {
                        Button("Pause") {
                            let until = ReminderSettingsModel.localDay(pauseUntil)
                            self.pausing = nil
                            Task { await model?.pause(pausing.rule.id, until: until) }
                        }
                    }
                }
                .crisisToolbar(store: store)
            }
        }
    }

    /// `HH:MM` from a time picked on screen.
    private static func wallTime(_ date: Date) -> DateComponents {
        let parts = Calendar.current.dateComponents([.hour, .minute], from: date)
        return DateComponents(hour: parts.hour, minute: parts.minute)
    }
}

/// A rule whose pause date is being chosen, as a sheet item.
struct PausingRule: Identifiable {
    let rule: ReminderRule
    var id: String { rule.id }
}
