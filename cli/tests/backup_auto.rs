//! Contract tests for `reset backup auto on|off|status|run|rotate` and
//! `reset backup restore PATH --recovery-key` (issue 21), through the real binary, including
//! the recovery-key canary: the key appears only in `on`'s / `rotate`'s output and its 0600
//! key file — never in a backup, an export, stderr, another command's output or a file name.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::Cli;
use serde_json::Value;

const DAY1: &str = "2027-03-28T09:00:00Z";
const DAY2: &str = "2027-03-29T09:00:00Z";

fn folder(cli: &Cli) -> PathBuf {
    cli.dir.path().join("auto-backups")
}

fn key_file(cli: &Cli) -> PathBuf {
    cli.dir.path().join("profile.db.recovery-key")
}

/// `reset --db DB --tz Europe/London ARGS` with `stdin` piped in.
fn run_with_stdin(db: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reset"))
        .arg("--db")
        .arg(db)
        .args(["--tz", "Europe/London", "--now", DAY2])
        .args(args)
        .env_remove("RESET_KEY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn on(cli: &Cli) -> (Value, String) {
    cli.json(&["checkin", "--mood", "5", "--json"]);
    let v = cli.json(&["backup", "auto", "on", "--json"]);
    let key = v["recovery_key"].as_str().unwrap().to_string();
    (v, key)
}

#[test]
fn on_prints_the_key_once_keeps_it_0600_and_writes_the_first_backup() {
    let cli = Cli::new();
    let (v, key) = on(&cli);
    assert_eq!(v["enabled"], true);
    assert_eq!(v["recovery_key_bits"], 128);
    let groups: Vec<&str> = key.split('-').collect();
    assert_eq!(groups.len(), 7);
    assert!(groups.iter().all(|g| g.len() == 4));
    assert_eq!(v["first_backup"]["outcome"], "written");
    assert_eq!(v["first_backup"]["tables"]["check_ins"], 1);
    let name = v["first_backup"]["file"]["name"].as_str().unwrap();
    assert_eq!(name, "reset-auto-20270328T090000000Z.rcbackup");
    assert!(folder(&cli).join(name).is_file());

    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(key_file(&cli)).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert_eq!(std::fs::read_to_string(key_file(&cli)).unwrap().trim(), key);

    // Already on: conflict, and the key is not printed again.
    let err = cli.error(&["backup", "auto", "on", "--json"]);
    assert_eq!(err["kind"], "conflict");
}

#[test]
fn status_and_run_follow_the_local_day() {
    let cli = Cli::new();
    on(&cli);
    let s = cli.json(&["backup", "auto", "status", "--json"]);
    assert_eq!(s["enabled"], true);
    assert_eq!(s["due"], false);
    assert_eq!(s["files"].as_array().unwrap().len(), 1);
    assert_eq!(s["last_backup"], DAY1);
    let again = cli.json(&["backup", "auto", "run", "--json"]);
    assert_eq!(again["outcome"], "not_due");
    assert_eq!(again["file"], Value::Null);
    let next = cli.json(&["--now", DAY2, "backup", "auto", "run", "--json"]);
    assert_eq!(next["outcome"], "written");
    let s = cli.json(&["--now", DAY2, "backup", "auto", "status", "--json"]);
    assert_eq!(s["files"].as_array().unwrap().len(), 2);
    assert_eq!(s["files"][0]["created_at"], DAY2, "newest first");
}

#[test]
fn restore_with_the_recovery_key_from_stdin_into_a_new_profile() {
    let cli = Cli::new();
    let (_, key) = on(&cli);
    // The old phone is gone (its profile with it); only the backups folder is left.
    std::fs::remove_file(cli.db()).unwrap();
    let phone = tempfile::TempDir::new().unwrap();
    let db = phone.path().join("profile.db");
    // Typed sloppily: lower case, spaces for dashes.
    let typed = key.to_lowercase().replace('-', " ");
    let out = run_with_stdin(
        &db,
        &[
            "--json",
            "backup",
            "restore",
            folder(&cli).to_str().unwrap(),
            "--recovery-key",
        ],
        &typed,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["tables"]["check_ins"], 1);
    assert_eq!(v["skipped"], Value::Array(vec![]));
    assert!(v["file"].as_str().unwrap().starts_with("reset-auto-"));
    // The restored profile has automatic backups on; the typed key is kept for its runs.
    let kept = phone.path().join("profile.db.recovery-key");
    assert_eq!(v["recovery_key_file"], kept.display().to_string());
    assert_eq!(std::fs::read_to_string(&kept).unwrap().trim(), key);
    let mut c = Command::new(env!("CARGO_BIN_EXE_reset"));
    let status = c
        .arg("--db")
        .arg(&db)
        .args(["--json", "status"])
        .output()
        .unwrap();
    let status: Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(status["counts"]["check_ins"], 1, "{status}");
}

#[test]
fn a_wrong_or_mistyped_key_is_refused_and_the_profile_is_untouched() {
    let cli = Cli::new();
    let (_, key) = on(&cli);
    let other = Cli::new();
    other.json(&["checkin", "--mood", "2", "--json"]);
    let before = other.profile_bytes();
    let path = folder(&cli);
    let path = path.to_str().unwrap();
    let args = [
        "--json",
        "backup",
        "restore",
        path,
        "--recovery-key",
        "--yes",
    ];

    // A different, well-formed key: wrong_key.
    let wrong = {
        let (_, k) = on(&Cli::new());
        k
    };
    let out = run_with_stdin(&other.db(), &args, &wrong);
    let err = common::error_json(&out, &args);
    assert_eq!(err["kind"], "wrong_key");
    // One character mistyped: caught by the checksum as invalid_input, never echoed.
    let mut typo: Vec<char> = key.chars().collect();
    typo[2] = if typo[2] == 'A' { 'B' } else { 'A' };
    let typo: String = typo.into_iter().collect();
    let out = run_with_stdin(&other.db(), &args, &typo);
    let err = common::error_json(&out, &args);
    assert_eq!(err["kind"], "invalid_input");
    assert_eq!(err["field"], "recovery_key");
    assert!(!String::from_utf8_lossy(&out.stderr).contains(&typo[5..9]));
    // Nothing on stdin: invalid_input.
    let out = run_with_stdin(&other.db(), &args, "");
    assert_eq!(common::error_json(&out, &args)["field"], "recovery_key");
    assert_eq!(other.profile_bytes(), before);
}

#[test]
fn a_damaged_newest_backup_falls_back_to_the_one_before_and_says_so() {
    let cli = Cli::new();
    let (_, key) = on(&cli);
    // The day's first use writes the day's backup (after the check-in).
    cli.json(&["--now", DAY2, "checkin", "--mood", "6", "--json"]);
    let second = serde_json::json!({"file": {"name": "reset-auto-20270329T090000000Z.rcbackup"}});
    let run = cli.json(&["--now", DAY2, "backup", "auto", "run", "--json"]);
    assert_eq!(run["outcome"], "not_due", "{run}");
    let newest = folder(&cli).join(second["file"]["name"].as_str().unwrap());
    let mut bytes = std::fs::read(&newest).unwrap();
    let at = bytes.len() - 40;
    bytes[at] ^= 1;
    std::fs::write(&newest, bytes).unwrap();

    let phone = tempfile::TempDir::new().unwrap();
    let db = phone.path().join("profile.db");
    let path = folder(&cli);
    let args = [
        "--json",
        "backup",
        "restore",
        path.to_str().unwrap(),
        "--recovery-key",
    ];
    let out = run_with_stdin(&db, &args, &key);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["skipped"][0]["kind"], "corrupt");
    assert_eq!(v["skipped"][0]["name"], second["file"]["name"]);
    assert_eq!(v["tables"]["check_ins"], 1, "the day-1 backup");
    // In text, the fallback is said.
    let out = run_with_stdin(
        &phone.path().join("other.db"),
        &[
            "backup",
            "restore",
            path.to_str().unwrap(),
            "--recovery-key",
        ],
        &key,
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("skipped reset-auto-20270329T090000000Z.rcbackup (corrupt"),
        "{text}"
    );
}

