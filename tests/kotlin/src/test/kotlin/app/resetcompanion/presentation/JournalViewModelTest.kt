package app.resetcompanion.presentation

import app.resetcompanion.core.JournalBodies
import app.resetcompanion.core.addJournalEntry
import app.resetcompanion.core.fixture
import app.resetcompanion.core.journalEntries
import app.resetcompanion.core.journalEntry
import app.resetcompanion.core.model.CognitiveDistortion
import app.resetcompanion.core.model.EmotionLabel
import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.JournalBody
import app.resetcompanion.core.model.JournalKind
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.time.Instant

class JournalViewModelTest : ViewModelTest() {
    private fun seed() = setUp {
        addJournalEntry(JournalBodies.text("Walked to the allotment, felt lighter"), at = Instant.parse("2027-03-26T10:00:00Z"))
        addJournalEntry(JournalBodies.decode(fixture("journal/thought.json").readText(), JournalKind.THOUGHT))
    }

    @Test
    fun `the list is newest first and filters by kind`() {
        seed()
        val vm = graph().journal()
        assertEquals(listOf(JournalKind.THOUGHT, JournalKind.FREE), vm.state.value.entries.map { it.kind })
        vm.setKindFilter(JournalKind.FREE)
        assertEquals(listOf(JournalKind.FREE), vm.state.value.entries.map { it.kind })
        vm.setKindFilter(null)
        assertEquals(2, vm.state.value.entries.size)
    }

    @Test
    fun `search waits for typing to pause, then shows the core's hits`() {
        seed()
        val vm = graph().journal()
        vm.setQuery("allot")
        vm.setQuery("allotment")
        assertTrue(vm.state.value.isSearching)
        assertNull(vm.state.value.hits, "no query before the debounce")
        scheduler.advanceTimeBy(JournalViewModel.SEARCH_DEBOUNCE_MS + 1)
        val hits = vm.state.value.hits!!
        assertEquals(1, hits.size)
        assertTrue(hits[0].snippet.contains("[allotment]"), hits[0].snippet)
        vm.setQuery("")
        assertNull(vm.state.value.hits)
        assertFalse(vm.state.value.isSearching)
    }

    @Test
    fun `a malformed query shows the core's error on the query field`() {
        val vm = graph().journal()
        vm.setQuery("\"unclosed")
        scheduler.advanceTimeBy(JournalViewModel.SEARCH_DEBOUNCE_MS + 1)
        assertEquals("query", vm.state.value.error?.field)
        assertFalse(vm.state.value.searching)
    }

    @Test
    fun `sharing and deleting go through the core`() {
        seed()
        val vm = graph().journal()
        val id = vm.state.value.entries.first().id
        vm.setShared(id, true)
        assertTrue(vm.state.value.entries.first().sharedWithTherapist)
        assertTrue(setUp { journalEntry(id) }.sharedWithTherapist)
        vm.askDelete(id)
        assertEquals(id, vm.state.value.pendingDelete)
        assertEquals(2, setUp { journalEntries() }.size, "asking deletes nothing")
        vm.cancelDelete()
        vm.confirmDelete()
        assertEquals(2, setUp { journalEntries() }.size, "cancelled: nothing to confirm")
        vm.askDelete(id)
        vm.confirmDelete()
        assertNull(vm.state.value.pendingDelete)
        assertEquals(1, vm.state.value.entries.size)
        assertEquals(1, setUp { journalEntries() }.size)
    }

    @Test
    fun `the journal asks for a secure window while visible`() {
        val vm = graph().journal()
        vm.onVisible(true)
        vm.onVisible(false)
        assertEquals(listOf(true, false), platform.secure)
    }
}

class ThoughtRecordViewModelTest : ViewModelTest() {
    @Test
    fun `a new record is validated and stored by the core`() {
        val vm = graph().thoughtRecord()
        vm.edit { it.copy(situation = "Team meeting", automaticThoughts = "They think I'm useless", beliefBefore = 80) }
        vm.rateEmotionBefore(EmotionLabel.ANXIOUS, 70)
        vm.rateEmotionBefore(EmotionLabel.ANXIOUS, 75) // re-rated, not duplicated
        vm.rateEmotionAfter(EmotionLabel.ANXIOUS, 40)
        vm.toggleDistortion(CognitiveDistortion.MIND_READING)
        vm.edit { it.copy(balancedThought = "Nobody said that", beliefAfter = 30, sharedWithTherapist = true) }
        vm.save()
        val saved = vm.state.value.saved!!
        assertNull(vm.state.value.error)
        assertEquals(saved.id, vm.state.value.entryId)
        assertTrue(saved.sharedWithTherapist)
        val record = (setUp { journalEntry(saved.id) }.body as JournalBody.Thought).record
        assertEquals(1, record.emotions.size)
        assertEquals(75, record.emotions[0].before)
        assertEquals(40, record.emotions[0].after)
        assertEquals(listOf(CognitiveDistortion.MIND_READING), record.distortions)
        assertEquals(1, platform.remindersChanged)
    }

    @Test
    fun `an out-of-range rating is refused naming the field, and nothing is stored`() {
        val vm = graph().thoughtRecord()
        vm.edit { it.copy(situation = "Bus", automaticThoughts = "Everyone is staring") }
        vm.rateEmotionBefore(EmotionLabel.EMBARRASSED, 150)
        vm.save()
        val error = vm.state.value.error!!
        assertEquals(ErrorKind.INVALID_INPUT, error.kind)
        assertEquals("emotions[0].before", error.field)
        assertFalse(vm.state.value.saving)
        assertTrue(setUp { journalEntries() }.isEmpty())
    }

    @Test
    fun `editing a stored record loads it and saves over the same entry`() {
        val stored = setUp { addJournalEntry(JournalBodies.decode(fixture("journal/thought.json").readText(), JournalKind.THOUGHT)) }
        val vm = graph().thoughtRecord(stored.id)
        assertFalse(vm.state.value.loading)
        assertEquals(85, vm.state.value.draft.beliefBefore)
        assertEquals(3, vm.state.value.draft.distortions.size)
        vm.edit { it.copy(beliefAfter = 20) }
        vm.save()
        assertEquals(stored.id, vm.state.value.saved?.id)
        val entries = setUp { journalEntries() }
        assertEquals(1, entries.size)
        assertEquals(20, (entries[0].body as JournalBody.Thought).record.beliefAfter)
    }

    @Test
    fun `opening an entry of another kind is an error, not an empty editor`() {
        val free = setUp { addJournalEntry(JournalBodies.text("plain")) }
        val vm = graph().thoughtRecord(free.id)
        assertEquals("entry", vm.state.value.error?.field)
    }
}
