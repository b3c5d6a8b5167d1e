package app.resetcompanion.app.ui

import androidx.compose.ui.text.font.FontStyle
import androidx.compose.ui.text.font.FontWeight
import org.junit.Assert.assertEquals
import org.junit.Test

/** The step-body Markdown subset: blocks and inline styles, markers removed. */
class MarkdownTest {
    @Test
    fun paragraphs_headings_and_bullet_lists_become_blocks() {
        val md = "# Arriving\n\nWelcome. Nothing\nto achieve.\n\n- Sit steady.\n- Close your eyes,\n  or rest your gaze.\nThen breathe."
        assertEquals(
            listOf(
                MdBlock.Heading("Arriving"),
                MdBlock.Paragraph("Welcome. Nothing to achieve."),
                MdBlock.Bullets(listOf("Sit steady.", "Close your eyes, or rest your gaze. Then breathe.")),
            ),
            parseMarkdown(md),
        )
    }

    @Test
    fun strong_and_emphasis_are_styled_and_unmarked() {
        val s = inlineMarkdown("Losing count *is* the **practice**; 2 * 3 stays.")
        assertEquals("Losing count is the practice; 2 * 3 stays.", s.text)
        assertEquals(FontStyle.Italic, s.spanStyles.single { it.item.fontStyle != null }.item.fontStyle)
        assertEquals(FontWeight.Bold, s.spanStyles.single { it.item.fontWeight != null }.item.fontWeight)
    }
}
