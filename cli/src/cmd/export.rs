//! `reset export <format> --out PATH`: writing the profile out of the app.
//!
//! `json` is the canonical dump (issue 8): every table and row in a fixed order, used to
//! prove round trips and to move data. `pdf`, `csv` and `fhir` are the therapist export:
//! a date range and a choice of sections, a summary with counts on stdout.

use std::path::PathBuf;

use clap::Subcommand;
use reset_ffi::ResetError;
use serde_json::json;

use reset_core::export::{ExportFormat, ExportOptions, ExportSection, ExportSummary, PageSize};
use reset_ffi::Companion;

use crate::Ctx;
use crate::cmd::backup::{path_text, tables_json};
use crate::output::Output;
use crate::tour::Tour;

/// The export formats.
#[derive(Subcommand)]
pub enum ExportCommand {
    /// The canonical JSON dump of the whole profile (NOT encrypted: it holds everything).
    Json {
        /// Where to write the dump. An earlier export there is replaced; a profile's database
        /// or key file (any profile's) and an encrypted backup never are.
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// The therapist PDF report: risk and the summary first, then charts, item-level answers
    /// and the chosen sections.
    Pdf {
        #[command(flatten)]
        args: TherapistArgs,
        /// Paper size: a4 or letter.
        #[arg(long, value_name = "SIZE", default_value = "a4")]
        paper: String,
        /// A name for the cover page (only the PDF carries it).
        #[arg(long, value_name = "TEXT")]
        name: Option<String>,
    },
    /// CSV files, one per kind of record: a folder, or a zip when PATH ends in .zip. An
    /// existing folder must not already hold any of the files (or pass --force); the folder
    /// holding the profile is refused.
    Csv {
        #[command(flatten)]
        args: TherapistArgs,
        /// Replace files of the same names already in an existing folder.
        #[arg(long)]
        force: bool,
    },
    /// A FHIR R4 Bundle (collection) of the questionnaires, with LOINC codes.
    Fhir {
        #[command(flatten)]
        args: TherapistArgs,
    },
}

/// What every therapist export takes.
#[derive(clap::Args)]
pub struct TherapistArgs {
    /// First local day included, YYYY-MM-DD (default: the first record).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Last local day included, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Sections, comma-separated: assessments,checkins,practice,programmes,journal,safety-plan
    /// (default: all but safety-plan; journal holds only entries the person marked shared;
    /// the risk section — PHQ-9 item 9 and crisis signposts — is always in).
    #[arg(long, value_name = "LIST")]
    include: Option<String>,
    /// Where to write (a file; for csv a folder or a .zip). Its folder must exist.
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
}

/// Runs an export subcommand.
pub fn run(ctx: &Ctx, command: &ExportCommand) -> Result<Output, ResetError> {
    match command {
        ExportCommand::Pdf { args, paper, name } => {
            therapist(ctx, ExportFormat::Pdf, args, paper, name.clone(), false)
        }
        ExportCommand::Csv { args, force } => {
            therapist(ctx, ExportFormat::Csv, args, "a4", None, *force)
        }
        ExportCommand::Fhir { args } => therapist(ctx, ExportFormat::Fhir, args, "a4", None, false),
        ExportCommand::Json { out } => {
            let companion = ctx.open_existing()?;
            let summary = companion.export_dump(path_text(out)?, None)?;
            let rows: u64 = summary.tables.iter().map(|t| t.rows).sum();
            let json = json!({
                "format": "json",
                "path": out.display().to_string(),
                "schema_version": summary.schema_version,
                "tables": tables_json(&summary.tables),
            });
            let human = format!(
                "wrote the canonical dump to {} ({rows} rows in {} tables)\nthis file is not encrypted: it holds every entry\n",
                crate::output::shown_path(out),
                summary.tables.len()
            );
            Ok(Output::new(json, human))
        }
    }
}

// ---- Therapist export (pdf, csv, fhir) --------------------------------------------------

fn therapist(
    ctx: &Ctx,
    format: ExportFormat,
    args: &TherapistArgs,
    paper: &str,
    name: Option<String>,
    replace_existing: bool,
) -> Result<Output, ResetError> {
    let include = args
        .include
        .as_deref()
        .map(ExportSection::parse_list)
        .transpose()?;
    let page_size = paper
        .parse::<PageSize>()
        .map_err(|_| reset_core::Error::invalid("paper", "expected a4 or letter"))?;
    if let Some(n) = &name
        && n.chars().any(hidden_char)
    {
        return Err(reset_core::Error::invalid(
            "name",
            "must not contain control characters (such as ESC or a newline) or text-direction controls",
        )
        .into());
    }
    // `to` before `from`: the order they have always been checked in.
    let to = super::day_arg(args.to.as_deref(), "to")?;
    let from = super::day_arg(args.from.as_deref(), "from")?;
    let options = ExportOptions {
        from,
        to,
        include,
        name,
        page_size,
        fonts: Some(crate::fonts::platform_fonts()),
        replace_existing,
    };
    let companion = ctx.open_existing()?;
    let summary = companion.export_for_therapist(format, options, path_text(&args.out)?, None)?;
    Ok(summary_output(&summary))
}

/// Control characters (ESC, newline …) and the invisible text-direction and zero-width
/// controls that can disguise what a line says.
fn hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}' | '\u{feff}')
}

