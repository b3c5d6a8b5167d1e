//! Encrypted backup and verified restore of a whole profile (DESIGN §3, §8) — the recovery
//! path when a phone is lost or replaced, since the database key never leaves the device.
//!
//! A backup is one file: a clear header (format, Argon2id parameters, salt, nonce, schema
//! version, creation time; see [`format`]) and the whole database image with a manifest of
//! rows per table, zlib-compressed and sealed with XChaCha20-Poly1305 under a key derived from
//! a passphrase ([`crypto`]). Restore checks everything — header, key, tag, version, SQLite's
//! integrity check, row counts — into a new database beside the current one, and only then
//! replaces it atomically ([`restore`]).
//!
//! Generic over the tables, strict about the schema: the image carries every table, so new
//! domains need no change here, but restore accepts only an image whose every `sqlite_master`
//! row is exactly what this build's migrations create at its version (derived from the
//! migrations, so a new migration is covered by itself), verified with `trusted_schema` off and
//! SQLite's defensive mode, with the full-text configuration reset ([`snapshot::verify`]). A
//! restore reads no more than the header declares ([`restore_file`]). Must never: write plaintext to disk, copy the database file raw, modify the
//! current profile before a backup is fully verified, or put a passphrase, key or user
//! content in an error or log.

mod automatic;
mod crypto;
mod format;
#[cfg(fuzzing)]
pub mod fuzzing;
mod generated;
mod overview;
mod passphrase;
mod recovery_key;
mod restore;
mod snapshot;
mod temp;

use std::path::Path;

use chrono::{DateTime, Utc};

pub use automatic::{check_recovery_key, create_automatic, recovery_key_check, reseal_automatic};
pub use crypto::{BackupSecret, KdfParams};
pub use format::{AUTO_FORMAT_VERSION, FORMAT_VERSION, MAGIC};
pub use generated::{generate as generate_passphrase, is_generated as is_generated_passphrase};
pub use overview::{KindOverview, profile_overview};
pub use passphrase::{MAX_PASSPHRASE_CHARS, MIN_PASSPHRASE_CHARS, Passphrase};
pub use recovery_key::{RECOVERY_KEY_BITS, RECOVERY_KEY_CHARS, RecoveryKey};

pub use crate::dump::TableRows;
use crate::error::{Error, Result};
use crate::outfile::Writing;
use crate::progress::{Meter, Progress};
use crate::store::{DatabaseKey, Store};
use crate::time::Timestamp;
use crypto::{Kdf, NONCE_LEN, SALT_LEN};
use format::{Header, Manifest, Parsed};
#[cfg(any(test, fuzzing))]
use snapshot::Image;
use temp::TempFile;

/// How a backup is written. The default is what the apps use; tests make the KDF cheap.
#[derive(Debug, Clone, Default)]
pub struct BackupOptions {
    /// The Argon2id cost written into the header.
    pub kdf: Option<KdfParams>,
}

impl BackupOptions {
    /// Options with a cheaper (or dearer) key derivation than [`KdfParams::PHONE`].
    pub fn with_kdf(kdf: KdfParams) -> Self {
        BackupOptions { kdf: Some(kdf) }
    }

    fn kdf(&self) -> KdfParams {
        self.kdf.unwrap_or(KdfParams::PHONE)
    }
}

/// What a backup contains.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct BackupSummary {
    /// Size of the backup file in bytes.
    pub bytes: u64,
    /// The file format version written.
    pub format_version: u32,
    /// The profile's schema version.
    pub schema_version: i64,
    /// When the backup was made (RFC 3339, UTC).
    pub created_at: Timestamp,
    /// Rows per table, sorted by table name.
    pub tables: Vec<TableRows>,
}

/// What a restore brought back.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RestoreSummary {
    /// When the backup was made (RFC 3339, UTC).
    pub created_at: Timestamp,
    /// The schema version the backup was written with.
    pub backup_schema_version: i64,
    /// The schema version of the profile now (higher if the backup was migrated).
    pub schema_version: i64,
    /// Rows per table restored, sorted by table name.
    pub tables: Vec<TableRows>,
}

