//! The kill loop: spawn the child, SIGKILL it after a seeded random delay, verify, repeat.
//!
//! Three scenarios ([`Mode`]): `writes` (every capability, on a profile that lives through
//! 50 consecutive kills before a fresh one starts, so kills also land during creation and
//! first migration), `restore` (kill during `restore_backup`: afterwards the profile must be
//! exactly the old one or exactly the backup's) and `migrate` (kill while a v4 profile is
//! opened and migrated to the current schema), and `auto-backup` (kill while an automatic
//! backup is written: the earlier files intact, nothing partial listed; [`crate::auto_backup`]),
//! and `rotation` (kill anywhere in a two-phase recovery-key rotation, then settle it as the
//! shells do on launch: the key in force opens the newest backup; [`crate::rotation`]). Delays are drawn uniformly from a window
//! sized to the child's measured run time, so kills spread over opening, writing,
//! committing and checkpointing.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::fixture;
use crate::rng::Rng;
use crate::verify::{self, Ledger};
use crate::workload::Ack;

/// Which scenario to kill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Writes of every kind.
    Writes,
    /// A restore from backup.
    Restore,
    /// A v4 → current schema migration.
    Migrate,
    /// An automatic backup written into a folder of earlier ones (issue 21).
    AutoBackup,
    /// A two-phase recovery-key rotation, settled on the next launch (issue 21).
    Rotation,
}

impl Mode {
    /// Parses `writes`, `restore` or `migrate`.
    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "writes" => Some(Mode::Writes),
            "restore" => Some(Mode::Restore),
            "migrate" => Some(Mode::Migrate),
            "auto-backup" => Some(Mode::AutoBackup),
            "rotation" => Some(Mode::Rotation),
            _ => None,
        }
    }
}

/// Kills per profile in the writes scenario before a fresh profile starts.
pub const KILLS_PER_PROFILE: u64 = 50;

/// The figures of one scenario: what the docs table shows.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// The scenario.
    pub mode: Option<Mode>,
    /// Kill runs attempted.
    pub runs: u64,
    /// The seed that reproduces the schedule.
    pub seed: u64,
    /// Runs whose child was really killed by SIGKILL (the rest finished first).
    pub killed: u64,
    /// Kills that landed before the child had opened the profile.
    pub killed_before_open: u64,
    /// The kill window: delays were drawn uniformly from 0..window_ms.
    pub window_ms: f64,
    /// Delay distribution in milliseconds: min, p25, median, p75, max.
    pub delay_ms: [f64; 5],
    /// Acknowledged writes in total (writes and migrate scenarios).
    pub acked: u64,
    /// Writes that committed but were never acknowledged (the kill came in between).
    pub committed_unacked: u64,
    /// Restore: runs that ended with the old profile; auto-backup: runs that ended with only
    /// the earlier backups; rotation: runs settled with the old key in force.
    pub ended_old: u64,
    /// Restore: runs that ended with the backup's profile; auto-backup: runs that ended with
    /// the new backup complete beside the earlier ones; rotation: runs settled with the new
    /// key in force.
    pub ended_backup: u64,
    /// Migrate: runs whose file was still at the old version when verified / already migrated.
    pub found_old_version: u64,
    /// Migrate: runs whose file had already been migrated when verified.
    pub found_new_version: u64,
    /// Staged restore copies found beside the profile after a kill (removed by the next
    /// restore and by `erase_all`, which the restore scenario checks after every run).
    pub stray_temp_files: u64,
    /// Failed checks (each a lost, changed or partial record, or a bad file). Must be 0.
    pub failures: u64,
    /// The first few failure descriptions.
    pub failure_notes: Vec<String>,
    /// Wall time of the whole scenario, seconds.
    pub wall_s: f64,
}

impl Report {
    pub(crate) fn fail(&mut self, run: u64, why: String) {
        self.failures += 1;
        if self.failure_notes.len() < 10 {
            self.failure_notes.push(format!("run {run}: {why}"));
        }
    }
}

/// How a child run ended.
pub(crate) struct ChildRun {
    pub lines: Vec<String>,
    pub killed: bool,
    pub delay: Duration,
}

