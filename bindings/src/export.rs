//! Therapist export through `Companion`: a preview of what would be included, then the PDF
//! report, CSV files or a FHIR R4 Bundle (issue 8). Thin: the core reads, renders and
//! writes; this file adapts the path and the foreign progress listener.

use std::path::Path;
use std::sync::Arc;

use reset_core::ResetError;
use reset_core::export::{self, ExportFormat, ExportOptions, ExportPreview, ExportSummary};

use crate::backup::{Forward, ProgressListener};
use crate::companion::Companion;

#[uniffi::export]
impl Companion {
    /// Counts what an export with `options` would include — per kind of record, plus the
    /// private journal entries that stay out — without writing anything. Show it before
    /// exporting. Bad dates or an empty `include` throw `InvalidInput` naming the field.
    pub fn export_preview(&self, options: ExportOptions) -> Result<ExportPreview, ResetError> {
        self.with(|s| {
            let now = s.now()?;
            export::preview(&s.store, &options, now, s.zone)
        })
    }

    /// Writes the therapist export in `format` to `path`: a PDF file, a FHIR JSON file, or
    /// CSV files in a folder (a zip when `path` ends in `.zip`). The file appears complete or
    /// not at all. Journal entries are included only when `options.include` names journal
    /// and the entry is marked shared; check-in notes never are. The folder must exist
    /// (`InvalidInput` on `out` otherwise). The file is NOT encrypted: it is meant to leave
    /// the phone, so the app should say so and let the person choose where it goes.
    pub fn export_for_therapist(
        &self,
        format: ExportFormat,
        options: ExportOptions,
        path: String,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<ExportSummary, ResetError> {
        self.with(|s| {
            let now = s.now()?;
            let zone = s.zone;
            export::export(
                &mut s.store,
                format,
                &options,
                Path::new(&path),
                now,
                zone,
                &Forward(listener),
            )
        })
    }
}
