//! Rotating the recovery key in two phases (issue 21), so that no moment exists when the
//! newest backup is sealed for a key nobody holds.
//!
//! 1. [`prepare`] makes the new key, re-seals the newest backup the old key opens (verified in
//!    full) into a *pending* file, `reset-rotate-<that backup's stamp>.rcbackup`, which is no
//!    backup (never listed, restored or pruned), and records in the profile a one-way check of
//!    the new key (a salt and the key check a backup header would hold) — never the key.
//!    Every backup, and every run until the commit, stays sealed for the old key.
//! 2. The shell stores the new key as *pending* (Keychain / Keystore, the CLI's pending key
//!    file) and shows it to the person, who confirms it (the key ceremony) or cancels
//!    ([`discard`]).
//! 3. [`commit`], with both keys: renames the pending file over the backup it re-seals (one
//!    atomic rename: that backup now opens with the new key only) — or, if a run wrote a newer
//!    backup meanwhile, re-seals that one in place — deletes every other backup (only the old
//!    key opens them) and clears the record. Only then does the shell make the new key its
//!    current one.
//!
//! A kill at any point leaves a state the next launch settles ([`settle`]): a prepared
//! rotation whose key the shell never stored is [`discard`]ed (the pending file goes; the old
//! key still opens every backup); one whose key it stored waits for the resumed ceremony; one
//! whose commit had begun (the record says so before the folder changes) is finished —
//! commit is idempotent, and a commit killed half way is finished by the next (`tools/reliability`'s `rotation` mode
//! kills it at random points). Must never: store, log or return a key, except the new one
//! [`prepare`] hands to the shell once.

use std::path::Path;

use rusqlite::Connection;

use super::names::{self, parse_pending, pending_file_name};
use super::{
    AutoBackupFile, AutoBackupRotation, SkippedBackup, can_skip, list, none_usable, read_bounded,
    remove, skip,
};
use crate::backup::{self, RecoveryKey};
use crate::error::{Error, Result};
use crate::outfile::Writing;
use crate::preferences;
use crate::store::Store;

/// The preference recording a rotation: `prepared|committing:hkdf-sha256:<salt hex>:<key
/// check hex>`, its phase and a one-way check of the new key (as a backup header holds one),
/// never the key.
pub const ROTATION_PREFERENCE: &str = "auto_backup.rotation";

const RECORD_TAG: &str = "hkdf-sha256";

/// What [`prepare`] did (the new key itself is returned beside it, once).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PreparedRotation {
    /// The newest backup re-sealed for the new key, as a pending file (not a backup until the
    /// commit); none if the folder held no backup yet.
    pub pending: Option<AutoBackupFile>,
    /// Newer files that could not be re-sealed (damaged, another key), and why.
    pub skipped: Vec<SkippedBackup>,
}

/// What [`settle`] did with a rotation a kill or a cancelled ceremony left.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum RotationSettlement {
    /// No rotation was pending; the current key stays.
    NothingPending,
    /// The new key is stored as pending and the rotation only prepared (no backup changed):
    /// the shell resumes the key ceremony — shows the pending key again after device
    /// authentication — and commits when the person confirms it, or discards if they cancel.
    AwaitingConfirmation,
    /// The pending key's rotation was committed (its commit had begun, or had finished
    /// before the shell promoted the key): the shell now makes the pending key its current key.
    Committed {
        /// What the commit did.
        rotation: AutoBackupRotation,
    },
    /// The rotation was abandoned: the shell drops its pending key, if it holds one; the
    /// current key opens every backup.
    Discarded {
        /// The pending files deleted.
        removed: Vec<String>,
    },
}

/// Settles whatever a kill left between or inside the phases, on launch and before any run.
/// With the shell's `pending` key: a rotation still only prepared is left alone
/// ([`RotationSettlement::AwaitingConfirmation`]: the person confirms the key in the resumed
/// ceremony, then the shell commits, or cancels and it is discarded); one whose commit had
/// begun is finished (commit is idempotent); a pending key no rotation made is dropped (the
/// rotation, if any, discarded). Without a pending key the rotation is discarded. Stray
/// pending files of a prepare killed before it recorded itself are deleted either way.
/// Errors other than a stale key (a folder no key opens, storage) leave everything as it
/// was, so the next launch tries again.
pub fn settle(
    store: &mut Store,
    folder: &Path,
    current: &RecoveryKey,
    pending: Option<&RecoveryKey>,
) -> Result<RotationSettlement> {
    let record = Record::read(store.conn())?;
    if let Some(new) = pending {
        if let Some(r) = &record
            && r.phase == Phase::Prepared
            && r.is_for(new)?
        {
            return Ok(RotationSettlement::AwaitingConfirmation);
        }
        match commit(store, folder, current, new) {
            Ok(rotation) => return Ok(RotationSettlement::Committed { rotation }),
            Err(e) if e.kind() == crate::error::ErrorKind::Conflict => {}
            Err(e) => return Err(e),
        }
    } else if record.is_none() {
        remove_pending_files(folder)?;
        return Ok(RotationSettlement::NothingPending);
    }
    Ok(RotationSettlement::Discarded {
        removed: discard(store, Some(folder))?,
    })
}

