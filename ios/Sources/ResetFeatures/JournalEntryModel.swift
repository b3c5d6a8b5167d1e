import Foundation
import Observation

/// Writing, reading in full and editing the journal kinds other than thought records (which have
/// `ThoughtRecordModel`): free writing, gratitude, worry, exposure and activity. Every field is
/// the core's record field; the core validates them (ratings 0–100, mastery and pleasure 0–10,
/// non-empty text) and its reason is shown next to the field it names.
@MainActor
@Observable
public final class JournalEntryModel {
    public let kind: JournalKind

    // Free writing
    public var text = ""
    // Gratitude: up to three things, and a reflection
    public var gratitudeItems = ["", "", ""]
    public var reflection = ""
    // Worry
    public var worry = ""
    public var worryType: WorryType?
    public var whatHappened = ""
    // Exposure
    public var situation = ""
    public var prediction = ""
    public var distressBefore: Int32?
    public var distressPeak: Int32?
    public var distressAfter: Int32?
    public var outcome = ""
    public var learned = ""
    // Activity
    public var activity = ""
    public var activityStatus: ActivityStatus = .planned
    public var mastery: Int32?
    public var pleasure: Int32?

    public var tags: [String] = []
    public var sharedWithTherapist = false

    public private(set) var saving = false
    public private(set) var saved: JournalEntry?
    public private(set) var error: UserMessage?
    /// Cancel, and the "Discard this entry?" question (F10).
    public var exit = EditorExit()

    private let store: ResetStore
    private let editingID: String?
    private weak var observer: ActivityObserver?
    /// What the editor started from (empty, or the saved entry), to tell whether anything changed.
    private var original: JournalDraft?

    /// The kinds this model writes (thought records have their own editor).
    public static let kinds: [JournalKind] = [.free, .gratitude, .worry, .exposure, .activity]

    /// A new entry of `kind`.
    public init(store: ResetStore, kind: JournalKind, observer: ActivityObserver? = nil) {
        self.store = store
        self.kind = kind
        self.editingID = nil
        self.observer = observer
        original = draft
    }

    /// Edits a saved entry, every field filled in from it.
    public init(store: ResetStore, editing entry: JournalEntry, observer: ActivityObserver? = nil) {
        self.store = store
        self.kind = entry.kind
        self.editingID = entry.id
        self.observer = observer
        tags = entry.tags
        sharedWithTherapist = entry.sharedWithTherapist
        switch entry.body {
        case let .free(record): text = record.text
        case let .gratitude(record):
            gratitudeItems = record.items + Array(repeating: "", count: max(0, 3 - record.items.count))
            reflection = record.reflection
        case let .worry(record):
            worry = record.worry
            worryType = record.worryType
            whatHappened = record.whatHappened
        case let .exposure(record):
            situation = record.situation
            prediction = record.prediction
            distressBefore = record.distressBefore
            distressPeak = record.distressPeak
            distressAfter = record.distressAfter
            outcome = record.outcome
            learned = record.learned
        case let .activity(record):
            activity = record.activity
            activityStatus = record.status
            mastery = record.mastery
            pleasure = record.pleasure
        case .thought: break
        }
        original = draft
    }

    /// The editor's contents, compared with what it started from.
    private var draft: JournalDraft { JournalDraft(body: body, tags: tags, shared: sharedWithTherapist) }

    /// Whether leaving now would lose something typed or changed.
    public var hasChanges: Bool { saved == nil && draft != original }

    /// "Cancel" (or Back while editing): closes, or asks first when there are changes.
    public func cancel() { exit.cancel(hasChanges: hasChanges) }
    /// "Discard" on the question.
    public func discard() { exit.discard() }
    /// "Keep editing" on the question.
    public func keepEditing() { exit.keepEditing() }

    /// Whether this edits a saved entry.
    public var isEditing: Bool { editingID != nil }

