use super::*;
use tempfile::TempDir;

fn key(byte: u8) -> DatabaseKey {
    DatabaseKey::from_bytes(&[byte; 32]).unwrap()
}

fn fresh(dir: &TempDir) -> (PathBuf, Store) {
    let path = dir.path().join("profile.db");
    let store = Store::open(&path, &key(7)).unwrap();
    (path, store)
}

fn all_bytes(path: &Path) -> Vec<u8> {
    profile_files(path)
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .flatten()
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// (type, name, sql) of every schema object, sorted: what "same schema" means.
fn schema_of(conn: &Connection) -> Vec<(String, String, String)> {
    let mut stmt = conn
        .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn a_new_store_is_encrypted_and_migrated_to_the_current_version() {
    let dir = TempDir::new().unwrap();
    let (path, store) = fresh(&dir);
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    store.integrity_check().unwrap();
    drop(store);
    let head = std::fs::read(&path).unwrap();
    assert!(
        !head.starts_with(b"SQLite format 3"),
        "the file header must be encrypted"
    );
}

#[test]
fn written_text_never_appears_in_the_file_or_its_wal() {
    let dir = TempDir::new().unwrap();
    let (path, mut store) = fresh(&dir);
    let canary = "CANARY-7f3a9e-private-words";
    store
        .write(|tx| {
            Ok(tx.execute(
                "INSERT INTO settings (key, value) VALUES ('note', ?1)",
                [canary],
            )?)
        })
        .unwrap();
    // Before a checkpoint the row lives in the WAL; after it, in the main file: check both.
    assert!(!contains(&all_bytes(&path), canary.as_bytes()));
    store.checkpoint().unwrap();
    assert!(!contains(&all_bytes(&path), canary.as_bytes()));
}

#[test]
fn a_wrong_key_is_refused_and_leaves_the_file_byte_for_byte_unchanged() {
    let dir = TempDir::new().unwrap();
    let (path, store) = fresh(&dir);
    store.checkpoint().unwrap();
    drop(store);
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, &key(8)).unwrap_err();
    assert!(matches!(err, Error::WrongKey), "got {err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // The right key still opens it afterwards.
    Store::open(&path, &key(7)).unwrap();
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = TempDir::new().unwrap();
    let (path, store) = fresh(&dir);
    store
        .conn()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    store.checkpoint().unwrap();
    drop(store);
    let before = all_bytes(&path);
    let err = Store::open(&path, &key(7)).unwrap_err();
    assert!(
        matches!(err, Error::UnsupportedVersion { found, supported, .. } if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION),
        "got {err:?}"
    );
    assert_eq!(all_bytes(&path), before);
}

#[test]
fn every_frozen_schema_fixture_migrates_to_the_fresh_schema() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/schema");
    let dir = TempDir::new().unwrap();
    let (_, current) = fresh(&dir);
    let expected = schema_of(current.conn());
    // Every released version has a frozen fixture; v1 always exists.
    let released: Vec<i64> = schema::versions()
        .into_iter()
        .filter(|v| fixtures.join(format!("v{v:04}.sql")).exists())
        .collect();
    assert!(released.contains(&1), "the v1 fixture is missing");
    for version in released {
        let sql = std::fs::read_to_string(fixtures.join(format!("v{version:04}.sql"))).unwrap();
        let path = dir.path().join(format!("old-v{version}.db"));
        {
            let conn = Connection::open(&path).unwrap();
            key(9).apply(&conn).unwrap();
            conn.execute_batch(&sql).unwrap();
        }
        let store = Store::open(&path, &key(9)).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(
            schema_of(store.conn()),
            expected,
            "schema after migrating v{version}"
        );
        store.integrity_check().unwrap();
        let kept: String = store
            .conn()
            .query_row(
                "SELECT value FROM settings WHERE key = 'fixture'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kept, "v1", "data from v{version} survives migration");
    }
}

#[test]
fn pragmas_are_set_as_the_design_requires() {
    let dir = TempDir::new().unwrap();
    let (_, store) = fresh(&dir);
    let get = |p: &str| -> String {
        store
            .conn()
            .query_row(&format!("PRAGMA {p}"), [], |r| {
                r.get::<_, rusqlite::types::Value>(0)
            })
            .map(|v| format!("{v:?}"))
            .unwrap()
    };
    assert_eq!(get("journal_mode"), "Text(\"wal\")");
    assert_eq!(get("foreign_keys"), "Integer(1)");
    assert_eq!(get("secure_delete"), "Integer(1)");
    assert_eq!(get("temp_store"), "Integer(2)");
}

#[test]
fn erase_removes_every_file_of_the_profile() {
    let dir = TempDir::new().unwrap();
    let (path, store) = fresh(&dir);
    store.erase().unwrap();
    for f in profile_files(&path) {
        assert!(!f.exists(), "{} still exists", f.display());
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn keys_must_be_32_bytes_and_never_print() {
    assert!(matches!(
        DatabaseKey::from_bytes(&[1; 31]),
        Err(Error::InvalidInput { .. })
    ));
    let k = DatabaseKey::from_hex(&"ab".repeat(32)).unwrap();
    assert_eq!(k.to_hex().as_str(), "ab".repeat(32));
    assert_eq!(format!("{k:?}"), "DatabaseKey(<redacted>)");
    assert!(DatabaseKey::from_hex("zz").is_err());
}
