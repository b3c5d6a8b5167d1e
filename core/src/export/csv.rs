//! The CSV export: one RFC 4180 file per data type (UTF-8 with a byte-order mark so
//! spreadsheet apps read "–", "→" and Greek correctly on double-click, CRLF, quoted only
//! where needed), instants in ISO 8601 with the offset of the zone they were captured in and
//! the IANA zone beside them, a record id in every file, written to a folder or — when the
//! path ends in `.zip` — one zip.
//!
//! Owns the file names and columns (a contract: spreadsheets and scripts depend on them;
//! columns are only ever appended). Must never write a file for a section that was not
//! included (except `safety_events.csv`: risk is safety information, always written), a check-in note, or a journal entry that is not shared, and never a cell a
//! spreadsheet would run as a formula (OWASP CSV injection: a text cell starting with `=`,
//! `+`, `-`, `@`, tab or CR gets a leading `'`).

use std::io::Write;
use std::path::Path;

use super::csv_journal;
use super::journal_text;
use super::options::ExportSection;
use super::plan_text;
use super::snapshot::Snapshot;
use crate::assessment::{self, Answer};
use crate::checkin::mood;
use crate::error::{Error, Result};
use crate::outfile::{self, Writing};

/// Shown at the top of `README.txt` (and as the PDF's footer).
pub const DISCLAIMER: &str =
    "Self-reported data from a self-help app (Reset Companion); not a clinical record.";

/// One CSV file: its name and its bytes.
struct CsvFile {
    name: &'static str,
    bytes: Vec<u8>,
}

/// The UTF-8 byte-order mark every CSV file starts with.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV file being written: every record goes through [`Rows::row`], which neutralises
/// formula-like cells.
struct Rows(::csv::Writer<Vec<u8>>);

fn writer() -> Rows {
    Rows(
        ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(BOM.to_vec()),
    )
}

/// `cell` made safe to open in a spreadsheet (OWASP "CSV Injection"): a cell starting with
/// `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, unless the whole cell is a
/// plain number (a negative valence such as `-0.333` stays a number).
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    let number = cell.parse::<f64>().is_ok_and(f64::is_finite)
        && cell
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b'.');
    if risky && !number {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

impl Rows {
    fn row<I, S>(&mut self, cells: I) -> Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let safe: Vec<String> = cells
            .into_iter()
            .map(|c| neutralise(c.as_ref()).into_owned())
            .collect();
        self.0.write_record(&safe).map_err(csv_err)
    }
}

fn finish(name: &'static str, w: Rows) -> Result<CsvFile> {
    let bytes =
        w.0.into_inner()
            .map_err(|_| Error::internal("csv buffer could not be flushed"))?;
    Ok(CsvFile { name, bytes })
}

fn csv_err(_: ::csv::Error) -> Error {
    Error::internal("csv row could not be written")
}

/// The most items any instrument has: the width of the `item_n` columns.
fn item_columns() -> Result<usize> {
    Ok(assessment::catalogue()?
        .iter()
        .map(|i| i.items.len())
        .max()
        .unwrap_or(0))
}

fn assessments(snap: &Snapshot) -> Result<Vec<CsvFile>> {
    let width = item_columns()?;
    let mut w = writer();
    let mut header: Vec<String> = [
        "date",
        "local_date",
        "time_zone",
        "instrument",
        "total",
        "max",
        "severity",
        "prorated",
    ]
    .map(String::from)
    .to_vec();
    header.extend((1..=width).map(|i| format!("item_{i}")));
    header.push("id".into());
    // Appended (columns are only ever appended): the treatment episode the record belongs to
    // and whether it is that episode's first score on its instrument (the outcome baseline).
    header.push("episode_start".into());
    header.push("episode_baseline".into());
    w.row(&header)?;
    for a in &snap.assessments {
        let mut row = vec![
            a.taken.local_time(),
            a.taken.local_date.to_string(),
            a.taken.time_zone.clone(),
            a.instrument.clone(),
            a.total.to_string(),
            a.max.to_string(),
            a.severity.clone(),
            a.prorated.to_string(),
        ];
        // Answers as printed on the form: a number, `na` (not applicable) or `decline`.
        row.extend(a.answers.iter().map(Answer::to_string));
        row.resize(header.len() - 3, String::new());
        row.push(a.id.clone());
        let mark = snap.episode_marks.get(&a.legacy_id);
        row.push(mark.map_or_else(String::new, |m| m.start.clone()));
        row.push(mark.map_or_else(String::new, |m| m.baseline.to_string()));
        w.row(&row)?;
    }
    Ok(vec![finish("assessments.csv", w)?, safety_events(snap)?])
}

