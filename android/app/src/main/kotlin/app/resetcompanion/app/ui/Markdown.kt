package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.AnnotatedString
import androidx.compose.ui.text.SpanStyle
import androidx.compose.ui.text.buildAnnotatedString
import androidx.compose.ui.text.font.FontStyle
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.text.withStyle
import androidx.compose.ui.unit.dp

// The small Markdown subset the core's programme steps use: paragraphs, `#`/`##` headings,
// `-` bullet lists, `**strong**` and `*emphasis*`. Layout only; the text is the core's.

/** One block of a step body. */
sealed interface MdBlock {
    data class Heading(val text: String) : MdBlock
    data class Paragraph(val text: String) : MdBlock
    data class Bullets(val items: List<String>) : MdBlock
}

/** Splits [markdown] into blocks (blank lines separate them; a block of `- ` lines is a list). */
fun parseMarkdown(markdown: String): List<MdBlock> = markdown.trim().split(Regex("\n\\s*\n")).flatMap { block ->
    val lines = block.lines().map { it.trim() }.filter { it.isNotEmpty() }
    val out = mutableListOf<MdBlock>()
    val para = mutableListOf<String>()
    val bullets = mutableListOf<String>()
    fun flush() {
        if (para.isNotEmpty()) out += MdBlock.Paragraph(para.joinToString(" ")).also { para.clear() }
        if (bullets.isNotEmpty()) out += MdBlock.Bullets(bullets.toList()).also { bullets.clear() }
    }
    for (line in lines) {
        when {
            line.startsWith("#") -> {
                flush()
                out += MdBlock.Heading(line.trimStart('#').trim())
            }
            line.startsWith("- ") || line.startsWith("* ") -> {
                if (para.isNotEmpty()) flush()
                bullets += line.drop(2)
            }
            bullets.isNotEmpty() -> bullets[bullets.lastIndex] = bullets.last() + " " + line
            else -> para += line
        }
    }
    flush()
    out
}

/** `**strong**` and `*emphasis*` as styled text, markers removed. */
fun inlineMarkdown(text: String): AnnotatedString = buildAnnotatedString {
    var i = 0
    while (i < text.length) {
        val strong = text.startsWith("**", i)
        val marker = if (strong) "**" else "*"
        val end = if (text[i] == '*') text.indexOf(marker, i + marker.length) else -1
        if (end > i + marker.length) {
            val style = if (strong) SpanStyle(fontWeight = FontWeight.Bold) else SpanStyle(fontStyle = FontStyle.Italic)
            withStyle(style) { append(text.substring(i + marker.length, end)) }
            i = end + marker.length
        } else {
            append(text[i])
            i++
        }
    }
}

/** Renders [markdown] with the theme's type scale (so it follows the font scale). */
@Composable
fun MarkdownText(markdown: String) {
    Column(verticalArrangement = Arrangement.spacedBy(12.dp)) {
        parseMarkdown(markdown).forEach { block ->
            when (block) {
                is MdBlock.Heading -> Text(block.text, style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
                is MdBlock.Paragraph -> Text(inlineMarkdown(block.text), style = MaterialTheme.typography.bodyLarge)
                is MdBlock.Bullets -> Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
                    block.items.forEach { item ->
                        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                            Text("•", style = MaterialTheme.typography.bodyLarge)
                            Text(inlineMarkdown(item), style = MaterialTheme.typography.bodyLarge)
                        }
                    }
                }
            }
        }
    }
}
