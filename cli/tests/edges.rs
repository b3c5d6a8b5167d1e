//! The outside eye's hostile-tester findings of 2026-12-07 at the CLI's edges (issue 16,
//! `docs/reviews/2026-12-07-outside-eye.md`): each test fails on the code before the fix.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::Cli;

/// Runs `reset` on the scratch profile with a passphrase in the environment (or none).
fn run_pass(cli: &Cli, passphrase: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_reset"));
    cmd.arg("--db")
        .arg(cli.db())
        .args(["--tz", "Europe/London", "--now", "2027-03-28T09:00:00Z"])
        .args(args)
        .env_remove("RESET_KEY");
    match passphrase {
        Some(p) => cmd.env("RESET_PASSPHRASE", p),
        None => cmd.env_remove("RESET_PASSPHRASE"),
    };
    cmd.output().unwrap()
}

fn checkins(cli: &Cli) -> u64 {
    cli.json(&["status", "--json"])["counts"]["check_ins"]
        .as_u64()
        .unwrap()
}

/// A stale temporary file of ours, as a killed `export json` leaves it: plaintext, hidden.
fn plant_temp(dir: &Path, hex: &str) -> PathBuf {
    let path = dir.join(format!(".reset-{hex}.tmp"));
    std::fs::write(
        &path,
        b"{\"journal_entries\":[{\"text\":\"partial plaintext\"",
    )
    .unwrap();
    path
}

// ---- 1. temporaries of killed plaintext exports --------------------------------------

#[test]
fn a_later_write_to_the_folder_sweeps_what_a_killed_export_left_but_not_a_live_writers() {
    let cli = Cli::new();
    cli.json(&["checkin", "--mood", "5", "--json"]);
    let out_dir = tempfile::TempDir::new().unwrap();
    let stale = plant_temp(out_dir.path(), "00112233445566778899aabb");
    let stale_dir = out_dir.path().join(".reset-0011223344556677.dir");
    std::fs::create_dir(&stale_dir).unwrap();
    std::fs::write(stale_dir.join("check_ins.csv"), b"at,mood\n").unwrap();
    // One a running writer holds (its lock), and names that are not exactly ours.
    let live = plant_temp(out_dir.path(), "ffeeddccbbaa998877665544");
    let held = std::fs::File::open(&live).unwrap();
    assert_eq!(unsafe { libc_flock(&held) }, 0);
    let not_ours = [
        ".reset-notes.tmp",
        ".reset-XYZ0011223344556677.tmp",
        "reset-00112233445566778899aabb.tmp",
    ];
    for n in not_ours {
        std::fs::write(out_dir.path().join(n), b"mine").unwrap();
    }
    let dump = out_dir.path().join("dump.json");
    cli.json(&["export", "json", "--out", dump.to_str().unwrap(), "--json"]);
    assert!(
        !stale.exists(),
        "the killed export's plaintext temp is swept"
    );
    assert!(
        !stale_dir.exists(),
        "the killed CSV export's staging folder is swept"
    );
    assert!(live.exists(), "a temp a live writer holds is left alone");
    for n in not_ours {
        assert!(out_dir.path().join(n).exists(), "{n} is not ours");
    }
    drop(held);
    // Every other plaintext export sweeps its folder too.
    for args in [
        vec!["export", "csv", "--out"],
        vec!["export", "fhir", "--out"],
        vec!["export", "pdf", "--out"],
    ] {
        let again = plant_temp(out_dir.path(), "0123456789abcdef01234567");
        let target = out_dir.path().join(format!("x-{}", args[1]));
        let mut a = args.clone();
        let t = target.display().to_string();
        a.push(&t);
        a.push("--json");
        cli.json(&a);
        assert!(!again.exists(), "{args:?} sweeps the folder it writes to");
    }
}

#[test]
fn erase_everything_removes_stale_temporaries_in_the_folders_it_knows() {
    let cli = Cli::new();
    cli.json(&["checkin", "--mood", "5", "--json"]);
    let dir = cli.dir.path();
    std::fs::create_dir(dir.join("exports")).unwrap();
    let beside = plant_temp(dir, "00112233445566778899aabb");
    let in_exports = plant_temp(&dir.join("exports"), "aabbccddeeff001122334455");
    let out = cli.json(&["erase", "--yes", "--json"]);
    let listed = out["also_written_by_reset"].to_string();
    assert!(
        listed.contains(".reset-aabbccddeeff001122334455.tmp"),
        "{listed}"
    );
    assert!(in_exports.exists(), "listed, kept without --everything");
    let out = cli.json(&["erase", "--yes", "--everything", "--json"]);
    assert_eq!(out["removed_also_written"], true);
    assert!(!beside.exists() && !in_exports.exists());
}

