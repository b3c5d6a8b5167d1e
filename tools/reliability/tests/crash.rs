//! The crash-consistency harness in its short mode (CI): a few dozen SIGKILLs per scenario.
//! The full run (1,000 kills per scenario) is `reset-crashtest`; see docs/reliability.md.
//! Seeds are fixed so a failure reproduces with `reset-crashtest --mode M --runs N --seed S`.

use std::path::Path;

use reset_reliability::crash::{self, Mode};
use tempfile::TempDir;

fn short(mode: Mode, runs: u64) -> crash::Report {
    let work = TempDir::new().unwrap();
    let child = Path::new(env!("CARGO_BIN_EXE_reset-crash-child"));
    let report = crash::run(mode, runs, 11, child, work.path()).unwrap();
    eprintln!("{}", serde_json::to_string(&report).unwrap());
    assert_eq!(report.failures, 0, "{:#?}", report.failure_notes);
    assert!(report.killed > 0, "no run was killed");
    report
}

#[test]
fn sigkill_during_writes_loses_no_acknowledged_write() {
    let r = short(Mode::Writes, 30);
    assert_eq!(r.killed, 30, "the writes child only ends by being killed");
    assert!(
        r.acked > 100,
        "too few writes to mean anything: {}",
        r.acked
    );
}

#[test]
fn sigkill_during_restore_leaves_the_old_profile_or_the_backup() {
    let r = short(Mode::Restore, 30);
    assert_eq!(r.ended_old + r.ended_backup, 30);
}

#[test]
fn sigkill_during_migration_leaves_v4_or_the_migrated_profile() {
    let r = short(Mode::Migrate, 30);
    assert_eq!(r.found_old_version + r.found_new_version, 30);
}

#[test]
fn sigkill_during_an_automatic_backup_keeps_the_earlier_ones_and_lists_nothing_partial() {
    let r = short(Mode::AutoBackup, 30);
    assert_eq!(r.ended_old + r.ended_backup, 30);
}

#[test]
fn sigkill_anywhere_in_a_key_rotation_leaves_a_key_in_force_that_opens_the_newest_backup() {
    let r = short(Mode::Rotation, 30);
    assert_eq!(r.ended_old + r.ended_backup, 30);
}
