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
                tabs(store)
                    .fullScreenCover(isPresented: $app.showsFirstRun) { FirstRunView { app.finishFirstRun() } }
            }
        case .opening, .working:
            ProgressView("Opening")
        case let .failed(message), let .confirmingStartOver(message):
            CantOpenView(app: app, message: message)
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
/// over after a confirmation. The crisis button stays in reach.
struct CantOpenView: View {
    let app: AppModel
    let message: UserMessage
    @State private var importing = false
    @State private var picked: URL?
    @State private var passphrase = ""
    @State private var askingStartOver = false

    var body: some View {
        NavigationStack {
            List {
                Section {
                    Label {
                        VStack(alignment: .leading) {
                            Text(message.title).font(.headline)
                            Text(message.detail)
                        }
                    } icon: {
                        Image(systemName: "lock.trianglebadge.exclamationmark")
                    }
                    Button("Try again") { app.open() }
                }
                Section {
                    if let picked {
                        Text(picked.lastPathComponent).font(.subheadline)
                        SecureField("Backup passphrase", text: $passphrase).textContentType(.password)
                        if let error = app.gate.restoreError { MessageView(message: error) }
                        Button("Restore this backup") {
                            Task {
                                await app.restoreUnreadable(from: picked, passphrase: passphrase)
                                passphrase = ""
                            }
                        }
                        .disabled(passphrase.isEmpty)
                    } else {
                        Button("Restore from a backup file…") { importing = true }
                    }
                } header: {
                    Text("Restore")
                } footer: {
                    Text("The backup is checked in full first; if it can't be opened, nothing here changes.")
                }
                Section {
                    Button("Start over…", role: .destructive) {
                        app.gate.requestStartOver()
                        askingStartOver = true
                    }
                } footer: {
                    Text("Deletes the data that can't be opened and its key, and starts an empty profile.")
                }
            }
            .navigationTitle("Can't open your data")
            .crisisToolbar(store: nil)
            .fileImporter(isPresented: $importing, allowedContentTypes: [.data]) { result in
                guard case let .success(url) = result else { return }
                let scoped = url.startAccessingSecurityScopedResource()
                defer { if scoped { url.stopAccessingSecurityScopedResource() } }
                let copy = TemporaryFiles.backups.appendingPathComponent("unreadable-restore.resetbackup")
                try? FileManager.default.createDirectory(at: TemporaryFiles.backups, withIntermediateDirectories: true)
                try? FileManager.default.removeItem(at: copy)
                if (try? FileManager.default.copyItem(at: url, to: copy)) != nil { picked = copy }
            }
            // Closing the dialog decides nothing (the gate stays asked); only its buttons do.
            .confirmationDialog("Start over?", isPresented: $askingStartOver, titleVisibility: .visible) {
                Button("Delete and start over", role: .destructive) { app.startOver() }
                Button("Cancel", role: .cancel) { app.gate.cancelStartOver() }
            } message: {
                Text("Everything in the profile that can't be opened is deleted. This can't be undone.")
            }
            .onDisappear { try? FileManager.default.removeItem(at: TemporaryFiles.backups) }
        }
    }
}

/// Shown once per profile: what the app is, and that it complements professional care.
struct FirstRunView: View {
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
            .crisisToolbar(store: nil)
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
