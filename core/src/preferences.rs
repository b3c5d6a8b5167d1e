//! Preferences: small named settings stored inside the encrypted profile (the person's
//! region for crisis resources, whether streaks are hidden, …).
//!
//! Owns validation of names and values. Must never hold secrets: keys live in the Keychain /
//! Keystore, not here.

use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};

const MAX_NAME: usize = 64;
const MAX_VALUE: usize = 4096;

fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= MAX_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "name",
            "use 1–64 characters of a–z, 0–9, '_' or '.'",
        ))
    }
}

/// Names the core owns and writes through its own typed calls (the app lock, the streak, the
/// export pseudonym). An app writing one by name could leave a value the typed call then reads
/// as a damaged profile, so [`set_by_app`] and [`remove_by_app`] refuse them.
pub const RESERVED: &[&str] = &[
    "app_lock",
    "app_lock.safety_plan_visible",
    "hide_streak",
    "export.pseudonym",
    "auto_backup.rotation",
];

fn check_not_reserved(name: &str) -> Result<()> {
    if RESERVED.contains(&name) {
        return Err(Error::invalid(
            "name",
            "is a setting the core keeps itself; use its own call (app lock, streak)",
        ));
    }
    Ok(())
}

/// [`set`] for a name given by the app (the FFI's `setPreference`): refuses [`RESERVED`] names.
pub fn set_by_app(conn: &Connection, name: &str, value: &str) -> Result<()> {
    check_not_reserved(name)?;
    set(conn, name, value)
}

/// [`remove`] for a name given by the app: refuses [`RESERVED`] names.
pub fn remove_by_app(conn: &Connection, name: &str) -> Result<()> {
    check_not_reserved(name)?;
    remove(conn, name)
}

/// Stores `value` under `name`, replacing any earlier value.
pub fn set(conn: &Connection, name: &str, value: &str) -> Result<()> {
    check_name(name)?;
    if value.len() > MAX_VALUE {
        return Err(Error::invalid(
            "value",
            format!("at most {MAX_VALUE} bytes"),
        ));
    }
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (name, value),
    )?;
    Ok(())
}

/// The value stored under `name`, if any.
pub fn get(conn: &Connection, name: &str) -> Result<Option<String>> {
    check_name(name)?;
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Removes `name`; removing a missing name is not an error.
pub fn remove(conn: &Connection, name: &str) -> Result<()> {
    check_name(name)?;
    conn.execute("DELETE FROM settings WHERE key = ?1", [name])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{DatabaseKey, Store};

    /// API review F14: writing `app_lock` by name made every later `app_lock_settings()` read
    /// as a damaged profile. The core's own names are refused to the app; its own calls work.
    #[test]
    fn the_app_cannot_write_or_remove_a_setting_the_core_keeps_itself() {
        let dir = tempfile::TempDir::new().unwrap();
        let mut store = Store::open(
            &dir.path().join("p.db"),
            &DatabaseKey::from_bytes(&[1; 32]).unwrap(),
        )
        .unwrap();
        assert_eq!(
            RESERVED,
            [
                crate::lock::LOCK_PREFERENCE,
                crate::lock::SAFETY_PLAN_PREFERENCE,
                crate::practice::HIDE_STREAK_PREFERENCE,
                crate::export::snapshot::PSEUDONYM_SETTING,
                crate::auto_backup::rotation::ROTATION_PREFERENCE,
            ]
        );
        for name in RESERVED {
            let err = store.write(|tx| set_by_app(tx, name, "on")).unwrap_err();
            assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "name"));
            assert!(store.write(|tx| remove_by_app(tx, name)).is_err());
        }
        assert_eq!(
            crate::lock::settings(store.conn()).unwrap(),
            crate::lock::LockSettings::default()
        );
        store.write(|tx| set_by_app(tx, "region", "US")).unwrap();
        assert_eq!(get(store.conn(), "region").unwrap().as_deref(), Some("US"));
    }

    #[test]
    fn a_preference_round_trips_and_can_be_replaced_and_removed() {
        let dir = tempfile::TempDir::new().unwrap();
        let mut store = Store::open(
            &dir.path().join("p.db"),
            &DatabaseKey::from_bytes(&[1; 32]).unwrap(),
        )
        .unwrap();
        store.write(|tx| set(tx, "region", "GB")).unwrap();
        store.write(|tx| set(tx, "region", "IE")).unwrap();
        assert_eq!(get(store.conn(), "region").unwrap().as_deref(), Some("IE"));
        store.write(|tx| remove(tx, "region")).unwrap();
        assert_eq!(get(store.conn(), "region").unwrap(), None);
    }

    #[test]
    fn bad_names_and_huge_values_are_invalid_input() {
        let dir = tempfile::TempDir::new().unwrap();
        let store = Store::open(
            &dir.path().join("p.db"),
            &DatabaseKey::from_bytes(&[1; 32]).unwrap(),
        )
        .unwrap();
        assert!(
            matches!(set(store.conn(), "Bad Name", "x"), Err(Error::InvalidInput { ref field, .. }) if field == "name")
        );
        let huge = "x".repeat(MAX_VALUE + 1);
        assert!(
            matches!(set(store.conn(), "ok", &huge), Err(Error::InvalidInput { ref field, .. }) if field == "value")
        );
    }
}
