//! Backup and restore as specifications: round trips over a generated multi-year profile,
//! every kind of damage refused with the right kind, and the current profile left alone.

mod bench;
mod compat;
mod hostile;
pub(crate) mod profile;
mod tamper;

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use tempfile::TempDir;

use super::*;
use crate::ErrorKind;
use crate::progress::Silent;
use crate::store::{DatabaseKey, SCHEMA_VERSION, Store, profile_files};

pub(super) const PASS: &str = "correct horse battery staple";

pub(super) fn key(byte: u8) -> DatabaseKey {
    DatabaseKey::from_bytes(&[byte; 32]).unwrap()
}

pub(super) fn pass(text: &str) -> Passphrase {
    Passphrase::new(text).unwrap()
}

pub(super) fn cheap() -> BackupOptions {
    BackupOptions::with_kdf(KdfParams::cheap_for_tests())
}

pub(super) fn now() -> DateTime<Utc> {
    profile::end(0) + chrono::Duration::days(4000)
}

/// A profile in its own folder.
pub(super) struct Profile {
    pub dir: TempDir,
    pub key: DatabaseKey,
    pub store: Store,
}

impl Profile {
    pub fn new(key_byte: u8) -> Profile {
        let dir = TempDir::new().unwrap();
        let key = key(key_byte);
        let store = Store::open(&dir.path().join("profile.db"), &key).unwrap();
        Profile { dir, key, store }
    }

    pub fn generated(key_byte: u8, days: u32) -> Profile {
        let mut p = Profile::new(key_byte);
        profile::generate(&mut p.store, days);
        p
    }

    pub fn dump(&self) -> String {
        crate::dump::to_string(self.store.conn()).unwrap()
    }

    pub fn backup(&self) -> Vec<u8> {
        create(
            &self.store,
            &self.key,
            &pass(PASS),
            now(),
            &cheap(),
            &Silent,
        )
        .unwrap()
        .0
    }

    pub fn restore(&mut self, file: &[u8], passphrase: &str) -> Result<RestoreSummary> {
        restore(&mut self.store, &self.key, file, &pass(passphrase), &Silent)
    }

    /// Every byte of the database and its side files, plus the folder's file names: what
    /// "untouched" means.
    pub fn fingerprint(&self) -> (Vec<Vec<u8>>, Vec<PathBuf>) {
        let bytes = profile_files(self.store.path())
            .iter()
            .map(|p| std::fs::read(p).unwrap_or_default())
            .collect();
        (bytes, files_in(self.dir.path()))
    }
}

pub(super) fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    names
}

#[test]
fn a_multi_year_profile_round_trips_exactly() {
    let mut phone = Profile::generated(1, 3 * 365);
    let before = phone.dump();
    assert!(
        before.contains("\"check_ins\""),
        "the generated profile has domain data"
    );
    let file = phone.backup();
    // Change the profile after the backup, so the restore visibly brings the old state back.
    phone
        .store
        .write(|tx| crate::preferences::set(tx, "region", "US"))
        .unwrap();
    phone
        .store
        .conn()
        .execute("DELETE FROM check_ins WHERE seq % 2 = 0", [])
        .unwrap();
    assert_ne!(phone.dump(), before);

    let summary = phone.restore(&file, PASS).unwrap();
    assert_eq!(phone.dump(), before);
    assert_eq!(summary.schema_version, SCHEMA_VERSION);
    let rows = |name: &str| {
        summary
            .tables
            .iter()
            .find(|t| t.table == name)
            .map(|t| t.rows)
    };
    assert_eq!(rows("check_ins"), Some(2 * 3 * 365));
    for table in [
        "journal_entries",
        "assessments",
        "safety_events",
        "practice_sessions",
        "safety_plan_versions",
        "settings",
    ] {
        assert!(
            rows(table).unwrap_or(0) > 0,
            "{table} is in the generated profile"
        );
    }
    phone.store.integrity_check().unwrap();
    // The full-text index came with it: searches work and FTS5 agrees with its content.
    let conn = phone.store.conn();
    let hits: i64 = conn
        .query_row(
            "SELECT count(*) FROM journal_fts WHERE journal_fts MATCH 'garden'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(hits > 0);
    conn.execute(
        "INSERT INTO journal_fts (journal_fts) VALUES ('integrity-check')",
        [],
    )
    .unwrap();
    // Only the profile and its key-less companions remain: no temp file left behind.
    let names: Vec<String> = files_in(phone.dir.path())
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| n.starts_with("profile.db")),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.contains("restore")), "{names:?}");
}

