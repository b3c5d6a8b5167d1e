package app.resetcompanion.app

import android.content.ActivityNotFoundException
import android.content.Context
import android.content.Intent
import android.net.Uri
import android.os.SystemClock
import app.resetcompanion.core.LockClock
import app.resetcompanion.core.model.ClockReading

// Calling or messaging a crisis line or a safety-plan contact (issue 20): one tap opens the
// dialler with the number (ACTION_DIAL — the person still presses call, and no CALL_PHONE
// permission is needed) or a new message (ACTION_SENDTO with `smsto:`). Web links open with
// ACTION_VIEW. Framework-only: compiled against android-all and run under Robolectric.

/** The extra the "Compose a message" common intent reads the text from. */
const val SMS_BODY_EXTRA = "sms_body"

/**
 * The intent for a `tel:`, `smsto:`/`sms:` or web address from the core or the wrapper. A text
 * goes to `smsto:<number>` with its keyword ("SHOUT") in the documented `sms_body` extra, not
 * only as `?body=` in an opaque URI that some SMS apps ignore (review 2, B3).
 */
fun contactIntent(address: String): Intent {
    val uri = Uri.parse(address)
    return when (uri.scheme?.lowercase()) {
        "tel" -> Intent(Intent.ACTION_DIAL, uri)
        "smsto", "sms" -> {
            val part = uri.schemeSpecificPart.orEmpty()
            val number = part.substringBefore('?')
            val body = part.substringAfter('?', "").split('&').firstOrNull { it.startsWith("body=") }?.removePrefix("body=")
            Intent(Intent.ACTION_SENDTO, Uri.fromParts("smsto", number, null)).apply {
                if (!body.isNullOrEmpty()) putExtra(SMS_BODY_EXTRA, body)
            }
        }
        else -> Intent(Intent.ACTION_VIEW, uri)
    }
}

/** Starts [contactIntent]; false when nothing on the device can handle it (e.g. a tablet without telephony). */
fun openContact(context: Context, address: String): Boolean = try {
    val intent = contactIntent(address)
    if (context !is android.app.Activity) intent.addFlags(Intent.FLAG_ACTIVITY_NEW_TASK)
    context.startActivity(intent)
    true
} catch (e: ActivityNotFoundException) {
    false
}

/** The lock's clock on Android: the wall clock and time since boot (counts deep sleep). */
object AndroidLockClock : LockClock {
    override fun now() = ClockReading(java.time.Instant.now(), java.time.Duration.ofMillis(SystemClock.elapsedRealtime()))
}
