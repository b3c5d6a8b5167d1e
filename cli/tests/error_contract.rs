//! The situation → kind table of docs/errors.md, one check per row and command: whatever is
//! wrong with the profile's files, every command answers with the same documented kind, on one
//! line, exit 1, and nothing is changed.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Cli, tree};

/// Every command that opens the profile, with the arguments it needs (`OUT` is replaced by a
/// path in the scratch folder).
const COMMANDS: &[&[&str]] = &[
    &["status"],
    &["checkin", "--mood", "4"],
    &["journal", "list"],
    &["journal", "add", "--kind", "free", "--text", "hello"],
    &["insights"],
    &["assess", "history"],
    &["assess", "due"],
    &["programme", "progress"],
    &["remind", "list"],
    &["remind", "plan"],
    &["session", "list"],
    &["practice", "summary"],
    &["export", "json", "--out", "OUT"],
    &["export", "pdf", "--out", "OUT"],
    &["export", "csv", "--out", "OUT"],
    &["export", "fhir", "--out", "OUT"],
    &["backup", "create", "--out", "OUT"],
    &["backup", "restore", "OUT", "--yes"],
];

fn run(db: &Path, args: &[&str], out: &Path) -> std::process::Output {
    let args: Vec<String> = args
        .iter()
        .map(|a| {
            if *a == "OUT" {
                out.display().to_string()
            } else {
                a.to_string()
            }
        })
        .collect();
    Command::new(env!("CARGO_BIN_EXE_reset"))
        .arg("--db")
        .arg(db)
        .args([
            "--tz",
            "Europe/London",
            "--now",
            "2027-03-28T09:00:00Z",
            "--json",
        ])
        .args(&args)
        .env_remove("RESET_KEY")
        .env("RESET_PASSPHRASE", "correct horse battery staple tundra")
        .output()
        .unwrap()
}

/// Runs every command against `db` and asserts each fails with `kind`, touching nothing.
fn every_command_says(cli: &Cli, db: &Path, kind: &str, situation: &str) {
    let out = cli.dir.path().join("out.file");
    let before = tree(cli.dir.path());
    for args in COMMANDS {
        let run = run(db, args, &out);
        assert_eq!(run.status.code(), Some(1), "{situation}: {args:?}: {run:?}");
        let err = common::error_json(&run, args);
        assert_eq!(err["kind"], kind, "{situation}: {args:?}: {err}");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(stderr.lines().count(), 2, "{situation}: {args:?}: {stderr}");
        let first = stderr.lines().next().unwrap();
        assert!(
            !first.contains(&format!("{kind}: {kind}")),
            "{situation}: the kind is repeated: {first}"
        );
        assert_eq!(
            tree(cli.dir.path()),
            before,
            "{situation}: {args:?} changed a file"
        );
    }
}

fn profile() -> Cli {
    let cli = Cli::new();
    cli.json(&["checkin", "--mood", "5", "--json"]);
    cli
}

#[test]
fn a_directory_as_db_is_invalid_input_for_every_command() {
    let cli = Cli::new();
    let dir = cli.dir.path().join("a-folder");
    std::fs::create_dir(&dir).unwrap();
    every_command_says(&cli, &dir, "invalid_input", "directory as --db");
}

#[test]
fn a_device_as_db_is_invalid_input_for_every_command() {
    let cli = Cli::new();
    every_command_says(
        &cli,
        Path::new("/dev/null"),
        "invalid_input",
        "/dev/null as --db",
    );
}

#[test]
fn a_missing_key_file_is_not_found_for_every_command() {
    let cli = profile();
    std::fs::remove_file(cli.db().with_extension("key")).unwrap();
    every_command_says(&cli, &cli.db(), "not_found", "missing key file");
    let err = cli.error(&["status", "--json"]);
    assert!(
        err["message"].as_str().unwrap().contains("key file"),
        "{err}"
    );
}

#[test]
fn a_damaged_key_file_is_corrupt_for_every_command() {
    let cli = profile();
    for damage in [
        &b"not hex at all"[..],
        &[0xff, 0xfe, 0x00][..],
        &b"abcd"[..],
    ] {
        std::fs::write(cli.db().with_extension("key"), damage).unwrap();
        every_command_says(&cli, &cli.db(), "corrupt", "damaged key file");
    }
}

#[test]
fn a_damaged_database_is_corrupt_for_every_command() {
    let cli = profile();
    // Every page after the first damaged: the key still opens page 1.
    let mut bytes = std::fs::read(cli.db()).unwrap();
    assert!(bytes.len() > 4096);
    let n = bytes.len();
    for b in &mut bytes[4096..n] {
        *b ^= 0xa5;
    }
    std::fs::write(cli.db(), &bytes).unwrap();
    every_command_says(&cli, &cli.db(), "corrupt", "damaged database");
}

#[test]
fn a_truncated_database_is_corrupt_for_every_command() {
    let cli = profile();
    let bytes = std::fs::read(cli.db()).unwrap();
    std::fs::write(cli.db(), &bytes[..bytes.len() / 2]).unwrap();
    every_command_says(&cli, &cli.db(), "corrupt", "truncated database");
}

#[test]
fn the_error_table_in_the_docs_lists_every_situation_tested_here() {
    let doc = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/errors.md"),
    )
    .unwrap();
    for row in [
        "| a folder as `--db`",
        "| a device or pipe as `--db`",
        "| the key file is missing",
        "| the key file is damaged",
        "| the database is damaged",
        "| the database is truncated",
        "| a file at `--db` that is not a database",
    ] {
        assert!(doc.contains(row), "docs/errors.md lacks the row {row}");
    }
}
