package app.resetcompanion.presentation

/**
 * The few plain values a screen keeps for when Android kills its process in the background and
 * later restores the back stack (a running meditation, a draft being written): the app keeps them
 * in the back stack's `SavedStateHandle`, i.e. in the saved instance state the system holds for
 * the task (never in the app's files, never in a log). Tests and previews use [InMemory].
 * A screen stores small values only (the saved state of a whole task should stay well under
 * 1 MB: Android's "Save UI states" guide).
 */
interface ScreenMemory {
    operator fun get(key: String): String?

    /** Stores [value]; null removes the key. */
    operator fun set(key: String, value: String?)

    /** Forgets everything this screen stored. */
    fun clear()

    /** A map in memory: lives as long as the object (JVM tests, the desktop harness). */
    class InMemory(initial: Map<String, String> = emptyMap()) : ScreenMemory {
        val values = LinkedHashMap(initial)

        override fun get(key: String): String? = values[key]

        override fun set(key: String, value: String?) {
            if (value == null) values.remove(key) else values[key] = value
        }

        override fun clear() = values.clear()
    }
}
