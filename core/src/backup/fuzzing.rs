//! Fuzzing entry points (compiled only under `cfg(fuzzing)`, which `cargo fuzz` sets).
//!
//! A backup's payload is sealed with XChaCha20-Poly1305, so a fuzzer flipping bytes of a
//! whole file never gets past the tag: everything after decryption (decompression, the
//! manifest, SQLite's reading of the image, migration) would go untested. The threat is
//! real all the same — someone can hand a person a crafted file together with its
//! passphrase — so this module seals fuzzer-chosen contents properly, letting the fuzzer
//! reach the verify path. Must never be compiled into the apps or the CLI.

use chrono::{DateTime, Utc};

use super::{Image, KdfParams, Manifest, NONCE_LEN, Passphrase, SALT_LEN, seal};
use crate::error::{Error, Result};
use crate::progress::{Meter, Silent};

/// Seals `image` with the rows-per-table `manifest_json` as a format-1 backup of
/// `schema_version`, under `passphrase` with the cheap test KDF and fixed salt and nonce.
pub fn seal_contents(
    manifest_json: &[u8],
    image: &[u8],
    schema_version: i64,
    passphrase: &Passphrase,
    now: DateTime<Utc>,
) -> Result<Vec<u8>> {
    let manifest: Manifest = serde_json::from_slice(manifest_json)
        .map_err(|_| Error::invalid("manifest", "not a manifest"))?;
    let image = Image {
        bytes: zeroize::Zeroizing::new(image.to_vec()),
        manifest,
        schema_version,
    };
    seal(
        &image,
        passphrase,
        now,
        KdfParams::cheap_for_tests(),
        [7; SALT_LEN],
        [9; NONCE_LEN],
        &Meter::new(&Silent),
    )
}