#[test]
fn a_backup_restores_onto_a_new_phone_with_a_different_key() {
    let old_phone = Profile::generated(1, 120);
    let file = old_phone.backup();
    let mut new_phone = Profile::new(2);
    new_phone.restore(&file, PASS).unwrap();
    assert_eq!(new_phone.dump(), old_phone.dump());
    // The restored file is encrypted with the new phone's key, and only that key.
    let path = new_phone.store.path().to_path_buf();
    drop(new_phone.store);
    assert!(Store::open(&path, &key(2)).is_ok());
    assert_eq!(
        Store::open(&path, &key(1)).unwrap_err().kind(),
        ErrorKind::WrongKey
    );
}

#[test]
fn the_restored_profile_keeps_working_and_can_be_backed_up_again() {
    let mut phone = Profile::generated(3, 30);
    let file = phone.backup();
    phone.restore(&file, PASS).unwrap();
    phone
        .store
        .write(|tx| crate::preferences::set(tx, "after", "restore"))
        .unwrap();
    let again = phone.backup();
    let mut other = Profile::new(4);
    other.restore(&again, PASS).unwrap();
    assert_eq!(other.dump(), phone.dump());
    assert_eq!(
        crate::preferences::get(other.store.conn(), "after")
            .unwrap()
            .as_deref(),
        Some("restore")
    );
}

#[test]
fn an_empty_profile_round_trips() {
    let mut phone = Profile::new(5);
    let before = phone.dump();
    let file = phone.backup();
    phone.restore(&file, PASS).unwrap();
    assert_eq!(phone.dump(), before);
}

#[test]
fn the_file_leaks_no_plaintext_and_is_compressed() {
    let phone = Profile::generated(6, 60);
    let file = phone.backup();
    assert_eq!(&file[..8], MAGIC);
    for needle in [
        &b"SQLite format 3"[..],
        b"garden",
        b"check_ins",
        b"journal_entries",
        b"CREATE TABLE",
    ] {
        assert!(
            !file.windows(needle.len()).any(|w| w == needle),
            "{}",
            String::from_utf8_lossy(needle)
        );
    }
    let image = snapshot::take(phone.store.path(), &phone.key).unwrap();
    assert!(
        file.len() * 2 < image.bytes.len(),
        "{} vs {}",
        file.len(),
        image.bytes.len()
    );
}

#[test]
fn two_backups_of_the_same_profile_use_fresh_salt_and_nonce() {
    let phone = Profile::new(7);
    let a = phone.backup();
    let b = phone.backup();
    let (ha, _, _) = format::decode(&a).unwrap();
    let (hb, _, _) = format::decode(&b).unwrap();
    assert_ne!(ha.salt, hb.salt);
    assert_ne!(ha.nonce, hb.nonce);
}

#[test]
fn the_header_records_the_parameters_and_restore_uses_the_files_own() {
    let phone = Profile::new(8);
    let stronger = KdfParams {
        memory_kib: 256,
        iterations: 2,
        parallelism: 2,
    };
    let (file, summary) = create(
        &phone.store,
        &phone.key,
        &pass(PASS),
        now(),
        &BackupOptions::with_kdf(stronger),
        &Silent,
    )
    .unwrap();
    let (header, _, _) = format::decode(&file).unwrap();
    assert_eq!(header.kdf, crypto::Kdf::Argon2id(stronger));
    assert_eq!(header.created_at, "2025-12-14T08:00:00Z");
    assert_eq!(summary.created_at, header.created_at);
    assert_eq!(summary.bytes, file.len() as u64);
    let mut other = Profile::new(9);
    other.restore(&file, PASS).unwrap();
}