#[test]
fn rotate_gives_a_new_key_only_it_opens_the_backup_and_off_delete_removes_everything() {
    let cli = Cli::new();
    let (first, old) = on(&cli);
    cli.json(&["--now", DAY2, "backup", "auto", "run", "--json"]);
    let r = cli.json(&["--now", DAY2, "backup", "auto", "rotate", "--json"]);
    let new = r["recovery_key"].as_str().unwrap();
    assert_ne!(new, old);
    // The newest backup keeps its name, now sealed for the new key; the older one goes.
    assert_eq!(r["file"]["name"], "reset-auto-20270329T090000000Z.rcbackup");
    assert_eq!(
        r["removed"],
        serde_json::json!([first["first_backup"]["file"]["name"]])
    );
    assert_eq!(std::fs::read_to_string(key_file(&cli)).unwrap().trim(), new);
    assert!(
        !cli.dir
            .path()
            .join("profile.db.recovery-key.pending")
            .exists()
    );
    let s = cli.json(&["backup", "auto", "status", "--json"]);
    assert_eq!(s["rotation_pending"], false);
    let phone = tempfile::TempDir::new().unwrap();
    let path = folder(&cli);
    let args = [
        "--json",
        "backup",
        "restore",
        path.to_str().unwrap(),
        "--recovery-key",
    ];
    let out = run_with_stdin(&phone.path().join("a.db"), &args, &old);
    assert_eq!(common::error_json(&out, &args)["kind"], "wrong_key");
    let out = run_with_stdin(&phone.path().join("b.db"), &args, new);
    assert!(out.status.success());

    let off = cli.json(&["backup", "auto", "off", "--delete", "--json"]);
    assert_eq!(off["enabled"], false);
    assert_eq!(off["removed"].as_array().unwrap().len(), 1);
    assert_eq!(off["recovery_key_file_removed"], true);
    assert!(!key_file(&cli).exists());
    let s = cli.json(&["backup", "auto", "status", "--json"]);
    assert_eq!(s["enabled"], false);
    let err = cli.error(&["backup", "auto", "run", "--json"]);
    assert_eq!(err["kind"], "conflict");
}