/// `safety_events.csv`: every crisis signpost shown in the range — written whatever the
/// sections, because risk is safety information.
fn safety_events(snap: &Snapshot) -> Result<CsvFile> {
    let mut s = writer();
    s.row([
        "date",
        "local_date",
        "time_zone",
        "instrument",
        "reason",
        "region",
        "id",
        "assessment_id",
    ])?;
    for e in &snap.safety_events {
        s.row([
            e.occurred.local_time().as_str(),
            &e.occurred.local_date.to_string(),
            &e.occurred.time_zone,
            &e.instrument,
            e.reason.as_str(),
            &e.region,
            &e.id,
            e.assessment_id.as_deref().unwrap_or(""),
        ])?;
    }
    finish("safety_events.csv", s)
}

fn check_ins(snap: &Snapshot) -> Result<CsvFile> {
    let mut w = writer();
    w.row([
        "date",
        "local_date",
        "time_zone",
        "kind",
        "mood",
        "valence",
        "labels",
        "areas",
        "id",
    ])?;
    for c in &snap.check_ins {
        let labels: Vec<&str> = c.labels.iter().map(|l| l.code()).collect();
        let areas: Vec<&str> = c.areas.iter().map(|a| a.code()).collect();
        w.row([
            c.at.as_str(),
            &c.local_date,
            &c.zone,
            c.kind.code(),
            &c.mood.to_string(),
            &format!("{:.3}", mood::valence(c.mood)),
            &labels.join(";"),
            &areas.join(";"),
            &c.id,
        ])?;
    }
    finish("check_ins.csv", w)
}

fn practice(snap: &Snapshot) -> Result<CsvFile> {
    let mut w = writer();
    w.row([
        "started_at",
        "ended_at",
        "local_date",
        "technique",
        "planned_minutes",
        "actual_minutes",
        "completed",
        "programme_id",
        "step_id",
        "time_zone",
        "id",
    ])?;
    for p in &snap.practice {
        w.row([
            p.started.local_time().as_str(),
            &p.ended_local(),
            &p.started.local_date.to_string(),
            p.technique.as_str(),
            &p.planned_minutes.map(|m| m.to_string()).unwrap_or_default(),
            &p.actual_minutes.to_string(),
            &p.completed.to_string(),
            p.programme_id.as_deref().unwrap_or(""),
            p.step_id.as_deref().unwrap_or(""),
            &p.started.time_zone,
            &p.id,
        ])?;
    }
    finish("practice_sessions.csv", w)
}

fn programmes(snap: &Snapshot) -> Result<CsvFile> {
    let mut w = writer();
    w.row([
        "completed_at",
        "local_date",
        "programme_id",
        "programme",
        "enrolment_state",
        "step_id",
        "step",
        "time_zone",
        "id",
    ])?;
    for run in &snap.programmes {
        for step in &run.steps_in_range {
            w.row([
                step.completed_at.as_str(),
                &step.local_date,
                &run.programme_id,
                &run.title,
                &run.state,
                &step.step_id,
                &step.title,
                &step.time_zone,
                &format!("{}:{}", run.enrolment_id, step.step_id),
            ])?;
        }
    }
    finish("programme_steps.csv", w)
}

fn journal(snap: &Snapshot) -> Result<CsvFile> {
    let mut w = writer();
    w.row([
        "date",
        "local_date",
        "time_zone",
        "kind",
        "tags",
        "text",
        "id",
    ])?;
    for e in &snap.journal {
        w.row([
            e.captured.local_time().as_str(),
            &e.captured.local_date.to_string(),
            &e.captured.time_zone,
            e.kind.code(),
            &e.tags.join(";"),
            &journal_text::plain(&e.body),
            &e.id,
        ])?;
    }
    finish("shared_journal_entries.csv", w)
}

/// One file per structured kind that has a shared entry in the range, each field in its own
/// column (`csv_journal.rs`).
fn structured_journal(snap: &Snapshot) -> Result<Vec<CsvFile>> {
    let mut out = Vec::new();
    for k in csv_journal::KINDS {
        let entries: Vec<_> = snap.journal.iter().filter(|e| e.kind == k.kind).collect();
        if entries.is_empty() {
            continue;
        }
        let mut w = writer();
        w.row(csv_journal::header(k))?;
        for e in entries {
            w.row(csv_journal::row(k, e))?;
        }
        out.push(finish(k.file, w)?);
    }
    Ok(out)
}

