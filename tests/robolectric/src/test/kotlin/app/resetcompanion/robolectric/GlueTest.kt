package app.resetcompanion.robolectric

import android.content.Intent
import android.net.Uri
import android.security.keystore.KeyPermanentlyInvalidatedException
import app.resetcompanion.app.DeepLinkTarget
import app.resetcompanion.app.PickedFile
import app.resetcompanion.app.R
import app.resetcompanion.app.SharedExports
import app.resetcompanion.app.copyPickedFile
import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.reminders.addReminder
import app.resetcompanion.core.reminders.androidPlanOptions
import app.resetcompanion.core.reminders.reminderPlan
import app.resetcompanion.core.security.AndroidKeystoreKeyWrapper
import app.resetcompanion.core.security.generateWithFallback
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.w3c.dom.Element
import java.io.ByteArrayInputStream
import java.io.File
import java.io.IOException
import java.io.InputStream
import java.nio.file.Files
import java.security.ProviderException
import java.security.UnrecoverableKeyException
import java.time.LocalTime
import javax.crypto.AEADBadTagException

/** The app's framework-only glue on the real Intent, Uri and ContentResolver classes. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], manifest = Config.NONE, application = RoboApp::class)
class GlueTest {
    private val scratch: File = Files.createTempDirectory("reset-glue-").toFile()

    @After
    fun tearDown() {
        scratch.deleteRecursively()
        app.close()
    }

    @Test
    fun `every deep link the core plans leads to its screen, anything else nowhere`() {
        // The five links are the core's (core/src/reminder/text.rs).
        for (target in DeepLinkTarget.entries) {
            val intent = Intent(Intent.ACTION_VIEW, Uri.parse("resetcompanion://${target.host}"))
            assertEquals(target, DeepLinkTarget.of(intent))
        }
        assertNull(DeepLinkTarget.of(Intent(Intent.ACTION_MAIN)))
        assertNull(DeepLinkTarget.of(null))
        assertNull(DeepLinkTarget.of(Intent(Intent.ACTION_VIEW, Uri.parse("https://meditation"))))
        assertNull(DeepLinkTarget.of(Intent(Intent.ACTION_VIEW, Uri.parse("resetcompanion://settings"))))
        assertNull(DeepLinkTarget.of(Intent(Intent.ACTION_SEND, Uri.parse("resetcompanion://journal"))))
        // Another app may send any link (the filter is exported): only the core's bare links are followed.
        for (link in listOf(
            "resetcompanion://checkin/x",
            "resetcompanion://checkin?mood=1",
            "resetcompanion://checkin#a",
            "resetcompanion://u@checkin",
            "resetcompanion://checkin:80",
            "resetcompanion:checkin",
        )) {
            assertNull(link, DeepLinkTarget.of(Intent(Intent.ACTION_VIEW, Uri.parse(link))))
        }
    }

    @Test
    fun `a link is followed on a fresh launch only, never on re-creation or from Recents`() {
        val link = Intent(Intent.ACTION_VIEW, Uri.parse("resetcompanion://checkin"))
        assertEquals(DeepLinkTarget.CHECKIN, DeepLinkTarget.atCreate(link, recreated = false))
        assertNull("rotation / process death: the restored stack wins", DeepLinkTarget.atCreate(link, recreated = true))
        val fromRecents = Intent(link).addFlags(Intent.FLAG_ACTIVITY_LAUNCHED_FROM_HISTORY)
        assertNull(DeepLinkTarget.atCreate(fromRecents, recreated = false))
        val consumed = DeepLinkTarget.consumed(link)
        assertNull(DeepLinkTarget.atCreate(consumed, recreated = false))
        assertEquals(Intent.ACTION_VIEW, consumed.action)
    }

    @Test
    fun `a picked file is copied whole into the cache`() {
        val uri = Uri.parse("content://com.example.docs/backup")
        shadowOf(app.contentResolver).registerInputStream(uri, ByteArrayInputStream(ByteArray(4096) { it.toByte() }))
        val target = File(scratch, "restore/picked.resetbackup")
        val result = copyPickedFile(app.contentResolver, uri, target)
        assertEquals(PickedFile.Copied(target), result)
        assertEquals(4096, target.length())
    }

    @Test
    fun `a provider that fails half way leaves no partial file and no crash`() {
        val uri = Uri.parse("content://com.example.docs/offline")
        val failing = object : InputStream() {
            var n = 0
            override fun read(): Int = if (n++ < 100) 7 else throw IOException("network file not available")
        }
        shadowOf(app.contentResolver).registerInputStream(uri, failing)
        val target = File(scratch, "restore/picked.resetbackup")
        val result = copyPickedFile(app.contentResolver, uri, target)
        assertEquals(PickedFile.Unreadable("IOException"), result)
        assertFalse(target.exists())
    }

    @Test
    fun `a revoked grant is a readable error, not a crash`() {
        val uri = Uri.parse("content://com.example.docs/revoked")
        shadowOf(app.contentResolver).registerInputStreamSupplier(uri) { throw SecurityException("Permission Denial") }
        val result = copyPickedFile(app.contentResolver, uri, File(scratch, "picked"))
        assertEquals(PickedFile.Unreadable("SecurityException"), result)
    }

    @Test
    fun `shared exports are deleted after sharing and all at launch, nothing outside the folder`() {
        val shared = File(scratch, "shared").apply { mkdirs() }
        val report = File(shared, "report.pdf").apply { writeText("pdf") }
        val backup = File(shared, "b.resetbackup").apply { writeText("b") }
        val outside = File(scratch, "profile.db").apply { writeText("db") }
        val exports = SharedExports(shared)
        exports.delete(report)
        exports.delete(outside)
        assertFalse(report.exists())
        assertTrue("only files in the share folder", outside.exists())
        exports.clear()
        assertFalse(backup.exists())
        assertTrue(shared.exists())
    }

    @Test
    fun `shared files stay for the receiving app's grace period, then the foreground sweep deletes them`() {
        val shared = File(scratch, "shared").apply { mkdirs() }
        val old = File(shared, "report-old.pdf").apply { writeText("x") }
        val fresh = File(shared, "report-new.pdf").apply { writeText("y") }
        val now = 1_800_000_000_000L
        old.setLastModified(now - SharedExports.GRACE_MS - 1_000)
        fresh.setLastModified(now - 60_000)
        SharedExports(shared).sweep(now)
        assertFalse(old.exists())
        assertTrue("a receiver may still be reading it", fresh.exists())
    }

    @Test
    fun `only key-gone failures are permanent, a busy keystore is not`() {
        assertTrue(AndroidKeystoreKeyWrapper.isPermanent(UnrecoverableKeyException("no key")))
        assertTrue(AndroidKeystoreKeyWrapper.isPermanent(AEADBadTagException("altered")))
        assertTrue(AndroidKeystoreKeyWrapper.isPermanent(KeyPermanentlyInvalidatedException()))
        assertFalse(AndroidKeystoreKeyWrapper.isPermanent(java.security.KeyStoreException("Keystore operation failed", ProviderException("busy"))))
        assertFalse(AndroidKeystoreKeyWrapper.isPermanent(java.security.InvalidKeyException("Keystore operation failed")))
    }

    @Test
    fun `a StrongBox failure of any kind falls back to the TEE key, a TEE failure is reported`() {
        val tee = javax.crypto.spec.SecretKeySpec(ByteArray(32), "AES")
        val strong = javax.crypto.spec.SecretKeySpec(ByteArray(32) { 1 }, "AES")
        val failures = listOf<() -> javax.crypto.SecretKey?>(
            { throw ProviderException("Keystore key generation failed") }, // the Pixel 6 report (review A7)
            { throw android.security.keystore.StrongBoxUnavailableException("none") },
            { throw java.security.InvalidAlgorithmParameterException("no StrongBox") },
            { null },
        )
        for (f in failures) {
            assertEquals(tee, generateWithFallback(35, f) { tee })
        }
        assertEquals(strong, generateWithFallback(35, { strong }) { tee })
        var triedStrongBox = false
        assertEquals(
            "before API 28 StrongBox is never touched",
            tee,
            generateWithFallback(27, {
                triedStrongBox = true
                strong
            }) { tee },
        )
        assertFalse(triedStrongBox)
        // Review 2, B6: a StrongBox key that generates but fails its first wrap/unwrap is not kept.
        assertEquals(tee, generateWithFallback(35, { strong }, usable = { false }) { tee })
        assertEquals(tee, generateWithFallback(35, { strong }, usable = { throw ProviderException("Keystore operation failed") }) { tee })
        assertEquals(strong, generateWithFallback(35, { strong }, usable = { it === strong }) { tee })
        val e =
            runCatching { generateWithFallback(35, { throw ProviderException("x") }) { throw ProviderException("TEE busy") } }
        assertEquals("TEE busy", e.exceptionOrNull()?.message)
    }

    @Test
    fun `Health Connect's privacy links open the privacy screen, not the person's task`() {
        val manifest = javax.xml.parsers.DocumentBuilderFactory.newInstance().apply { isNamespaceAware = true }
            .newDocumentBuilder().parse(File(System.getProperty("android.root"), "app/src/main/AndroidManifest.xml"))
        val ns = "http://schemas.android.com/apk/res/android"
        fun nodes(tag: String) = manifest.getElementsByTagName(tag).let { l -> (0 until l.length).map { l.item(it) as org.w3c.dom.Element } }
        fun Element.actions() = getElementsByTagName("action").let { l ->
            (0 until l.length).map { (l.item(it) as org.w3c.dom.Element).getAttributeNS(ns, "name") }
        }
        val rationale = nodes("activity").single { "androidx.health.ACTION_SHOW_PERMISSIONS_RATIONALE" in it.actions() }
        assertEquals(".PrivacyPolicyActivity", rationale.getAttributeNS(ns, "name"))
        assertEquals("", rationale.getAttributeNS(ns, "launchMode"))
        val alias = nodes("activity-alias").single { "android.intent.action.VIEW_PERMISSION_USAGE" in it.actions() }
        assertEquals(".PrivacyPolicyActivity", alias.getAttributeNS(ns, "targetActivity"))
        assertEquals("android.permission.START_VIEW_PERMISSION_USAGE", alias.getAttributeNS(ns, "permission"))
        val main = nodes("activity").single { it.getAttributeNS(ns, "name") == ".MainActivity" }
        assertFalse(main.actions().any { it.contains("health") })
    }

    @Test
    fun `the resources the glue names exist in android app res`() {
        val res = File(System.getProperty("android.root"), "app/src/main/res")
        val strings = File(res, "values/strings.xml").readText()
        // Every name the stub R carries (the names the glue uses) is a string resource.
        R.string::class.java.declaredFields.filter { java.lang.reflect.Modifier.isStatic(it.modifiers) && it.type == Int::class.javaPrimitiveType }
            .map { it.name }.also { assertTrue(it.size >= 20) }
            .forEach { assertTrue(it, strings.contains("name=\"$it\"")) }
        // The stub R mirrors these names; R.drawable.ic_notification must be a vector drawable.
        assertTrue(R.drawable.ic_notification != 0)
        assertTrue(File(res, "drawable/ic_notification.xml").readText().contains("<vector"))
        val manifest = File(System.getProperty("android.root"), "app/src/main/AndroidManifest.xml").readText()
        assertTrue("the app declares an icon", manifest.contains("android:icon=\"@mipmap/ic_launcher\""))
        assertTrue(File(res, "mipmap-anydpi-v26/ic_launcher.xml").exists())
    }

    @Test
    fun `the reminder texts in the string resources are the core's generic words, one pair per kind (review A15)`() {
        val doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(File(System.getProperty("android.root"), "app/src/main/res/values/strings.xml"))
        val strings = doc.getElementsByTagName("string").let { n -> (0 until n.length).map { n.item(it) as Element } }
            .associate { it.getAttribute("name") to it.textContent.replace("\\'", "'") }
        val planned = runBlocking {
            app.store.let { store ->
                ActivityKind.entries.forEach { store.addReminder(it, listOf(LocalTime.parse("08:00"))) }
                store.reminderPlan(androidPlanOptions(false))
            }
        }
        for (kind in ActivityKind.entries) {
            val core = planned.first { it.kind == kind }
            val name = kind.name.lowercase()
            assertEquals(core.title, strings["reminder_title_$name"])
            assertEquals(core.body, strings["reminder_body_$name"])
        }
    }
}
