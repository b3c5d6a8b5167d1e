package app.resetcompanion.presentation

import app.resetcompanion.core.model.ActivityStatus
import app.resetcompanion.core.model.CognitiveDistortion
import app.resetcompanion.core.model.EmotionLabel
import app.resetcompanion.core.model.EmotionRating
import app.resetcompanion.core.model.WorryType

// Drafts across process death (review A15, review 2 B12): a thought record, a journal entry or a
// safety-plan revision being written is packed into one string in the screen's [ScreenMemory]
// on every change, restored when Android brings the back stack back in a new process, and
// forgotten once saved or when the screen leaves. The text stays in the saved instance state the
// system holds for the task (never in the app's files, never logged; the screens are FLAG_SECURE).
// A draft longer than [MAX_DRAFT_CHARS] does not replace the last one that fitted, and the back
// stack keeps at most `MAX_SAVED_CHARS` in all (NavigationState.kt): a task's saved state must
// stay well under Android's 1 MB transaction limit, or saving it fails (TransactionTooLargeException).

/** The longest draft kept across process death, in characters (all fields together). */
const val MAX_DRAFT_CHARS = 50_000

/** The memory key every editor keeps its draft under. */
internal const val DRAFT = "draft"

/**
 * The memory key for the id of the entry a "new entry" screen saved: the screen's route still
 * says "new", so without it a draft restored after process death would be saved as a second
 * entry (review 3, F3).
 */
internal const val SAVED_ENTRY = "savedEntry"

/** Strings packed into one, each as its length, `:`, then its characters, so any text survives. */
internal object Packed {
    fun pack(parts: List<String>): String = buildString { parts.forEach { append(it.length).append(':').append(it) } }

    /** The parts, or null for text that is not a packing (a draft from another build). */
    fun unpack(s: String): List<String>? {
        val parts = mutableListOf<String>()
        var i = 0
        while (i < s.length) {
            val colon = s.indexOf(':', i).takeIf { it > i } ?: return null
            val length = s.substring(i, colon).toIntOrNull()?.takeIf { it >= 0 } ?: return null
            val end = colon + 1 + length
            if (end > s.length) return null
            parts += s.substring(colon + 1, end)
            i = end
        }
        return parts
    }
}

/**
 * Keeps [packed] as this screen's draft; one too long to keep leaves the last one that fitted in
 * place (review 3, F6), so a restore brings back most of the text rather than none.
 */
internal fun ScreenMemory.keepDraft(packed: String) {
    if (packed.length <= MAX_DRAFT_CHARS) this[DRAFT] = packed
}

/** The draft's parts, expecting [count] of them, or null. */
internal fun ScreenMemory.draftParts(count: Int): List<String>? = this[DRAFT]?.let(Packed::unpack)?.takeIf { it.size == count }

private inline fun <reified E : Enum<E>> enumOf(name: String): E? = enumValues<E>().firstOrNull { it.name == name }

/** A thought record's draft as one string. */
internal fun ThoughtRecordDraft.pack(): String = Packed.pack(
    listOf(
        situation,
        automaticThoughts,
        Packed.pack(emotions.map { Packed.pack(listOf(it.label.name, it.before.toString(), it.after?.toString().orEmpty())) }),
        Packed.pack(distortions.map { it.name }),
        evidenceFor,
        evidenceAgainst,
        balancedThought,
        beliefBefore?.toString().orEmpty(),
        beliefAfter?.toString().orEmpty(),
        Packed.pack(tags),
        sharedWithTherapist.toString(),
    ),
)

/** The thought record kept in [memory], if any. */
internal fun thoughtRecordDraft(memory: ScreenMemory): ThoughtRecordDraft? {
    val p = memory.draftParts(11) ?: return null
    val emotions = Packed.unpack(p[2])?.map { e ->
        val (label, before, after) = Packed.unpack(e)?.takeIf { it.size == 3 } ?: return null
        EmotionRating(enumOf<EmotionLabel>(label) ?: return null, before.toIntOrNull() ?: return null, after.toIntOrNull())
    } ?: return null
    val distortions = Packed.unpack(p[3])?.mapNotNull { enumOf<CognitiveDistortion>(it) }?.toSet() ?: return null
    return ThoughtRecordDraft(
        situation = p[0],
        automaticThoughts = p[1],
        emotions = emotions,
        distortions = distortions,
        evidenceFor = p[4],
        evidenceAgainst = p[5],
        balancedThought = p[6],
        beliefBefore = p[7].toIntOrNull(),
        beliefAfter = p[8].toIntOrNull(),
        tags = Packed.unpack(p[9]) ?: return null,
        sharedWithTherapist = p[10] == "true",
    )
}

/** A journal entry's form as one string. */
internal fun JournalEntryForm.pack(): String = Packed.pack(
    listOf(
        text, Packed.pack(gratitudeItems), reflection, worry, worryType?.name.orEmpty(), whatHappened, situation, prediction,
        distressBefore, distressPeak, distressAfter, outcome, learned, activity, activityStatus.name, mastery, pleasure,
        sharedWithTherapist.toString(),
    ),
)

/** The journal entry form kept in [memory], if any. */
internal fun journalEntryDraft(memory: ScreenMemory): JournalEntryForm? {
    val p = memory.draftParts(18) ?: return null
    return JournalEntryForm(
        text = p[0],
        gratitudeItems = Packed.unpack(p[1]) ?: return null,
        reflection = p[2],
        worry = p[3],
        worryType = enumOf<WorryType>(p[4]),
        whatHappened = p[5],
        situation = p[6],
        prediction = p[7],
        distressBefore = p[8],
        distressPeak = p[9],
        distressAfter = p[10],
        outcome = p[11],
        learned = p[12],
        activity = p[13],
        activityStatus = enumOf<ActivityStatus>(p[14]) ?: ActivityStatus.PLANNED,
        mastery = p[15],
        pleasure = p[16],
        sharedWithTherapist = p[17] == "true",
    )
}

/** A safety-plan revision as one string: each step's lines or contacts, and the version it revises. */
internal fun SafetyPlanForm.pack(basedOn: UInt?): String = Packed.pack(
    PlanStep.entries.map { step ->
        if (step.hasContacts) {
            Packed.pack(contacts(step).map { Packed.pack(listOf(it.name, it.phone, it.sms, it.other)) })
        } else {
            Packed.pack(items(step))
        }
    } + basedOn?.toString().orEmpty(),
)

/** The safety-plan revision kept in [memory] and the version it revises, if any. */
internal fun safetyPlanDraft(memory: ScreenMemory): Pair<SafetyPlanForm, UInt?>? {
    val p = memory.draftParts(PlanStep.entries.size + 1) ?: return null
    val items = mutableMapOf<PlanStep, List<String>>()
    val contacts = mutableMapOf<PlanStep, List<ContactForm>>()
    PlanStep.entries.forEachIndexed { i, step ->
        val lines = Packed.unpack(p[i]) ?: return null
        if (step.hasContacts) {
            contacts[step] = lines.map { c ->
                val f = Packed.unpack(c)?.takeIf { it.size == 4 } ?: return null
                ContactForm(f[0], f[1], f[2], f[3])
            }
        } else {
            items[step] = lines
        }
    }
    return SafetyPlanForm(items, contacts) to p.last().toUIntOrNull()
}