/// Whether a rotation is prepared and not yet committed or discarded.
pub fn is_pending(conn: &Connection) -> Result<bool> {
    Ok(preferences::get(conn, ROTATION_PREFERENCE)?.is_some())
}

/// Where a recorded rotation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Prepared: no backup has changed; the person may still confirm or cancel the new key.
    Prepared,
    /// The commit has begun changing the folder: only finishing it is safe.
    Committing,
}

/// The recorded rotation: its phase and a one-way check of its new key.
struct Record {
    phase: Phase,
    salt: [u8; 16],
    check: String,
}

impl Record {
    fn read(conn: &Connection) -> Result<Option<Record>> {
        let Some(value) = preferences::get(conn, ROTATION_PREFERENCE)? else {
            return Ok(None);
        };
        let damaged = || Error::Corrupt {
            reason: "the prepared key rotation's record is damaged; discard the rotation".into(),
        };
        let parts: Vec<&str> = value.split(':').collect();
        let (phase, tag, salt, check) = match parts.as_slice() {
            ["prepared", tag, salt, check] => (Phase::Prepared, *tag, *salt, *check),
            ["committing", tag, salt, check] => (Phase::Committing, *tag, *salt, *check),
            _ => return Err(damaged()),
        };
        let mut salt_bytes = [0u8; 16];
        if tag != RECORD_TAG || hex::decode_to_slice(salt, &mut salt_bytes).is_err() {
            return Err(damaged());
        }
        Ok(Some(Record {
            phase,
            salt: salt_bytes,
            check: check.to_string(),
        }))
    }

    fn new(key: &RecoveryKey) -> Result<Record> {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt)
            .map_err(|_| Error::internal("the system random source failed"))?;
        let check = hex::encode(backup::recovery_key_check(key, &salt)?);
        Ok(Record {
            phase: Phase::Prepared,
            salt,
            check,
        })
    }

    fn is_for(&self, key: &RecoveryKey) -> Result<bool> {
        Ok(hex::encode(backup::recovery_key_check(key, &self.salt)?) == self.check)
    }

    fn write(&self, store: &mut Store) -> Result<()> {
        let phase = match self.phase {
            Phase::Prepared => "prepared",
            Phase::Committing => "committing",
        };
        let value = format!(
            "{phase}:{RECORD_TAG}:{}:{}",
            hex::encode(self.salt),
            self.check
        );
        store.write(|tx| preferences::set(tx, ROTATION_PREFERENCE, &value))
    }
}

/// Whether `key` is the new key of the recorded rotation (`false` if none is recorded).
pub fn is_prepared_key(conn: &Connection, key: &RecoveryKey) -> Result<bool> {
    match Record::read(conn)? {
        Some(record) => record.is_for(key),
        None => Ok(false),
    }
}

/// Phase one: makes the new recovery key and re-seals the newest backup `old` opens for it
/// into a pending file (verified in full first), then records the rotation in the profile.
/// Nothing a restore reads changes: every backup still opens with `old` only. Returns the new
/// key, once, for the shell to store as pending and show. `conflict` if automatic backups are
/// off or a rotation is already prepared (commit or discard it first); `wrong_key` if `old`
/// opens no backup in a folder that has some (nothing is written then).
pub fn prepare(
    store: &mut Store,
    folder: &Path,
    old: &RecoveryKey,
) -> Result<(RecoveryKey, PreparedRotation)> {
    if !super::settings(store.conn())?.enabled {
        return Err(Error::conflict(
            "automatic backups are off; turn them on to get a recovery key",
        ));
    }
    if is_pending(store.conn())? {
        return Err(Error::conflict(
            "a key rotation is already prepared; commit it with the key it made, or discard it",
        ));
    }
    let new = RecoveryKey::generate()?;
    // What a prepare killed before it recorded itself left.
    remove_pending_files(folder)?;
    let files = list(folder)?;
    let mut skipped = Vec::new();
    let mut first_error = None;
    let mut pending = None;
    for file in &files {
        let sealed = read_bounded(&folder.join(&file.name))
            .and_then(|bytes| backup::reseal_automatic(&bytes, old, &new));
        match sealed {
            Ok((bytes, _)) => {
                let name = pending_file_name(file.created_at.0);
                crate::outfile::write_bytes(
                    store.path(),
                    &folder.join(&name),
                    Writing::Backup,
                    &bytes,
                )?;
                pending = Some(AutoBackupFile {
                    name,
                    created_at: file.created_at,
                    bytes: bytes.len() as u64,
                });
                break;
            }
            Err(e) if can_skip(&e) => {
                skipped.push(skip(&file.name, &e));
                first_error.get_or_insert(e);
            }
            Err(e) => return Err(e),
        }
    }
    if pending.is_none() && !files.is_empty() {
        return Err(none_usable(&skipped, first_error));
    }
    if let Err(e) = Record::new(&new).and_then(|r| r.write(store)) {
        let _ = remove_pending_files(folder);
        return Err(e);
    }
    Ok((new, PreparedRotation { pending, skipped }))
}

