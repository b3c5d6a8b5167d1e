//! Store: the encrypted SQLite file that holds one profile.
//!
//! Owns opening (SQLCipher raw key, pragmas), schema migrations and erasure (DESIGN §3).
//! Must never: modify a file it could not decrypt or does not understand, log a row, or
//! copy the database file raw (exports use a read transaction or the backup API).

mod exit;
pub mod id;
mod key;
mod lock;
mod schema;
pub mod shape;

use std::collections::BTreeMap;
use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
// Links libtomcrypt, SQLCipher's crypto on Linux and Android (ADR 0004); it has no Rust API.
use reset_tomcrypt as _;

use crate::error::{Error, Result};

pub use key::DatabaseKey;
pub use lock::{ProfileLock, lock_file};
pub(crate) use schema::fresh_at;
pub use schema::{COUNTED_TABLES, SCHEMA_VERSION, SchemaRow, known_schema, read_schema};

/// How long a writer waits for another connection (the notification handler, say) before
/// giving up with a `storage` error. Bounded so a stuck peer never hangs the UI thread.
const BUSY_TIMEOUT: Duration = Duration::from_secs(3);

/// An open, migrated, encrypted profile database.
pub struct Store {
    /// Closed by `Drop` through [`exit::close`], never by its own destructor.
    conn: ManuallyDrop<Connection>,
    path: PathBuf,
    /// The shared cross-process lock ([`lock`]); dropped after the connection is closed.
    lock: Option<ProfileLock>,
    /// `PRAGMA data_version` when the last restore overview was read ([`Store::note_overview`]).
    overview_version: Option<i64>,
}

