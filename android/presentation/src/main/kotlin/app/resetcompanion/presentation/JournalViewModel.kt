package app.resetcompanion.presentation

import androidx.lifecycle.viewModelScope
import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.deleteJournalEntry
import app.resetcompanion.core.journalEntries
import app.resetcompanion.core.model.JournalEntry
import app.resetcompanion.core.model.JournalKind
import app.resetcompanion.core.model.ResetException
import app.resetcompanion.core.model.SearchHit
import app.resetcompanion.core.search
import app.resetcompanion.core.setSharedWithTherapist
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch

/** The journal list with search. Its screen shows private text: it is a secure screen. */
data class JournalUiState(
    val loading: Boolean = true,
    /** Entries, newest first, of [kindFilter] when set. */
    val entries: List<JournalEntry> = emptyList(),
    val kindFilter: JournalKind? = null,
    /** The search box; blank means "show the list". */
    val query: String = "",
    /** Search hits, best first (snippets mark matches with `[` `]`); null when not searching. */
    val hits: List<SearchHit>? = null,
    val searching: Boolean = false,
    /** The entry whose "Delete this entry?" question is on screen, or null. */
    val pendingDelete: String? = null,
    val error: UiError? = null,
) {
    /** Whether the screen shows hits instead of the list. */
    val isSearching: Boolean get() = query.isNotBlank()
}

/**
 * Lists and searches journal entries through the core's full-text index. Typing is debounced
 * ([SEARCH_DEBOUNCE_MS]) so each keystroke doesn't query; a newer query cancels an older one.
 */
class JournalViewModel(private val store: ResetStore, private val platform: PlatformHooks) : StoreViewModel<JournalUiState>(JournalUiState()) {
    private var searchJob: Job? = null

    init {
        refresh()
    }

    /** The screen became visible / left: journal text must not reach screenshots or recents. */
    fun onVisible(visible: Boolean) = platform.secureWindow.setSecure(visible)

    /** Reloads the list (and re-runs the current search). */
    fun refresh() {
        update { it.copy(loading = true, error = null) }
        val kind = current.kindFilter
        launchCatching({ s, e -> s.copy(loading = false, error = e) }) {
            val entries = store.journalEntries(kind = kind)
            update { it.copy(loading = false, entries = entries) }
        }
        if (current.isSearching) runSearch(current.query, debounce = false)
    }

    /** Shows only one kind of entry, or every kind with null. */
    fun setKindFilter(kind: JournalKind?) {
        update { it.copy(kindFilter = kind) }
        refresh()
    }

    /** The search box changed. */
    fun setQuery(query: String) {
        update { it.copy(query = query, error = null) }
        runSearch(query, debounce = true)
    }

    /** Asks "Delete this entry?" for [id]; nothing is deleted until [confirmDelete]. */
    fun askDelete(id: String) = update { it.copy(pendingDelete = id) }

    /** Keeps the entry. */
    fun cancelDelete() = update { it.copy(pendingDelete = null) }

    /** Deletes the entry [askDelete] asked about. */
    fun confirmDelete() {
        val id = current.pendingDelete ?: return
        update { it.copy(pendingDelete = null) }
        delete(id)
    }

    /** Deletes an entry for good (the screen goes through [askDelete] first). */
    fun delete(id: String) = launchCatching({ s, e -> s.copy(error = e) }) {
        store.deleteJournalEntry(id)
        refresh()
    }

    /** Turns "shared with my therapist" on or off for one entry. */
    fun setShared(id: String, shared: Boolean) = launchCatching({ s, e -> s.copy(error = e) }) {
        val changed = store.setSharedWithTherapist(id, shared)
        update { s -> s.copy(entries = s.entries.map { if (it.id == id) changed else it }) }
    }

    fun dismissError() = update { it.copy(error = null) }

    private fun runSearch(query: String, debounce: Boolean) {
        searchJob?.cancel()
        if (query.isBlank()) {
            update { it.copy(hits = null, searching = false) }
            return
        }
        searchJob = viewModelScope.launch {
            if (debounce) delay(SEARCH_DEBOUNCE_MS)
            update { it.copy(searching = true) }
            try {
                val hits = store.search(query)
                update { if (it.query == query) it.copy(hits = hits, searching = false) else it }
            } catch (e: ResetException) {
                // A half-typed query can be malformed FTS syntax: say so without clearing old hits.
                update { it.copy(searching = false, error = UiError.of(e)) }
            }
        }
    }

    companion object {
        const val SEARCH_DEBOUNCE_MS = 300L
    }
}