/// Phase two, after the shell has stored `new`: the newest backup becomes `new`'s (the pending
/// file renamed over it, or — if a run wrote a newer backup with `old` meanwhile — that one
/// re-sealed in place, verified in full), every other backup the old key opens and every pending
/// file is deleted (another profile's backups in a shared folder stay), and the record is cleared. Idempotent: run again after a kill, it finishes what is left and
/// changes nothing once done. `conflict` if `new` is neither the prepared key nor the key the
/// folder's backups are already sealed for (the shell then drops it and discards); `wrong_key`
/// if neither key opens any backup in a folder that has some (nothing is deleted then).
pub fn commit(
    store: &mut Store,
    folder: &Path,
    old: &RecoveryKey,
    new: &RecoveryKey,
) -> Result<AutoBackupRotation> {
    let files = list(folder)?;
    let opens_new = |name: &str| backup::check_recovery_key(&folder.join(name), new).is_ok();
    let record = Record::read(store.conn())?;
    let recorded = match &record {
        Some(r) => r.is_for(new)?,
        None => false,
    };
    if !recorded && !files.iter().any(|f| opens_new(&f.name)) {
        return Err(Error::conflict(
            "no prepared key rotation made this recovery key; discard the rotation",
        ));
    }
    // From here on the folder changes: a settle after a kill must finish, never discard.
    if let Some(mut r) = record.filter(|r| recorded && r.phase == Phase::Prepared) {
        r.phase = Phase::Committing;
        r.write(store)?;
    }
    let mut skipped = Vec::new();
    let mut first_error = None;
    let mut kept = None;
    for file in &files {
        let target = folder.join(&file.name);
        if opens_new(&file.name) {
            kept = Some(file.clone());
            break;
        }
        let pending = folder.join(pending_file_name(file.created_at.0));
        let prepared = std::fs::symlink_metadata(&pending).is_ok_and(|m| m.is_file())
            && backup::check_recovery_key(&pending, new).is_ok();
        if prepared {
            std::fs::rename(&pending, &target)?;
            crate::outfile::sync_folder(folder);
            kept = Some(AutoBackupFile {
                bytes: std::fs::metadata(&target)?.len(),
                ..file.clone()
            });
            break;
        }
        let sealed =
            read_bounded(&target).and_then(|bytes| backup::reseal_automatic(&bytes, old, new));
        match sealed {
            Ok((bytes, _)) => {
                crate::outfile::write_bytes(store.path(), &target, Writing::Backup, &bytes)?;
                kept = Some(AutoBackupFile {
                    bytes: bytes.len() as u64,
                    ..file.clone()
                });
                break;
            }
            Err(e) if can_skip(&e) => {
                skipped.push(skip(&file.name, &e));
                first_error.get_or_insert(e);
            }
            Err(e) => return Err(e),
        }
    }
    if kept.is_none() && !files.is_empty() {
        return Err(none_usable(&skipped, first_error));
    }
    let mut removed = Vec::new();
    for file in files {
        if kept.as_ref().is_some_and(|k| k.name == file.name) {
            continue;
        }
        // Only what the old key opens: a file another profile sharing the folder wrote, or a
        // damaged one, is not provably this profile's and stays (hostile review 3, F2).
        if !super::opens_with(folder, &file.name, old) {
            continue;
        }
        remove(folder, &file.name)?;
        removed.push(file.name);
    }
    remove_pending_files(folder)?;
    crate::outfile::sync_folder(folder);
    store.write(|tx| preferences::remove(tx, ROTATION_PREFERENCE))?;
    Ok(AutoBackupRotation {
        file: kept,
        removed,
        skipped,
    })
}

/// Abandons a prepared rotation: its pending files in `folder` (if given) are deleted and the
/// record cleared; the old key goes on opening every backup. Returns the deleted names. What a
/// shell does on launch when a rotation is pending and it holds no pending key (killed before
/// it stored it), and when the person cancels the new key's ceremony.
pub fn discard(store: &mut Store, folder: Option<&Path>) -> Result<Vec<String>> {
    let removed = match folder {
        Some(folder) => remove_pending_files(folder)?,
        None => Vec::new(),
    };
    store.write(|tx| preferences::remove(tx, ROTATION_PREFERENCE))?;
    Ok(removed)
}

/// Deletes every pending rotation file in `folder` (only names that parse exactly).
pub(super) fn remove_pending_files(folder: &Path) -> Result<Vec<String>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut removed = Vec::new();
    for entry in entries {
        let name = entry?.file_name();
        let Some(name) = name.to_str().filter(|n| parse_pending(n).is_some()) else {
            continue;
        };
        match std::fs::remove_file(folder.join(name)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => removed.push(name.to_string()),
        }
    }
    removed.sort();
    Ok(removed)
}

/// Whether `name` is a pending rotation file's name.
pub fn is_pending_file_name(name: &str) -> bool {
    names::parse_pending(name).is_some()
}
