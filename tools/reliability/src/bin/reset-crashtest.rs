//! The crash-consistency harness (issue 11): SIGKILLs `reset-crash-child` at seeded random
//! moments and verifies the profile after each kill. Prints a table and the JSON figures.
//!
//! Usage: reset-crashtest [--mode writes|restore|migrate|auto-backup|rotation|all] [--runs N] [--seed S] [--work DIR]
//! Exits 1 if any check failed. Figures and the reproducing commands: docs/reliability.md.

use std::path::PathBuf;

use reset_reliability::crash::{self, Mode, Report};

fn main() {
    match run() {
        Ok(reports) => {
            let failed = reports.iter().any(|r| r.failures > 0);
            println!(
                "{}",
                serde_json::to_string_pretty(&reports).unwrap_or_default()
            );
            std::process::exit(i32::from(failed));
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}

fn run() -> Result<Vec<Report>, String> {
    let mut modes = vec![
        Mode::Writes,
        Mode::Restore,
        Mode::Migrate,
        Mode::AutoBackup,
        Mode::Rotation,
    ];
    let (mut runs, mut seed, mut work) = (1000u64, 11u64, None);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--mode" => {
                let v = value()?;
                modes = if v == "all" {
                    modes
                } else {
                    vec![Mode::parse(&v).ok_or("unknown mode")?]
                };
            }
            "--runs" => runs = value()?.parse().map_err(|_| "--runs")?,
            "--seed" => seed = value()?.parse().map_err(|_| "--seed")?,
            "--work" => work = Some(PathBuf::from(value()?)),
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let child = exe.with_file_name(format!("reset-crash-child{}", std::env::consts::EXE_SUFFIX));
    let scratch = tempfile::TempDir::new().map_err(|e| e.to_string())?;
    let work = work.unwrap_or_else(|| scratch.path().to_path_buf());
    let mut reports = Vec::new();
    for mode in modes {
        let r = crash::run(
            mode,
            runs,
            seed,
            &child,
            &work.join(format!("{mode:?}").to_lowercase()),
        )?;
        eprintln!(
            "{:<8} runs {:>5}  killed {:>5} (before open {:>4})  acked {:>6}  unacked-committed {:>3}  old/backup {}/{}  v-old/v-new {}/{}  stray {:>3}  failures {}  {:.1}s",
            format!("{mode:?}").to_lowercase(),
            r.runs,
            r.killed,
            r.killed_before_open,
            r.acked,
            r.committed_unacked,
            r.ended_old,
            r.ended_backup,
            r.found_old_version,
            r.found_new_version,
            r.stray_temp_files,
            r.failures,
            r.wall_s
        );
        for note in &r.failure_notes {
            eprintln!("  {note}");
        }
        reports.push(r);
    }
    Ok(reports)
}
