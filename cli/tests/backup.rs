//! Issue 8's CLI contract for backups and the canonical dump, run through the real binary:
//! `reset backup create --out PATH`, `reset backup restore PATH`, `reset export json --out PATH`.

mod common;

use std::process::{Command, Output};

use common::Cli;

const PASS: &str = "a long enough passphrase";

/// Runs `reset` on the scratch profile with `RESET_PASSPHRASE` set (or removed).
fn run(cli: &Cli, passphrase: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_reset"));
    cmd.arg("--db")
        .arg(cli.db())
        .args(["--tz", "Europe/London", "--now", "2027-03-28T09:00:00Z"]);
    cmd.args(args).env_remove("RESET_KEY");
    match passphrase {
        Some(p) => cmd.env("RESET_PASSPHRASE", p),
        None => cmd.env_remove("RESET_PASSPHRASE"),
    };
    cmd.output().unwrap()
}

fn ok(cli: &Cli, passphrase: Option<&str>, args: &[&str]) -> serde_json::Value {
    let out = run(cli, passphrase, args);
    assert!(
        out.status.success(),
        "reset {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn failed(cli: &Cli, passphrase: Option<&str>, args: &[&str]) -> serde_json::Value {
    common::error_json(&run(cli, passphrase, args), args)
}

fn path(cli: &Cli, name: &str) -> String {
    cli.dir.path().join(name).display().to_string()
}

#[test]
fn backup_then_restore_brings_back_exactly_the_dumped_profile() {
    let cli = Cli::new();
    ok(
        &cli,
        None,
        &[
            "checkin",
            "--mood",
            "6",
            "--note",
            "walked by the river",
            "--json",
        ],
    );
    let dumped = ok(
        &cli,
        None,
        &[
            "export",
            "json",
            "--out",
            &path(&cli, "before.json"),
            "--json",
        ],
    );
    assert_eq!(dumped["format"], "json");
    assert_eq!(dumped["tables"]["check_ins"], 1);
    let dump: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path(&cli, "before.json")).unwrap()).unwrap();
    assert_eq!(dump["format"], "reset-companion-dump");

    let created = ok(
        &cli,
        Some(PASS),
        &[
            "backup",
            "create",
            "--out",
            &path(&cli, "b.rcbackup"),
            "--json",
        ],
    );
    assert_eq!(created["format_version"], 1);
    assert_eq!(created["tables"]["check_ins"], 1);
    assert_eq!(
        created["bytes"],
        std::fs::metadata(path(&cli, "b.rcbackup")).unwrap().len()
    );

    ok(&cli, None, &["checkin", "--mood", "2", "--json"]);
    let restored = ok(
        &cli,
        Some(PASS),
        &[
            "backup",
            "restore",
            &path(&cli, "b.rcbackup"),
            "--yes",
            "--json",
        ],
    );
    assert_eq!(restored["tables"], created["tables"]);
    ok(
        &cli,
        None,
        &[
            "export",
            "json",
            "--out",
            &path(&cli, "after.json"),
            "--json",
        ],
    );
    assert_eq!(
        std::fs::read(path(&cli, "after.json")).unwrap(),
        std::fs::read(path(&cli, "before.json")).unwrap()
    );
}

#[test]
fn a_bad_restore_is_a_typed_error_and_the_profile_is_unchanged() {
    let cli = Cli::new();
    ok(&cli, None, &["checkin", "--mood", "5", "--json"]);
    let file = path(&cli, "b.rcbackup");
    ok(
        &cli,
        Some(PASS),
        &["backup", "create", "--out", &file, "--json"],
    );
    let before = cli.profile_bytes();

    let wrong = failed(
        &cli,
        Some("not the passphrase"),
        &["backup", "restore", &file, "--yes", "--json"],
    );
    assert_eq!(wrong["kind"], "wrong_key");
    assert!(wrong["message"].as_str().unwrap().contains("passphrase"));
    let mut bytes = std::fs::read(&file).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&file, &bytes).unwrap();
    assert_eq!(
        failed(
            &cli,
            Some(PASS),
            &["backup", "restore", &file, "--yes", "--json"]
        )["kind"],
        "corrupt"
    );
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    assert_eq!(
        failed(
            &cli,
            Some(PASS),
            &["backup", "restore", &file, "--yes", "--json"]
        )["kind"],
        "corrupt"
    );
    assert_eq!(
        failed(
            &cli,
            Some(PASS),
            &[
                "backup",
                "restore",
                &path(&cli, "missing"),
                "--yes",
                "--json"
            ]
        )["kind"],
        "not_found"
    );
    assert_eq!(cli.profile_bytes(), before);
}

#[test]
fn the_passphrase_must_come_from_the_environment_or_a_terminal() {
    let cli = Cli::new();
    ok(&cli, None, &["checkin", "--mood", "4", "--json"]);
    let file = path(&cli, "b.rcbackup");
    let err = failed(&cli, None, &["backup", "create", "--out", &file, "--json"]);
    assert_eq!(err["kind"], "invalid_input");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("RESET_PASSPHRASE")
    );
    let err = failed(
        &cli,
        Some("short"),
        &["backup", "create", "--out", &file, "--json"],
    );
    assert_eq!(err["kind"], "invalid_input");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .starts_with("invalid passphrase")
    );
    assert!(
        !err["message"].as_str().unwrap().contains("short"),
        "the passphrase is never echoed"
    );
    assert!(!std::path::Path::new(&file).exists());
}

#[test]
fn exports_refuse_to_overwrite_the_profile_itself() {
    let cli = Cli::new();
    ok(&cli, None, &["checkin", "--mood", "4", "--json"]);
    let before = cli.profile_bytes();
    let db = cli.db().display().to_string();
    assert_eq!(
        failed(
            &cli,
            Some(PASS),
            &["backup", "create", "--out", &db, "--json"]
        )["kind"],
        "invalid_input"
    );
    assert_eq!(
        failed(&cli, None, &["export", "json", "--out", &db, "--json"])["kind"],
        "invalid_input"
    );
    assert_eq!(cli.profile_bytes(), before);
}
