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

// ---- 7. a mistyped --db --------------------------------------------------------------

#[test]
fn a_mistyped_db_never_becomes_a_new_profile_or_new_folders() {
    let cli = Cli::new();
    let typo = cli.dir.path().join("no-such-folder/deeper/profile.db");
    let run = |db: &Path, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_reset"))
            .arg("--db")
            .arg(db)
            .args(args)
            .arg("--json")
            .env_remove("RESET_KEY")
            .env("RESET_PASSPHRASE", "k7qfm-2xhbn-9rtwz-c4dep-yu3sg")
            .output()
            .unwrap()
    };
    let out_file = cli.dir.path().join("x.out");
    let out = out_file.to_str().unwrap();
    for args in [
        vec!["status"],
        vec!["checkin", "--mood", "4"],
        vec!["safety-plan", "edit", "--input", "-"],
        vec!["export", "json", "--out", out],
        vec!["backup", "create", "--out", out],
    ] {
        let err = common::error_json(&run(&typo, &args), &args);
        assert_eq!(err["kind"], "not_found", "{args:?}: {err}");
    }
    assert!(
        !cli.dir.path().join("no-such-folder").exists(),
        "no folder made"
    );
    // Read-only commands make no profile even where the folder exists.
    let fresh = cli.dir.path().join("fresh.db");
    for args in [
        vec!["export", "json", "--out", out],
        vec!["backup", "create", "--out", out],
    ] {
        let err = common::error_json(&run(&fresh, &args), &args);
        assert_eq!(err["kind"], "not_found", "{args:?}: {err}");
    }
    let names: Vec<_> = std::fs::read_dir(cli.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(names.is_empty(), "nothing was created: {names:?}");
    // Recording something (or `status`, the first run) in an existing folder makes the profile.
    assert!(run(&fresh, &["checkin", "--mood", "4"]).status.success());
    assert!(run(&fresh, &["status"]).status.success());
}

// ---- 8. the tour -----------------------------------------------------------------------

#[test]
fn the_tour_prints_a_restore_into_the_demo_profile_without_the_passphrase_and_a_safety_plan() {
    let cli = Cli::new();
    let out = cli.run(&["tour", "--json"]);
    assert!(out.status.success(), "{out:?}");
    let tour: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let steps = tour["steps"].as_array().unwrap();
    let backup = steps
        .iter()
        .find(|s| s["step"] == "Wrote an encrypted backup")
        .unwrap();
    let command = backup["data"]["restore_command"].as_str().unwrap();
    let demo = cli.dir.path().join("tour/profile.db");
    assert!(
        command.starts_with(&format!("reset --db {} backup restore ", demo.display())),
        "{command}"
    );
    let text = backup["text"].as_str().unwrap();
    assert!(text.contains(command), "the text shows the same command");
    assert!(
        !text.contains("RESET_PASSPHRASE="),
        "no passphrase in a command line: {text}"
    );
    let plan = steps
        .iter()
        .find(|s| {
            s["step"]
                .as_str()
                .unwrap()
                .starts_with("Wrote a safety plan")
        })
        .unwrap();
    assert_eq!(plan["data"]["plan"]["version"], 1);
    assert!(plan["text"].as_str().unwrap().contains("Not sleeping"));
    // The same in text.
    let human = String::from_utf8(cli.run(&["tour"]).stdout).unwrap();
    assert!(human.contains("Wrote a safety plan") && human.contains("backup restore"));
    assert!(!human.contains("RESET_PASSPHRASE="));
    // And the person's own profile was never made.
    assert!(!cli.db().exists());
}

// ---- 9. wrong kinds and fields -------------------------------------------------------

