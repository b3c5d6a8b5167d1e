//! Replacing the current profile with a verified backup, atomically.
//!
//! The new database is built and checked in full beside the current one (a temp file in the
//! same folder, encrypted with the profile's key, migrated if the backup is older). Only then
//! is it renamed over the current file — one atomic `rename(2)` — and the store reopened.
//! Until that rename, every failure leaves the current files byte-for-byte as they were and
//! removes the temp file.

use std::path::Path;

use super::temp::TempFile;
use crate::auto_backup::kept::KeptSettings;
use crate::error::{Error, Result};
use crate::store::{DatabaseKey, Store, profile_files};

/// Opens the staged copy as a `Store` — which migrates an older schema in the temp file, so a
/// migration failure also happens before anything is replaced — closes it again and makes it
/// durable, ready for the rename. `kept` (the profile's own automatic-backup settings) is
/// written into the copy after the migration.
pub(crate) fn migrate_staged(
    temp: &TempFile,
    key: &DatabaseKey,
    from_version: i64,
    kept: Option<&KeptSettings>,
) -> Result<i64> {
    // `Store::open` creates a missing file: if the staged copy vanished, an empty database
    // must not be migrated and swapped in as the profile.
    if !temp.path().is_file() {
        return Err(Error::Storage {
            reason: "the restored copy disappeared before it was checked".into(),
        });
    }
    let mut store = Store::open_unlocked(temp.path(), key)?;
    let version = store.schema_version()?;
    if version != from_version {
        // The copy was checked before; only a migration can have changed it since.
        store.integrity_check()?;
    }
    if let Some(kept) = kept {
        store.write(|tx| kept.apply(tx))?;
    }
    drop(store);
    std::fs::File::open(temp.path())?.sync_all()?;
    // Closing the last connection checkpoints the WAL and deletes -wal and -shm; a leftover
    // side file would belong to the wrong database after the rename, so it is an error.
    for side in profile_files(temp.path()).iter().skip(1) {
        if side.exists() {
            return Err(Error::Storage {
                reason: "the restored copy could not be closed cleanly".into(),
            });
        }
    }
    Ok(version)
}

/// Swaps the staged copy into place under the live `store` and reopens it.
///
/// The live connection is first switched out of WAL mode (which checkpoints and deletes its
/// -wal and -shm, so no stale side file can be read as part of the new database), and set
/// read-only so it can never write to the file it held once that file is replaced. If another
/// connection holds the profile the switch fails and nothing has changed.
pub(crate) fn swap_in(store: &mut Store, temp: TempFile, key: &DatabaseKey) -> Result<()> {
    let target = store.path().to_path_buf();
    let conn = store.conn();
    // Leaving WAL checkpoints first; it needs the only connection, so if another holds the
    // profile it fails here and the files are as they were.
    let mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        let _ = conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()));
        return Err(Error::Storage {
            reason: "the profile is open elsewhere; close it there and try again".into(),
        });
    }
    conn.execute_batch("PRAGMA query_only = ON;")?;
    if let Err(e) = std::fs::rename(temp.path(), &target) {
        let _ = conn.execute_batch("PRAGMA query_only = OFF;");
        let _ = conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()));
        return Err(e.into());
    }
    temp.keep();
    sync_folder(&target);
    // The old connection now reads an unlinked file; replace it with one on the new file.
    // The restore's exclusive lock moves to the new store, so nothing opens in between.
    let mut fresh = Store::open_unlocked(&target, key)?;
    store.hand_lock_to(&mut fresh);
    let old = std::mem::replace(store, fresh);
    drop(old);
    Ok(())
}

/// Makes the rename durable (best effort: not every platform can fsync a folder).
fn sync_folder(file: &Path) {
    if let Some(handle) = file.parent().and_then(|dir| std::fs::File::open(dir).ok()) {
        let _ = handle.sync_all();
    }
}
