//! The second hostile-tester review's open findings (issue 16,
//! `docs/reviews/2026-12-07-second-round/hostile.md`; F31 of `newuser.md`): each test fails on
//! the code before the fix.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{Cli, run_db, tree};

const PASSPHRASE: &str = "correct horse battery staple tundra";

/// `reset --db <db> …` with a fixed clock, a backup passphrase and `XDG_DATA_HOME` (the
/// default profile's home) pointed at `xdg`.
fn reset(db: Option<&Path>, xdg: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_reset"));
    if let Some(db) = db {
        cmd.arg("--db").arg(db);
    }
    cmd.args(["--tz", "Europe/London", "--now", "2027-03-28T09:00:00Z"])
        .args(args)
        .env("XDG_DATA_HOME", xdg)
        .env("RESET_PASSPHRASE", PASSPHRASE)
        .env_remove("RESET_KEY");
    cmd
}

fn check_ins(db: &Path) -> u64 {
    let out = run_db(db, &["status", "--json"]);
    assert!(out.status.success(), "{out:?}");
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    status["counts"]["check_ins"].as_u64().unwrap()
}

/// A profile with one check-in at `db`.
fn profile_at(db: &Path) {
    let out = run_db(db, &["checkin", "--mood", "4", "--json"]);
    assert!(out.status.success(), "{out:?}");
}

fn refused_on(out: &Output, args: &[&str], field: &str) -> String {
    let err = common::error_json(out, args);
    assert_eq!(err["kind"], "invalid_input", "{args:?}: {err}");
    assert_eq!(err["field"], field, "{args:?}: {err}");
    err["message"].as_str().unwrap().to_string()
}

// ---- F1: --out never replaces another profile, a key or a backup ------------------------

#[test]
fn out_never_replaces_another_profiles_database_its_key_or_an_encrypted_backup() {
    let cli = Cli::new();
    profile_at(&cli.db());
    // Another profile, and the default profile under XDG_DATA_HOME.
    let other = cli.dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    profile_at(&other.join("profile.db"));
    let xdg = cli.dir.path().join("xdg");
    let default_db = xdg.join("reset-companion/profile.db");
    assert!(
        reset(None, &xdg, &["checkin", "--mood", "3"])
            .output()
            .unwrap()
            .status
            .success()
    );
    let before = (tree(&other), tree(&xdg));
    let path = |p: PathBuf| p.display().to_string();
    let targets = [
        path(other.join("profile.db")),
        path(other.join("profile.key")),
        path(other.join("profile.db.lock")),
        path(other.join("profile.db-wal")),
        path(default_db.clone()),
        path(default_db.with_extension("key")),
    ];
    for target in &targets {
        for args in [
            vec!["export", "json", "--out", target],
            vec!["export", "pdf", "--out", target],
            vec!["export", "fhir", "--out", target],
            vec!["backup", "create", "--out", target, "--force"],
        ] {
            let mut args = args.clone();
            args.push("--json");
            let out = reset(Some(&cli.db()), &xdg, &args).output().unwrap();
            let why = refused_on(&out, &args, "out");
            assert!(why.contains("never replaces"), "{args:?}: {why}");
        }
    }
    assert_eq!((tree(&other), tree(&xdg)), before, "nothing changed");
    assert_eq!(check_ins(&other.join("profile.db")), 1);
    assert_eq!(check_ins(&default_db), 1);

    // An encrypted backup: never replaced by a plaintext dump; by a backup only with --force.
    let backup = path(cli.dir.path().join("b.rcbackup"));
    let make = ["backup", "create", "--out", backup.as_str(), "--json"];
    assert!(
        reset(Some(&cli.db()), &xdg, &make)
            .output()
            .unwrap()
            .status
            .success()
    );
    let sealed = std::fs::read(&backup).unwrap();
    for args in [
        &["export", "json", "--out", backup.as_str(), "--json"][..],
        &["export", "pdf", "--out", backup.as_str(), "--json"][..],
        &make[..],
    ] {
        let out = reset(Some(&cli.db()), &xdg, args).output().unwrap();
        let why = refused_on(&out, args, "out");
        assert!(why.contains("backup"), "{args:?}: {why}");
        assert_eq!(std::fs::read(&backup).unwrap(), sealed);
    }
    let forced = [
        "backup",
        "create",
        "--out",
        backup.as_str(),
        "--force",
        "--json",
    ];
    let out = reset(Some(&cli.db()), &xdg, &forced).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_ne!(
        std::fs::read(&backup).unwrap(),
        sealed,
        "--force replaced it"
    );
    // What the product does not manage is still replaced (an earlier export).
    let report = path(cli.dir.path().join("report.pdf"));
    for _ in 0..2 {
        let args = ["export", "pdf", "--out", report.as_str(), "--json"];
        assert!(
            reset(Some(&cli.db()), &xdg, &args)
                .output()
                .unwrap()
                .status
                .success()
        );
    }
}

