import ResetFeatures
import SwiftUI

/// Today: check-in, today's programme step, practice, and a due questionnaire.
struct TodayView: View {
    let store: ResetStore
    let app: AppModel
    @State private var model: TodayModel
    @State private var checkingIn = false
    @Environment(\.scenePhase) private var scenePhase

    init(store: ResetStore, app: AppModel) {
        self.store = store
        self.app = app
        _model = State(initialValue: TodayModel(store: store))
    }

    var body: some View {
        List {
            switch model.state {
            case .idle, .loading:
                ProgressView("Loading today").frame(maxWidth: .infinity)
            case let .failed(message):
                MessageView(message: message)
            case let .loaded(today):
                Section("Check in") {
                    if let latest = today.checkIns.first {
                        Label(
                            "Checked in at \(latest.date.formatted(date: .omitted, time: .shortened)): \(CheckInModel.moodWords(latest.mood))",
                            systemImage: "checkmark.circle")
                    }
                    Button {
                        checkingIn = true
                    } label: {
                        Label(today.hasCheckedIn ? "Check in again" : "How are you feeling?", systemImage: "face.smiling")
                    }
                }
                if let step = today.step, let id = today.programmeID, let title = today.programmeTitle {
                    Section(title) {
                        NavigationLink {
                            StepView(store: store, programmeID: id, stepID: step.id, app: app)
                        } label: {
                            StepRow(step: step)
                        }
                    }
                }
                Section("Your progress") {
                    NavigationLink {
                        CheckInHistoryView(store: store)
                    } label: {
                        Label("Check-in history", systemImage: "list.bullet")
                    }
                    NavigationLink {
                        InsightsView(store: store)
                    } label: {
                        Label("Insights and mood calendar", systemImage: "calendar")
                    }
                }
                Section("Practice") {
                    Label("\(today.practiceMinutesToday) minutes today", systemImage: "timer")
                    NavigationLink("Start a meditation") { MeditationTimerView(app: app) }
                }
                if !today.dueAssessments.isEmpty {
                    Section("Due today") {
                        ForEach(today.dueAssessments, id: \.instrument) { due in
                            Button {
                                app.tab = .assessments
                            } label: {
                                Label(due.title, systemImage: "list.clipboard")
                            }
                            .accessibilityHint("Opens questionnaires")
                        }
                    }
                }
            }
        }
        .navigationTitle("Today")
        .crisisToolbar(store: store)
        .task { await model.load() }
        .refreshable { await model.load() }
        // Back from the background (a reminder's Done, a new day): reload.
        .onChange(of: scenePhase) { _, phase in
            if phase == .active { Task { await model.sceneDidBecomeActive() } }
        }
        // Across midnight while on screen: sleep until the next local day, then reload if the
        // core's today moved (TodayModel.secondsUntilNextDay / dayMayHaveChanged).
        .task(id: model.state.value?.date) {
            try? await Task.sleep(for: .seconds(model.secondsUntilNextDay() + 1))
            if !Task.isCancelled { await model.dayMayHaveChanged() }
        }
        .onReceive(NotificationCenter.default.publisher(for: .NSCalendarDayChanged).receive(on: DispatchQueue.main)) { _ in
            Task { await model.dayMayHaveChanged() }
        }
        .sheet(isPresented: $checkingIn, onDismiss: reload) {
            CheckInFlowView(store: store, app: app)
        }
    }

    /// Reloads after a sheet closes (an entry or check-in may have been saved).
    private func reload() { Task { await model.load() } }
}

/// A programme step's row: title, kind, minutes and its state in words and an icon.
struct StepRow: View {
    let step: StepProgress

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(step.title).font(.headline)
            Label(status, systemImage: icon).font(.subheadline).foregroundStyle(.secondary)
        }
        .accessibilityElement(children: .combine)
    }

    private var status: String {
        switch step.status {
        case .available: return "\(displayName(step.kind)) · \(step.minutes) min · Open now"
        case .done: return "Done"
        case .locked:
            if let date = step.unlockDate { return "Opens \(date.formatted(date: .abbreviated, time: .shortened))" }
            return step.waitNote ?? "Not open yet"
        }
    }

    private var icon: String {
        switch step.status {
        case .available: return "circle"
        case .done: return "checkmark.circle.fill"
        case .locked: return "lock"
        }
    }
}
