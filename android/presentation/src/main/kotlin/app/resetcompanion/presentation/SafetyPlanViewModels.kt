package app.resetcompanion.presentation

import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.SafetyPlanSteps
import app.resetcompanion.core.crisisRegion
import app.resetcompanion.core.crisisResources
import app.resetcompanion.core.emptySafetyPlan
import app.resetcompanion.core.model.CrisisRegion
import app.resetcompanion.core.model.CrisisResource
import app.resetcompanion.core.model.SafetyContact
import app.resetcompanion.core.model.SafetyPlan
import app.resetcompanion.core.model.SafetyPlanInput
import app.resetcompanion.core.model.SafetyPlanPrompt
import app.resetcompanion.core.safetyPlan
import app.resetcompanion.core.safetyPlanHistory
import app.resetcompanion.core.saveSafetyPlan

// The personal safety plan (issue 20): read (with the region's crisis lines, always listed under
// step 5), written and revised (every save a new version in the core), and its history. The core
// validates and names the field it refuses; these view models keep what was typed. Same shapes
// as iOS's SafetyPlanModel. Structure: Stanley & Brown 2012 (docs/safety-plan.md).

/** The seven steps, in the order the core's prompts give them; [field] is the core's field name. */
enum class PlanStep(val field: String, val hasContacts: Boolean = false) {
    WARNING_SIGNS("warning_signs"),
    COPING_STRATEGIES("coping_strategies"),
    DISTRACTIONS("distractions"),
    SUPPORT_CONTACTS("support_contacts", hasContacts = true),
    PROFESSIONALS("professionals", hasContacts = true),
    SAFER_SURROUNDINGS("safer_surroundings"),
    REASONS_FOR_LIVING("reasons_for_living"),
    ;

    companion object {
        /** The step a core prompt belongs to. */
        fun of(prompt: SafetyPlanPrompt): PlanStep? = entries.firstOrNull { it.field == prompt.field }
    }
}

/** The text items of [step] in [plan] (empty for the two contact steps). */
fun SafetyPlanInput.items(step: PlanStep): List<String> = when (step) {
    PlanStep.WARNING_SIGNS -> warningSigns
    PlanStep.COPING_STRATEGIES -> copingStrategies
    PlanStep.DISTRACTIONS -> distractions
    PlanStep.SAFER_SURROUNDINGS -> saferSurroundings
    PlanStep.REASONS_FOR_LIVING -> reasonsForLiving
    PlanStep.SUPPORT_CONTACTS, PlanStep.PROFESSIONALS -> emptyList()
}

/** The contacts of [step] in [plan] (empty for the five text steps). */
fun SafetyPlanInput.contacts(step: PlanStep): List<SafetyContact> = when (step) {
    PlanStep.SUPPORT_CONTACTS -> supportContacts
    PlanStep.PROFESSIONALS -> professionals
    else -> emptyList()
}

/** The plan screen: the newest version, or the invitation to write one; crisis lines either way. */
data class SafetyPlanUiState(
    val loading: Boolean = true,
    /** The newest version, or null before the first save. */
    val plan: SafetyPlan? = null,
    /** The steps' titles and prompts from the core, in order. */
    val prompts: List<SafetyPlanPrompt> = emptyList(),
    /** The region's crisis lines (the plan's own when there is one). */
    val crisisLines: List<CrisisResource> = emptyList(),
    /** The region the lines are for, and whether it is only the core's fallback (review 3, F6). */
    val region: CrisisRegion? = null,
    val error: UiError? = null,
) {
    /** Said before the lines when they are another country's. */
    val fallbackNotice: String? get() = region?.let { CrisisRegionText.fallbackNotice(it) }

    /** "Lines for Ireland": which region's lines the plan lists. */
    val regionCaption: String? get() = region?.let { CrisisRegionText.caption(it.regionName, it.regionIsFallback) }
}

/** Reads the newest plan with its crisis lines. */
class SafetyPlanViewModel(private val store: ResetStore) : StoreViewModel<SafetyPlanUiState>(SafetyPlanUiState()) {
    init {
        refresh()
    }

    /** Reloads (after an edit, or when the screen is shown again). */
    fun refresh() = launchCatching({ s, e -> s.copy(loading = false, error = e) }) {
        val plan = store.safetyPlan()
        val lines = plan?.crisisLines ?: store.crisisResources()
        val region = store.crisisRegion()
        update {
            it.copy(loading = false, plan = plan, prompts = SafetyPlanSteps.prompts, crisisLines = lines, region = region, error = null)
        }
    }

    fun dismissError() = update { it.copy(error = null) }
}