#[test]
fn each_bad_value_is_blamed_on_the_flag_the_person_typed() {
    let cli = Cli::new();
    cli.json(&["checkin", "--mood", "4", "--json"]);
    let field = |args: &[&str]| {
        let e = cli.error(args);
        assert_eq!(e["kind"], "invalid_input", "{args:?}: {e}");
        e["field"].as_str().unwrap().to_string()
    };
    assert_eq!(field(&["checkin", "--mood", "-1", "--json"]), "mood");
    assert_eq!(
        field(&[
            "--now",
            "1800-01-01T00:00:00Z",
            "checkin",
            "--mood",
            "4",
            "--json"
        ]),
        "now"
    );
    assert_eq!(
        field(&["--now", "9999-12-31T00:00:00Z", "status", "--json"]),
        "now"
    );
    let out = cli.dir.path().join("r.pdf");
    assert_eq!(
        field(&[
            "export",
            "pdf",
            "--paper",
            "X",
            "--out",
            out.to_str().unwrap(),
            "--json"
        ]),
        "paper"
    );
    let e = cli.error(&["export", "json", "--out", "/proc/self/mem", "--json"]);
    assert_eq!(e["kind"], "invalid_input");
    assert!(
        !e["message"].as_str().unwrap().contains("does not exist"),
        "{e}"
    );
    // An empty RESET_PASSPHRASE is a slip, not a wrong passphrase.
    let b = cli.dir.path().join("b.rcbackup");
    let made = run_pass(
        &cli,
        None,
        &[
            "backup",
            "create",
            "--generate-passphrase",
            "--out",
            b.to_str().unwrap(),
            "--json",
        ],
    );
    assert!(made.status.success());
    let restore = run_pass(
        &cli,
        Some(""),
        &["backup", "restore", b.to_str().unwrap(), "--yes", "--json"],
    );
    let e = common::error_json(&restore, &["backup", "restore"]);
    assert_eq!(e["kind"], "invalid_input", "{e}");
    assert_eq!(e["field"], "passphrase");
}

// ---- 10. the minor ones --------------------------------------------------------------

#[test]
fn control_characters_never_reach_the_report_name_or_a_printed_path() {
    let cli = Cli::new();
    cli.json(&["checkin", "--mood", "4", "--json"]);
    let out = cli.dir.path().join("r.pdf");
    for name in ["Sam\u{1b}[2J", "Sam\u{202e}kcab", "two\nlines"] {
        let e = cli.error(&[
            "export",
            "pdf",
            "--name",
            name,
            "--out",
            out.to_str().unwrap(),
            "--json",
        ]);
        assert_eq!(e["field"], "name", "{e}");
    }
    assert!(!out.exists());
    let odd = tempfile::TempDir::new().unwrap();
    let path = odd.path().join("dump\nreset: fake line.json");
    let printed = cli.run(&["export", "json", "--out", path.to_str().unwrap()]);
    assert!(printed.status.success(), "{printed:?}");
    let text = String::from_utf8(printed.stdout).unwrap();
    assert!(!text.contains("\nreset: fake line"), "{text}");
    assert!(text.contains("\\u{000a}reset: fake line"), "{text}");
}

