//! The file of an automatic backup (issue 21): the manual backup's container, format version 2,
//! sealed under a key derived from the recovery key with HKDF-SHA256 instead of a passphrase
//! through Argon2id. The recovery key is 128 random bits, so no deliberate cost is needed and
//! a daily backup costs milliseconds of key derivation, not a second.
//!
//! Restoring one is the manual restore ([`super::restore_file_with`] with
//! [`BackupSecret::RecoveryKey`]): the same full verification before anything is replaced.
//! Must never: write the recovery key, or anything derived from it but the key check, into
//! the file.

use chrono::{DateTime, Utc};
use zeroize::Zeroizing;

use std::path::Path;

use super::crypto::{self, BackupSecret, KEY_CHECK_LEN, Kdf, SALT_LEN};
use super::format::{self, AUTO_FORMAT_VERSION};
use super::recovery_key::RecoveryKey;
use super::snapshot;
use super::{BackupSummary, Contents, seal_with, table_rows, unlock};
use crate::error::Result;
use crate::progress::{Meter, Progress, Silent};
use crate::store::{DatabaseKey, Store};
use crate::time::Timestamp;

/// Makes an automatic backup of the open profile sealed for `recovery_key`: the file's bytes
/// and its summary (`format_version` 2). Reads through a second connection in one read
/// transaction, as [`super::create`] does.
pub fn create_automatic(
    store: &Store,
    key: &DatabaseKey,
    recovery_key: &RecoveryKey,
    now: DateTime<Utc>,
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
    let bytes = seal_with(
        &contents,
        BackupSecret::RecoveryKey(recovery_key),
        now,
        Kdf::HkdfSha256,
        crypto::random()?,
        crypto::random()?,
        &meter,
    )?;
    let summary = BackupSummary {
        bytes: bytes.len() as u64,
        format_version: u32::from(AUTO_FORMAT_VERSION),
        schema_version,
        created_at: Timestamp(now),
        tables: table_rows(manifest),
    };
    meter.finish();
    Ok((bytes, summary))
}

/// Opens the automatic backup `file` with `old`, verifies all of it exactly as a restore would
/// (header, key check, tag, decompression, the schema and every row count — without touching
/// any profile), and seals the same database image again for `new`, with fresh salt and nonce
/// and the original creation time. `wrong_key` if `old` does not open it, `corrupt` if any
/// check fails: a damaged backup is never re-sealed as if it were sound.
pub fn reseal_automatic(
    file: &[u8],
    old: &RecoveryKey,
    new: &RecoveryKey,
) -> Result<(Vec<u8>, Timestamp)> {
    let (header, aad, sealed) = format::decode(file)?;
    let keys = unlock(&header, BackupSecret::RecoveryKey(old))?;
    let mut sealed = Zeroizing::new(sealed.to_vec());
    crypto::open(&keys, &header.nonce, aad, &mut sealed)?;
    let payload = format::decompress(&sealed, header.payload_bytes, &|_, _| {})?;
    drop(sealed);
    let (manifest, image) = format::unframe(&payload)?;
    drop(snapshot::verify(image, &manifest, header.schema_version)?);
    let created = crate::time::parse_instant(&header.created_at, "created_at")?;
    let contents = Contents {
        image,
        manifest: &manifest,
        schema_version: header.schema_version,
    };
    let bytes = seal_with(
        &contents,
        BackupSecret::RecoveryKey(new),
        created,
        Kdf::HkdfSha256,
        crypto::random()?,
        crypto::random()?,
        &Meter::new(&Silent),
    )?;
    Ok((bytes, Timestamp(created)))
}

/// Checks that `key` is the recovery key the automatic backup at `path` was sealed for,
/// reading only its header and deriving the key check (no decryption, microseconds): what a
/// key rotation's commit uses to tell files already sealed for the new key from the old
/// key's. `wrong_key` if not; `corrupt` / `unsupported_version` if the header is.
pub fn check_recovery_key(path: &Path, key: &RecoveryKey) -> Result<()> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    let mut head = Vec::with_capacity(format::MAX_HEAD_LEN);
    file.take(format::MAX_HEAD_LEN as u64)
        .read_to_end(&mut head)?;
    let (header, _) = format::decode_head(&head, len)?;
    unlock(&header, BackupSecret::RecoveryKey(key)).map(drop)
}

