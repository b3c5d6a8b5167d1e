package app.resetcompanion.core

import app.resetcompanion.core.model.Answer
import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.IndicatorStatus
import app.resetcompanion.core.model.OutcomeCategory
import app.resetcompanion.core.model.OutcomeMeasure
import app.resetcompanion.core.model.ReliableChange
import app.resetcompanion.core.model.ResetException
import app.resetcompanion.core.model.SignpostReason
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.Test
import java.time.Instant

/** Scoring, errors, signposts, history and outcomes through the real library, against the shared golden vectors. */
class AssessmentTest {
    @Suppress("UNCHECKED_CAST")
    private val golden = MiniJson.parse(fixture("assessment/golden.json").readText()) as Map<String, Any?>

    @Suppress("UNCHECKED_CAST")
    private fun rows(key: String) = golden[key] as List<Map<String, Any?>>

    @Test
    fun `every golden scoring vector scores the same as in Rust and Swift`() = runBlocking<Unit> {
        val cases = rows("scoring")
        assertTrue(cases.size > 60)
        val store = openStore(scratchDir())
        for (c in cases) {
            val name = c["name"] as String

            @Suppress("UNCHECKED_CAST")
            val expect = c["expect"] as Map<String, Any?>?

            @Suppress("UNCHECKED_CAST")
            val failure = c["error"] as Map<String, Any?>?
            try {
                val r = store.scoreAssessment(c["instrument"] as String, Answer.parse(c["answers"] as String), c["region"] as String)
                if (expect == null) fail<Unit>("$name: expected an error")
                expect!!
                assertEquals((expect["total"] as Long).toUInt(), r.total, name)
                assertEquals((expect["max"] as Long).toUInt(), r.max, name)
                assertEquals(expect["severity"], r.severity, name)
                assertEquals(expect["flags"], r.flags, name)
                assertEquals(expect["prorated"], r.prorated, name)
                @Suppress("UNCHECKED_CAST")
                val signpost = expect["signpost"] as Map<String, Any?>?
                assertEquals(signpost?.get("reason"), r.signpost?.reason?.id, name)
                assertEquals(signpost?.get("region"), r.signpost?.region, name)
                assertEquals(signpost?.get("phones"), r.signpost?.resources?.mapNotNull { it.phone }, name)
            } catch (e: ResetException) {
                if (failure == null) fail<Unit>("$name: $e")
                assertEquals(failure!!["kind"], e.kind.name.lowercase(), name)
                assertEquals(failure["field"], (e as ResetException.InvalidInput).field, name)
            }
        }
    }

    @Test
    fun `every golden outcome row follows the NHS Talking Therapies rules`() {
        for (row in rows("outcomes")) {
            @Suppress("UNCHECKED_CAST")
            val p = row["phq9"] as List<Long>

            @Suppress("UNCHECKED_CAST")
            val g = row["gad7"] as List<Long>

            @Suppress("UNCHECKED_CAST")
            val expect = row["expect"] as Map<String, Any?>
            val s = nhsOutcome(p[0].toInt(), p[1].toInt(), g[0].toInt(), g[1].toInt())
            val name = row["name"] as String
            assertEquals(expect["category"], s.category.id, name)
            assertEquals(expect["caseness_start"], s.casenessStart, name)
            assertEquals(expect["caseness_end"], s.casenessEnd, name)
            assertEquals(expect["reliable_improvement"], s.reliableImprovement, name)
            assertEquals(expect["reliable_deterioration"], s.reliableDeterioration, name)
            assertEquals(expect["recovery"], s.recovery, name)
            assertEquals(expect["reliable_recovery"], s.reliableRecovery, name)
            // Issue 17: each indicator on its own, reliable deterioration first as a warning.
            val met = s.indicators.filter { it.status == IndicatorStatus.MET }.sortedBy { !it.warning }
            assertEquals(row["met"], met.map { it.indicator.name.lowercase() }, name)
            // Therapist read-through: every reliable rise on one measure warns, even when the
            // other measure's reliable fall makes the combined indicator "no reliable change".
            val rises = s.measures.filter { it.reliable == ReliableChange.DETERIORATED }.map { it.measure }
            assertEquals(rises.isNotEmpty(), s.indicators.any { it.warning }, name)
            assertEquals(rises, s.indicators.flatMap { it.warningMeasures }, name)
            assertTrue(!s.reliableDeterioration || s.indicators.any { it.warning }, name)
            assertEquals(listOf(OutcomeMeasure.PHQ9, OutcomeMeasure.GAD7), s.measures.map { it.measure }, name)
        }
    }

    @Test
    fun `the issue example scores 12 moderate with no signpost`() = runBlocking<Unit> {
        val r = openStore(scratchDir()).scoreAssessment("gad7", answersOf(3, 2, 2, 2, 1, 1, 1))
        assertEquals(12u, r.total)
        assertEquals("moderate", r.severity)
        assertNull(r.signpost)
    }

    @Test
    fun `an out of range answer is InvalidInput naming the item and nothing is stored`() {
        val store = openStore(scratchDir())
        val e = assertThrowsReset(ErrorKind.INVALID_INPUT) { store.takeAssessment("pss10", answersOf(0, 0, 0, 0, 0, 0, 0, 0, 0, 5)) }
        assertEquals("answers[9]", (e as ResetException.InvalidInput).field)
        val negative = assertThrowsReset(ErrorKind.INVALID_INPUT) { answersOf(1, -1) }
        assertEquals("answers[1]", (negative as ResetException.InvalidInput).field)
        runBlocking { assertEquals(0uL, store.status().counts["assessments"]) }
    }

