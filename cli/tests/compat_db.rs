//! Issue 11, compatibility: a real encrypted database FILE from every released schema version
//! (`tests/fixtures/db/schema-vN.db`, key in that folder's README) opens in this build,
//! migrates to the current schema, passes SQLite's integrity check, and reads back the rows it
//! held — counted per table and found by search and in the dump. The files are frozen: a
//! change that breaks one breaks people's real profiles. `write_fixtures` (ignored) made them.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use rusqlite::Connection;
use serde_json::{Value, json};

/// The documented fixture key: bytes 0x00, 0x01, … 0x1f.
const KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
/// A word every fixture from v3 on holds in a journal entry and a check-in note.
const WORD: &str = "riverside";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/db")
}

fn fixture(version: i64) -> PathBuf {
    dir().join(format!("schema-v{version}.db"))
}

/// Runs `reset --json` on `db` with the fixture key.
fn reset(db: &Path, args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_reset"))
        .arg("--db")
        .arg(db)
        .args([
            "--tz",
            "Europe/London",
            "--now",
            "2027-09-01T09:00:00Z",
            "--json",
        ])
        .args(args)
        .env("RESET_KEY", KEY)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "reset {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
}

fn open(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(&format!("PRAGMA key = \"x'{KEY}'\";"))
        .unwrap();
    conn
}

/// Rows per user table (FTS shadow tables and SQLite's own excluded).
fn counts(conn: &Connection) -> BTreeMap<String, i64> {
    let mut stmt = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name NOT LIKE '%_fts_%' ORDER BY name",
        )
        .unwrap();
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    names
        .into_iter()
        .map(|t| {
            let n = conn
                .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap();
            (t, n)
        })
        .collect()
}

fn expected() -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir().join("expected.json")).unwrap()).unwrap()
}

#[test]
fn every_released_schema_database_opens_migrates_and_reads_back() {
    let current = {
        let scratch = tempfile::TempDir::new().unwrap();
        // A read-only command never makes a profile: a check-in makes it, status reads it.
        reset(
            &scratch.path().join("fresh.db"),
            &["checkin", "--mood", "4"],
        );
        reset(&scratch.path().join("fresh.db"), &["status"])["schema_version"]
            .as_i64()
            .unwrap()
    };
    let expected = expected();
    for version in 1..=current {
        let path = fixture(version);
        assert!(
            path.exists(),
            "no database fixture for released schema v{version}"
        );
        // Work on a copy: opening migrates, and WAL files must not appear in the repo.
        let scratch = tempfile::TempDir::new().unwrap();
        let db = scratch.path().join("profile.db");
        std::fs::copy(&path, &db).unwrap();
        let before: i64 = open(&db)
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(before, version, "fixture v{version} is at its own version");

        let status = reset(&db, &["status"]);
        assert_eq!(
            status["schema_version"],
            json!(current),
            "v{version} migrated"
        );
        let conn = open(&db);
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok", "v{version} after migration");
        let want = &expected[format!("v{version}")];
        for (table, n) in counts(&conn) {
            let want = want.get(&table).and_then(Value::as_i64).unwrap_or(0);
            assert_eq!(n, want, "v{version}: rows in {table}");
        }
        drop(conn);
        let dump_path = scratch.path().join("dump.json");
        reset(
            &db,
            &["export", "json", "--out", dump_path.to_str().unwrap()],
        );
        let dump = std::fs::read_to_string(&dump_path).unwrap();
        if version <= 4 {
            // Built from the frozen SQL, which carries the v1 sample setting.
            assert!(
                dump.contains("\"fixture\""),
                "v{version}: the v1 setting survives"
            );
        }
        assert!(
            version < 3 || dump.contains(WORD),
            "v{version}: the journal text reads back"
        );
        if version >= 3 {
            let hits = reset(&db, &["journal", "search", WORD]);
            assert!(
                hits["hits"].as_array().is_some_and(|h| h.len() >= 2),
                "v{version}: search finds the journal entry and the note: {hits}"
            );
        }
        if version >= 2 {
            let history = reset(&db, &["assess", "history"]);
            let h = history.to_string();
            assert!(
                h.contains("phq9") || h.contains("gad7"),
                "v{version}: {history}"
            );
            // Schema v7 gave every stored assessment a prefixed id; the number it had before
            // still finds it, and so does the new id.
            let first = &history["assessments"][0];
            let (old, uid) = (
                first["id"].as_i64().unwrap(),
                first["uid"].as_str().unwrap(),
            );
            assert!(
                uid.starts_with("as_") && uid.len() == 27,
                "v{version}: {uid}"
            );
            let shown = reset(&db, &["assess", "show", &old.to_string()]);
            assert_eq!(shown["uid"], first["uid"], "v{version}: old id resolves");
            assert_eq!(reset(&db, &["assess", "show", uid])["id"], json!(old));
        }
        let sessions = reset(&db, &["session", "list"]);
        if let Some(s) = sessions["sessions"].as_array().and_then(|s| s.first()) {
            let (old, uid) = (s["id"].as_i64().unwrap(), s["uid"].as_str().unwrap());
            assert!(uid.starts_with("ps_"), "v{version}: {uid}");
            let shown = reset(&db, &["session", "show", &old.to_string()]);
            assert_eq!(
                shown["uid"], s["uid"],
                "v{version}: old session id resolves"
            );
            // Written to the health stores before v7: keeps the id it was written under;
            // written by v7: made from its prefixed id.
            let want = if version < 7 {
                format!("reset-practice-{old}")
            } else {
                format!("reset-practice-{uid}")
            };
            assert_eq!(s["external_id"], json!(want), "v{version}");
        }
    }
}

