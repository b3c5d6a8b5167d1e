package app.resetcompanion.core

import app.resetcompanion.core.model.ExportFormat
import app.resetcompanion.core.model.ExportOptions
import app.resetcompanion.core.model.ExportPreview
import app.resetcompanion.core.model.ExportSection
import app.resetcompanion.core.model.ExportSummary
import app.resetcompanion.core.model.PageSize
import app.resetcompanion.core.model.ReportFont
import java.io.File

// The therapist export (issue 8) as suspend functions on ResetStore: a preview of what would be
// included, then a PDF report, CSV files or a FHIR R4 Bundle. The core reads, renders and writes;
// this file gives Kotlin defaults and a lambda for progress.

/** What an export includes: local days [from]/[to] (either open), [include] null = every section (journal: shared entries only). */
data class TherapistExport(
    val from: java.time.LocalDate? = null,
    val to: java.time.LocalDate? = null,
    val include: List<ExportSection>? = null,
    /** A name for the PDF cover only; CSV and FHIR never carry it. */
    val name: String? = null,
    val pageSize: PageSize = PageSize.A4,
    /** Platform fonts for text the report's Latin font lacks; default: [systemReportFonts]. */
    val fonts: List<ReportFont> = systemReportFonts(),
) {
    internal fun options() = ExportOptions(from, to, include, name, pageSize, fonts)
}

/**
 * The Android system fonts (`/system/fonts`, Noto for every script) the PDF report draws Greek,
 * Cyrillic, Arabic, Hebrew, Devanagari, CJK and emoji with, in the core's order of preference;
 * only files that exist on this device (none on the JVM, where such text shows as boxes and the
 * report says so). See docs/adr/0006-platform-fonts-and-shaping.md.
 */
fun systemReportFonts(dir: File = File("/system/fonts")): List<ReportFont> = listOf(
    "NotoSans-Regular.ttf",
    "Roboto-Regular.ttf",
    "NotoNaskhArabic-Regular.ttf",
    "NotoSansHebrew-Regular.ttf",
    "NotoSansDevanagari-Regular.ttf",
    "NotoSansSymbols-Regular-Subsetted.ttf",
    "NotoSansSymbols-Regular-Subsetted2.ttf",
    "NotoSansCJK-Regular.ttc",
).map { File(dir, it) }.filter { it.isFile }.map { ReportFont(it.path, 0u) }

/** Counts what [export] would include, writing nothing. Show it before exporting. */
suspend fun ResetStore.exportPreview(export: TherapistExport = TherapistExport()): ExportPreview = call { it.exportPreview(export.options()) }

/**
 * Writes the export in [format] to [path] (a file; CSV: a folder, or a zip when it ends in `.zip`).
 * The file appears complete or not at all. [onProgress] gets `done` of `total` (thousandths),
 * on the IO thread. The result is not encrypted: let the person choose where it goes.
 *
 * @throws app.resetcompanion.core.model.ResetException.InvalidInput naming `from`, `to`,
 *   `include`, `name` or `out` (the folder does not exist).
 */
suspend fun ResetStore.exportForTherapist(
    format: ExportFormat,
    path: String,
    export: TherapistExport = TherapistExport(),
    onProgress: ((done: Long, total: Long) -> Unit)? = null,
): ExportSummary {
    val listener = onProgress?.let { f ->
        object : ProgressListener {
            override fun onProgress(done: ULong, total: ULong) = f(done.toLong(), total.toLong())
        }
    }
    return call { it.exportForTherapist(format, export.options(), path, listener) }
}
