package app.resetcompanion.presentation

import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.allEmotionLabels
import app.resetcompanion.core.checkIn
import app.resetcompanion.core.model.CheckIn
import app.resetcompanion.core.model.EmotionLabel
import app.resetcompanion.core.model.LifeArea
import app.resetcompanion.core.model.MoodKind

/** The check-in flow's pages, in order. */
enum class CheckInStep { MOOD, LABELS, AREAS, NOTE, DONE }

/** The check-in flow: mood 1–7, then feelings, then life areas, then an optional note. */
data class CheckInUiState(
    val step: CheckInStep = CheckInStep.MOOD,
    /** 1 (very unpleasant) … 7 (very pleasant); null until chosen. */
    val mood: Int? = null,
    val kind: MoodKind = MoodKind.MOMENTARY_EMOTION,
    val labels: Set<EmotionLabel> = emptySet(),
    val areas: Set<LifeArea> = emptySet(),
    val note: String = "",
    /** Every label the core knows, in the core's order. */
    val labelChoices: List<EmotionLabel> = emptyList(),
    val areaChoices: List<LifeArea> = LifeArea.entries,
    val saving: Boolean = false,
    /** The stored check-in once saved (step is DONE). */
    val saved: CheckIn? = null,
    val error: UiError? = null,
) {
    /** "Next" is enabled: the mood page needs a mood; the others are optional. */
    val canContinue: Boolean get() = step != CheckInStep.MOOD || mood != null
}

/** Walks the check-in pages and saves through the core, which validates and stores. */
class CheckInViewModel(private val store: ResetStore, private val platform: PlatformHooks) :
    StoreViewModel<CheckInUiState>(CheckInUiState(labelChoices = allEmotionLabels())) {

    fun selectMood(mood: Int) = update { it.copy(mood = mood, error = null) }
    fun setKind(kind: MoodKind) = update { it.copy(kind = kind) }
    fun toggleLabel(label: EmotionLabel) = update { it.copy(labels = it.labels.toggle(label)) }
    fun toggleArea(area: LifeArea) = update { it.copy(areas = it.areas.toggle(area)) }
    fun setNote(note: String) = update { it.copy(note = note) }

    /** Moves to the next page; from the note page, saves. */
    fun next() {
        val s = current
        if (!s.canContinue || s.saving) return
        when (s.step) {
            CheckInStep.MOOD -> update { it.copy(step = CheckInStep.LABELS) }
            CheckInStep.LABELS -> update { it.copy(step = CheckInStep.AREAS) }
            CheckInStep.AREAS -> update { it.copy(step = CheckInStep.NOTE) }
            CheckInStep.NOTE -> save()
            CheckInStep.DONE -> Unit
        }
    }

    /** Back one page; choices are kept. */
    fun back() = update {
        when (it.step) {
            CheckInStep.LABELS -> it.copy(step = CheckInStep.MOOD)
            CheckInStep.AREAS -> it.copy(step = CheckInStep.LABELS)
            CheckInStep.NOTE -> it.copy(step = CheckInStep.AREAS)
            else -> it
        }
    }

    /** Saves now (the "skip the rest" button is allowed once a mood is chosen). */
    fun save() {
        val s = current
        val mood = s.mood ?: return
        if (s.saving || s.step == CheckInStep.DONE) return
        update { it.copy(saving = true, error = null) }
        launchCatching({ st, e -> st.copy(saving = false, error = e) }) {
            val saved = store.checkIn(
                mood = mood,
                labels = s.labelChoices.filter { it in s.labels },
                areas = s.areaChoices.filter { it in s.areas },
                note = s.note.trim().ifEmpty { null },
                kind = s.kind,
            )
            update { it.copy(saving = false, saved = saved, step = CheckInStep.DONE) }
            // A skip-if-done check-in reminder should now stay quiet today.
            platform.remindersChanged()
        }
    }
}

internal fun <T> Set<T>.toggle(item: T): Set<T> = if (item in this) this - item else this + item
