import ResetFeatures
import SwiftUI
import UniformTypeIdentifiers

/// Tabs over the open profile, the first-run screen, or the "can't open" screen.
struct RootView: View {
    @Bindable var app: AppModel

    var body: some View {
        switch app.gate.phase {
        case .open:
            if let store = app.store {
                if let offer = app.restoreOffer, offer.isShown {
                    AutoBackupRestoreView(offer: offer, app: app)
                } else {
                    tabs(store)
                        .fullScreenCover(isPresented: $app.showsFirstRun) { FirstRunView(store: store) { app.finishFirstRun() } }
                }
            }
        case .opening:
            // The Keychain read and the open run off the main actor (ProfileGate.open, F1).
            ProgressView("Opening")
        case .failed, .waitingForUnlock, .confirmingStartOver, .working:
            // Stays on screen while a restore or start-over works (F3): the gate owns the
            // backup copy, and this screen shows the progress.
            CantOpenView(app: app)
        }
    }

    private func tabs(_ store: ResetStore) -> some View {
        TabView(selection: $app.tab) {
            NavigationStack { TodayView(store: store, app: app) }
                .tabItem { Label("Today", systemImage: "sun.max") }
                .tag(AppRoute.today)
            NavigationStack { JournalView(store: store, app: app) }
                .tabItem { Label("Journal", systemImage: "book") }
                .tag(AppRoute.journal)
            NavigationStack { PracticeView(store: store, app: app) }
                .tabItem { Label("Practice", systemImage: "leaf") }
                .tag(AppRoute.practice)
            NavigationStack { AssessmentsView(store: store, app: app) }
                .tabItem { Label("Questionnaires", systemImage: "list.clipboard") }
                .tag(AppRoute.assessments)
            NavigationStack { SettingsView(store: store, app: app) }
                .tabItem { Label("Settings", systemImage: "gearshape") }
                .tag(AppRoute.settings)
        }
        .id(app.generation)  // a restore or erase reloads every screen
    }
}

/// The profile cannot be opened: why, and the ways forward — try again, restore from an
/// encrypted backup (verified before it replaces anything, `ProfileGate.restore`), or start
/// over after a confirmation. While the key only waits for the device to be unlocked there is
/// no start-over (F12). The crisis button lists the lines for the device's zone (F5).
struct CantOpenView: View {
    let app: AppModel
    @State private var importing = false
    @State private var passphrase = ""
    @State private var askingStartOver = false

    var body: some View {
        @Bindable var gate = app.gate
        NavigationStack {
            List {
                Section {
                    if let message = gate.problem {
                        Label {
                            VStack(alignment: .leading) {
                                Text(message.title).font(.headline)
                                Text(message.detail)
                            }
                        } icon: {
                            Image(systemName: "lock.trianglebadge.exclamationmark")
                        }
                    }
                    if case .working = gate.phase {
                        ProgressView("Working — this takes a few seconds")
                    } else {
                        Button("Try again") { Task { await app.open() } }
                    }
                }
                if gate.offersStartOver {
                    restoreSection(gate)
                    Section {
                        Button("Start over…", role: .destructive) {
                            gate.requestStartOver()
                            askingStartOver = true
                        }
                    } footer: {
                        Text("Deletes the data that can't be opened and its key, and starts an empty profile.")
                    }
                }
            }
            .navigationTitle("Can't open your data")
            .crisisToolbar(store: nil)
            .fileImporter(isPresented: $importing, allowedContentTypes: [.data]) { result in
                guard case let .success(url) = result else { return }
                let scoped = url.startAccessingSecurityScopedResource()
                defer { if scoped { url.stopAccessingSecurityScopedResource() } }
                // The gate keeps its own copy and deletes it only after the restore (F3).
                gate.importBackup(url)
            }
            // Closing the dialog decides nothing (the gate stays asked); only its buttons do.
            .confirmationDialog("Start over?", isPresented: $askingStartOver, titleVisibility: .visible) {
                Button("Delete and start over", role: .destructive) { Task { await app.startOver() } }
                Button("Cancel", role: .cancel) { gate.cancelStartOver() }
            } message: {
                Text("Everything in the profile that can't be opened is deleted. This can't be undone.")
            }
        }
    }

    @ViewBuilder private func restoreSection(_ gate: ProfileGate) -> some View {
        Section {
            if let name = gate.pickedName {
                Text(name).font(.subheadline)
                SecureField("Backup passphrase", text: $passphrase).textContentType(.password)
                Button("Restore this backup") {
                    Task {
                        await app.restoreUnreadable(passphrase: passphrase)
                        passphrase = ""
                    }
                }
                .disabled(passphrase.isEmpty)
                Button("Choose another file…") { importing = true }
            } else {
                Button("Restore from a backup file…") { importing = true }
            }
            if let error = gate.restoreError { MessageView(message: error) }
        } header: {
            Text("Restore")
        } footer: {
            Text("The backup is checked in full first; if it can't be opened, nothing here changes.")
        }
    }
}

/// Shown once per profile: what the app is, and that it complements professional care.
struct FirstRunView: View {
    /// The open profile: its region's crisis lines behind the lifebuoy (F4).
    let store: ResetStore
    let onDone: () -> Void

    var body: some View {
        NavigationStack {
            List {
                ForEach(FirstRun.points, id: \.text) { point in
                    Label(point.text, systemImage: point.symbol)
                }
                Section {
                    Button("I understand", action: onDone).bold()
                }
            }
            .navigationTitle("Welcome")
            .crisisToolbar(store: store)
        }
        .interactiveDismissDisabled()
    }
}

extension View {
    /// Adds the "Get help now" button to the navigation bar: crisis resources one tap away on
    /// every screen.
    func crisisToolbar(store: ResetStore?) -> some View { modifier(CrisisToolbar(store: store)) }
}

/// The toolbar button and its sheet.
struct CrisisToolbar: ViewModifier {
    let store: ResetStore?
    @State private var showing = false

    func body(content: Content) -> some View {
        content
            .toolbar {
                ToolbarItem(placement: .topBarTrailing) {
                    Button {
                        showing = true
                    } label: {
                        Label("Get help now", systemImage: "lifepreserver")
                    }
                    .accessibilityHint("Shows crisis phone lines and text services")
                }
            }
            .sheet(isPresented: $showing) { CrisisView(store: store) }
    }
}

/// Shows an error's title and detail inline (VoiceOver reads both).
struct MessageView: View {
    let message: UserMessage

    var body: some View {
        Label {
            VStack(alignment: .leading) {
                Text(message.title).font(.headline)
                if !message.detail.isEmpty { Text(message.detail).font(.subheadline) }
            }
        } icon: {
            Image(systemName: "exclamationmark.triangle")
        }
        .accessibilityElement(children: .combine)
    }
}
