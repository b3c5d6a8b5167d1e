import ResetFeatures
import SwiftUI

/// Tabs over the open profile, or an explanation when it cannot be opened.
struct RootView: View {
    @Bindable var app: AppModel

    var body: some View {
        switch app.phase {
        case let .open(store):
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
            .id(app.generation) // a restore or erase reloads every screen
        case let .failed(message):
            NavigationStack {
                ContentUnavailableView {
                    Label(message.title, systemImage: "lock.trianglebadge.exclamationmark")
                } description: {
                    Text(message.detail)
                } actions: {
                    Button("Try again") { app.open() }
                }
                .crisisToolbar(store: nil)
            }
        }
    }
}

/// Blurs the app whenever it is not active, so the app switcher's snapshot shows nothing
/// private (journal text, moods, scores).
struct PrivacyOverlay: ViewModifier {
    let scenePhase: ScenePhase

    func body(content: Content) -> some View {
        content.overlay {
            if scenePhase != .active {
                ZStack {
                    Rectangle().fill(.regularMaterial)
                    Label("Reset Companion", systemImage: "leaf.circle")
                        .font(.title2)
                        .foregroundStyle(.secondary)
                }
                .ignoresSafeArea()
                .accessibilityHidden(true)
            }
        }
    }
}

extension View {
    /// Hides the content from the app switcher (see `PrivacyOverlay`).
    func privacyOverlay(scenePhase: ScenePhase) -> some View { modifier(PrivacyOverlay(scenePhase: scenePhase)) }

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
                    Button { showing = true } label: {
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
