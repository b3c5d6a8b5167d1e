import Foundation
import Observation

/// A piece of a search snippet: the core marks matches with `[` and `]`.
public struct SnippetPart: Equatable, Sendable {
    public let text: String
    public let isMatch: Bool

    /// Splits a core snippet into plain and matched parts (for bold text, which VoiceOver reads
    /// without the brackets).
    public static func parse(_ snippet: String) -> [SnippetPart] {
        var parts: [SnippetPart] = []
        var current = ""
        var inMatch = false
        for character in snippet {
            if character == "[" || character == "]" {
                if !current.isEmpty { parts.append(SnippetPart(text: current, isMatch: inMatch)) }
                current = ""
                inMatch = character == "["
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { parts.append(SnippetPart(text: current, isMatch: inMatch)) }
        return parts
    }
}

/// The journal: entries newest first, a kind filter, and full-text search.
@MainActor
@Observable
public final class JournalModel {
    public private(set) var entries: Loadable<[JournalEntry]> = .idle
    /// Only entries of this kind, or all.
    public var kindFilter: JournalKind?
    /// The search box.
    public var query = ""
    /// Search results (best first) while a search is active, else `nil`.
    public private(set) var hits: [SearchHit]?
    public private(set) var error: UserMessage?

    /// The kinds a person can filter by or create.
    public let kinds: [JournalKind] = [.free, .thought, .gratitude, .worry, .exposure, .activity]

    private let store: ResetStore

    public init(store: ResetStore) { self.store = store }

    /// Loads the entries for the current filter.
    public func load() async {
        if entries.value == nil { entries = .loading }
        do {
            entries = .loaded(try await store.journalEntries(kind: kindFilter))
        } catch {
            entries = .failed(UserMessage(error))
        }
    }

    /// Changes the filter and reloads.
    public func filter(_ kind: JournalKind?) async {
        kindFilter = kind
        await load()
    }

    /// Runs the search in `query`; an empty query ends the search. A malformed query shows the
    /// core's explanation and keeps the previous results.
    public func search() async {
        let text = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            hits = nil
            error = nil
            return
        }
        do {
            hits = try await store.search(text)
            error = nil
        } catch {
            self.error = UserMessage(error)
        }
    }

    /// Clears the search.
    public func clearSearch() {
        query = ""
        hits = nil
        error = nil
    }

    /// Deletes an entry for good and reloads.
    public func delete(_ id: String) async {
        do {
            try await store.deleteJournalEntry(id)
            if hits != nil { await search() }
            await load()
        } catch {
            self.error = UserMessage(error)
        }
    }

    /// A one-line title for an entry in the list (the entry's own words, shown only on the device).
    public static func headline(_ entry: JournalEntry) -> String {
        let text: String
        switch entry.body {
        case let .free(record): text = record.text
        case let .thought(record): text = record.situation.isEmpty ? record.automaticThoughts : record.situation
        case let .gratitude(record): text = record.items.first ?? record.reflection
        case let .worry(record): text = record.worry
        case let .exposure(record): text = record.situation
        case let .activity(record): text = record.activity
        }
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > 80 ? String(line.prefix(79)) + "…" : line
    }
}
