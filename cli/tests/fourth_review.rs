//! Findings of the third hostile review (`docs/reviews/2026-12-07-second-round/hostile3.md`)
//! fixed in the fourth round, each as its reproduction through the real binary: profiles
//! sharing a folder keep their own automatic backups (F2), a restore keeps the profile's own
//! automatic-backup settings (F16, F25), erase removes only what provably is the product's
//! (F1), and the smaller ones (F3, F7, F15, F17, F24).

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::Cli;
use serde_json::Value;

const PASS: &str = "correct horse battery staple tundra";

/// `reset --db DB --tz Europe/London --now NOW ARGS`, with `stdin` piped in if given.
fn at(db: &Path, now: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reset"))
        .arg("--db")
        .arg(db)
        .args(["--tz", "Europe/London", "--now", now])
        .args(args)
        .env_remove("RESET_KEY")
        .env("RESET_PASSPHRASE", PASS)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

/// [`at`] with `--json`, asserting success.
fn json(db: &Path, now: &str, args: &[&str]) -> Value {
    json_in(db, now, args, None)
}

fn json_in(db: &Path, now: &str, args: &[&str], stdin: Option<&str>) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    let out = at(db, now, &args, stdin);
    assert!(
        out.status.success(),
        "reset {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// [`at`] with `--json`, asserting failure; the error object.
fn error(db: &Path, now: &str, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    common::error_json(&at(db, now, &args, None), &args)
}

fn names(folder: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(folder)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The recovery key file of `db`: named after its whole file name.
fn recovery_file(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}.recovery-key", db.display()))
}

fn check_ins(db: &Path, now: &str) -> u64 {
    json(db, now, &["status"])["counts"]["check_ins"]
        .as_u64()
        .unwrap()
}

/// F2: `profile.db` and `work.db` in one folder share `auto-backups/`. Each one's runs are due
/// by its own backups only, each one's rotate and `off --delete` delete only its own, and each
/// restores its own.
#[test]
fn two_profiles_sharing_a_folder_keep_their_own_automatic_backups() {
    let cli = Cli::new();
    let a = cli.db();
    let b = cli.dir.path().join("work.db");
    let folder = cli.dir.path().join("auto-backups");
    json(&a, "2027-03-28T08:00:00Z", &["checkin", "--mood", "5"]);
    let a_on = json(&a, "2027-03-28T09:00:00Z", &["backup", "auto", "on"]);
    let a_key = a_on["recovery_key"].as_str().unwrap().to_string();
    for d in 29..=31 {
        let now = format!("2027-03-{d}T09:00:00Z");
        json(&a, &now, &["backup", "auto", "run"]);
    }
    let a_files = names(&folder);
    assert_eq!(a_files.len(), 4);

    json(&b, "2027-03-28T09:00:00Z", &["checkin", "--mood", "4"]);
    let b_on = json(&b, "2027-03-31T10:00:00Z", &["backup", "auto", "on"]);
    assert_eq!(
        b_on["first_backup"]["outcome"], "written",
        "A's backup from that morning does not make B's first one not due: {b_on}"
    );
    assert!(recovery_file(&b).is_file() && recovery_file(&a).is_file());
    assert_ne!(
        std::fs::read(recovery_file(&a)).unwrap(),
        std::fs::read(recovery_file(&b)).unwrap()
    );
    let b_status = json(&b, "2027-03-31T11:00:00Z", &["backup", "auto", "status"]);
    assert_eq!(
        b_status["files"].as_array().unwrap().len(),
        1,
        "A's files are not presented as B's: {b_status}"
    );
    assert_eq!(b_status["last_backup"], "2027-03-31T10:00:00Z");

    let b_run = json(&b, "2027-04-01T08:00:00Z", &["backup", "auto", "run"]);
    assert_eq!(b_run["outcome"], "written");
    let a_run = json(&a, "2027-04-01T09:00:00Z", &["backup", "auto", "run"]);
    assert_eq!(
        a_run["outcome"], "written",
        "B's backup that day does not make A's not due"
    );
    let a_files = names(&folder)
        .into_iter()
        .filter(|n| a_files.contains(n) || n.contains("20270401T09"))
        .collect::<Vec<_>>();
    assert_eq!(a_files.len(), 5);

    // B rotates: only B's old backups go; every one of A's stays and still opens with A's key.
    let rotated = json(&b, "2027-04-01T12:00:00Z", &["backup", "auto", "rotate"]);
    assert_eq!(rotated["removed"].as_array().unwrap().len(), 1, "{rotated}");
    let left = names(&folder);
    for name in &a_files {
        assert!(left.contains(name), "A's {name} survived B's rotate");
    }
    let restored = json_in(
        &a,
        "2027-04-01T13:00:00Z",
        &[
            "backup",
            "restore",
            folder.to_str().unwrap(),
            "--recovery-key",
            "--yes",
        ],
        Some(&a_key),
    );
    assert_eq!(restored["file"], "reset-auto-20270401T090000000Z.rcbackup");

    // B turns off and deletes: its own backups and key go; A's stay.
    let off = json(
        &b,
        "2027-04-01T14:00:00Z",
        &["backup", "auto", "off", "--delete", "--yes"],
    );
    assert_eq!(off["removed"].as_array().unwrap().len(), 1, "{off}");
    assert_eq!(off["left"].as_array().unwrap().len(), 5, "{off}");
    assert!(!recovery_file(&b).exists());
    assert_eq!(names(&folder), a_files);
    let a_next = json(&a, "2027-04-02T09:00:00Z", &["backup", "auto", "run"]);
    assert_eq!(a_next["outcome"], "written");
}

/// F2 migration: a profile whose recovery key is still under the older stem name
/// (`profile.recovery-key`) and whose backups are in `auto-backups/` keeps working: the key
/// moves to `profile.db.recovery-key` (same bytes), no backup is lost, and `profile.sqlite`
/// beside it (sharing the stem) neither takes that key nor touches those backups.
#[test]
fn an_older_stem_named_recovery_key_and_its_folder_keep_working() {
    let cli = Cli::new();
    let db = cli.db();
    let folder = cli.dir.path().join("auto-backups");
    json(&db, "2027-03-28T08:00:00Z", &["checkin", "--mood", "5"]);
    json(&db, "2027-03-28T09:00:00Z", &["backup", "auto", "on"]);
    json(&db, "2027-03-29T09:00:00Z", &["backup", "auto", "run"]);
    // As earlier versions left it.
    let legacy = db.with_extension("recovery-key");
    std::fs::rename(recovery_file(&db), &legacy).unwrap();
    let key = std::fs::read(&legacy).unwrap();
    let before = names(&folder);
    assert_eq!(before.len(), 2);
    // A second profile sharing the stem.
    let twin = cli.dir.path().join("profile.sqlite");
    json(&twin, "2027-03-29T10:00:00Z", &["checkin", "--mood", "3"]);

    let twin_on = json(&twin, "2027-03-30T08:00:00Z", &["backup", "auto", "on"]);
    assert_eq!(twin_on["first_backup"]["outcome"], "written");
    assert!(legacy.is_file(), "the twin did not take profile.db's key");
    assert!(recovery_file(&twin).is_file());

    let status = json(&db, "2027-03-30T09:00:00Z", &["backup", "auto", "status"]);
    assert_eq!(status["files"].as_array().unwrap().len(), 2, "{status}");
    assert!(!legacy.exists(), "moved to the new name");
    assert_eq!(std::fs::read(recovery_file(&db)).unwrap(), key);
    let run = json(&db, "2027-03-30T09:30:00Z", &["backup", "auto", "run"]);
    assert_eq!(run["outcome"], "written");
    for name in &before {
        assert!(folder.join(name).is_file(), "{name} kept");
    }
}

/// F16: restoring another profile's backup does not point this profile's daily runs at that
/// profile's folder: the target's own automatic-backup settings stay.
#[test]
fn a_restore_keeps_the_profiles_own_automatic_backup_folder() {
    let ra = Cli::new();
    let rb = Cli::new();
    let (a, b) = (ra.db(), rb.dir.path().join("p.db"));
    json(&a, "2027-03-28T08:00:00Z", &["checkin", "--mood", "5"]);
    json(&a, "2027-03-28T09:00:00Z", &["backup", "auto", "on"]);
    let manual = ra.dir.path().join("manual.rcbackup");
    json(
        &a,
        "2027-03-28T09:10:00Z",
        &["backup", "create", "--out", manual.to_str().unwrap()],
    );
    json(&b, "2027-03-28T10:00:00Z", &["checkin", "--mood", "3"]);
    json(&b, "2027-03-28T10:10:00Z", &["backup", "auto", "on"]);
    json(
        &b,
        "2027-03-28T11:00:00Z",
        &["backup", "restore", manual.to_str().unwrap(), "--yes"],
    );
    let status = json(&b, "2027-03-28T12:00:00Z", &["backup", "auto", "status"]);
    let own = rb.dir.path().join("auto-backups");
    assert_eq!(status["enabled"], true);
    assert_eq!(status["folder"], own.to_str().unwrap(), "{status}");
    let before_a = names(&ra.dir.path().join("auto-backups"));
    let run = json(&b, "2027-03-29T09:00:00Z", &["backup", "auto", "run"]);
    assert_eq!(run["outcome"], "written");
    assert_eq!(run["folder"], own.to_str().unwrap());
    assert_eq!(names(&ra.dir.path().join("auto-backups")), before_a);
}

/// F25: restoring a backup made before automatic backups were on leaves them on (the daily
/// runs go on), instead of turning them off without a word.
#[test]
fn restoring_a_backup_from_before_auto_was_on_keeps_it_on() {
    let cli = Cli::new();
    let db = cli.db();
    json(&db, "2027-03-28T08:00:00Z", &["checkin", "--mood", "5"]);
    let pre = cli.dir.path().join("pre.rcbackup");
    json(
        &db,
        "2027-03-28T08:10:00Z",
        &["backup", "create", "--out", pre.to_str().unwrap()],
    );
    json(&db, "2027-03-28T09:00:00Z", &["backup", "auto", "on"]);
    json(
        &db,
        "2027-03-28T10:00:00Z",
        &["backup", "restore", pre.to_str().unwrap(), "--yes"],
    );
    let status = json(&db, "2027-03-28T11:00:00Z", &["backup", "auto", "status"]);
    assert_eq!(status["enabled"], true, "{status}");
    let run = json(&db, "2027-03-29T09:00:00Z", &["backup", "auto", "run"]);
    assert_eq!(run["outcome"], "written");
}

/// F1: with no profile at a mistyped `--db`, `erase --yes --everything` touches nothing — not
/// a person's `exports/report-*.pdf` or `backups/tour-backup.rcbackup` beside it.
#[test]
fn erase_everything_never_removes_files_by_their_names() {
    let cli = Cli::new();
    let dir = cli.dir.path();
    std::fs::create_dir(dir.join("exports")).unwrap();
    std::fs::write(
        dir.join("exports/report-Q3-2026.pdf"),
        b"my quarterly report",
    )
    .unwrap();
    std::fs::create_dir(dir.join("backups")).unwrap();
    std::fs::write(dir.join("backups/tour-backup.rcbackup"), b"mine").unwrap();
    let before = common::tree(dir);
    let typo = dir.join("typo.db");
    let err = error(
        &typo,
        "2027-03-28T09:00:00Z",
        &["erase", "--yes", "--everything"],
    );
    assert_eq!(err["kind"], "not_found", "{err}");
    assert_eq!(common::tree(dir), before, "nothing touched");

    // Beside a real profile: named, never claimed or removed.
    json(
        &cli.db(),
        "2027-03-28T09:00:00Z",
        &["checkin", "--mood", "4"],
    );
    let out = json(
        &cli.db(),
        "2027-03-28T09:10:00Z",
        &["erase", "--yes", "--everything"],
    );
    assert_eq!(out["erased"], true);
    assert!(
        out["also_written_by_reset"].as_array().unwrap().is_empty(),
        "{out}"
    );
    assert_eq!(out["not_claimed"].as_array().unwrap().len(), 2, "{out}");
    assert_eq!(
        std::fs::read(dir.join("exports/report-Q3-2026.pdf")).unwrap(),
        b"my quarterly report"
    );
    assert_eq!(
        std::fs::read(dir.join("backups/tour-backup.rcbackup")).unwrap(),
        b"mine"
    );
}

/// F1/F21: `erase --everything` removes this profile's automatic backups (those its recovery
/// key opens, in its remembered folder — a chosen one too) and never another profile's.
#[test]
fn erase_everything_removes_only_this_profiles_automatic_backups() {
    let cli = Cli::new();
    let dir = cli.dir.path();
    let chosen = dir.join("cloud");
    std::fs::create_dir(&chosen).unwrap();
    let a = cli.db();
    let b = dir.join("work.db");
    json(&a, "2027-03-28T08:00:00Z", &["checkin", "--mood", "5"]);
    json(
        &a,
        "2027-03-28T09:00:00Z",
        &["backup", "auto", "on", "--folder", chosen.to_str().unwrap()],
    );
    json(&b, "2027-03-28T08:00:00Z", &["checkin", "--mood", "4"]);
    json(
        &b,
        "2027-03-28T10:00:00Z",
        &["backup", "auto", "on", "--folder", chosen.to_str().unwrap()],
    );
    assert_eq!(names(&chosen).len(), 2);
    let out = json(
        &a,
        "2027-03-29T09:00:00Z",
        &["erase", "--yes", "--everything"],
    );
    let listed = out["also_written_by_reset"].as_array().unwrap();
    assert_eq!(listed.len(), 1, "{out}");
    assert_eq!(
        names(&chosen),
        vec!["reset-auto-20270328T100000000Z.rcbackup".to_string()],
        "B's backup stays"
    );
    assert!(!recovery_file(&a).exists());
    assert!(recovery_file(&b).is_file());
}

/// F3: one backup written while the clock was wrong (in the future) is not "the newest": a
/// restore of the folder takes the newest one not dated after now.
#[test]
fn a_future_dated_automatic_backup_is_not_restored_over_newer_ones() {
    let cli = Cli::new();
    let db = cli.db();
    let folder = cli.dir.path().join("auto-backups");
    json(&db, "2027-03-28T08:00:00Z", &["checkin", "--mood", "5"]);
    let on = json(&db, "2027-03-28T09:00:00Z", &["backup", "auto", "on"]);
    let key = on["recovery_key"].as_str().unwrap().to_string();
    json(&db, "2031-01-01T09:00:00Z", &["backup", "auto", "run"]);
    for d in 29..=31 {
        let now = format!("2027-03-{d}T09:00:00Z");
        assert_eq!(
            json(&db, &now, &["backup", "auto", "run"])["outcome"],
            "written"
        );
    }
    // The day's first use writes the day's backup (after the check-in), even with the
    // future-dated file in the folder.
    json(&db, "2027-04-01T09:00:00Z", &["checkin", "--mood", "6"]);
    let status = json(&db, "2027-04-01T09:30:00Z", &["backup", "auto", "status"]);
    assert_eq!(status["last_backup"], "2027-04-01T09:00:00Z", "{status}");
    let restored = json_in(
        &db,
        "2027-04-01T10:00:00Z",
        &[
            "backup",
            "restore",
            folder.to_str().unwrap(),
            "--recovery-key",
            "--yes",
        ],
        Some(&key),
    );
    assert_eq!(restored["file"], "reset-auto-20270401T090000000Z.rcbackup");
    assert_eq!(check_ins(&db, "2027-04-01T10:05:00Z"), 2);
}

/// F15: `auto on` whose first backup fails leaves automatic backups off, no key file, and the
/// remembered folder as it was, so `status` and a plain `auto on` work; a folder whose parent
/// does not exist is refused without making any folder.
#[test]
fn a_failed_auto_on_is_undone() {
    let cli = Cli::new();
    let db = cli.db();
    json(&db, "2027-03-28T08:00:00Z", &["checkin", "--mood", "5"]);
    let file = cli.dir.path().join("af-file.txt");
    std::fs::write(&file, "a file, not a folder").unwrap();
    let err = error(
        &db,
        "2027-03-28T09:00:00Z",
        &["backup", "auto", "on", "--folder", file.to_str().unwrap()],
    );
    assert_eq!(err["kind"], "invalid_input", "{err}");
    let status = json(&db, "2027-03-28T09:01:00Z", &["backup", "auto", "status"]);
    assert_eq!(status["enabled"], false, "{status}");
    assert!(status["folder"].is_null(), "{status}");
    assert!(!recovery_file(&db).exists());

    let deep = cli.dir.path().join("typo/deep/path");
    let err = error(
        &db,
        "2027-03-28T09:02:00Z",
        &["backup", "auto", "on", "--folder", deep.to_str().unwrap()],
    );
    assert_eq!(err["kind"], "invalid_input");
    assert_eq!(err["field"], "folder");
    assert!(!cli.dir.path().join("typo").exists());

    let on = json(&db, "2027-03-28T09:03:00Z", &["backup", "auto", "on"]);
    assert_eq!(on["first_backup"]["outcome"], "written");
}

/// F7: `--out` never replaces a file holding a recovery key (the README's `key.txt`) or a
/// saved profile key (`0x…`, `RESET_KEY=…`).
#[test]
fn out_never_replaces_a_file_holding_a_key() {
    let cli = Cli::new();
    let db = cli.db();
    json(&db, "2027-03-28T08:00:00Z", &["checkin", "--mood", "5"]);
    let on = json(&db, "2027-03-28T09:00:00Z", &["backup", "auto", "on"]);
    let key = on["recovery_key"].as_str().unwrap().to_string();
    let hex = common::key_hex(&db).trim().to_string();
    let dir = cli.dir.path();
    let cases = [
        ("key.txt", format!("{key}\n")),
        (
            "lower.txt",
            format!("{}\n", key.to_lowercase().replace('-', " ")),
        ),
        ("0xkey.txt", format!("0x{hex}\n")),
        ("env.txt", format!("RESET_KEY={hex}\n")),
    ];
    for (name, text) in &cases {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        for kind in ["json", "pdf"] {
            let err = error(
                &db,
                "2027-03-28T09:10:00Z",
                &["export", kind, "--out", path.to_str().unwrap()],
            );
            assert_eq!(err["kind"], "invalid_input", "{name} {kind}: {err}");
            assert_eq!(err["field"], "out");
            assert_eq!(&std::fs::read_to_string(&path).unwrap(), text, "{name}");
        }
    }
    // An ordinary small text file is still replaced as before.
    let notes = dir.join("notes.txt");
    std::fs::write(&notes, "shopping list\n").unwrap();
    json(
        &db,
        "2027-03-28T09:20:00Z",
        &["export", "json", "--out", notes.to_str().unwrap()],
    );
}

/// F24: a restore through a symlinked or hard-linked `--db` would replace the link and split
/// the profile in two: refused, nothing touched.
#[test]
fn a_restore_through_a_linked_db_is_refused() {
    let cli = Cli::new();
    let db = cli.db();
    json(&db, "2027-03-28T08:00:00Z", &["checkin", "--mood", "5"]);
    let backup = cli.dir.path().join("b.rcbackup");
    json(
        &db,
        "2027-03-28T08:10:00Z",
        &["backup", "create", "--out", backup.to_str().unwrap()],
    );
    json(&db, "2027-03-28T08:20:00Z", &["checkin", "--mood", "7"]);
    let home = cli.dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let link = home.join("journal.db");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    std::os::unix::fs::symlink(db.with_extension("key"), home.join("journal.key")).unwrap();
    let hard = cli.dir.path().join("other.db");
    std::fs::hard_link(&db, &hard).unwrap();
    std::fs::copy(db.with_extension("key"), hard.with_extension("key")).unwrap();
    for via in [&link, &hard] {
        let err = error(
            via,
            "2027-03-28T09:00:00Z",
            &["backup", "restore", backup.to_str().unwrap(), "--yes"],
        );
        assert_eq!(err["kind"], "invalid_input", "{err}");
        assert_eq!(err["field"], "db");
    }
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    std::fs::remove_file(&hard).unwrap();
    assert_eq!(check_ins(&db, "2027-03-28T09:10:00Z"), 2, "not restored");
}

/// F17: when the new recovery key cannot be stored, `rotate` changes no backup, says what
/// happened, and the current key still opens the newest backup.
#[test]
fn a_rotation_whose_new_key_cannot_be_stored_changes_nothing_and_says_so() {
    let cli = Cli::new();
    let db = cli.db();
    let folder = cli.dir.path().join("auto-backups");
    json(&db, "2027-03-28T08:00:00Z", &["checkin", "--mood", "5"]);
    let on = json(&db, "2027-03-28T09:00:00Z", &["backup", "auto", "on"]);
    let key = on["recovery_key"].as_str().unwrap().to_string();
    for d in 29..=31 {
        json(
            &db,
            &format!("2027-03-{d}T09:00:00Z"),
            &["backup", "auto", "run"],
        );
    }
    let before = common::tree(&folder);
    // Anything in the way of the new key's file (a folder here; EIO or a full disk alike).
    let blocker = PathBuf::from(format!("{}.recovery-key.pending.new", db.display()));
    std::fs::create_dir(&blocker).unwrap();
    let err = error(&db, "2027-03-31T12:00:00Z", &["backup", "auto", "rotate"]);
    let message = err["message"].as_str().unwrap();
    assert!(
        message.contains("could not be stored") && message.contains("still opens every backup"),
        "{err}"
    );
    assert_eq!(common::tree(&folder), before, "no backup changed");
    assert_eq!(
        std::fs::read_to_string(recovery_file(&db)).unwrap().trim(),
        key
    );
    std::fs::remove_dir(&blocker).unwrap();
    let status = json(&db, "2027-03-31T12:10:00Z", &["backup", "auto", "status"]);
    assert_eq!(status["rotation_pending"], false, "{status}");
    let scratch = Cli::new();
    let restored = json_in(
        &scratch.db(),
        "2027-03-31T12:20:00Z",
        &[
            "backup",
            "restore",
            folder.to_str().unwrap(),
            "--recovery-key",
            "--yes",
        ],
        Some(&key),
    );
    assert_eq!(restored["file"], "reset-auto-20270331T090000000Z.rcbackup");
}

// Hostile review 4 (docs/reviews/2026-12-07-second-round/, /work/notes/review-hostile4.md).

/// Hostile-4 F1: `erase` removes only the exact temporary names Reset writes
/// (`<db>.restore-<12 hex>` and its SQLite side files); a person's files that merely start
/// with `<db>.restore-`, `<key>.restore-`, or sit beside the key and recovery key files with
/// `-journal`/`.lock` endings, survive byte for byte.
#[test]
fn erase_never_removes_a_persons_file_named_like_a_temporary() {
    let cli = Cli::new();
    let dir = cli.dir.path();
    let db = cli.db();
    json(&db, "2027-03-28T08:00:00Z", &["checkin", "--mood", "5"]);
    json(&db, "2027-03-28T09:00:00Z", &["backup", "auto", "on"]);
    let backup = names(&dir.join("auto-backups")).remove(0);
    let name = db.file_name().unwrap().to_str().unwrap().to_string();
    let key = PathBuf::from(format!("{}", db.with_extension("key").display()));
    assert!(key.is_file(), "the key file is {key:?}");
    let key_name = key.file_name().unwrap().to_str().unwrap().to_string();
    let theirs = [
        format!("{name}.restore-notes.txt"),
        format!("{name}.restore-copy-before-erase"),
        format!("{name}.restore-0123456789abX"),
        format!("{key_name}.restore-safe-copy"),
        format!("{key_name}.lock"),
        format!("{key_name}-journal"),
        format!("{name}.recovery-key.restore-paper"),
        format!("{name}.recovery-key-journal"),
        format!("auto-backups/{backup}.restore-keep"),
    ];
    for (i, f) in theirs.iter().enumerate() {
        std::fs::write(dir.join(f), format!("mine {i}")).unwrap();
    }
    // What a restore killed before its rename leaves: exactly Reset's own names.
    let staged = [
        format!("{name}.restore-0123456789ab"),
        format!("{name}.restore-0123456789ab-journal"),
    ];
    for f in &staged {
        std::fs::write(dir.join(f), "staged").unwrap();
    }
    let out = json(
        &db,
        "2027-03-29T09:01:00Z",
        &["erase", "--yes", "--everything"],
    );
    assert_eq!(out["erased"], true, "{out}");
    assert!(!db.exists() && !key.exists(), "{out}");
    assert!(
        names(&dir.join("auto-backups")).len() == 1,
        "only the person's file is left"
    );
    for (i, f) in theirs.iter().enumerate() {
        assert_eq!(
            std::fs::read_to_string(dir.join(f)).ok().as_deref(),
            Some(format!("mine {i}").as_str()),
            "{f} is the person's and survives"
        );
    }
    for f in &staged {
        assert!(!dir.join(f).exists(), "Reset's own staged copy {f} goes");
    }
}

/// Hostile-4 F12: erasing a copy of a profile's folder (`cp -r orig copy`) with
/// `--everything` keeps the original's automatic backups — the copy still remembers the
/// original's absolute folder and its key opens them — and names them as `not_claimed`.
#[test]
fn erasing_a_copy_keeps_the_originals_automatic_backups() {
    let cli = Cli::new();
    let dir = cli.dir.path();
    let orig = dir.join("orig");
    let copy = dir.join("copy");
    std::fs::create_dir(&orig).unwrap();
    let db = orig.join("p.db");
    json(&db, "2026-12-01T08:00:00Z", &["checkin", "--mood", "5"]);
    json(&db, "2026-12-01T09:00:00Z", &["backup", "auto", "on"]);
    json(&db, "2026-12-02T09:00:00Z", &["backup", "auto", "run"]);
    let backups = names(&orig.join("auto-backups"));
    assert_eq!(backups.len(), 2);
    let ok = Command::new("cp")
        .arg("-r")
        .arg(&orig)
        .arg(&copy)
        .status()
        .unwrap();
    assert!(ok.success());
    let before: Vec<Vec<u8>> = backups
        .iter()
        .map(|b| std::fs::read(orig.join("auto-backups").join(b)).unwrap())
        .collect();
    let out = json(
        &copy.join("p.db"),
        "2026-12-03T09:00:00Z",
        &["erase", "--yes", "--everything"],
    );
    assert_eq!(out["erased"], true, "{out}");
    assert!(!copy.join("p.db").exists());
    let after: Vec<Vec<u8>> = backups
        .iter()
        .map(|b| std::fs::read(orig.join("auto-backups").join(b)).unwrap_or_default())
        .collect();
    assert_eq!(before, after, "the original's backups are untouched: {out}");
    assert_eq!(out["not_claimed"].as_array().unwrap().len(), 2, "{out}");
    assert_eq!(
        out["also_written_by_reset"].as_array().unwrap().len(),
        0,
        "{out}"
    );
    let status = json(&db, "2026-12-03T10:00:00Z", &["backup", "auto", "status"]);
    assert_eq!(status["files"].as_array().unwrap().len(), 2, "{status}");
    // The original itself still erases its own backups.
    let out = json(
        &db,
        "2026-12-03T11:00:00Z",
        &["erase", "--yes", "--everything"],
    );
    assert_eq!(
        out["also_written_by_reset"].as_array().unwrap().len(),
        2,
        "{out}"
    );
}

/// Hostile-4 F12 addendum: `auto rotate` on a copied profile refuses with a conflict and
/// leaves the original's automatic backups exactly as they were.
#[test]
fn rotate_on_a_copy_refuses_and_keeps_the_originals_backups() {
    let cli = Cli::new();
    let dir = cli.dir.path();
    let orig = dir.join("orig");
    let copy = dir.join("copy");
    std::fs::create_dir(&orig).unwrap();
    let db = orig.join("p.db");
    json(&db, "2026-12-01T08:00:00Z", &["checkin", "--mood", "5"]);
    json(&db, "2026-12-01T09:00:00Z", &["backup", "auto", "on"]);
    json(&db, "2026-12-02T09:00:00Z", &["backup", "auto", "run"]);
    let folder = orig.join("auto-backups");
    let before: Vec<Vec<u8>> = names(&folder)
        .iter()
        .map(|b| std::fs::read(folder.join(b)).unwrap())
        .collect();
    let ok = Command::new("cp")
        .arg("-r")
        .arg(&orig)
        .arg(&copy)
        .status()
        .unwrap();
    assert!(ok.success());
    let err = error(
        &copy.join("p.db"),
        "2026-12-03T09:00:00Z",
        &["backup", "auto", "rotate"],
    );
    assert_eq!(err["kind"], "conflict", "{err}");
    let after: Vec<Vec<u8>> = names(&folder)
        .iter()
        .map(|b| std::fs::read(folder.join(b)).unwrap())
        .collect();
    assert_eq!(before, after);
    // The original still rotates its own.
    json(&db, "2026-12-03T10:00:00Z", &["backup", "auto", "rotate"]);
}

/// Hostile-4 F5: a recovery-key restore into a second profile on the same machine does not
/// adopt the first profile's automatic-backup folder and key: they are restored off, with
/// how to turn them on, and the first profile's folder gets no second profile's backups.
#[test]
fn a_second_profile_restored_from_a_live_profiles_backups_does_not_share_them() {
    let cli = Cli::new();
    let dir = cli.dir.path();
    let db = cli.db();
    json(&db, "2026-12-01T08:00:00Z", &["checkin", "--mood", "5"]);
    json(&db, "2026-12-01T09:00:00Z", &["backup", "auto", "on"]);
    json(&db, "2026-12-02T09:00:00Z", &["backup", "auto", "run"]);
    let key = std::fs::read_to_string(recovery_file(&db)).unwrap();
    let folder = dir.join("auto-backups");
    let folder = folder.to_str().unwrap();
    let old = dir.join("old.db");
    let out = json_in(
        &old,
        "2026-12-03T10:00:00Z",
        &["backup", "restore", folder, "--recovery-key", "--yes"],
        Some(&key),
    );
    assert_eq!(out["automatic_backups_adopted"], false, "{out}");
    assert!(out["recovery_key_file"].is_null(), "{out}");
    assert!(!recovery_file(&old).exists());
    let status = json(&old, "2026-12-04T09:00:00Z", &["backup", "auto", "status"]);
    assert_eq!(status["enabled"], false, "{status}");
    let before = names(&dir.join("auto-backups"));
    let _ = at(
        &old,
        "2026-12-04T09:00:00Z",
        &["backup", "auto", "run"],
        None,
    );
    assert_eq!(names(&dir.join("auto-backups")), before);
    // The new-phone case still adopts: no live profile's key beside the folder.
    std::fs::remove_file(&db).unwrap();
    let moved = dir.join("elsewhere.recovery-key.txt");
    std::fs::rename(recovery_file(&db), &moved).unwrap();
    let fresh = dir.join("fresh.db");
    let out = json_in(
        &fresh,
        "2026-12-04T10:00:00Z",
        &["backup", "restore", folder, "--recovery-key", "--yes"],
        Some(&key),
    );
    assert_eq!(out["automatic_backups_adopted"], true, "{out}");
    assert!(recovery_file(&fresh).is_file(), "{out}");
}
