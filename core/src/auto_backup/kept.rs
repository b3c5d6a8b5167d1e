//! What a restore does to the automatic-backup settings (hostile review 3, F16, F25): they
//! belong to this device and this profile file, not to the data, so a restore keeps the
//! profile's own — on or off, its folder, a prepared key rotation — whatever the backup held.
//! Restoring a backup made before automatic backups were on no longer turns them off, and
//! restoring another profile's backup no longer points the daily runs at that profile's folder.
//!
//! One case takes the backup's: a restore with the recovery key into a profile that never had
//! automatic backups set — a new phone (or a new `--db`) continuing the backups that restored
//! it, as the shells keep the key the person typed.

use rusqlite::Connection;

use super::{ENABLED_PREFERENCE, FOLDER_PREFERENCE, rotation::ROTATION_PREFERENCE};
use crate::error::Result;
use crate::preferences;

/// The settings a restore leaves as they were.
const DEVICE_SETTINGS: [&str; 3] = [ENABLED_PREFERENCE, FOLDER_PREFERENCE, ROTATION_PREFERENCE];

/// The profile's own automatic-backup settings, read before a restore replaces it, to be
/// written into the restored copy before the swap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeptSettings(Vec<(&'static str, Option<String>)>);

/// What `live` (the profile about to be replaced) keeps through a restore: its own settings,
/// or `None` when the backup's stay (a recovery-key restore into a profile that never had
/// automatic backups set).
pub(crate) fn kept_by_restore(
    live: &Connection,
    by_recovery_key: bool,
) -> Result<Option<KeptSettings>> {
    let mut values = Vec::with_capacity(DEVICE_SETTINGS.len());
    for name in DEVICE_SETTINGS {
        values.push((name, preferences::get(live, name)?));
    }
    if by_recovery_key && values.iter().all(|(_, v)| v.is_none()) {
        return Ok(None);
    }
    Ok(Some(KeptSettings(values)))
}

impl KeptSettings {
    /// Writes these settings into the restored copy (a setting the profile did not have is
    /// removed from it).
    pub(crate) fn apply(&self, conn: &Connection) -> Result<()> {
        for (name, value) in &self.0 {
            match value {
                Some(v) => preferences::set(conn, name, v)?,
                None => preferences::remove(conn, name)?,
            }
        }
        Ok(())
    }
}
