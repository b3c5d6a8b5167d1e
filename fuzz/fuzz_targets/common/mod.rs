//! What several fuzz targets share: a real encrypted profile in a scratch folder, opened once
//! per fuzzing process (opening per input would measure SQLCipher, not the parser).
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use reset_core::store::{DatabaseKey, Store};

/// A scratch profile that lives as long as the fuzzing process.
pub struct Scratch {
    pub store: Store,
    pub key: DatabaseKey,
    _dir: tempfile::TempDir,
}

impl Scratch {
    /// Creates and migrates a profile with a fixed key.
    pub fn new() -> Scratch {
        let dir = tempfile::TempDir::new().expect("scratch folder");
        let key = DatabaseKey::from_bytes(&[0x42; 32]).expect("key");
        let store = Store::open(&dir.path().join("profile.db"), &key).expect("open profile");
        Scratch {
            store,
            key,
            _dir: dir,
        }
    }
}

/// The fixed instant every target writes at.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, 28, 9, 0, 0).unwrap()
}
