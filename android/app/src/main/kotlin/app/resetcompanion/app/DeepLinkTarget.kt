package app.resetcompanion.app

import android.content.Intent

// Reminder notifications open `resetcompanion://<kind>` (the core's deep links, one per reminder
// kind). MainActivity's intent filter accepts the scheme; this file decides where a link goes,
// on the framework's own Intent and Uri so Robolectric tests it with the real classes.

/** Where a deep link leads; MainActivity maps each to a screen. */
enum class DeepLinkTarget(
    /** The link's host: `resetcompanion://meditation`. */
    val host: String,
) {
    MEDITATION("meditation"),
    CHECKIN("checkin"),
    JOURNAL("journal"),
    PROGRAMME("programme"),
    ASSESSMENT("assessment"),
    ;

    companion object {
        const val SCHEME = "resetcompanion"

        /**
         * The target of a VIEW intent with our scheme, or null for anything else (launcher, other
         * apps). The filter is exported, so any app can send a link: only the exact links the core
         * writes (`resetcompanion://<known host>`) are followed; a link carrying anything more (a
         * path, query, fragment, user, port) is refused — links never carry data (review 2, B10).
         */
        fun of(intent: Intent?): DeepLinkTarget? {
            if (intent?.action != Intent.ACTION_VIEW) return null
            val uri = intent.data ?: return null
            if (uri.scheme != SCHEME) return null
            val bare = uri.path.isNullOrEmpty() && uri.query == null && uri.fragment == null && uri.userInfo == null && uri.port == -1
            if (!bare) return null
            return entries.firstOrNull { it.host == uri.host }
        }

        /**
         * The link to follow when MainActivity is created: none when the activity is being
         * re-created ([recreated]: `savedInstanceState != null` — rotation, process death; its
         * intent is still the original link and the restored back stack must win) or relaunched
         * from Recents (`FLAG_ACTIVITY_LAUNCHED_FROM_HISTORY`: the task's base intent again).
         * Otherwise [of]. A followed link is then cleared with [consumed].
         */
        fun atCreate(intent: Intent?, recreated: Boolean): DeepLinkTarget? {
            if (recreated || intent == null) return null
            if (intent.flags and Intent.FLAG_ACTIVITY_LAUNCHED_FROM_HISTORY != 0) return null
            return of(intent)
        }

        /** The same intent without its link, for `setIntent` once the link was followed. */
        fun consumed(intent: Intent): Intent = Intent(intent).setData(null)
    }
}
