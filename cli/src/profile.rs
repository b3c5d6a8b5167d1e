//! Where the CLI's profile lives and how it is unlocked: the CLI's stand-in for the phone's
//! app sandbox, Keychain / Keystore and system clock.

use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use rand::RngCore;
use reset_core::store::DatabaseKey;
use reset_core::time::{Clock, FixedClock};
use reset_core::{Error, Result};

/// The environment variable that supplies the key as 64 hex characters.
pub const KEY_ENV: &str = "RESET_KEY";

/// The system clock: the one place the CLI reads the wall clock (a shell, not the core).
pub struct SystemClock;

impl Clock for SystemClock {
    fn instant(&self) -> std::time::SystemTime {
        std::time::SystemTime::now()
    }
}

/// The clock for this run: `--now` pins it, as a test or a phone's preview would.
pub fn clock(now: Option<DateTime<Utc>>) -> Arc<dyn Clock> {
    match now {
        Some(t) => Arc::new(FixedClock(t)),
        None => Arc::new(SystemClock),
    }
}

/// The default database: `$XDG_DATA_HOME/reset-companion/profile.db` (or `~/.local/share/…`).
pub fn default_db_path() -> Result<PathBuf> {
    let base = match std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => {
            let home = std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .ok_or_else(|| {
                    Error::invalid(
                        "db",
                        "neither XDG_DATA_HOME nor HOME is set; pass --db PATH",
                    )
                })?;
            PathBuf::from(home).join(".local/share")
        }
    };
    Ok(base.join("reset-companion").join("profile.db"))
}

/// The zone for this run: `--tz`, else `$TZ` when it names an IANA zone, else the system's.
pub fn zone_name(flag: Option<String>) -> String {
    flag.or_else(|| {
        std::env::var("TZ")
            .ok()
            .filter(|z| z.parse::<reset_core::time::Tz>().is_ok())
    })
    .or_else(|| iana_time_zone::get_timezone().ok())
    .unwrap_or_else(|| "UTC".to_string())
}

/// The key file kept beside the database: `profile.db` → `profile.key`, mode 0600.
pub fn key_path(db: &Path) -> PathBuf {
    reset_core::outfile::key_file(db)
}

/// Refuses a `--db` that can never be a profile before anything reads or creates a key: an
/// existing folder, device or pipe, or a path that would be its own key file (`x.key`).
pub fn check_db_path(db: &Path) -> Result<()> {
    if db.file_name().is_none() {
        return Err(Error::invalid("db", "must name a file"));
    }
    if key_path(db) == db {
        return Err(Error::invalid(
            "db",
            "must not end in .key (that name is kept for the profile's key file)",
        ));
    }
    match std::fs::metadata(db) {
        Ok(meta) if !meta.is_file() => Err(Error::invalid(
            "db",
            "is not a regular file (a folder, device or pipe); give the path of a profile file",
        )),
        _ => Ok(()),
    }
}

/// A new profile at a `--db` path needs its folder to exist already: a typo in a folder name
/// must not silently become a new, empty profile in freshly made folders.
pub fn check_new_profile_folder(db: &Path) -> Result<()> {
    let folder = match db.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if folder.is_dir() {
        Ok(())
    } else {
        Err(Error::not_found(format!(
            "the folder for a new profile at {} (nothing was created; check --db) was",
            crate::output::shown_path(db)
        )))
    }
}

/// Makes the product's own data folder owner-only (0700), however it was created.
pub fn tighten_data_folder(db: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Some(dir) = db.parent().filter(|d| d.is_dir()) {
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
}

/// Loads the key from `RESET_KEY`, else from the key file, creating both file and folder on
/// first use. A database without its key is refused rather than given a new key.
pub fn load_or_create_key(db: &Path, from_env: bool) -> Result<DatabaseKey> {
    if let Some(hex) = std::env::var(KEY_ENV).ok().filter(|_| from_env) {
        let key = DatabaseKey::from_hex(&hex)
            .map_err(|_| Error::invalid(KEY_ENV, "must be 64 hex characters"))?;
        // A new profile keyed from the environment has no key file: say where its key lives
        // (hostile F12), once, when it is made.
        if !std::fs::metadata(db).is_ok_and(|m| m.len() > 0) && !key_path(db).exists() {
            let _ = writeln!(
                std::io::stderr().lock(),
                "reset: note: this new profile's key is only in {KEY_ENV} (no key file is written); keep it: without it the profile cannot be opened"
            );
        }
        return Ok(key);
    }
    let key_file = key_path(db);
    let damaged = |why: &str| Error::Corrupt {
        reason: format!("the key file {} is damaged ({why})", key_file.display()),
    };
    match std::fs::metadata(&key_file) {
        Ok(meta) if !meta.is_file() => return Err(damaged("it is not a regular file")),
        Ok(meta) if meta.len() > 4096 => return Err(damaged("it is far too large")),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if db.exists() {
                return Err(Error::not_found(lost_key(db, &key_file)));
            }
            return create_key(db, &key_file);
        }
        Err(e) => return Err(e.into()),
    }
    tighten_key_file(&key_file);
    let bytes = zeroize::Zeroizing::new(std::fs::read(&key_file)?);
    let text = std::str::from_utf8(&bytes).map_err(|_| damaged("it is not text"))?;
    DatabaseKey::from_hex(text.trim_end()).map_err(|_| damaged("it must hold 64 hex characters"))
}

/// The honest answer to "is my writing safe?" (new-user review 3, F21), said by `status` and
/// the tour.
pub const PRIVACY: &str = "Your profile is encrypted with a key kept in a file beside it: a copy of the database\n\
alone is unreadable, but anyone (or any program) using your computer account can read both.\n\
Keep that folder out of cloud sync; exports (PDF, CSV, JSON) are not encrypted.";

/// The lost-key error's text (new-user review 3, F24): the ways back the person may have set
/// up, before the environment variable. Paths only; never anything from the profile.
fn lost_key(db: &Path, key_file: &Path) -> String {
    let auto = db.with_file_name("auto-backups");
    let automatic = if auto.is_dir() {
        format!(
            "; automatic backups: `reset backup restore {} --recovery-key`",
            crate::output::shown_path(&auto)
        )
    } else {
        String::new()
    };
    format!(
        "this profile cannot be opened: its key file {key} is missing (nothing was changed). \
         If the key turns up, put it back there or set {KEY_ENV} to it. \
         If you made a backup, move {db} aside (keep it) and bring the backup back in its place: \
         `reset backup restore FILE` asks the backup's passphrase{automatic}. The key file was",
        key = crate::output::shown_path(key_file),
        db = crate::output::shown_path(db),
    )
}

/// A key file others can read (0644 after a copy or an unzip) is made owner-only (0600), and
/// the person is told once, on stderr.
fn tighten_key_file(key_file: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = std::fs::metadata(key_file) else {
        return;
    };
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0
        && std::fs::set_permissions(key_file, std::fs::Permissions::from_mode(0o600)).is_ok()
    {
        let _ = writeln!(
            std::io::stderr().lock(),
            "reset: note: the key file {} was readable by others (mode {mode:o}); it is now owner-only (600)",
            crate::output::shown_path(key_file)
        );
    }
}

fn create_key(db: &Path, key_file: &Path) -> Result<DatabaseKey> {
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    }
    let mut raw = zeroize::Zeroizing::new([0u8; 32]);
    rand::rng().fill_bytes(raw.as_mut());
    let key = DatabaseKey::from_bytes(raw.as_ref())?;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(key_file)?;
    f.write_all(key.to_hex().as_bytes())?;
    f.sync_all()?;
    Ok(key)
}
