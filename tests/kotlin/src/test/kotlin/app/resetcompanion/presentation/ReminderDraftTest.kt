package app.resetcompanion.presentation

import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.model.DayOfWeek
import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.QuietHours
import app.resetcompanion.core.model.ReminderDays
import app.resetcompanion.core.reminders.reminders
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import java.time.LocalTime

class ReminderDraftTest : ViewModelTest() {
    @Test
    fun `the form's days become the core's day rule`() {
        assertEquals(ReminderDays.Daily, ReminderDraft().days)
        assertEquals(ReminderDays.Weekdays, ReminderDraft(weekdays = ReminderDraft.WEEK.take(5).toSet()).days)
        assertEquals(
            ReminderDays.Only(listOf(DayOfWeek.MON, DayOfWeek.SAT)),
            ReminderDraft(weekdays = setOf(DayOfWeek.SAT, DayOfWeek.MON)).days,
        )
        assertNull(ReminderDraft(quietStart = "22:00").quietHours)
    }

    @Test
    fun `custom days and quiet hours are stored by the core, and the form starts afresh`() {
        val vm = graph().reminders()
        vm.editDraft { it.copy(kind = ActivityKind.MEDITATION, time = "08:00", weekdays = setOf(DayOfWeek.TUE, DayOfWeek.THU)) }
        vm.editDraft { it.copy(quietStart = "22:00", quietEnd = "07:00") }
        vm.addDraft()
        val rule = setUp { reminders() }.single()
        assertEquals(ReminderDays.Only(listOf(DayOfWeek.TUE, DayOfWeek.THU)), rule.days)
        assertEquals(QuietHours(LocalTime.parse("22:00"), LocalTime.parse("07:00")), rule.quietHours)
        assertEquals(ReminderDraft(), vm.state.value.draft)
        assertEquals("08:00 · Tue, Thu · Quiet 22:00–07:00", ReminderDraft.summary(vm.state.value.reminders.single()))
        assertEquals(1, platform.remindersChanged)
    }

    @Test
    fun `a time inside quiet hours is refused by the core, naming the field, and the form is kept`() {
        val vm = graph().reminders()
        vm.editDraft { it.copy(time = "23:00", quietStart = "22:00", quietEnd = "07:00") }
        vm.addDraft()
        assertEquals(ErrorKind.INVALID_INPUT, vm.state.value.error?.kind)
        assertEquals("23:00", vm.state.value.draft.time)
        assertEquals(0, setUp { reminders() }.size)
    }

    @Test
    fun `pausing for a week sets the date from the core's today and resume clears it`() {
        val vm = graph().reminders()
        vm.addDraft()
        val id = vm.state.value.reminders.single().id
        vm.pauseFor(id, 7)
        assertEquals(java.time.LocalDate.parse("2027-04-04"), setUp { reminders() }.single().pausedUntil)
        vm.resume(id)
        assertNull(setUp { reminders() }.single().pausedUntil)
        assertNull(vm.state.value.reminders.single().pausedUntil)
    }

    @Test
    fun `pausing until a chosen date offers the days after the core's today and stores that date`() {
        val vm = graph().reminders()
        vm.addDraft()
        val id = vm.state.value.reminders.single().id
        assertEquals(java.time.LocalDate.parse("2027-03-28"), vm.state.value.today) // FIXED_NOW in London
        vm.choosePauseDate(id)
        assertEquals(id, vm.state.value.pausing)
        vm.cancelPauseDate()
        assertNull(vm.state.value.pausing)
        assertNull(setUp { reminders() }.single().pausedUntil, "cancel pauses nothing")

        vm.choosePauseDate(id)
        vm.pause(id, java.time.LocalDate.parse("2027-04-20"))
        assertNull(vm.state.value.pausing, "the picker closes")
        assertEquals(java.time.LocalDate.parse("2027-04-20"), setUp { reminders() }.single().pausedUntil)
    }

    @Test
    fun `a date in the past is the core's error on until and nothing changes`() {
        val vm = graph().reminders()
        vm.addDraft()
        val id = vm.state.value.reminders.single().id
        vm.pause(id, java.time.LocalDate.parse("2027-03-01"))
        assertEquals("until", vm.state.value.error?.field)
        assertNull(setUp { reminders() }.single().pausedUntil)
    }
}
