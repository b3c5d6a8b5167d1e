import Foundation
import Observation

/// One emotion being rated in the editor, 0–100 before and (optionally) after.
public struct EmotionDraft: Equatable, Identifiable {
    public var label: EmotionLabel
    public var before: Int32
    public var after: Int32?
    public var id: String { displayName(label) }

    public init(label: EmotionLabel, before: Int32 = 50, after: Int32? = nil) {
        self.label = label
        self.before = before
        self.after = after
    }
}

/// The thought-record editor (new or existing entry). The core validates every field; the
/// editor shows its reasons next to the field it names.
@MainActor
@Observable
public final class ThoughtRecordModel {
    public var situation = ""
    public var automaticThoughts = ""
    public var emotions: [EmotionDraft] = []
    public private(set) var distortions: [CognitiveDistortion] = []
    public var evidenceFor = ""
    public var evidenceAgainst = ""
    public var balancedThought = ""
    public var beliefBefore: Int32?
    public var beliefAfter: Int32?
    public var tags: [String] = []
    public var sharedWithTherapist = false

    public private(set) var saving = false
    public private(set) var saved: JournalEntry?
    /// The last save's error; its `field` names the core field (`emotions[0].before`, …).
    public private(set) var error: UserMessage?
    /// Cancel, and the "Discard this thought record?" question (F10).
    public var exit = EditorExit()

    /// Every thinking trap with the core's name for it.
    public let distortionChoices: [(distortion: CognitiveDistortion, name: String)] =
        allCognitiveDistortions().map { ($0, cognitiveDistortionName(distortion: $0)) }
    /// Every feeling word.
    public let emotionChoices: [EmotionLabel] = allEmotionLabels()

    private let store: ResetStore
    private let editingID: String?
    private weak var observer: ActivityObserver?
    /// What the editor started from, to tell whether anything changed.
    private var original: JournalDraft?

    /// A new thought record.
    public init(store: ResetStore, observer: ActivityObserver? = nil) {
        self.store = store
        self.editingID = nil
        self.observer = observer
        original = draft
    }

    /// Edits an existing thought record.
    public init(store: ResetStore, editing entry: JournalEntry, observer: ActivityObserver? = nil) {
        self.store = store
        self.editingID = entry.id
        self.observer = observer
        tags = entry.tags
        sharedWithTherapist = entry.sharedWithTherapist
        if case let .thought(record) = entry.body {
            situation = record.situation
            automaticThoughts = record.automaticThoughts
            emotions = record.emotions.map { EmotionDraft(label: $0.label, before: $0.before, after: $0.after) }
            distortions = record.distortions
            evidenceFor = record.evidenceFor
            evidenceAgainst = record.evidenceAgainst
            balancedThought = record.balancedThought
            beliefBefore = record.beliefBefore
            beliefAfter = record.beliefAfter
        }
        original = draft
    }

    private var draft: JournalDraft { JournalDraft(body: .thought(record: record), tags: tags, shared: sharedWithTherapist) }

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

    /// Marks or unmarks a thinking trap.
    public func toggle(_ distortion: CognitiveDistortion) {
        let chosen = distortions.contains(distortion) ? distortions.filter { $0 != distortion } : distortions + [distortion]
        distortions = allCognitiveDistortions().filter(chosen.contains)
    }

    /// Adds an emotion to rate (once each).
    public func addEmotion(_ label: EmotionLabel) {
        guard !emotions.contains(where: { $0.label == label }) else { return }
        emotions.append(EmotionDraft(label: label))
    }

    /// Removes the emotion at `index`.
    public func removeEmotion(at index: Int) {
        guard emotions.indices.contains(index) else { return }
        emotions.remove(at: index)
    }

    /// The record as the core's type.
    public var record: ThoughtRecord {
        ThoughtRecord(
            situation: situation, automaticThoughts: automaticThoughts,
            emotions: emotions.map { EmotionRating(label: $0.label, before: $0.before, after: $0.after) },
            distortions: distortions, evidenceFor: evidenceFor, evidenceAgainst: evidenceAgainst,
            balancedThought: balancedThought, beliefBefore: beliefBefore, beliefAfter: beliefAfter
        )
    }

    /// Saves (adds or edits). Nothing is stored when the core refuses a field.
    public func save() async {
        guard !saving else { return }
        saving = true
        defer { saving = false }
        do {
            if let editingID {
                // Only sharing changed: the core refuses an edit that changes nothing else.
                let contentChanged = .thought(record: record) != original?.body || tags != original?.tags
                let entry =
                    contentChanged
                    ? try await store.editJournalEntry(editingID, body: .thought(record: record), tags: tags)
                    : try await store.journalEntry(editingID)
                saved =
                    sharedWithTherapist == entry.sharedWithTherapist
                    ? entry : try await store.setSharedWithTherapist(editingID, sharedWithTherapist)
            } else {
                saved = try await store.addJournalEntry(.thought(record: record), tags: tags, sharedWithTherapist: sharedWithTherapist)
                await observer?.activityRecorded()
            }
            error = nil
        } catch {
            self.error = UserMessage(error)
        }
    }
}
