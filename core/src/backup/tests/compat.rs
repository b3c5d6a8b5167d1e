//! Backups keep opening: older schemas are migrated on restore, a committed version-1 file
//! restores in every later build, and tables this module has never heard of travel too.

use std::path::PathBuf;

use rusqlite::Connection;

use super::*;
use crate::dump::row_counts;

/// The committed backup fixture: format 1, schema 1, cheap KDF, passphrase [`FIXTURE_PASS`].
/// Swift and Kotlin tests restore (and tamper with) the same file.
fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/backup/format1-schema1.rcbackup")
}

const FIXTURE_PASS: &str = "fixture passphrase";

/// A schema-1 profile image from the frozen v0001 fixture, as a version-1 app would have made it.
fn schema1_image() -> Image {
    let mut conn = Connection::open_in_memory().unwrap();
    let sql = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/schema/v0001.sql"),
    )
    .unwrap();
    conn.execute_batch(&sql).unwrap();
    conn.execute(
        "INSERT INTO settings (key, value) VALUES ('region', 'GB')",
        [],
    )
    .unwrap();
    let manifest = format::Manifest {
        tables: row_counts(&conn, "main").unwrap(),
    };
    let bytes = zeroize::Zeroizing::new(conn.serialize(rusqlite::MAIN_DB).unwrap().to_vec());
    Image {
        bytes,
        manifest,
        schema_version: 1,
    }
}

#[test]
fn an_older_schema_is_migrated_after_restore() {
    let mut phone = Profile::generated(40, 5);
    let meter = Meter::new(&Silent);
    let file = seal(
        &schema1_image(),
        &pass(PASS),
        now(),
        KdfParams::cheap_for_tests(),
        [1; SALT_LEN],
        [2; NONCE_LEN],
        &meter,
    )
    .unwrap();
    let summary = phone.restore(&file, PASS).unwrap();
    assert_eq!(summary.backup_schema_version, 1);
    assert_eq!(summary.schema_version, SCHEMA_VERSION);
    assert_eq!(phone.store.schema_version().unwrap(), SCHEMA_VERSION);
    let conn = phone.store.conn();
    assert_eq!(
        crate::preferences::get(conn, "region").unwrap().as_deref(),
        Some("GB")
    );
    // The profile's own later data is gone (the backup replaced it) and the tables exist.
    let check_ins: i64 = conn
        .query_row("SELECT count(*) FROM check_ins", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check_ins, 0);
}

#[test]
fn the_committed_format_1_fixture_still_restores() {
    let file = std::fs::read(fixture_path())
        .expect("tests/fixtures/backup fixture (regenerate: see write_fixture)");
    let mut phone = Profile::new(41);
    let summary = phone.restore(&file, FIXTURE_PASS).unwrap();
    assert_eq!(summary.backup_schema_version, 1);
    assert_eq!(summary.created_at, "2025-01-31T09:30:00Z");
    assert_eq!(
        summary.tables,
        vec![TableRows {
            table: "settings".into(),
            rows: 2
        }]
    );
    assert_eq!(
        crate::preferences::get(phone.store.conn(), "fixture")
            .unwrap()
            .as_deref(),
        Some("v1")
    );
    refused_fixture(&mut phone, &file);
}