/// `safety_plan.csv` (only when the person included their plan): one row per item or contact.
fn safety_plan(snap: &Snapshot) -> Result<CsvFile> {
    let mut w = writer();
    w.row([
        "version",
        "saved_at",
        "time_zone",
        "step",
        "step_title",
        "text",
        "reach",
        "phone",
        "id",
    ])?;
    if let Some(plan) = &snap.safety_plan {
        for (i, line) in plan_text::lines(plan).into_iter().enumerate() {
            w.row([
                plan.version.to_string().as_str(),
                plan.saved_at.to_rfc3339().as_str(),
                &plan.zone,
                &line.step.to_string(),
                &line.title,
                &line.text,
                &line.reach,
                line.phone.as_deref().unwrap_or(""),
                &format!("{}:{}", plan.version, i + 1),
            ])?;
        }
    }
    finish("safety_plan.csv", w)
}

fn readme(snap: &Snapshot, files: &[CsvFile]) -> CsvFile {
    let (from, to) = snap.scope.bounds();
    let names: Vec<&str> = files.iter().map(|f| f.name).collect();
    let text = format!(
        "{DISCLAIMER}\r\n\r\nReset Companion export, {from} to {to} (local days).\r\nFiles: {}.\r\n\r\n\
         RFC 4180 CSV, UTF-8 with a byte-order mark, one header row. Dates are ISO 8601 instants\r\n\
         with the offset of the time zone the person was in (time_zone, IANA); local_date is the\r\n\
         day the entry belongs to there. id is the record's id in the app; safety_events.csv\r\n\
         names the assessment it came with (assessment_id = assessments.csv id). A text cell\r\n\
         starting with = + - @, tab or CR is prefixed with ' so no spreadsheet runs it.\r\n\
         assessments.csv: item_n are the answers as printed on the form (before any reverse\r\n\
         scoring); na = not applicable, decline = preferred not to answer; blank = the\r\n\
         instrument has fewer items. Mood is 1 (very unpleasant) to 7 (very pleasant);\r\n\
         valence = (mood - 4) / 3. Check-in notes and tags are never exported (free text the\r\n\
         person did not choose to share); journal entries only when the person marked them shared. assessments.csv: episode_start is the first day of\r\n\
         the treatment episode the record belongs to, episode_baseline = true for the episode's\r\n\
         first score on that instrument (outcomes pair it with the last). Structured journal\r\n\
         entries (thought records, worries, exposures, activities, gratitude) are also in\r\n\
         journal_<kind>.csv, one column per field. safety_events.csv is always written: risk is\r\n\
         safety information; reason item9_declined = PHQ-9 item 9 declined, not answered.\r\n",
        names.join(", ")
    );
    CsvFile {
        name: "README.txt",
        bytes: text.into_bytes(),
    }
}

fn build(snap: &Snapshot) -> Result<Vec<CsvFile>> {
    let s = &snap.scope;
    let mut files = Vec::new();
    if s.has(ExportSection::Assessments) {
        files.extend(assessments(snap)?);
    } else {
        files.push(safety_events(snap)?);
    }
    if s.has(ExportSection::CheckIns) {
        files.push(check_ins(snap)?);
    }
    if s.has(ExportSection::Practice) {
        files.push(practice(snap)?);
    }
    if s.has(ExportSection::Programmes) {
        files.push(programmes(snap)?);
    }
    if s.has(ExportSection::Journal) {
        files.push(journal(snap)?);
        files.extend(structured_journal(snap)?);
    }
    if s.has(ExportSection::SafetyPlan) {
        files.push(safety_plan(snap)?);
    }
    let readme = readme(snap, &files);
    files.insert(0, readme);
    Ok(files)
}

