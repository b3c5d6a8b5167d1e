import ResetFeatures
import SwiftUI

/// The meditation timer: choose minutes, start, pause, stop. The session is logged by the core
/// when the time is up or when stopped (whole minutes), and written to Health if opted in.
struct MeditationTimerView: View {
    @State private var model: MeditationTimerModel

    init(store: ResetStore, app: AppModel, technique: PracticeTechnique = .meditation, minutes: UInt32 = 10, stepID: String? = nil) {
        let timer = MeditationTimerModel(store: store, observer: app) { await app.writeToHealth(HealthSample($0)) }
        timer.technique = technique
        timer.plannedMinutes = minutes
        timer.stepID = stepID
        _model = State(initialValue: timer)
    }

    var body: some View {
        @Bindable var model = model
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
                Button("Start") { model.start() }.buttonStyle(.borderedProminent)
                status
            case .running:
                HStack {
                    Button("Pause") { model.pause() }
                    Button("Stop") { Task { await model.stop() } }
                }
                .buttonStyle(.bordered)
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
        .onDisappear { if model.state == .running || model.state == .paused { Task { await model.stop() } } }
    }

    @ViewBuilder private var status: some View {
        switch model.state {
        case let .finished(session):
            Label(session.completed ? "Session complete: \(session.actualMinutes) minutes logged" : "Stopped: \(session.actualMinutes) minutes logged",
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