/// The key check an automatic backup's header would hold for `key` with `salt` (HKDF-SHA256,
/// then the BLAKE2b split): a one-way value that lets a pending key rotation recognise its new
/// key later without storing the key anywhere.
pub fn recovery_key_check(key: &RecoveryKey, salt: &[u8; SALT_LEN]) -> Result<[u8; KEY_CHECK_LEN]> {
    Ok(crypto::derive(BackupSecret::RecoveryKey(key), salt, &Kdf::HkdfSha256)?.check)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use crate::backup::tests::{PASS, Profile, cheap, now, pass};
    use crate::backup::{Passphrase, restore, restore_file_with};

    fn rk(byte: u8) -> RecoveryKey {
        RecoveryKey::from_bytes([byte; 16])
    }

    #[test]
    fn an_automatic_backup_restores_with_its_recovery_key_only() {
        let phone = Profile::generated(31, 20);
        let before = phone.dump();
        let (file, summary) =
            create_automatic(&phone.store, &phone.key, &rk(1), now(), &Silent).unwrap();
        assert_eq!(summary.format_version, 2);
        assert_eq!(&file[8..10], &[0, 2]);

        let mut other = Profile::new(32);
        let path = other.dir.path().join("auto.rcbackup");
        std::fs::write(&path, &file).unwrap();
        let untouched = other.dump();
        for (secret, what) in [
            (BackupSecret::RecoveryKey(&rk(2)), "another recovery key"),
            (BackupSecret::Passphrase(&pass(PASS)), "a passphrase"),
        ] {
            let err = restore_file_with(&mut other.store, &other.key, &path, secret, &Silent)
                .unwrap_err();
            assert_eq!(err.kind(), ErrorKind::WrongKey, "{what}");
            assert_eq!(other.dump(), untouched, "{what} changed nothing");
        }
        let err = restore(
            &mut other.store,
            &other.key,
            &file,
            &Passphrase::for_restore(PASS.into()),
            &Silent,
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WrongKey);

        let back = restore_file_with(
            &mut other.store,
            &other.key,
            &path,
            BackupSecret::RecoveryKey(&rk(1)),
            &Silent,
        )
        .unwrap();
        assert_eq!(back.tables, summary.tables);
        assert_eq!(other.dump(), before);
    }

    #[test]
    fn a_manual_backup_does_not_open_with_a_recovery_key() {
        let phone = Profile::generated(33, 3);
        let (file, _) = super::super::create(
            &phone.store,
            &phone.key,
            &pass(PASS),
            now(),
            &cheap(),
            &Silent,
        )
        .unwrap();
        let err = reseal_automatic(&file, &rk(1), &rk(2)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WrongKey);
    }

    #[test]
    fn resealing_keeps_the_data_and_time_and_only_the_new_key_opens_it() {
        let phone = Profile::generated(34, 10);
        let before = phone.dump();
        let (file, summary) =
            create_automatic(&phone.store, &phone.key, &rk(1), now(), &Silent).unwrap();
        let (resealed, created) = reseal_automatic(&file, &rk(1), &rk(9)).unwrap();
        assert_eq!(created, summary.created_at);
        assert_ne!(resealed, file);
        assert_eq!(
            reseal_automatic(&resealed, &rk(1), &rk(2))
                .unwrap_err()
                .kind(),
            ErrorKind::WrongKey
        );
        let mut other = Profile::new(35);
        let path = other.dir.path().join("r.rcbackup");
        std::fs::write(&path, &resealed).unwrap();
        let back = restore_file_with(
            &mut other.store,
            &other.key,
            &path,
            BackupSecret::RecoveryKey(&rk(9)),
            &Silent,
        )
        .unwrap();
        assert_eq!(back.created_at, summary.created_at);
        assert_eq!(other.dump(), before);
    }

    #[test]
    fn a_damaged_file_is_never_resealed() {
        let phone = Profile::generated(36, 5);
        let (file, _) = create_automatic(&phone.store, &phone.key, &rk(1), now(), &Silent).unwrap();
        for at in [20, file.len() / 2, file.len() - 1] {
            let mut bad = file.clone();
            bad[at] ^= 0x01;
            let err = reseal_automatic(&bad, &rk(1), &rk(2)).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Corrupt, "byte {at}");
        }
        let err = reseal_automatic(&file[..file.len() - 10], &rk(1), &rk(2)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Corrupt);
    }

    #[test]
    fn the_file_holds_neither_the_recovery_key_nor_its_display_form() {
        let phone = Profile::generated(37, 5);
        let key = RecoveryKey::from_bytes(*b"0123456789abcdef");
        let (file, _) = create_automatic(&phone.store, &phone.key, &key, now(), &Silent).unwrap();
        let shown = key.display();
        for needle in [
            key.as_bytes().to_vec(),
            hex::encode(key.as_bytes()).into_bytes(),
            shown.as_bytes().to_vec(),
            shown.replace('-', "").into_bytes(),
        ] {
            assert!(!file.windows(needle.len()).any(|w| w == needle.as_slice()));
        }
    }
}
