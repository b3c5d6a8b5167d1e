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
