package app.resetcompanion.reminders

import android.os.Bundle
import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.reminders.ReminderAlarm

/**
 * The alarm's content carried in its Intent, so the fire-time receiver can post the
 * notification without the database (it may still be locked right after boot).
 */
internal object ReminderExtras {
    private const val ID = "reminder_id"
    private const val AT = "trigger_at"
    private const val EXACT = "exact"
    private const val CODE = "request_code"
    private const val KIND = "kind"
    private const val TITLE = "title"
    private const val BODY = "body"
    private const val LINK = "deep_link"
    private const val CHANNEL = "channel_id"

    fun from(a: ReminderAlarm): Bundle = Bundle().apply {
        putString(ID, a.id)
        putLong(AT, a.triggerAtMillis)
        putBoolean(EXACT, a.exact)
        putInt(CODE, a.requestCode)
        putString(KIND, a.kind.name)
        putString(TITLE, a.title)
        putString(BODY, a.body)
        putString(LINK, a.deepLink)
        putString(CHANNEL, a.channelId)
    }

    fun read(b: Bundle?): ReminderAlarm? {
        b ?: return null
        val kind = b.getString(KIND)?.let { name -> ActivityKind.entries.firstOrNull { it.name == name } } ?: return null
        return ReminderAlarm(
            id = b.getString(ID) ?: return null,
            triggerAtMillis = b.getLong(AT),
            exact = b.getBoolean(EXACT),
            requestCode = b.getInt(CODE),
            kind = kind,
            title = b.getString(TITLE) ?: return null,
            body = b.getString(BODY) ?: return null,
            deepLink = b.getString(LINK) ?: return null,
            channelId = b.getString(CHANNEL) ?: return null,
        )
    }

    /** Just the id, for notification buttons. */
    fun id(b: Bundle?): String? = b?.getString(ID)

    fun idOnly(id: String, requestCode: Int): Bundle = Bundle().apply {
        putString(ID, id)
        putInt(CODE, requestCode)
    }

    fun requestCode(b: Bundle?): Int? = b?.takeIf { it.containsKey(CODE) }?.getInt(CODE)
}
