package app.resetcompanion.robolectric

import android.app.Activity
import android.content.Intent
import android.net.Uri
import app.resetcompanion.app.AndroidLockClock
import app.resetcompanion.app.contactIntent
import app.resetcompanion.app.openContact
import app.resetcompanion.app.startFresh
import app.resetcompanion.core.dialUri
import app.resetcompanion.core.messageUri
import app.resetcompanion.core.model.SafetyContact
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config

/** A safety-plan contact or a crisis line, tapped: the dialler or a new message opens (issue 20). */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], manifest = Config.NONE, application = RoboApp::class)
class ContactIntentsTest {
    private val activity: Activity = Robolectric.buildActivity(Activity::class.java).setup().get()

    @After
    fun tearDown() = app.close()

    @Test
    fun `call opens the dialler with the contact's number, without CALL_PHONE`() {
        val sam = SafetyContact("Sam", "+44 7700 900123", null, null)
        assertTrue(openContact(activity, sam.dialUri!!))
        val intent = shadowOf(activity).nextStartedActivity
        assertEquals(Intent.ACTION_DIAL, intent.action)
        assertEquals(Uri.parse("tel:+447700900123"), intent.data)
    }

    @Test
    fun `message opens a new text to the contact's number`() {
        val jo = SafetyContact("Jo", null, "07700 900456", null)
        assertTrue(openContact(activity, jo.messageUri!!))
        val intent = shadowOf(activity).nextStartedActivity
        assertEquals(Intent.ACTION_SENDTO, intent.action)
        assertEquals(Uri.parse("smsto:07700900456"), intent.data)
    }

    @Test
    fun `a crisis line's text link and website open with the right actions, from the application too`() {
        assertTrue(openContact(app, "sms:85258?body=SHOUT"))
        val text = shadowOf(app).nextStartedActivity
        assertEquals(Intent.ACTION_SENDTO, text.action)
        // Review 2, B3: the keyword travels in the documented sms_body extra to smsto:<number>.
        assertEquals(Uri.fromParts("smsto", "85258", null), text.data)
        assertEquals("SHOUT", text.getStringExtra("sms_body"))
        assertTrue("outside an activity it needs a new task", text.flags and Intent.FLAG_ACTIVITY_NEW_TASK != 0)
        assertTrue(openContact(activity, "https://www.samaritans.org"))
        assertEquals(Intent.ACTION_VIEW, shadowOf(activity).nextStartedActivity.action)
    }

    @Test
    fun `a text without a keyword carries no body, and a keyword with spaces is kept whole`() {
        val plain = contactIntent("smsto:07700900456")
        assertEquals(Uri.fromParts("smsto", "07700900456", null), plain.data)
        assertEquals(null, plain.getStringExtra("sms_body"))
        val spaced = contactIntent("sms:741741?body=HELLO THERE")
        assertEquals("HELLO THERE", spaced.getStringExtra("sms_body"))
        assertEquals("741741", spaced.data?.schemeSpecificPart)
    }

    @Test
    fun `after erase-all the app starts in a new, cleared task and the old one finishes`() {
        startFresh(activity, Activity::class.java)
        val next = shadowOf(activity).nextStartedActivity
        assertEquals(Activity::class.java.name, next.component?.className)
        assertTrue(next.flags and Intent.FLAG_ACTIVITY_CLEAR_TASK != 0)
        assertTrue(next.flags and Intent.FLAG_ACTIVITY_NEW_TASK != 0)
        assertTrue("its view models are cleared with it", activity.isFinishing)
    }

    @Test
    fun `the lock clock reads the wall clock and time since boot`() {
        val now = AndroidLockClock.now()
        assertTrue(now.wall.toEpochMilli() > 0)
        assertNotNull(now.uptime)
    }
}
