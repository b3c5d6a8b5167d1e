package app.resetcompanion.presentation

import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.SafetyContact
import app.resetcompanion.core.safetyPlan
import app.resetcompanion.core.safetyPlanHistory
import app.resetcompanion.core.saveSafetyPlan
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class SafetyPlanViewModelsTest : ViewModelTest() {
    @Test
    fun `before a plan exists the screen invites one and still lists the crisis lines`() {
        val vm = graph().safetyPlan()
        val s = vm.state.value
        assertNull(s.plan)
        assertTrue(s.crisisLines.any { it.name.contains("Samaritans") })
    }

    @Test
    fun `the editor writes the first version, blank lines and blank people left out`() {
        val vm = graph().safetyPlanEdit()
        assertEquals(7, vm.state.value.prompts.size)
        assertNull(vm.state.value.basedOn)
        vm.editItem(PlanStep.WARNING_SIGNS, 0, "Not sleeping")
        vm.addItem(PlanStep.WARNING_SIGNS)
        vm.editItem(PlanStep.WARNING_SIGNS, 1, "  ")
        vm.editContact(PlanStep.SUPPORT_CONTACTS, 0) { it.copy(name = "Sam", phone = "07700 900123") }
        vm.addContact(PlanStep.SUPPORT_CONTACTS) // left blank
        vm.editItem(PlanStep.REASONS_FOR_LIVING, 0, "My niece")
        vm.save()

        val saved = vm.state.value.saved!!
        assertEquals(1u, saved.version)
        assertEquals(listOf("Not sleeping"), saved.steps.warningSigns)
        assertEquals(listOf(SafetyContact("Sam", "07700 900123", null, null)), saved.steps.supportContacts)
        assertEquals(listOf("My niece"), saved.steps.reasonsForLiving)
        assertEquals(saved, setUp { safetyPlan() })
    }

    @Test
    fun `revising opens the newest version and saves a second one, keeping the first`() {
        setUp { saveSafetyPlan(SafetyPlanForm().copy(items = SafetyPlanForm().items + (PlanStep.COPING_STRATEGIES to listOf("Music"))).toInput()) }
        val vm = graph().safetyPlanEdit()
        assertEquals(1u, vm.state.value.basedOn)
        assertEquals(listOf("Music", ""), vm.state.value.form.items(PlanStep.COPING_STRATEGIES))
        vm.editItem(PlanStep.COPING_STRATEGIES, 1, "A shower")
        vm.save()
        assertEquals(2u, vm.state.value.saved?.version)
        val history = graph().safetyPlanHistory()
        assertEquals(listOf(2u, 1u), history.state.value.versions.map { it.version })
        history.select(1u)
        assertEquals(listOf("Music"), history.state.value.selected?.steps?.copingStrategies)
        history.select(null)
        assertNull(history.state.value.selected)
        assertEquals(2, setUp { safetyPlanHistory() }.size)
    }

    @Test
    fun `a refused save names the field and keeps everything typed`() {
        val vm = graph().safetyPlanEdit()
        vm.editContact(PlanStep.PROFESSIONALS, 0) { it.copy(phone = "020 7946 0000") } // no name
        vm.editItem(PlanStep.WARNING_SIGNS, 0, "Not sleeping")
        vm.save()
        val s = vm.state.value
        assertEquals(ErrorKind.INVALID_INPUT, s.error?.kind)
        assertTrue(s.error?.field.orEmpty().startsWith("professionals[0]"), "field: ${s.error?.field}")
        assertNull(s.saved)
        assertEquals("020 7946 0000", s.form.contacts(PlanStep.PROFESSIONALS)[0].phone)
        assertEquals("Not sleeping", s.form.items(PlanStep.WARNING_SIGNS)[0])
        assertTrue(setUp { safetyPlanHistory() }.isEmpty())
    }

    @Test
    fun `removing a line or a person takes it out of the form`() {
        val vm = graph().safetyPlanEdit()
        vm.editItem(PlanStep.DISTRACTIONS, 0, "Park")
        vm.addItem(PlanStep.DISTRACTIONS)
        vm.editItem(PlanStep.DISTRACTIONS, 1, "Café")
        vm.removeItem(PlanStep.DISTRACTIONS, 0)
        assertEquals(listOf("Café"), vm.state.value.form.items(PlanStep.DISTRACTIONS))
        vm.removeContact(PlanStep.SUPPORT_CONTACTS, 0)
        assertTrue(vm.state.value.form.contacts(PlanStep.SUPPORT_CONTACTS).isEmpty())
    }

    @Test
    fun `the crisis screen loads the lines and then the plan`() {
        setUp { saveSafetyPlan(SafetyPlanForm().copy(items = SafetyPlanForm().items + (PlanStep.REASONS_FOR_LIVING to listOf("My dog"))).toInput()) }
        val s = graph().crisis().state.value
        assertTrue(s.resources.isNotEmpty())
        assertEquals(listOf("My dog"), s.plan?.steps?.reasonsForLiving)
        assertEquals(7, s.prompts.size)
    }
}
