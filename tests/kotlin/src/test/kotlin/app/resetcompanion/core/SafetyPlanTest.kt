package app.resetcompanion.core

import app.resetcompanion.core.model.ClockReading
import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.LockPolicy
import app.resetcompanion.core.model.LockSettings
import app.resetcompanion.core.model.ResetException
import app.resetcompanion.core.model.SafetyContact
import app.resetcompanion.core.model.SafetyPlanInput
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The safety plan and the app lock through the Kotlin wrapper, against the real library (issue 20). */
class SafetyPlanTest {
    private val plan = SafetyPlanInput(
        warningSigns = listOf("Not sleeping", "Pulling away from friends"),
        copingStrategies = listOf("Walk round the block"),
        distractions = listOf("The library café"),
        supportContacts = listOf(SafetyContact("Sam", "+44 7700 900123", null, null)),
        professionals = listOf(SafetyContact("Dr Patel, GP", "020 7946 0000", null, "Online booking")),
        saferSurroundings = listOf("Give the spare pills to Sam"),
        reasonsForLiving = listOf("My niece"),
    )

    @Test
    fun `a plan round-trips through the core with the region's crisis lines attached`() = runBlocking<Unit> {
        openStore(scratchDir()).use { store ->
            assertNull(store.safetyPlan())
            val saved = store.saveSafetyPlan(plan)
            assertEquals(1u, saved.version)
            assertEquals(plan, saved.steps)
            assertEquals("GB", saved.crisisRegion) // the profile's zone is London
            assertTrue(saved.crisisLines.any { it.name.contains("Samaritans") })
            assertEquals(saved, store.safetyPlan())
        }
    }

    @Test
    fun `every save is a new version, newest first, and the earlier ones are kept unchanged`() = runBlocking<Unit> {
        openStore(scratchDir()).use { store ->
            store.saveSafetyPlan(plan)
            val revised = plan.copy(copingStrategies = plan.copingStrategies + "Cold water on my face")
            val second = store.saveSafetyPlan(revised)
            assertEquals(2u, second.version)
            val history = store.safetyPlanHistory()
            assertEquals(listOf(2u, 1u), history.map { it.version })
            assertEquals(revised, history[0].steps)
            assertEquals(plan, history[1].steps)
            assertEquals(revised, store.safetyPlan()?.steps)
        }
    }

    @Test
    fun `a refused plan names the field, never its text, and saves nothing`() = runBlocking<Unit> {
        openStore(scratchDir()).use { store ->
            val secret = "CANARY-plan-7731"
            val bad = plan.copy(supportContacts = listOf(SafetyContact("", secret, null, null)))
            val e = assertThrowsReset(ErrorKind.INVALID_INPUT) { store.saveSafetyPlan(bad) } as ResetException.InvalidInput
            assertTrue(e.field.startsWith("support_contacts[0]"), e.field)
            assertFalse(e.reason.contains(secret))
            assertFalse(e.field.contains(secret))
            assertTrue(store.safetyPlanHistory().isEmpty())
            assertThrowsReset(ErrorKind.INVALID_INPUT) { store.saveSafetyPlan(emptySafetyPlan()) }
        }
    }

    @Test
    fun `the seven prompts come from the core in step order, and JSON parses into a plan`() {
        val prompts = SafetyPlanSteps.prompts
        assertEquals((1..7).map { it.toUByte() }, prompts.map { it.step })
        assertEquals(
            listOf("warning_signs", "coping_strategies", "distractions", "support_contacts", "professionals", "safer_surroundings", "reasons_for_living"),
            prompts.map { it.field },
        )
        val parsed = SafetyPlanSteps.parse("""{"warning_signs":["Not sleeping"],"support_contacts":[{"name":"Sam","phone":"07700 900123"}]}""")
        assertEquals(listOf("Not sleeping"), parsed.warningSigns)
        assertEquals("07700 900123", parsed.supportContacts.single().phone)
        val e = try {
            SafetyPlanSteps.parse("""{"warning_signs": "CANARY-json-1"}""")
            null
        } catch (e: ResetException.InvalidInput) {
            e
        }
        assertEquals("input", e?.field)
        assertFalse(e!!.reason.contains("CANARY"))
    }

