package app.resetcompanion.presentation

import app.resetcompanion.core.FIXED_NOW_MS
import app.resetcompanion.core.FixedClock
import app.resetcompanion.core.KEY_A
import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.crisisLinesRegionWithoutProfile
import app.resetcompanion.core.model.Answer
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File

/**
 * New-user review F30 on Android: outside every region the core covers, the crisis screen and
 * the signpost still list the default region's lines, but say plainly, before them, that they
 * are another country's.
 */
class CrisisRegionTest : ViewModelTest() {
    private fun sydney(): ResetStore = runBlocking {
        ResetStore.open(
            File(dir, "sydney.db").path,
            KEY_A,
            "Australia/Sydney",
            FixedClock(java.time.Instant.ofEpochMilli(FIXED_NOW_MS)),
            dispatcher,
        )
    }

    @Test
    fun `outside every covered region the crisis screen says the lines are another country's`() {
        val sydney = sydney()
        try {
            val vm = CrisisViewModel(sydney)
            val s = vm.state.value
            assertTrue(s.resources.isNotEmpty(), "the lines are still listed")
            assertEquals(true, s.region?.regionIsFallback)
            val notice = requireNotNull(s.fallbackNotice) { "a notice before fallback lines" }
            assertTrue(notice.startsWith("We don't have crisis lines for where you are."), notice)
            assertTrue(notice.contains("call your local emergency number now"), notice)
            assertTrue(notice.contains("for United Kingdom, not your country"), notice)
            assertTrue(notice.contains("Settings"), notice)
            assertEquals("Lines for United Kingdom (not your region)", s.regionCaption)

            // A region the person chose is theirs: no notice.
            runBlocking { sydney.setPreference(SettingsViewModel.REGION_PREFERENCE, "GB") }
            vm.refresh()
            assertNull(vm.state.value.fallbackNotice)
            assertEquals("Lines for United Kingdom", vm.state.value.regionCaption)
        } finally {
            sydney.close()
        }
    }

    /** New-user review 3, F6: the safety plan screen lists crisis lines beside the plan. */
    @Test
    fun `the safety plan screen names its lines' region and warns outside every covered region`() {
        val sydney = sydney()
        try {
            val vm = SafetyPlanViewModel(sydney)
            val s = vm.state.value
            assertTrue(s.crisisLines.isNotEmpty(), "the lines are still listed")
            val notice = requireNotNull(s.fallbackNotice) { "a notice before fallback lines" }
            assertTrue(notice.contains("call your local emergency number now"), notice)
            assertTrue(notice.contains("for United Kingdom, not your country"), notice)
            assertEquals("Lines for United Kingdom (not your region)", s.regionCaption)
        } finally {
            sydney.close()
        }
        val home = graph().safetyPlan().state.value
        assertNull(home.fallbackNotice)
        assertEquals("Lines for United Kingdom", home.regionCaption)
    }

    @Test
    fun `in a covered region there is no notice, only the region's name`() {
        val s = graph().crisis().state.value
        assertEquals(false, s.region?.regionIsFallback)
        assertNull(s.fallbackNotice)
        assertEquals("Lines for United Kingdom", s.regionCaption)
    }

    @Test
    fun `a signpost outside every covered region carries the notice`() {
        val sydney = sydney()
        try {
            val vm = AssessmentViewModel(sydney, platform, "phq9")
            listOf(0, 0, 0, 0, 0, 0, 0, 0, 2).forEach { vm.answer(Answer.Score(it.toUByte())) }
            vm.submit()
            val phase = assertInstanceOf(AssessmentPhase.Signposting::class.java, vm.state.value.phase)
            assertTrue(phase.signpost.regionIsFallback)
            assertTrue(CrisisRegionText.fallbackNotice(phase.signpost)!!.contains("We don't have crisis lines for where you are"))
        } finally {
            sydney.close()
        }
        val home = graph().assessment("phq9")
        listOf(0, 0, 0, 0, 0, 0, 0, 0, 2).forEach { home.answer(Answer.Score(it.toUByte())) }
        home.submit()
        val phase = assertInstanceOf(AssessmentPhase.Signposting::class.java, home.state.value.phase)
        assertNull(CrisisRegionText.fallbackNotice(phase.signpost))
    }

    @Test
    fun `without a profile the notice comes with the lines and never points to Settings`() {
        val tokyo = runBlocking { crisisLinesRegionWithoutProfile("Asia/Tokyo", dispatcher = dispatcher) }
        assertTrue(tokyo.regionIsFallback)
        assertFalse(tokyo.resources.isEmpty())
        val notice = CrisisRegionText.fallbackNotice(tokyo.regionName, tokyo.regionIsFallback, canChooseRegion = false)!!
        assertFalse(notice.contains("Settings"), notice)
        val dublin = runBlocking { crisisLinesRegionWithoutProfile("Europe/Dublin", dispatcher = dispatcher) }
        assertFalse(dublin.regionIsFallback)
        assertEquals("Ireland", dublin.regionName)
    }
}
