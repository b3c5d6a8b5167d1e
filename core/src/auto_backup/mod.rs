//! Automatic encrypted backups opened with a recovery key (issue 21): so a lost or replaced
//! phone loses nothing, without a server of our own.
//!
//! Once turned on, a backup is written after the first use each local day into a folder the
//! platform's own backup carries (iCloud device backup, Android Auto Backup), keeping the last
//! 7 daily and 4 weekly files, fewer if they would take more than 20 MiB together (Android
//! Auto Backup's quota is 25 MB) ([`policy`]). Each file is the manual backup's container sealed
//! under the 128-bit recovery key through HKDF-SHA256 ([`crate::backup::create_automatic`]);
//! written with the guarded atomic writer, so a crash leaves the previous files and never a
//! partial one under a backup's name ([`names`]). Restore takes the newest file that opens and
//! passes every check, saying which newer ones it skipped and why; rotating the key re-seals
//! the newest backup for the new key and deletes the files only the old key opens, in two
//! phases, so a kill between them never leaves the newest backup under a key nobody holds
//! ([`rotation`]).
//!
//! The on/off switch and the folder are preferences inside the profile; the recovery key is
//! not — the shells keep it (Keychain, Keystore-wrapped storage, the CLI's 0600 file beside the
//! profile) and pass it to each call. Must never: store, log or return the recovery key except
//! from [`turn_on`] and [`rotation::prepare`], which hand a new one to the shell once.

pub(crate) mod kept;
mod names;
pub mod policy;
pub mod rotation;

use std::path::{Path, PathBuf};

use crate::time::Tz;
use chrono::{DateTime, Utc};
use rusqlite::Connection;

pub use names::{PENDING_PREFIX, PREFIX, SUFFIX, file_name, pending_file_name};
pub use policy::{
    KEEP_DAILY, KEEP_WEEKLY, MAX_FOLDER_BYTES, files_to_keep, is_backup_due, within_budget,
};

use crate::backup::{self, BackupSecret, BackupSummary, RecoveryKey, RestoreSummary};
use crate::error::{Error, ErrorKind, Result};
use crate::outfile::Writing;
use crate::preferences;
use crate::progress::Progress;
use crate::store::{DatabaseKey, Store};
use crate::time::Timestamp;

/// The preference saying whether automatic backups are on (`true`/`false`).
pub const ENABLED_PREFERENCE: &str = "auto_backup.enabled";
/// The preference holding the folder the CLI writes automatic backups into (the phones pass
/// their platform folder to each call instead: an app container's path changes on restore).
pub const FOLDER_PREFERENCE: &str = "auto_backup.folder";

/// One automatic backup file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AutoBackupFile {
    /// The file name (no user text: `reset-auto-<UTC time>.rcbackup`).
    pub name: String,
    /// When it was written (from its name).
    pub created_at: Timestamp,
    /// Its size in bytes.
    pub bytes: u64,
}

/// The automatic-backup settings stored in the profile.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AutoBackupSettings {
    /// Whether automatic backups are on.
    pub enabled: bool,
    /// The folder the CLI writes into, if one was chosen.
    pub folder: Option<String>,
}

/// The settings and what is in the folder.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AutoBackupStatus {
    /// Whether automatic backups are on.
    pub enabled: bool,
    /// The folder looked at.
    pub folder: Option<String>,
    /// When the newest backup was written, if there is one.
    pub last_backup: Option<Timestamp>,
    /// Whether a run now would write a backup (on, and none yet today).
    pub due: bool,
    /// Whether a key rotation is prepared and not yet committed or discarded: the shell
    /// commits it if it holds the pending key, else discards it ([`rotation`]).
    pub rotation_pending: bool,
    /// The files, newest first.
    pub files: Vec<AutoBackupFile>,
}

/// What a run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum AutoBackupOutcome {
    /// A backup was written.
    Written,
    /// Today's backup exists already.
    NotDue,
    /// Automatic backups are off; nothing was written.
    Off,
}

/// The result of [`run`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AutoBackupRun {
    /// What happened.
    pub outcome: AutoBackupOutcome,
    /// The file written, if one was.
    pub file: Option<AutoBackupFile>,
    /// What it holds, if one was written.
    pub summary: Option<BackupSummary>,
    /// Older files deleted by the 7 daily + 4 weekly rule.
    pub removed: Vec<String>,
}

/// A newer file a restore or a rotation could not use, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SkippedBackup {
    /// The file's name.
    pub name: String,
    /// Why: `corrupt`, `wrong_key` or `unsupported_version`.
    pub kind: ErrorKind,
    /// The reason, safe to show (no user content).
    pub reason: String,
}