/// Builds the fixtures. Run once per new schema version, on purpose:
/// `cargo test -p reset-cli --test compat_db write_fixtures -- --ignored`.
/// v1–v4 start from the frozen `tests/fixtures/schema/vNNNN.sql` (with its sample rows); the
/// tables it leaves empty are filled from a profile written through the CLI. The newest
/// version is that profile itself. Existing files are never overwritten.
#[test]
#[ignore = "writes committed fixtures"]
fn write_fixtures() {
    let scratch = tempfile::TempDir::new().unwrap();
    let source = scratch.path().join("source.db");
    let text = format!("Walked by the {WORD} path after a hard call; felt steadier.");
    for args in [
        vec![
            "checkin",
            "--mood",
            "3",
            "--labels",
            "anxious,worried",
            "--areas",
            "work",
            "--note",
            &text,
            "--tags",
            "walk",
        ],
        vec![
            "checkin",
            "--mood",
            "5",
            "--kind",
            "daily",
            "--at",
            "2027-08-30T20:00:00Z",
        ],
        vec![
            "journal", "add", "--kind", "free", "--text", &text, "--tags", "walk", "--share",
        ],
        vec![
            "journal",
            "add",
            "--kind",
            "thought",
            "--text",
            "I always get things wrong.",
        ],
        vec![
            "journal",
            "add",
            "--kind",
            "gratitude",
            "--text",
            "A long phone call",
        ],
        vec!["assess", "take", "gad7", "--answers", "1,2,1,0,1,2,1"],
        vec![
            "programme",
            "start",
            "anxiety-reset",
            "--at",
            "2027-08-25T09:00:00Z",
        ],
        vec![
            "programme",
            "complete",
            "session-1",
            "--at",
            "2027-08-25T10:00:00Z",
        ],
        vec!["session", "log", "--kind", "breathing", "--minutes", "10"],
        vec![
            "remind",
            "add",
            "--kind",
            "journal",
            "--at",
            "20:30",
            "--label",
            "Evening pages",
        ],
        vec![
            "remind",
            "add",
            "--kind",
            "checkin",
            "--at",
            "09:00",
            "--days",
            "weekdays",
            "--skip-if-done",
        ],
    ] {
        reset(&source, &args);
    }
    // v6: the safety plan, saved twice (two versions).
    let plan = scratch.path().join("plan.json");
    for reason in ["My cat", "My cat and my sister"] {
        let body = json!({"warning_signs": ["Not sleeping"], "support_contacts": [{"name": "Sam", "phone": "07700 900123"}], "reasons_for_living": [reason]});
        std::fs::write(&plan, body.to_string()).unwrap();
        reset(
            &source,
            &["safety-plan", "edit", "--input", plan.to_str().unwrap()],
        );
    }
    let mut expected = serde_json::Map::new();
    let current = reset(&source, &["status"])["schema_version"]
        .as_i64()
        .unwrap();
    for version in 1..=current {
        let out = fixture(version);
        if out.exists() {
            expected.insert(format!("v{version}"), json!(counts(&migrated_copy(&out))));
            continue;
        }
        if version == current {
            std::fs::copy(&source, &out).unwrap();
        } else {
            let sql = std::fs::read_to_string(dir().join(format!("../schema/v{version:04}.sql")))
                .unwrap();
            let conn = open(&out);
            conn.execute_batch(&sql).unwrap();
            conn.execute_batch(&format!(
                "ATTACH DATABASE '{}' AS src KEY \"x'{KEY}'\";",
                source.display()
            ))
            .unwrap();
            // Tables are copied in name order, not dependency order; checked after.
            conn.execute_batch("PRAGMA foreign_keys = OFF;").unwrap();
            for (table, n) in counts(&conn) {
                if n == 0 {
                    copy_rows(&conn, &table);
                }
            }
            let dangling: i64 = conn
                .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })
                .unwrap();
            assert_eq!(dangling, 0, "v{version}: copied rows keep their references");
            conn.execute_batch("DETACH DATABASE src;").unwrap();
        }
        expected.insert(format!("v{version}"), json!(counts(&migrated_copy(&out))));
    }
    std::fs::write(
        dir().join("expected.json"),
        serde_json::to_string_pretty(&Value::Object(expected)).unwrap() + "\n",
    )
    .unwrap();
}

/// Copies `src.table` into `main.table`, columns the older schema has only (FTS rows keep
/// their rowids, which point at the records' `seq`).
fn copy_rows(conn: &Connection, table: &str) {
    let mut stmt = conn
        .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
        .unwrap();
    let cols: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let list = std::iter::once("rowid".to_string())
        .chain(cols)
        .collect::<Vec<_>>()
        .join(", ");
    let rowid_table = conn
        .prepare(&format!("SELECT rowid FROM main.\"{table}\" LIMIT 0"))
        .is_ok();
    let list = if rowid_table {
        list
    } else {
        list.trim_start_matches("rowid, ").to_string()
    };
    conn.execute_batch(&format!(
        "INSERT INTO main.\"{table}\" ({list}) SELECT {list} FROM src.\"{table}\";"
    ))
    .unwrap();
}

/// The rows per table a fixture holds after this build migrates a copy of it.
fn migrated_copy(path: &Path) -> Connection {
    let scratch = tempfile::TempDir::new().unwrap().keep();
    let db = scratch.join("profile.db");
    std::fs::copy(path, &db).unwrap();
    reset(&db, &["status"]);
    open(&db)
}
