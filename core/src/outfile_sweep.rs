//! Sweeping what a killed writer left behind: the guarded writer's temporary files
//! (`.reset-<hex>.tmp`) and the CSV export's staging folders (`.reset-<hex>.dir`).
//!
//! A plaintext export killed half-way leaves a partial copy of the person's entries under a
//! hidden name; nothing else would ever remove it. Every live writer holds an exclusive
//! advisory lock (`flock`) on its temporary file or staging folder until it has renamed it
//! into place, so a temporary of ours that can be locked belongs to a writer that died: the
//! sweep overwrites and deletes it. Must never: touch a name that is not exactly ours, a
//! link, another user's file, or a temporary a running writer still holds.

use std::path::{Path, PathBuf};

use super::TEMP_PREFIX;

/// Whether `name` is exactly one of ours: [`TEMP_PREFIX`], 16–48 lowercase hex digits, then
/// `.tmp` (a file) or `.dir` (a staging folder).
pub fn is_temp_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix(TEMP_PREFIX) else {
        return false;
    };
    let Some(hex) = rest
        .strip_suffix(".tmp")
        .or_else(|| rest.strip_suffix(".dir"))
    else {
        return false;
    };
    (16..=48).contains(&hex.len())
        && hex.len() % 2 == 0
        && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Takes the writer's lock on an open temporary file or folder: exclusive, without waiting.
/// `false` when another open file description holds it (a writer still running).
pub(crate) fn try_lock(file: &std::fs::File) -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: flock on a file descriptor we own for the duration of the call.
        unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) == 0 }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        true
    }
}

/// The stale temporaries of ours in `dir` (see the module doc), without removing them.
pub fn stale_temps(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| is_temp_name(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .filter(|p| is_stale(p))
        .collect();
    found.sort();
    found
}

/// Overwrites and deletes the stale temporaries of ours in `dir`; returns what it removed.
/// Best effort: a temporary that cannot be removed is left and not listed.
pub fn sweep_stale(dir: &Path) -> Vec<PathBuf> {
    stale_temps(dir)
        .into_iter()
        .filter(|p| remove_temp(p).is_ok())
        .collect()
}

/// Overwrites and deletes one temporary of ours (a file, or a staging folder of files).
pub fn remove_temp(path: &Path) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(path)?;
    if meta.is_dir() {
        for entry in std::fs::read_dir(path)? {
            let entry = entry?;
            let p = entry.path();
            if entry.file_type()?.is_dir() {
                remove_temp(&p)?;
            } else {
                if entry.file_type()?.is_file() {
                    let _ = crate::store::erase_file(&p);
                }
                let _ = std::fs::remove_file(&p);
            }
        }
        std::fs::remove_dir(path)
    } else if meta.is_file() {
        crate::store::erase_file(path).map_err(|e| std::io::Error::other(e.to_string()))?;
        match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    } else {
        Ok(())
    }
}

/// A regular file or real folder of ours (not a link), owned by this user, that nobody holds.
fn is_stale(path: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    if !(meta.is_file() || meta.is_dir()) {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
        // SAFETY: geteuid has no preconditions.
        if meta.uid() != unsafe { libc::geteuid() } {
            return false;
        }
        let mut options = std::fs::OpenOptions::new();
        options
            .read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC | libc::O_NONBLOCK);
        match options.open(path) {
            // Dropping the file releases the probe's lock at once.
            Ok(file) => try_lock(&file),
            Err(_) => false,
        }
    }
    #[cfg(not(unix))]
    {
        true
    }
}
