//! Moving a profile between the encrypted file and a plaintext database image held in memory.
//!
//! Out: a second connection to the profile opens one read transaction and `sqlcipher_export`s
//! everything (tables, indexes, FTS5 tables with their shadow tables, triggers, views) into an
//! attached in-memory database, which is serialised to bytes. No plaintext touches the disk,
//! and the file is never copied raw (DESIGN §3).
//!
//! In: the image is deserialised into an in-memory connection, checked, and exported into a
//! new file encrypted with the profile's key. Carrying the whole image means derived data (the
//! full-text indexes) arrives exactly as it left and needs no rebuild.

use std::path::Path;

use rusqlite::{Connection, MAIN_DB, OpenFlags};
use zeroize::Zeroizing;

use super::crypto::corrupt;
use super::format::Manifest;
use crate::dump::row_counts;
use crate::error::{Error, Result};
use crate::store::{DatabaseKey, SCHEMA_VERSION};

/// A plaintext image of the profile, with what it must contain (an owned copy, for tests and
/// the fuzzers; a backup seals a [`Snapshot`]'s bytes in place).
#[cfg(any(test, fuzzing))]
pub(crate) struct Image {
    pub bytes: Zeroizing<Vec<u8>>,
    pub manifest: Manifest,
    pub schema_version: i64,
}

/// A consistent plaintext image of the profile, still in the in-memory database it was
/// exported into. That database lives in one buffer (SQLite's `memdb` VFS), which
/// [`Snapshot::bytes`] lends without a copy: a ten-year profile's image is 15 MB, and copying
/// it twice (serialise, then into a `Vec`) cost a backup about a tenth of its time.
pub(crate) struct Snapshot {
    conn: Connection,
    pub manifest: Manifest,
    pub schema_version: i64,
}

impl Snapshot {
    /// The image's bytes, borrowed from the in-memory database (copied only if SQLite cannot
    /// lend them), and its manifest.
    pub fn contents(&mut self) -> Result<(rusqlite::serialize::Data<'_>, &Manifest)> {
        Ok((self.conn.serialize("plain")?, &self.manifest))
    }

    /// The image as an owned copy, zeroized when dropped.
    #[cfg(test)]
    pub fn into_image(mut self) -> Result<Image> {
        let bytes = Zeroizing::new(self.conn.serialize("plain")?.to_vec());
        Ok(Image {
            bytes,
            manifest: self.manifest,
            schema_version: self.schema_version,
        })
    }
}

/// Takes a consistent plaintext image of the profile at `path`, as an owned copy.
#[cfg(test)]
pub(crate) fn take(path: &Path, key: &DatabaseKey) -> Result<Image> {
    snapshot(path, key)?.into_image()
}

/// Takes a consistent plaintext image of the profile at `path`.
pub(crate) fn snapshot(path: &Path, key: &DatabaseKey) -> Result<Snapshot> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let mut conn = Connection::open_with_flags(path, flags)?;
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    key.apply(&conn)?;
    conn.busy_timeout(std::time::Duration::from_secs(3))?;
    // KEY '' makes the attached database plaintext: it lives only in memory, in one buffer
    // private to this connection (`memdb` without a leading `/` is never shared).
    conn.execute_batch("ATTACH DATABASE 'file:reset-backup-image?vfs=memdb' AS plain KEY '';")?;
    let (schema_version, application_id) = {
        // One read transaction: the image is a snapshot even if the app writes meanwhile.
        let tx = conn.transaction()?;
        let version: i64 = tx.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
        let app: i64 = tx.query_row("PRAGMA main.application_id", [], |r| r.get(0))?;
        tx.query_row("SELECT sqlcipher_export('plain')", [], |_| Ok(()))?;
        tx.commit()?;
        (version, app)
    };
    // sqlcipher_export copies schema and rows, not the header fields.
    conn.execute_batch(&format!(
        "PRAGMA plain.user_version = {schema_version}; PRAGMA plain.application_id = {application_id};"
    ))?;
    let manifest = Manifest {
        tables: row_counts(&conn, "plain")?,
    };
    Ok(Snapshot {
        conn,
        manifest,
        schema_version,
    })
}

