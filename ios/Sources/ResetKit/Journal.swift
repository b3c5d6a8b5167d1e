import Foundation

// Check-ins, journal entries, search and insights (issue 5), in Swift's idiom: instants as
// `Date`, local days as `DateComponents` (year-month-day), defaults for optional parts, `throws`
// with `ResetError`. Domain rules stay in Rust; no date text is formatted or parsed here.

extension ResetStore {
    /// Records how the person feels: `mood` 1 (very unpleasant) … 7 (very pleasant).
    ///
    /// - Throws: `ResetError.InvalidInput` naming the field (`mood`, `note`, `tags[1]`…).
    @discardableResult
    public func checkIn(
        mood: Int32,
        labels: [EmotionLabel] = [],
        areas: [LifeArea] = [],
        note: String? = nil,
        tags: [String] = [],
        kind: MoodKind = .momentaryEmotion,
        at date: Date? = nil
    ) throws -> CheckIn {
        let input = CheckInInput(
            mood: mood, kind: kind, labels: labels, areas: areas, note: note, tags: tags,
            at: date
        )
        return try companion.checkIn(input: input)
    }

    /// Check-ins whose local day lies in the range (either end open), newest first.
    public func checkIns(from: DateComponents? = nil, to: DateComponents? = nil) throws -> [CheckIn] {
        try companion.checkIns(from: from, to: to)
    }

    /// Deletes a check-in for good.
    public func deleteCheckIn(_ id: String) throws { try companion.deleteCheckIn(id: id) }

    /// Mood per local day (default: the 30 days up to today).
    public func moodCalendar(from: DateComponents? = nil, to: DateComponents? = nil) throws -> [MoodDay] {
        try companion.moodCalendar(from: from, to: to)
    }

    /// Saves a journal entry of any kind; nothing is stored if any field is invalid.
    @discardableResult
    public func addJournalEntry(
        _ body: JournalBody, tags: [String] = [], sharedWithTherapist: Bool = false, at date: Date? = nil
    ) throws -> JournalEntry {
        try companion.addJournalEntry(
            input: JournalInput(
                body: body, tags: tags, sharedWithTherapist: sharedWithTherapist, at: date
            ))
    }

    /// The entry with `id`; throws `ResetError.NotFound` if it is gone.
    public func journalEntry(_ id: String) throws -> JournalEntry { try companion.journalEntry(id: id) }

    /// Entries in a local-day range, optionally of one kind, newest first.
    public func journalEntries(from: DateComponents? = nil, to: DateComponents? = nil, kind: JournalKind? = nil) throws -> [JournalEntry] {
        try companion.journalEntries(filter: JournalFilter(from: from, to: to, kind: kind))
    }

    /// Changes content, tags or time; `createdAt` is kept, `updatedAt` moves.
    @discardableResult
    public func editJournalEntry(_ id: String, body: JournalBody? = nil, tags: [String]? = nil, at date: Date? = nil) throws -> JournalEntry
    {
        try companion.editJournalEntry(id: id, edit: JournalEdit(body: body, tags: tags, at: date))
    }

    /// Deletes an entry from the table and the search index.
    public func deleteJournalEntry(_ id: String) throws { try companion.deleteJournalEntry(id: id) }

    /// Turns "shared with my therapist" on or off.
    @discardableResult
    public func setSharedWithTherapist(_ id: String, _ shared: Bool) throws -> JournalEntry {
        try companion.shareJournalEntry(id: id, shared: shared)
    }

    /// Full-text search, best first; snippets mark matches with `[` `]`.
    ///
    /// - Throws: `ResetError.InvalidInput` on `query` for a malformed query.
    public func search(_ query: String, limit: UInt32? = nil) throws -> [SearchHit] {
        try companion.searchJournal(query: query, limit: limit)
    }

    /// Patterns over a range (default: the 30 days up to today).
    public func insights(from: DateComponents? = nil, to: DateComponents? = nil) throws -> Insights {
        try companion.insights(from: from, to: to)
    }
}

extension JournalBody {
    /// A body of `kind` whose main field is `text` (thought: the automatic thoughts).
    public static func text(_ text: String, kind: JournalKind = .free) -> JournalBody {
        journalBodyFromText(kind: kind, text: text)
    }

    /// Decodes the JSON record of `kind` (the shape of `tests/fixtures/journal/<kind>.json`).
    public static func decode(_ json: String, kind: JournalKind) throws -> JournalBody {
        try journalRecordFromJson(kind: kind, json: json)
    }
}

extension CheckIn {
    /// The instant the check-in is about.
    public var date: Date { captured.at }
    /// The local day it belongs to (fixed when it was captured).
    public var localDate: DateComponents { captured.localDate }
}

extension JournalEntry {
    /// The instant the entry is about.
    public var date: Date { captured.at }
    /// The local day it belongs to (fixed when it was captured).
    public var localDate: DateComponents { captured.localDate }
}

extension EmotionLabel {
    /// The raw value of the matching `HKStateOfMind.Label` (the core lists labels in that order).
    public var healthKitRawValue: Int { (allEmotionLabels().firstIndex(of: self) ?? 0) + 1 }
}

extension LifeArea {
    /// The raw value of the matching `HKStateOfMind.Association`.
    public var healthKitRawValue: Int { (allLifeAreas().firstIndex(of: self) ?? 0) + 1 }
}

#if canImport(HealthKit)
    import HealthKit

    @available(iOS 18.0, macOS 15.0, watchOS 11.0, visionOS 2.0, *)
    extension CheckIn {
        /// The check-in as a HealthKit sample (note and tags stay in the encrypted profile).
        public var stateOfMind: HKStateOfMind {
            HKStateOfMind(
                date: date,
                kind: kind == .dailyMood ? .dailyMood : .momentaryEmotion,
                valence: valence,
                labels: labels.compactMap { HKStateOfMind.Label(rawValue: $0.healthKitRawValue) },
                associations: areas.compactMap { HKStateOfMind.Association(rawValue: $0.healthKitRawValue) }
            )
        }
    }
#endif