fn spawn(child_bin: &Path, args: &[String]) -> Result<Child, String> {
    Command::new(child_bin)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("spawn {}: {e}", child_bin.display()))
}

/// Runs the child and SIGKILLs it after `delay` (unless it finished first).
pub(crate) fn run_child(
    child_bin: &Path,
    args: &[String],
    delay: Duration,
) -> Result<ChildRun, String> {
    let start = Instant::now();
    let mut child = spawn(child_bin, args)?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    // Read while the child runs, so a full pipe never blocks it.
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .collect::<Vec<_>>()
    });
    loop {
        if child.try_wait().map_err(|e| e.to_string())?.is_some() {
            break;
        }
        let elapsed = start.elapsed();
        if elapsed >= delay {
            // Child::kill is SIGKILL on Unix: no handler, no unwinding, no flush.
            let _ = child.kill();
            break;
        }
        std::thread::sleep((delay - elapsed).min(Duration::from_micros(200)));
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    let lines = reader.join().map_err(|_| "reader thread panicked")?;
    #[cfg(unix)]
    let killed = std::os::unix::process::ExitStatusExt::signal(&status) == Some(9);
    #[cfg(not(unix))]
    let killed = !status.success();
    Ok(ChildRun {
        lines,
        killed,
        delay,
    })
}

/// Runs the child to completion `n` times and returns its median wall time.
pub(crate) fn calibrate(
    child_bin: &Path,
    args: &dyn Fn(u64) -> Result<Vec<String>, String>,
    n: u64,
) -> Result<Duration, String> {
    let mut times = Vec::new();
    for i in 0..n {
        let a = args(i)?;
        let start = Instant::now();
        let run = run_child(child_bin, &a, Duration::from_secs(120))?;
        if !run.lines.iter().any(|l| l == "DONE") {
            return Err(format!(
                "calibration run did not finish: {:?}",
                run.lines.last()
            ));
        }
        times.push(start.elapsed());
    }
    times.sort();
    Ok(times[times.len() / 2])
}

fn quantiles(mut xs: Vec<f64>) -> [f64; 5] {
    if xs.is_empty() {
        return [0.0; 5];
    }
    xs.sort_by(f64::total_cmp);
    let at = |p: f64| xs[((xs.len() - 1) as f64 * p).round() as usize];
    [at(0.0), at(0.25), at(0.5), at(0.75), at(1.0)]
}

pub(crate) fn stray_files(dir: &Path, keep: &[&str]) -> u64 {
    std::fs::read_dir(dir)
        .map(|it| {
            it.filter_map(Result::ok)
                .filter(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    !keep
                        .iter()
                        .any(|k| name == *k || name.starts_with(&format!("{k}-")))
                })
                .count() as u64
        })
        .unwrap_or(0)
}

/// Runs `runs` kills of `mode` with `seed`, in scratch folders under `work`.
pub fn run(
    mode: Mode,
    runs: u64,
    seed: u64,
    child_bin: &Path,
    work: &Path,
) -> Result<Report, String> {
    let started = Instant::now();
    let mut report = Report {
        mode: Some(mode),
        runs,
        seed,
        ..Report::default()
    };
    let mut rng = Rng::new(seed);
    let mut delays = Vec::new();
    match mode {
        Mode::Writes => writes(runs, child_bin, work, &mut rng, &mut report, &mut delays)?,
        Mode::Restore => restore(runs, child_bin, work, &mut rng, &mut report, &mut delays)?,
        Mode::Migrate => migrate(runs, child_bin, work, &mut rng, &mut report, &mut delays)?,
        Mode::AutoBackup => {
            crate::auto_backup::run(runs, child_bin, work, &mut rng, &mut report, &mut delays)?
        }
        Mode::Rotation => {
            crate::rotation::run(runs, child_bin, work, &mut rng, &mut report, &mut delays)?
        }
    }
    report.delay_ms = quantiles(delays);
    report.wall_s = started.elapsed().as_secs_f64();
    Ok(report)
}