/// The summary printed after a therapist export, in both forms.
fn summary_output(s: &ExportSummary) -> Output {
    let json = serde_json::to_value(s).unwrap_or_else(|_| json!({"path": s.path}));
    let c = &s.counts;
    let what = match s.format {
        ExportFormat::Pdf => format!("the PDF report ({} pages)", s.pages),
        ExportFormat::Csv => format!("{} CSV files", s.files.len()),
        ExportFormat::Fhir => format!("a FHIR R4 Bundle ({} resources)", s.resources),
    };
    let mut human = format!(
        "wrote {what} to {}
range: {} to {}
",
        crate::output::shown_path(std::path::Path::new(&s.path)),
        c.from,
        c.to
    );
    for (label, n) in [
        ("assessments", c.assessments),
        ("crisis signposts shown", c.safety_events),
        ("check-ins", c.check_ins),
        ("practice sessions", c.practice_sessions),
        ("practice minutes", c.practice_minutes),
        ("programme steps", c.programme_steps),
        ("shared journal entries", c.shared_journal_entries),
    ] {
        human.push_str(&format!("  {label}: {n}\n"));
    }
    if c.private_journal_entries > 0 {
        human.push_str(&format!(
            "  private journal entries left out: {}\n",
            c.private_journal_entries
        ));
    }
    human.push_str("the export is not encrypted: share it only with the person it is for\n");
    Output::new(json, human)
}

/// Tour: writes the PDF report next to the database (`<data dir>/exports/report-<date>.pdf`;
/// the name never holds user content) and says where.
pub fn tour_step(companion: &Companion, tour: &mut Tour) -> Result<(), ResetError> {
    let db = PathBuf::from(companion.status()?.path);
    let dir = db
        .parent()
        .map_or_else(|| PathBuf::from("exports"), |p| p.join("exports"));
    std::fs::create_dir_all(&dir).map_err(|e| ResetError::from(reset_core::Error::from(e)))?;
    let out = dir.join(format!("report-{}.pdf", companion.today()?));
    let out = std::path::absolute(&out).unwrap_or(out);
    let options = ExportOptions {
        include: Some(ExportSection::DEFAULT.to_vec()),
        fonts: Some(crate::fonts::platform_fonts()),
        ..Default::default()
    };
    let s = companion.export_for_therapist(ExportFormat::Pdf, options, path_text(&out)?, None)?;
    tour.say(
        "Wrote a report for your therapist",
        format!(
            "PDF: {}\n{} pages; assessments: {}, check-ins: {}, shared journal entries: {}\nnot encrypted: share it only with your therapist",
            s.path, s.pages, s.counts.assessments, s.counts.check_ins, s.counts.shared_journal_entries
        ),
        json!({"path": s.path, "pages": s.pages, "counts": serde_json::to_value(&s.counts).unwrap_or_default()}),
    );
    Ok(())
}
