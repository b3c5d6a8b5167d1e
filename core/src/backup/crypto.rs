//! The backup's cryptography: Argon2id turns the passphrase into a master key (manual
//! backups) or HKDF-SHA256 turns the 128-bit recovery key into one (automatic backups: the key
//! is already high-entropy, so no deliberate cost is needed); BLAKE2b splits the master key
//! into a payload key and a key-check value; XChaCha20-Poly1305 seals the payload with the
//! whole header as associated data.
//!
//! Why a key check: an AEAD tag failure alone cannot tell a wrong passphrase from a damaged
//! file, and a person needs to know which. The check value is a one-way function of the
//! master key, so it lets no one test a guess faster than trying to decrypt would.

use argon2::{Algorithm, Argon2, Params, Version};
use blake2::Blake2bMac;
use blake2::digest::FixedOutput;
use blake2::digest::consts::{U16, U32};
use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

use super::passphrase::Passphrase;
use super::recovery_key::RecoveryKey;
use crate::error::{Error, Result};

/// What opens a backup: a passphrase (manual backups) or the recovery key (automatic ones).
#[derive(Clone, Copy)]
pub enum BackupSecret<'a> {
    /// The person's passphrase, stretched with Argon2id.
    Passphrase(&'a Passphrase),
    /// The recovery key, expanded with HKDF-SHA256.
    RecoveryKey(&'a RecoveryKey),
}

/// How a file's master key is derived, as its header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kdf {
    /// Argon2id with these costs (format version 1).
    Argon2id(KdfParams),
    /// HKDF-SHA256 of the recovery key with the header's salt (format version 2).
    HkdfSha256,
}

/// The HKDF `info` of an automatic backup's master key (RFC 5869 §3.2: binds the output to
/// its one use).
pub(crate) const HKDF_INFO: &[u8] = b"reset-companion automatic backup v1 master key";

/// Bytes of Argon2id salt.
pub const SALT_LEN: usize = 16;
/// Bytes of XChaCha20-Poly1305 nonce (192-bit, so random nonces never collide in practice).
pub const NONCE_LEN: usize = 24;
/// Bytes of the key-check value stored in the header.
pub const KEY_CHECK_LEN: usize = 16;
/// Bytes the AEAD tag adds to the payload.
pub const TAG_LEN: usize = 16;

/// Argon2id cost parameters, recorded in each backup's header so restore uses the file's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB (`m`).
    pub memory_kib: u32,
    /// Passes over memory (`t`).
    pub iterations: u32,
    /// Lanes (`p`).
    pub parallelism: u32,
}

impl KdfParams {
    /// What the apps write: 64 MiB, 3 passes, 4 lanes — RFC 9106 §4's second recommended
    /// option ("if much less memory is available"), which exceeds the OWASP Password Storage
    /// Cheat Sheet's Argon2id minimum (19 MiB, t=2, p=1). A backup file can be attacked
    /// offline for ever, so it gets more than a login hash; 64 MiB still fits a phone.
    pub const PHONE: KdfParams = KdfParams {
        memory_kib: 64 * 1024,
        iterations: 3,
        parallelism: 4,
    };

    /// The largest memory a header may ask for (4× the default). A bigger value in a file is
    /// `corrupt`: a crafted header must not make a phone allocate gigabytes.
    pub const MAX_MEMORY_KIB: u32 = 256 * 1024;
    /// The most passes a header may ask for.
    pub const MAX_ITERATIONS: u32 = 16;
    /// The most lanes a header may ask for.
    pub const MAX_PARALLELISM: u32 = 16;

    /// Deliberately weak parameters so tests and benchmarks run in milliseconds. Never use
    /// for a person's backup: the FFI and the CLI always write [`KdfParams::PHONE`].
    pub const fn cheap_for_tests() -> KdfParams {
        KdfParams {
            memory_kib: 64,
            iterations: 1,
            parallelism: 1,
        }
    }

    /// Checks bounds; out-of-bounds parameters in a file are `corrupt`.
    pub(crate) fn check(&self) -> Result<()> {
        let sane = (1..=Self::MAX_PARALLELISM).contains(&self.parallelism)
            && (1..=Self::MAX_ITERATIONS).contains(&self.iterations)
            && self.memory_kib >= 8 * self.parallelism
            && self.memory_kib <= Self::MAX_MEMORY_KIB;
        if sane {
            Ok(())
        } else {
            Err(corrupt("key-derivation parameters are out of bounds"))
        }
    }
}

/// The two secrets derived from one passphrase and salt.
pub(crate) struct DerivedKeys {
    payload: Zeroizing<[u8; 32]>,
    pub check: [u8; KEY_CHECK_LEN],
}