#[allow(unsafe_code)]
unsafe fn libc_flock(f: &std::fs::File) -> i32 {
    use std::os::fd::AsRawFd;
    unsafe extern "C" {
        fn flock(fd: i32, op: i32) -> i32;
    }
    // LOCK_EX | LOCK_NB
    unsafe { flock(f.as_raw_fd(), 2 | 4) }
}

// ---- 2. check-ins saved while a restore runs ----------------------------------------

#[test]
fn no_check_in_acknowledged_during_a_restore_is_lost() {
    let cli = Cli::new();
    for _ in 0..3 {
        cli.json(&["checkin", "--mood", "4", "--json"]);
    }
    let backup = cli.dir.path().join("b.rcbackup");
    let made = run_pass(
        &cli,
        None,
        &[
            "backup",
            "create",
            "--generate-passphrase",
            "--out",
            backup.to_str().unwrap(),
            "--json",
        ],
    );
    assert!(made.status.success(), "{made:?}");
    let made: serde_json::Value = serde_json::from_slice(&made.stdout).unwrap();
    let passphrase = made["passphrase"].as_str().unwrap().to_string();
    let in_backup = 3;
    for _ in 0..2 {
        cli.json(&["checkin", "--mood", "6", "--json"]);
    }
    let before_restore = checkins(&cli);

    // A real concurrent writer: one `reset checkin` process after another, for the whole
    // restore, counting those that said "checked in".
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let db = cli.db();
    let writer = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let (mut acked, mut refused) = (0u64, Vec::new());
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let out = Command::new(env!("CARGO_BIN_EXE_reset"))
                    .arg("--db")
                    .arg(&db)
                    .args(["--tz", "Europe/London", "--now", "2027-03-28T09:00:00Z"])
                    .args(["checkin", "--mood", "7", "--json"])
                    .env_remove("RESET_KEY")
                    .output()
                    .unwrap();
                if out.status.success() {
                    acked += 1;
                } else {
                    refused.push(common::error_json(&out, &["checkin"]));
                }
            }
            (acked, refused)
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(300));
    let restore = run_pass(
        &cli,
        Some(&passphrase),
        &[
            "backup",
            "restore",
            backup.to_str().unwrap(),
            "--yes",
            "--json",
        ],
    );
    std::thread::sleep(std::time::Duration::from_millis(300));
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let (acked, refused) = writer.join().unwrap();
    for e in &refused {
        assert_eq!(
            e["kind"], "storage",
            "a writer that cannot wait fails typed: {e}"
        );
        assert!(e["message"].as_str().unwrap().contains("busy"), "{e}");
    }
    let after = checkins(&cli);
    if restore.status.success() {
        let summary: serde_json::Value = serde_json::from_slice(&restore.stdout).unwrap();
        // What the restore replaced is what it said it replaced; everything acknowledged
        // after that overview was written to the restored profile.
        let replaced = summary["replaced"]["check_ins"]["rows"].as_u64().unwrap();
        let acked_before_overview = replaced - before_restore;
        let acked_after = after - in_backup;
        assert_eq!(
            acked_before_overview + acked_after,
            acked,
            "every acknowledged check-in is in the restored profile or in what the restore said it replaced"
        );
    } else {
        let e = common::error_json(&restore, &["backup", "restore"]);
        assert!(
            matches!(e["kind"].as_str(), Some("storage" | "conflict")),
            "{e}"
        );
        assert_eq!(
            after,
            before_restore + acked,
            "a refused restore keeps every check-in"
        );
    }
}