pub(crate) fn hex_key() -> String {
    fixture::key().iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn s(p: &Path) -> String {
    p.display().to_string()
}

fn writes(
    runs: u64,
    bin: &Path,
    work: &Path,
    rng: &mut Rng,
    report: &mut Report,
    delays: &mut Vec<f64>,
) -> Result<(), String> {
    // The child writes until killed; 400 ms covers opening plus a few dozen writes in a
    // debug build, so kills land everywhere from process start to mid-checkpoint.
    let window = Duration::from_millis(400);
    report.window_ms = window.as_secs_f64() * 1e3;
    let key = fixture::key();
    let mut ledger = Ledger::default();
    let mut db = PathBuf::new();
    for run in 0..runs {
        if run % KILLS_PER_PROFILE == 0 {
            let dir = work.join(format!("writes-{}", run / KILLS_PER_PROFILE));
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            db = dir.join("profile.db");
            ledger = Ledger::default();
        }
        let delay = Duration::from_micros(rng.below(window.as_micros() as u64));
        let args = vec![
            "writes".into(),
            s(&db),
            hex_key(),
            ledger.next_op.to_string(),
            "100000".into(),
            "all".into(),
        ];
        let out = run_child(bin, &args, delay)?;
        note_run(report, delays, &out);
        let acks: Vec<Ack> = out.lines.iter().filter_map(|l| Ack::parse(l)).collect();
        report.acked += acks.len() as u64;
        match verify::check_writes(&db, &key, &mut ledger, acks) {
            Ok(extra) => report.committed_unacked += extra,
            Err(why) => {
                report.fail(run, why);
                // Start a fresh profile so one failure does not cascade into the rest.
                ledger = Ledger::default();
                let _ = reset_core::store::erase_files(&db);
            }
        }
        report.stray_temp_files += stray_files(db.parent().unwrap_or(work), &["profile.db"]);
    }
    Ok(())
}

pub(crate) fn note_run(report: &mut Report, delays: &mut Vec<f64>, out: &ChildRun) {
    delays.push(out.delay.as_secs_f64() * 1e3);
    if out.killed {
        report.killed += 1;
        if !out.lines.iter().any(|l| l.starts_with("OPEN")) {
            report.killed_before_open += 1;
        }
    }
}

/// A scenario whose child does one job and exits: every run starts from a copy of
/// `template` in its own folder, is killed (or finishes), and is judged by `judge`.
struct OneShot<'a> {
    bin: &'a Path,
    work: &'a Path,
    name: &'a str,
    template: &'a Path,
    /// Arguments after `<mode> <db> <key>`.
    extra: Vec<String>,
}

impl OneShot<'_> {
    fn run(
        &self,
        runs: u64,
        rng: &mut Rng,
        report: &mut Report,
        delays: &mut Vec<f64>,
        mut judge: impl FnMut(&mut Report, u64, &Path, &ChildRun),
    ) -> Result<(), String> {
        let run_dir = |i: u64| self.work.join(format!("{}-{i}", self.name));
        let args = |i: u64| -> Result<Vec<String>, String> {
            let dir = run_dir(i);
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            let db = dir.join("profile.db");
            let _ = reset_core::store::erase_files(&db);
            fixture::copy_profile(self.template, &db)?;
            let mut a = vec![self.name.to_string(), s(&db), hex_key()];
            a.extend(self.extra.iter().cloned());
            Ok(a)
        };
        let window = calibrate(self.bin, &args, 5)?.mul_f64(1.2);
        report.window_ms = window.as_secs_f64() * 1e3;
        for run in 0..runs {
            let a = args(run)?;
            let db = PathBuf::from(&a[1]);
            let delay = Duration::from_micros(rng.below(window.as_micros() as u64));
            let out = run_child(self.bin, &a, delay)?;
            note_run(report, delays, &out);
            report.stray_temp_files += stray_files(&run_dir(run), &["profile.db"]);
            judge(report, run, &db, &out);
            let _ = std::fs::remove_dir_all(run_dir(run));
        }
        Ok(())
    }
}