/// A rotation killed after the shell stored its new key as pending but whose key was never
/// prepared (or was discarded since): the next `run` settles it, dropping the pending key
/// file and keeping the key that opens the backups.
#[test]
fn run_settles_an_interrupted_rotation_and_keeps_the_key_that_opens_the_backups() {
    let cli = Cli::new();
    let (_, old) = on(&cli);
    let pending = cli.dir.path().join("profile.db.recovery-key.pending");
    std::fs::write(&pending, valid_key()).unwrap();
    let r = cli.json(&["--now", DAY2, "backup", "auto", "run", "--json"]);
    assert_eq!(r["rotation_settled"], "discarded");
    assert_eq!(r["outcome"], "written");
    assert!(!pending.exists());
    assert_eq!(std::fs::read_to_string(key_file(&cli)).unwrap().trim(), old);
    let again = cli.json(&["--now", DAY2, "backup", "auto", "run", "--json"]);
    assert_eq!(again["rotation_settled"], serde_json::Value::Null);
}

/// A well-formed recovery key (its checksum holds) that no rotation made.
fn valid_key() -> String {
    reset_core::backup::RecoveryKey::from_bytes([5; 16])
        .display()
        .to_string()
}

#[test]
fn the_key_is_never_an_argument() {
    let cli = Cli::new();
    let out = cli.run(&[
        "backup",
        "restore",
        "x",
        "--recovery-key",
        "ABCD-EFGH",
        "--json",
    ]);
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("ABCD-EFGH"));
}

/// The recovery key is a canary: after turning automatic backups on, nothing but `on`'s
/// stdout and the key file holds it — not the backups (raw bytes), the canonical dump, a
/// manual backup, an export, the database, stderr of any command, or any file name.
#[test]
fn the_recovery_key_is_in_no_backup_log_or_export() {
    let cli = Cli::new();
    let (_, key) = on(&cli);
    let needles: Vec<String> = vec![
        key.clone(),
        key.replace('-', ""),
        key.to_lowercase(),
        key.replace('-', "").to_lowercase(),
    ];
    let exports = tempfile::TempDir::new().unwrap();
    let dump = exports.path().join("dump.json");
    let mut outputs = Vec::new();
    for args in [
        vec!["backup", "auto", "status", "--json"],
        vec!["--now", DAY2, "backup", "auto", "run", "--json"],
        vec!["export", "json", "--out", dump.to_str().unwrap(), "--json"],
        vec!["status", "--json"],
        vec!["backup", "auto", "status"],
    ] {
        outputs.push(cli.run(&args));
    }
    let fhir = exports.path().join("r.json");
    outputs.push(cli.run(&["export", "fhir", "--out", fhir.to_str().unwrap(), "--json"]));
    for out in &outputs {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for n in &needles {
            assert!(!String::from_utf8_lossy(&out.stdout).contains(n.as_str()));
            assert!(!String::from_utf8_lossy(&out.stderr).contains(n.as_str()));
        }
    }
    // Positive control: the key file holds it, so the scan below can find it.
    let mut scanned = 0;
    for file in walk(cli.dir.path()).into_iter().chain(walk(exports.path())) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&file).unwrap();
        let holds = needles.iter().any(|n| {
            bytes.windows(n.len()).any(|w| w == n.as_bytes()) || name.contains(n.as_str())
        });
        if file == key_file(&cli) {
            assert!(holds, "positive control: the key file holds the key");
        } else {
            assert!(!holds, "{} holds the recovery key", file.display());
            scanned += 1;
        }
    }
    assert!(scanned >= 5, "{scanned} files scanned");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Hostile review 3, F26: `off --delete` after a plain `off` deleted no backup ("0 file(s)")