/// Loads `image` into an in-memory database and proves it sound: SQLite's integrity and
/// foreign-key checks pass, its schema version is the one the header announced (and one this
/// build can read), and every table holds the rows the manifest lists.
///
/// The image is hostile until proven otherwise: it is loaded with `trusted_schema` off and
/// SQLite's defensive mode on (no SQL function can run from its schema, shadow tables are
/// read-only), its schema must be exactly — every `sqlite_master` row — the schema this
/// build's migrations create at its version (so no added trigger, view or index, and no
/// altered table or full-text tokenizer survives a restore), and each full-text index's
/// configuration is reset to the fresh one (`secure-delete` on, nothing else).
pub(crate) fn verify(image: &[u8], manifest: &Manifest, schema_version: i64) -> Result<Connection> {
    if !(1..=SCHEMA_VERSION).contains(&schema_version) {
        return Err(Error::UnsupportedVersion {
            what: "backup schema",
            found: schema_version,
            supported: SCHEMA_VERSION,
        });
    }
    let mut conn = Connection::open_in_memory()?;
    harden(&conn, true)?;
    // Writable (in memory only) so the full-text configuration can be reset below.
    conn.deserialize_read_exact(MAIN_DB, image, image.len(), false)
        .map_err(|_| corrupt("the database image does not load"))?;
    let (fresh, known) = crate::store::fresh_at(schema_version)?;
    let schema = crate::store::read_schema(&conn, "main")
        .map_err(|_| corrupt("the database image is not a database"))?;
    if schema != known {
        return Err(corrupt(
            "the database image's schema is not this app's schema for its version (an added or altered table, index, trigger or view)",
        ));
    }
    reset_fts_config(&conn, &fresh, &known)?;
    let ok: String = conn
        .query_row("PRAGMA main.integrity_check", [], |r| r.get(0))
        .map_err(|_| corrupt("the database image is not a database"))?;
    if ok != "ok" {
        return Err(corrupt(
            "the database image failed SQLite's integrity check",
        ));
    }
    let dangling: i64 =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })?;
    if dangling != 0 {
        return Err(corrupt("the database image has broken references"));
    }
    let version: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
    if version != schema_version {
        return Err(corrupt("the database image does not match its header"));
    }
    if version > SCHEMA_VERSION {
        return Err(Error::UnsupportedVersion {
            what: "backup schema",
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if row_counts(&conn, "main")? != manifest.tables {
        return Err(corrupt("the row counts do not match the backup's manifest"));
    }
    Ok(conn)
}

/// `trusted_schema` off and defensive mode `on` (or off, briefly, to reset shadow tables).
fn harden(conn: &Connection, defensive: bool) -> Result<()> {
    use rusqlite::config::DbConfig;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, defensive)?;
    Ok(())
}

/// Replaces the configuration of every FTS5 table in the image with the fresh database's
/// (`secure-delete` on; no ranking function, tokenizer data or merge setting of the file's),
/// keeping only the index's own format `version`.
fn reset_fts_config(
    conn: &Connection,
    fresh: &Connection,
    known: &[crate::store::SchemaRow],
) -> Result<()> {
    let fts: Vec<&str> = known
        .iter()
        .filter(|(kind, _, _, sql)| {
            kind == "table"
                && sql
                    .as_deref()
                    .is_some_and(|s| s.to_ascii_lowercase().contains("using fts5"))
        })
        .map(|(_, name, _, _)| name.as_str())
        .collect();
    harden(conn, false)?;
    let result = (|| {
        for table in fts {
            let config = format!("\"{table}_config\"");
            // `version` is the index's on-disk format (secure-delete deletes raise it to 5),
            // which FTS5 itself checks; every other key comes from the fresh database.
            let mut stmt =
                fresh.prepare(&format!("SELECT k, v FROM {config} WHERE k <> 'version'"))?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, rusqlite::types::Value>(0)?,
                        r.get::<_, rusqlite::types::Value>(1)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            conn.execute(&format!("DELETE FROM {config} WHERE k <> 'version'"), [])?;
            for (k, v) in rows {
                conn.execute(
                    &format!("INSERT INTO {config} (k, v) VALUES (?1, ?2)"),
                    (k, v),
                )?;
            }
        }
        Ok(())
    })();
    harden(conn, true)?;
    result
}

/// Writes the verified image in `plain` (an in-memory connection from [`verify`]) into a new
/// file at `target` encrypted with `key`, and checks the copy holds every row.
pub(crate) fn export_encrypted(
    plain: &Connection,
    target: &Path,
    key: &DatabaseKey,
    manifest: &Manifest,
) -> Result<()> {
    let mut attach = Zeroizing::new(String::with_capacity(120));
    attach.push_str("x'");
    attach.push_str(&key.to_hex());
    attach.push('\'');
    let target_text = target
        .to_str()
        .ok_or_else(|| Error::invalid("path", "must be valid UTF-8"))?;
    plain.execute(
        "ATTACH DATABASE ?1 AS restored KEY ?2",
        (target_text, attach.as_str()),
    )?;
    // sqlcipher_export copies virtual tables through `writable_schema`, which defensive mode
    // forbids; the schema was proven to be this build's own by [`verify`].
    harden(plain, false)?;
    let result = (|| {
        let version: i64 = plain.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
        let app: i64 = plain.query_row("PRAGMA main.application_id", [], |r| r.get(0))?;
        // A scratch file until it is renamed into place: no journal, no fsync per statement
        // (the caller syncs it once before the rename), and one transaction for the lot.
        plain.query_row("PRAGMA restored.journal_mode = MEMORY", [], |_| Ok(()))?;
        plain.execute_batch("PRAGMA restored.synchronous = OFF; BEGIN;")?;
        plain.query_row("SELECT sqlcipher_export('restored')", [], |_| Ok(()))?;
        plain.execute_batch(&format!(
            "PRAGMA restored.user_version = {version}; PRAGMA restored.application_id = {app}; COMMIT;"
        ))?;
        let ok: String = plain.query_row("PRAGMA restored.integrity_check", [], |r| r.get(0))?;
        if ok != "ok" || row_counts(plain, "restored")? != manifest.tables {
            return Err(Error::internal(
                "the restored copy does not match the backup",
            ));
        }
        Ok(())
    })();
    if !plain.is_autocommit() {
        let _ = plain.execute_batch("ROLLBACK;");
    }
    plain.execute_batch("DETACH DATABASE restored;")?;
    result
}
