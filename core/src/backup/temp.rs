//! Files written beside their final place and renamed into it, so a reader never sees half a
//! file and a crash leaves either the old file or the new one.

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
