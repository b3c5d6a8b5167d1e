//! The `Companion` object: session state and the foundation calls (open, status, erase).

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Utc};
use reset_core::store::{DatabaseKey, Store};
use reset_core::time::Tz;
use reset_core::time::{self, Clock, LocalDay};
use reset_core::{Error, ResetError};
use zeroize::Zeroizing;

/// How to open a profile: where it lives, its key, and where the person is.
#[derive(uniffi::Record)]
pub struct CompanionConfig {
    /// Absolute path of the profile's database file (created if missing; its folder must exist).
    pub database_path: String,
    /// The raw 32-byte key from the Keychain / Android Keystore.
    pub key: Vec<u8>,
    /// The device's current IANA time zone, e.g. `Europe/London`.
    pub time_zone: String,
}

/// What `status()` reports: enough for a settings screen and for support.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Status {
    /// The database file's path.
    pub path: String,
    /// The schema version stored in the file.
    pub schema_version: i64,
    /// The zone the session is using now.
    pub time_zone: String,
    /// Row counts per kind of record (`check_ins`, `assessments`, …).
    pub counts: HashMap<String, u64>,
}

/// An open profile. Thread-safe; call it off the main thread (each call is milliseconds).
#[derive(uniffi::Object)]
pub struct Companion {
    state: Mutex<Option<Session>>,
}

/// What an open `Companion` holds. Closed (`None`) after `close()` or `erase_all()`.
pub(crate) struct Session {
    pub store: Store,
    pub zone: Tz,
    pub clock: Arc<dyn Clock>,
    /// The profile's key (zeroized on drop): backup and restore open the file a second time.
    pub key: DatabaseKey,
}

impl Session {
    /// The current instant according to the injected clock.
    pub fn now(&self) -> reset_core::Result<DateTime<Utc>> {
        time::now(self.clock.as_ref())
    }
}

/// Opens (creating and migrating if needed) the encrypted profile at `config.database_path`.
///
/// Throws `WrongKey` when the key does not open the file and `UnsupportedVersion` when a
/// newer app wrote it; in both cases the file is left exactly as it was.
///
/// A free function rather than a constructor: Kotlin names the object `ResetCompanion` (a
/// class called `Companion` clashes with `companion object`), and uniffi 0.32 does not apply
/// that rename to constructors' return types.
#[uniffi::export]
pub fn open_companion(
    config: CompanionConfig,
    clock: Arc<dyn Clock>,
) -> Result<Arc<Companion>, ResetError> {
    guarded(|| {
        let key_bytes = Zeroizing::new(config.key);
        let key = DatabaseKey::from_bytes(&key_bytes)?;
        let zone = time::parse_zone(&config.time_zone)?;
        time::now(clock.as_ref())?;
        let store = Store::open(&PathBuf::from(&config.database_path), &key)?;
        Ok(Arc::new(Companion {
            state: Mutex::new(Some(Session {
                store,
                zone,
                clock,
                key,
            })),
        }))
    })
}

#[uniffi::export]
impl Companion {
    /// Closes the database. Later calls throw `Conflict`. Safe to call twice.
    pub fn close(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.take();
    }

    /// Tells the core the device's zone changed (travel, or the person changed it).
    ///
    /// Entries already stored keep the local day they were captured on.
    pub fn set_time_zone(&self, zone: String) -> Result<(), ResetError> {
        self.with(|s| {
            s.zone = time::parse_zone(&zone)?;
            Ok(())
        })
    }

    /// The IANA zone the session is using.
    pub fn time_zone(&self) -> Result<String, ResetError> {
        self.with(|s| Ok(s.zone.name().to_string()))
    }

    /// Path, schema version, zone and record counts.
    pub fn status(&self) -> Result<Status, ResetError> {
        self.with(|s| {
            Ok(Status {
                path: s.store.path().display().to_string(),
                schema_version: s.store.schema_version()?,
                time_zone: s.zone.name().to_string(),
                counts: s.store.counts()?.into_iter().collect(),
            })
        })
    }

    /// Today's local date for the person, from the injected clock and zone.
    pub fn today(&self) -> Result<LocalDay, ResetError> {
        self.with(|s| Ok(LocalDay(time::local_date(s.now()?, s.zone))))
    }

