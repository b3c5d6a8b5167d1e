package app.resetcompanion.presentation

import app.resetcompanion.core.JournalBodies
import app.resetcompanion.core.addJournalEntry
import app.resetcompanion.core.fixture
import app.resetcompanion.core.journalEntries
import app.resetcompanion.core.model.CognitiveDistortion
import app.resetcompanion.core.model.EmotionLabel
import app.resetcompanion.core.model.FreeText
import app.resetcompanion.core.model.JournalBody
import app.resetcompanion.core.model.JournalKind
import app.resetcompanion.core.model.WorryType
import app.resetcompanion.core.safetyPlanHistory
import app.resetcompanion.core.saveSafetyPlan
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * Drafts across process death (review A15, review 2 B12): what is being written is kept in the
 * screen's memory (the back stack's saved state on Android) and comes back in a new process;
 * it is forgotten once stored. And a plan revision never silently overwrites a newer version.
 */
class DraftsTest : ViewModelTest() {
    /** What the system hands a new process: a copy of the saved values only. */
    private fun afterProcessDeath(memory: ScreenMemory.InMemory) = ScreenMemory.InMemory(memory.values)

    @Test
    fun `packing keeps any text, and text that is not a packing is no draft`() {
        val parts = listOf("", "12:34", "Ünïcödé ✓ and\nnew lines", "3:abc", ":")
        assertEquals(parts, Packed.unpack(Packed.pack(parts)))
        assertEquals(emptyList<String>(), Packed.unpack(""))
        listOf("5:abc", "x:abc", "-1:", "3", ":abc").forEach { assertNull(Packed.unpack(it), it) }
    }

    @Test
    fun `a thought record being written survives process death, and is forgotten once saved`() {
        val memory = ScreenMemory.InMemory()
        val first = graph().thoughtRecord(memory = memory)
        first.edit {
            it.copy(situation = "Team meeting: 10:30", automaticThoughts = "They think I'm useless", beliefBefore = 80, tags = listOf("work", "team 2"))
        }
        first.rateEmotionBefore(EmotionLabel.ANXIOUS, 75)
        first.rateEmotionAfter(EmotionLabel.ANXIOUS, 40)
        first.rateEmotionBefore(EmotionLabel.SAD, 30)
        first.toggleDistortion(CognitiveDistortion.MIND_READING)
        first.edit { it.copy(sharedWithTherapist = true) }

        val saved = afterProcessDeath(memory)
        val restored = graph().thoughtRecord(memory = saved)
        assertEquals(first.state.value.draft, restored.state.value.draft)
        restored.edit { it.copy(balancedThought = "Nobody said that") }
        restored.save()
        assertNull(restored.state.value.error)
        assertTrue(restored.state.value.saved != null)
        assertEquals(1, setUp { journalEntries() }.size)
        assertEquals(setOf(SAVED_ENTRY), saved.values.keys, "stored: no draft left, only which entry this screen edits")
        val again = graph().thoughtRecord(memory = afterProcessDeath(saved))
        assertEquals(restored.state.value.saved?.id, again.state.value.entryId)
        assertEquals("Nobody said that", again.state.value.draft.balancedThought, "read back from the core")
    }

    @Test
    fun `an edit of a stored thought record comes back as edited, not as stored`() {
        val memory = ScreenMemory.InMemory()
        val stored = setUp { addJournalEntry(JournalBodies.decode(fixture("journal/thought.json").readText(), JournalKind.THOUGHT)) }
        graph().thoughtRecord(stored.id, memory).edit { it.copy(beliefAfter = 20) }
        val restored = graph().thoughtRecord(stored.id, afterProcessDeath(memory))
        assertEquals(20, restored.state.value.draft.beliefAfter)
        assertEquals(85, restored.state.value.draft.beliefBefore)
        restored.save()
        assertEquals(stored.id, restored.state.value.saved?.id, "still the stored entry, edited")
    }

    @Test
    fun `a journal entry being written survives process death, and an edit of a saved one comes back editing`() {
        val memory = ScreenMemory.InMemory()
        val first = graph().journalEntry(JournalKind.WORRY, memory = memory)
        first.edit { it.copy(worry = "The boiler", worryType = WorryType.PRACTICAL, distressBefore = "7x") }
        val restored = graph().journalEntry(JournalKind.WORRY, memory = afterProcessDeath(memory))
        assertEquals(first.state.value.form, restored.state.value.form)

        val saved = setUp { addJournalEntry(JournalBody.Free(FreeText("A quiet morning"))) }
        val editing = ScreenMemory.InMemory()
        val reader = graph().journalEntry(JournalKind.FREE, saved.id, editing)
        assertTrue(editing.values.isEmpty(), "reading keeps nothing")
        reader.startEditing()
        reader.edit { it.copy(text = "A quiet morning, then a call from Sam") }
        val back = graph().journalEntry(JournalKind.FREE, saved.id, afterProcessDeath(editing))
        assertEquals(JournalEntryMode.EDITING, back.state.value.mode)
        assertEquals("A quiet morning, then a call from Sam", back.state.value.form.text)
        back.cancelEditing()
        assertEquals(JournalEntryMode.READING, back.state.value.mode)
        assertEquals("A quiet morning", back.state.value.fields.single().value)
    }

