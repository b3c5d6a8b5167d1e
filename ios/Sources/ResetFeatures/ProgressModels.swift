import Foundation
import Observation

// What the core already computes and the app now shows: practice summary and streak, insights
// with the mood calendar, check-in history, questionnaire history with the outcome indicators.
// Nothing here scores or aggregates; the models pick and word what the core returns.

/// Practice: minutes, days this week, habit strength, and the streak — which is not shown at
/// all while the person has hidden it.
@MainActor
@Observable
public final class PracticeSummaryModel {
    public private(set) var summary: Loadable<PracticeSummary> = .idle
    public private(set) var error: UserMessage?
    private let store: ResetStore

    public init(store: ResetStore) { self.store = store }

    public func load() async {
        if summary.value == nil { summary = .loading }
        do {
            summary = .loaded(try await store.practiceSummary())
        } catch {
            summary = .failed(UserMessage(error))
        }
    }

    /// The streak in words, or `nil` when hidden (or there is none): a hidden streak is
    /// neither drawn nor read out.
    public var streakText: String? {
        guard let summary = summary.value, !summary.streakHidden, let streak = summary.streak, streak > 0 else { return nil }
        return streak == 1 ? "1 day in a row" : "\(streak) days in a row"
    }

    /// "3 of 7 days this week · 45 minutes".
    public var thisWeekText: String? {
        guard let summary = summary.value else { return nil }
        return "\(summary.daysPractisedThisWeek) of 7 days this week · \(summary.minutesThisWeek) minutes"
    }

    /// Habit strength as a whole percentage (the core's 0…1).
    public var habitStrengthPercent: Int? {
        summary.value.map { Int(($0.habitStrength * 100).rounded()) }
    }

    /// Hides or shows the streak, then reloads so the screen follows at once.
    public func setStreakHidden(_ hidden: Bool) async {
        error = await failure { try await self.store.setStreakHidden(hidden) }
        await load()
    }
}

/// Insights: the mood calendar, mood by weekday and time of day, what goes with better or
/// worse mood (only above the core's minimum sample), thinking traps, and the core's caveat.
@MainActor
@Observable
public final class InsightsModel {
    public private(set) var insights: Loadable<Insights> = .idle
    private let store: ResetStore

    public init(store: ResetStore) { self.store = store }

    public func load() async {
        if insights.value == nil { insights = .loading }
        do {
            insights = .loaded(try await store.insights())
        } catch {
            insights = .failed(UserMessage(error))
        }
    }

    /// Associations the screen lists, strongest first, split by direction.
    public var better: [MoodAssociation] { associations(.better) }
    public var worse: [MoodAssociation] { associations(.worse) }

    private func associations(_ direction: MoodDirection) -> [MoodAssociation] {
        (insights.value?.associations ?? []).filter { $0.direction == direction }
            .sorted { abs($0.difference) > abs($1.difference) }
    }

    /// A calendar day in words for VoiceOver and the cell: "Mostly pleasant (3 check-ins)".
    public static func describe(_ day: MoodDay) -> String {
        let words = CheckInModel.moodWords(Int32(day.average.rounded()))
        return day.count == 1 ? "\(words) (1 check-in)" : "\(words) (\(day.count) check-ins)"
    }
}

/// Every check-in, newest first, grouped by the local day it belongs to; deletable.
@MainActor
@Observable
public final class CheckInHistoryModel {
    /// One day's check-ins.
    public struct Day: Equatable {
        public let checkIns: [CheckIn]
        /// The local day the core stored on its check-ins.
        public var localDate: DateComponents? { checkIns.first?.localDate }
    }

    public private(set) var days: Loadable<[Day]> = .idle
    public private(set) var error: UserMessage?
    private let store: ResetStore

    public init(store: ResetStore) { self.store = store }

    public func load() async {
        if days.value == nil { days = .loading }
        do {
            days = .loaded(Self.group(try await store.checkIns()))
        } catch {
            days = .failed(UserMessage(error))
        }
    }