/// Makes a backup of the open profile: the bytes of the backup file and its summary.
///
/// Reads through a second connection inside one read transaction, so the app may keep
/// writing; the backup is the state at the moment the transaction began.
pub fn create(
    store: &Store,
    key: &DatabaseKey,
    passphrase: &Passphrase,
    now: DateTime<Utc>,
    options: &BackupOptions,
    progress: &dyn Progress,
) -> Result<(Vec<u8>, BackupSummary)> {
    let meter = Meter::new(progress);
    let mut snapshot = snapshot::snapshot(store.path(), key)?;
    meter.at(100);
    let schema_version = snapshot.schema_version;
    let (image, manifest) = snapshot.contents()?;
    let contents = Contents {
        image: &image,
        manifest,
        schema_version,
    };
    let secret = BackupSecret::Passphrase(passphrase);
    let kdf = Kdf::Argon2id(options.kdf());
    let bytes = seal_with(
        &contents,
        secret,
        now,
        kdf,
        crypto::random()?,
        crypto::random()?,
        &meter,
    )?;
    let summary = BackupSummary {
        bytes: bytes.len() as u64,
        format_version: u32::from(FORMAT_VERSION),
        schema_version,
        created_at: Timestamp(now),
        tables: table_rows(manifest),
    };
    meter.finish();
    Ok((bytes, summary))
}

/// Makes a backup and writes it to `out` atomically (a temp file renamed into place).
pub fn create_file(
    store: &Store,
    key: &DatabaseKey,
    out: &Path,
    passphrase: &Passphrase,
    now: DateTime<Utc>,
    options: &BackupOptions,
    progress: &dyn Progress,
) -> Result<BackupSummary> {
    crate::outfile::check_target(store.path(), out, "out", Writing::Backup)?;
    let (bytes, summary) = create(store, key, passphrase, now, options, progress)?;
    crate::outfile::write_bytes(store.path(), out, Writing::Backup, &bytes)?;
    Ok(summary)
}

/// Replaces the open profile with the backup in `file`, after verifying all of it.
///
/// `wrong_key` for a wrong passphrase, `corrupt` for a damaged, truncated or altered file
/// (including a database image whose schema is not exactly this app's schema of its version),
/// `unsupported_version` for a newer format or schema; on any error the current profile is
/// exactly as it was. An older backup is migrated to the current schema.
pub fn restore(
    store: &mut Store,
    key: &DatabaseKey,
    file: &[u8],
    passphrase: &Passphrase,
    progress: &dyn Progress,
) -> Result<RestoreSummary> {
    store.hold_for_restore()?;
    let result = (|| {
        let meter = Meter::new(progress);
        let (header, aad, sealed) = format::decode(file)?;
        let keys = unlock(&header, BackupSecret::Passphrase(passphrase))?;
        meter.at(300);
        let sealed = zeroize::Zeroizing::new(sealed.to_vec());
        restore_sealed(store, key, &header, aad, sealed, &keys, false, &meter)
    })();
    store.release_restore_hold();
    result
}

/// Refuses a newer schema before the deliberate key-derivation cost is spent, then derives
/// the keys; a secret that does not match the key check is `wrong_key`.
fn unlock(header: &Parsed, secret: BackupSecret<'_>) -> Result<crypto::DerivedKeys> {
    if header.schema_version > crate::store::SCHEMA_VERSION {
        return Err(Error::UnsupportedVersion {
            what: "backup schema",
            found: header.schema_version,
            supported: crate::store::SCHEMA_VERSION,
        });
    }
    let keys = crypto::derive(secret, &header.salt, &header.kdf)?;
    // Not constant-time on purpose: the expected value is in the file the caller holds, so
    // timing reveals nothing the file does not.
    if keys.check != header.key_check {
        return Err(match secret {
            BackupSecret::Passphrase(_) => Error::WrongPassphrase,
            BackupSecret::RecoveryKey(_) => Error::WrongRecoveryKey,
        });
    }
    Ok(keys)
}

