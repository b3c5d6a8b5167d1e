import Foundation
import Observation

/// The check-in flow: mood, then feelings, then life areas, then an optional note.
@MainActor
@Observable
public final class CheckInModel {
    /// The flow's pages, in order.
    public enum Step: Int, CaseIterable, Comparable {
        case mood, feelings, areas, note, saved
        public static func < (a: Step, b: Step) -> Bool { a.rawValue < b.rawValue }
    }

    public private(set) var step: Step = .mood
    /// 1 (very unpleasant) … 7 (very pleasant); `nil` until chosen.
    public var mood: Int32?
    public var kind: MoodKind = .momentaryEmotion
    public private(set) var labels: [EmotionLabel] = []
    public private(set) var areas: [LifeArea] = []
    public var note = ""
    public private(set) var saving = false
    public private(set) var saved: CheckIn?
    public private(set) var error: UserMessage?

    /// Every feeling word, in the core's (HealthKit's) order.
    public let labelChoices: [EmotionLabel] = allEmotionLabels()
    /// Every life area, in the core's order.
    public let areaChoices: [LifeArea] = allLifeAreas()
    /// The mood scale, 1…7.
    public static let moodScale: ClosedRange<Int32> = 1...7

    private let store: ResetStore
    private weak var observer: ActivityObserver?
    private let afterSaving: ((CheckIn) async -> Void)?

    /// - Parameter afterSaving: runs once the check-in is stored (the app writes State of Mind here).
    public init(store: ResetStore, observer: ActivityObserver? = nil, afterSaving: ((CheckIn) async -> Void)? = nil) {
        self.store = store
        self.observer = observer
        self.afterSaving = afterSaving
    }

    /// Words for a mood on the 1…7 scale (the same words as HealthKit's valence classes).
    public static func moodWords(_ mood: Int32) -> String {
        [
            "Very unpleasant", "Unpleasant", "Slightly unpleasant", "Neutral",
            "Slightly pleasant", "Pleasant", "Very pleasant",
        ][Int(min(max(mood, 1), 7)) - 1]
    }

    /// Whether the current page lets the person go on (a mood must be chosen first).
    public var canContinue: Bool { step == .mood ? mood != nil : step < .saved }

    /// Goes to the next page; from the note page, use `save()`.
    public func next() {
        guard canContinue, step < .note, let following = Step(rawValue: step.rawValue + 1) else { return }
        step = following
    }

    /// Goes back one page (not after saving).
    public func back() {
        guard step > .mood, step < .saved, let previous = Step(rawValue: step.rawValue - 1) else { return }
        step = previous
    }

    /// Selects or deselects a feeling.
    public func toggle(_ label: EmotionLabel) {
        let chosen = labels.contains(label) ? labels.filter { $0 != label } : labels + [label]
        labels = labelChoices.filter(chosen.contains)
    }

    /// Selects or deselects a life area.
    public func toggle(_ area: LifeArea) {
        let chosen = areas.contains(area) ? areas.filter { $0 != area } : areas + [area]
        areas = areaChoices.filter(chosen.contains)
    }

    /// Stores the check-in; on success the flow shows `.saved`, on error it stays put with `error`.
    public func save() async {
        guard let mood, !saving, saved == nil else { return }
        saving = true
        defer { saving = false }
        do {
            let trimmed = note.trimmingCharacters(in: .whitespacesAndNewlines)
            let checkIn = try await store.checkIn(
                mood: mood, labels: labels, areas: areas, note: trimmed.isEmpty ? nil : trimmed, kind: kind)
            saved = checkIn
            error = nil
            step = .saved
            await observer?.activityRecorded()
            await afterSaving?(checkIn)
        } catch {
            self.error = UserMessage(error)
        }
    }
}