#[test]
fn a_key_file_others_can_read_is_made_owner_only_and_the_person_is_told() {
    use std::os::unix::fs::PermissionsExt;
    let cli = Cli::new();
    cli.json(&["checkin", "--mood", "4", "--json"]);
    let key = cli.db().with_extension("key");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = cli.run(&["status"]);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("owner-only"),
        "{out:?}"
    );
    assert_eq!(
        std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn assess_take_says_what_it_saved_in_a_sentence() {
    let cli = Cli::new();
    let out = cli.run(&["assess", "take", "gad7", "--answers", "1,1,1,1,1,1,1"]);
    let text = String::from_utf8(out.stdout).unwrap();
    // Ids are opaque since the schema-v7 merge (`as_<hex>`): the sentence is what counts.
    assert!(
        text.contains("saved as assessment ") && text.contains(" on 2027-03-28"),
        "{text}"
    );
    assert!(!text.contains("saved [1]"));
}

// ---- hostile review (review-hostile.md) F9, F3 ----------------------------------------

/// Opens the scratch profile in this process, as another app process would hold it.
fn open_elsewhere(cli: &Cli) -> std::sync::Arc<reset_ffi::Companion> {
    let key = std::fs::read_to_string(cli.db().with_extension("key")).unwrap();
    reset_ffi::open_companion(
        reset_ffi::CompanionConfig {
            database_path: cli.db().display().to_string(),
            key: hex::decode(key.trim()).unwrap(),
            time_zone: "Europe/London".into(),
        },
        std::sync::Arc::new(reset_core::time::FixedClock(
            "2027-03-28T09:00:00Z".parse().unwrap(),
        )),
    )
    .unwrap()
}

#[test]
fn erase_holds_the_profile_alone_and_refuses_while_another_process_has_it_open() {
    // F9: erase took only the shared lock and wiped a profile others were writing to.
    let cli = Cli::new();
    cli.json(&["checkin", "--mood", "5", "--json"]);
    let key = cli.db().with_extension("key");
    let companion = open_elsewhere(&cli);
    let err = cli.error(&["erase", "--yes", "--json"]);
    assert_eq!(err["kind"], "storage", "{err}");
    assert!(err["message"].as_str().unwrap().contains("busy"), "{err}");
    assert!(cli.db().exists() && key.exists(), "nothing was erased");
    drop(companion);
    assert_eq!(checkins(&cli), 1);
    // Closed there: erase goes, the key with it, and no lock file is left.
    let out = cli.json(&["erase", "--yes", "--json"]);
    assert_eq!(out["erased"], true);
    assert!(!cli.db().exists() && !key.exists());
    assert!(!reset_core::store::lock_file(&cli.db()).exists());
}

#[test]
fn a_writer_that_waited_on_an_erased_profile_fails_instead_of_saving_into_nothing() {
    // F9: a lock won on the erased (unlinked) lock file guards nothing.
    let cli = Cli::new();
    cli.json(&["checkin", "--mood", "5", "--json"]);
    let lock_path = reset_core::store::lock_file(&cli.db());
    let held = std::fs::File::open(&lock_path).unwrap();
    assert_eq!(
        unsafe { libc_flock(&held) },
        0,
        "held exclusively, as an erase does"
    );
    let db = cli.db();
    let key = reset_core::store::DatabaseKey::from_hex(common::key_hex(&db).trim()).unwrap();
    let writer = std::thread::spawn(move || reset_core::store::Store::open(&db, &key));
    std::thread::sleep(std::time::Duration::from_millis(300));
    std::fs::remove_file(&lock_path).unwrap();
    drop(held);
    let err = writer.join().unwrap().unwrap_err();
    assert_eq!(err.kind(), reset_core::ErrorKind::Storage, "{err}");
    assert!(err.to_string().contains("erased"), "{err}");
}

#[test]
fn erase_refuses_an_empty_file_and_keeps_the_key_a_same_stem_profile_uses() {
    // F3: `touch profile.sqlite; erase` deleted profile.key, which profile.db needs.
    let cli = Cli::new();
    cli.json(&["checkin", "--mood", "5", "--json"]);
    let key = cli.db().with_extension("key");
    let key_bytes = std::fs::read(&key).unwrap();
    let empty = cli.db().with_extension("sqlite");
    std::fs::write(&empty, b"").unwrap();
    let out = common::run_db(&empty, &["erase", "--yes", "--json"]);
    let err = common::error_json(&out, &["erase"]);
    assert_eq!(err["kind"], "invalid_input", "{err}");
    assert!(err["message"].as_str().unwrap().contains("empty"), "{err}");
    assert_eq!(std::fs::read(&key).unwrap(), key_bytes);
    assert_eq!(std::fs::read(&empty).unwrap(), b"");
    assert_eq!(checkins(&cli), 1);
}

#[test]
fn erase_refuses_a_hard_linked_profile_and_touches_nothing() {
    // F4: erase zero-filled the shared inode, destroying the other name.
    let cli = Cli::new();
    cli.json(&["checkin", "--mood", "5", "--json"]);
    let other = cli.dir.path().join("snapshot.db");
    std::fs::hard_link(cli.db(), &other).unwrap();
    let bytes = cli.profile_bytes();
    let err = cli.error(&["erase", "--yes", "--json"]);
    assert_eq!(err["kind"], "invalid_input", "{err}");
    assert!(
        err["message"].as_str().unwrap().contains("hard links"),
        "{err}"
    );
    assert_eq!(cli.profile_bytes(), bytes);
    assert!(cli.db().with_extension("key").exists());
    std::fs::remove_file(&other).unwrap();
    assert_eq!(checkins(&cli), 1);
}
