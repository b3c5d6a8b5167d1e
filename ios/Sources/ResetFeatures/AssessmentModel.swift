import Foundation
import Observation

/// Taking a questionnaire, with the safety signpost always before the score (DESIGN §7).
///
/// The state machine is the guarantee: the score lives only inside `.result`, and when the core
/// returns a signpost the model enters `.signpost` — which carries the crisis resources and no
/// score — and reaches `.result` only through `acknowledgeSignpost()`. A view cannot show a score
/// it cannot get. The core scores, bands, flags and chooses the resources; nothing here does.
@MainActor
@Observable
public final class AssessmentModel {
    /// Where the person is.
    public enum Phase: Equatable {
        /// Choosing an instrument (`instruments` lists them).
        case choosing
        /// Answering item `index` (0-based) of `instrument`.
        case answering(index: Int)
        /// Every item answered: review, change any answer, then submit.
        case review
        /// The core is scoring and storing.
        case submitting
        /// Crisis resources, shown before any score. No score is reachable from here except
        /// through `acknowledgeSignpost()`.
        case signpost(Signpost)
        /// The stored result: total, band, follow-up.
        case result(TakenAssessment)
    }

    public private(set) var phase: Phase = .choosing
    public private(set) var instruments: [Instrument] = []
    /// The instrument being taken.
    public private(set) var instrument: Instrument?
    /// One slot per item; `nil` until answered.
    public private(set) var answers: [Answer?] = []
    public private(set) var error: UserMessage?
    /// The person's safety plan, shown on the signpost *after* the crisis lines (issue 20);
    /// loaded when a signpost appears, `nil` when there is none yet (the screen offers to make one).
    public private(set) var safetyPlan: SafetyPlan?

    /// Held back while the signpost is on screen; never exposed.
    private var heldResult: TakenAssessment?
    private let store: ResetStore
    private weak var observer: ActivityObserver?
    private let afterResult: ((AssessmentRecord) async -> Void)?

    /// - Parameter afterResult: runs once the result is on screen (after any signpost) — the
    ///   app writes GAD-7/PHQ-9 to Health here, never earlier.
    public init(store: ResetStore, observer: ActivityObserver? = nil, afterResult: ((AssessmentRecord) async -> Void)? = nil) {
        self.store = store
        self.observer = observer
        self.afterResult = afterResult
    }

    /// Loads the instruments the core offers.
    public func loadInstruments() async {
        do {
            instruments = try await store.instruments()
        } catch {
            self.error = UserMessage(error)
        }
    }

    /// Starts `id` from the first item.
    public func begin(_ id: String) {
        guard let chosen = instruments.first(where: { $0.id == id }) else {
            error = UserMessage(title: "Not found", detail: "That questionnaire isn't available.")
            return
        }
        instrument = chosen
        answers = Array(repeating: nil, count: chosen.items.count)
        heldResult = nil
        error = nil
        phase = chosen.items.isEmpty ? .review : .answering(index: 0)
    }

    /// The item on screen while answering.
    public var currentItem: InstrumentItem? {
        guard case let .answering(index) = phase, let instrument, instrument.items.indices.contains(index) else { return nil }
        return instrument.items[index]
    }

    /// The answers the current item offers: the instrument's options, plus "not applicable" or
    /// "prefer not to say" where the core's item allows them.
    public var currentChoices: [(answer: Answer, label: String)] {
        guard let instrument, let item = currentItem else { return [] }
        var choices = instrument.options.map { (Answer.score(value: $0.score), $0.label) }
        if item.allowsNotApplicable { choices.append((.notApplicable, "Not applicable")) }
        if item.allowsDecline { choices.append((.declined, "Prefer not to say")) }
        return choices
    }

    /// Progress through the items, e.g. "3 of 9".
    public var progressText: String {
        guard case let .answering(index) = phase else { return "" }
        return "\(index + 1) of \(answers.count)"
    }

    /// Records the answer to the current item and moves on (to review after the last).
    public func answer(_ answer: Answer) {
        guard case let .answering(index) = phase else { return }
        answers[index] = answer
        phase = index + 1 < answers.count ? .answering(index: index + 1) : .review
    }

    /// Goes back one item (from review: to the last item). Back on the first item leaves the
    /// questionnaire: nothing was stored, and the answers are dropped.
    public func back() {
        switch phase {
        case let .answering(index) where index > 0: phase = .answering(index: index - 1)
        case .answering: abandon()
        case .review where !answers.isEmpty: phase = .answering(index: answers.count - 1)
        default: break
        }
    }

    /// Leaves the questionnaire without storing anything (Cancel on any question or the review).
    /// A submitted questionnaire cannot be abandoned: after `submit()` only the signpost and the
    /// result follow.
    public func abandon() {
        switch phase {
        case .answering, .review: finish()
        case .choosing, .submitting, .signpost, .result: break
        }
    }

    /// Whether the screen offers Cancel (while answering or reviewing).
    public var canAbandon: Bool {
        switch phase {
        case .answering, .review: return true
        case .choosing, .submitting, .signpost, .result: return false
        }
    }

    /// Reopens item `index` from review to change it.
    public func change(_ index: Int) {
        guard phase == .review, answers.indices.contains(index) else { return }
        phase = .answering(index: index)
    }

    /// Stores the questionnaire. With a signpost the next phase is `.signpost`, else `.result`.
    public func submit() async {
        guard phase == .review, let instrument else { return }
        let complete = answers.compactMap { $0 }
        guard complete.count == answers.count else {
            error = UserMessage(title: "A question is unanswered", detail: "Please answer every question.")
            return
        }
        phase = .submitting
        do {
            let taken = try await store.take(instrument.id, answers: complete)
            error = nil
            await observer?.activityRecorded()
            if let signpost = taken.result.signpost {
                heldResult = taken
                // A plan that cannot be read never holds back the lines.
                safetyPlan = try? await store.safetyPlan()
                phase = .signpost(signpost)
            } else {
                await show(taken)
            }
        } catch {
            self.error = UserMessage(error)
            phase = .review
        }
    }

    /// The person has seen the crisis resources; only now the score is shown.
    public func acknowledgeSignpost() async {
        guard case .signpost = phase, let taken = heldResult else { return }
        heldResult = nil
        await show(taken)
    }

    /// Back to the list (after a result, or to abandon — nothing is stored until submit).
    public func finish() {
        phase = .choosing
        instrument = nil
        answers = []
        heldResult = nil
    }

    private func show(_ taken: TakenAssessment) async {
        phase = .result(taken)
        await afterResult?(taken.record)
    }
}
