import ResetFeatures
import SwiftUI

/// Questionnaires: pick one, answer item by item, review, then — if the core says so — the
/// crisis signpost, and only then the score. The view renders `AssessmentModel.Phase`; it has no
/// way to show a score outside `.result`.
struct AssessmentsView: View {
    let store: ResetStore
    @State private var model: AssessmentModel

    /// The questionnaire to open on its first question (from a programme step), if any.
    private let start: String?

    init(store: ResetStore, app: AppModel, start: String? = nil) {
        self.store = store
        self.start = start
        _model = State(initialValue: AssessmentModel(store: store, observer: app) { await app.writeToHealth(HealthSample($0)) })
    }

    var body: some View {
        Group {
            switch model.phase {
            case .choosing: chooser
            case .answering: question
            case .review: review
            case .submitting: ProgressView("Saving")
            case let .signpost(signpost):
                SignpostView(signpost: signpost, plan: model.safetyPlan, store: store) { Task { await model.acknowledgeSignpost() } }
            case let .result(taken): ResultView(taken: taken) { model.finish() }
            }
        }
        .navigationTitle(model.instrument?.title ?? "Questionnaires")
        .toolbar {
            if model.canAbandon {
                ToolbarItem(placement: .cancellationAction) {
                    Button("Cancel") { model.abandon() }.accessibilityHint("Leaves this questionnaire; nothing is saved")
                }
            }
        }
        .crisisToolbar(store: store)
        .task {
            if model.instruments.isEmpty { await model.loadInstruments() }
            if let start, model.phase == .choosing, model.instrument == nil { model.begin(start) }
        }
    }

    private var chooser: some View {
        List {
            if let error = model.error { MessageView(message: error) }
            NavigationLink {
                AssessmentHistoryView(store: store)
            } label: {
                Label("History and progress", systemImage: "chart.line.uptrend.xyaxis")
            }
            Section {
                ForEach(model.instruments, id: \.id) { instrument in
                    Button {
                        model.begin(instrument.id)
                    } label: {
                        VStack(alignment: .leading) {
                            Text(instrument.title).font(.headline)
                            Text("\(instrument.items.count) questions · \(instrument.recallPeriod)").font(.subheadline).foregroundStyle(
                                .secondary)
                        }
                    }
                    .foregroundStyle(.primary)
                }
            } footer: {
                Text("These questionnaires track how you're doing over time. They are not a diagnosis.")
            }
        }
    }

    private var question: some View {
        List {
            if let instrument = model.instrument, let item = model.currentItem {
                Section {
                    Text(instrument.instructions).font(.subheadline).foregroundStyle(.secondary)
                    Text(item.text).font(.title3).accessibilityAddTraits(.isHeader)
                } header: {
                    Text(model.progressText).accessibilityLabel("Question \(model.progressText)")
                }
                Section {
                    ForEach(Array(model.currentChoices.enumerated()), id: \.offset) { _, choice in
                        Button(choice.label) { model.answer(choice.answer) }
                    }
                }
            }
        }
        .toolbar {
            ToolbarItem(placement: .bottomBar) {
                // On the first question Back leaves the questionnaire (AssessmentModel.back).
                Button("Back") { model.back() }
            }
        }
    }

    private var review: some View {
        List {
            if let error = model.error { MessageView(message: error) }
            if let instrument = model.instrument {
                ForEach(Array(instrument.items.enumerated()), id: \.offset) { index, item in
                    Button {
                        model.change(index)
                    } label: {
                        VStack(alignment: .leading) {
                            Text(item.text)
                            Text(label(for: model.answers[index], in: instrument)).font(.subheadline).foregroundStyle(.secondary)
                        }
                    }
                    .foregroundStyle(.primary)
                    .accessibilityHint("Change this answer")
                }
            }
            Button("Submit") { Task { await model.submit() } }.bold()
        }
        .toolbar {
            ToolbarItem(placement: .bottomBar) { Button("Back") { model.back() } }
        }
    }

    private func label(for answer: Answer?, in instrument: Instrument) -> String {
        switch answer {
        case let .score(value)?: return instrument.options.first { $0.score == value }?.label ?? "\(value)"
        case .notApplicable?: return "Not applicable"
        case .declined?: return "Prefer not to say"
        case nil: return "Not answered"
        }
    }
}

/// The safety signpost: the core's crisis resources, shown before any score.
struct SignpostView: View {
    let signpost: Signpost
    /// The person's safety plan, shown after the lines (issue 20).
    let plan: SafetyPlan?
    let store: ResetStore
    let onContinue: () -> Void
    @Environment(\.openURL) private var openURL

    var body: some View {
        List {
            Section {
                Label {
                    Text(CrisisRegionText.signpostIntro(for: signpost))
                } icon: {
                    Image(systemName: "heart.text.square")
                }
            }
            if let notice = CrisisRegionText.fallbackNotice(for: signpost) {
                Section { Label(notice, systemImage: "exclamationmark.triangle") }
            }
            ForEach(signpost.resources, id: \.name) { resource in
                Section(resource.name) {
                    Text(resource.description)
                    ForEach(CrisisAction.actions(for: resource), id: \.url) { action in
                        Button(action.title) { openURL(action.url) }
                    }
                }
            }
            if let plan {
                Section {
                    Text("My safety plan").font(.title3.bold()).accessibilityAddTraits(.isHeader)
                }
                SafetyPlanSteps(steps: plan.steps, prompts: SafetyPlanModel.stepPrompts)
            } else {
                Section {
                    NavigationLink("Write a safety plan") { SafetyPlanView(store: store) }
                } footer: {
                    Text("A short plan in your own words for getting through a very hard time, one tap from every screen.")
                }
            }
            Section {
                Button("Continue to my results", action: onContinue)
            } footer: {
                Text(
                    "\(CrisisRegionText.caption(regionName: signpost.regionName, isFallback: signpost.regionIsFallback)). "
                        + "You can reach them any time from the lifebuoy button."
                )
            }
        }
    }
}

/// The result: total, band in words with an icon (never colour alone), and the core's follow-up.
struct ResultView: View {
    let taken: TakenAssessment
    let onDone: () -> Void

    var body: some View {
        List {
            Section {
                LabeledContent("Score", value: "\(taken.result.total) of \(taken.result.max)")
                Label(taken.result.severityLabel, systemImage: "chart.bar")
                if taken.result.prorated {
                    Text("One question was skipped, so the score was estimated from your other answers.").font(.footnote)
                }
                if let followUp = taken.result.followUp { Text(followUp) }
            }
            Section { Button("Done", action: onDone) }
        }
    }
}
