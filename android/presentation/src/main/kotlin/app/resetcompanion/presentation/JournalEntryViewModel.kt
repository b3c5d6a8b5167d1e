package app.resetcompanion.presentation

import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.addJournalEntry
import app.resetcompanion.core.deleteJournalEntry
import app.resetcompanion.core.editJournalEntry
import app.resetcompanion.core.journalEntry
import app.resetcompanion.core.model.ActivityRecord
import app.resetcompanion.core.model.ActivityStatus
import app.resetcompanion.core.model.ExposureRecord
import app.resetcompanion.core.model.FreeText
import app.resetcompanion.core.model.GratitudeList
import app.resetcompanion.core.model.JournalBody
import app.resetcompanion.core.model.JournalEntry
import app.resetcompanion.core.model.JournalKind
import app.resetcompanion.core.model.WorryLog
import app.resetcompanion.core.model.WorryType
import app.resetcompanion.core.setSharedWithTherapist

// Writing, reading in full and editing the journal kinds other than thought records (which have
// ThoughtRecordViewModel): free writing, gratitude, worry, exposure and activity. Every field is
// the core's record field; the core validates them (ratings 0–100, mastery and pleasure 0–10,
// non-empty text) and names the field it refuses. Same shape as iOS's JournalEntryModel.

/** The form's fields, as typed; ratings stay text until saved so nothing typed is lost. */
data class JournalEntryForm(
    val text: String = "",
    val gratitudeItems: List<String> = listOf("", "", ""),
    val reflection: String = "",
    val worry: String = "",
    val worryType: WorryType? = null,
    val whatHappened: String = "",
    val situation: String = "",
    val prediction: String = "",
    val distressBefore: String = "",
    val distressPeak: String = "",
    val distressAfter: String = "",
    val outcome: String = "",
    val learned: String = "",
    val activity: String = "",
    val activityStatus: ActivityStatus = ActivityStatus.PLANNED,
    val mastery: String = "",
    val pleasure: String = "",
    val sharedWithTherapist: Boolean = false,
) {
    /** The entry as the core's type for [kind] (gratitude: blank lines left out). */
    fun body(kind: JournalKind): JournalBody = when (kind) {
        JournalKind.GRATITUDE -> JournalBody.Gratitude(GratitudeList(gratitudeItems.map { it.trim() }.filter { it.isNotEmpty() }, reflection))
        JournalKind.WORRY -> JournalBody.Worry(WorryLog(worry, worryType, whatHappened))
        JournalKind.EXPOSURE -> JournalBody.Exposure(
            ExposureRecord(situation, prediction, rating(distressBefore), rating(distressPeak), rating(distressAfter), outcome, learned),
        )
        JournalKind.ACTIVITY -> JournalBody.Activity(ActivityRecord(activity, activityStatus, rating(mastery), rating(pleasure)))
        JournalKind.FREE, JournalKind.THOUGHT -> JournalBody.Free(FreeText(text))
    }

    /** Empty: no rating. Not a whole number: sent out of range, so the core refuses it naming the field (nothing dropped silently). */
    private fun rating(s: String): Int? {
        val t = s.trim()
        return if (t.isEmpty()) null else t.toIntOrNull() ?: -1
    }

    companion object {
        /** Every field filled in from a saved entry. */
        fun of(entry: JournalEntry): JournalEntryForm {
            val base = JournalEntryForm(sharedWithTherapist = entry.sharedWithTherapist)
            fun n(v: Int?) = v?.toString().orEmpty()
            return when (val b = entry.body) {
                is JournalBody.Free -> base.copy(text = b.record.text)
                is JournalBody.Gratitude -> base.copy(
                    gratitudeItems = b.record.items + List((3 - b.record.items.size).coerceAtLeast(0)) { "" },
                    reflection = b.record.reflection,
                )
                is JournalBody.Worry -> base.copy(worry = b.record.worry, worryType = b.record.worryType, whatHappened = b.record.whatHappened)
                is JournalBody.Exposure -> with(b.record) {
                    base.copy(
                        situation = situation,
                        prediction = prediction,
                        distressBefore = n(distressBefore),
                        distressPeak = n(distressPeak),
                        distressAfter = n(distressAfter),
                        outcome = outcome,
                        learned = learned,
                    )
                }
                is JournalBody.Activity -> with(b.record) {
                    base.copy(activity = activity, activityStatus = status, mastery = n(mastery), pleasure = n(pleasure))
                }
                is JournalBody.Thought -> base
            }
        }
    }
}

/** A new entry is written; a saved one is read in full first, then edited on request. */
enum class JournalEntryMode { LOADING, READING, EDITING }

