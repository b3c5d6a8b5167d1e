import ResetFeatures
import SwiftUI

/// The meditation timer: choose minutes, start, pause, stop. The timer itself is the app's one
/// shared `MeditationTimerModel`, so leaving this screen or switching tabs never ends a session;
/// it is logged when the time is up (even if that happens while the phone is locked) or when
/// stopped (whole minutes), and written to Health if opted in.
struct MeditationTimerView: View {
    let app: AppModel
    let technique: PracticeTechnique
    let minutes: UInt32
    let stepID: String?

    init(app: AppModel, technique: PracticeTechnique = .meditation, minutes: UInt32 = 10, stepID: String? = nil) {
        self.app = app
        self.technique = technique
        self.minutes = minutes
        self.stepID = stepID
    }

    var body: some View {
        if let model = app.meditation {
            TimerScreen(model: model, store: app.store)
                // Ignored while a session is under way, and when this same route appears again
                // (a tab switch and back keeps the chosen minutes; MeditationTimerModel.prepare).
                .onAppear { model.prepare(technique: technique, minutes: minutes, stepID: stepID) }
        }
    }
}

private struct TimerScreen: View {
    @Bindable var model: MeditationTimerModel
    let store: ResetStore?

    var body: some View {
        VStack(spacing: 24) {
            Text(model.remainingText)
                .font(.system(.largeTitle, design: .rounded).monospacedDigit())
                .accessibilityLabel("\(model.remainingSeconds / 60) minutes \(model.remainingSeconds % 60) seconds left")
                .accessibilityAddTraits(.updatesFrequently)
            switch model.state {
            case .ready, .tooShortToLog, .failed, .finished:
                Stepper("\(model.plannedMinutes) minutes", value: $model.plannedMinutes, in: 1...120)
                Picker("Technique", selection: $model.technique) {
                    ForEach([PracticeTechnique.meditation, .breathing, .bodyScan, .other], id: \.self) { Text(displayName($0)).tag($0) }
                }
                Button("Start") { Task { await model.startWithEndBell() } }.buttonStyle(.borderedProminent)
                status
            case .running:
                HStack {
                    Button("Pause") { model.pause() }
                    Button("Stop") { Task { await model.stop() } }
                }
                .buttonStyle(.bordered)
                Text(model.lockedBellNote)
                    .font(.footnote).foregroundStyle(.secondary).multilineTextAlignment(.center)
            case .paused:
                HStack {
                    Button("Resume") { model.resume() }
                    Button("Stop") { Task { await model.stop() } }
                }
                .buttonStyle(.bordered)
            }
        }
        .padding()
        .navigationTitle(displayName(model.technique))
        .crisisToolbar(store: store)
    }

    @ViewBuilder private var status: some View {
        switch model.state {
        case let .finished(session):
            Label(
                session.completed
                    ? "Session complete: \(session.actualMinutes) minutes logged" : "Stopped: \(session.actualMinutes) minutes logged",
                systemImage: "checkmark.circle")
        case .tooShortToLog:
            Label("Stopped in the first minute, so nothing was logged.", systemImage: "info.circle")
        case let .failed(message):
            MessageView(message: message)
        default:
            EmptyView()
        }
    }
}
