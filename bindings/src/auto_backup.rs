//! Automatic backups opened with a recovery key (issue 21) through `Companion`. Thin: the core
//! does the work; this file parses the recovery key the shell passes and picks the folder.
//!
//! The shells keep the recovery key (Keychain `AfterFirstUnlockThisDeviceOnly`, a
//! Keystore-wrapped file on Android), and during a key rotation a second, pending one, and pass it to each call; the core never stores it. The
//! folder is the platform folder the device backup carries (iOS: a folder included in the
//! device backup; Android: the path the backup rules include), passed on every call.

use std::path::Path;
use std::sync::Arc;

use reset_core::ResetError;
use reset_core::auto_backup::rotation::{self, PreparedRotation, RotationSettlement};
use reset_core::auto_backup::{
    self, AutoBackupFile, AutoBackupRotation, AutoBackupRun, AutoBackupStatus, AutoRestoreSummary,
};
use reset_core::backup::{self as core_backup, BackupSecret, RecoveryKey};
use reset_core::error::Error;

use crate::backup::{Forward, ProgressListener};
use crate::companion::{Companion, guarded};

/// A prepared key rotation: the new key and what was prepared.
#[derive(uniffi::Record)]
pub struct RecoveryKeyRotation {
    /// The new recovery key (seven groups of four characters). Given once: store it as the
    /// pending key in the Keychain / Keystore at once, then show it to the person; it becomes
    /// the current key only after `commit_recovery_key_rotation`.
    pub recovery_key: String,
    /// The pending re-sealed file and the newer files that could not be re-sealed.
    pub prepared: PreparedRotation,
}

/// Reads a recovery key as typed (case, spaces and dashes do not matter; I/L read as 1, O as
/// 0) and returns it in its written form, seven groups of four joined by dashes. A wrong
/// length or a failed checksum throws `InvalidInput` on `recovery_key` before any file is
/// tried — the ceremony's confirmation and the restore screen check typing with it.
#[uniffi::export]
pub fn normalize_recovery_key(text: String) -> Result<String, ResetError> {
    let text = zeroize::Zeroizing::new(text);
    guarded(|| Ok(RecoveryKey::parse(&text)?.display().to_string()))
}

#[uniffi::export]
impl Companion {
    /// Turns automatic backups on and returns the new recovery key, once (128 random bits as
    /// seven groups of four characters). Store it in the Keychain / Keystore before showing
    /// it; the core keeps no copy. `folder` is remembered for shells that do not pass one.
    /// Already on is `Conflict` (rotate instead).
    pub fn turn_on_auto_backup(&self, folder: Option<String>) -> Result<String, ResetError> {
        self.with(|s| {
            let key = auto_backup::turn_on(&mut s.store, folder.as_deref())?;
            Ok(key.display().to_string())
        })
    }

    /// Turns automatic backups off. The files already written stay unless `delete_files`, in
    /// which case every automatic backup in `folder` is deleted; returns the deleted names.
    pub fn turn_off_auto_backup(
        &self,
        folder: Option<String>,
        delete_files: bool,
    ) -> Result<Vec<String>, ResetError> {
        self.with(|s| {
            auto_backup::turn_off(&mut s.store, folder.as_deref().map(Path::new), delete_files)
        })
    }

    /// Whether automatic backups are on, the files in `folder` (or the remembered folder),
    /// newest first, and whether a run now would write one.
    pub fn auto_backup_status(
        &self,
        folder: Option<String>,
    ) -> Result<AutoBackupStatus, ResetError> {
        self.with(|s| {
            let now = s.now()?;
            auto_backup::status(
                s.store.conn(),
                folder.as_deref().map(Path::new),
                now,
                s.zone,
            )
        })
    }

    /// Writes today's automatic backup into `folder` if automatic backups are on and none was
    /// written this local day, then keeps the last 7 daily and 4 weekly files. Call it after
    /// the first use each day and from the platform's background task; a second call the
    /// same day returns `NotDue` at once. `WrongKey` never happens here: the key only seals.
    pub fn run_auto_backup_if_due(
        &self,
        folder: String,
        recovery_key: String,
    ) -> Result<AutoBackupRun, ResetError> {
        let key =
            RecoveryKey::parse(&zeroize::Zeroizing::new(recovery_key)).map_err(ResetError::from)?;
        self.with(|s| {
            let now = s.now()?;
            auto_backup::run(
                &s.store,
                &s.key,
                Path::new(&folder),
                &key,
                now,
                s.zone,
                false,
                &reset_core::progress::Silent,
            )
        })
    }

    /// The automatic backups in `folder`, newest first.
    pub fn list_auto_backups(&self, folder: String) -> Result<Vec<AutoBackupFile>, ResetError> {
        guarded(|| auto_backup::list(Path::new(&folder)))
    }

