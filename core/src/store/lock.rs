//! The profile's cross-process lock: a restore holds it alone, everything else shares it.
//!
//! A restore replaces the database file by a rename. A writer that had the old file open, or
//! that commits while the restore decrypts and verifies, would report "saved" for an entry
//! that the swap then throws away. So every [`Store`](super::Store) holds a shared advisory
//! lock (`flock`) on `<db>.lock` for as long as it is open, taken before its connection
//! opens the file; a restore upgrades its own to exclusive from its start to the reopen
//! after the swap. A store opening meanwhile waits (bounded) and then fails with `storage`
//! ("busy"); a restore that finds the profile open in another process fails the same way,
//! before anything is replaced. The lock file holds nothing and is erased with the profile.
//!
//! Must never: delete the lock file while the profile may be open (a lock on an unlinked file
//! guards nothing), or wait without bound.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long opening a profile waits for a restore in another process to finish.
pub const OPEN_WAIT: Duration = Duration::from_secs(10);
/// How long a restore waits for other processes to close the profile.
pub const RESTORE_WAIT: Duration = Duration::from_secs(5);

/// The lock file beside the profile at `db`: `profile.db` → `profile.db.lock`.
pub fn lock_file(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(".lock");
    PathBuf::from(s)
}

/// A held lock on a profile's lock file (released when dropped).
#[derive(Debug)]
pub struct ProfileLock {
    file: std::fs::File,
    /// The lock file's path when this lock made it (see [`ProfileLock::abandon`]).
    created: Option<PathBuf>,
}

impl ProfileLock {
    /// Takes the shared lock, waiting up to `wait` for a restore to finish. `Ok(None)` when
    /// the lock file cannot be made (a read-only folder): such a profile cannot be restored
    /// into either, so there is nothing to guard.
    pub fn shared(db: &Path, wait: Duration) -> Result<Option<ProfileLock>> {
        let path = lock_file(db);
        let mut options = std::fs::OpenOptions::new();
        options.read(true).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options
                .mode(0o600)
                .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC);
        }
        let (file, created) = match options.open(&path) {
            Ok(file) => (file, false),
            Err(_) => match options.create_new(true).open(&path) {
                Ok(file) => (file, true),
                Err(_) => match options.create_new(false).open(&path) {
                    Ok(file) => (file, false),
                    Err(_) => return Ok(None),
                },
            },
        };
        let lock = ProfileLock {
            file,
            created: created.then(|| path.clone()),
        };
        if lock.wait_for(Mode::Shared, wait) {
            // An erase removes the lock file while holding it alone: a lock won on the old,
            // unlinked file guards nothing, and the profile it waited for is gone.
            if !lock.is_at(&path) {
                return Err(busy(
                    "the profile was erased in another process while this waited; nothing was saved",
                ));
            }
            Ok(Some(lock))
        } else {
            Err(busy(
                "a restore is replacing this profile in another process; nothing was changed, try again when it has finished",
            ))
        }
    }

    /// Upgrades to the exclusive lock, waiting up to `wait` for other processes to close the
    /// profile; on failure the shared lock is taken again and the error says why.
    pub fn exclusive(&self, wait: Duration) -> Result<()> {
        if self.wait_for(Mode::Exclusive, wait) {
            return Ok(());
        }
        // A failed conversion may have dropped the shared lock (flock(2)): take it back.
        self.wait_for(Mode::Shared, OPEN_WAIT);
        Err(busy(
            "the profile is open in another process; close it there and try again (nothing was replaced)",
        ))
    }

    /// Whether the file this lock holds is still the one at `path` (not unlinked or replaced).
    #[cfg(unix)]
    fn is_at(&self, path: &Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        match (self.file.metadata(), std::fs::symlink_metadata(path)) {
            (Ok(held), Ok(there)) => held.dev() == there.dev() && held.ino() == there.ino(),
            _ => false,
        }
    }

    #[cfg(not(unix))]
    fn is_at(&self, _path: &Path) -> bool {
        true
    }

    /// Gives the lock up after the file it guards turned out not to open (not a profile, a
    /// wrong key): a lock file this lock made is removed again, so a refused file is left
    /// with nothing new beside it.
    pub fn abandon(self) {
        if let Some(path) = &self.created {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Back to the shared lock after a restore.
    pub fn downgrade(&self) {
        self.wait_for(Mode::Shared, OPEN_WAIT);
    }

    fn wait_for(&self, mode: Mode, wait: Duration) -> bool {
        let start = Instant::now();
        loop {
            if self.try_lock(mode) {
                return true;
            }
            if start.elapsed() >= wait {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[cfg(unix)]
    fn try_lock(&self, mode: Mode) -> bool {
        use std::os::fd::AsRawFd;
        let op = match mode {
            Mode::Shared => libc::LOCK_SH,
            Mode::Exclusive => libc::LOCK_EX,
        };
        // SAFETY: flock on a descriptor this value owns.
        unsafe { libc::flock(self.file.as_raw_fd(), op | libc::LOCK_NB) == 0 }
    }

    #[cfg(not(unix))]
    fn try_lock(&self, _mode: Mode) -> bool {
        true
    }
}

#[derive(Clone, Copy)]
enum Mode {
    Shared,
    Exclusive,
}

fn busy(reason: &str) -> Error {
    Error::Storage {
        reason: format!("the profile is busy: {reason}"),
    }
}