    /// Stores a small named preference (e.g. `region` = `GB`) inside the encrypted profile.
    pub fn set_preference(&self, name: String, value: String) -> Result<(), ResetError> {
        self.with(|s| {
            s.store
                .write(|tx| reset_core::preferences::set_by_app(tx, &name, &value))
        })
    }

    /// Removes the preference `name` (e.g. `region`, so the time zone decides again). Removing
    /// one that is not set is not an error.
    pub fn clear_preference(&self, name: String) -> Result<(), ResetError> {
        self.with(|s| {
            s.store
                .write(|tx| reset_core::preferences::remove_by_app(tx, &name))
        })
    }

    /// The preference stored under `name`, or `nil` / `null`.
    pub fn preference(&self, name: String) -> Result<Option<String>, ResetError> {
        self.with(|s| reset_core::preferences::get(s.store.conn(), &name))
    }

    /// Deletes the profile: the database, its WAL, SHM and journal. The `Companion` is closed.
    ///
    /// The shell must also delete the key from the Keychain / Keystore.
    pub fn erase_all(&self) -> Result<(), ResetError> {
        self.erase_all_with(&[])
    }
}

/// Calls for the CLI, not exported to the apps.
impl Companion {
    /// [`Companion::erase_all`], also erasing `also` (the key file) while the profile is
    /// still held alone. Refuses with `storage` ("busy"), the session kept open, while
    /// another process has the profile open.
    pub fn erase_all_with(&self, also: &[PathBuf]) -> Result<(), ResetError> {
        guarded(|| {
            let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            state.as_ref().ok_or_else(closed)?.store.hold_alone()?;
            let session = state.take().ok_or_else(closed)?;
            session.store.erase_with(also)
        })
    }
}

/// Calls that exist only in test builds (`--features test-hooks`), never in the apps.
#[cfg(feature = "test-hooks")]
#[uniffi::export]
impl Companion {
    /// Test hook: panics inside the core, to prove the panic arrives as an `Internal` error.
    pub fn debug_trigger_panic(&self) -> Result<(), ResetError> {
        self.with(|_| panic!("deliberate test panic"))
    }

    /// Test hook: times `check_ins(from, to)` inside Rust, `iterations` times, and returns the
    /// median nanoseconds per call — the core's share of what a Swift or Kotlin benchmark of the
    /// same call measures, so the rest is the cost of crossing the boundary.
    pub fn debug_time_check_ins(
        &self,
        from: Option<LocalDay>,
        to: Option<LocalDay>,
        iterations: u32,
    ) -> Result<u64, ResetError> {
        self.with(|s| {
            let range = reset_core::time::DateRange::new(from, to)?;
            let mut nanos = Vec::with_capacity(iterations.max(1) as usize);
            for _ in 0..iterations.max(1) {
                let start = std::time::Instant::now();
                std::hint::black_box(reset_core::checkin::list(s.store.conn(), &range)?);
                nanos.push(u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX));
            }
            nanos.sort_unstable();
            Ok(nanos[nanos.len() / 2])
        })
    }
}

impl Companion {
    /// Runs `f` on the open session, mapping errors and catching panics.
    pub(crate) fn with<T>(
        &self,
        f: impl FnOnce(&mut Session) -> reset_core::Result<T>,
    ) -> Result<T, ResetError> {
        guarded(|| {
            // A panic in an earlier call poisons the mutex; the session itself is still sound
            // (transactions roll back on unwind), so keep serving rather than brick the app.
            let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            let session = state.as_mut().ok_or_else(closed)?;
            f(session)
        })
    }
}

fn closed() -> Error {
    Error::conflict("this Companion is closed; open the profile again")
}

/// Converts core errors and turns a panic into `ResetError::Internal` so none crosses the FFI.
pub(crate) fn guarded<T>(f: impl FnOnce() -> reset_core::Result<T>) -> Result<T, ResetError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result.map_err(ResetError::from),
        // The payload may quote anything, so it is not passed on.
        Err(_) => Err(ResetError::Internal {
            reason: "internal error: a bug in the core was caught; please report it".into(),
        }),
    }
}