    /// Deletes one check-in for good and reloads.
    public func delete(_ id: String) async {
        error = await failure { try await self.store.deleteCheckIn(id) }
        await load()
    }

    /// Consecutive check-ins of the same local day form one group; order is kept.
    static func group(_ checkIns: [CheckIn]) -> [Day] {
        var days: [[CheckIn]] = []
        for checkIn in checkIns {
            if let last = days.last?.last, last.localDate == checkIn.localDate {
                days[days.count - 1].append(checkIn)
            } else {
                days.append([checkIn])
            }
        }
        return days.map(Day.init)
    }
}

/// Questionnaire history (newest first; the core keeps them oldest first), per instrument or all, and the treatment-outcome
/// indicators the core derives from PHQ-9 and GAD-7 (reliable improvement, recovery, …).
@MainActor
@Observable
public final class AssessmentHistoryModel {
    public private(set) var records: Loadable<[AssessmentRecord]> = .idle
    public private(set) var outcome: EpisodeOutcome?
    /// Only this instrument's records, or all.
    public private(set) var instrument: String?
    private let store: ResetStore

    public init(store: ResetStore) { self.store = store }

    public func load() async {
        if records.value == nil { records = .loading }
        do {
            records = .loaded(Array(try await store.assessmentHistory(instrument).reversed()))
            outcome = try await store.episodeOutcome()
        } catch {
            records = .failed(UserMessage(error))
        }
    }

    /// Shows one instrument's history (or all with `nil`).
    public func show(_ instrument: String?) async {
        self.instrument = instrument
        await load()
    }

    /// The outcome indicators in words, each with whether it holds — shown with an icon and
    /// words, never colour alone. Empty until there is a first and a latest score.
    public var indicators: [(label: String, holds: Bool)] {
        guard let summary = outcome?.summary else { return [] }
        return [
            ("Reliable improvement", summary.reliableImprovement),
            ("Recovery", summary.recovery),
            ("Reliable recovery", summary.reliableRecovery),
            ("Reliable deterioration", summary.reliableDeterioration),
        ]
    }

    /// One warning line per measure that rose reliably (the core's `warningMeasures`), in words:
    /// also when the combined indicator reads "no reliable change" because the other measure
    /// fell, and whatever recovery says — one indicator never hides another. The screen shows
    /// each with a warning icon and these words, never colour alone. Empty when nothing rose.
    public var warnings: [String] {
        guard let summary = outcome?.summary else { return [] }
        let rising = summary.indicators.filter { $0.indicator == .reliableDeterioration }
            .flatMap(\.warningMeasures)
        return summary.measures.filter { rising.contains($0.measure) }.map(Self.warning)
    }

    /// "PHQ-9 rose by 6 points since the start of this episode — a reliable rise; worth talking
    /// about with your therapist."
    nonisolated static func warning(_ change: MeasureChange) -> String {
        let name = change.measure == .phq9 ? "PHQ-9" : "GAD-7"
        let points = change.change == 1 ? "1 point" : "\(change.change) points"
        return "\(name) rose by \(points) since the start of this episode (\(change.first) → \(change.last))"
            + " — a reliable rise; worth talking about with your therapist."
    }

    /// "PHQ-9: 18 → 7 (4 questionnaires)" for each instrument with a first and latest score.
    public var changes: [String] {
        guard let outcome else { return [] }
        var lines: [String] = []
        if let first = outcome.phq9First, let latest = outcome.phq9Latest {
            lines.append("PHQ-9: \(first) → \(latest) (\(outcome.phq9Count) questionnaires)")
        }
        if let first = outcome.gad7First, let latest = outcome.gad7Latest {
            lines.append("GAD-7: \(first) → \(latest) (\(outcome.gad7Count) questionnaires)")
        }
        return lines
    }
}
