package app.resetcompanion.presentation

import app.resetcompanion.core.FIXED_NOW_MS
import app.resetcompanion.core.answersOf
import app.resetcompanion.core.checkIn
import app.resetcompanion.core.checkIns
import app.resetcompanion.core.logPractice
import app.resetcompanion.core.model.Answer
import app.resetcompanion.core.model.OutcomeCategory
import app.resetcompanion.core.model.PracticeTechnique
import app.resetcompanion.core.parse
import app.resetcompanion.core.practiceSummary
import app.resetcompanion.core.takeAssessment
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.time.Instant

private fun daysAgo(days: Int, hours: Int = 0): Instant = Instant.ofEpochMilli(FIXED_NOW_MS - days * 86_400_000L - hours * 3_600_000L)

class InsightsViewModelTest : ViewModelTest() {
    @Test
    fun `the mood calendar has one day per local date with the core's average and count`() {
        setUp {
            checkIn(2, at = daysAgo(3))
            checkIn(6, at = daysAgo(3, hours = 2))
            checkIn(5, at = daysAgo(1))
        }
        val s = graph().insights().state.value
        assertFalse(s.loading)
        assertNull(s.error)
        val insights = s.insights!!
        assertEquals(3u, insights.checkInCount)
        val days = insights.calendar.filter { it.count > 0u }
        assertEquals(listOf(2u, 1u), days.map { it.count })
        assertEquals(listOf(4.0, 5.0), days.map { it.average })
        assertEquals(java.time.LocalDate.parse("2027-03-28"), insights.to)
    }

    @Test
    fun `a new profile has an empty calendar and no associations, and refresh follows new check-ins`() {
        val vm = graph().insights()
        assertEquals(0u, vm.state.value.insights?.checkInCount)
        assertTrue(vm.state.value.better.isEmpty() && vm.state.value.worse.isEmpty())
        setUp { checkIn(4) }
        vm.refresh()
        assertEquals(1u, vm.state.value.insights?.checkInCount)
    }
}

class CheckInHistoryViewModelTest : ViewModelTest() {
    @Test
    fun `check-ins are grouped by local day, newest first, and delete removes one for good`() {
        setUp {
            checkIn(3, note = "older", at = daysAgo(2))
            checkIn(5, at = daysAgo(0, hours = 3))
            checkIn(6, at = daysAgo(0, hours = 1))
        }
        val vm = graph().checkInHistory()
        val days = vm.state.value.days
        assertEquals(listOf(2, 1), days.map { it.checkIns.size })
        assertEquals(listOf(6, 5), days[0].checkIns.map { it.mood })
        assertEquals("older", days[1].checkIns.single().note)
        assertTrue(days[0].localDate > days[1].localDate)

        vm.askDelete(days[1].checkIns.single().id)
        assertEquals(3, setUp { checkIns() }.size, "asking deletes nothing")
        vm.cancelDelete()
        vm.confirmDelete() // nothing pending any more
        assertEquals(3, setUp { checkIns() }.size, "cancel keeps it")

        vm.askDelete(days[1].checkIns.single().id)
        vm.confirmDelete()
        assertEquals(null, vm.state.value.pendingDelete)
        assertEquals(listOf(2), vm.state.value.days.map { it.checkIns.size })
        assertEquals(2, setUp { checkIns() }.size)
    }

    @Test
    fun `deleting a check-in that is gone shows a not-found error and keeps the list`() {
        setUp { checkIn(4) }
        val vm = graph().checkInHistory()
        vm.delete("no-such-id")
        assertEquals(app.resetcompanion.core.model.ErrorKind.NOT_FOUND, vm.state.value.error?.kind)
        assertEquals(1, vm.state.value.days.size)
    }
}

