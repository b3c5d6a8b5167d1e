//! Guarded output files: the one way the product writes a file a person asked for (exports,
//! the canonical dump, backups, the tour's files).
//!
//! Every write goes through [`write_guarded`]: the target is checked against the files the
//! product manages for the open profile ([`managed_files`]) and must be absent or a regular
//! file; the bytes go to a new temporary file with a random name in the target's folder
//! (created `O_EXCL | O_NOFOLLOW`, mode 0600), are synced, and the file is renamed into
//! place and the folder synced. A crash leaves the old file or the new one, never half of
//! one; a planted symlink, FIFO or device node is refused instead of replaced; and no
//! profile's database, side files or key file — the open profile's or any other's — can ever
//! be overwritten, nor an encrypted backup by a plaintext export (the rule: `outfile_kind.rs`).
//!
//! Must never: follow a symlink at the target or the temporary name, write a file readable
//! by other users, or put user content in a file name or an error.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

#[path = "outfile_kind.rs"]
mod kind;
#[path = "outfile_sweep.rs"]
mod sweep;
pub use kind::{holds_a_profile, managed_kind};
pub use sweep::{is_temp_name, remove_temp, stale_temps, sweep_stale};

/// The prefix of every temporary the product creates while writing a file a person asked for:
/// `.reset-<hex>.tmp` (a file on its way to its name) and `.reset-<hex>.dir` (the CSV
/// export's staging folder). Stale ones are swept at the start of every write to their folder
/// ([`sweep_stale`]) and by `reset erase --everything` in the folders it knows.
pub const TEMP_PREFIX: &str = ".reset-";

/// The key file the shells keep beside a profile that has no keychain (the CLI):
/// `profile.db` → `profile.key`.
pub fn key_file(db: &Path) -> PathBuf {
    db.with_extension("key")
}

/// The recovery key file the CLI keeps beside a profile for its automatic backups (issue 21),
/// named after the database's whole file name: `profile.db` → `profile.db.recovery-key`, so
/// `profile.db` and `profile.sqlite` beside it never share one (hostile review 3, F2, F6).
/// The phones keep the key in the Keychain / Keystore.
pub fn recovery_key_file(db: &Path) -> PathBuf {
    with_suffix(db, ".recovery-key")
}

/// The new recovery key the CLI keeps during a two-phase key rotation, until the commit
/// makes it the current one: `profile.db` → `profile.db.recovery-key.pending`.
pub fn pending_recovery_key_file(db: &Path) -> PathBuf {
    with_suffix(db, ".recovery-key.pending")
}

/// Where versions before the fourth review kept the recovery key: named after the database's
/// stem (`profile.db` → `profile.recovery-key`), which `profile.sqlite` beside it shared. The
/// CLI moves it to [`recovery_key_file`] when it is provably this profile's.
pub fn legacy_recovery_key_file(db: &Path) -> PathBuf {
    db.with_extension("recovery-key")
}

/// The legacy name of [`pending_recovery_key_file`]: `profile.recovery-key.pending`.
pub fn legacy_pending_recovery_key_file(db: &Path) -> PathBuf {
    db.with_extension("recovery-key.pending")
}

fn with_suffix(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The files the product manages for the profile at `db`: the database, SQLite's `-wal`,
/// `-shm` and `-journal` side files, the lock file, the key file and the recovery key files.
/// None of them is ever an output target.
pub fn managed_files(db: &Path) -> Vec<PathBuf> {
    let mut files = crate::store::profile_files(db);
    files.push(crate::store::lock_file(db));
    files.push(key_file(db));
    files.push(recovery_key_file(db));
    files.push(pending_recovery_key_file(db));
    files.push(legacy_recovery_key_file(db));
    files.push(legacy_pending_recovery_key_file(db));
    files
}

/// What a write puts at its target, which decides what existing file it may replace
/// ([`check_target`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writing {
    /// A plaintext export or dump: a PDF, JSON, FHIR, a CSV file or zip.
    Export,
    /// An encrypted backup (made by a person or the automatic backups).
    Backup,
}

