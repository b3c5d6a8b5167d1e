package app.resetcompanion.core

import app.resetcompanion.core.model.CognitiveDistortion
import app.resetcompanion.core.model.EmotionLabel
import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.JournalBody
import app.resetcompanion.core.model.JournalKind
import app.resetcompanion.core.model.LifeArea
import app.resetcompanion.core.model.ResetException
import app.resetcompanion.core.model.ValenceClassification
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.time.Instant

class JournalTest {
    private fun invalidField(e: ResetException): String = (e as ResetException.InvalidInput).field

    @Test
    fun `a check-in maps onto HealthKit valence and keeps its local day`() = runBlocking<Unit> {
        openStore(scratchDir()).use { store ->
            // 23:30 UTC on 30 June 2026 is 00:30 BST on 1 July in London (before the fixed clock:
            // a record more than five minutes in the future is refused).
            val c = store.checkIn(
                6,
                listOf(EmotionLabel.CALM),
                listOf(LifeArea.SELF_CARE),
                "Tea in the garden",
                listOf("Garden"),
                at = Instant.parse("2026-06-30T23:30:00Z"),
            )
            assertEquals(2.0 / 3.0, c.valence, 1e-12)
            assertEquals(ValenceClassification.PLEASANT, c.valenceClassification)
            assertEquals(day("2026-07-01"), c.captured.localDate)
            assertEquals(listOf("garden"), c.tags)
            assertEquals(6, moodFromValence(c.valence))
            assertEquals(38, EmotionLabel.SATISFIED.healthKitRawValue)
            assertEquals(listOf(c.id), store.checkIns().map { it.id })
            assertEquals(6.0, store.moodCalendar(day("2026-07-01"), day("2026-07-31")).single().average)
        }
    }

    @Test
    fun `a thought record from the shared fixture round-trips and is searchable until deleted`() = runBlocking<Unit> {
        openStore(scratchDir()).use { store ->
            val body = JournalBodies.decode(fixture("journal/thought.json").readText(), JournalKind.THOUGHT)
            val record = (body as JournalBody.Thought).record
            assertEquals(EmotionLabel.ANXIOUS, record.emotions.first().label)
            assertEquals(
                listOf(CognitiveDistortion.FORTUNE_TELLING, CognitiveDistortion.OVERGENERALIZATION, CognitiveDistortion.MIND_READING),
                record.distortions,
            )
            val entry = store.addJournalEntry(body, listOf("work"))
            assertFalse(entry.sharedWithTherapist)
            assertEquals(body, store.journalEntry(entry.id).body)

            val hits = store.search("MANAG*")
            assertEquals(listOf(entry.id), hits.map { it.id })
            assertTrue(hits[0].snippet.contains("[manager]"), hits[0].snippet)
            assertEquals("thought", hits[0].kind)

            assertTrue(store.setSharedWithTherapist(entry.id, true).sharedWithTherapist)
            val insights = store.insights(day("2027-03-01"), day("2027-03-31"))
            assertEquals(1u, insights.thoughtRecordCount)
            assertEquals(-40.0, insights.emotionChanges.first { it.label == EmotionLabel.ANXIOUS }.averageChange)

            store.deleteJournalEntry(entry.id)
            assertTrue(store.search("manager").isEmpty())
            assertThrowsReset(ErrorKind.NOT_FOUND) { store.journalEntry(entry.id) }
        }
    }

    @Test
    fun `bad input is InvalidInput naming the field and stores nothing`() {
        openStore(scratchDir()).use { store ->
            assertEquals("mood", invalidField(assertThrowsReset(ErrorKind.INVALID_INPUT) { store.checkIn(0) }))
            val bad = """{"automatic_thoughts":"x","emotions":[{"label":"anxious","before":150}]}"""
            assertEquals("emotions[0].before", invalidField(assertThrowsReset(ErrorKind.INVALID_INPUT) { JournalBodies.decode(bad, JournalKind.THOUGHT) }))
            val huge = "a".repeat(1_048_576)
            assertEquals("text", invalidField(assertThrowsReset(ErrorKind.INVALID_INPUT) { store.addJournalEntry(JournalBodies.text(huge)) }))
            assertEquals("query", invalidField(assertThrowsReset(ErrorKind.INVALID_INPUT) { store.search("\"unclosed") }))
            val counts = runBlocking { store.status() }.counts
            assertEquals(0uL, counts["journal_entries"])
            assertEquals(0uL, counts["check_ins"])
        }
    }
}
