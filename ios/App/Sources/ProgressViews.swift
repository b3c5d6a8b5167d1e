import ResetFeatures
import SwiftUI

/// Practice summary: this week, habit strength, minutes per day, and the streak unless hidden.
struct PracticeSummaryView: View {
    let store: ResetStore
    @State private var model: PracticeSummaryModel

    init(store: ResetStore) {
        self.store = store
        _model = State(initialValue: PracticeSummaryModel(store: store))
    }

    var body: some View {
        List {
            if let error = model.error { MessageView(message: error) }
            switch model.summary {
            case .idle, .loading: ProgressView()
            case let .failed(message): MessageView(message: message)
            case let .loaded(summary):
                Section("This week") {
                    if let week = model.thisWeekText { Label(week, systemImage: "calendar") }
                    if let streak = model.streakText { Label(streak, systemImage: "flame") }
                    if let habit = model.habitStrengthPercent {
                        LabeledContent("Habit strength", value: "\(habit)%")
                    }
                }
                Section("Minutes per day") {
                    ForEach(Array(summary.minutesPerDay.enumerated()), id: \.offset) { _, day in
                        LabeledContent(day.date, value: "\(day.minutes) min")
                    }
                }
                Section {
                    Toggle(
                        "Hide my streak",
                        isOn: Binding(
                            get: { summary.streakHidden }, set: { hidden in Task { await model.setStreakHidden(hidden) } }
                        ))
                } footer: {
                    Text("Hiding the streak removes it from every screen. Your practice is still counted.")
                }
            }
        }
        .navigationTitle("Your practice")
        .crisisToolbar(store: store)
        .task { await model.load() }
    }
}

/// Insights: the mood calendar, what goes with better or worse mood, and the core's caveat.
struct InsightsView: View {
    let store: ResetStore
    @State private var model: InsightsModel

    init(store: ResetStore) {
        self.store = store
        _model = State(initialValue: InsightsModel(store: store))
    }

    var body: some View {
        List {
            switch model.insights {
            case .idle, .loading: ProgressView()
            case let .failed(message): MessageView(message: message)
            case let .loaded(insights):
                Section("Mood calendar") {
                    LazyVGrid(columns: Array(repeating: GridItem(.flexible()), count: 7)) {
                        ForEach(Array(insights.calendar.enumerated()), id: \.offset) { _, day in
                            VStack {
                                // The number is always there: mood is never shown by colour alone.
                                Text(String(format: "%.0f", day.average)).font(.headline)
                                Image(systemName: day.average >= 4 ? "sun.max" : "cloud").font(.caption)
                            }
                            .accessibilityElement(children: .ignore)
                            .accessibilityLabel("\(day.date): \(InsightsModel.describe(day))")
                        }
                    }
                }
                if !model.better.isEmpty {
                    Section("Goes with better mood") {
                        ForEach(model.better, id: \.name) { Text(displayName($0.name)) }
                    }
                }
                if !model.worse.isEmpty {
                    Section("Goes with lower mood") {
                        ForEach(model.worse, id: \.name) { Text(displayName($0.name)) }
                    }
                }
                Section {
                    LabeledContent("Check-ins", value: "\(insights.checkInCount)")
                    LabeledContent("Thought records", value: "\(insights.thoughtRecordCount)")
                } footer: {
                    Text(insights.caveat)
                }
            }
        }
        .navigationTitle("Insights")
        .crisisToolbar(store: store)
        .task { await model.load() }
    }
}

/// Every check-in by day, newest first; swipe to delete.
struct CheckInHistoryView: View {
    let store: ResetStore
    @State private var model: CheckInHistoryModel

    init(store: ResetStore) {
        self.store = store
        _model = State(initialValue: CheckInHistoryModel(store: store))
    }

    var body: some View {
        List {
            if let error = model.error { MessageView(message: error) }
            switch model.days {
            case .idle, .loading: ProgressView()
            case let .failed(message): MessageView(message: message)
            case let .loaded(days):
                if days.isEmpty { ContentUnavailableView("No check-ins yet", systemImage: "face.smiling") }
                ForEach(Array(days.enumerated()), id: \.offset) { _, day in
                    Section(day.localDate.flatMap { Calendar.current.date(from: $0) }?.formatted(date: .abbreviated, time: .omitted) ?? "")
                    {
                        ForEach(day.checkIns, id: \.id) { checkIn in
                            VStack(alignment: .leading) {
                                Text("\(checkIn.mood) – \(CheckInModel.moodWords(checkIn.mood))").font(.headline)
                                if !checkIn.labels.isEmpty {
                                    Text(checkIn.labels.map { displayName($0) }.joined(separator: ", ")).font(.subheadline)
                                }
                                if let note = checkIn.note { Text(verbatim: note).font(.subheadline).foregroundStyle(.secondary) }
                            }
                            .accessibilityElement(children: .combine)
                        }
                        .onDelete { indexes in
                            let ids = indexes.map { day.checkIns[$0].id }
                            Task { for id in ids { await model.delete(id) } }
                        }
                    }
                }
            }
        }
        .navigationTitle("Check-in history")
        .crisisToolbar(store: store)
        .task { await model.load() }
    }
}

/// Questionnaire history and the outcome indicators (progress, never a diagnosis).
struct AssessmentHistoryView: View {
    let store: ResetStore
    @State private var model: AssessmentHistoryModel

    init(store: ResetStore) {
        self.store = store
        _model = State(initialValue: AssessmentHistoryModel(store: store))
    }

    var body: some View {
        List {
            if !model.changes.isEmpty {
                Section {
                    ForEach(model.changes, id: \.self) { Text($0) }
                    // Each reliable rise on its own, with an icon and words (never colour alone).
                    ForEach(model.warnings, id: \.self) { warning in
                        Label(warning, systemImage: "exclamationmark.triangle").font(.headline)
                    }
                    ForEach(model.indicators, id: \.label) { indicator in
                        Label(
                            "\(indicator.label): \(indicator.holds ? "yes" : "not yet")",
                            systemImage: indicator.holds ? "checkmark.circle" : "circle")
                    }
                } header: {
                    Text("Since this episode of care began")
                } footer: {
                    Text("These show change over time. They are not a diagnosis; talk them through with your therapist.")
                }
            }
            switch model.records {
            case .idle, .loading: ProgressView()
            case let .failed(message): MessageView(message: message)
            case let .loaded(records):
                Section("All questionnaires") {
                    if records.isEmpty { Text("None yet.") }
                    ForEach(records, id: \.id) { record in
                        VStack(alignment: .leading) {
                            Text("\(record.instrument.uppercased()) · \(record.total) of \(record.max)").font(.headline)
                            Text("\(record.severity) · \(record.takenAtDate.formatted(date: .abbreviated, time: .omitted))").font(
                                .subheadline)
                        }
                        .accessibilityElement(children: .combine)
                    }
                }
            }
        }
        .navigationTitle("History and progress")
        .crisisToolbar(store: store)
        .task { await model.load() }
    }
}
