//! Therapist export: what a person brings to their therapist — a PDF report a clinician can
//! read in two minutes, CSV files, and a FHIR R4 Bundle (DESIGN §8, issue 8).
//!
//! Owns the export options and preview ([`options`]), the consistent read of the data
//! ([`snapshot`]) and the three formats ([`report`], [`csv`], [`fhir`]). Every format works
//! from one [`snapshot::Snapshot`] read in one transaction. Must never include a journal
//! entry that is not marked shared, a check-in note, or anything outside the chosen range;
//! never write a half-finished file where the person asked for one (files are written
//! beside the target and renamed into place); never put user content in file names, errors
//! or progress reports.
//!
//! | file | concern |
//! |---|---|
//! | `options.rs` | range, sections, page size, preview counts |
//! | `snapshot.rs` | the one read transaction, and what it drops |
//! | `clinical.rs` | item-9 risk history and the treatment episode's baseline |
//! | `fhir.rs` | Bundle, code tables, deterministic UUIDs |
//! | `fhir_checkin.rs` | check-ins as Observations (project codes, no LOINC) |
//! | `csv.rs` | one RFC 4180 file per data type, folder or zip |
//! | `csv_journal.rs` | structured journal kinds, one column per field |
//! | `plan_text.rs` | the safety plan's lines, when the person included it |
//! | `report/` | the tagged PDF: layout, charts, sections, fonts |

pub mod clinical;
pub mod csv;
mod csv_journal;
pub mod fhir;
mod fhir_checkin;
pub mod journal_text;
pub mod options;
mod plan_text;
pub mod report;
pub mod snapshot;

#[cfg(test)]
mod plan_tests;
#[cfg(test)]
mod tests;

use std::path::Path;

use crate::time::Tz;
use chrono::{DateTime, Utc};
use serde::Serialize;

pub use options::{ExportOptions, ExportPreview, ExportSection, PageSize, Scope};
pub use snapshot::Snapshot;

use crate::error::Result;
use crate::outfile::Writing;
use crate::progress::{Meter, Progress};
use crate::store::Store;

/// The formats a therapist export can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ExportFormat {
    /// The PDF report.
    Pdf,
    /// CSV files: a folder, or a zip when the path ends in `.zip`.
    Csv,
    /// A FHIR R4 Bundle (JSON).
    Fhir,
}

impl ExportFormat {
    /// `pdf`, `csv` or `fhir`.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "pdf",
            ExportFormat::Csv => "csv",
            ExportFormat::Fhir => "fhir",
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ExportSummary {
    /// The format written.
    pub format: ExportFormat,
    /// Where it was written (a file, or a folder for CSV without `.zip`).
    pub path: String,
    /// The files written, relative to `path` for a folder or inside the zip; the file name otherwise.
    pub files: Vec<String>,
    /// Bytes written in total.
    pub bytes: u64,
    /// PDF pages (0 for other formats).
    pub pages: u32,
    /// FHIR resources in the Bundle (0 for other formats).
    pub resources: u32,
    /// What was included.
    pub counts: ExportPreview,
}

/// Counts what `options` would include, without writing anything.
pub fn preview(
    store: &Store,
    options: &ExportOptions,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<ExportPreview> {
    let scope = options::resolve(store.conn(), options, now, zone)?;
    options::preview(store.conn(), &scope)
}

/// Reads the snapshot for `options`: ensures the profile's pseudonym exists (one small
/// write), then reads everything in one read transaction.
pub fn read(
    store: &mut Store,
    options: &ExportOptions,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<Snapshot> {
    store.write(|tx| snapshot::ensure_pseudonym(tx).map(|_| ()))?;
    let scope = options::resolve(store.conn(), options, now, zone)?;
    snapshot::read(store.conn(), scope)
}

/// Writes the export of `options` in `format` to `out`, reporting progress in thousandths.
pub fn export(
    store: &mut Store,
    format: ExportFormat,
    options: &ExportOptions,
    out: &Path,
    now: DateTime<Utc>,
    zone: Tz,
    progress: &dyn Progress,
) -> Result<ExportSummary> {
    let meter = Meter::new(progress);
    let snap = read(store, options, now, zone)?;
    meter.at(200);
    let mut summary = ExportSummary {
        format,
        path: out.display().to_string(),
        files: Vec::new(),
        bytes: 0,
        pages: 0,
        resources: 0,
        counts: snap.counts(),
    };
    match format {
        ExportFormat::Pdf => {
            let pdf = report::render(&snap, &|part, whole| meter.within(200, 950, part, whole))?;
            summary.pages = pdf.pages;
            summary.bytes = pdf.bytes.len() as u64;
            crate::outfile::write_bytes(store.path(), out, Writing::Export, &pdf.bytes)?;
            summary.files.push(file_name(out));
        }
        ExportFormat::Fhir => {
            // The Bundle holds assessments, signposts and check-ins only: count only those.
            let c = &mut summary.counts;
            c.sections.retain(|s| {
                matches!(
                    s,
                    ExportSection::Assessments
                        | ExportSection::CheckIns
                        | ExportSection::SafetyPlan
                )
            });
            (c.practice_sessions, c.practice_minutes) = (0, 0);
            (
                c.programme_steps,
                c.shared_journal_entries,
                c.private_journal_entries,
            ) = (0, 0, 0);

            let bundle = fhir::bundle(&snap)?;
            summary.resources = bundle["entry"].as_array().map_or(0, |e| e.len() as u32);
            let bytes = serde_json::to_vec_pretty(&bundle)?;
            summary.bytes = bytes.len() as u64;
            crate::outfile::write_bytes(store.path(), out, Writing::Export, &bytes)?;
            summary.files.push(file_name(out));
        }
        ExportFormat::Csv => {
            let written = csv::write(&snap, store.path(), out, options.replace_existing)?;
            summary.bytes = written.iter().map(|(_, n)| *n).sum();
            summary.files = written.into_iter().map(|(name, _)| name).collect();
        }
    }
    meter.finish();
    Ok(summary)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}