/// Derives the payload key and the key check from `secret` as `kdf` says. A secret of the
/// other kind (a passphrase for an automatic backup, a recovery key for a manual one) is
/// `wrong_key` without any work.
pub(crate) fn derive(
    secret: BackupSecret<'_>,
    salt: &[u8; SALT_LEN],
    kdf: &Kdf,
) -> Result<DerivedKeys> {
    let master = match (kdf, secret) {
        (Kdf::Argon2id(params), BackupSecret::Passphrase(p)) => argon2id(p, salt, params)?,
        (Kdf::HkdfSha256, BackupSecret::RecoveryKey(k)) => hkdf_sha256(k, salt)?,
        (Kdf::Argon2id(_), BackupSecret::RecoveryKey(_)) => {
            return Err(Error::WrongBackupSecret {
                needs: "the passphrase it was made with (it is a manual backup, not an automatic one)",
            });
        }
        (Kdf::HkdfSha256, BackupSecret::Passphrase(_)) => {
            return Err(Error::WrongBackupSecret {
                needs: "the recovery key (it is an automatic backup, not a passphrase one)",
            });
        }
    };
    split(&master)
}

/// HKDF-SHA256 (RFC 5869): extract with the file's salt, expand with [`HKDF_INFO`].
fn hkdf_sha256(key: &RecoveryKey, salt: &[u8; SALT_LEN]) -> Result<Zeroizing<[u8; 32]>> {
    let mut master = Zeroizing::new([0u8; 32]);
    hkdf::Hkdf::<sha2::Sha256>::new(Some(salt), key.as_bytes())
        .expand(HKDF_INFO, master.as_mut_slice())
        .map_err(|_| Error::internal("key derivation failed"))?;
    Ok(master)
}

/// Argon2id, the deliberate cost that slows down guessing a passphrase.
fn argon2id(
    passphrase: &Passphrase,
    salt: &[u8; SALT_LEN],
    kdf: &KdfParams,
) -> Result<Zeroizing<[u8; 32]>> {
    kdf.check()?;
    let params = Params::new(kdf.memory_kib, kdf.iterations, kdf.parallelism, Some(32))
        .map_err(|_| corrupt("key-derivation parameters are invalid"))?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut master = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(passphrase.as_bytes(), salt, master.as_mut_slice())
        .map_err(|_| Error::internal("key derivation failed"))?;
    Ok(master)
}

/// BLAKE2b splits a master key into the payload key and the key check.
fn split(master: &Zeroizing<[u8; 32]>) -> Result<DerivedKeys> {
    let mut payload = Zeroizing::new([0u8; 32]);
    let mac =
        Blake2bMac::<U32>::new_with_salt_and_personal(master.as_slice(), &[], b"reset-bk-payload")
            .map_err(|_| Error::internal("key split"))?;
    payload.copy_from_slice(&mac.finalize_fixed());

    let mac =
        Blake2bMac::<U16>::new_with_salt_and_personal(master.as_slice(), &[], b"reset-bk-check")
            .map_err(|_| Error::internal("key split"))?;
    let mut check = [0u8; KEY_CHECK_LEN];
    check.copy_from_slice(&mac.finalize_fixed());
    Ok(DerivedKeys { payload, check })
}

/// Encrypts `buffer` in place (it becomes ciphertext ‖ tag), binding `aad`.
#[cfg(test)]
pub(crate) fn seal(
    keys: &DerivedKeys,
    nonce: &[u8; NONCE_LEN],
    aad: &[u8],
    buffer: &mut Vec<u8>,
) -> Result<()> {
    let cipher = XChaCha20Poly1305::new(Key::from_slice(keys.payload.as_slice()));
    cipher
        .encrypt_in_place(XNonce::from_slice(nonce), aad, buffer)
        .map_err(|_| Error::internal("encryption failed"))
}

/// Verifies the tag and decrypts `buffer` in place; any mismatch is `corrupt` (the key was
/// already proven by the key check, so a bad tag means the file changed).
/// [`seal`] of `buffer` in place, returning the tag instead of appending it.
pub(crate) fn seal_detached(
    keys: &DerivedKeys,
    nonce: &[u8; NONCE_LEN],
    aad: &[u8],
    buffer: &mut [u8],
) -> Result<[u8; TAG_LEN]> {
    let cipher = XChaCha20Poly1305::new(Key::from_slice(keys.payload.as_slice()));
    cipher
        .encrypt_in_place_detached(XNonce::from_slice(nonce), aad, buffer)
        .map(Into::into)
        .map_err(|_| Error::internal("encryption failed"))
}

