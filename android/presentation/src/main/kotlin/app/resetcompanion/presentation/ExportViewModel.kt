package app.resetcompanion.presentation

import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.TherapistExport
import app.resetcompanion.core.exportForTherapist
import app.resetcompanion.core.exportPreview
import app.resetcompanion.core.model.ExportFormat
import app.resetcompanion.core.model.ExportPreview
import app.resetcompanion.core.model.ExportSection
import app.resetcompanion.core.model.ExportSummary
import java.io.File

/** Export for a therapist: choose what, preview the counts, write the file, hand it to the share sheet. */
data class ExportUiState(
    val format: ExportFormat = ExportFormat.PDF,
    /** Local days, either end open (the core's default range). */
    val from: java.time.LocalDate? = null,
    val to: java.time.LocalDate? = null,
    /** Journal entries are only included when the person adds them (and only shared ones). */
    val sections: Set<ExportSection> = DEFAULT_SECTIONS,
    /** The counts the export would include, refreshed after every change. */
    val preview: ExportPreview? = null,
    val exporting: Boolean = false,
    /** 0…1 while exporting. */
    val progress: Float = 0f,
    val result: ExportSummary? = null,
    /** The file for the share sheet once written. */
    val share: ShareRequest? = null,
    val error: UiError? = null,
) {
    companion object {
        /**
         * The core's default: every section but the safety plan, which is in only when the person
         * adds it (issue 20); the journal holds only entries marked shared.
         */
        val DEFAULT_SECTIONS: Set<ExportSection> = (ExportSection.entries - ExportSection.SAFETY_PLAN).toSet()
    }
}

/** Previews and writes the therapist export in [shareDir]; the core renders PDF, CSV (zip) and FHIR. */
class ExportViewModel(private val store: ResetStore, private val shareDir: File) : StoreViewModel<ExportUiState>(ExportUiState()) {
    init {
        refreshPreview()
    }

    fun setFormat(format: ExportFormat) = update { it.copy(format = format, share = null, result = null) }

    /** Sets the date range (local days or null); the core validates it. */
    fun setRange(from: java.time.LocalDate?, to: java.time.LocalDate?) {
        update { it.copy(from = from, to = to, share = null, result = null) }
        refreshPreview()
    }

    fun toggleSection(section: ExportSection) {
        update { it.copy(sections = it.sections.toggle(section), share = null, result = null) }
        refreshPreview()
    }

    /** Recounts what would be exported (nothing is written). */
    fun refreshPreview() {
        val options = current.options()
        launchCatching({ s, e -> s.copy(error = e, preview = null) }) {
            val preview = store.exportPreview(options)
            update { if (it.options() == options) it.copy(preview = preview, error = null) else it }
        }
    }

    /** Writes the file and offers it to the share sheet. */
    fun export() {
        val s = current
        if (s.exporting) return
        update { it.copy(exporting = true, progress = 0f, error = null, share = null) }
        launchCatching({ st, e -> st.copy(exporting = false, error = e) }) {
            val today = store.today()
            shareDir.mkdirs()
            val file = File(shareDir, "reset-report-$today.${extension(s.format)}")
            val summary = store.exportForTherapist(s.format, file.path, s.options()) { done, total ->
                val fraction = if (total == 0L) 1f else done.toFloat() / total
                update { it.copy(progress = fraction) }
            }
            update {
                it.copy(
                    exporting = false,
                    progress = 1f,
                    result = summary,
                    share = ShareRequest(File(summary.path), mimeType(s.format), "Reset report"),
                )
            }
        }
    }

    /** The share sheet was shown; don't offer it again on recomposition. */
    fun shareHandled() = update { it.copy(share = null) }

    fun dismissError() = update { it.copy(error = null) }

    companion object {
        /** File extension per format (CSV is zipped into one file for sharing). */
        fun extension(format: ExportFormat) = when (format) {
            ExportFormat.PDF -> "pdf"
            ExportFormat.CSV -> "zip"
            ExportFormat.FHIR -> "json"
        }

        /** MIME type for `Intent.setType`. FHIR's registered type is `application/fhir+json`. */
        fun mimeType(format: ExportFormat) = when (format) {
            ExportFormat.PDF -> "application/pdf"
            ExportFormat.CSV -> "application/zip"
            ExportFormat.FHIR -> "application/fhir+json"
        }
    }
}

private fun ExportUiState.options() = TherapistExport(
    from = from,
    to = to,
    include = ExportSection.entries.filter { it in sections },
)
