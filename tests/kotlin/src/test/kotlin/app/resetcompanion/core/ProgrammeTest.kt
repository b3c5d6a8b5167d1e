package app.resetcompanion.core

import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.PracticeTechnique
import app.resetcompanion.core.model.ProgrammeState
import app.resetcompanion.core.model.ResetException
import app.resetcompanion.core.model.StepStatus
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.time.Duration
import java.time.Instant

class ProgrammeTest {
    @Test
    fun `the four programmes are on offer`() = runBlocking<Unit> {
        openStore(scratchDir()).use { store ->
            assertEquals(
                listOf("anxiety-reset", "meditation-7-day", "mindfulness-8-week", "stress-reset"),
                store.programmes().map { it.id },
            )
            val anxiety = store.programme("anxiety-reset")
            assertEquals(8, anxiety.steps.size)
            assertTrue(anxiety.notice.contains("complement to professional care"))
            assertEquals(listOf("gad7", "phq9"), anxiety.steps.last().instruments)
        }
    }

    @Test
    fun `enrolling opens day one and completing it locks day two until local midnight`() = runBlocking<Unit> {
        openStore(scratchDir()).use { store ->
            assertEquals(ProgrammeState.ACTIVE, store.startProgramme("meditation-7-day").state)
            val today = store.programmeToday()
            assertEquals("meditation-7-day", today.programme)
            assertEquals(listOf("day-1" to StepStatus.AVAILABLE), today.steps.map { it.id to it.status })

            // FIXED_NOW is 09:00 UTC on Sunday 28 March 2027, 10:00 BST in London.
            val done = store.completeStep("day-1")
            assertFalse(done.alreadyCompleted)
            assertEquals(StepStatus.LOCKED, done.next?.status)
            assertEquals("2027-03-29T00:00:00+01:00", done.next?.unlocksAt?.localText())
            assertEquals(Instant.parse("2027-03-28T23:00:00Z"), done.next?.unlockInstant)
            assertTrue(store.completeStep("day-1").alreadyCompleted)
        }
    }

    @Test
    fun `completing a locked step is a Conflict naming the unlock time and stores nothing`() {
        openStore(scratchDir()).use { store ->
            runBlocking {
                store.startProgramme("meditation-7-day")
                store.completeStep("day-1")
            }
            val e = assertThrowsReset(ErrorKind.CONFLICT) { store.completeStep("day-2") }
            assertTrue((e as ResetException.Conflict).reason.contains("2027-03-29T00:00:00+01:00"), e.reason)
            runBlocking {
                assertEquals(1u, store.programmeProgress()?.completedSteps)
                assertEquals(1uL, store.status().counts["programme_completions"])
            }
        }
    }

    @Test
    fun `one programme at a time, and leaving keeps progress`() {
        openStore(scratchDir()).use { store ->
            runBlocking {
                store.startProgramme("stress-reset")
                store.completeStep("day-1")
            }
            assertThrowsReset(ErrorKind.CONFLICT) { store.startProgramme("anxiety-reset") }
            assertThrowsReset(ErrorKind.NOT_FOUND) { store.startProgramme("no-such-programme") }
            runBlocking {
                assertEquals("stress-reset", store.leaveProgramme())
                assertNull(store.programmeProgress())
                assertEquals(1u, store.startProgramme("stress-reset").completedSteps)
            }
        }
    }

    @Test
    fun `a logged session carries what Health Connect needs and counts toward the week`() {
        openStore(scratchDir()).use { store ->
            runBlocking {
                val s = store.logPractice(PracticeTechnique.BREATHING, minutes = 10, planned = 12)
                assertEquals(PracticeTechnique.BREATHING, s.technique)
                assertEquals(Duration.ofMinutes(10), Duration.between(s.startInstant, s.endInstant))
                assertEquals(Instant.ofEpochMilli(FIXED_NOW_MS), s.endInstant)
                assertEquals("MINDFULNESS_SESSION_TYPE_BREATHING", s.healthConnectType)
                assertEquals(3600, s.startZoneOffset.totalSeconds)
                assertEquals(day("2027-03-28"), s.started.localDate)
                val summary = store.practiceSummary()
                assertEquals(1u, summary.daysPractisedThisWeek)
                assertEquals(10u, summary.minutesThisWeek)
                assertEquals(1u, summary.streak)
                assertTrue(summary.habitStrength > 0.0)
                store.setStreakHidden(true)
                assertNull(store.practiceSummary().streak)
            }
            val e = assertThrowsReset(ErrorKind.INVALID_INPUT) { store.logPractice(PracticeTechnique.MEDITATION, minutes = 0) }
            assertEquals("minutes", (e as ResetException.InvalidInput).field)
        }
    }

    @Test
    fun `the shared unlock vectors hold`() {
        val text = fixture("programmes/unlock_vectors.json").readText()
        val cases = text.substringAfter("\"cases\"").split("{").drop(1).map { block ->
            Regex("\"(\\w+)\":\\s*\"([^\"]*)\"").findAll(block).associate { it.groupValues[1] to it.groupValues[2] }
        }
        assertTrue(cases.size >= 6)
        for (v in cases) {
            val name = v.getValue("name")
            val completedAt = Instant.parse(v.getValue("completed_at"))
            val dir = scratchDir()
            val store = runBlocking {
                ResetStore.open(
                    File(dir, "profile.db").path,
                    KEY_A,
                    v.getValue("zone"),
                    FixedClock(java.time.Instant.ofEpochMilli(completedAt.toEpochMilli() + 60_000)),
                )
            }
            store.use {
                runBlocking {
                    it.startProgramme(v.getValue("programme"), completedAt.minusSeconds(3600))
                    it.completeStep(v.getValue("completed"), completedAt)
                    val next = it.programmeProgress()?.steps?.single { s -> s.id == v.getValue("next") }
                    assertEquals(StepStatus.LOCKED, next?.status, name)
                    assertEquals(v.getValue("unlocks_at"), next?.unlocksAt?.localText(), name)
                }
            }
        }
    }

    @Test
    fun `validating a pack names the step at fault`() {
        val pack = File(System.getProperty("reset.fixtures"), "../../core/content/programmes/meditation-7-day.json").readText()
        assertEquals("meditation-7-day", validateProgrammePack(pack).id)
        val damaged = pack.replace("\"journal\": \"free\"", "\"journal\": \"diary\"")
        val e = assertThrowsReset(ErrorKind.INVALID_INPUT) { validateProgrammePack(damaged) }
        // The JSON path of the value at fault (the seventh step), never the value itself.
        assertEquals("steps[6].journal", (e as ResetException.InvalidInput).field)
        assertTrue(!e.reason.contains("diary"), e.reason)
    }
}