// ---- F10: no CSV into a profile's folder --------------------------------------------------

#[test]
fn csv_never_goes_into_the_default_profiles_folder_or_any_folder_holding_a_profile() {
    let cli = Cli::new();
    profile_at(&cli.db());
    let xdg = cli.dir.path().join("xdg");
    assert!(
        reset(None, &xdg, &["checkin", "--mood", "3"])
            .output()
            .unwrap()
            .status
            .success()
    );
    let other = cli.dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    profile_at(&other.join("diary.db"));
    let before = (tree(&xdg), tree(&other));
    for folder in [xdg.join("reset-companion"), other.clone()] {
        for force in [false, true] {
            let folder = folder.display().to_string();
            let mut args = vec!["export", "csv", "--out", folder.as_str(), "--json"];
            if force {
                args.push("--force");
            }
            let out = reset(Some(&cli.db()), &xdg, &args).output().unwrap();
            let why = refused_on(&out, &args, "out");
            assert!(why.contains("holds a profile"), "{why}");
        }
    }
    assert_eq!((tree(&xdg), tree(&other)), before);
}

// ---- F8: a generated passphrase nobody saw leaves no backup -------------------------------

#[test]
fn a_generated_passphrase_that_cannot_be_shown_leaves_no_backup_and_fails() {
    let cli = Cli::new();
    profile_at(&cli.db());
    let xdg = cli.dir.path().join("xdg");
    let backup = cli.dir.path().join("b.rcbackup");
    let args = [
        "backup",
        "create",
        "--out",
        backup.to_str().unwrap(),
        "--generate-passphrase",
        "--json",
    ];
    // Standard output closed (`>&-`) or /dev/null: refused before anything is written.
    let closed = Command::new("sh")
        .arg("-c")
        .arg("exec \"$@\" >&-")
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_reset"))
        .arg("--db")
        .arg(cli.db())
        .args(args)
        .env("XDG_DATA_HOME", &xdg)
        .env_remove("RESET_KEY")
        .output()
        .unwrap();
    refused_on(&closed, &args, "generate_passphrase");
    let mut to_null = reset(Some(&cli.db()), &xdg, &args);
    refused_on(
        &to_null.stdout(Stdio::null()).output().unwrap(),
        &args,
        "generate_passphrase",
    );
    assert!(!backup.exists());
    // A full device and a pipe closed by its reader: the backup made is deleted again.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = reset(Some(&cli.db()), &xdg, &args)
        .stdout(full)
        .output()
        .unwrap();
    let err = common::error_json(&out, &args);
    assert_eq!(err["kind"], "storage", "{err}");
    assert!(
        err["message"].as_str().unwrap().contains("was deleted"),
        "{err}"
    );
    assert!(!backup.exists(), "no backup nobody can open");
    let mut child = reset(Some(&cli.db()), &xdg, &args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(common::error_json(&out, &args)["kind"], "storage");
    assert!(!backup.exists());
    // Shown: the passphrase is the first line of the text, so `| head -1` keeps it.
    let out = reset(Some(&cli.db()), &xdg, &args[..5]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("generated passphrase"), "{text}");
    assert!(backup.exists());
}

// ---- F3: a key another profile uses outlives an erase --------------------------------------

#[test]
fn erasing_one_profile_keeps_the_key_file_another_profile_beside_it_uses() {
    let cli = Cli::new();
    profile_at(&cli.db());
    let key = cli.db().with_extension("key");
    let key_bytes = std::fs::read(&key).unwrap();
    // `profile.sqlite` and `profile` both take `profile.key`: new profiles keyed with it.
    for name in ["profile.sqlite", "profile"] {
        let twin = cli.dir.path().join(name);
        profile_at(&twin);
        let out = run_db(&twin, &["erase", "--yes", "--json"]);
        assert!(out.status.success(), "{out:?}");
        let said: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(said["erased"], true);
        assert_eq!(
            said["key_kept_for"][0],
            cli.db().display().to_string(),
            "{said}"
        );
        assert!(!twin.exists());
        assert_eq!(
            std::fs::read(&key).unwrap(),
            key_bytes,
            "the shared key is kept"
        );
        assert_eq!(check_ins(&cli.db()), 1, "the other profile still opens");
    }
    // The last one using it takes it with it.
    let out = run_db(&cli.db(), &["erase", "--yes", "--json"]);
    assert!(out.status.success(), "{out:?}");
    assert!(!key.exists());
}

// ---- F5: the tour never zero-fills a file another name shares -------------------------------

#[test]
fn the_tour_replacing_its_demo_never_zero_fills_a_real_profile_hard_linked_into_it() {
    let cli = Cli::new();
    let xdg = cli.dir.path().join("xdg");
    let home = xdg.join("reset-companion");
    assert!(
        reset(None, &xdg, &["checkin", "--mood", "3"])
            .output()
            .unwrap()
            .status
            .success()
    );
    let tour = || reset(None, &xdg, &["tour", "--json"]).output().unwrap();
    assert!(tour().status.success());
    for name in ["profile.db", "profile.key"] {
        std::fs::remove_file(home.join("tour").join(name)).unwrap();
        std::fs::hard_link(home.join(name), home.join("tour").join(name)).unwrap();
    }
    let real = std::fs::read(home.join("profile.db")).unwrap();
    let out = tour();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(std::fs::read(home.join("profile.db")).unwrap(), real);
    assert_eq!(check_ins(&home.join("profile.db")), 1);
}

// ---- F2: a file that is not a database is corrupt, not a wrong key --------------------------

#[test]
fn a_profile_file_that_is_not_a_database_is_corrupt_and_random_pages_a_wrong_key() {
    let cli = Cli::new();
    profile_at(&cli.db());
    for (bytes, kind) in [
        (
            b"{\"format\":\"reset-companion-dump\"}\n".repeat(200),
            "corrupt",
        ),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".repeat(256), "corrupt"),
        (b"SQLite format 3\0".repeat(256), "corrupt"),
        (vec![0x9cu8; 8192], "wrong_key"),
    ] {
        std::fs::write(cli.db(), &bytes).unwrap();
        let err = cli.error(&["status", "--json"]);
        assert_eq!(err["kind"], kind, "{err}");
        assert_eq!(std::fs::read(cli.db()).unwrap(), bytes, "left as it was");
    }
}

// ---- newuser F31: erase says what it never removes -------------------------------------------

#[test]
fn erase_says_that_files_written_with_out_elsewhere_are_not_removed() {
    let cli = Cli::new();
    profile_at(&cli.db());
    let said = cli.json(&["erase", "--yes", "--everything", "--json"]);
    assert!(said["not_removed"].as_str().unwrap().contains("--out"));
    profile_at(&cli.db());
    let out = cli.run(&["erase", "--yes"]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("not removed: files written with --out"),
        "{text}"
    );
    // `--everything` on the default profile leaves no empty data folder behind.
    let xdg = cli.dir.path().join("xdg");
    let made = reset(None, &xdg, &["checkin", "--mood", "3"])
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let out = reset(None, &xdg, &["erase", "--yes", "--everything"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(!xdg.join("reset-companion").exists());
}

// ---- F12: a profile keyed only from RESET_KEY is not made silently ---------------------------

#[test]
fn a_new_profile_keyed_from_the_environment_says_its_key_is_only_there() {
    let cli = Cli::new();
    let key = "ab".repeat(32);
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_reset"))
            .arg("--db")
            .arg(cli.db())
            .args(["--now", "2027-03-28T09:00:00Z", "checkin", "--mood", "4"])
            .env("RESET_KEY", &key)
            .output()
            .unwrap()
    };
    let first = run();
    assert!(first.status.success(), "{first:?}");
    let note = String::from_utf8(first.stderr).unwrap();
    assert!(note.contains("only in RESET_KEY"), "{note}");
    assert!(!note.contains(&key), "the key itself is never printed");
    assert!(!cli.db().with_extension("key").exists());
    let again = run();
    assert!(again.status.success(), "{again:?}");
    assert!(
        again.stderr.is_empty(),
        "said once, when the profile is made"
    );
}
