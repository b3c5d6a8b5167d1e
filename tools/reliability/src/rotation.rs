//! The key-rotation scenario (issue 21): SIGKILL anywhere in a two-phase recovery-key rotation
//! — prepare, the shell storing the new key as pending, commit, the pending key becoming the
//! current one — then the next launch settles it exactly as the shells do
//! (`settle_recovery_key_rotation`, then promote or drop the pending key; a rotation still
//! awaiting the person's confirmation is confirmed on even runs and cancelled on odd ones).
//! Afterwards the key the shell holds must open every backup left and restore the newest in
//! full, no rotation may be left pending and no pending file in the folder; once the child's
//! commit had returned the new key must be in force, and before it had prepared, the old one.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use reset_core::time::FixedClock;

use crate::crash::{Report, calibrate, hex_key, note_run, run_child, s};
use crate::fixture;
use crate::rng::Rng;

const DAY_MS: i64 = 86_400_000;

fn day(n: i64) -> i64 {
    crate::workload::BASE_MS + 30 * DAY_MS + n * DAY_MS
}

/// The files of one run: the profile, its backup folder, the current and pending key files.
struct Run {
    db: PathBuf,
    folder: PathBuf,
    key_file: PathBuf,
    pending_file: PathBuf,
}

impl Run {
    fn at(dir: &Path) -> Run {
        Run {
            db: dir.join("profile.db"),
            folder: dir.join("auto"),
            key_file: dir.join("profile.recovery-key"),
            pending_file: dir.join("profile.recovery-key.pending"),
        }
    }
}

/// Sets up a profile with two automatic backups, then kills `runs` rotations of it.
pub fn run(
    runs: u64,
    bin: &Path,
    work: &Path,
    rng: &mut Rng,
    report: &mut Report,
    delays: &mut Vec<f64>,
) -> Result<(), String> {
    let key = fixture::key();
    let setup = work.join("rotation-setup");
    std::fs::create_dir_all(&setup).map_err(|e| e.to_string())?;
    let template = Run::at(&setup);
    fixture::build_profile(&template.db, &key, 0, 40, crate::workload::Mix::All)?;
    let old = write_backups(&template.db, &key, &template.folder)?;
    std::fs::write(&template.key_file, &old).map_err(|e| e.to_string())?;
    let profile_dump = fixture::dump(&template.db, &key)?;

    let run_dir = |i: u64| work.join(format!("rotation-{i}"));
    let args = |i: u64| -> Result<Vec<String>, String> {
        let dir = run_dir(i);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let r = Run::at(&dir);
        fixture::copy_profile(&template.db, &r.db)?;
        copy_folder(&template.folder, &r.folder)?;
        std::fs::copy(&template.key_file, &r.key_file).map_err(|e| e.to_string())?;
        Ok(vec![
            "rotate".into(),
            s(&r.db),
            hex_key(),
            s(&r.folder),
            s(&r.key_file),
            s(&r.pending_file),
            day(3).to_string(),
        ])
    };
    let window = calibrate(bin, &args, 5)?.mul_f64(1.2);
    report.window_ms = window.as_secs_f64() * 1e3;
    for i in 0..runs {
        let a = args(i)?;
        let delay = std::time::Duration::from_micros(rng.below(window.as_micros() as u64));
        let out = run_child(bin, &a, delay)?;
        note_run(report, delays, &out);
        let said = |what: &str| out.lines.iter().any(|l| l == what);
        let r = Run::at(&run_dir(i));
        let verdict =
            settle_like_a_shell(&r, &key, i % 2 == 0).and_then(|()| judge(&r, &key, &profile_dump));
        match verdict {
            Ok(in_force) if said("COMMITTED") && in_force == old => {
                report.fail(i, "the commit returned but the old key is in force".into())
            }
            Ok(in_force) if !said("PREPARED") && in_force != old => report.fail(
                i,
                "a key was replaced before any rotation was prepared".into(),
            ),
            Ok(in_force) if in_force == old => report.ended_old += 1,
            Ok(_) => report.ended_backup += 1,
            Err(why) => report.fail(i, why),
        }
        let _ = std::fs::remove_dir_all(run_dir(i));
    }
    Ok(())
}