/// What a restore from the automatic backups brought back.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AutoRestoreSummary {
    /// The file restored.
    pub name: String,
    /// What it held.
    pub restored: RestoreSummary,
    /// Newer files that could not be used (damaged, another key, a newer app), newest first.
    pub skipped: Vec<SkippedBackup>,
}

/// What committing a key rotation did ([`rotation::commit`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AutoBackupRotation {
    /// The newest backup, now sealed for the new key (none if the folder held no backup).
    pub file: Option<AutoBackupFile>,
    /// Files deleted because only the old key opens them.
    pub removed: Vec<String>,
    /// Newer files that could not be re-sealed, and why.
    pub skipped: Vec<SkippedBackup>,
}

/// Whether `name` is exactly an automatic backup's file name.
pub fn is_file_name(name: &str) -> bool {
    names::parse(name).is_some()
}

/// The stored settings.
pub fn settings(conn: &Connection) -> Result<AutoBackupSettings> {
    Ok(AutoBackupSettings {
        enabled: preferences::get(conn, ENABLED_PREFERENCE)?.as_deref() == Some("true"),
        folder: preferences::get(conn, FOLDER_PREFERENCE)?,
    })
}

/// Turns automatic backups on and returns the new recovery key, once: the shell shows it to
/// the person and keeps it in its secure storage. `folder` (the CLI's) is remembered if
/// given. Already on is `conflict`: a second key would strand the backups the first opens —
/// rotate instead.
pub fn turn_on(store: &mut Store, folder: Option<&str>) -> Result<RecoveryKey> {
    if settings(store.conn())?.enabled {
        return Err(Error::conflict(
            "automatic backups are already on; rotate the recovery key to get a new one",
        ));
    }
    let key = RecoveryKey::generate()?;
    store.write(|tx| {
        preferences::set(tx, ENABLED_PREFERENCE, "true")?;
        match folder {
            Some(f) => preferences::set(tx, FOLDER_PREFERENCE, f),
            None => Ok(()),
        }
    })?;
    Ok(key)
}

/// Turns automatic backups off. The files already written stay (they are encrypted); with
/// `delete_files`, every automatic backup in `folder` is deleted too. A prepared key rotation
/// is discarded (its pending files in `folder` deleted). Returns what was deleted.
pub fn turn_off(
    store: &mut Store,
    folder: Option<&Path>,
    delete_files: bool,
) -> Result<Vec<String>> {
    store.write(|tx| preferences::set(tx, ENABLED_PREFERENCE, "false"))?;
    let mut removed = rotation::discard(store, folder)?;
    if let (true, Some(folder)) = (delete_files, folder) {
        for file in list(folder)? {
            remove(folder, &file.name)?;
            removed.push(file.name);
        }
        crate::outfile::sync_folder(folder);
    }
    Ok(removed)
}

/// The automatic backups in `folder`, newest first: regular files whose name is exactly an
/// automatic backup's. A missing folder holds none.
pub fn list(folder: &Path) -> Result<Vec<AutoBackupFile>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let Some(created_at) = name.to_str().and_then(names::parse) else {
            continue;
        };
        let meta = std::fs::symlink_metadata(entry.path())?;
        if meta.file_type().is_file() {
            files.push(AutoBackupFile {
                name: name.to_string_lossy().into_owned(),
                created_at,
                bytes: meta.len(),
            });
        }
    }
    files.sort_by_key(|f| std::cmp::Reverse(f.created_at));
    Ok(files)
}

/// Whether the automatic backup `name` in `folder` is sealed for `key`: the file carries a
/// check of the key it was sealed for, so this tells this profile's backups from another's in
/// a folder they share (hostile review 3, F2) without decrypting anything.
pub fn opens_with(folder: &Path, name: &str, key: &RecoveryKey) -> bool {
    backup::check_recovery_key(&folder.join(name), key).is_ok()
}

/// The automatic backups in `folder` that `key` opens, newest first: this profile's. Files
/// another profile sharing the folder wrote (another key) are never counted, pruned, rotated
/// or deleted for this one; a damaged file is nobody's provably, so it is left alone too.
pub fn list_owned(folder: &Path, key: &RecoveryKey) -> Result<Vec<AutoBackupFile>> {
    Ok(list(folder)?
        .into_iter()
        .filter(|f| opens_with(folder, &f.name, key))
        .collect())
}

