//! Authentic backups (right passphrase, valid tag) whose database image was crafted: every
//! change to the schema is refused, and the full-text configuration never survives a restore.

use rusqlite::{Connection, MAIN_DB};

use super::*;
use crate::backup::format::Manifest;
use crate::backup::snapshot::{self, Image};
use crate::dump::row_counts;
use crate::progress::Meter;

/// Seals `image` as `create` would (cheap KDF, fixed salt and nonce).
fn sealed(image: &Image) -> Vec<u8> {
    seal(
        image,
        &pass(PASS),
        now(),
        KdfParams::cheap_for_tests(),
        [5; crypto::SALT_LEN],
        [6; crypto::NONCE_LEN],
        &Meter::new(&Silent),
    )
    .unwrap()
}

/// The phone's image with `sql` applied to it, its manifest recounted.
fn crafted(phone: &Profile, sql: &str) -> Image {
    let good = snapshot::take(phone.store.path(), &phone.key).unwrap();
    let mut conn = Connection::open_in_memory().unwrap();
    conn.deserialize_read_exact(MAIN_DB, &good.bytes[..], good.bytes.len(), false)
        .unwrap();
    conn.execute_batch(sql).unwrap();
    let manifest = Manifest {
        tables: row_counts(&conn, "main").unwrap(),
    };
    Image {
        bytes: zeroize::Zeroizing::new(conn.serialize(MAIN_DB).unwrap().to_vec()),
        manifest,
        schema_version: good.schema_version,
    }
}

#[test]
fn an_image_with_any_change_to_the_schema_is_refused_and_the_profile_kept() {
    let mut phone = Profile::generated(41, 20);
    for (case, sql) in [
        (
            "a trigger that shares every new journal entry",
            "CREATE TRIGGER share_all AFTER INSERT ON journal_entries BEGIN
               UPDATE journal_entries SET shared_with_therapist = 1 WHERE seq = new.seq; END;",
        ),
        (
            "a trigger on check-ins",
            "CREATE TRIGGER t2 BEFORE DELETE ON check_ins BEGIN SELECT RAISE(IGNORE); END;",
        ),
        (
            "a view",
            "CREATE VIEW everything AS SELECT * FROM journal_entries;",
        ),
        ("an extra index", "CREATE INDEX spy ON check_ins(note);"),
        ("an extra table", "CREATE TABLE exfil (x);"),
        (
            "a dropped index",
            "DROP INDEX IF EXISTS check_ins_by_day; CREATE TABLE t(x); DROP TABLE t;",
        ),
        (
            "an altered table",
            "ALTER TABLE settings ADD COLUMN extra TEXT;",
        ),
    ] {
        let image = crafted(&phone, sql);
        if image.bytes
            == snapshot::take(phone.store.path(), &phone.key)
                .unwrap()
                .bytes
        {
            continue; // the statement changed nothing in this schema version
        }
        let file = sealed(&image);
        let before = phone.fingerprint();
        let err = phone.restore(&file, PASS).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Corrupt, "{case}: {err}");
        assert!(err.to_string().contains("schema"), "{case}: {err}");
        assert_eq!(phone.fingerprint(), before, "{case}: the profile changed");
    }
}

#[test]
fn a_restore_resets_the_full_text_configuration() {
    let mut phone = Profile::generated(42, 20);
    let image = crafted(
        &phone,
        "INSERT INTO journal_fts (journal_fts, rank) VALUES ('secure-delete', 0);
         INSERT INTO check_in_fts (check_in_fts, rank) VALUES ('secure-delete', 0);
         INSERT INTO journal_fts (journal_fts, rank) VALUES ('automerge', 2);",
    );
    phone.restore(&sealed(&image), PASS).unwrap();
    for table in ["journal_fts_config", "check_in_fts_config"] {
        let rows: Vec<(String, i64)> = phone
            .store
            .conn()
            .prepare(&format!(
                "SELECT k, v FROM {table} WHERE k <> 'version' ORDER BY k"
            ))
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(rows, vec![("secure-delete".to_string(), 1)], "{table}");
    }
}

#[test]
fn the_known_schema_is_derived_from_the_migrations_for_every_version() {
    for version in 1..=SCHEMA_VERSION {
        let schema = crate::store::known_schema(version).unwrap();
        assert!(!schema.is_empty());
    }
    // Each version's schema is what a profile of that version has.
    let phone = Profile::new(43);
    assert_eq!(
        crate::store::read_schema(phone.store.conn(), "main").unwrap(),
        crate::store::known_schema(SCHEMA_VERSION).unwrap()
    );
    assert!(crate::store::known_schema(SCHEMA_VERSION + 1).is_err());
    assert!(crate::store::known_schema(0).is_err());
}

#[test]
fn the_profile_connection_runs_with_trusted_schema_off_and_defensive_on() {
    let phone = Profile::new(44);
    let trusted: i64 = phone
        .store
        .conn()
        .query_row("PRAGMA trusted_schema", [], |r| r.get(0))
        .unwrap();
    assert_eq!(trusted, 0);
    // Defensive mode: the schema cannot be written directly.
    let err = phone
        .store
        .conn()
        .execute_batch("PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = sql;");
    assert!(err.is_err());
}

#[test]
fn a_backup_taken_after_secure_deletes_still_restores() {
    // Secure-delete deletions raise the full-text index's format version; the reset keeps it.
    let mut phone = Profile::generated(45, 30);
    let ids: Vec<String> = phone
        .store
        .conn()
        .prepare("SELECT id FROM journal_entries LIMIT 3")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert!(!ids.is_empty());
    for id in &ids {
        phone
            .store
            .write(|tx| crate::journal::entries::delete(tx, id))
            .unwrap();
    }
    let before = phone.dump();
    let file = phone.backup();
    let mut other = Profile::new(46);
    other.restore(&file, PASS).unwrap();
    assert_eq!(other.dump(), before);
}
