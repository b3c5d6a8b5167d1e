package app.resetcompanion.presentation

import app.resetcompanion.core.model.JournalBody
import app.resetcompanion.core.model.JournalEntry

// Reading an entry in full: every field of every kind in reading order with its label (the same
// labels as iOS's JournalEntry.fields), empty ones left out.

/** One labelled part of an entry. */
data class EntryField(val label: String, val value: String)

private fun words(name: String) = name.lowercase().replace('_', ' ').replaceFirstChar { it.uppercase() }

private fun rating(value: Int?, max: Int) = value?.let { "$it of $max" }

/** Every field of the entry in reading order, empty ones left out: the whole entry, not a preview. */
val JournalEntry.fields: List<EntryField>
    get() {
        val pairs: List<Pair<String, String?>> = when (val b = body) {
            is JournalBody.Free -> listOf("Entry" to b.record.text)
            is JournalBody.Gratitude ->
                b.record.items.mapIndexed { i, item -> "Grateful for (${i + 1})" to item } + ("Reflection" to b.record.reflection)
            is JournalBody.Worry -> listOf(
                "Worry" to b.record.worry,
                "Kind of worry" to b.record.worryType?.let { words(it.name) },
                "What happened" to b.record.whatHappened,
            )
            is JournalBody.Exposure -> with(b.record) {
                listOf(
                    "Situation" to situation,
                    "Prediction" to prediction,
                    "Distress before" to rating(distressBefore, 100),
                    "Distress at its peak" to rating(distressPeak, 100),
                    "Distress after" to rating(distressAfter, 100),
                    "What happened" to outcome,
                    "What I learned" to learned,
                )
            }
            is JournalBody.Activity -> with(b.record) {
                listOf("Activity" to activity, "Status" to words(status.name), "Mastery" to rating(mastery, 10), "Pleasure" to rating(pleasure, 10))
            }
            is JournalBody.Thought -> with(b.record) {
                listOf(
                    "Situation" to situation, "Automatic thoughts" to automaticThoughts,
                    "Emotions" to emotions.joinToString(", ") { e -> "${words(e.label.name)} ${e.before}${e.after?.let { " → $it" } ?: ""}" },
                    "Thinking traps" to distortions.joinToString(", ") { words(it.name) },
                    "Evidence for" to evidenceFor, "Evidence against" to evidenceAgainst, "Balanced thought" to balancedThought,
                    "Belief before" to rating(beliefBefore, 100), "Belief after" to rating(beliefAfter, 100),
                )
            }
        }
        return pairs.mapNotNull { (label, value) -> value?.takeIf { it.isNotBlank() }?.let { EntryField(label, it) } }
    }