/** The journal entry screen. */
data class JournalEntryUiState(
    val kind: JournalKind,
    val mode: JournalEntryMode,
    /** The saved entry (when reading, editing, or after saving a new one). */
    val entry: JournalEntry? = null,
    val form: JournalEntryForm = JournalEntryForm(),
    val saving: Boolean = false,
    /** "Delete this entry?" is on screen; nothing is deleted until the person confirms. */
    val confirmingDelete: Boolean = false,
    /** The entry was deleted: the screen closes. */
    val deleted: Boolean = false,
    val error: UiError? = null,
) {
    /** Whether this edits an entry that already exists. */
    val isEditingSaved: Boolean get() = entry != null && mode == JournalEntryMode.EDITING

    /** The saved entry's fields in reading order, empty ones left out: the whole entry. */
    val fields: List<EntryField> get() = entry?.fields.orEmpty()
}

/**
 * Writes a new entry of [kind], or reads and edits the entry [entryId]. While editing, the form
 * is kept in [memory] on every change, so a process killed in the background comes back to the
 * words typed (review A15; `Drafts.kt`).
 */
class JournalEntryViewModel(
    private val store: ResetStore,
    private val platform: PlatformHooks,
    kind: JournalKind,
    private val entryId: String?,
    private val memory: ScreenMemory = ScreenMemory.InMemory(),
) : StoreViewModel<JournalEntryUiState>(
    JournalEntryUiState(kind, if (entryId == null) JournalEntryMode.EDITING else JournalEntryMode.LOADING),
) {
    init {
        val kept = journalEntryDraft(memory)
        // The route's entry, or the one this "new entry" screen saved before the process died (review 3, F3).
        val id = entryId ?: memory[SAVED_ENTRY]
        if (id == null) {
            if (kept != null) update { it.copy(form = kept) }
        } else {
            if (entryId == null) update { it.copy(mode = JournalEntryMode.LOADING) }
            launchCatching({ s, e -> s.copy(error = e) }) {
                val entry = store.journalEntry(id)
                val mode = if (kept != null) JournalEntryMode.EDITING else JournalEntryMode.READING
                update { it.copy(kind = entry.kind, mode = mode, entry = entry, form = kept ?: JournalEntryForm.of(entry)) }
            }
        }
    }

    /** Changes the form. */
    fun edit(change: (JournalEntryForm) -> JournalEntryForm) {
        update { it.copy(form = change(it.form), error = null) }
        if (current.mode == JournalEntryMode.EDITING) memory.keepDraft(current.form.pack())
    }

    /** From reading to editing the saved entry. */
    fun startEditing() = update { s -> s.copy(mode = JournalEntryMode.EDITING, form = s.entry?.let(JournalEntryForm::of) ?: s.form) }

    /** Back to reading without saving (a saved entry only). */
    fun cancelEditing() {
        update { s -> if (s.entry == null) s else s.copy(mode = JournalEntryMode.READING, error = null) }
        if (current.mode == JournalEntryMode.READING) memory[DRAFT] = null
    }

    /** Adds or edits through the core; nothing is stored when it refuses a field (named in [UiError.field]). */
    fun save() {
        val s = current
        if (s.saving || s.mode != JournalEntryMode.EDITING) return
        update { it.copy(saving = true, error = null) }
        launchCatching({ st, e -> st.copy(saving = false, error = e) }) {
            val body = s.form.body(s.kind)
            val existing = s.entry
            val saved = if (existing != null) {
                val edited = store.editJournalEntry(existing.id, body = body)
                if (edited.sharedWithTherapist == s.form.sharedWithTherapist) edited else store.setSharedWithTherapist(existing.id, s.form.sharedWithTherapist)
            } else {
                store.addJournalEntry(body, sharedWithTherapist = s.form.sharedWithTherapist)
            }
            update { it.copy(saving = false, mode = JournalEntryMode.READING, entry = saved, form = JournalEntryForm.of(saved)) }
            memory.clear() // stored: nothing left to restore but which entry this screen shows
            memory[SAVED_ENTRY] = saved.id
            platform.remindersChanged() // a journal reminder may now be skipped for today
        }
    }

    /** Asks "Delete this entry?" (a saved entry only). */
    fun askDelete() = update { s -> if (s.entry == null) s else s.copy(confirmingDelete = true) }

    /** Keeps the entry. */
    fun cancelDelete() = update { it.copy(confirmingDelete = false) }

    /** Deletes the saved entry for good, only after [askDelete]; then [JournalEntryUiState.deleted]. */
    fun confirmDelete() {
        val s = current
        val entry = s.entry ?: return
        if (!s.confirmingDelete) return
        update { it.copy(confirmingDelete = false) }
        launchCatching({ st, e -> st.copy(error = e) }) {
            store.deleteJournalEntry(entry.id)
            memory.clear()
            update { it.copy(deleted = true) }
            platform.remindersChanged() // skip-if-done may no longer hold for today
        }
    }

    /** Hides the error banner. */
    fun dismissError() = update { it.copy(error = null) }
}
