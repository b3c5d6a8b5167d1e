package app.resetcompanion.presentation

import app.resetcompanion.core.addJournalEntry
import app.resetcompanion.core.journalEntries
import app.resetcompanion.core.journalEntry
import app.resetcompanion.core.model.ActivityRecord
import app.resetcompanion.core.model.ActivityStatus
import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.ExposureRecord
import app.resetcompanion.core.model.FreeText
import app.resetcompanion.core.model.GratitudeList
import app.resetcompanion.core.model.JournalBody
import app.resetcompanion.core.model.JournalKind
import app.resetcompanion.core.model.WorryLog
import app.resetcompanion.core.model.WorryType
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class JournalEntryViewModelTest : ViewModelTest() {
    private fun write(kind: JournalKind, form: (JournalEntryForm) -> JournalEntryForm): JournalEntryViewModel = graph().journalEntry(kind).also {
        it.edit(form)
        it.save()
    }

    @Test
    fun `each of the five kinds is written through the core and read back in full`() {
        write(JournalKind.FREE) { it.copy(text = "A quiet morning") }
        write(JournalKind.GRATITUDE) { it.copy(gratitudeItems = listOf("Tea", "", "A call from Sam"), reflection = "Small things") }
        write(JournalKind.WORRY) { it.copy(worry = "The boiler", worryType = WorryType.PRACTICAL, whatHappened = "Booked a repair") }
        write(JournalKind.EXPOSURE) {
            it.copy(situation = "Took the bus", prediction = "Panic", distressBefore = "70", distressPeak = "80", distressAfter = "30", learned = "It passed")
        }
        val activity = write(JournalKind.ACTIVITY) { it.copy(activity = "Swim", activityStatus = ActivityStatus.DONE, mastery = "6", pleasure = "8") }

        val stored = setUp { journalEntries() }.associateBy { it.kind }
        assertEquals(5, stored.size)
        assertEquals(GratitudeList(listOf("Tea", "A call from Sam"), "Small things"), (stored[JournalKind.GRATITUDE]!!.body as JournalBody.Gratitude).record)
        assertEquals(WorryLog("The boiler", WorryType.PRACTICAL, "Booked a repair"), (stored[JournalKind.WORRY]!!.body as JournalBody.Worry).record)
        assertEquals(ExposureRecord("Took the bus", "Panic", 70, 80, 30, "", "It passed"), (stored[JournalKind.EXPOSURE]!!.body as JournalBody.Exposure).record)
        assertEquals(ActivityRecord("Swim", ActivityStatus.DONE, 6, 8), (stored[JournalKind.ACTIVITY]!!.body as JournalBody.Activity).record)

        val s = activity.state.value
        assertEquals(JournalEntryMode.READING, s.mode)
        assertEquals(
            listOf("Activity" to "Swim", "Status" to "Done", "Mastery" to "6 of 10", "Pleasure" to "8 of 10"),
            s.fields.map { it.label to it.value },
        )
        assertTrue(platform.remindersChanged >= 5)
    }

    @Test
    fun `a saved entry opens for reading, is edited through the core, and keeps its id`() {
        val saved = setUp { addJournalEntry(JournalBody.Worry(WorryLog("Rent", null, ""))) }
        val vm = graph().journalEntry(JournalKind.FREE, saved.id) // the kind comes from the entry
        assertEquals(JournalEntryMode.READING, vm.state.value.mode)
        assertEquals(JournalKind.WORRY, vm.state.value.kind)
        assertEquals(listOf(EntryField("Worry", "Rent")), vm.state.value.fields)

        vm.startEditing()
        assertEquals("Rent", vm.state.value.form.worry)
        vm.edit { it.copy(worryType = WorryType.HYPOTHETICAL, sharedWithTherapist = true) }
        vm.save()
        val after = setUp { journalEntry(saved.id) }
        assertEquals(WorryType.HYPOTHETICAL, (after.body as JournalBody.Worry).record.worryType)
        assertTrue(after.sharedWithTherapist)
        assertEquals(saved.createdAt, after.createdAt)
        assertEquals(JournalEntryMode.READING, vm.state.value.mode)
        assertEquals(1, setUp { journalEntries() }.size)
    }

    @Test
    fun `an out-of-range rating is refused by the core naming the field, and nothing typed is lost`() {
        val vm = write(JournalKind.ACTIVITY) { it.copy(activity = "Walk", mastery = "11") }
        val s = vm.state.value
        assertEquals(ErrorKind.INVALID_INPUT, s.error?.kind)
        assertTrue(s.error?.field.orEmpty().contains("mastery"), "field: ${s.error?.field}")
        assertEquals(JournalEntryMode.EDITING, s.mode)
        assertEquals("11", s.form.mastery)
        assertEquals(0, setUp { journalEntries() }.size)

        vm.edit { it.copy(mastery = "ten") } // not a number: still refused, never dropped
        vm.save()
        assertEquals(ErrorKind.INVALID_INPUT, vm.state.value.error?.kind)
        assertEquals(0, setUp { journalEntries() }.size)
    }

    @Test
    fun `deleting from the entry screen asks first, cancel keeps it, confirm removes it for good`() {
        val saved = setUp { addJournalEntry(JournalBody.Free(FreeText("Keep or not"))) }
        val vm = graph().journalEntry(JournalKind.FREE, saved.id)
        vm.confirmDelete() // not asked yet: nothing happens
        assertEquals(1, setUp { journalEntries() }.size)

        vm.askDelete()
        assertTrue(vm.state.value.confirmingDelete)
        assertEquals(1, setUp { journalEntries() }.size, "asking deletes nothing")
        vm.cancelDelete()
        assertFalse(vm.state.value.confirmingDelete)
        assertFalse(vm.state.value.deleted)
        assertEquals(1, setUp { journalEntries() }.size)

        val before = platform.remindersChanged
        vm.askDelete()
        vm.confirmDelete()
        assertTrue(vm.state.value.deleted)
        assertEquals(0, setUp { journalEntries() }.size)
        assertTrue(platform.remindersChanged > before, "skip-if-done is re-planned")
    }

    @Test
    fun `a new entry not yet saved has nothing to delete`() {
        val vm = graph().journalEntry(JournalKind.FREE)
        vm.askDelete()
        assertFalse(vm.state.value.confirmingDelete)
    }

    @Test
    fun `a thought record is deleted from its editor only after confirming`() {
        val saved = setUp {
            addJournalEntry(
                JournalBody.Thought(
                    app.resetcompanion.core.model.ThoughtRecord(
                        situation = "Late bus",
                        automaticThoughts = "I'll be fired",
                        emotions = emptyList(),
                        distortions = emptyList(),
                        evidenceFor = "",
                        evidenceAgainst = "",
                        balancedThought = "",
                        beliefBefore = null,
                        beliefAfter = null,
                    ),
                ),
            )
        }
        val vm = graph().thoughtRecord(saved.id)
        vm.askDelete()
        assertEquals(1, setUp { journalEntries() }.size)
        vm.confirmDelete()
        assertTrue(vm.state.value.deleted)
        assertEquals(0, setUp { journalEntries() }.size)
    }

    @Test
    fun `a missing entry shows not-found instead of an empty form`() {
        val vm = graph().journalEntry(JournalKind.FREE, "no-such-entry")
        assertEquals(ErrorKind.NOT_FOUND, vm.state.value.error?.kind)
        assertNull(vm.state.value.entry)
    }
}