/// Deletes the automatic backups in `folder` that `key` opens (this profile's, never another
/// profile's in a shared folder); returns the deleted names and the names left because
/// another key seals them or they are damaged.
pub fn remove_owned(folder: &Path, key: &RecoveryKey) -> Result<(Vec<String>, Vec<String>)> {
    let (mut removed, mut left) = (Vec::new(), Vec::new());
    for file in list(folder)? {
        if opens_with(folder, &file.name, key) {
            remove(folder, &file.name)?;
            removed.push(file.name);
        } else {
            left.push(file.name);
        }
    }
    if !removed.is_empty() {
        crate::outfile::sync_folder(folder);
    }
    Ok((removed, left))
}

/// `files` (newest first by name) with those dated after `now` moved to the end: a file
/// stamped in the future by a clock that was wrong once is never "the newest" — not for a
/// restore, nor for `last_backup` (hostile review 3, F3).
pub fn newest_first_at(mut files: Vec<AutoBackupFile>, now: DateTime<Utc>) -> Vec<AutoBackupFile> {
    files.sort_by_key(|f| (f.created_at.0 > now, std::cmp::Reverse(f.created_at)));
    files
}

/// The settings and the files in `folder` (the stored folder if `None`), and whether a run
/// at `now` would write a backup.
pub fn status(
    conn: &Connection,
    folder: Option<&Path>,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<AutoBackupStatus> {
    status_for(conn, folder, now, zone, None)
}

/// [`status`] counting only the files `owner` opens when it is given (the CLI, whose folder
/// another profile may share); the newest is the newest not dated after `now`.
pub fn status_for(
    conn: &Connection,
    folder: Option<&Path>,
    now: DateTime<Utc>,
    zone: Tz,
    owner: Option<&RecoveryKey>,
) -> Result<AutoBackupStatus> {
    let stored = settings(conn)?;
    let folder: Option<PathBuf> = folder
        .map(Path::to_path_buf)
        .or_else(|| stored.folder.as_ref().map(PathBuf::from));
    let files = match (&folder, owner) {
        (Some(f), Some(key)) => list_owned(f, key)?,
        (Some(f), None) => list(f)?,
        (None, _) => Vec::new(),
    };
    let files = newest_first_at(files, now);
    let last_backup = files.first().map(|f| f.created_at);
    Ok(AutoBackupStatus {
        enabled: stored.enabled,
        folder: folder.map(|f| f.to_string_lossy().into_owned()),
        last_backup,
        due: stored.enabled && is_backup_due(last_backup, Timestamp(now), zone),
        rotation_pending: rotation::is_pending(conn)?,
        files,
    })
}

/// Writes today's automatic backup into `folder` if automatic backups are on and it is due
/// (or `force`), then deletes what the 7 daily + 4 weekly rule no longer keeps and sweeps
/// temporary files a killed run left (the guarded writer's lock-based sweep). The folder is created (0700) if missing.
#[allow(clippy::too_many_arguments)]
pub fn run(
    store: &Store,
    key: &DatabaseKey,
    folder: &Path,
    recovery_key: &RecoveryKey,
    now: DateTime<Utc>,
    zone: Tz,
    force: bool,
    progress: &dyn Progress,
) -> Result<AutoBackupRun> {
    let idle = |outcome| AutoBackupRun {
        outcome,
        file: None,
        summary: None,
        removed: Vec::new(),
    };
    if !settings(store.conn())?.enabled {
        return Ok(idle(AutoBackupOutcome::Off));
    }
    if rotation::is_prepared_key(store.conn(), recovery_key)? {
        return Err(Error::conflict(
            "that is the new key of a rotation not yet committed; backups use the current key until the commit",
        ));
    }
    make_folder(folder)?;
    // Only this profile's files: another profile's backup in a shared folder never makes
    // today's "not due" (hostile review 3, F2).
    let before = newest_first_at(list_owned(folder, recovery_key)?, now);
    let last = before.first().map(|f| f.created_at);
    if !force && !is_backup_due(last, Timestamp(now), zone) {
        return Ok(idle(AutoBackupOutcome::NotDue));
    }
    let name = file_name(now);
    let target = folder.join(&name);
    crate::outfile::check_target(store.path(), &target, "folder", Writing::Backup)?;
    let (bytes, summary) = backup::create_automatic(store, key, recovery_key, now, progress)?;
    crate::outfile::write_bytes(store.path(), &target, Writing::Backup, &bytes)?;
    let file = AutoBackupFile {
        name,
        created_at: Timestamp(now),
        bytes: summary.bytes,
    };
    let removed = prune(folder, recovery_key, now, zone)?;
    // Temporaries a killed run left (no live writer holds their lock) go too.
    crate::outfile::sweep_stale(folder);
    Ok(AutoBackupRun {
        outcome: AutoBackupOutcome::Written,
        file: Some(file),
        summary: Some(summary),
        removed,
    })
}

/// Deletes the files in `folder` the keep rule does not keep, then the oldest kept ones while
/// the folder is over [`MAX_FOLDER_BYTES`] (never the newest); returns their names. Only the
/// files `key` opens count and go: another profile's in a shared folder are not this one's.
fn prune(folder: &Path, key: &RecoveryKey, now: DateTime<Utc>, zone: Tz) -> Result<Vec<String>> {
    let files = list_owned(folder, key)?;
    let stamps: Vec<Timestamp> = files.iter().map(|f| f.created_at).collect();
    let by_rule = files_to_keep(&stamps, Timestamp(now), zone);
    let sized: Vec<(Timestamp, u64)> = files
        .iter()
        .filter(|f| by_rule.contains(&f.created_at))
        .map(|f| (f.created_at, f.bytes))
        .collect();
    let keep = within_budget(&sized, MAX_FOLDER_BYTES);
    let mut removed = Vec::new();
    for file in files {
        if !keep.contains(&file.created_at) {
            remove(folder, &file.name)?;
            removed.push(file.name);
        }
    }
    if !removed.is_empty() {
        crate::outfile::sync_folder(folder);
    }
    Ok(removed)
}

/// Restores the newest automatic backup in `folder` that `recovery_key` opens and that passes
/// every check, trying older ones when a newer is damaged, sealed for another key or from a
/// newer app (each named in `skipped`). Every candidate is verified in full before anything
/// is replaced (the manual restore's path); if none can be used, the error is `wrong_key` when
/// any file refused the key, else the newest file's error, and the profile is as it was. An
/// empty folder is `not_found`. Files dated after `now` (a clock that was wrong once) are
/// tried only after every other one ([`newest_first_at`]).
pub fn restore_newest(
    store: &mut Store,
    key: &DatabaseKey,
    folder: &Path,
    recovery_key: &RecoveryKey,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<AutoRestoreSummary> {
    let files = newest_first_at(list(folder)?, now);
    if files.is_empty() {
        return Err(Error::not_found("automatic backup"));
    }
    let mut skipped = Vec::new();
    let mut first_error = None;
    for file in files {
        let path = folder.join(&file.name);
        let secret = BackupSecret::RecoveryKey(recovery_key);
        match backup::restore_file_with(store, key, &path, secret, progress) {
            Ok(restored) => {
                return Ok(AutoRestoreSummary {
                    name: file.name,
                    restored,
                    skipped,
                });
            }
            Err(e) if can_skip(&e) => {
                skipped.push(skip(&file.name, &e));
                first_error.get_or_insert(e);
            }
            Err(e) => return Err(e),
        }
    }
    Err(none_usable(&skipped, first_error))
}

/// A file a restore or rotation may pass over for an older one.
fn can_skip(e: &Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::Corrupt | ErrorKind::WrongKey | ErrorKind::UnsupportedVersion
    )
}

fn skip(name: &str, e: &Error) -> SkippedBackup {
    SkippedBackup {
        name: name.to_string(),
        kind: e.kind(),
        reason: e.to_string(),
    }
}

fn none_usable(skipped: &[SkippedBackup], first: Option<Error>) -> Error {
    if skipped.iter().any(|s| s.kind == ErrorKind::WrongKey) {
        Error::WrongRecoveryKey
    } else {
        first.unwrap_or_else(|| Error::not_found("automatic backup"))
    }
}

/// A whole backup file, refused unread if larger than any backup can be.
fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    let meta = std::fs::symlink_metadata(path)?;
    let limit = backup::max_file_len();
    if !meta.file_type().is_file() || meta.len() > limit {
        return Err(Error::Corrupt {
            reason: "the file is not a backup of a size any profile makes".into(),
        });
    }
    Ok(std::fs::read(path)?)
}

/// Deletes one automatic backup by name (never anything whose name is not one).
fn remove(folder: &Path, name: &str) -> Result<()> {
    if names::parse(name).is_none() {
        return Err(Error::internal("not an automatic backup's name"));
    }
    match std::fs::remove_file(folder.join(name)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

/// Creates the folder (and parents) if missing; a new folder is private (0700).
fn make_folder(folder: &Path) -> Result<()> {
    if folder.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(folder).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists | std::io::ErrorKind::NotADirectory => {
            Error::invalid("folder", "exists and is not a folder")
        }
        _ => e.into(),
    })
}

#[cfg(test)]
mod tests;