fn restore(
    runs: u64,
    bin: &Path,
    work: &Path,
    rng: &mut Rng,
    report: &mut Report,
    delays: &mut Vec<f64>,
) -> Result<(), String> {
    let key = fixture::key();
    let setup = work.join("restore-setup");
    std::fs::create_dir_all(&setup).map_err(|e| e.to_string())?;
    let (old, source, backup) = (
        setup.join("old.db"),
        setup.join("source.db"),
        setup.join("profile.backup"),
    );
    // The current profile (A) and a different one (B) whose backup will be restored over it.
    fixture::build_profile(&old, &key, 0, 30, crate::workload::Mix::All)?;
    fixture::build_profile(&source, &key, 1000, 60, crate::workload::Mix::All)?;
    fixture::make_backup(&source, &key, &backup)?;
    let (dump_old, dump_backup) = (fixture::dump(&old, &key)?, fixture::dump(&source, &key)?);
    if dump_old == dump_backup {
        return Err("the two restore fixtures are identical".into());
    }
    let scenario = OneShot {
        bin,
        work,
        name: "restore",
        template: &old,
        extra: vec![s(&backup), fixture::PASSPHRASE.into()],
    };
    scenario.run(runs, rng, report, delays, |report, run, db, out| {
        let restored = out.lines.iter().any(|l| l == "RESTORED");
        match verify::raw_check(db, &key).and_then(|_| fixture::dump(db, &key)) {
            Ok(d) if d == dump_backup => report.ended_backup += 1,
            Ok(d) if d == dump_old && !restored => report.ended_old += 1,
            Ok(_) if restored => report.fail(
                run,
                "restore returned but the profile is not the backup's".into(),
            ),
            Ok(_) => report.fail(
                run,
                "the profile is neither the old one nor the backup's".into(),
            ),
            Err(why) => report.fail(run, why),
        }
        // Erasing the profile must remove everything, including a staged copy the kill left.
        if let Err(why) = erase_leaves_nothing(db, &key) {
            report.fail(run, why);
        }
    })
}

/// Erases the profile through the facade; the folder must then be empty.
fn erase_leaves_nothing(db: &Path, key: &[u8]) -> Result<(), String> {
    let clock = std::sync::Arc::new(crate::workload::SteppingClock::default());
    let c = crate::workload::open(db, key, clock).map_err(|e| format!("open to erase: {e}"))?;
    c.erase_all().map_err(|e| format!("erase: {e}"))?;
    let dir = db.parent().ok_or("no folder")?;
    let left = stray_files(dir, &[]);
    if left == 0 {
        Ok(())
    } else {
        Err(format!("{left} files remain after erase_all"))
    }
}

fn migrate(
    runs: u64,
    bin: &Path,
    work: &Path,
    rng: &mut Rng,
    report: &mut Report,
    delays: &mut Vec<f64>,
) -> Result<(), String> {
    let key = fixture::key();
    let setup = work.join("migrate-setup");
    std::fs::create_dir_all(&setup).map_err(|e| e.to_string())?;
    let (template, reference) = (setup.join("v4.db"), setup.join("v4-migrated.db"));
    fixture::build_v4(&template, &key)?;
    fixture::copy_profile(&template, &reference)?;
    let dump_reference = fixture::dump(&reference, &key)?;
    let v4_tables = fixture::table_names(&template, &key)?;
    let scenario = OneShot {
        bin,
        work,
        name: "migrate",
        template: &template,
        extra: Vec::new(),
    };
    scenario.run(runs, rng, report, delays, |report, run, db, out| {
        let opened = out.lines.iter().any(|l| l.starts_with("OPEN"));
        let verdict = verify::raw_check(db, &key).and_then(|raw| {
            if raw.version == 4 {
                // Not migrated: exactly the v4 tables, none of a half-applied step.
                if raw.tables != v4_tables {
                    return Err("a v4 file has tables of a later version".into());
                }
                if opened {
                    return Err("the child reported it open, yet the file is still v4".into());
                }
            }
            Ok(raw.version)
        });
        match verdict.and_then(|v| fixture::dump(db, &key).map(|d| (v, d))) {
            Ok((v, d)) if d == dump_reference => {
                if v == 4 {
                    report.found_old_version += 1;
                } else {
                    report.found_new_version += 1;
                }
            }
            Ok((v, _)) => report.fail(run, format!("data differs after migrating (found v{v})")),
            Err(why) => report.fail(run, why),
        }
    })
}