/** One contact as typed: blank fields are left out when saved. */
data class ContactForm(val name: String = "", val phone: String = "", val sms: String = "", val other: String = "") {
    /** Whether nothing was typed. */
    val isBlank: Boolean get() = listOf(name, phone, sms, other).all { it.isBlank() }

    /** The core's contact; blank fields become absent. */
    fun toContact() = SafetyContact(name.trim(), phone.trim().ifEmpty { null }, sms.trim().ifEmpty { null }, other.trim().ifEmpty { null })

    companion object {
        fun of(c: SafetyContact) = ContactForm(c.name, c.phone.orEmpty(), c.sms.orEmpty(), c.other.orEmpty())
    }
}

/** The plan as typed: every step a list of lines or contacts; blank ones are dropped on save. */
data class SafetyPlanForm(
    val items: Map<PlanStep, List<String>> = PlanStep.entries.filterNot { it.hasContacts }.associateWith { listOf("") },
    val contacts: Map<PlanStep, List<ContactForm>> = PlanStep.entries.filter { it.hasContacts }.associateWith { listOf(ContactForm()) },
) {
    fun items(step: PlanStep): List<String> = items[step].orEmpty()
    fun contacts(step: PlanStep): List<ContactForm> = contacts[step].orEmpty()

    /** The core's input: lines trimmed, blank lines and blank contacts left out. */
    fun toInput(): SafetyPlanInput {
        fun lines(step: PlanStep) = items(step).map { it.trim() }.filter { it.isNotEmpty() }
        fun people(step: PlanStep) = contacts(step).filterNot { it.isBlank }.map { it.toContact() }
        return SafetyPlanInput(
            warningSigns = lines(PlanStep.WARNING_SIGNS),
            copingStrategies = lines(PlanStep.COPING_STRATEGIES),
            distractions = lines(PlanStep.DISTRACTIONS),
            supportContacts = people(PlanStep.SUPPORT_CONTACTS),
            professionals = people(PlanStep.PROFESSIONALS),
            saferSurroundings = lines(PlanStep.SAFER_SURROUNDINGS),
            reasonsForLiving = lines(PlanStep.REASONS_FOR_LIVING),
        )
    }

    companion object {
        /** The form filled from a saved plan, each step with one empty line to add to. */
        fun of(plan: SafetyPlanInput) = SafetyPlanForm(
            items = PlanStep.entries.filterNot { it.hasContacts }.associateWith { plan.items(it) + "" },
            contacts = PlanStep.entries.filter { it.hasContacts }.associateWith { s -> plan.contacts(s).map(ContactForm::of) + ContactForm() },
        )
    }
}

/** The editor: a new plan, or the newest version to revise. */
data class SafetyPlanEditUiState(
    val loading: Boolean = true,
    val prompts: List<SafetyPlanPrompt> = emptyList(),
    val form: SafetyPlanForm = SafetyPlanForm(),
    /** The version being revised, or null for the first plan. */
    val basedOn: UInt? = null,
    val saving: Boolean = false,
    /** The version just saved: the screen returns to the plan. */
    val saved: SafetyPlan? = null,
    /**
     * The plan changed elsewhere (another editor saved a newer version, or a restore replaced it)
     * since this revision started from [basedOn]: nothing was saved; the person chooses to save
     * theirs as the newest version anyway ([SafetyPlanEditViewModel.saveAnyway]) or to start again
     * from the newest ([SafetyPlanEditViewModel.startFromNewer]) (review 2, B12).
     */
    val changedMeanwhile: PlanChanged? = null,
    /** A refused save names the field, e.g. `support_contacts[0].phone`. */
    val error: UiError? = null,
)

/** The newest saved version when a save found the plan changed meanwhile (null: there is none any more). */
data class PlanChanged(val newestVersion: UInt?)

/**
 * Writes the plan; each save is a new version in the core, earlier ones kept. The revision is
 * kept in [memory] on every change (the person often leaves to copy a number from Contacts: a
 * likely moment for the process to be killed), with the version it started from.
 */