pub(crate) fn open(
    keys: &DerivedKeys,
    nonce: &[u8; NONCE_LEN],
    aad: &[u8],
    buffer: &mut Vec<u8>,
) -> Result<()> {
    let cipher = XChaCha20Poly1305::new(Key::from_slice(keys.payload.as_slice()));
    cipher
        .decrypt_in_place(XNonce::from_slice(nonce), aad, buffer)
        .map_err(|_| corrupt("the backup failed its authentication check (damaged or altered)"))
}

/// Verifies the tag of a sealed payload of `len` bytes (ciphertext ‖ tag) read from `reader`,
/// exactly as [`open`] would, but in 64 KiB pieces: constant memory however large the file.
/// Restore runs it before reading a file whole, so a huge file that is not what its header
/// says is refused without being held in memory.
pub(crate) fn verify_stream(
    keys: &DerivedKeys,
    nonce: &[u8; NONCE_LEN],
    aad: &[u8],
    reader: &mut dyn std::io::Read,
    len: u64,
) -> Result<()> {
    use chacha20::XChaCha20;
    use chacha20::cipher::{KeyIvInit, StreamCipher};
    use poly1305::Poly1305;
    use poly1305::universal_hash::{KeyInit as _, UniversalHash};

    let damaged = || corrupt("the backup failed its authentication check (damaged or altered)");
    let ct_len = len.checked_sub(TAG_LEN as u64).ok_or_else(damaged)?;
    // As chacha20poly1305 does: the Poly1305 key is the first 32 bytes of keystream block 0.
    let mut cipher = XChaCha20::new(keys.payload.as_slice().into(), nonce.into());
    let mut mac_key = Zeroizing::new([0u8; 32]);
    cipher.apply_keystream(mac_key.as_mut_slice());
    let mut mac = Poly1305::new(mac_key.as_slice().into());
    mac.update_padded(aad);
    let mut buf = vec![0u8; 64 * 1024];
    let mut left = ct_len;
    while left > 0 {
        let n = usize::try_from(left.min(buf.len() as u64)).unwrap_or(buf.len());
        reader.read_exact(&mut buf[..n]).map_err(|_| damaged())?;
        // Every piece but the last is a whole number of 16-byte blocks, so padding only
        // ever applies at the end, as it does for the ciphertext in one piece.
        mac.update_padded(&buf[..n]);
        left -= n as u64;
    }
    let mut lengths = [0u8; 16];
    lengths[..8].copy_from_slice(&(aad.len() as u64).to_le_bytes());
    lengths[8..].copy_from_slice(&ct_len.to_le_bytes());
    mac.update(&[lengths.into()]);
    let expected = mac.finalize();
    let mut tag = [0u8; TAG_LEN];
    reader.read_exact(&mut tag).map_err(|_| damaged())?;
    let diff = expected
        .iter()
        .zip(tag.iter())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b));
    if diff == 0 { Ok(()) } else { Err(damaged()) }
}

/// Fresh random bytes from the operating system.
pub(crate) fn random<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|_| Error::internal("the system random source failed"))?;
    Ok(bytes)
}

