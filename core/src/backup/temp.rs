//! Files written beside their final place and renamed into it, so a reader never sees half a
//! file and a crash leaves either the old file or the new one.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::crypto::random;
use crate::error::{Error, Result};
use crate::store::profile_files;

/// A file (and any SQLite side files) deleted on drop unless [`TempFile::keep`] was called.
pub(crate) struct TempFile {
    path: PathBuf,
    armed: bool,
}

impl TempFile {
    /// A fresh unused name beside `target`: `<name>.<label>-<random>`.
    pub fn beside(target: &Path, label: &str) -> Result<Self> {
        let suffix = hex::encode(random::<6>()?);
        let mut name = target
            .file_name()
            .ok_or_else(|| Error::invalid("path", "must name a file"))?
            .to_owned();
        name.push(format!(".{label}-{suffix}"));
        Ok(TempFile {
            path: target.with_file_name(name),
            armed: true,
        })
    }

    /// Where the temp file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file has been renamed into place: nothing is left to delete.
    pub fn keep(mut self) {
        self.armed = false;
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if self.armed {
            for file in profile_files(&self.path) {
                let _ = std::fs::remove_file(file);
            }
        }
    }
}

/// Streams `write` into a temp file beside `out`, syncs it, and renames it over `out`.
pub(crate) fn write_atomically<T>(
    out: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    let temp = TempFile::beside(out, "partial")?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    // Owner-only: a dump is plaintext, and even a sealed backup is nobody else's business.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(temp.path()).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::invalid("out", "the folder does not exist"),
        _ => e.into(),
    })?;
    let mut buffered = std::io::BufWriter::new(file);
    let value = write(&mut buffered)?;
    let file = buffered
        .into_inner()
        .map_err(|e| Error::from(e.into_error()))?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(temp.path(), out)?;
    temp.keep();
    Ok(value)
}

/// Refuses an output path that is the profile's database or one of its side files: writing
/// an export there would destroy the profile.
pub(crate) fn refuse_profile_path(profile: &Path, out: &Path) -> Result<()> {
    let resolve = |p: &Path| -> Option<PathBuf> {
        let dir = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Some(dir.canonicalize().ok()?.join(p.file_name()?))
    };
    let target = resolve(out).ok_or_else(|| Error::invalid("out", "the folder does not exist"))?;
    for file in profile_files(profile) {
        if resolve(&file).is_some_and(|f| f == target) {
            return Err(Error::invalid(
                "out",
                "must not be the profile's own database file",
            ));
        }
    }
    Ok(())
}
