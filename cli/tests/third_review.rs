//! The third hostile-tester review's findings (issue 16,
//! `docs/reviews/2026-12-07-second-round/hostile3.md`): each test fails on the code before the fix.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::{Cli, run_db};

const PASSPHRASE: &str = "correct horse battery staple tundra";

fn reset(db: &Path, xdg: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_reset"));
    cmd.arg("--db")
        .arg(db)
        .args(["--tz", "Europe/London", "--now", "2027-03-28T09:00:00Z"])
        .args(args)
        .env("XDG_DATA_HOME", xdg)
        .env("RESET_PASSPHRASE", PASSPHRASE)
        .env_remove("RESET_KEY");
    cmd
}

/// F4: `--force --generate-passphrase` whose output fails used to delete the new backup after
/// it had replaced the old one — both gone. The earlier backup must stay byte for byte.
#[test]
fn a_failed_generated_passphrase_leaves_the_earlier_backup_in_place() {
    let cli = Cli::new();
    assert!(
        run_db(&cli.db(), &["checkin", "--mood", "4"])
            .status
            .success()
    );
    let xdg = cli.dir.path().join("xdg");
    let backup = cli.dir.path().join("b.rcbackup");
    let path = backup.to_str().unwrap();
    let made = reset(&cli.db(), &xdg, &["backup", "create", "--out", path])
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let before = std::fs::read(&backup).unwrap();
    let args = [
        "backup",
        "create",
        "--out",
        path,
        "--force",
        "--generate-passphrase",
        "--json",
    ];
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = reset(&cli.db(), &xdg, &args).stdout(full).output().unwrap();
    let err = common::error_json(&out, &args);
    assert_eq!(err["kind"], "storage", "{err}");
    assert_eq!(
        std::fs::read(&backup).unwrap(),
        before,
        "the earlier backup is untouched"
    );
    let left: Vec<_> = std::fs::read_dir(cli.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("unconfirmed"))
        .collect();
    assert!(left.is_empty(), "no staged backup left behind: {left:?}");
    // Seen: the new backup replaces the old one and opens with the passphrase shown.
    let out = reset(&cli.db(), &xdg, &args).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_ne!(
        std::fs::read(&backup).unwrap(),
        before,
        "replaced once seen"
    );
    let restore = reset(
        &cli.dir.path().join("new.db"),
        &xdg,
        &["backup", "restore", path, "--yes"],
    )
    .env("RESET_PASSPHRASE", shown["passphrase"].as_str().unwrap())
    .output()
    .unwrap();
    assert!(restore.status.success(), "{restore:?}");
}

/// F5: standard output open read-only (`1<file`) took the passphrase nowhere and exited 0.
#[test]
fn a_read_only_standard_output_is_refused_before_anything_is_written() {
    let cli = Cli::new();
    assert!(
        run_db(&cli.db(), &["checkin", "--mood", "4"])
            .status
            .success()
    );
    let xdg = cli.dir.path().join("xdg");
    let backup = cli.dir.path().join("d.rcbackup");
    let ro = cli.dir.path().join("ro.txt");
    std::fs::write(&ro, "hello\n").unwrap();
    let args = [
        "backup",
        "create",
        "--out",
        backup.to_str().unwrap(),
        "--generate-passphrase",
        "--json",
    ];
    let out = reset(&cli.db(), &xdg, &args)
        .stdout(Stdio::from(std::fs::File::open(&ro).unwrap()))
        .output()
        .unwrap();
    let err = common::error_json(&out, &args);
    assert_eq!(err["kind"], "invalid_input", "{err}");
    assert_eq!(err["field"], "generate_passphrase", "{err}");
    assert!(!backup.exists(), "nothing written");
    assert_eq!(std::fs::read_to_string(&ro).unwrap(), "hello\n");
}

/// F6: erasing `profile.sqlite` kept the shared `profile.key` but removed the shared
/// `profile.recovery-key` (and with `--everything` the automatic backups) that `profile.db`
/// beside it uses.
#[test]
fn erasing_a_profile_sharing_the_stem_keeps_the_others_recovery_key_and_backups() {
    let cli = Cli::new();
    assert!(
        run_db(&cli.db(), &["checkin", "--mood", "4"])
            .status
            .success()
    );
    let on = run_db(&cli.db(), &["backup", "auto", "on", "--json"]);
    assert!(on.status.success(), "{on:?}");
    let recovery = std::path::PathBuf::from(format!("{}.recovery-key", cli.db().display()));
    let key_text = std::fs::read(&recovery).unwrap();
    let auto = cli.dir.path().join("auto-backups");
    let backups = std::fs::read_dir(&auto).unwrap().count();
    assert!(backups >= 1);
    let twin = cli.dir.path().join("profile.sqlite");
    assert!(run_db(&twin, &["checkin", "--mood", "3"]).status.success());
    let out = run_db(&twin, &["erase", "--yes", "--everything", "--json"]);
    assert!(out.status.success(), "{out:?}");
    assert!(!twin.exists());
    assert_eq!(
        std::fs::read(&recovery).unwrap(),
        key_text,
        "profile.db's recovery key stays"
    );
    assert_eq!(
        std::fs::read_dir(&auto).unwrap().count(),
        backups,
        "and its backups"
    );
    let run = run_db(&cli.db(), &["backup", "auto", "status", "--json"]);
    assert!(run.status.success(), "{run:?}");
}