/// Opens, verifies and stages the backup, then swaps it in. The profile's own automatic-backup
/// settings are written into the staged copy first, so they survive the restore
/// ([`crate::auto_backup::kept`]).
#[allow(clippy::too_many_arguments)]
fn restore_sealed(
    store: &mut Store,
    key: &DatabaseKey,
    header: &Parsed,
    aad: &[u8],
    mut sealed: zeroize::Zeroizing<Vec<u8>>,
    keys: &crypto::DerivedKeys,
    by_recovery_key: bool,
    meter: &Meter<'_>,
) -> Result<RestoreSummary> {
    let kept = crate::auto_backup::kept::kept_by_restore(store.conn(), by_recovery_key)?;
    crypto::open(keys, &header.nonce, aad, &mut sealed)?;
    meter.at(350);
    // Decompression stops at the length the authenticated header announced.
    let payload = format::decompress(&sealed, header.payload_bytes, &|done, total| {
        meter.within(350, 500, done, total)
    })?;
    drop(sealed);
    let (manifest, image) = format::unframe(&payload)?;
    let plain = snapshot::verify(image, &manifest, header.schema_version)?;
    drop(payload);
    meter.at(700);

    // A crash during an earlier restore may have left its staged copy behind.
    for leftover in crate::store::staged_copies(store.path())? {
        let _ = std::fs::remove_file(leftover);
    }
    let temp = TempFile::beside(store.path(), "restore")?;
    snapshot::export_encrypted(&plain, temp.path(), key, &manifest)?;
    drop(plain);
    meter.at(850);
    let schema_version = restore::migrate_staged(&temp, key, header.schema_version, kept.as_ref())?;
    meter.at(950);
    // Checked when the header was parsed; read before anything is replaced all the same.
    let created_at = Timestamp(crate::time::parse_instant(
        &header.created_at,
        "created_at",
    )?);
    restore::swap_in(store, temp, key)?;
    meter.finish();
    Ok(RestoreSummary {
        created_at,
        backup_schema_version: header.schema_version,
        schema_version,
        tables: table_rows(&manifest),
    })
}

/// [`restore`] from a file on disk, with memory bounded by what the header declares: the
/// header is read first, a file longer than its declared payload allows is `corrupt` unread,
/// and the tag is verified while streaming the file before it is read whole.
pub fn restore_file(
    store: &mut Store,
    key: &DatabaseKey,
    path: &Path,
    passphrase: &Passphrase,
    progress: &dyn Progress,
) -> Result<RestoreSummary> {
    restore_file_with(
        store,
        key,
        path,
        BackupSecret::Passphrase(passphrase),
        progress,
    )
}

/// [`restore_file`] with either kind of secret: a passphrase for a manual backup, the
/// recovery key for an automatic one (the other kind is `wrong_key`).
pub fn restore_file_with(
    store: &mut Store,
    key: &DatabaseKey,
    path: &Path,
    secret: BackupSecret<'_>,
    progress: &dyn Progress,
) -> Result<RestoreSummary> {
    // Held alone from here to the reopen after the swap: a save in another process waits
    // (or fails as busy) instead of being acknowledged and then replaced.
    store.hold_for_restore()?;
    let result = restore_file_held(store, key, path, secret, progress);
    store.release_restore_hold();
    result
}

fn restore_file_held(
    store: &mut Store,
    key: &DatabaseKey,
    path: &Path,
    secret: BackupSecret<'_>,
    progress: &dyn Progress,
) -> Result<RestoreSummary> {
    use std::io::{Read, Seek, SeekFrom};
    let meter = Meter::new(progress);
    let not_regular = || {
        Error::invalid(
            "path",
            "is not a regular file (a folder, pipe, socket or device)",
        )
    };
    // Looked at before it is opened: opening a FIFO or some devices blocks for ever.
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return Err(not_regular()),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::not_found("backup file"));
        }
        Err(e) => return Err(e.into()),
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Never blocks, even if the path was swapped for a pipe since it was looked at.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC);
    }
    let mut file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::not_found("backup file"),
        _ => e.into(),
    })?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(Error::invalid(
            "path",
            "is not a regular file (a folder, pipe or device)",
        ));
    }
    let len = meta.len();
    let mut head = Vec::new();
    (&mut file)
        .take(format::MAX_HEAD_LEN as u64)
        .read_to_end(&mut head)?;
    let (header, head_len) = format::decode_head(&head, len)?;
    head.truncate(head_len);
    let keys = unlock(&header, secret)?;
    meter.at(200);
    let sealed_len = len - head_len as u64;
    file.seek(SeekFrom::Start(head_len as u64))?;
    crypto::verify_stream(&keys, &header.nonce, &head, &mut file, sealed_len)?;
    meter.at(300);
    file.seek(SeekFrom::Start(head_len as u64))?;
    let size = usize::try_from(sealed_len).map_err(|_| crypto::corrupt("the file is too large"))?;
    let mut sealed = zeroize::Zeroizing::new(vec![0u8; size]);
    file.read_exact(&mut sealed)?;
    drop(file);
    let by_recovery_key = matches!(secret, BackupSecret::RecoveryKey(_));
    restore_sealed(
        store,
        key,
        &header,
        &head,
        sealed,
        &keys,
        by_recovery_key,
        &meter,
    )
}