/// Checks that `out` may be written for the profile at `profile`; returns the resolved target.
///
/// Refused with `invalid_input` on `field`: a path without a file name or whose folder does
/// not exist; any file the product manages for the profile (compared by resolved path and by
/// inode), any name the product reserves beside it (`<db name>…`, temporary files); any
/// existing target that is not a regular file (a folder, symlink, FIFO, socket or device);
/// and anything that is evidently another profile's or the product's own ([`managed_kind`]):
/// whatever profile it belongs to, a database, its side files and key files are never
/// replaced, and an encrypted backup only by another backup.
pub fn check_target(profile: &Path, out: &Path, field: &str, writing: Writing) -> Result<PathBuf> {
    let target = resolve(out, field)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // `-` is not standard output here, and a blank name is a slip (hostile F12).
    if name == "-" || name.trim().is_empty() {
        return Err(Error::invalid(
            field,
            "is '-' or a blank name; the app writes a file, never standard output: give a file name",
        ));
    }
    if name.starts_with(TEMP_PREFIX) {
        return Err(Error::invalid(
            field,
            "names a temporary file the app manages; choose another name",
        ));
    }
    let target_id = file_id(&target);
    for managed in managed_files(profile) {
        let same_path = resolve(&managed, field).is_ok_and(|m| m == target);
        let same_file = target_id.is_some() && file_id(&managed) == target_id;
        if same_path || same_file {
            return Err(Error::invalid(
                field,
                "is one of the profile's own files (its database, a side file or its key); choose another path",
            ));
        }
    }
    if let (Ok(profile_dir), Some(db_name)) = (
        resolve(profile, field).map(|p| p.parent().map(Path::to_path_buf)),
        profile.file_name(),
    ) {
        let db_name = db_name.to_string_lossy();
        let reserved = name == *db_name
            || [".", "-"]
                .iter()
                .any(|sep| name.starts_with(&format!("{db_name}{sep}")));
        if reserved && target.parent().map(Path::to_path_buf) == profile_dir {
            return Err(Error::invalid(
                field,
                "is a name the app reserves beside the profile's database; choose another name",
            ));
        }
    }
    match std::fs::symlink_metadata(&target) {
        Ok(meta) if !meta.file_type().is_file() => {
            return Err(Error::invalid(
                field,
                "exists and is not a regular file (a folder, link, pipe or device); choose a new file name",
            ));
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e.into()),
    }
    match managed_kind(&target, writing) {
        Some(why) => Err(Error::invalid(field, why)),
        None => Ok(target),
    }
}

/// Writes the file `out` for the profile at `profile` through [`check_target`]: `write`
/// streams into a new 0600 temporary file beside it, which is synced and renamed into place.
pub fn write_guarded<T>(
    profile: &Path,
    out: &Path,
    writing: Writing,
    write: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    let target = check_target(profile, out, "out", writing)?;
    let dir = target
        .parent()
        .ok_or_else(|| Error::invalid("out", "needs a folder"))?;
    // What a killed writer left here (a partial plaintext export) goes before anything new.
    sweep_stale(dir);
    let (file, temp) = create_temp(dir)?;
    let result = (|| {
        let mut buffered = std::io::BufWriter::new(file);
        let value = write(&mut buffered)?;
        let file = buffered
            .into_inner()
            .map_err(|e| Error::from(e.into_error()))?;
        file.sync_all()?;
        // Checked again just before the rename: a target swapped for a link or pipe since
        // the first check is refused rather than replaced.
        check_target(profile, out, "out", writing)?;
        std::fs::rename(&temp, &target)?;
        // The file (and with it the writer's lock that keeps sweeps away) closes only now.
        drop(file);
        sync_folder(dir);
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// [`write_guarded`] for bytes already in memory.
pub fn write_bytes(profile: &Path, out: &Path, writing: Writing, bytes: &[u8]) -> Result<()> {
    write_guarded(profile, out, writing, |w| Ok(w.write_all(bytes)?))
}

/// A new temporary file with a random name in `dir`: `O_CREAT | O_EXCL | O_NOFOLLOW`, 0600,
/// held under the writer's exclusive lock so no sweep takes it for a dead writer's.
fn create_temp(dir: &Path) -> Result<(std::fs::File, PathBuf)> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC);
    }
    for _ in 0..8 {
        let mut raw = [0u8; 12];
        getrandom::fill(&mut raw).map_err(|_| Error::internal("no randomness"))?;
        let path = dir.join(format!("{TEMP_PREFIX}{}.tmp", hex::encode(raw)));
        match options.open(&path) {
            Ok(file) => {
                sweep::try_lock(&file);
                return Ok((file, path));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !dir.is_dir() => {
                return Err(Error::invalid(
                    "out",
                    "the folder to write into does not exist",
                ));
            }
            // The folder exists but takes no new file (`/proc/self`, a read-only mount).
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound
                        | std::io::ErrorKind::PermissionDenied
                        | std::io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                return Err(Error::invalid(
                    "out",
                    "no new file can be made in that folder (a system folder such as /proc, or not writable); choose another folder",
                ));
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(Error::internal("no free temporary name"))
}

/// Takes the writer's lock on a temporary folder the caller holds open until it is done
/// (the CSV export's staging folder), so no sweep takes it for a dead writer's.
pub fn lock_held(folder: &std::fs::File) {
    sweep::try_lock(folder);
}

/// `path` with its folder resolved (symlinks and `..` in the folder, not the file name).
fn resolve(path: &Path, field: &str) -> Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| Error::invalid(field, "needs a file name"))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let dir = dir
        .canonicalize()
        .map_err(|_| Error::invalid(field, "the folder to write into does not exist"))?;
    if !dir.is_dir() {
        return Err(Error::invalid(
            field,
            "the folder to write into is not a folder",
        ));
    }
    Ok(dir.join(name))
}

/// The (device, inode) of an existing file, following links.
fn file_id(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Makes a rename in `dir` durable (best effort: not every platform can fsync a folder).
pub fn sync_folder(dir: &Path) {
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
#[path = "outfile_tests.rs"]
mod tests;
