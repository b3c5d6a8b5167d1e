//! The Foundation issue's acceptance checks, run through the real `reset` binary.

mod common;

use common::{Cli, contains, key_hex};

#[test]
fn status_json_reports_path_schema_and_counts() {
    let cli = Cli::new();
    let s = cli.json(&["status", "--json"]);
    assert_eq!(s["path"], cli.db().display().to_string());
    assert!(s["schema_version"].as_i64().unwrap() >= 1);
    assert!(s["counts"].is_object());
    assert_eq!(s["time_zone"], "Europe/London");
}

#[test]
fn the_key_file_is_private_and_the_database_encrypted() {
    use std::os::unix::fs::PermissionsExt;
    let cli = Cli::new();
    cli.json(&["status", "--json"]);
    let mode = std::fs::metadata(cli.db().with_extension("key"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let head = std::fs::read(cli.db()).unwrap();
    assert!(!head.starts_with(b"SQLite format 3"));
}

#[test]
fn a_wrong_key_is_a_typed_error_and_the_file_is_unchanged() {
    let cli = Cli::new();
    cli.json(&["status", "--json"]);
    let before = std::fs::read(cli.db()).unwrap();
    std::fs::write(cli.db().with_extension("key"), "00".repeat(32)).unwrap();
    let err = cli.error(&["status", "--json"]);
    assert_eq!(err["kind"], "wrong_key");
    assert_eq!(std::fs::read(cli.db()).unwrap(), before);
}

#[test]
fn a_database_from_a_future_schema_is_refused_untouched() {
    let cli = Cli::new();
    cli.json(&["status", "--json"]);
    {
        let conn = rusqlite::Connection::open(cli.db()).unwrap();
        conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", key_hex(&cli.db())))
            .unwrap();
        conn.pragma_update(None, "user_version", 9999).unwrap();
    }
    let before = cli.profile_bytes();
    let err = cli.error(&["status", "--json"]);
    assert_eq!(err["kind"], "unsupported_version");
    assert!(err["message"].as_str().unwrap().contains("9999"));
    assert_eq!(cli.profile_bytes(), before);
}

#[test]
fn bad_flags_give_a_one_line_message_and_error_json() {
    let cli = Cli::new();
    let err = cli.error(&["--tz", "Not/AZone", "status", "--json"]);
    assert_eq!(err["kind"], "invalid_input");
    let out = cli.run(&["--now", "yesterday", "status"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().count(),
        1,
        "one line without --json: {stderr}"
    );
    assert!(stderr.contains("now"));
}

#[test]
fn erase_needs_yes_and_then_leaves_nothing() {
    let cli = Cli::new();
    cli.json(&["status", "--json"]);
    assert_eq!(cli.error(&["erase", "--json"])["kind"], "invalid_input");
    cli.json(&["erase", "--yes", "--json"]);
    assert_eq!(
        std::fs::read_dir(cli.dir.path()).unwrap().count(),
        0,
        "no file of the profile remains"
    );
}

#[test]
fn the_tour_runs_on_its_demo_profile_and_leaves_it_encrypted() {
    let cli = Cli::new();
    let tour = cli.json(&["tour", "--json"]);
    assert!(tour["steps"].as_array().unwrap().len() >= 3);
    let demo = cli.dir.path().join("tour/profile.db");
    assert!(!contains(
        &std::fs::read(demo).unwrap()[..16],
        "SQLite format 3"
    ));
}

#[test]
fn version_prints_the_crate_version() {
    let cli = Cli::new();
    let out = cli.run(&["--version"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains(env!("CARGO_PKG_VERSION")));
}