    @Test
    fun `a contact's number becomes a dial and a message address`() {
        val sam = SafetyContact("Sam", "+44 (0)7700 900-123", null, null)
        assertEquals("tel:+4407700900123", sam.dialUri)
        assertEquals("smsto:+4407700900123", sam.messageUri)
        val textOnly = SafetyContact("Jo", null, "07700 900456", null)
        assertNull(textOnly.dialUri)
        assertEquals("smsto:07700900456", textOnly.messageUri)
        val knock = SafetyContact("Neighbour", null, null, "Knock next door")
        assertNull(knock.dialUri)
        assertNull(knock.messageUri)
        // Review 2, B12: an extension's digits are not dialled as part of the number.
        for (written in listOf("0800 123 4567 ext 2", "0800 123 4567 Ext. 2", "0800 123 4567 x2", "0800 123 4567,2", "0800 123 4567;2", "0800 123 4567 #2")) {
            assertEquals("tel:08001234567", SafetyContact("Clinic", written, null, null).dialUri, written)
        }
    }

    @Test
    fun `the crisis lines come without a profile, by zone or by region`() = runBlocking<Unit> {
        val london = crisisLinesWithoutProfile("Europe/London")
        assertTrue(london.any { it.name.contains("Samaritans") })
        val us = crisisLinesWithoutProfile("America/New_York")
        assertTrue(us.any { it.phone?.contains("988") == true })
        assertEquals(us, crisisLinesWithoutProfile("Europe/London", region = "US"))
        val e = assertThrowsReset(ErrorKind.INVALID_INPUT) { crisisLinesWithoutProfile("Not/AZone") } as ResetException.InvalidInput
        assertEquals("time_zone", e.field)
    }

    @Test
    fun `lock settings are off by default and stored by the core`() = runBlocking<Unit> {
        openStore(scratchDir()).use { store ->
            assertEquals(LockSettings(LockPolicy.OFF, false), store.appLockSettings())
            store.setAppLockSettings(LockSettings(LockPolicy.AFTER_FIVE_MINUTES, true))
            assertEquals(LockSettings(LockPolicy.AFTER_FIVE_MINUTES, true), store.appLockSettings())
        }
    }

    @Test
    fun `the core decides when to lock, across wall-clock changes and reboots`() {
        fun reading(wallMs: Long, upMs: Long?) = ClockReading(java.time.Instant.ofEpochMilli(wallMs), upMs?.let(java.time.Duration::ofMillis))
        val t0 = reading(FIXED_NOW_MS, 1_000_000)
        fun later(wallMs: Long, upMs: Long?) = reading(FIXED_NOW_MS + wallMs, upMs?.let { 1_000_000 + it })
        val five = LockPolicy.AFTER_FIVE_MINUTES
        assertFalse(lockDue(LockPolicy.OFF, null, t0))
        assertTrue(lockDue(five, null, t0), "a new process locks")
        assertFalse(lockDue(five, t0, later(4 * 60_000, 4 * 60_000)))
        assertTrue(lockDue(five, t0, later(5 * 60_000, 5 * 60_000)))
        assertTrue(lockDue(five, t0, later(60_000, 6 * 60_000)), "the wall clock set back: uptime counts")
        assertTrue(lockDue(five, t0, later(-60_000, 60_000)), "the wall clock before the last activity")
        assertTrue(lockDue(five, t0, reading(FIXED_NOW_MS + 1_000, 10)), "uptime restarted: a reboot")
        assertTrue(lockDue(LockPolicy.IMMEDIATELY, t0, later(0, 0)))
        assertEquals(listOf(null, 0, 1, 5, 15), LockPolicy.entries.map { it.graceMinutes })
    }

    @Test
    fun `the prompt offers a strong biometric or the screen lock, Class 2 on API 28 and 29`() {
        assertEquals(0x800F, lockAuthenticators(26))
        assertEquals(0x80FF, lockAuthenticators(28))
        assertEquals(0x80FF, lockAuthenticators(29))
        assertEquals(0x800F, lockAuthenticators(30))
        assertEquals(0x800F, lockAuthenticators(35))
    }
}
