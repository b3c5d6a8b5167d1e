//! The profiles crash runs start from: the harness key, a v4 database built from the frozen
//! schema fixture, a small profile written through the facade, a backup of it, and the
//! canonical dump used to compare whole profiles.

use std::path::Path;
use std::sync::Arc;

use reset_core::backup::{self, BackupOptions, KdfParams, Passphrase};
use reset_core::progress::Silent;
use reset_core::store::{DatabaseKey, Store};
use rusqlite::Connection;

use crate::workload::{self, Mix, SteppingClock};

/// The frozen v4 schema with its sample rows (tests/fixtures/schema, never edited).
pub const V4_SQL: &str = include_str!("../../../tests/fixtures/schema/v0004.sql");

/// The passphrase of every harness backup.
/// In the generated form, which the phone library accepts for a new backup (ADR 0011).
pub const PASSPHRASE: &str = "k7qfm-2xhbn-9rtwz-c4dep-yu3sg";

/// The harness's 32-byte database key (a test key; real keys come from the Keychain/Keystore).
pub fn key() -> [u8; 32] {
    let mut k = [0u8; 32];
    for (i, b) in k.iter_mut().enumerate() {
        *b = 0xA5 ^ (i as u8).wrapping_mul(29);
    }
    k
}

/// A different key, to prove the right one is needed.
pub fn wrong_key() -> [u8; 32] {
    let mut k = key();
    k[0] ^= 1;
    k
}

fn db_key(key: &[u8]) -> Result<DatabaseKey, String> {
    DatabaseKey::from_bytes(key).map_err(|e| e.to_string())
}

/// A plain SQLite connection keyed with `key`, bypassing the library (no migration, no
/// pragmas): how the verifier looks at a file exactly as the kill left it.
pub fn raw_connection(db: &Path, key: &[u8]) -> Result<Connection, String> {
    let conn = Connection::open(db).map_err(|e| format!("raw open: {e}"))?;
    let hex = db_key(key)?.to_hex();
    conn.execute_batch(&format!(
        "PRAGMA cipher_log_level = NONE; PRAGMA key = \"x'{}'\";",
        hex.as_str()
    ))
    .map_err(|e| format!("raw key: {e}"))?;
    Ok(conn)
}

/// Builds a schema-v4 profile at `db` from the frozen fixture (as an old app left it).
pub fn build_v4(db: &Path, key: &[u8]) -> Result<(), String> {
    let conn = raw_connection(db, key)?;
    conn.execute_batch(V4_SQL)
        .map_err(|e| format!("v4 fixture: {e}"))?;
    conn.execute_batch("PRAGMA journal_mode = WAL;")
        .map_err(|e| format!("v4 wal: {e}"))?;
    Ok(())
}

/// Writes ops `first..first + count` of `mix` into the profile at `db` (created if missing).
pub fn build_profile(
    db: &Path,
    key: &[u8],
    first: u64,
    count: u64,
    mix: Mix,
) -> Result<(), String> {
    let clock = Arc::new(SteppingClock::default());
    clock.at_op(first);
    let c = workload::open(db, key, clock.clone()).map_err(|e| e.to_string())?;
    for n in first..first + count {
        clock.at_op(n);
        workload::op(&c, n, mix).map_err(|e| format!("op {n}: {e}"))?;
    }
    c.close();
    Ok(())
}

/// Writes a backup of the profile at `db` to `out`, with a cheap KDF so restores are quick.
pub fn make_backup(db: &Path, key: &[u8], out: &Path) -> Result<(), String> {
    let k = db_key(key)?;
    let store = Store::open(db, &k).map_err(|e| e.to_string())?;
    let pass = Passphrase::new(PASSPHRASE).map_err(|e| e.to_string())?;
    let now = chrono_now()?;
    backup::create_file(
        &store,
        &k,
        out,
        &pass,
        now,
        &BackupOptions::with_kdf(KdfParams::cheap_for_tests()),
        &Silent,
    )
    .map_err(|e| e.to_string())?;
    Ok(())
}

fn chrono_now() -> Result<chrono::DateTime<chrono::Utc>, String> {
    reset_core::time::from_unix_ms(workload::BASE_MS, "now").map_err(|e| e.to_string())
}

/// The canonical dump of the profile at `db` (opened, and so migrated, by the library).
pub fn dump(db: &Path, key: &[u8]) -> Result<String, String> {
    let store = Store::open(db, &db_key(key)?).map_err(|e| format!("open for dump: {e}"))?;
    reset_core::dump::to_string(store.conn()).map_err(|e| format!("dump: {e}"))
}

/// Copies a closed profile (one file: closing the last connection removed its WAL).
pub fn copy_profile(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to).map_err(|e| format!("copy template: {e}"))?;
    Ok(())
}

/// The names of the tables in the file, read without migrating it.
pub fn table_names(db: &Path, key: &[u8]) -> Result<std::collections::BTreeSet<String>, String> {
    let conn = raw_connection(db, key)?;
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .map_err(|e| e.to_string())?;
    let names = stmt
        .query_map([], |r| r.get(0))
        .map_err(|e| e.to_string())?
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    Ok(names)
}
