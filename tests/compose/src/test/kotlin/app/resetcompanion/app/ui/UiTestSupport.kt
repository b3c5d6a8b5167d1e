package app.resetcompanion.app.ui

import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.asSkiaBitmap
import androidx.compose.ui.semantics.SemanticsActions
import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.semantics.getOrNull
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.SemanticsMatcher
import androidx.compose.ui.test.SkikoComposeUiTest
import androidx.compose.ui.test.captureToImage
import androidx.compose.ui.test.onAllNodesWithContentDescription
import androidx.compose.ui.test.onRoot
import androidx.compose.ui.test.runSkikoComposeUiTest
import androidx.compose.ui.unit.Density
import app.resetcompanion.core.FixedClock
import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.addJournalEntry
import app.resetcompanion.core.checkIn
import app.resetcompanion.core.logPractice
import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.model.CognitiveDistortion
import app.resetcompanion.core.model.EmotionLabel
import app.resetcompanion.core.model.EmotionRating
import app.resetcompanion.core.model.FreeText
import app.resetcompanion.core.model.JournalBody
import app.resetcompanion.core.model.LifeArea
import app.resetcompanion.core.model.PracticeTechnique
import app.resetcompanion.core.model.ThoughtRecord
import app.resetcompanion.core.reminders.addReminder
import app.resetcompanion.core.startProgramme
import app.resetcompanion.presentation.AppGraph
import app.resetcompanion.presentation.SecureWindow
import kotlinx.coroutines.runBlocking
import org.jetbrains.skia.EncodedImageFormat
import org.jetbrains.skia.Image
import java.io.File
import java.nio.file.Files
import java.time.Instant
import java.time.LocalTime

// Shared set-up for the UI tests: a real encrypted store in a temp folder (the host-built
// library through JNA), seeded through the Kotlin wrapper, and the app rendered headlessly
// at phone size by Compose for desktop.

/** 2027-03-24T08:30:00Z, a Wednesday morning in London (GMT). */
const val NOW_MS = 1_805_877_000_000L

/** A phone: 411 × 891 dp at density 2.625 (1080 × 2340 px). */
val PHONE_PX = Size(1080f, 2340f)
const val PHONE_DENSITY = 2.625f

/** Remembers every FLAG_SECURE change a screen asks for. */
class RecordingSecureWindow : SecureWindow {
    val calls = mutableListOf<Boolean>()
    override fun setSecure(on: Boolean) {
        synchronized(calls) { calls += on }
    }
}

/** An opened store with a few records of every kind, and the graph over it. */
class SeededApp(seed: Boolean = true, zone: String = "Europe/London") : AutoCloseable {
    val dir: File = Files.createTempDirectory("reset-ui-").toFile()
    val store: ResetStore = runBlocking {
        ResetStore.open(File(dir, "profile.db").path, ByteArray(32) { 0x5A }, zone, FixedClock(java.time.Instant.ofEpochMilli(NOW_MS)))
    }
    val graph = AppGraph(store, shareDir = File(dir, "share"), clock = FixedClock(java.time.Instant.ofEpochMilli(NOW_MS)))

    init {
        if (seed) runBlocking { seed() }
    }

