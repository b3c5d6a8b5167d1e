import Foundation

// `HKHealthStore` behind `HealthStoring` (Apple platforms only; the decisions are in
// HealthSync.swift and tested on Linux). Needs the HealthKit capability and an
// `NSHealthUpdateUsageDescription` in the app's Info.plist. Reads nothing from Health.

#if canImport(HealthKit)
    import HealthKit

    /// The real Health store. Sendable: it only holds an `HKHealthStore`, which is safe to use from
    /// any thread, and has no mutable state of its own.
    public final class HealthKitStore: HealthStoring, @unchecked Sendable {
        private let store = HKHealthStore()

        public init() {}

        public var capabilities: HealthCapabilities {
            if #available(iOS 18.0, macOS 15.0, watchOS 11.0, visionOS 2.0, *) {
                return HealthCapabilities(healthDataAvailable: HKHealthStore.isHealthDataAvailable(), hasIOS18Types: true)
            }
            return HealthCapabilities(healthDataAvailable: HKHealthStore.isHealthDataAvailable(), hasIOS18Types: false)
        }

        private func types(_ kind: HealthDataKind) -> [HKSampleType] {
            switch kind {
            case .mindfulMinutes:
                return [HKCategoryType(.mindfulSession)]
            case .stateOfMind:
                if #available(iOS 18.0, macOS 15.0, watchOS 11.0, visionOS 2.0, *) { return [HKObjectType.stateOfMindType()] }
                return []
            case .assessments:
                if #available(iOS 18.0, macOS 15.0, watchOS 11.0, visionOS 2.0, *) {
                    return [HKScoredAssessmentType(.GAD7), HKScoredAssessmentType(.PHQ9)]
                }
                return []
            }
        }

        public func authorization(for kind: HealthDataKind) -> HealthAuthorization {
            let statuses = types(kind).map { store.authorizationStatus(for: $0) }
            if statuses.isEmpty || statuses.contains(.sharingDenied) { return statuses.isEmpty ? .notDetermined : .denied }
            if statuses.contains(.notDetermined) { return .notDetermined }
            return .authorized
        }

        public func requestAuthorization(for kinds: Set<HealthDataKind>) async throws {
            let share = Set(kinds.flatMap(types))
            guard !share.isEmpty else { return }
            try await store.requestAuthorization(toShare: share, read: [])
        }

        public func save(_ samples: [HealthSample]) async throws {
            let objects = samples.compactMap(object)
            guard !objects.isEmpty else { return }
            try await store.save(objects)
        }

        private func object(_ sample: HealthSample) -> HKObject? {
            switch sample {
            case let .mindfulSession(start, end, externalID, timeZone):
                return HKCategorySample(
                    type: HKCategoryType(.mindfulSession), value: HKCategoryValue.notApplicable.rawValue,
                    start: start, end: end,
                    metadata: [
                        HKMetadataKeyExternalUUID: externalID, HKMetadataKeyTimeZone: timeZone,
                        HKMetadataKeySyncIdentifier: externalID, HKMetadataKeySyncVersion: HealthSample.syncVersion,
                    ]
                )
            case let .stateOfMind(date, daily, valence, labels, associations, syncID, timeZone):
                guard #available(iOS 18.0, macOS 15.0, watchOS 11.0, visionOS 2.0, *) else { return nil }
                return HKStateOfMind(
                    date: date, kind: daily ? .dailyMood : .momentaryEmotion, valence: valence,
                    labels: labels.compactMap(HKStateOfMind.Label.init(rawValue:)),
                    associations: associations.compactMap(HKStateOfMind.Association.init(rawValue:)),
                    metadata: Self.metadata(syncID, timeZone)
                )
            case let .assessment(instrument, date, answers, syncID, timeZone):
                guard #available(iOS 18.0, macOS 15.0, watchOS 11.0, visionOS 2.0, *) else { return nil }
                if instrument == "gad7" {
                    let mapped = answers.compactMap(Self.gad7)
                    guard mapped.count == answers.count else { return nil }
                    return HKGAD7Assessment(date: date, answers: mapped, metadata: Self.metadata(syncID, timeZone))
                }
                return HKPHQ9Assessment(date: date, answers: answers.map(Self.phq9), metadata: Self.metadata(syncID, timeZone))
            }
        }

        private static func metadata(_ syncID: String, _ timeZone: String) -> [String: Any] {
            [HKMetadataKeySyncIdentifier: syncID, HKMetadataKeySyncVersion: HealthSample.syncVersion, HKMetadataKeyTimeZone: timeZone]
        }

        @available(iOS 18.0, macOS 15.0, watchOS 11.0, visionOS 2.0, *)
        private static func gad7(_ answer: HealthAssessmentAnswer) -> HKGAD7Assessment.Answer? {
            switch answer {
            case .notAtAll: return .notAtAll
            case .severalDays: return .severalDays
            case .moreThanHalfTheDays: return .moreThanHalfTheDays
            case .nearlyEveryDay: return .nearlyEveryDay
            case .preferNotToAnswer: return nil
            }
        }

        @available(iOS 18.0, macOS 15.0, watchOS 11.0, visionOS 2.0, *)
        private static func phq9(_ answer: HealthAssessmentAnswer) -> HKPHQ9Assessment.Answer {
            switch answer {
            case .notAtAll: return .notAtAll
            case .severalDays: return .severalDays
            case .moreThanHalfTheDays: return .moreThanHalfTheDays
            case .nearlyEveryDay: return .nearlyEveryDay
            case .preferNotToAnswer: return .preferNotToAnswer
            }
        }
    }
#endif