    /// The entry as the core's type (gratitude: blank lines left out).
    public var body: JournalBody {
        switch kind {
        case .gratitude:
            let items = gratitudeItems.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            return .gratitude(record: GratitudeList(items: items, reflection: reflection))
        case .worry:
            return .worry(record: WorryLog(worry: worry, worryType: worryType, whatHappened: whatHappened))
        case .exposure:
            return .exposure(
                record: ExposureRecord(
                    situation: situation, prediction: prediction, distressBefore: distressBefore, distressPeak: distressPeak,
                    distressAfter: distressAfter, outcome: outcome, learned: learned
                ))
        case .activity:
            return .activity(record: ActivityRecord(activity: activity, status: activityStatus, mastery: mastery, pleasure: pleasure))
        case .free, .thought:
            return .free(record: FreeText(text: text))
        }
    }

    /// Saves (adds or edits). Nothing is stored when the core refuses a field.
    public func save() async {
        guard !saving else { return }
        saving = true
        defer { saving = false }
        do {
            if let editingID {
                // Only sharing changed: the core refuses an edit that changes nothing else.
                let contentChanged = body != original?.body || tags != original?.tags
                let entry =
                    contentChanged
                    ? try await store.editJournalEntry(editingID, body: body, tags: tags) : try await store.journalEntry(editingID)
                saved =
                    sharedWithTherapist == entry.sharedWithTherapist
                    ? entry : try await store.setSharedWithTherapist(editingID, sharedWithTherapist)
            } else {
                saved = try await store.addJournalEntry(body, tags: tags, sharedWithTherapist: sharedWithTherapist)
                await observer?.activityRecorded()
            }
            error = nil
        } catch {
            self.error = UserMessage(error)
        }
    }
}

/// An editor's contents, for telling whether anything changed.
struct JournalDraft: Equatable {
    let body: JournalBody
    let tags: [String]
    let shared: Bool
}

/// One labelled part of an entry, for reading it in full.
public struct EntryField: Equatable, Sendable {
    public let label: String
    public let value: String
}

extension JournalEntry {
    /// Every field of the entry in reading order, empty ones left out — the whole entry, not
    /// the list's first line.
    public var fields: [EntryField] {
        func rating(_ value: Int32?, of max: Int) -> String? { value.map { "\($0) of \(max)" } }
        let pairs: [(String, String?)]
        switch body {
        case let .free(record):
            pairs = [("Entry", record.text)]
        case let .gratitude(record):
            pairs = record.items.enumerated().map { ("Grateful for (\($0.offset + 1))", $0.element) } + [("Reflection", record.reflection)]
        case let .worry(record):
            pairs = [
                ("Worry", record.worry), ("Kind of worry", record.worryType.map { displayName($0) }),
                ("What happened", record.whatHappened),
            ]
        case let .exposure(record):
            pairs = [
                ("Situation", record.situation), ("Prediction", record.prediction),
                ("Distress before", rating(record.distressBefore, of: 100)), ("Distress at its peak", rating(record.distressPeak, of: 100)),
                ("Distress after", rating(record.distressAfter, of: 100)), ("What happened", record.outcome),
                ("What I learned", record.learned),
            ]
        case let .activity(record):
            pairs = [
                ("Activity", record.activity), ("Status", displayName(record.status)),
                ("Mastery", rating(record.mastery, of: 10)), ("Pleasure", rating(record.pleasure, of: 10)),
            ]
        case let .thought(record):
            pairs = [
                ("Situation", record.situation), ("Automatic thoughts", record.automaticThoughts),
                (
                    "Emotions",
                    record.emotions.map { "\(displayName($0.label)) \($0.before)\($0.after.map { " → \($0)" } ?? "")" }.joined(
                        separator: ", ")
                ),
                ("Thinking traps", record.distortions.map { cognitiveDistortionName(distortion: $0) }.joined(separator: ", ")),
                ("Evidence for", record.evidenceFor), ("Evidence against", record.evidenceAgainst),
                ("Balanced thought", record.balancedThought),
                ("Belief before", rating(record.beliefBefore, of: 100)), ("Belief after", rating(record.beliefAfter, of: 100)),
            ]
        }
        return pairs.compactMap { label, value in
            guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
            return EntryField(label: label, value: value)
        }
    }
}