/// What a backup file seals: a database image and what it must contain.
pub(crate) struct Contents<'a> {
    pub image: &'a [u8],
    pub manifest: &'a Manifest,
    pub schema_version: i64,
}

#[cfg(any(test, fuzzing))]
impl Image {
    fn contents(&self) -> Contents<'_> {
        Contents {
            image: &self.bytes,
            manifest: &self.manifest,
            schema_version: self.schema_version,
        }
    }
}

/// Compresses, frames and seals `image` under a passphrase. Salt and nonce are parameters so
/// tests can build files with chosen contents; [`create`] always passes fresh random values.
#[cfg(any(test, fuzzing))]
fn seal(
    image: &Image,
    passphrase: &Passphrase,
    now: DateTime<Utc>,
    kdf: KdfParams,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    meter: &Meter<'_>,
) -> Result<Vec<u8>> {
    let secret = BackupSecret::Passphrase(passphrase);
    let contents = image.contents();
    seal_with(
        &contents,
        secret,
        now,
        Kdf::Argon2id(kdf),
        salt,
        nonce,
        meter,
    )
}

/// Compresses, frames and seals `contents` with either kind of secret and its key derivation.
/// The file is built in one buffer: header, then the compressed payload written after it and
/// encrypted in place, then the tag.
fn seal_with(
    contents: &Contents<'_>,
    secret: BackupSecret<'_>,
    now: DateTime<Utc>,
    kdf: Kdf,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    meter: &Meter<'_>,
) -> Result<Vec<u8>> {
    let keys = crypto::derive(secret, &salt, &kdf)?;
    meter.at(400);
    // Automatic backups trade a few per cent of size for speed; both are one zlib stream.
    let effort = match kdf {
        Kdf::Argon2id(_) => format::Effort::Thorough,
        Kdf::HkdfSha256 => format::Effort::Fast,
    };
    let (payload_bytes, manifest_json) =
        format::framed_len(contents.manifest, contents.image.len())?;
    let header = format::encode_header(&Header::new(&Parsed {
        kdf,
        salt,
        key_check: keys.check,
        nonce,
        payload_bytes,
        schema_version: contents.schema_version,
        created_at: crate::time::format_utc(now),
    }))?;
    // Until it is sealed the buffer holds compressed plaintext: zeroized if anything fails.
    let mut file = zeroize::Zeroizing::new(Vec::with_capacity(
        header.len() + contents.image.len() / 3 + crypto::TAG_LEN,
    ));
    file.extend_from_slice(&header);
    format::compress_framed(
        &mut file,
        &manifest_json,
        contents.image,
        effort,
        &|done, total| meter.within(400, 900, done, total),
    )?;
    let (aad, payload) = file.split_at_mut(header.len());
    let tag = crypto::seal_detached(&keys, &nonce, aad, payload)?;
    file.extend_from_slice(&tag);
    Ok(std::mem::take(&mut *file))
}

/// The largest file any backup can be: a bigger one is refused unread.
pub(crate) fn max_file_len() -> u64 {
    (format::MAX_HEAD_LEN as u64).saturating_add(format::max_sealed_len(format::MAX_PAYLOAD_BYTES))
}

fn table_rows(manifest: &Manifest) -> Vec<TableRows> {
    manifest
        .tables
        .iter()
        .map(|(table, rows)| TableRows {
            table: table.clone(),
            rows: *rows,
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests;