#[test]
fn a_restore_refuses_when_something_was_saved_after_its_overview() {
    // The same facade the phones use: overview, a save from another process, then restore.
    let cli = Cli::new();
    cli.json(&["checkin", "--mood", "4", "--json"]);
    let backup = cli.dir.path().join("b.rcbackup");
    let made = run_pass(
        &cli,
        None,
        &[
            "backup",
            "create",
            "--generate-passphrase",
            "--out",
            backup.to_str().unwrap(),
            "--json",
        ],
    );
    let made: serde_json::Value = serde_json::from_slice(&made.stdout).unwrap();
    let passphrase = made["passphrase"].as_str().unwrap().to_string();
    let key = std::fs::read_to_string(cli.db().with_extension("key")).unwrap();
    let companion = reset_ffi::open_companion(
        reset_ffi::CompanionConfig {
            database_path: cli.db().display().to_string(),
            key: hex::decode(key.trim()).unwrap(),
            time_zone: "Europe/London".into(),
        },
        std::sync::Arc::new(reset_core::time::FixedClock(
            "2027-03-28T09:00:00Z".parse().unwrap(),
        )),
    )
    .unwrap();
    companion.profile_overview().unwrap();
    // Another process saves while the person reads the overview.
    let saved = std::thread::spawn({
        let db = cli.db();
        move || {
            Command::new(env!("CARGO_BIN_EXE_reset"))
                .arg("--db")
                .arg(db)
                .args(["--now", "2027-03-28T09:00:00Z", "checkin", "--mood", "7"])
                .env_remove("RESET_KEY")
                .output()
                .unwrap()
        }
    })
    .join()
    .unwrap();
    assert!(saved.status.success(), "{saved:?}");
    let err = companion
        .restore_backup(backup.display().to_string(), passphrase, None)
        .unwrap_err();
    assert_eq!(err.kind(), reset_core::ErrorKind::Conflict, "{err}");
    drop(companion);
    assert_eq!(checkins(&cli), 2, "nothing was replaced");
}

// ---- 3. erase checks that the key opens the file ------------------------------------

