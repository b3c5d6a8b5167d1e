import Foundation

// The HealthKit writer's decisions (issue 9): what to write, when, and whether it is allowed.
//
// Opt-in and off by default (the `health.write` preference inside the encrypted profile).
// Practice sessions become mindful minutes, check-ins `HKStateOfMind` (docs/healthkit-mood.md),
// GAD-7 and PHQ-9 results scored assessments (docs/healthkit-assessments.md). The mapping is
// plain Swift over the core's records, so it runs on Linux; `HealthKitStore.swift` turns the
// values into HealthKit objects on Apple platforms. Nothing here scores, bands or flags — the
// core did that; notes, tags and scores never go to Health (HealthKit derives its own score).

/// A kind of data the app can write to Health.
public enum HealthDataKind: String, CaseIterable, Sendable {
    case mindfulMinutes
    case stateOfMind
    case assessments
}

/// Write permission for one kind, as HealthKit reports it.
public enum HealthAuthorization: Equatable, Sendable {
    case notDetermined
    case denied
    case authorized
}

/// What the device offers.
public struct HealthCapabilities: Equatable, Sendable {
    /// `HKHealthStore.isHealthDataAvailable()` (false on some iPads and Macs).
    public var healthDataAvailable: Bool
    /// State of Mind and scored assessments need iOS 18.
    public var hasIOS18Types: Bool

    public init(healthDataAvailable: Bool, hasIOS18Types: Bool) {
        self.healthDataAvailable = healthDataAvailable
        self.hasIOS18Types = hasIOS18Types
    }

    /// Whether `kind` exists on this device.
    public func supports(_ kind: HealthDataKind) -> Bool {
        guard healthDataAvailable else { return false }
        return kind == .mindfulMinutes || hasIOS18Types
    }
}

/// An answer in HealthKit's GAD-7/PHQ-9 vocabulary (mapped by case, never by raw value).
public enum HealthAssessmentAnswer: Equatable, Sendable {
    case notAtAll, severalDays, moreThanHalfTheDays, nearlyEveryDay, preferNotToAnswer
}

/// A sample ready for HealthKit, in plain values.
public enum HealthSample: Equatable, Sendable {
    /// Mindful minutes for a practice session.
    case mindfulSession(start: Date, end: Date, externalID: String, timeZone: String)
    /// A check-in as State of Mind; labels and associations are HealthKit raw values.
    case stateOfMind(date: Date, daily: Bool, valence: Double, labels: [Int], associations: [Int], syncID: String, timeZone: String)
    /// A GAD-7 (`instrument == "gad7"`) or PHQ-9 (`"phq9"`) result.
    case assessment(instrument: String, date: Date, answers: [HealthAssessmentAnswer], syncID: String, timeZone: String)

    /// The kind of data, for authorization.
    public var kind: HealthDataKind {
        switch self {
        case .mindfulSession: return .mindfulMinutes
        case .stateOfMind: return .stateOfMind
        case .assessment: return .assessments
        }
    }

    /// `HKMetadataKeySyncVersion`: re-writing the same id replaces rather than duplicates.
    public static let syncVersion = 1

    /// Mindful minutes for a session (HealthKit's own `mindfulSession` category).
    public init(_ session: PracticeSession) {
        self = .mindfulSession(start: session.startDate, end: session.endDate, externalID: session.externalId, timeZone: session.timeZone)
    }

    /// State of Mind for a check-in (its instant is typed, so this never fails today). The note and tags stay behind.
    public init?(_ checkIn: CheckIn) {
        let date = checkIn.date
        self = .stateOfMind(
            date: date, daily: checkIn.kind == .dailyMood, valence: checkIn.valence,
            labels: checkIn.labels.map(\.healthKitRawValue), associations: checkIn.areas.map(\.healthKitRawValue),
            syncID: "reset-checkin-\(checkIn.id)", timeZone: checkIn.captured.timeZone
        )
    }