class SafetyPlanEditViewModel(private val store: ResetStore, private val memory: ScreenMemory = ScreenMemory.InMemory()) :
    StoreViewModel<SafetyPlanEditUiState>(SafetyPlanEditUiState()) {
    init {
        launchCatching({ s, e -> s.copy(loading = false, error = e) }) {
            val kept = safetyPlanDraft(memory)
            val plan = if (kept == null) store.safetyPlan() else null
            update {
                it.copy(
                    loading = false,
                    prompts = SafetyPlanSteps.prompts,
                    form = kept?.first ?: SafetyPlanForm.of(plan?.steps ?: emptySafetyPlan()),
                    basedOn = if (kept != null) kept.second else plan?.version,
                )
            }
        }
    }

    /** Changes line [index] of a text step. */
    fun editItem(step: PlanStep, index: Int, text: String) = edit { f ->
        f.copy(items = f.items + (step to f.items(step).toMutableList().also { if (index in it.indices) it[index] = text }))
    }

    /** Adds an empty line to a text step. */
    fun addItem(step: PlanStep) = edit { f -> f.copy(items = f.items + (step to f.items(step) + "")) }

    /** Removes line [index] of a text step. */
    fun removeItem(step: PlanStep, index: Int) = edit { f ->
        f.copy(items = f.items + (step to f.items(step).filterIndexed { i, _ -> i != index }))
    }

    /** Changes contact [index] of a contact step. */
    fun editContact(step: PlanStep, index: Int, change: (ContactForm) -> ContactForm) = edit { f ->
        f.copy(contacts = f.contacts + (step to f.contacts(step).mapIndexed { i, c -> if (i == index) change(c) else c }))
    }

    /** Adds an empty contact to a contact step. */
    fun addContact(step: PlanStep) = edit { f -> f.copy(contacts = f.contacts + (step to f.contacts(step) + ContactForm())) }

    /** Removes contact [index] of a contact step. */
    fun removeContact(step: PlanStep, index: Int) = edit { f ->
        f.copy(contacts = f.contacts + (step to f.contacts(step).filterIndexed { i, _ -> i != index }))
    }

    /**
     * Saves a new version; on a refusal the form is kept and the field named. When a newer version
     * than [SafetyPlanEditUiState.basedOn] exists, nothing is saved and
     * [SafetyPlanEditUiState.changedMeanwhile] asks the person first.
     */
    fun save() = save(overNewer = false)

    /** Saves this revision as the newest version although a newer one was saved meanwhile (kept in the history). */
    fun saveAnyway() = save(overNewer = true)

    /** Drops this revision and starts again from the newest saved version. */
    fun startFromNewer() {
        if (current.saving) return
        memory.clear()
        update { it.copy(loading = true, changedMeanwhile = null) }
        launchCatching({ s, e -> s.copy(loading = false, error = e) }) {
            val plan = store.safetyPlan()
            update { it.copy(loading = false, form = SafetyPlanForm.of(plan?.steps ?: emptySafetyPlan()), basedOn = plan?.version, saved = null) }
        }
    }

    /** Keeps editing without deciding yet. */
    fun dismissNewer() = update { it.copy(changedMeanwhile = null) }

    private fun save(overNewer: Boolean) {
        val s = current
        if (s.saving || s.loading) return
        update { it.copy(saving = true, error = null, changedMeanwhile = null) }
        launchCatching({ st, e -> st.copy(saving = false, error = e) }) {
            val newest = store.safetyPlan()?.version
            if (!overNewer && newest != s.basedOn) {
                update { it.copy(saving = false, changedMeanwhile = PlanChanged(newest)) }
                return@launchCatching
            }
            val saved = store.saveSafetyPlan(s.form.toInput())
            memory.clear() // stored: nothing left to restore
            update { it.copy(saving = false, saved = saved, basedOn = saved.version) }
        }
    }

    fun dismissError() = update { it.copy(error = null) }

    private fun edit(change: (SafetyPlanForm) -> SafetyPlanForm) {
        update { it.copy(form = change(it.form), saved = null, error = null) }
        memory.keepDraft(current.form.pack(current.basedOn))
    }
}

/** Every saved version, newest first; one can be opened to read. */
data class SafetyPlanHistoryUiState(
    val loading: Boolean = true,
    val versions: List<SafetyPlan> = emptyList(),
    val prompts: List<SafetyPlanPrompt> = emptyList(),
    /** The version being read, or null for the list. */
    val selected: SafetyPlan? = null,
    val error: UiError? = null,
)

/** The plan's history from the core. */
class SafetyPlanHistoryViewModel(private val store: ResetStore) : StoreViewModel<SafetyPlanHistoryUiState>(SafetyPlanHistoryUiState()) {
    init {
        launchCatching({ s, e -> s.copy(loading = false, error = e) }) {
            val versions = store.safetyPlanHistory()
            update { it.copy(loading = false, versions = versions, prompts = SafetyPlanSteps.prompts) }
        }
    }

    /** Opens version [version] to read (null: back to the list). */
    fun select(version: UInt?) = update { s -> s.copy(selected = version?.let { v -> s.versions.firstOrNull { it.version == v } }) }

    fun dismissError() = update { it.copy(error = null) }
}
