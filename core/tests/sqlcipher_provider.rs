//! SQLCipher's crypto provider (ADR 0004): which one is linked, that it keeps SQLCipher 4's
//! default format, that databases written by the earlier OpenSSL build still open, and that
//! salts and IVs come from a properly seeded generator.
//!
//! Every test holds `SERIAL`: SQLCipher's libtomcrypt provider restarts and reseeds its
//! Fortuna generator only when no keyed connection is open, and the salt test relies on that.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use reset_core::Error;
use reset_core::checkin;
use reset_core::journal::search;
use reset_core::store::{DatabaseKey, Store};
use tempfile::TempDir;

static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The key `tests/fixtures/db/README.md` documents for `openssl-v5.db`.
const FIXTURE_KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

/// SQLCipher 4's page size and per-page reserve: 16-byte IV + 64-byte HMAC-SHA512.
const PAGE: usize = 4096;
const IV: usize = 16;
const RESERVE: usize = IV + 64;

fn fixture_copy(dir: &TempDir) -> PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/db/openssl-v5.db");
    let path = dir.path().join("profile.db");
    std::fs::copy(fixture, &path).unwrap();
    path
}

fn fresh_store() -> (TempDir, Store) {
    let dir = TempDir::new().unwrap();
    let key = DatabaseKey::from_bytes(&[7; 32]).unwrap();
    let store = Store::open(&dir.path().join("p.db"), &key).unwrap();
    (dir, store)
}

fn text(store: &Store, sql: &str) -> String {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn the_provider_is_libtomcrypt_off_apple_and_commoncrypto_on_apple() {
    let _serial = serial();
    let (_dir, store) = fresh_store();
    if cfg!(target_vendor = "apple") {
        assert_eq!(text(&store, "PRAGMA cipher_provider"), "commoncrypto");
    } else {
        assert_eq!(text(&store, "PRAGMA cipher_provider"), "libtomcrypt");
        assert_eq!(text(&store, "PRAGMA cipher_provider_version"), "1.18.2");
    }
}

#[test]
fn new_databases_keep_sqlcipher_4_defaults() {
    let _serial = serial();
    let (_dir, store) = fresh_store();
    assert_eq!(text(&store, "PRAGMA cipher_page_size"), PAGE.to_string());
    assert_eq!(text(&store, "PRAGMA cipher_hmac_algorithm"), "HMAC_SHA512");
    assert_eq!(
        text(&store, "PRAGMA cipher_kdf_algorithm"),
        "PBKDF2_HMAC_SHA512"
    );
    assert_eq!(text(&store, "PRAGMA kdf_iter"), "256000");
}

#[test]
fn a_database_written_by_the_openssl_build_opens_and_reads_back() {
    let _serial = serial();
    let dir = TempDir::new().unwrap();
    let path = fixture_copy(&dir);
    let key = DatabaseKey::from_hex(FIXTURE_KEY).unwrap();
    let store = Store::open(&path, &key).unwrap();

    // Every page's HMAC verifies under this provider: no rows means no failures.
    let mut stmt = store
        .conn()
        .prepare("PRAGMA cipher_integrity_check")
        .unwrap();
    let failures: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(failures.is_empty(), "{failures:?}");
    store.integrity_check().unwrap();

    let note = checkin::get(store.conn(), "ci_ab794e1cf52f5824d15a58c2").unwrap();
    assert_eq!(note.mood, 5);
    assert_eq!(
        note.note.as_deref(),
        Some("fixture written by the OpenSSL build")
    );
    let hits = search::search(store.conn(), "river", None).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "je_11e7d40508d13a5262d51628");
}

#[test]
fn the_openssl_fixture_refuses_a_wrong_key() {
    let _serial = serial();
    let dir = TempDir::new().unwrap();
    let path = fixture_copy(&dir);
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, &DatabaseKey::from_bytes(&[1; 32]).unwrap()).unwrap_err();
    assert!(matches!(err, Error::WrongKey), "got {err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn salts_and_ivs_never_repeat_across_restarts_of_the_generator() {
    let _serial = serial();
    let dir = TempDir::new().unwrap();
    let key = DatabaseKey::from_bytes(&[9; 32]).unwrap();
    let mut salts = HashSet::new();
    let mut ivs = HashSet::new();
    for i in 0..4 {
        // Each store is closed before the next opens, so the provider's Fortuna generator is
        // stopped and started again from a fresh OS seed: a constant or missing seed would
        // hand every file the same salt and the same first IVs.
        let path = dir.path().join(format!("p{i}.db"));
        let store = Store::open(&path, &key).unwrap();
        store.checkpoint().unwrap();
        drop(store);
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.len() >= 2 * PAGE);
        assert!(salts.insert(bytes[..16].to_vec()), "salt repeated in {i}");
        for page in bytes.chunks_exact(PAGE) {
            let iv = &page[PAGE - RESERVE..PAGE - RESERVE + IV];
            assert!(ivs.insert(iv.to_vec()), "IV repeated in {i}");
        }
    }
}