#[test]
fn progress_is_reported_monotonically_to_completion() {
    struct Seen(RefCell<Vec<u64>>);
    impl Progress for Seen {
        fn report(&self, done: u64, total: u64) {
            assert_eq!(total, 1000);
            self.0.borrow_mut().push(done);
        }
    }
    let mut phone = Profile::generated(10, 200);
    let seen = Seen(RefCell::new(Vec::new()));
    let (file, _) = create(
        &phone.store,
        &phone.key,
        &pass(PASS),
        now(),
        &cheap(),
        &seen,
    )
    .unwrap();
    let created = seen.0.replace(Vec::new());
    restore(&mut phone.store, &phone.key, &file, &pass(PASS), &seen).unwrap();
    let restored = seen.0.into_inner();
    for steps in [created, restored] {
        assert!(steps.windows(2).all(|w| w[0] < w[1]), "{steps:?}");
        assert_eq!(steps.first(), Some(&0));
        assert_eq!(steps.last(), Some(&1000));
        assert!(steps.len() >= 5, "{steps:?}");
    }
}

#[test]
fn files_are_written_atomically_and_never_over_the_profile() {
    let phone = Profile::generated(11, 10);
    let out = phone.dir.path().join("backup.rcbackup");
    let summary = create_file(
        &phone.store,
        &phone.key,
        &out,
        &pass(PASS),
        now(),
        &cheap(),
        &Silent,
    )
    .unwrap();
    assert_eq!(std::fs::metadata(&out).unwrap().len(), summary.bytes);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600,
        "owner-only"
    );
    let before = phone.fingerprint();
    for target in [
        phone.store.path().to_path_buf(),
        phone.dir.path().join("profile.db-wal"),
    ] {
        let err = create_file(
            &phone.store,
            &phone.key,
            &target,
            &pass(PASS),
            now(),
            &cheap(),
            &Silent,
        )
        .unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput { field, .. } if field == "out"),
            "{err:?}"
        );
    }
    assert_eq!(phone.fingerprint(), before);
    let missing = phone.dir.path().join("no/such/folder/b.rcbackup");
    assert!(
        create_file(
            &phone.store,
            &phone.key,
            &missing,
            &pass(PASS),
            now(),
            &cheap(),
            &Silent
        )
        .is_err()
    );
}

#[test]
fn restore_file_reports_a_missing_file_as_not_found() {
    let mut phone = Profile::new(12);
    let err = restore_file(
        &mut phone.store,
        &phone.key,
        &phone.dir.path().join("nope"),
        &pass(PASS),
        &Silent,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}

#[test]
fn a_restore_while_another_connection_holds_the_profile_changes_nothing() {
    let mut phone = Profile::generated(13, 10);
    let file = phone.backup();
    phone
        .store
        .write(|tx| crate::preferences::set(tx, "after", "backup"))
        .unwrap();
    let other = Store::open(phone.store.path(), &phone.key).unwrap();
    let before = phone.fingerprint();
    let err = phone.restore(&file, PASS).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Storage, "{err}");
    assert_eq!(phone.fingerprint(), before);
    // The session still writes normally, and once the other connection closes the restore works.
    phone
        .store
        .write(|tx| crate::preferences::set(tx, "still", "writable"))
        .unwrap();
    drop(other);
    phone.restore(&file, PASS).unwrap();
    assert_eq!(
        crate::preferences::get(phone.store.conn(), "after").unwrap(),
        None
    );
}