    private suspend fun seed() {
        val earlier = Instant.ofEpochMilli(NOW_MS - 90 * 60_000L)
        store.checkIn(5, listOf(EmotionLabel.CALM, EmotionLabel.HOPEFUL), listOf(LifeArea.WORK), note = "Slept well", at = earlier)
        store.addJournalEntry(
            JournalBody.Thought(
                ThoughtRecord(
                    situation = "Presentation at work moved to tomorrow",
                    automaticThoughts = "I will freeze and everyone will notice",
                    emotions = listOf(EmotionRating(EmotionLabel.ANXIOUS, 70, 40)),
                    distortions = listOf(CognitiveDistortion.FORTUNE_TELLING, CognitiveDistortion.MIND_READING),
                    evidenceFor = "I stumbled once last year",
                    evidenceAgainst = "The last three went fine",
                    balancedThought = "I am prepared, and a stumble is survivable",
                    beliefBefore = 80,
                    beliefAfter = 35,
                ),
            ),
            tags = listOf("work"),
            sharedWithTherapist = true,
            at = earlier,
        )
        store.addJournalEntry(JournalBody.Free(FreeText("A slow walk by the river helped.")), at = earlier)
        store.startProgramme("meditation-7-day", at = Instant.ofEpochMilli(NOW_MS - 2 * 86_400_000L))
        store.logPractice(PracticeTechnique.BREATHING, minutes = 10, planned = 10, startedAt = Instant.ofEpochMilli(NOW_MS - 86_400_000L))
        store.addReminder(ActivityKind.CHECKIN, listOf(LocalTime.parse("09:00")), skipIfDone = true)
        store.addReminder(ActivityKind.MEDITATION, listOf(LocalTime.parse("20:30")), label = "Evening sit")
    }

    override fun close() {
        store.close()
        dir.deleteRecursively()
    }
}

/** A small safety plan: [coping] as step 2, Sam with a number, a reason for living. */
fun seededPlan(coping: String = "Walk round the block") = app.resetcompanion.core.model.SafetyPlanInput(
    warningSigns = listOf("Not sleeping"),
    copingStrategies = listOf(coping),
    distractions = emptyList(),
    supportContacts = listOf(app.resetcompanion.core.model.SafetyContact("Sam", "07700 900123", null, null)),
    professionals = emptyList(),
    saferSurroundings = emptyList(),
    reasonsForLiving = listOf("My niece"),
)

/** Renders [content] at phone size and runs [block]; [fontScale] for accessibility checks. */
@OptIn(ExperimentalTestApi::class)
fun phoneTest(fontScale: Float = 1f, block: SkikoComposeUiTest.() -> Unit) =
    runSkikoComposeUiTest(size = PHONE_PX, density = Density(PHONE_DENSITY, fontScale)) { block() }

/** Waits until the view models' background loads have landed (no spinner left). */
@OptIn(ExperimentalTestApi::class)
fun SkikoComposeUiTest.awaitLoaded() {
    waitForIdle()
    waitUntil(timeoutMillis = 10_000) {
        onAllNodesWithContentDescription(Strings.loading).fetchSemanticsNodes().isEmpty()
    }
    // Let the state that ended the loading recompose too.
    Thread.sleep(150)
    waitForIdle()
}

/** A clickable node that shows no text and has no content description: invisible to TalkBack. */
val isUnlabelledControl: SemanticsMatcher = SemanticsMatcher("clickable without text or content description") { node ->
    val cfg = node.config
    val clickable = cfg.contains(SemanticsActions.OnClick)
    val text = cfg.getOrNull(SemanticsProperties.Text).orEmpty().any { it.isNotBlank() } ||
        cfg.getOrNull(SemanticsProperties.EditableText)?.isNotBlank() == true
    val described = cfg.getOrNull(SemanticsProperties.ContentDescription).orEmpty().any { it.isNotBlank() }
    clickable && !text && !described
}

/** Where screenshots go: docs/screenshots/android/ (set by the POM), else target/. */
val SCREENSHOT_DIR: File = File(System.getProperty("reset.screenshots") ?: "target/screenshots").also { it.mkdirs() }

/** Writes the whole phone-sized window as `<name>.png`. */
@OptIn(ExperimentalTestApi::class)
fun SkikoComposeUiTest.saveScreenshot(name: String) {
    val bitmap = onRoot().captureToImage().asSkiaBitmap()
    check(bitmap.width == PHONE_PX.width.toInt() && bitmap.height == PHONE_PX.height.toInt()) { "not phone-sized" }
    val png = Image.makeFromBitmap(bitmap).encodeToData(EncodedImageFormat.PNG) ?: error("PNG encoding failed")
    File(SCREENSHOT_DIR, "$name.png").writeBytes(png.bytes)
}
