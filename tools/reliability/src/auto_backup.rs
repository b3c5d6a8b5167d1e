//! The automatic-backup scenario (issue 21): SIGKILL while `run_auto_backup_if_due` writes
//! today's backup into a folder that already holds two earlier ones. Afterwards the earlier
//! files must be byte-for-byte as they were, every file listed under a backup's name must open
//! with the recovery key and pass the full restore verification (no partial file is ever
//! presented as complete), a backup the child reported written must be there, and the profile
//! itself must be unchanged (a backup only reads it). A killed run's temporary file is counted
//! as a stray (the next run older than an hour sweeps it).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use reset_core::time::FixedClock;

use crate::crash::{Report, calibrate, hex_key, note_run, run_child, s, stray_files};
use crate::fixture;
use crate::rng::Rng;
use crate::verify;

/// Day 1 and day 2 of the folder's earlier backups, and day 3, the one the child writes.
const DAY_MS: i64 = 86_400_000;

fn day(n: i64) -> i64 {
    crate::workload::BASE_MS + 30 * DAY_MS + n * DAY_MS
}

/// Sets up the template profile and folder, then kills `runs` automatic backups.
pub fn run(
    runs: u64,
    bin: &Path,
    work: &Path,
    rng: &mut Rng,
    report: &mut Report,
    delays: &mut Vec<f64>,
) -> Result<(), String> {
    let key = fixture::key();
    let setup = work.join("auto-backup-setup");
    std::fs::create_dir_all(&setup).map_err(|e| e.to_string())?;
    let (template, folder) = (setup.join("profile.db"), setup.join("auto"));
    fixture::build_profile(&template, &key, 0, 60, crate::workload::Mix::All)?;
    let recovery_key = write_earlier_backups(&template, &key, &folder)?;
    let earlier: Vec<(String, Vec<u8>)> = reset_core::auto_backup::list(&folder)
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(folder.join(&f.name)).unwrap_or_default();
            (f.name, bytes)
        })
        .collect();
    if earlier.len() != 2 {
        return Err(format!(
            "expected 2 earlier backups, found {}",
            earlier.len()
        ));
    }
    let profile_dump = fixture::dump(&template, &key)?;

    let run_dir = |i: u64| work.join(format!("auto-backup-{i}"));
    let args = |i: u64| -> Result<Vec<String>, String> {
        let dir = run_dir(i);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("auto")).map_err(|e| e.to_string())?;
        let db = dir.join("profile.db");
        fixture::copy_profile(&template, &db)?;
        for (name, bytes) in &earlier {
            std::fs::write(dir.join("auto").join(name), bytes).map_err(|e| e.to_string())?;
        }
        Ok(vec![
            "auto-backup".into(),
            s(&db),
            hex_key(),
            s(&dir.join("auto")),
            recovery_key.clone(),
            day(3).to_string(),
        ])
    };
    let window = calibrate(bin, &args, 5)?.mul_f64(1.2);
    report.window_ms = window.as_secs_f64() * 1e3;
    for run in 0..runs {
        let a = args(run)?;
        let delay = Duration::from_micros(rng.below(window.as_micros() as u64));
        let out = run_child(bin, &a, delay)?;
        note_run(report, delays, &out);
        let dir = run_dir(run);
        report.stray_temp_files += stray_files(&dir.join("auto"), &["reset-auto"]);
        let written = out
            .lines
            .iter()
            .find_map(|l| l.strip_prefix("WRITTEN ").map(str::to_string));
        let verdict =
            judge(&dir, &earlier, &recovery_key, written.as_deref()).and_then(|complete| {
                verify::raw_check(&dir.join("profile.db"), &key)?;
                if fixture::dump(&dir.join("profile.db"), &key)? != profile_dump {
                    return Err("the profile changed during a backup".into());
                }
                Ok(complete)
            });
        match verdict {
            Ok(true) => report.ended_backup += 1,
            Ok(false) => report.ended_old += 1,
            Err(why) => report.fail(run, why),
        }
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(())
}

/// Turns automatic backups on in the template and writes its backups of days 1 and 2.
fn write_earlier_backups(db: &Path, key: &[u8], folder: &Path) -> Result<String, String> {
    let mut recovery_key = String::new();
    for n in [1, 2] {
        let clock = Arc::new(FixedClock(
            reset_core::time::from_unix_ms(day(n), "now").map_err(|e| e.to_string())?,
        ));
        let c = crate::workload::open(db, key, clock).map_err(|e| e.to_string())?;
        if n == 1 {
            recovery_key = c.turn_on_auto_backup(None).map_err(|e| e.to_string())?;
        }
        c.run_auto_backup_if_due(s(folder), recovery_key.clone())
            .map_err(|e| e.to_string())?;
        c.close();
    }
    Ok(recovery_key)
}

/// Checks the folder after a run; `Ok(true)` when day 3's backup is there and complete.
fn judge(
    dir: &Path,
    earlier: &[(String, Vec<u8>)],
    recovery_key: &str,
    written: Option<&str>,
) -> Result<bool, String> {
    let folder: PathBuf = dir.join("auto");
    let rk = reset_core::backup::RecoveryKey::parse(recovery_key).map_err(|e| e.to_string())?;
    let listed = reset_core::auto_backup::list(&folder).map_err(|e| e.to_string())?;
    for (name, bytes) in earlier {
        let now = std::fs::read(folder.join(name)).map_err(|_| format!("{name} is gone"))?;
        if &now != bytes {
            return Err(format!("{name} changed"));
        }
    }
    for file in &listed {
        let bytes = std::fs::read(folder.join(&file.name)).map_err(|e| e.to_string())?;
        reset_core::backup::reseal_automatic(&bytes, &rk, &rk)
            .map_err(|e| format!("{} is listed but does not verify: {e}", file.name))?;
    }
    let new = listed.len() - earlier.len();
    if let Some(name) = written
        && !listed.iter().any(|f| f.name == name)
    {
        return Err(format!("the child wrote {name} but it is not there"));
    }
    match new {
        0 | 1 => Ok(new == 1),
        n => Err(format!("{n} new files after one run")),
    }
}