class AssessmentHistoryViewModelTest : ViewModelTest() {
    @Test
    fun `history is newest first, filters by instrument, and shows the core's outcome indicators in words`() {
        setUp {
            val march = Instant.parse("2027-03-01T09:00:00Z")
            takeAssessment("phq9", Answer.parse("2,2,2,2,2,2,2,2,0"), at = march)
            takeAssessment("gad7", answersOf(2, 2, 2, 2, 1, 1, 1), at = march)
            takeAssessment("phq9", answersOf(1, 1, 1, 0, 0, 0, 0, 0, 0))
            takeAssessment("gad7", answersOf(1, 1, 0, 0, 0, 0, 0))
        }
        val vm = graph().assessmentHistory()
        val s = vm.state.value
        assertEquals(4, s.records.size)
        assertTrue(s.records.first().taken.at >= s.records.last().taken.at)
        assertEquals(OutcomeCategory.RELIABLE_RECOVERY, s.outcome?.summary?.category)
        assertEquals(
            listOf("Reliable improvement" to true, "Recovery" to true, "Reliable recovery" to true, "Reliable deterioration" to false),
            s.indicators.map { it.label to it.holds },
        )
        assertEquals(listOf("PHQ-9: 16 → 3 (2 questionnaires)", "GAD-7: 11 → 2 (2 questionnaires)"), s.changes)
        assertEquals(emptyList<String>(), s.warnings, "nothing rose: no warning")

        vm.show("phq9")
        assertEquals(listOf(3u, 16u), vm.state.value.records.map { it.total })
        vm.show(null)
        assertEquals(4, vm.state.value.records.size)
    }

    @Test
    fun `a reliable rise on one measure warns in words even when the combined indicator does not`() {
        // PHQ-9 rises 0 → 9 (reliable: 6 or more) while GAD-7 falls 14 → 0: the combined
        // indicators read "no reliable change", yet the PHQ-9 rise must still be shown.
        setUp {
            val march = Instant.parse("2027-03-01T09:00:00Z")
            takeAssessment("phq9", answersOf(0, 0, 0, 0, 0, 0, 0, 0, 0), at = march)
            takeAssessment("gad7", answersOf(2, 2, 2, 2, 2, 2, 2), at = march)
            takeAssessment("phq9", answersOf(3, 3, 3, 0, 0, 0, 0, 0, 0))
            takeAssessment("gad7", answersOf(0, 0, 0, 0, 0, 0, 0))
        }
        val s = graph().assessmentHistory().state.value
        assertEquals(false, s.indicators.single { it.label == "Reliable deterioration" }.holds)
        assertEquals(false, s.indicators.single { it.label == "Reliable improvement" }.holds)
        assertEquals(
            listOf(
                "PHQ-9 rose by 9 points since the start of this episode (0 → 9) — a reliable rise; " +
                    "worth talking about with your therapist.",
            ),
            s.warnings,
        )
    }

    @Test
    fun `one questionnaire alone has no outcome indicators yet`() {
        setUp { takeAssessment("phq9", answersOf(1, 1, 1, 0, 0, 0, 0, 0, 0)) }
        val s = graph().assessmentHistory().state.value
        assertEquals(1, s.records.size)
        assertTrue(s.indicators.isEmpty())
        assertTrue(s.warnings.isEmpty())
    }
}

class PracticeViewModelTest : ViewModelTest() {
    @Test
    fun `the week's practice and streak come from the core, and a hidden streak is not shown at all`() {
        setUp {
            logPractice(PracticeTechnique.BREATHING, minutes = 10, startedAt = daysAgo(1))
            logPractice(PracticeTechnique.BREATHING, minutes = 15, startedAt = daysAgo(0, hours = 2))
        }
        val vm = graph().practice()
        val s = vm.state.value
        assertEquals(25u, s.summary?.minutesThisWeek)
        assertEquals("2 days in a row", s.streakText)
        assertTrue(s.thisWeekText!!.endsWith("· 25 minutes"))

        vm.setStreakHidden(true)
        assertNull(vm.state.value.streakText)
        assertTrue(setUp { practiceSummary() }.streakHidden)
        assertEquals(25u, vm.state.value.summary?.minutesThisWeek) // the gentler measures stay
        vm.setStreakHidden(false)
        assertEquals("2 days in a row", vm.state.value.streakText)
    }
}
