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
    fn now_unix_ms(&self) -> i64 {
        Utc::now().timestamp_millis()
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
            .filter(|z| z.parse::<chrono_tz::Tz>().is_ok())
    })
    .or_else(|| iana_time_zone::get_timezone().ok())
    .unwrap_or_else(|| "UTC".to_string())
}

/// The key file kept beside the database: `profile.db` → `profile.key`, mode 0600.
pub fn key_path(db: &Path) -> PathBuf {
    db.with_extension("key")
}

/// Loads the key from `RESET_KEY`, else from the key file, creating both file and folder on
/// first use. A database without its key is refused rather than given a new key.
pub fn load_or_create_key(db: &Path) -> Result<DatabaseKey> {
    if let Ok(hex) = std::env::var(KEY_ENV) {
        return DatabaseKey::from_hex(&hex)
            .map_err(|_| Error::invalid(KEY_ENV, "must be 64 hex characters"));
    }
    let key_file = key_path(db);
    match std::fs::read_to_string(&key_file) {
        Ok(hex) => DatabaseKey::from_hex(&hex).map_err(|_| Error::Corrupt {
            reason: format!("the key file {} is damaged", key_file.display()),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if db.exists() {
                return Err(Error::WrongKey);
            }
            create_key(db, &key_file)
        }
        Err(e) => Err(e.into()),
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
