package app.resetcompanion.presentation

import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.addJournalEntry
import app.resetcompanion.core.deleteJournalEntry
import app.resetcompanion.core.editJournalEntry
import app.resetcompanion.core.journalEntry
import app.resetcompanion.core.model.CognitiveDistortion
import app.resetcompanion.core.model.EmotionLabel
import app.resetcompanion.core.model.EmotionRating
import app.resetcompanion.core.model.JournalBody
import app.resetcompanion.core.model.JournalEntry
import app.resetcompanion.core.model.ResetException
import app.resetcompanion.core.model.ThoughtRecord
import app.resetcompanion.core.setSharedWithTherapist

/** The editable fields of a thought record (the seven-column CBT form), as the editor holds them. */
data class ThoughtRecordDraft(
    val situation: String = "",
    val automaticThoughts: String = "",
    /** Emotions with intensity 0–100 before and (after re-rating) after. */
    val emotions: List<EmotionRating> = emptyList(),
    val distortions: Set<CognitiveDistortion> = emptySet(),
    val evidenceFor: String = "",
    val evidenceAgainst: String = "",
    val balancedThought: String = "",
    /** Belief in the automatic thought, 0–100, before and after. */
    val beliefBefore: Int? = null,
    val beliefAfter: Int? = null,
    val tags: List<String> = emptyList(),
    val sharedWithTherapist: Boolean = false,
) {
    /** The core record; the core validates ranges and required fields on save. */
    fun toRecord() = ThoughtRecord(
        situation = situation.trim(),
        automaticThoughts = automaticThoughts.trim(),
        emotions = emotions,
        distortions = CognitiveDistortion.entries.filter { it in distortions },
        evidenceFor = evidenceFor.trim(),
        evidenceAgainst = evidenceAgainst.trim(),
        balancedThought = balancedThought.trim(),
        beliefBefore = beliefBefore,
        beliefAfter = beliefAfter,
    )

    companion object {
        /** The draft for editing a stored entry. */
        fun of(entry: JournalEntry): ThoughtRecordDraft? {
            val r = (entry.body as? JournalBody.Thought)?.record ?: return null
            return ThoughtRecordDraft(
                r.situation, r.automaticThoughts, r.emotions, r.distortions.toSet(), r.evidenceFor,
                r.evidenceAgainst, r.balancedThought, r.beliefBefore, r.beliefAfter, entry.tags, entry.sharedWithTherapist,
            )
        }
    }
}

/** The thought-record editor; a secure screen (it holds private text). */
data class ThoughtRecordUiState(
    /** The stored entry being edited, or null for a new record. */
    val entryId: String? = null,
    val loading: Boolean = false,
    val draft: ThoughtRecordDraft = ThoughtRecordDraft(),
    val saving: Boolean = false,
    /** The stored entry after a successful save. */
    val saved: JournalEntry? = null,
    /** "Delete this entry?" is on screen (a stored record only). */
    val confirmingDelete: Boolean = false,
    /** The record was deleted: the screen closes. */
    val deleted: Boolean = false,
    /** A failed save names the field to highlight in [UiError.field] (e.g. `situation`, `emotions[0].before`). */
    val error: UiError? = null,
)

/**
 * Edits a new or stored thought record; the core validates and stores it. The draft is kept in
 * [memory] on every change, so a process killed while the person looked something up comes
 * back to it (review A15; `Drafts.kt`).
 */
class ThoughtRecordViewModel(
    private val store: ResetStore,
    private val platform: PlatformHooks,
    entryId: String?,
    private val memory: ScreenMemory = ScreenMemory.InMemory(),
) : StoreViewModel<ThoughtRecordUiState>(
    (entryId ?: memory[SAVED_ENTRY]).let { id -> ThoughtRecordUiState(entryId = id, loading = id != null) },
) {

    init {
        val kept = thoughtRecordDraft(memory)
        val entryId = current.entryId // the route's, or the one this screen saved before the process died
        if (kept != null) {
            update { it.copy(loading = false, draft = kept) }
        } else if (entryId != null) {
            launchCatching({ s, e -> s.copy(loading = false, error = e) }) {
                val entry = store.journalEntry(entryId)
                val draft = ThoughtRecordDraft.of(entry)
                    ?: throw ResetException.InvalidInput("entry", "not a thought record")
                update { it.copy(loading = false, draft = draft) }
            }
        }
    }

    /** The editor became visible / left: see [SecureWindow]. */
    fun onVisible(visible: Boolean) = platform.secureWindow.setSecure(visible)

    /** Changes any text or number field: `edit { it.copy(situation = text) }`. */
    fun edit(change: (ThoughtRecordDraft) -> ThoughtRecordDraft) {
        update { it.copy(draft = change(it.draft), saved = null) }
        memory.keepDraft(current.draft.pack())
    }

    /** Adds (or re-rates) an emotion's intensity before examining the thought. */
    fun rateEmotionBefore(label: EmotionLabel, before: Int) = edit { d ->
        val existing = d.emotions.indexOfFirst { it.label == label }
        val rating = EmotionRating(label, before, d.emotions.getOrNull(existing)?.after)
        d.copy(emotions = if (existing < 0) d.emotions + rating else d.emotions.toMutableList().also { it[existing] = rating })
    }

    /** Re-rates an emotion after the balanced thought. */
    fun rateEmotionAfter(label: EmotionLabel, after: Int?) = edit { d ->
        d.copy(emotions = d.emotions.map { if (it.label == label) it.copy(after = after) else it })
    }

    fun removeEmotion(label: EmotionLabel) = edit { d -> d.copy(emotions = d.emotions.filterNot { it.label == label }) }
    fun toggleDistortion(d: CognitiveDistortion) = edit { it.copy(distortions = it.distortions.toggle(d)) }

    /** Saves: adds a new entry, or replaces the stored one's content and tags. */
    fun save() {
        val s = current
        if (s.saving || s.loading) return
        update { it.copy(saving = true, error = null) }
        launchCatching({ st, e -> st.copy(saving = false, error = e) }) {
            val body = JournalBody.Thought(s.draft.toRecord())
            var entry = if (s.entryId == null) {
                store.addJournalEntry(body, tags = s.draft.tags, sharedWithTherapist = s.draft.sharedWithTherapist)
            } else {
                store.editJournalEntry(s.entryId, body = body, tags = s.draft.tags)
            }
            if (entry.sharedWithTherapist != s.draft.sharedWithTherapist) {
                entry = store.setSharedWithTherapist(entry.id, s.draft.sharedWithTherapist)
            }
            update { it.copy(saving = false, saved = entry, entryId = entry.id) }
            memory.clear() // stored: nothing left to restore but which entry this screen now edits
            memory[SAVED_ENTRY] = entry.id
            platform.remindersChanged()
        }
    }

    /** Asks "Delete this entry?" (a stored record only). */
    fun askDelete() = update { s -> if (s.entryId == null) s else s.copy(confirmingDelete = true) }

    /** Keeps the record. */
    fun cancelDelete() = update { it.copy(confirmingDelete = false) }

    /** Deletes the stored record for good, only after [askDelete]. */
    fun confirmDelete() {
        val s = current
        val id = s.entryId ?: return
        if (!s.confirmingDelete) return
        update { it.copy(confirmingDelete = false) }
        launchCatching({ st, e -> st.copy(error = e) }) {
            store.deleteJournalEntry(id)
            memory.clear()
            update { it.copy(deleted = true) }
            platform.remindersChanged()
        }
    }

    fun dismissError() = update { it.copy(error = null) }
}
