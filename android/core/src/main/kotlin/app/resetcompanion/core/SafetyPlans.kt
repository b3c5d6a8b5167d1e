package app.resetcompanion.core

import app.resetcompanion.core.model.SafetyContact
import app.resetcompanion.core.model.SafetyPlan
import app.resetcompanion.core.model.SafetyPlanInput
import app.resetcompanion.core.model.SafetyPlanPrompt

// The personal safety plan (issue 20) as suspend functions on ResetStore. The core validates,
// versions and stores the plan and attaches the region's crisis lines on every read; this file
// only adapts the calls and builds the dial / message addresses for a contact. Structure:
// the Safety Planning Intervention (Stanley & Brown 2012), see docs/safety-plan.md.

/**
 * Validates [plan] in full and saves it as the next version (the newest is the plan; every
 * earlier version is kept).
 *
 * @throws app.resetcompanion.core.model.ResetException.InvalidInput naming the field (e.g.
 *   `support_contacts[0].phone`), never its text; nothing is saved.
 */
suspend fun ResetStore.saveSafetyPlan(plan: SafetyPlanInput): SafetyPlan = call { it.saveSafetyPlan(plan) }

/** The newest version with the region's crisis lines, or null before the first save. */
suspend fun ResetStore.safetyPlan(): SafetyPlan? = call { it.safetyPlan() }

/** Every saved version, newest first. */
suspend fun ResetStore.safetyPlanHistory(): List<SafetyPlan> = call { it.safetyPlanHistory() }

/** The plan's seven steps and their prompts, in step order (from the core, no store needed). */
object SafetyPlanSteps {
    /** The prompts in step order: 1 warning signs … 7 reasons for living. */
    val prompts: List<SafetyPlanPrompt> by lazy { safetyPlanPrompts() }

    /** A plan from JSON in the CLI's `edit` shape; errors give a position, never the text. */
    fun parse(json: String): SafetyPlanInput = parseSafetyPlan(json)
}

/** An empty plan: every step an empty list. */
fun emptySafetyPlan(): SafetyPlanInput = SafetyPlanInput(emptyList(), emptyList(), emptyList(), emptyList(), emptyList(), emptyList(), emptyList())

/**
 * The `tel:` address that opens the dialler at this contact's number (`ACTION_DIAL`: the person
 * still presses call), or null without a phone number. Only digits and a leading `+` are kept, up to
 * an extension (`ext`, `x`, `,`, `;`, `#`).
 */
val SafetyContact.dialUri: String?
    get() = phone?.let(::dialable)?.let { "tel:$it" }

/**
 * The `smsto:` address that opens a new message to this contact (`ACTION_SENDTO`): the text
 * number when given, else the phone number; null when neither.
 */
val SafetyContact.messageUri: String?
    get() = (sms ?: phone)?.let(::dialable)?.let { "smsto:$it" }

// Where an extension starts ("0800 123 4567 ext 2", "x2", ",2", ";2", "#2"): its digits are not
// part of the number to dial (review 2, B12); the contact's text still shows them.
private val extensionStart = Regex("(?i)ext|x|,|;|#")

private fun dialable(number: String): String? {
    val main = extensionStart.find(number)?.let { number.substring(0, it.range.first) } ?: number
    val digits = main.filter(Char::isDigit)
    if (digits.isEmpty()) return null
    return if (number.trimStart().startsWith('+')) "+$digits" else digits
}