/// but erased the recovery key, leaving backups nobody can open. It deletes the backups in the
/// remembered folder first, then the key.
#[test]
fn off_delete_after_off_deletes_the_backups_not_only_the_key() {
    let cli = Cli::new();
    on(&cli);
    cli.json(&["--now", DAY2, "backup", "auto", "run", "--json"]);
    let off = cli.json(&["backup", "auto", "off", "--json"]);
    assert_eq!(off["removed"].as_array().unwrap().len(), 0);
    assert!(key_file(&cli).exists(), "a plain off keeps the key");
    let off = cli.json(&["backup", "auto", "off", "--delete", "--yes", "--json"]);
    assert_eq!(off["removed"].as_array().unwrap().len(), 2, "{off}");
    assert_eq!(off["recovery_key_file_removed"], true);
    let left: Vec<_> = std::fs::read_dir(folder(&cli))
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "no backup left without its key: {left:?}");
    assert!(!key_file(&cli).exists());
}

/// Issue 21: "a backup after the first use each day". The terminal has no background task, so
/// the first command that uses the profile on a new local day writes it (said on standard
/// error; standard output and its JSON stay the command's own); later ones that day do not,
/// and backup/export commands never do.
#[test]
fn the_first_use_on_a_new_day_writes_that_days_automatic_backup() {
    let cli = Cli::new();
    on(&cli);
    let count = || std::fs::read_dir(folder(&cli)).unwrap().count();
    assert_eq!(count(), 1);
    // The next day: a check-in writes the day's backup.
    let out = cli.run(&["checkin", "--mood", "6", "--json", "--now", DAY2]);
    assert!(out.status.success(), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["mood"], 6, "{v}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("today's automatic backup: wrote reset-auto-20270329T090000000Z.rcbackup"),
        "{stderr}"
    );
    assert_eq!(count(), 2);
    // Later that day: nothing more, nothing said.
    let out = cli.run(&["checkin", "--mood", "7", "--now", "2027-03-29T18:00:00Z"]);
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "{out:?}");
    assert_eq!(count(), 2);
    // An export on the third day does not write one; the next check-in does.
    let _ = cli.run(&["backup", "auto", "status", "--now", "2027-03-30T09:00:00Z"]);
    assert_eq!(count(), 2);
    let out = cli.run(&["checkin", "--mood", "5", "--now", "2027-03-30T09:00:00Z"]);
    assert!(out.status.success());
    assert_eq!(count(), 3);
    // A missing key file never fails the command; it says the backup was not written.
    std::fs::remove_file(key_file(&cli)).unwrap();
    let out = cli.run(&["checkin", "--mood", "5", "--now", "2027-03-31T09:00:00Z"]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("today's automatic backup was not written (not_found)"),
        "{out:?}"
    );
    assert_eq!(count(), 3);
}

/// Hostile review 4, F11: the crontab line `auto on` prints runs from cron's working folder,
/// so it names the profile by an absolute, quoted path, never the relative `--db` typed.
#[test]
fn the_crontab_line_names_the_profile_by_an_absolute_quoted_path() {
    let dir = tempfile::TempDir::new().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_reset"))
            .current_dir(dir.path())
            .args([
                "--db",
                "my profile.db",
                "--tz",
                "Europe/London",
                "--now",
                DAY1,
            ])
            .args(args)
            .env_remove("RESET_KEY")
            .output()
            .unwrap()
    };
    assert!(run(&["checkin", "--mood", "5"]).status.success());
    let out = run(&["backup", "auto", "on"]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    let db = dir.path().join("my profile.db");
    let expected = format!("--db '{}' backup auto run", db.display());
    assert!(text.contains(&expected), "missing {expected:?} in\n{text}");
}