#[test]
fn erase_refuses_a_profile_its_key_does_not_open_unless_told_it_is_unreadable() {
    let cli = Cli::new();
    cli.json(&["checkin", "--mood", "5", "--json"]);
    // Another profile's key beside it: `status` says wrong_key, so erase must not just go.
    let other = Cli::new();
    other.json(&["checkin", "--mood", "5", "--json"]);
    let key = cli.db().with_extension("key");
    std::fs::copy(other.db().with_extension("key"), &key).unwrap();
    let bytes = cli.profile_bytes();
    let err = cli.error(&["erase", "--yes", "--json"]);
    assert_eq!(err["kind"], "invalid_input", "{err}");
    assert_eq!(err["field"], "db");
    assert!(
        err["message"].as_str().unwrap().contains("wrong_key"),
        "{err}"
    );
    assert_eq!(cli.profile_bytes(), bytes);
    assert!(key.exists());
    // Random bytes in the shape of a profile with a random key beside them: refused too.
    let junk = cli.dir.path().join("junk.db");
    std::fs::write(&junk, vec![0x5a; 8192]).unwrap();
    std::fs::write(junk.with_extension("key"), "ab".repeat(32)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_reset"))
        .arg("--db")
        .arg(&junk)
        .args(["erase", "--yes", "--json"])
        .env_remove("RESET_KEY")
        .output()
        .unwrap();
    assert_eq!(
        common::error_json(&out, &["erase"])["kind"],
        "invalid_input"
    );
    assert_eq!(std::fs::read(&junk).unwrap(), vec![0x5a; 8192]);
    // Said explicitly: erased.
    let out = cli.json(&["erase", "--yes", "--unreadable", "--json"]);
    assert_eq!(out["erased"], true);
    assert!(!cli.db().exists() && !key.exists());
}

// ---- 4. CSV into an existing folder --------------------------------------------------

#[test]
fn csv_into_an_existing_folder_never_overwrites_and_never_writes_into_the_profile_folder() {
    let cli = Cli::new();
    cli.json(&["checkin", "--mood", "5", "--json"]);
    let mine = tempfile::TempDir::new().unwrap();
    let own = mine.path().join("check_ins.csv");
    std::fs::write(&own, b"my own spreadsheet").unwrap();
    let out = mine.path().display().to_string();
    let err = cli.error(&["export", "csv", "--out", &out, "--json"]);
    assert_eq!(err["kind"], "invalid_input", "{err}");
    assert_eq!(err["field"], "out");
    assert!(
        err["message"].as_str().unwrap().contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read(&own).unwrap(), b"my own spreadsheet");
    assert_eq!(
        std::fs::read_dir(mine.path()).unwrap().count(),
        1,
        "nothing written"
    );
    // Asked for: replaced.
    cli.json(&["export", "csv", "--out", &out, "--force", "--json"]);
    assert_ne!(std::fs::read(&own).unwrap(), b"my own spreadsheet");
    // An empty existing folder takes the files.
    let empty = tempfile::TempDir::new().unwrap();
    cli.json(&[
        "export",
        "csv",
        "--out",
        empty.path().to_str().unwrap(),
        "--json",
    ]);
    assert!(empty.path().join("check_ins.csv").is_file());
    // The folder holding the profile is refused, even with --force.
    let before: Vec<_> = std::fs::read_dir(cli.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    for force in [false, true] {
        let mut args = vec![
            "export",
            "csv",
            "--out",
            cli.dir.path().to_str().unwrap(),
            "--json",
        ];
        if force {
            args.push("--force");
        }
        let err = cli.error(&args);
        assert_eq!(err["kind"], "invalid_input", "{err}");
        assert!(
            err["message"].as_str().unwrap().contains("profile"),
            "{err}"
        );
    }
    let after: Vec<_> = std::fs::read_dir(cli.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before.len(), after.len());
}

// ---- 5. unknown JSON keys are never echoed raw ---------------------------------------

#[test]
fn an_unknown_json_key_is_never_echoed_not_even_escaped() {
    let cli = Cli::new();
    let input = cli.dir.path().join("entry.json");
    let key = format!("\u{1b}]0;owned\u{7}\u{1b}[31m\u{202e}{}", "x".repeat(500));
    let json = serde_json::json!({"text": "fine", key.clone(): 1});
    std::fs::write(&input, json.to_string()).unwrap();
    let args = [
        "journal",
        "add",
        "--kind",
        "free",
        "--input",
        input.to_str().unwrap(),
        "--json",
    ];
    let out = cli.run(&args);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!stderr.contains('\u{1b}'), "no ESC on stderr: {stderr:?}");
    assert!(!stderr.contains('\u{202e}'), "no bidi override on stderr");
    assert!(!stderr.contains(&"x".repeat(100)), "cut short");
    let err = common::error_json(&out, &args);
    assert_eq!(err["kind"], "invalid_input");
    // The key may be the person's words: only "a key", never its text (hostile review F11).
    assert_eq!(err["field"], "input");
    assert!(!stderr.contains("owned"), "{stderr}");
    // A JSON error of another shape quotes nothing the person wrote either.
    let plan = cli.dir.path().join("plan.json");
    std::fs::write(
        &plan,
        "{\"warning_signs\": 5, \"\u{1b}[2J\": \"secret words\"}",
    )
    .unwrap();
    let out = cli.run(&[
        "safety-plan",
        "edit",
        "--input",
        plan.to_str().unwrap(),
        "--json",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains("secret words"),
        "{stderr:?}"
    );
}

#[test]
fn a_json_file_with_a_byte_order_mark_is_accepted() {
    let cli = Cli::new();
    let input = cli.dir.path().join("entry.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(br#"{"text": "written in Notepad"}"#);
    std::fs::write(&input, bytes).unwrap();
    cli.json(&[
        "journal",
        "add",
        "--kind",
        "free",
        "--input",
        input.to_str().unwrap(),
        "--json",
    ]);
}

// ---- 6. a FIFO, socket or device given to restore ----------------------------------

#[test]
fn restore_refuses_a_fifo_or_device_at_once_instead_of_hanging() {
    let cli = Cli::new();
    cli.json(&["checkin", "--mood", "5", "--json"]);
    let fifo = cli.dir.path().join("b.rcbackup");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    for path in [
        fifo.as_path(),
        Path::new("/dev/zero"),
        Path::new("/dev/tty"),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_reset"))
            .arg("--db")
            .arg(cli.db())
            .args(["backup", "restore"])
            .arg(path)
            .args(["--yes", "--json"])
            .env("RESET_PASSPHRASE", "whatever it is")
            .env_remove("RESET_KEY")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let start = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > std::time::Duration::from_secs(20) {
                let _ = child.kill();
                panic!("restore of {path:?} hangs");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        let err = common::error_json(&out, &["backup", "restore"]);
        assert_eq!(err["kind"], "invalid_input", "{path:?}: {err}");
        assert_eq!(err["field"], "path");
    }
}