pub(crate) fn corrupt(reason: &str) -> Error {
    Error::Corrupt {
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_passphrase_and_salt_derive_the_same_keys_and_others_do_not() {
        let kdf = KdfParams::cheap_for_tests();
        let kdf = Kdf::Argon2id(kdf);
        let pass = Passphrase::new("correct horse battery").unwrap();
        let pass = BackupSecret::Passphrase(&pass);
        let a = derive(pass, &[1; SALT_LEN], &kdf).unwrap();
        let b = derive(pass, &[1; SALT_LEN], &kdf).unwrap();
        let other_salt = derive(pass, &[2; SALT_LEN], &kdf).unwrap();
        let other_pass = derive(
            BackupSecret::Passphrase(&Passphrase::new("correct horse batterz").unwrap()),
            &[1; SALT_LEN],
            &kdf,
        )
        .unwrap();
        assert_eq!(a.check, b.check);
        assert_eq!(*a.payload, *b.payload);
        assert_ne!(a.check, other_salt.check);
        assert_ne!(a.check, other_pass.check);
        assert_ne!(
            a.payload[..16],
            a.check[..],
            "payload key and check are independent"
        );
    }

    #[test]
    fn hkdf_sha256_is_the_rfc_5869_algorithm() {
        // RFC 5869 Appendix A.1 (test case 1, SHA-256).
        let ikm = [0x0b; 22];
        let salt = hex::decode("000102030405060708090a0b0c").unwrap();
        let info = hex::decode("f0f1f2f3f4f5f6f7f8f9").unwrap();
        let mut okm = [0u8; 42];
        hkdf::Hkdf::<sha2::Sha256>::new(Some(&salt), &ikm)
            .expand(&info, &mut okm)
            .unwrap();
        assert_eq!(
            hex::encode(okm),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
        );
    }

    #[test]
    fn a_recovery_key_derives_its_own_keys_and_the_other_secret_kind_is_wrong_key() {
        let rk = RecoveryKey::from_bytes([5; 16]);
        let a = derive(
            BackupSecret::RecoveryKey(&rk),
            &[1; SALT_LEN],
            &Kdf::HkdfSha256,
        )
        .unwrap();
        let b = derive(
            BackupSecret::RecoveryKey(&RecoveryKey::from_bytes([6; 16])),
            &[1; SALT_LEN],
            &Kdf::HkdfSha256,
        )
        .unwrap();
        let salted = derive(
            BackupSecret::RecoveryKey(&rk),
            &[2; SALT_LEN],
            &Kdf::HkdfSha256,
        )
        .unwrap();
        assert_ne!(a.check, b.check);
        assert_ne!(a.check, salted.check);
        let pass = Passphrase::new("correct horse battery").unwrap();
        for err in [
            derive(
                BackupSecret::Passphrase(&pass),
                &[1; SALT_LEN],
                &Kdf::HkdfSha256,
            ),
            derive(
                BackupSecret::RecoveryKey(&rk),
                &[1; SALT_LEN],
                &Kdf::Argon2id(KdfParams::cheap_for_tests()),
            ),
        ] {
            assert_eq!(err.err().unwrap().kind(), crate::ErrorKind::WrongKey);
        }
    }

    #[test]
    fn argon2id_is_the_rfc_9106_algorithm() {
        // RFC 9106 §5.3 (Argon2id test vector): proves the build uses Argon2id version 0x13,
        // the algorithm every backup's header names.
        let params = argon2::ParamsBuilder::new()
            .m_cost(32)
            .t_cost(3)
            .p_cost(4)
            .data(argon2::AssociatedData::new(&[4; 12]).unwrap())
            .output_len(32)
            .build()
            .unwrap();
        let argon =
            Argon2::new_with_secret(&[3; 8], Algorithm::Argon2id, Version::V0x13, params).unwrap();
        let mut tag = [0u8; 32];
        argon
            .hash_password_into(&[1; 32], &[2; 16], &mut tag)
            .unwrap();
        assert_eq!(
            hex::encode(tag),
            "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"
        );
    }

    #[test]
    fn parameters_beyond_the_bounds_are_corrupt() {
        for bad in [
            KdfParams {
                memory_kib: KdfParams::MAX_MEMORY_KIB + 1,
                ..KdfParams::PHONE
            },
            KdfParams {
                iterations: 0,
                ..KdfParams::PHONE
            },
            KdfParams {
                iterations: KdfParams::MAX_ITERATIONS + 1,
                ..KdfParams::PHONE
            },
            KdfParams {
                parallelism: 0,
                ..KdfParams::PHONE
            },
            KdfParams {
                memory_kib: 8,
                parallelism: 2,
                iterations: 1,
            },
        ] {
            assert_eq!(
                bad.check().unwrap_err().kind(),
                crate::ErrorKind::Corrupt,
                "{bad:?}"
            );
        }
        KdfParams::PHONE.check().unwrap();
        KdfParams::cheap_for_tests().check().unwrap();
    }

    #[test]
    fn a_flipped_ciphertext_bit_or_other_associated_data_fails_to_open() {
        let keys = derive(
            BackupSecret::Passphrase(&Passphrase::new("correct horse battery").unwrap()),
            &[7; SALT_LEN],
            &Kdf::Argon2id(KdfParams::cheap_for_tests()),
        )
        .unwrap();
        let nonce = [9; NONCE_LEN];
        let mut sealed = b"profile bytes".to_vec();
        seal(&keys, &nonce, b"header", &mut sealed).unwrap();
        assert_eq!(sealed.len(), 13 + TAG_LEN);
        let mut flipped = sealed.clone();
        flipped[3] ^= 0x10;
        assert_eq!(
            open(&keys, &nonce, b"header", &mut flipped)
                .unwrap_err()
                .kind(),
            crate::ErrorKind::Corrupt
        );
        let mut other_aad = sealed.clone();
        assert!(open(&keys, &nonce, b"headex", &mut other_aad).is_err());
        open(&keys, &nonce, b"header", &mut sealed).unwrap();
        assert_eq!(sealed, b"profile bytes");
    }
}