    @Test
    fun `a draft too long to keep in the saved state leaves the last one that fitted (nothing breaks)`() {
        val memory = ScreenMemory.InMemory()
        val vm = graph().journalEntry(JournalKind.FREE, memory = memory)
        vm.edit { it.copy(text = "short") }
        assertTrue(memory.values.isNotEmpty())
        vm.edit { it.copy(text = "x".repeat(MAX_DRAFT_CHARS + 1)) }
        assertEquals("short", journalEntryDraft(memory)?.text, "over the limit: the last draft that fitted stays (review 3, F6)")
        assertEquals(MAX_DRAFT_CHARS + 1, vm.state.value.form.text.length, "the screen still has every character")
    }

    @Test
    fun `a safety-plan revision survives process death with the version it started from`() {
        setUp { saveSafetyPlan(SafetyPlanForm().copy(items = SafetyPlanForm().items + (PlanStep.COPING_STRATEGIES to listOf("Music"))).toInput()) }
        val memory = ScreenMemory.InMemory()
        val first = graph().safetyPlanEdit(memory)
        first.editItem(PlanStep.COPING_STRATEGIES, 1, "A shower")
        first.editContact(PlanStep.SUPPORT_CONTACTS, 0) { it.copy(name = "Sam", phone = "07700 900123") }

        val saved = afterProcessDeath(memory)
        val restored = graph().safetyPlanEdit(saved)
        assertEquals(first.state.value.form, restored.state.value.form)
        assertEquals(listOf("Music", "A shower"), restored.state.value.form.items(PlanStep.COPING_STRATEGIES))
        assertEquals(1u, restored.state.value.basedOn)
        restored.save()
        assertEquals(2u, restored.state.value.saved?.version, "no conflict: it started from version 1")
        assertTrue(saved.values.isEmpty(), "stored: nothing left to restore")
    }

    @Test
    fun `a revision never silently overwrites a version saved meanwhile (basedOn)`() {
        val mine = graph().safetyPlanEdit() // the first plan: based on nothing
        mine.editItem(PlanStep.WARNING_SIGNS, 0, "Not sleeping")
        val other = graph().safetyPlanEdit() // Crisis → "Edit my plan", also open
        other.editItem(PlanStep.REASONS_FOR_LIVING, 0, "My niece")
        other.save()
        assertEquals(1u, other.state.value.saved?.version)

        mine.save()
        assertEquals(PlanChanged(1u), mine.state.value.changedMeanwhile)
        assertNull(mine.state.value.saved)
        assertEquals(1, setUp { safetyPlanHistory() }.size, "nothing saved until the person chooses")

        mine.saveAnyway()
        assertNull(mine.state.value.changedMeanwhile)
        assertEquals(2u, mine.state.value.saved?.version)
        assertEquals(listOf("Not sleeping"), mine.state.value.saved?.steps?.warningSigns)
        assertEquals(2, setUp { safetyPlanHistory() }.size, "both kept in the history")

        other.editItem(PlanStep.REASONS_FOR_LIVING, 1, "The sea")
        other.save()
        assertEquals(PlanChanged(2u), other.state.value.changedMeanwhile)
        other.startFromNewer()
        assertEquals(2u, other.state.value.basedOn)
        assertEquals(listOf("Not sleeping", ""), other.state.value.form.items(PlanStep.WARNING_SIGNS))
        assertEquals(2, setUp { safetyPlanHistory() }.size)
    }

    @Test
    fun `a new thought record saved once and edited further is still one entry after process death (review 3, F3)`() {
        val memory = ScreenMemory.InMemory()
        val first = graph().thoughtRecord(memory = memory)
        first.edit { it.copy(situation = "Team meeting", automaticThoughts = "They think I'm useless") }
        first.save()
        val id = first.state.value.saved!!.id
        first.edit { it.copy(balancedThought = "Nobody said that", beliefAfter = 30) }

        val restored = graph().thoughtRecord(memory = afterProcessDeath(memory)) // the route still says "new"
        assertEquals(id, restored.state.value.entryId)
        assertEquals("Nobody said that", restored.state.value.draft.balancedThought)
        restored.save()
        val entries = setUp { journalEntries() }
        assertEquals(1, entries.size, "edited, not saved a second time")
        assertEquals("Nobody said that", (entries[0].body as JournalBody.Thought).record.balancedThought)
    }

    @Test
    fun `a new journal entry saved once comes back as that entry, read or being edited (review 3, F3)`() {
        val memory = ScreenMemory.InMemory()
        val first = graph().journalEntry(JournalKind.FREE, memory = memory)
        first.edit { it.copy(text = "A quiet morning") }
        first.save()
        val id = first.state.value.entry!!.id

        val reading = graph().journalEntry(JournalKind.FREE, memory = afterProcessDeath(memory))
        assertEquals(JournalEntryMode.READING, reading.state.value.mode, "the saved entry, not an empty new form")
        assertEquals(id, reading.state.value.entry?.id)

        first.startEditing()
        first.edit { it.copy(text = "A quiet morning, then a call from Sam") }
        val editing = graph().journalEntry(JournalKind.FREE, memory = afterProcessDeath(memory))
        assertEquals(JournalEntryMode.EDITING, editing.state.value.mode)
        assertEquals("A quiet morning, then a call from Sam", editing.state.value.form.text)
        editing.save()
        val entries = setUp { journalEntries() }
        assertEquals(1, entries.size)
        assertEquals("A quiet morning, then a call from Sam", (entries[0].body as JournalBody.Free).record.text)
    }
}