/// An automatic backup written before automatic backups switched to zlib level 1 (commit
/// a1b7148, level 6) restores with its recovery key in every later build, and a wrong key
/// changes nothing.
#[test]
fn the_committed_level_6_automatic_backup_still_restores() {
    use crate::backup::{BackupSecret, RecoveryKey, restore_file_with};
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/backup/format2-auto-zlib6.rcbackup");
    let file = std::fs::read(&path).expect("tests/fixtures/backup/format2-auto-zlib6.rcbackup");
    assert_eq!(&file[8..10], &[0, 2], "format version 2");
    let key = RecoveryKey::parse("56HY-39AJ-NKAW-ZF9J-EE04-SYZ6-X6M9").unwrap();
    let wrong = RecoveryKey::from_bytes([7; 16]);
    let mut phone = Profile::generated(43, 2);
    let before = phone.dump();
    let err = restore_file_with(
        &mut phone.store,
        &phone.key,
        &path,
        BackupSecret::RecoveryKey(&wrong),
        &Silent,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::WrongKey);
    assert_eq!(phone.dump(), before, "a wrong key changed nothing");
    let summary = restore_file_with(
        &mut phone.store,
        &phone.key,
        &path,
        BackupSecret::RecoveryKey(&key),
        &Silent,
    )
    .unwrap();
    assert_eq!(summary.created_at, "2026-12-07T09:00:00Z");
    assert_eq!(summary.schema_version, SCHEMA_VERSION);
    let rows: std::collections::BTreeMap<_, _> = summary
        .tables
        .iter()
        .map(|t| (t.table.as_str(), t.rows))
        .collect();
    assert_eq!(rows["check_ins"], 1);
    assert_eq!(rows["settings"], 2);
    assert_eq!(rows["journal_entries"], 0);
    let mood: i64 = phone
        .store
        .conn()
        .query_row("SELECT mood FROM check_ins", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mood, 5);
}

fn refused_fixture(phone: &mut Profile, file: &[u8]) {
    let err = phone
        .restore(file, "not the fixture passphrase")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::WrongKey);
    let mut flipped = file.to_vec();
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    assert_eq!(
        phone.restore(&flipped, FIXTURE_PASS).unwrap_err().kind(),
        ErrorKind::Corrupt
    );
}

/// Writes the fixture. Run once, on purpose: `cargo test -p reset-core write_fixture -- --ignored`.
#[test]
#[ignore = "regenerates a committed fixture"]
fn write_fixture() {
    let meter = Meter::new(&Silent);
    let created = crate::time::parse_instant("2025-01-31T09:30:00Z", "t").unwrap();
    let file = seal(
        &schema1_image(),
        &pass(FIXTURE_PASS),
        created,
        KdfParams::cheap_for_tests(),
        [0x5a; SALT_LEN],
        [0xa5; NONCE_LEN],
        &meter,
    )
    .unwrap();
    std::fs::create_dir_all(fixture_path().parent().unwrap()).unwrap();
    std::fs::write(fixture_path(), file).unwrap();
}

/// A backup carries exactly the schema this app's migrations make (issue 16): tables,
/// views, triggers and indexes unknown to them are refused, not carried — a crafted image
/// could otherwise install a trigger that outlives the restore.
#[test]
fn tables_views_triggers_and_indexes_unknown_to_the_migrations_are_refused() {
    let phone = Profile::generated(42, 3);
    phone
        .store
        .conn()
        .execute_batch(
            "CREATE TABLE future_things (id INTEGER PRIMARY KEY AUTOINCREMENT, label TEXT, weight REAL, raw BLOB);
             CREATE INDEX future_by_label ON future_things (label);
             CREATE TABLE future_log (what TEXT);
             CREATE TRIGGER future_logged AFTER INSERT ON future_things BEGIN INSERT INTO future_log VALUES (new.label); END;
             CREATE VIEW future_heavy AS SELECT * FROM future_things WHERE weight > 1;
             CREATE VIRTUAL TABLE future_fts USING fts5 (label);
             INSERT INTO future_things (label, weight, raw) VALUES ('a', 0.5, x'00'), ('b', 2.25, NULL);",
        )
        .unwrap();
    let file = phone.backup();
    let mut other = Profile::new(43);
    let schema_before = schema(other.store.conn());
    let before = other.fingerprint();
    let err = other.restore(&file, PASS).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Corrupt, "{err}");
    assert_eq!(other.fingerprint(), before);
    assert_eq!(schema(other.store.conn()), schema_before);
}

fn schema(conn: &Connection) -> Vec<(String, String, String)> {
    let mut stmt = conn
        .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}
