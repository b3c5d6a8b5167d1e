package app.resetcompanion.presentation

import app.resetcompanion.core.assessmentHistory
import app.resetcompanion.core.model.Answer
import app.resetcompanion.core.model.SignpostReason
import app.resetcompanion.core.safetyEvents
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class AssessmentViewModelTest : ViewModelTest() {
    private fun AssessmentViewModel.answerAll(vararg scores: Int) = scores.forEach { answer(Answer.Score(it.toUByte())) }

    @Test
    fun `a score without a signpost goes straight to the result`() {
        val vm = graph().assessment("gad7")
        vm.answerAll(3, 2, 2, 2, 1, 1, 1)
        vm.submit()
        val result = assertInstanceOf(AssessmentPhase.Result::class.java, vm.state.value.phase).result
        assertEquals(12u, result.total)
        assertEquals("moderate", result.severity)
        assertEquals(1, setUp { assessmentHistory("gad7") }.size)
    }

    @Test
    fun `a signpost comes before the score, and the score is not in the state until acknowledged`() {
        val vm = graph().assessment("phq9")
        vm.answerAll(0, 0, 0, 0, 0, 0, 0, 0, 1) // item 9 above zero
        vm.submit()
        val phase = assertInstanceOf(AssessmentPhase.Signposting::class.java, vm.state.value.phase)
        assertEquals(SignpostReason.SELF_HARM_THOUGHTS, phase.signpost.reason)
        assertTrue(phase.signpost.resources.isNotEmpty())
        assertFalse(vm.state.value.toString().contains("total="), "the score must not leak into the state")
        // The core stored the result and the safety event already; only the order of screens waits.
        assertEquals(1, setUp { safetyEvents() }.size)
        vm.acknowledgeSignpost()
        assertEquals(1u, assertInstanceOf(AssessmentPhase.Result::class.java, vm.state.value.phase).result.total)
        vm.acknowledgeSignpost() // harmless twice
        assertInstanceOf(AssessmentPhase.Result::class.java, vm.state.value.phase)
    }

    @Test
    fun `submitting with an unanswered item jumps to it and stores nothing`() {
        val vm = graph().assessment("gad7")
        vm.answerAll(1, 1, 1)
        vm.goTo(5)
        vm.answer(Answer.Score(2u))
        vm.submit()
        val phase = assertInstanceOf(AssessmentPhase.Answering::class.java, vm.state.value.phase)
        assertEquals(3, phase.index)
        assertEquals("answers[3]", vm.state.value.error?.field)
        assertFalse(phase.canSubmit)
        assertTrue(setUp { assessmentHistory() }.isEmpty())
    }

    @Test
    fun `back and answer move through the items without passing the last`() {
        val vm = graph().assessment()
        assertEquals(AssessmentPhase.Choosing, vm.state.value.phase)
        assertTrue(vm.state.value.instruments.map { it.id }.containsAll(listOf("gad7", "phq9")))
        vm.choose("gad7")
        vm.back()
        assertEquals(0, (vm.state.value.phase as AssessmentPhase.Answering).index)
        vm.answerAll(0, 0, 0, 0, 0, 0, 0, 0, 0) // two extra taps on the last item
        val phase = vm.state.value.phase as AssessmentPhase.Answering
        assertTrue(phase.isLast)
        assertEquals(7, phase.answeredCount)
        vm.choose("nope")
        assertEquals("instrument", vm.state.value.error?.field)
    }

    @Test
    fun `the questionnaire asks for a secure window while visible`() {
        graph().assessment().onVisible(true)
        assertEquals(listOf(true), platform.secure)
    }
}
