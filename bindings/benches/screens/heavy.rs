//! The long calls and single numbers: therapist exports for one year and the whole history,
//! backup and restore, cold open, the PDF's peak memory (in a child process, so nothing
//! else this process did counts) and the stripped library's size.

use std::path::Path;

use chrono::Duration;
use reset_core::export::{ExportFormat, ExportOptions, ExportSection, PageSize};

use crate::stats::{Row, measure, paired, row, single};
use crate::{KEY, ZONE, end, floors, open};

// The generated form: what the phones accept for a new backup (ADR 0011).
const PASSPHRASE: &str = "k7qfm-2xhbn-9rtwz-c4dep-yu3sg";

fn options(from: Option<String>) -> ExportOptions {
    ExportOptions {
        from: from.map(|f| reset_core::time::LocalDay::parse(&f, "from").expect("day")),
        to: None,
        include: Some(ExportSection::ALL.to_vec()),
        name: None,
        page_size: PageSize::A4,
        fonts: None,
        replace_existing: false,
    }
}

fn day(text: &str) -> reset_core::time::LocalDay {
    reset_core::time::LocalDay::parse(text, "day").expect("day")
}

fn year_start() -> String {
    let today = reset_core::time::local_date(end(), ZONE.parse().expect("zone"));
    (today - Duration::days(364)).to_string()
}

/// A fresh `Companion` (key, pragmas, schema check) and the first screen's query, against
/// the same with raw rusqlite. The file is in the page cache: this is a warm-disk open.
pub fn cold_open(path: &Path, years: u32, n: usize) -> Row {
    let today = reset_core::time::local_date(end(), ZONE.parse().expect("zone")).to_string();
    let (a, b) = paired(
        2,
        n,
        || {
            let c = open(path);
            let first = c
                .check_ins(Some(day(&today)), Some(day(&today)))
                .expect("first");
            c.close();
            first.len()
        },
        || {
            let raw = floors::open(path, &KEY);
            floors::fetch(&raw, floors::CHECK_INS, &[&today, &today]).len()
        },
    );
    row("cold_open", years, a, Some(b), 20.0, None, false)
}

/// PDF, CSV and FHIR for the last year and for the whole history, each against reading
/// the rows it includes.
pub fn exports(path: &Path, years: u32, dir: &Path, quick: bool) -> Vec<Row> {
    let c = open(path);
    let raw = floors::open(path, &KEY);
    let mut rows = Vec::new();
    let first_day = "1990-01-01".to_string();
    let last_day = reset_core::time::local_date(end(), ZONE.parse().expect("zone")).to_string();
    for (label, from, span, n) in [
        ("1y", year_start(), 1, if quick { 2 } else { 5 }),
        ("all", first_day.clone(), years, if quick { 1 } else { 3 }),
    ] {
        for (format, ext, budget_1y, budget_10y) in [
            (ExportFormat::Pdf, "pdf", 500.0, 3000.0),
            (ExportFormat::Csv, "zip", 500.0, 3000.0),
            (ExportFormat::Fhir, "json", 500.0, 3000.0),
        ] {
            let out = dir.join(format!("export-{label}.{ext}"));
            let out_text = out.display().to_string();
            let (a, b) = paired(
                0,
                n,
                || {
                    c.export_for_therapist(
                        format,
                        options(Some(from.clone())),
                        out_text.clone(),
                        None,
                    )
                    .expect("export")
                },
                || floors::export_rows(&raw, &from, &last_day),
            );
            let budget = if span <= 1 { budget_1y } else { budget_10y };
            let name = format!("export_{ext}_{label}")
                .replace("zip", "csv")
                .replace("json", "fhir");
            rows.push(row(&name, span, a, Some(b), budget, None, false));
            let _ = std::fs::remove_file(&out);
        }
    }
    c.close();
    rows
}

/// An encrypted backup of the whole profile, then a verified restore of it. Both stretch
/// the passphrase with Argon2id on purpose (about a second on a phone).
pub fn backup_restore(path: &Path, years: u32, dir: &Path, quick: bool) -> Vec<Row> {
    let n = if quick { 1 } else { 3 };
    let file = dir.join("bench.rcbackup").display().to_string();
    let c = open(path);
    let raw = floors::open(path, &KEY);
    let (a, b) = paired(
        0,
        n,
        || {
            c.create_backup(file.clone(), PASSPHRASE.into(), None)
                .expect("backup")
        },
        || floors::whole_profile(&raw),
    );
    let mut rows = vec![row("backup", years, a, Some(b), 3000.0, None, false)];
    drop(raw);
    let samples: Vec<_> = (0..n)
        .map(|_| {
            measure(|| {
                c.restore_backup(file.clone(), PASSPHRASE.into(), None)
                    .expect("restore")
            })
        })
        .collect();
    let raw = floors::open(path, &KEY);
    let (_, floor) = paired(0, n, || 0, || floors::whole_profile(&raw));
    rows.push(row(
        "restore",
        years,
        samples,
        Some(floor),
        3000.0,
        None,
        false,
    ));
    c.close();
    let _ = std::fs::remove_file(&file);
    rows
}

/// Runs the whole-history PDF in a child process and reads its peak resident set.
pub fn pdf_peak_rss(path: &Path, years: u32, dir: &Path) -> Row {
    let out = dir.join("peak.pdf");
    let exe = std::env::current_exe().expect("current exe");
    let output = std::process::Command::new(exe)
        .arg("--child-pdf")
        .arg(path)
        .arg(&out)
        .output()
        .expect("run child");
    let text = String::from_utf8_lossy(&output.stdout);
    let kib: f64 = text.trim().parse().unwrap_or(f64::NAN);
    let _ = std::fs::remove_file(&out);
    single("pdf_all_peak_rss_mib", years, kib / 1024.0, 100.0)
}

/// The child's side: export the PDF, print `VmHWM` in KiB, exit.
pub fn child_pdf(db: Option<String>, out: Option<String>) -> ! {
    let (Some(db), Some(out)) = (db, out) else {
        std::process::exit(2)
    };
    let c = open(Path::new(&db));
    c.export_for_therapist(
        ExportFormat::Pdf,
        options(Some("1990-01-01".into())),
        out,
        None,
    )
    .expect("pdf");
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let hwm = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("NaN");
    println!("{hwm}");
    std::process::exit(0)
}

/// The stripped library `scripts/bench.sh` built (`RESET_BENCH_LIB`), in MB (10^6 bytes).
pub fn library_size() -> Option<Row> {
    let path = std::env::var("RESET_BENCH_LIB").ok()?;
    let bytes = std::fs::metadata(path).ok()?.len();
    Some(single("stripped_library_mb", 0, bytes as f64 / 1e6, 6.0))
}

/// Cores and CPU model, for the report.
pub fn machine() -> serde_json::Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map(|m| m.trim().to_string());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    serde_json::json!({ "cpu": model, "cores": cores, "loadavg": load.trim() })
}