    @Test
    fun `a severe PHQ-9 brings the signpost for the person's region and records a safety event`() = runBlocking<Unit> {
        val store = openStore(scratchDir())
        store.setPreference("region", "IE")
        val taken = store.takeAssessment("phq9", answersOf(3, 3, 3, 3, 3, 3, 2, 0, 0))
        val signpost = taken.result.signpost!!
        assertEquals(SignpostReason.SEVERE_TOTAL, signpost.reason)
        assertEquals("IE", signpost.region)
        assertEquals(listOf("116 123", "112"), signpost.resources.mapNotNull { it.phone })
        val events = store.safetyEvents()
        assertEquals(listOf("severe_total"), events.map { it.reason.id })
        assertEquals(Instant.ofEpochMilli(FIXED_NOW_MS), events.single().occurredAtInstant)
        assertEquals(taken.record.id, events.single().assessmentId)
        // One id scheme (issue 15): a prefixed id, and the old number still finds the record.
        assertTrue(taken.record.id.startsWith("as_") && taken.record.id.length == 27, taken.record.id)
        assertTrue(events.single().id.startsWith("se_"))
        assertEquals(taken.record, store.assessment(taken.record.id))
        assertEquals(taken.record, store.assessment(taken.record.legacyId.toString()))
        assertThrowsReset(ErrorKind.NOT_FOUND) { store.assessment("as_000000000000000000000000") }
        assertEquals(listOf("116 123", "112"), store.crisisResources().mapNotNull { it.phone })
        assertEquals("SHOUT", store.crisisResources("GB").last().smsBody)
    }

    @Test
    fun `history, the episode outcome and due dates follow stored assessments`() = runBlocking<Unit> {
        val store = openStore(scratchDir())
        assertEquals(listOf("gad7", "phq9"), store.dueAssessments().due.map { it.instrument })
        val march = Instant.parse("2027-03-01T09:00:00Z")
        store.takeAssessment("phq9", Answer.parse("2,2,2,2,2,2,2,2,0"), at = march)
        store.takeAssessment("gad7", answersOf(2, 2, 2, 2, 1, 1, 1), at = march)
        store.takeAssessment("phq9", answersOf(1, 1, 1, 0, 0, 0, 0, 0, 0))
        store.takeAssessment("gad7", answersOf(1, 1, 0, 0, 0, 0, 0))
        val history = store.assessmentHistory("phq9")
        assertEquals(listOf(16u, 3u), history.map { it.total })
        assertEquals(march, history.first().takenAtInstant)
        val outcome = store.episodeOutcome()
        assertEquals(day("2027-03-01"), outcome.episode?.startDate)
        assertEquals(OutcomeCategory.RELIABLE_RECOVERY, outcome.summary?.category)
        store.setAssessmentCadence("phq9", 7)
        assertEquals(listOf(day("2027-04-04"), day("2027-04-11")), store.dueAssessments().upcoming.map { it.dueDate })
    }
}

/** Just enough JSON to read the shared fixtures without adding a dependency: objects, arrays, strings, numbers (Long), booleans, null. */
private object MiniJson {
    fun parse(text: String): Any? = Reader(text).run {
        value().also {
            skip()
            check(i == s.length) { "trailing text at $i" }
        }
    }

    private class Reader(val s: String) {
        var i = 0

        fun skip() {
            while (i < s.length && s[i].isWhitespace()) i++
        }

        fun value(): Any? {
            skip()
            return when (val c = s[i]) {
                '{' -> obj()
                '[' -> arr()
                '"' -> str()
                't' -> word("true", true)
                'f' -> word("false", false)
                'n' -> word("null", null)
                else -> if (c == '-' || c.isDigit()) num() else error("unexpected '$c' at $i")
            }
        }

        fun word(w: String, v: Any?): Any? {
            check(s.startsWith(w, i)) { "bad literal at $i" }
            i += w.length
            return v
        }

        fun num(): Long {
            val start = i
            i++
            while (i < s.length && s[i].isDigit()) i++
            return s.substring(start, i).toLong()
        }

        fun str(): String {
            val out = StringBuilder()
            i++
            while (s[i] != '"') {
                if (s[i] == '\\') {
                    i++
                    when (val e = s[i]) {
                        'n' -> out.append('\n')
                        't' -> out.append('\t')
                        'u' -> {
                            out.append(s.substring(i + 1, i + 5).toInt(16).toChar())
                            i += 4
                        }
                        else -> out.append(e)
                    }
                } else {
                    out.append(s[i])
                }
                i++
            }
            i++
            return out.toString()
        }

        fun arr(): List<Any?> {
            val out = mutableListOf<Any?>()
            i++
            skip()
            if (s[i] == ']') {
                i++
                return out
            }
            while (true) {
                out.add(value())
                skip()
                if (s[i++] == ']') return out
            }
        }

        fun obj(): Map<String, Any?> {
            val out = linkedMapOf<String, Any?>()
            i++
            skip()
            if (s[i] == '}') {
                i++
                return out
            }
            while (true) {
                skip()
                val key = str()
                skip()
                check(s[i++] == ':') { "expected ':' at $i" }
                out[key] = value()
                skip()
                if (s[i++] == '}') return out
            }
        }
    }
}