    /// A scored assessment for GAD-7 and PHQ-9 results; `nil` for every other instrument and
    /// for answers HealthKit cannot hold (docs/healthkit-assessments.md: skipped, not guessed).
    public init?(_ record: AssessmentRecord) {
        guard record.instrument == "gad7" || record.instrument == "phq9" else { return nil }
        var answers: [HealthAssessmentAnswer] = []
        for (index, answer) in record.answers.enumerated() {
            switch answer {
            case .score(value: 0): answers.append(.notAtAll)
            case .score(value: 1): answers.append(.severalDays)
            case .score(value: 2): answers.append(.moreThanHalfTheDays)
            case .score(value: 3): answers.append(.nearlyEveryDay)
            // Only PHQ-9 item 9 may be declined in HealthKit's vocabulary.
            case .declined where record.instrument == "phq9" && index == 8: answers.append(.preferNotToAnswer)
            default: return nil
            }
        }
        self = .assessment(
            instrument: record.instrument, date: record.takenAtDate, answers: answers,
            syncID: "reset-assessment-\(record.id)", timeZone: record.taken.timeZone
        )
    }
}

/// Why a sample was not written.
public enum HealthSkipReason: Equatable, Sendable {
    /// The person has not turned Health writing on (the default).
    case notOptedIn
    /// The device has no Health data, or not this type (before iOS 18).
    case unsupported
    /// HealthKit write access for this type is not granted.
    case notAuthorized(HealthAuthorization)
}

/// The decision for one sample.
public enum HealthWriteDecision: Equatable, Sendable {
    case write(HealthSample)
    case skip(HealthSkipReason)

    /// Decides whether `sample` may be written now.
    public static func decide(
        _ sample: HealthSample, optedIn: Bool, capabilities: HealthCapabilities, authorization: HealthAuthorization
    ) -> HealthWriteDecision {
        guard optedIn else { return .skip(.notOptedIn) }
        guard capabilities.supports(sample.kind) else { return .skip(.unsupported) }
        guard authorization == .authorized else { return .skip(.notAuthorized(authorization)) }
        return .write(sample)
    }
}

/// The part of `HKHealthStore` the writer needs: a protocol so tests use a fake.
public protocol HealthStoring: AnyObject, Sendable {
    /// What the device offers.
    var capabilities: HealthCapabilities { get }
    /// Write permission for `kind`.
    func authorization(for kind: HealthDataKind) -> HealthAuthorization
    /// Shows HealthKit's permission sheet for `kinds`.
    func requestAuthorization(for kinds: Set<HealthDataKind>) async throws
    /// Saves samples.
    func save(_ samples: [HealthSample]) async throws
}

/// Writes the person's data to Health when, and only when, they opted in and granted access.
///
/// Call `record` after the thing happened and was shown: a check-in saved, a session logged, an
/// assessment result (and any signpost) displayed (docs/healthkit-assessments.md, "Safety").
public final class HealthWriter: Sendable {
    /// The preference holding the opt-in (`"true"` when on).
    public static let preference = "health.write"

    private let store: ResetStore
    private let health: HealthStoring

    public init(store: ResetStore, health: HealthStoring) {
        self.store = store
        self.health = health
    }

    /// What the device offers.
    public var capabilities: HealthCapabilities { health.capabilities }

    /// Whether the person turned Health writing on.
    public func isEnabled() async throws -> Bool { try await store.preference(Self.preference) == "true" }

    /// Turns Health writing on (asking HealthKit for the types this device supports) or off.
    public func setEnabled(_ enabled: Bool) async throws {
        if enabled {
            let kinds = Set(HealthDataKind.allCases.filter(health.capabilities.supports))
            if !kinds.isEmpty { try await health.requestAuthorization(for: kinds) }
        }
        try await store.setPreference(Self.preference, enabled ? "true" : "false")
    }

    /// Decides and, when allowed, saves one sample. Returns the decision.
    @discardableResult
    public func record(_ sample: HealthSample) async throws -> HealthWriteDecision {
        let decision = HealthWriteDecision.decide(
            sample, optedIn: try await isEnabled(), capabilities: health.capabilities,
            authorization: health.authorization(for: sample.kind)
        )
        if case let .write(sample) = decision { try await health.save([sample]) }
        return decision
    }
}
