import Foundation

/// Programmes (the Reset Series) and practice sessions.
///
/// Thin, idiomatic wrappers: instants are `Date`, local days `DateComponents`, both typed by the core.
/// The rules (unlock times, pauses, habit strength) all live in the Rust core.
extension ResetStore {
    /// Every programme on offer, sorted by id.
    public func programmes() throws -> [ProgrammeSummary] { try companion.programmes() }

    /// One programme with every step's Markdown text.
    ///
    /// - Throws: `ResetError.NotFound` for an unknown id.
    public func programme(_ id: String) throws -> Programme { try companion.programme(id: id) }

    /// Enrols in a programme. One structured programme runs at a time; free practice is always open.
    ///
    /// Starting the one in progress changes nothing; one left earlier is picked up where it was.
    /// - Throws: `ResetError.Conflict` while another programme is in progress.
    @discardableResult
    public func startProgramme(_ id: String, at date: Date? = nil) throws -> ProgrammeProgress {
        try companion.startProgramme(id: id, at: date)
    }

    /// Today's steps: done today, open now, or opening next (with `unlockDate`).
    public func programmeToday() throws -> ProgrammeToday { try companion.programmeToday() }

    /// Every step of the current programme, or `nil` when none is in progress.
    public func programmeProgress() throws -> ProgrammeProgress? { try companion.programmeProgress() }

    /// Marks a step done. Doing it twice is harmless (`alreadyCompleted`).
    ///
    /// - Throws: `ResetError.Conflict`, naming when the step opens, if it is still locked;
    ///   nothing is stored.
    @discardableResult
    public func completeStep(_ stepId: String, at date: Date? = nil) throws -> StepCompletion {
        try companion.completeProgrammeStep(stepId: stepId, at: date)
    }

    /// Sets the programme in progress aside (progress is kept). Returns its id, if any.
    @discardableResult
    public func leaveProgramme() throws -> String? { try companion.leaveProgramme() }

    /// Clears a pause after a break, or picks up the programme left most recently.
    @discardableResult
    public func resumeProgramme() throws -> ProgrammeProgress { try companion.resumeProgramme() }

    /// Begins a programme (default: the current one) again; the earlier run is kept as history.
    @discardableResult
    public func restartProgramme(_ id: String? = nil) throws -> ProgrammeProgress {
        try companion.restartProgramme(id: id)
    }

    /// Logs a practice session. Without `startedAt` it ended just now.
    ///
    /// - Throws: `ResetError.InvalidInput` (field `minutes` or `planned`) outside 1–720 minutes.
    @discardableResult
    public func logPractice(
        _ technique: PracticeTechnique,
        minutes: UInt32,
        planned: UInt32? = nil,
        completed: Bool = true,
        startedAt: Date? = nil,
        stepId: String? = nil
    ) throws -> PracticeSession {
        try companion.logPracticeSession(
            input: PracticeSessionInput(
                technique: technique,
                actualMinutes: minutes,
                plannedMinutes: planned,
                completed: completed,
                startedAt: startedAt,
                stepId: stepId
            ))
    }

    /// Sessions between two local days (either open), oldest first.
    public func practiceSessions(from: DateComponents? = nil, to: DateComponents? = nil) throws -> [PracticeSession] {
        try companion.practiceSessions(from: from, to: to)
    }

    /// One session by its id (`ps_…`), or by the number that was its id before (`legacyId`).
    /// Throws `ResetError.NotFound` if none.
    public func practiceSession(_ id: String) throws -> PracticeSession { try companion.practiceSession(id: id) }

    /// Minutes per day and week, days practised this week, habit strength, and the streak unless hidden.
    public func practiceSummary(from: DateComponents? = nil, to: DateComponents? = nil) throws -> PracticeSummary {
        try companion.practiceSummary(from: from, to: to)
    }

    /// Hides (or shows) the streak; the gentler measures always stay.
    public func setStreakHidden(_ hidden: Bool) throws { try companion.setStreakHidden(hidden: hidden) }
}

extension StepProgress {
    /// When a locked step opens.
    public var unlockDate: Date? { unlocksAt?.at }
    /// When the step was completed.
    public var completedDate: Date? { completedAt?.at }
}

extension PracticeSession {
    /// Start of the session (HealthKit `startDate`).
    public var startDate: Date { started.at }
    /// End of the session (HealthKit `endDate`).
    public var endDate: Date { endedAt }
    /// The IANA zone the person was in.
    public var timeZone: String { started.timeZone }
    /// The local day it counts for.
    public var localDate: DateComponents { started.localDate }
}

#if canImport(HealthKit)
    import HealthKit

    extension PracticeSession {
        /// This session as a HealthKit mindful-minutes sample, ready for `HKHealthStore.save`.
        ///
        /// The external id lets a re-sync recognise samples it already wrote.
        public var mindfulSample: HKCategorySample {
            HKCategorySample(
                type: HKCategoryType(.mindfulSession),
                value: HKCategoryValue.notApplicable.rawValue,
                start: startDate,
                end: endDate,
                metadata: [HKMetadataKeyExternalUUID: externalId, HKMetadataKeyTimeZone: timeZone]
            )
        }
    }
#endif