/// Writes the CSV files for `snap` to `out`: a zip when it ends in `.zip`, else a folder
/// (created if missing). Returns each file's name and size.
pub fn write(
    snap: &Snapshot,
    profile: &Path,
    out: &Path,
    replace_existing: bool,
) -> Result<Vec<(String, u64)>> {
    let files = build(snap)?;
    let sizes = files
        .iter()
        .map(|f| (f.name.to_string(), f.bytes.len() as u64))
        .collect();
    let is_zip = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    if is_zip {
        outfile::write_bytes(profile, out, Writing::Export, &zip(&files)?)?;
    } else {
        match std::fs::symlink_metadata(out) {
            Ok(meta) if meta.is_dir() => existing_folder(profile, out, &files, replace_existing)?,
            Ok(_) => {
                return Err(Error::invalid(
                    "out",
                    "is not a folder (a file, link, pipe or device); give a folder, or a path ending in .zip",
                ));
            }
            Err(_) => {
                // A new folder: the same name rules as any other output.
                outfile::check_target(profile, out, "out", Writing::Export)?;
            }
        }
        write_folder(profile, out, &files)?;
    }
    Ok(sizes)
}

/// An existing folder may take the files only if it is not the product's own (the folder
/// holding the profile, the tour's demo folder in it, or any folder evidently holding a
/// profile: [`outfile::holds_a_profile`]) and holds none of the names the
/// export writes — unless the person asked to replace them (`--force`).
fn existing_folder(profile: &Path, out: &Path, files: &[CsvFile], replace: bool) -> Result<()> {
    let folder = out.canonicalize()?;
    let profile_folder = match profile.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.canonicalize().ok(),
        _ => Path::new(".").canonicalize().ok(),
    };
    let own = profile_folder.is_some_and(|pf| folder == pf || folder == pf.join("tour"));
    // Any other profile's folder too (the default profile's, say: F10).
    if own || outfile::holds_a_profile(&folder) {
        return Err(Error::invalid(
            "out",
            "is a folder that holds a profile (the app's own files); choose another folder",
        ));
    }
    if replace {
        return Ok(());
    }
    if let Some(clash) = files
        .iter()
        .find(|f| std::fs::symlink_metadata(out.join(f.name)).is_ok())
    {
        return Err(Error::invalid(
            "out",
            format!(
                "already holds {} (one of the files this export writes); choose a new or empty folder, or pass --force to replace them",
                clash.name
            ),
        ));
    }
    Ok(())
}

/// Writes every file into a hidden staging folder (mode 0700) beside `out`, each through the
/// guarded writer, then moves them into place: one rename of the folder when `out` does not
/// exist yet, else one rename per file (each target checked first: a link, pipe or device in
/// the folder is refused, not replaced) with the README last. A full disk or any other
/// failure therefore happens while staging, removes the staging folder, and leaves no partial
/// set under `out`.
fn write_folder(profile: &Path, out: &Path, files: &[CsvFile]) -> Result<()> {
    let mut raw = [0u8; 8];
    getrandom::fill(&mut raw).map_err(|_| Error::internal("no randomness"))?;
    let parent = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        return Err(Error::invalid(
            "out",
            "the folder to write into does not exist",
        ));
    }
    outfile::sweep_stale(parent);
    let staging = parent.join(format!("{}{}.dir", outfile::TEMP_PREFIX, hex::encode(raw)));
    // Held open (and locked) until the end, so no sweep takes the folder for a dead writer's.
    let mut held = None;
    let result = (|| {
        std::fs::DirBuilder::new().create(&staging)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&staging, std::fs::Permissions::from_mode(0o700))?;
        }
        let folder = std::fs::File::open(&staging)?;
        outfile::lock_held(&folder);
        held = Some(folder);
        for f in files {
            outfile::write_bytes(profile, &staging.join(f.name), Writing::Export, &f.bytes)?;
        }
        if std::fs::symlink_metadata(out).is_err() {
            std::fs::rename(&staging, out)?;
            outfile::sync_folder(parent);
            return Ok(());
        }
        for f in files {
            outfile::check_target(profile, &out.join(f.name), "out", Writing::Export)?;
        }
        // The README (files[0]) lists the others, so it arrives last.
        for f in files.iter().skip(1).chain(files.first()) {
            std::fs::rename(staging.join(f.name), out.join(f.name))?;
        }
        outfile::sync_folder(out);
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&staging);
    drop(held);
    result
}

/// The files as one deflated zip (fixed 1980 timestamps, so the same data gives the same bytes).
fn zip(files: &[CsvFile]) -> Result<Vec<u8>> {
    let zip_err = |_| Error::internal("zip could not be written");
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o600);
    for f in files {
        z.start_file(f.name, options).map_err(zip_err)?;
        z.write_all(&f.bytes)?;
    }
    Ok(z.finish().map_err(zip_err)?.into_inner())
}

#[cfg(test)]
#[path = "csv_tests.rs"]
mod tests;
