package app.resetcompanion.core

import app.resetcompanion.core.model.CheckIn
import app.resetcompanion.core.model.CheckInInput
import app.resetcompanion.core.model.EmotionLabel
import app.resetcompanion.core.model.Insights
import app.resetcompanion.core.model.JournalBody
import app.resetcompanion.core.model.JournalEdit
import app.resetcompanion.core.model.JournalEntry
import app.resetcompanion.core.model.JournalFilter
import app.resetcompanion.core.model.JournalInput
import app.resetcompanion.core.model.JournalKind
import app.resetcompanion.core.model.LifeArea
import app.resetcompanion.core.model.MoodDay
import app.resetcompanion.core.model.MoodKind
import app.resetcompanion.core.model.SearchHit
import java.time.Instant
import java.time.LocalDate

// Check-ins, journal entries, search and insights (issue 5) as suspend functions on ResetStore.
// Domain rules stay in Rust; instants are java.time.Instant and local days java.time.LocalDate,
// typed by the core: nothing here formats or parses a date string.

/**
 * Records how the person feels: [mood] 1 (very unpleasant) … 7 (very pleasant).
 *
 * @throws app.resetcompanion.core.model.ResetException.InvalidInput naming the field.
 */
suspend fun ResetStore.checkIn(
    mood: Int,
    labels: List<EmotionLabel> = emptyList(),
    areas: List<LifeArea> = emptyList(),
    note: String? = null,
    tags: List<String> = emptyList(),
    kind: MoodKind = MoodKind.MOMENTARY_EMOTION,
    at: Instant? = null,
): CheckIn = call { it.checkIn(CheckInInput(mood, kind, labels, areas, note, tags, at)) }

/** Check-ins whose local day lies in the range (either end open), newest first. */
suspend fun ResetStore.checkIns(from: LocalDate? = null, to: LocalDate? = null): List<CheckIn> = call { it.checkIns(from, to) }

/** Deletes a check-in for good. */
suspend fun ResetStore.deleteCheckIn(id: String) = call { it.deleteCheckIn(id) }

/** Mood per local day (default: the 30 days up to today). */
suspend fun ResetStore.moodCalendar(from: LocalDate? = null, to: LocalDate? = null): List<MoodDay> = call { it.moodCalendar(from, to) }

/** Saves a journal entry of any kind; nothing is stored if any field is invalid. */
suspend fun ResetStore.addJournalEntry(
    body: JournalBody,
    tags: List<String> = emptyList(),
    sharedWithTherapist: Boolean = false,
    at: Instant? = null,
): JournalEntry = call { it.addJournalEntry(JournalInput(body, tags, sharedWithTherapist, at)) }

/** The entry with [id]; throws `ResetException.NotFound` if it is gone. */
suspend fun ResetStore.journalEntry(id: String): JournalEntry = call { it.journalEntry(id) }

/** Entries in a local-day range, optionally of one kind, newest first. */
suspend fun ResetStore.journalEntries(from: LocalDate? = null, to: LocalDate? = null, kind: JournalKind? = null): List<JournalEntry> =
    call { it.journalEntries(JournalFilter(from, to, kind)) }

/** Changes content, tags or time; `createdAt` is kept, `updatedAt` moves. */
suspend fun ResetStore.editJournalEntry(id: String, body: JournalBody? = null, tags: List<String>? = null, at: Instant? = null): JournalEntry =
    call { it.editJournalEntry(id, JournalEdit(body, tags, at)) }

/** Deletes an entry from the table and the search index. */
suspend fun ResetStore.deleteJournalEntry(id: String) = call { it.deleteJournalEntry(id) }

/** Turns "shared with my therapist" on or off. */
suspend fun ResetStore.setSharedWithTherapist(id: String, shared: Boolean): JournalEntry = call { it.shareJournalEntry(id, shared) }

/** Full-text search, best first; snippets mark matches with `[` `]`. A malformed query throws InvalidInput on `query`. */
suspend fun ResetStore.search(query: String, limit: UInt? = null): List<SearchHit> = call { it.searchJournal(query, limit) }

/** Patterns over a range (default: the 30 days up to today). */
suspend fun ResetStore.insights(from: LocalDate? = null, to: LocalDate? = null): Insights = call { it.insights(from, to) }

/** Journal bodies built from text or from the JSON shape of `tests/fixtures/journal/<kind>.json`. */
object JournalBodies {
    /** A body of [kind] whose main field is [text] (thought: the automatic thoughts). */
    fun text(text: String, kind: JournalKind = JournalKind.FREE): JournalBody = journalBodyFromText(kind, text)

    /** Decodes the JSON record of [kind]; throws InvalidInput naming the bad field. */
    fun decode(json: String, kind: JournalKind): JournalBody = journalRecordFromJson(kind, json)
}

/** The raw value of the matching HealthKit `HKStateOfMind.Label` (shared vocabulary, see docs/healthkit-mood.md). */
val EmotionLabel.healthKitRawValue: Int get() = allEmotionLabels().indexOf(this) + 1