/// The next launch: settle with the stored pending key, then promote it or drop it; a
/// rotation awaiting confirmation is confirmed (`confirm`) or cancelled in the resumed
/// ceremony.
fn settle_like_a_shell(r: &Run, key: &[u8], confirm: bool) -> Result<(), String> {
    let clock = Arc::new(FixedClock(
        reset_core::time::from_unix_ms(day(3), "now").map_err(|e| e.to_string())?,
    ));
    let c = crate::workload::open(&r.db, key, clock).map_err(|e| format!("reopen: {e}"))?;
    let current = read(&r.key_file)?;
    let pending = read(&r.pending_file).ok();
    let settled = c
        .settle_recovery_key_rotation(s(&r.folder), current.clone(), pending.clone())
        .map_err(|e| format!("settle: {e}"))?;
    use reset_core::auto_backup::rotation::RotationSettlement;
    match settled {
        RotationSettlement::AwaitingConfirmation if confirm => {
            let new = pending.ok_or("awaiting confirmation without a pending key")?;
            c.commit_recovery_key_rotation(s(&r.folder), current, new)
                .map_err(|e| format!("commit after the resumed ceremony: {e}"))?;
            std::fs::rename(&r.pending_file, &r.key_file).map_err(|e| e.to_string())?;
        }
        RotationSettlement::AwaitingConfirmation => {
            c.discard_recovery_key_rotation(s(&r.folder))
                .map_err(|e| format!("discard: {e}"))?;
            std::fs::remove_file(&r.pending_file).map_err(|e| e.to_string())?;
        }
        RotationSettlement::Committed { .. } => {
            std::fs::rename(&r.pending_file, &r.key_file).map_err(|e| e.to_string())?;
        }
        RotationSettlement::Discarded { .. } => {
            let _ = std::fs::remove_file(&r.pending_file);
        }
        RotationSettlement::NothingPending if r.pending_file.exists() => {
            return Err("a pending key file with nothing to settle".into());
        }
        RotationSettlement::NothingPending => {}
    }
    if c.auto_backup_status(Some(s(&r.folder)))
        .map_err(|e| e.to_string())?
        .rotation_pending
    {
        return Err("a rotation is still pending after settling".into());
    }
    c.close();
    Ok(())
}

/// Checks the settled folder; returns the key in force.
fn judge(r: &Run, key: &[u8], profile_dump: &str) -> Result<String, String> {
    let in_force = read(&r.key_file)?;
    let rk = reset_core::backup::RecoveryKey::parse(&in_force).map_err(|e| e.to_string())?;
    let stray: Vec<String> = std::fs::read_dir(&r.folder)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| reset_core::auto_backup::rotation::is_pending_file_name(n))
        .collect();
    if !stray.is_empty() {
        return Err(format!("pending files left: {stray:?}"));
    }
    let listed = reset_core::auto_backup::list(&r.folder).map_err(|e| e.to_string())?;
    let newest = listed.first().ok_or("no backup left")?;
    if newest.created_at.0.timestamp_millis() != day(2) {
        return Err(format!("the newest backup is {}, not day 2's", newest.name));
    }
    for file in &listed {
        reset_core::backup::check_recovery_key(&r.folder.join(&file.name), &rk)
            .map_err(|e| format!("{} does not open with the key in force: {e}", file.name))?;
    }
    // A new phone: restore the newest backup with the key in force.
    let phone = r.db.with_file_name("new-phone.db");
    let clock = Arc::new(FixedClock(
        reset_core::time::from_unix_ms(day(4), "now").map_err(|e| e.to_string())?,
    ));
    let c = crate::workload::open(&phone, key, clock).map_err(|e| e.to_string())?;
    c.restore_auto_backup(s(&r.folder), in_force.clone(), None)
        .map_err(|e| format!("restore with the key in force: {e}"))?;
    c.close();
    if fixture::dump(&phone, key)? != profile_dump {
        return Err("the restored profile is not the profile".into());
    }
    Ok(in_force)
}

/// Turns automatic backups on in the template and writes its backups of days 1 and 2.
fn write_backups(db: &Path, key: &[u8], folder: &Path) -> Result<String, String> {
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

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path)
        .map(|t| t.trim().to_string())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn copy_folder(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(from).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        std::fs::copy(entry.path(), to.join(entry.file_name())).map_err(|e| e.to_string())?;
    }
    Ok(())
}
