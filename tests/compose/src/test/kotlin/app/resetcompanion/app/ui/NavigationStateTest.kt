package app.resetcompanion.app.ui

import androidx.lifecycle.SavedStateHandle
import androidx.lifecycle.ViewModel
import androidx.lifecycle.ViewModelProvider
import androidx.lifecycle.ViewModelStore
import androidx.lifecycle.viewmodel.initializer
import androidx.lifecycle.viewmodel.viewModelFactory
import app.resetcompanion.core.model.JournalKind
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertSame
import org.junit.Assert.assertTrue
import org.junit.Test

/**
 * The back stack lives in a ViewModel: rotation keeps it and its screens' view models; process
 * death keeps the stack (as route strings in the SavedStateHandle) and a pending restore.
 */
class NavigationStateTest {
    private class Probe : ViewModel() {
        var cleared = false

        override fun onCleared() {
            cleared = true
        }
    }

    /** The activity's ViewModelStore: survives rotation, cleared when the activity finishes. */
    private fun navModel(store: ViewModelStore, handle: SavedStateHandle): NavigationViewModel =
        ViewModelProvider.create(store, viewModelFactory { initializer { NavigationViewModel(handle) } })[NavigationViewModel::class]

    /** What Android hands a new process: the saved values only. */
    private fun afterProcessDeath(handle: SavedStateHandle) = SavedStateHandle(handle.keys().associateWith { handle.get<Any>(it) })

    @Test
    fun every_destination_survives_its_route_string() {
        val all = listOf(
            Destination.Today, Destination.CheckIn, Destination.Journal, Destination.ThoughtRecord(), Destination.ThoughtRecord("e/1"),
            Destination.Assessment(), Destination.Assessment("phq9"), Destination.Programmes, Destination.ProgrammeStep("stress-reset/day-2"),
            Destination.Meditation(), Destination.Meditation("s1"), Destination.Reminders, Destination.Export, Destination.Backup,
            Destination.Settings, Destination.Crisis, Destination.Insights, Destination.CheckInHistory, Destination.AssessmentHistory,
            Destination.Practice, Destination.JournalEntry(JournalKind.WORRY),
            Destination.JournalEntry(JournalKind.ACTIVITY, "0190f6b2-7c1e-7000-8000-000000000001"),
        )
        all.forEach { assertEquals(it, destinationFromRoute(it.route)) }
        assertEquals(null, destinationFromRoute("insights-from-a-newer-build"))
    }

    @Test
    fun rotation_keeps_the_screen_and_its_view_models() {
        val activityStore = ViewModelStore()
        val handle = SavedStateHandle()
        val first = navModel(activityStore, handle)
        first.navigator.navigate(Destination.Meditation())
        val timer = first.navigator.current.viewModel { Probe() }

        val afterRotation = navModel(activityStore, handle) // the new activity asks the same store
        assertSame(first, afterRotation)
        assertEquals(Destination.Meditation(), afterRotation.navigator.current.destination)
        assertSame("the running timer is the same one", timer, afterRotation.navigator.current.viewModel { Probe() })
        assertFalse(timer.cleared)

        activityStore.clear() // the activity finished: nothing is left running
        assertTrue(timer.cleared)
    }

    @Test
    fun process_death_restores_the_stack_and_a_pending_restore() {
        val handle = SavedStateHandle()
        val before = navModel(ViewModelStore(), handle)
        before.navigator.selectTab(Destination.Journal)
        before.navigator.navigate(Destination.ThoughtRecord("entry-42"))
        before.navigator.open(Destination.Backup)
        before.restorePickerOpen = true

        val after = navModel(ViewModelStore(), afterProcessDeath(handle))
        assertEquals(Destination.Backup, after.navigator.current.destination)
        assertTrue("the picker's result still has somewhere to go", after.restorePickerOpen)
        assertTrue(after.navigator.entryFor(Destination.Backup) != null)
        assertTrue(after.navigator.back())
        assertEquals(Destination.Today, after.navigator.current.destination)
        assertFalse(after.navigator.canGoBack)
        // New entries don't reuse a restored entry's saved-state key.
        after.navigator.navigate(Destination.CheckIn)
        assertEquals(2, after.navigator.saved().map { it.substringBefore('|') }.toSet().size)
    }

    @Test
    fun a_screens_memory_survives_process_death_and_is_forgotten_when_it_leaves_the_stack() {
        val handle = SavedStateHandle()
        val before = navModel(ViewModelStore(), handle)
        before.navigator.navigate(Destination.Meditation())
        before.navigator.current.memory["meditation.phase"] = "RUNNING"
        before.navigator.navigate(Destination.Crisis)

        val restored = afterProcessDeath(handle)
        val after = navModel(ViewModelStore(), restored)
        after.navigator.back() // leaves Crisis; the meditation entry is on top again
        val entry = after.navigator.current
        assertEquals(Destination.Meditation(), entry.destination)
        assertEquals("RUNNING", entry.memory["meditation.phase"])

        assertTrue(after.navigator.back())
        assertEquals("nothing of a left screen stays in the saved state", emptyList<String>(), restored.keys().filter { it.startsWith("nav.memory.") })
    }

    @Test
    fun renewing_after_a_restore_replaces_every_screen_but_the_one_kept_and_clears_their_view_models() {
        val handle = SavedStateHandle()
        val nav = navModel(ViewModelStore(), handle).navigator
        nav.navigate(Destination.Insights)
        val insights = nav.current
        val stale = insights.viewModel { Probe() }
        insights.memory["draft"] = "before the restore"
        nav.navigate(Destination.Backup)
        val backup = nav.current
        val kept = backup.viewModel { Probe() }

        nav.renewAllBut(backup)
        assertEquals(listOf(Destination.Today, Destination.Insights, Destination.Backup), nav.saved().map { destinationFromRoute(it.substringAfter('|')) })
        assertSame(backup, nav.current)
        assertFalse(kept.cleared)
        assertTrue("the stale screen's view model is gone", stale.cleared)
        assertTrue(nav.back())
        assertFalse(nav.current === insights)
        assertEquals(null, nav.current.memory["draft"])
    }

    @Test
    fun all_screens_memory_together_stays_under_the_saved_state_cap() {
        // Review 3, F6: several drafts on one stack share one Bundle.
        val handle = SavedStateHandle()
        val nav = navModel(ViewModelStore(), handle).navigator
        nav.navigate(Destination.ThoughtRecord())
        nav.current.memory["draft"] = "a".repeat(MAX_SAVED_CHARS - 10)
        nav.navigate(Destination.JournalEntry(JournalKind.FREE))
        val second = nav.current
        second.memory["draft"] = "short"
        second.memory["draft"] = "b".repeat(11) // past the cap: refused, the last value stays
        assertEquals("short", second.memory["draft"])
        second.memory["draft"] = "c".repeat(10) // exactly at the cap
        assertEquals("c".repeat(10), second.memory["draft"])
    }
}
