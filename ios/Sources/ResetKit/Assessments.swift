import Foundation

// Questionnaires (issue 4) in Swift's idiom: integer literals for answers, `Date` for instants,
// defaults for optional parts, `throws` with `ResetError`. Scoring, bands, signposts and
// outcomes stay in Rust; see docs/healthkit-assessments.md for the HealthKit mapping.

/// `[1, 2, .declined]` reads as an answer list: an integer literal is the option's score.
extension Answer: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: UInt8) { self = .score(value: value) }
}

extension Answer {
    /// Parses the text form `1,2,na,decline` shared with the CLI and the golden fixtures.
    ///
    /// - Throws: `ResetError.InvalidInput` naming `answers[i]` (0-based).
    public static func list(_ text: String) throws -> [Answer] { try parseAssessmentAnswers(text: text) }
}

extension SignpostReason {
    /// The stable snake_case id used in JSON and the therapist export (`self_harm_thoughts`).
    public var id: String {
        switch self {
        case .selfHarmThoughts: return "self_harm_thoughts"
        case .severeTotal: return "severe_total"
        case .item9Declined: return "item9_declined"
        }
    }
}

extension OutcomeCategory {
    /// The stable snake_case id used in JSON (`reliable_recovery`, `not_caseness`, …).
    public var id: String {
        switch self {
        case .notCaseness: return "not_caseness"
        case .reliableRecovery: return "reliable_recovery"
        case .recovery: return "recovery"
        case .reliableImprovement: return "reliable_improvement"
        case .reliableDeterioration: return "reliable_deterioration"
        case .noReliableChange: return "no_reliable_change"
        }
    }
}

extension AssessmentRecord {
    /// When it was completed.
    public var takenAtDate: Date { taken.at }
    /// The local day it belongs to.
    public var localDate: DateComponents { taken.localDate }
}

extension SafetyEvent {
    /// When the signpost was shown.
    public var occurredAtDate: Date { occurred.at }
}

extension ResetStore {
    /// Every instrument with its items, answer options, bands and citation. On the actor, like
    /// every call into the core, so no screen calls it on the main thread (issue 19, F13).
    public func instruments() throws -> [Instrument] { try assessmentInstruments() }

    /// Scores answers without storing them. Show `result.signpost` (when present) *before*
    /// the score; it lists the crisis resources for the person's region.
    ///
    /// - Parameter region: `GB`, `US` or `IE`; default: the `region` preference, else the zone, else GB.
    /// - Throws: `ResetError.InvalidInput` naming `answers[i]`, `instrument` or `region`.
    public func score(_ instrument: String, answers: [Answer], region: String? = nil) throws -> AssessmentResult {
        try companion.scoreAssessment(instrument: instrument, answers: answers, region: region)
    }

    /// Scores and stores a completed questionnaire; a signpost is recorded as a safety event.
    /// Nothing is stored when the answers are invalid.
    @discardableResult
    public func take(
        _ instrument: String, answers: [Answer], at date: Date? = nil, region: String? = nil
    ) throws -> TakenAssessment {
        try companion.takeAssessment(
            instrument: instrument, answers: answers,
            takenAt: date, region: region
        )
    }

    /// Stored results, oldest first; only one instrument's when given.
    public func assessmentHistory(_ instrument: String? = nil) throws -> [AssessmentRecord] {
        try companion.assessmentHistory(instrument: instrument)
    }

    /// One stored result by its id (`as_…`), or by the number that was its id before (a
    /// `legacyId` saved by an older version of the app). Throws `ResetError.NotFound` if none.
    public func assessment(_ id: String) throws -> AssessmentRecord { try companion.assessment(id: id) }

    /// Starts a new episode of care on a local day (default today); outcomes count from it.
    @discardableResult
    public func startEpisode(on startDate: DateComponents? = nil) throws -> Episode {
        try companion.startAssessmentEpisode(startDate: startDate)
    }

    /// The current episode's first and latest PHQ-9 and GAD-7 and, once it has both, its
    /// NHS Talking Therapies outcome (progress, never a diagnosis).
    public func episodeOutcome() throws -> EpisodeOutcome { try companion.assessmentOutcome() }

    /// The NHS Talking Therapies outcome for given first and last totals.
    public func outcome(phq9: (first: UInt32, last: UInt32), gad7: (first: UInt32, last: UInt32)) throws -> OutcomeSummary {
        try assessmentOutcomeForScores(
            scores: OutcomeScores(
                phq9First: phq9.first, phq9Last: phq9.last, gad7First: gad7.first, gad7Last: gad7.last
            ))
    }

    /// What is due today and next; a programme adds its own measurement points.
    public func dueAssessments(adding points: [MeasurementPoint] = []) throws -> DueReport {
        try companion.assessmentsDue(extraPoints: points)
    }

    /// The cadence in force for every instrument.
    public func cadences() throws -> [Cadence] { try companion.assessmentCadences() }

    /// Sets how often an instrument is due (1–366 days), or `nil` to stop scheduling it.
    @discardableResult
    public func setCadence(_ instrument: String, everyDays: UInt32?) throws -> Cadence {
        try companion.setAssessmentCadence(instrument: instrument, everyDays: everyDays)
    }

    /// Every time a crisis signpost was shown, oldest first.
    public func safetyEvents() throws -> [SafetyEvent] { try companion.safetyEvents() }

    /// Crisis resources for a "get help now" button: `region`, else the person's region.
    public func crisisResources(region: String? = nil) throws -> [CrisisResource] {
        try companion.crisisResources(region: region)
    }

    /// `crisisResources(region:)` with the region they are for; when `regionIsFallback`, say
    /// plainly that these are another country's services (no covered region matched).
    public func crisisRegion(region: String? = nil) throws -> CrisisRegion {
        try companion.crisisRegion(region: region)
    }
}

/// Crisis lines without an open profile: the "can't open" screen's "get help now" (issue 19,
/// F5). The data is the core's static, versioned file, so nothing needs the encrypted profile.
public enum CrisisLines {
    /// The resources for `region`, else the region `timeZone` suggests, else the default
    /// region (GB). Runs off the caller's actor.
    ///
    /// - Throws: `ResetError.InvalidInput` naming `region` or `time_zone`.
    public static func withoutProfile(region: String? = nil, timeZone: TimeZone = .current) async throws -> [CrisisResource] {
        try await Task.detached { try crisisResourcesWithoutProfile(region: region, timeZone: timeZone.identifier) }.value
    }

    /// `withoutProfile` with the region the lines are for and whether it is only the fallback.
    ///
    /// - Throws: `ResetError.InvalidInput` naming `region` or `time_zone`.
    public static func regionWithoutProfile(region: String? = nil, timeZone: TimeZone = .current) async throws -> CrisisRegion {
        try await Task.detached { try crisisRegionWithoutProfile(region: region, timeZone: timeZone.identifier) }.value
    }
}