impl Drop for Store {
    fn drop(&mut self) {
        // SAFETY: taken exactly once, here; `erase` takes it itself and then forgets `self`.
        let conn = unsafe { ManuallyDrop::take(&mut self.conn) };
        exit::close(conn);
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (or creates) the profile at `path` with its raw 32-byte key, then migrates it.
    ///
    /// A wrong key is [`Error::WrongKey`] and a newer schema is [`Error::UnsupportedVersion`];
    /// in both cases nothing has been written to the file.
    pub fn open(path: &Path, key: &DatabaseKey) -> Result<Self> {
        // Before the file is opened: a restore in another process may be about to replace it.
        let lock = ProfileLock::shared(path, lock::OPEN_WAIT)?;
        match Self::open_unlocked(path, key) {
            Ok(mut store) => {
                store.lock = lock;
                Ok(store)
            }
            Err(e) => {
                if let Some(lock) = lock {
                    lock.abandon();
                }
                Err(e)
            }
        }
    }

    /// [`Store::open`] without the profile lock: for a restore's staged copy, which no other
    /// process knows about.
    pub(crate) fn open_unlocked(path: &Path, key: &DatabaseKey) -> Result<Self> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        prepare_file(path)?;
        let conn = Connection::open_with_flags(path, flags)?;
        exit::register();
        // SQLCipher otherwise logs every failed HMAC to stderr; the typed error says it all.
        conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
        key.apply(&conn)?;
        // The first read is what proves the key: before it, nothing may write to the file.
        let version = read_user_version(&conn).map_err(|e| not_a_database(path, e))?;
        if version > SCHEMA_VERSION {
            return Err(Error::UnsupportedVersion {
                what: "database schema",
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        configure(&conn)?;
        let mut store = Store {
            conn: ManuallyDrop::new(conn),
            path: path.to_path_buf(),
            lock: None,
            overview_version: None,
        };
        schema::migrate(&mut store.conn, version)?;
        Ok(store)
    }

    /// The path of the database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is stored, or none of it.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Records the moment a restore's overview was read: a restore refuses if any other
    /// connection has committed since (see `backup::restore`).
    pub fn note_overview(&mut self) -> Result<()> {
        self.overview_version = Some(self.data_version()?);
        Ok(())
    }

    /// Holds the profile alone for a restore: the exclusive lock, then a check that nothing
    /// was committed elsewhere since [`Store::note_overview`] (`conflict` if it was).
    pub(crate) fn hold_for_restore(&mut self) -> Result<()> {
        self.hold_alone()?;
        if let Some(seen) = self.overview_version.take()
            && self.data_version()? != seen
        {
            self.release_restore_hold();
            return Err(Error::conflict(
                "the profile changed after its overview was read (something was saved meanwhile); nothing was replaced: look at it again and confirm",
            ));
        }
        Ok(())
    }

    /// Back to sharing the profile after a restore, whatever its outcome.
    pub(crate) fn release_restore_hold(&self) {
        if let Some(lock) = &self.lock {
            lock.downgrade();
        }
    }

    /// Moves the profile lock to `fresh`, the store reopened on a restored file.
    pub(crate) fn hand_lock_to(&mut self, fresh: &mut Store) {
        fresh.lock = self.lock.take();
    }

    fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The schema version stored in the file.
    pub fn schema_version(&self) -> Result<i64> {
        read_user_version(&self.conn)
    }

    /// Row counts of the user-data tables, by name (`check_ins`, `assessments`, …).
    pub fn counts(&self) -> Result<BTreeMap<String, u64>> {
        let mut out = BTreeMap::new();
        for (label, table) in COUNTED_TABLES {
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            out.insert((*label).to_string(), u64::try_from(n).unwrap_or(0));
        }
        Ok(out)
    }

    /// Runs SQLite's full integrity check; `Ok(())` only when it answers `ok`.
    pub fn integrity_check(&self) -> Result<()> {
        let answer: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if answer == "ok" {
            Ok(())
        } else {
            Err(Error::Corrupt {
                reason: "integrity check failed".into(),
            })
        }
    }

    /// Moves everything from the WAL into the main file (used before erasure checks and backups).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Closes the database and deletes it with its WAL, SHM and journal files.
    ///
    /// Each file is overwritten with zeros before it is unlinked. On flash storage that is
    /// best effort; the real guarantee is that the shell destroys the key (crypto-erase).
    pub fn erase(self) -> Result<()> {
        self.erase_with(&[])
    }

    /// Takes the profile lock exclusively (as a restore does), waiting a bounded time for
    /// other processes to close the profile; `storage` ("busy") if they do not. An erase
    /// calls this first, so no writer commits into a profile being deleted.
    pub fn hold_alone(&self) -> Result<()> {
        match &self.lock {
            Some(lock) => lock.exclusive(lock::RESTORE_WAIT),
            None => Ok(()),
        }
    }

    /// [`Store::erase`], holding the profile lock exclusively for the whole wipe, then
    /// erasing `also` (the key file: last, so a profile is never left without its key while
    /// its database remains) before the lock file goes and the lock is released.
    pub fn erase_with(mut self, also: &[PathBuf]) -> Result<()> {
        self.hold_alone()?;
        let path = std::mem::take(&mut self.path);
        // SAFETY: taken once; `self` (now holding nothing that needs dropping) is forgotten at
        // once so its `Drop` never sees the taken connection.
        let conn = unsafe { ManuallyDrop::take(&mut self.conn) };
        let lock = self.lock.take();
        std::mem::forget(self);
        conn.close().map_err(|(_, e)| Error::from(e))?;
        erase_files(&path)?;
        for file in also {
            erase_file(file)?;
        }
        // Erased while still held, so nothing opens the profile half-erased; an empty file.
        let _ = std::fs::remove_file(lock_file(&path));
        drop(lock);
        Ok(())
    }
}

/// A key that does not open `path` is a wrong key only when the file could be an encrypted
/// database (whole pages, no recognisable header); a JSON dump, a PDF, a text file or a
/// plaintext SQLite file at the profile's path is `corrupt`: it is not a database this app
/// made, whatever the key (hostile review F2).
fn not_a_database(path: &Path, e: Error) -> Error {
    if !matches!(e, Error::WrongKey) {
        return e;
    }
    match shape::of(path).and_then(shape::FileShape::not_a_profile) {
        Some(why) => Error::Corrupt {
            reason: format!("the profile file is not an encrypted database ({why})"),
        },
        None => e,
    }
}

/// Deletes a profile's files (database, `-wal`, `-shm`, `-journal`, `.lock`) whether or not
/// it opens, and any staged restore copy a crash left beside it ([`staged_copies`]). Each is
/// overwritten with zeros before it is unlinked ([`erase_file`]).
pub fn erase_files(path: &Path) -> Result<()> {
    let staged = staged_copies(path)?;
    let lock = std::iter::once(lock_file(path)).filter(|l| l.is_file());
    for file in profile_files(path).into_iter().chain(staged).chain(lock) {
        erase_file(&file)?;
    }
    Ok(())
}

/// Overwrites one file with zeros and unlinks it — that name only, never a file beside it
/// (a key file, a recovery key file or a backup has no side files; hostile review 4, F1).
/// A symlink or a file with other hard links is unlinked untouched, so no other name loses
/// its bytes. A missing file is not an error.
pub fn erase_file(file: &Path) -> Result<()> {
    match std::fs::symlink_metadata(file) {
        Ok(meta) => {
            // Only a file this name alone holds is zero-filled: through a symlink or a
            // hard link the zeros would land in another name's file (hostile F4/F5), so
            // such a name is only unlinked.
            if meta.file_type().is_file() && !has_other_names(&meta) {
                overwrite_with_zeros(file, meta.len())?;
            }
            std::fs::remove_file(file)?;
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// The database file and the side files SQLite may create next to it.
pub fn profile_files(path: &Path) -> Vec<PathBuf> {
    let base = path.as_os_str().to_owned();
    let with = |suffix: &str| {
        let mut s = base.clone();
        s.push(suffix);
        PathBuf::from(s)
    };
    vec![
        path.to_path_buf(),
        with("-wal"),
        with("-shm"),
        with("-journal"),
    ]
}

/// Staged copies a restore left beside the profile when the process died before renaming
/// one into place: exactly `<name>.restore-<12 lowercase hex>` and its `-wal`, `-shm`,
/// `-journal` side files (the names `backup::temp::TempFile::beside` makes). They are
/// encrypted with the profile's key and never opened as the profile, but they hold a whole
/// profile, so erasure and the next restore remove them. Any other name starting with
/// `<name>.restore-` is a person's file and is never claimed (hostile review 4, F1).
pub fn staged_copies(path: &Path) -> Result<Vec<PathBuf>> {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return Ok(Vec::new());
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let mut prefix = name.to_owned();
    prefix.push(".restore-");
    let prefix = prefix.to_string_lossy().into_owned();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry?;
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        if is_staged_suffix(rest) {
            found.push(entry.path());
        }
    }
    Ok(found)
}

/// Length of the random hex part of a staged copy's name (`TempFile::beside`: 6 random bytes).
pub(crate) const STAGED_HEX_LEN: usize = 12;

/// Whether what follows `<name>.restore-` is exactly a staged copy's random part and,
/// optionally, one of SQLite's side-file suffixes.
fn is_staged_suffix(rest: &str) -> bool {
    let Some(hex) = rest.get(..STAGED_HEX_LEN) else {
        return false;
    };
    hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && ["", "-wal", "-shm", "-journal"].contains(&&rest[STAGED_HEX_LEN..])
}

/// True when the file has another hard link (another name shares its bytes).
fn has_other_names(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink() > 1
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

fn overwrite_with_zeros(file: &Path, len: u64) -> Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC);
    }
    let mut f = options.open(file)?;
    let zeros = vec![0u8; 64 * 1024];
    let mut left = len;
    while left > 0 {
        let n = usize::try_from(left.min(zeros.len() as u64)).unwrap_or(zeros.len());
        f.write_all(&zeros[..n])?;
        left -= n as u64;
    }
    f.sync_all()?;
    Ok(())
}

/// Refuses a path that exists but is not a regular file (a folder, device or pipe is never a
/// profile), and makes the database owner-only before SQLite opens it: a new file is created
/// empty with mode 0600, an existing one is tightened to 0600. SQLite gives the `-wal`,
/// `-shm` and `-journal` files the database's mode, so they are 0600 too.
fn prepare_file(path: &Path) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err(Error::invalid(
            "database path",
            "is not a regular file (a folder, device or pipe); give the path of a profile file",
        )),
        Ok(meta) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                if meta.permissions().mode() & 0o077 != 0 {
                    // Best effort: a read-only mount or a file owned by someone else keeps its mode.
                    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
                }
            }
            let _ = meta;
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            // A missing folder is reported by SQLite's own open, as before.
            let _ = options.open(path);
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

fn read_user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Defence in depth (OWASP MASVS-CODE): no SQL function runs from the schema, and the
    // schema and full-text shadow tables cannot be written except through SQL's own DDL.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA,
        false,
    )?;
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    // journal_mode answers with a row, so it is read rather than executed.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Storage {
            reason: format!("could not enable WAL (got {mode})"),
        });
    }
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA synchronous = NORMAL;",
    )?;
    Ok(())
}

#[cfg(test)]
mod sqlite_build_tests;
#[cfg(test)]
mod tests;
