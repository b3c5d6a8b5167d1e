package app.resetcompanion.presentation

import app.resetcompanion.core.checkIn
import app.resetcompanion.core.checkIns
import app.resetcompanion.core.model.EmotionLabel
import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.LifeArea
import app.resetcompanion.core.model.StepStatus
import app.resetcompanion.core.startProgramme
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class TodayViewModelTest : ViewModelTest() {
    @Test
    fun `a new profile shows today's date, no check-in, no programme and both questionnaires due`() {
        val s = graph().today().state.value
        assertFalse(s.loading)
        assertEquals(java.time.LocalDate.parse("2027-03-28"), s.date)
        assertFalse(s.checkedInToday)
        assertNull(s.programme)
        assertNull(s.featuredStep)
        assertEquals(listOf("gad7", "phq9"), s.dueAssessments.map { it.instrument })
        assertEquals(0u, s.practice?.minutesThisWeek)
    }

    @Test
    fun `refresh picks up a check-in and the programme's open step`() {
        val vm = graph().today()
        setUp {
            checkIn(5)
            startProgramme("meditation-7-day")
        }
        vm.refresh()
        val s = vm.state.value
        assertTrue(s.checkedInToday)
        assertEquals("meditation-7-day", s.programme?.programme)
        assertEquals("day-1", s.featuredStep?.id)
        assertEquals(StepStatus.AVAILABLE, s.featuredStep?.status)
    }
}

class CheckInViewModelTest : ViewModelTest() {
    @Test
    fun `the flow cannot leave the mood page without a mood`() {
        val vm = graph().checkIn()
        vm.next()
        assertEquals(CheckInStep.MOOD, vm.state.value.step)
        assertFalse(vm.state.value.canContinue)
        vm.selectMood(3)
        vm.next()
        assertEquals(CheckInStep.LABELS, vm.state.value.step)
        vm.back()
        assertEquals(CheckInStep.MOOD, vm.state.value.step)
        assertEquals(3, vm.state.value.mood)
    }

    @Test
    fun `walking every page saves one check-in with the choices, through the core`() {
        val vm = graph().checkIn()
        vm.selectMood(6)
        vm.next()
        vm.toggleLabel(EmotionLabel.GRATEFUL)
        vm.toggleLabel(EmotionLabel.CALM)
        vm.toggleLabel(EmotionLabel.GRATEFUL) // toggled off again
        vm.next()
        vm.toggleArea(LifeArea.FRIENDS)
        vm.next()
        vm.setNote("  walked by the river  ")
        vm.next()
        val s = vm.state.value
        assertEquals(CheckInStep.DONE, s.step)
        val saved = assertNotNull(s.saved).let { s.saved!! }
        assertEquals(listOf(EmotionLabel.CALM), saved.labels)
        assertEquals(listOf(LifeArea.FRIENDS), saved.areas)
        assertEquals("walked by the river", saved.note)
        assertEquals(1, setUp { checkIns() }.size)
        assertEquals(1, platform.remindersChanged)
        // Saving again does nothing: one tap, one record.
        vm.save()
        assertEquals(1, setUp { checkIns() }.size)
    }

    @Test
    fun `a mood the core rejects stays on the page with the core's error`() {
        val vm = graph().checkIn()
        vm.selectMood(9)
        vm.save()
        val s = vm.state.value
        assertEquals(ErrorKind.INVALID_INPUT, s.error?.kind)
        assertEquals("mood", s.error?.field)
        assertFalse(s.saving)
        assertNull(s.saved)
        assertEquals(0, setUp { checkIns() }.size)
    }
}