    /// Replaces the whole profile with an automatic backup opened with the recovery key, after
    /// verifying all of it. `path` is the folder (the newest file that opens and passes every
    /// check is used; damaged newer ones are listed in `skipped`) or one backup file.
    /// `WrongKey` if the key opens none, `Corrupt` if every file is damaged, `NotFound` if
    /// there is none; in every such case the profile is exactly as it was.
    pub fn restore_auto_backup(
        &self,
        path: String,
        recovery_key: String,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<AutoRestoreSummary, ResetError> {
        let rk =
            RecoveryKey::parse(&zeroize::Zeroizing::new(recovery_key)).map_err(ResetError::from)?;
        let progress = Forward(listener);
        self.with(|s| {
            let key = s.key.clone();
            let now = s.now()?;
            let path = Path::new(&path);
            if path.is_dir() {
                return auto_backup::restore_newest(&mut s.store, &key, path, &rk, now, &progress);
            }
            let secret = BackupSecret::RecoveryKey(&rk);
            let restored =
                core_backup::restore_file_with(&mut s.store, &key, path, secret, &progress)?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .ok_or_else(|| Error::invalid("path", "must name a file or a folder"))?;
            Ok(AutoRestoreSummary {
                name,
                restored,
                skipped: Vec::new(),
            })
        })
    }

    /// Phase one of a key rotation: makes a new recovery key and re-seals the newest backup
    /// `recovery_key` (the current key) opens for it into a pending file, which is no backup
    /// yet. Every backup, and every run, stays under the current key until
    /// `commit_recovery_key_rotation`. Store the returned key as the *pending* key (Keychain /
    /// Keystore) before showing it; never as the current key yet. `Conflict` if backups are
    /// off or a rotation is already prepared; `WrongKey` if the current key opens no backup in
    /// a folder that has some (nothing is written then).
    pub fn prepare_recovery_key_rotation(
        &self,
        folder: String,
        recovery_key: String,
    ) -> Result<RecoveryKeyRotation, ResetError> {
        let old = parse_key(recovery_key)?;
        self.with(|s| {
            let (new, prepared) = rotation::prepare(&mut s.store, Path::new(&folder), &old)?;
            Ok(RecoveryKeyRotation {
                recovery_key: new.display().to_string(),
                prepared,
            })
        })
    }

    /// Phase two, once the pending key is stored (and shown): the newest backup becomes the
    /// new key's, every other backup (only the old key opens them) is deleted. Then make the
    /// pending key the current one. Idempotent: after a kill, call it again (or
    /// `settle_recovery_key_rotation`). `Conflict` if `new_key` is not the prepared key (drop
    /// it and discard); `WrongKey` if neither key opens any backup (nothing is deleted).
    pub fn commit_recovery_key_rotation(
        &self,
        folder: String,
        current_key: String,
        new_key: String,
    ) -> Result<AutoBackupRotation, ResetError> {
        let (old, new) = (parse_key(current_key)?, parse_key(new_key)?);
        self.with(|s| rotation::commit(&mut s.store, Path::new(&folder), &old, &new))
    }

    /// Abandons a prepared rotation (the person cancelled the new key's ceremony): the pending
    /// file goes, the current key keeps opening every backup. Drop the pending key after.
    /// Returns the deleted names.
    pub fn discard_recovery_key_rotation(&self, folder: String) -> Result<Vec<String>, ResetError> {
        self.with(|s| rotation::discard(&mut s.store, Some(Path::new(&folder))))
    }

    /// On launch and before the background run: settles a rotation a kill left between or
    /// inside the phases. Pass the stored pending key, if any: `Committed` → make it the
    /// current key; `Discarded` → drop the pending key; `AwaitingConfirmation` → resume the key
    /// ceremony (commit when the person confirms, discard if they cancel); `NothingPending` →
    /// nothing to do.
    pub fn settle_recovery_key_rotation(
        &self,
        folder: String,
        current_key: String,
        pending_key: Option<String>,
    ) -> Result<RotationSettlement, ResetError> {
        let current = parse_key(current_key)?;
        let pending = pending_key.map(parse_key).transpose()?;
        self.with(|s| {
            rotation::settle(&mut s.store, Path::new(&folder), &current, pending.as_ref())
        })
    }
}

/// A recovery key passed in by the shell, parsed without keeping the text.
fn parse_key(text: String) -> Result<RecoveryKey, ResetError> {
    RecoveryKey::parse(&zeroize::Zeroizing::new(text)).map_err(ResetError::from)
}

/// Rust-only calls for the CLI, whose automatic-backup folder another profile may share
/// (hostile review 3, F2); not exported to the phones, whose folder is the app's own.
impl Companion {
    /// [`Companion::auto_backup_status`] counting only the files `recovery_key` opens (this
    /// profile's): `last_backup`, `due` and `files` ignore another profile's backups.
    pub fn auto_backup_status_owned(
        &self,
        folder: Option<String>,
        recovery_key: String,
    ) -> Result<AutoBackupStatus, ResetError> {
        let key = parse_key(recovery_key)?;
        self.with(|s| {
            let now = s.now()?;
            auto_backup::status_for(
                s.store.conn(),
                folder.as_deref().map(Path::new),
                now,
                s.zone,
                Some(&key),
            )
        })
    }

    /// Undoes a `turn_on_auto_backup` whose first backup failed: off again, and the folder
    /// remembered before it (`None`: none) remembered again (hostile review 3, F15).
    pub fn undo_turn_on_auto_backup(
        &self,
        previous_folder: Option<String>,
    ) -> Result<(), ResetError> {
        self.with(|s| {
            s.store.write(|tx| {
                reset_core::preferences::set(tx, auto_backup::ENABLED_PREFERENCE, "false")?;
                match &previous_folder {
                    Some(f) => reset_core::preferences::set(tx, auto_backup::FOLDER_PREFERENCE, f),
                    None => reset_core::preferences::remove(tx, auto_backup::FOLDER_PREFERENCE),
                }
            })
        })
    }
}
