//! The backup file format: version 1 (manual backups, a passphrase through Argon2id) and
//! version 2 (automatic backups, the recovery key through HKDF-SHA256). The two differ only
//! in the header's `kdf` block; the container is the same.
//!
//! ```text
//! offset  size  field
//! 0       8     magic "RCBACKUP"
//! 8       2     format version, big-endian (1 or 2)
//! 10      4     header length n, big-endian (≤ 16 KiB)
//! 14      n     header: one JSON object (KDF and its parameters, salt, key check, cipher,
//!               nonce, compression, payload length, schema version, created-at)
//! 14+n    32    BLAKE2b-256 of bytes 0..14+n (catches damage before any key is derived)
//! 46+n    …     XChaCha20-Poly1305(zlib(payload)) ‖ tag, associated data = bytes 0..46+n
//! ```
//!
//! Version 2's `kdf` block is `{"algorithm":"hkdf-sha256","salt":"<hex>","version":1}`
//! (no cost parameters); a version-1 file must name Argon2id and a version-2 file HKDF, so an
//! edited header cannot switch a file to the other derivation. A build that knows only
//! version 1 refuses a version-2 file as `unsupported_version`.
//!
//! The payload is `u32 manifest length ‖ manifest JSON ‖ SQLite database image`. The
//! manifest (rows per table) is sealed inside the payload rather than written in the clear
//! header: how many journal entries or safety signposts a person has is itself sensitive,
//! and a backup file may sit in a cloud drive.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use blake2::Blake2b;
use blake2::digest::Digest;
use blake2::digest::consts::U32;
use flate2::Compression;
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::crypto::{KEY_CHECK_LEN, Kdf, KdfParams, NONCE_LEN, SALT_LEN, corrupt};
use crate::error::{Error, Result};

/// The first bytes of every backup file.
pub const MAGIC: &[u8; 8] = b"RCBACKUP";
/// The format of manual (passphrase) backups.
pub const FORMAT_VERSION: u16 = 1;
/// The format of automatic (recovery-key) backups; also the newest this build reads.
pub const AUTO_FORMAT_VERSION: u16 = 2;
/// Bytes before the header JSON: magic, version, length.
const PREFIX_LEN: usize = 14;
/// Bytes of the header checksum.
const CHECKSUM_LEN: usize = 32;
/// The largest header accepted.
const MAX_HEADER_LEN: usize = 16 * 1024;
/// The largest (uncompressed) payload accepted: far above any real profile, far below what
/// would exhaust a phone.
pub const MAX_PAYLOAD_BYTES: u64 = 1 << 30;
/// The largest manifest accepted inside a payload.
const MAX_MANIFEST_LEN: usize = 1 << 20;
/// How much is compressed or decompressed between two progress reports.
const CHUNK: usize = 256 * 1024;

const KDF_ALGORITHM: &str = "argon2id";
const KDF_VERSION: u32 = 0x13;
const HKDF_ALGORITHM: &str = "hkdf-sha256";
/// The version of the HKDF use (its `info` string, [`super::crypto::HKDF_INFO`]).
const HKDF_VERSION: u32 = 1;
const CIPHER: &str = "xchacha20poly1305";
const COMPRESSION: &str = "zlib";

/// The header, as stored: JSON with its fields in alphabetical order, so the bytes are the
/// canonical serialisation of its value (tests re-encode edited headers and rely on it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Header {
    pub cipher: String,
    pub compression: String,
    pub created_at: String,
    pub kdf: KdfHeader,
    pub key_check: String,
    pub nonce: String,
    pub payload_bytes: u64,
    pub schema_version: i64,
}

/// The KDF block of the header (fields in alphabetical order, as above).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KdfHeader {
    pub algorithm: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iterations: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_kib: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parallelism: Option<u32>,
    pub salt: String,
    pub version: u32,
}

/// The header's values once checked and decoded.
pub(crate) struct Parsed {
    pub kdf: Kdf,
    pub salt: [u8; SALT_LEN],
    pub key_check: [u8; KEY_CHECK_LEN],
    pub nonce: [u8; NONCE_LEN],
    pub payload_bytes: u64,
    pub schema_version: i64,
    pub created_at: String,
}

impl Header {
    /// The header for these values (version 1 for Argon2id, 2 for HKDF).
    pub fn new(parsed: &Parsed) -> Header {
        let salt = hex::encode(parsed.salt);
        let kdf = match parsed.kdf {
            Kdf::Argon2id(p) => KdfHeader {
                algorithm: KDF_ALGORITHM.into(),
                version: KDF_VERSION,
                memory_kib: Some(p.memory_kib),
                iterations: Some(p.iterations),
                parallelism: Some(p.parallelism),
                salt,
            },
            Kdf::HkdfSha256 => KdfHeader {
                algorithm: HKDF_ALGORITHM.into(),
                version: HKDF_VERSION,
                memory_kib: None,
                iterations: None,
                parallelism: None,
                salt,
            },
        };
        Header {
            kdf,
            key_check: hex::encode(parsed.key_check),
            cipher: CIPHER.into(),
            nonce: hex::encode(parsed.nonce),
            compression: COMPRESSION.into(),
            payload_bytes: parsed.payload_bytes,
            schema_version: parsed.schema_version,
            created_at: parsed.created_at.clone(),
        }
    }

    /// The format version this header is written with.
    pub fn format_version(&self) -> u16 {
        if self.kdf.algorithm == HKDF_ALGORITHM {
            AUTO_FORMAT_VERSION
        } else {
            FORMAT_VERSION
        }
    }

    /// The key derivation the `kdf` block names, which must be the one of `format_version`.
    fn kdf(&self, format_version: u16) -> Result<Kdf> {
        let k = &self.kdf;
        let costs = (k.memory_kib, k.iterations, k.parallelism);
        match (format_version, k.algorithm.as_str(), k.version, costs) {
            (FORMAT_VERSION, KDF_ALGORITHM, KDF_VERSION, (Some(m), Some(i), Some(p))) => {
                let params = KdfParams {
                    memory_kib: m,
                    iterations: i,
                    parallelism: p,
                };
                params.check()?;
                Ok(Kdf::Argon2id(params))
            }
            (AUTO_FORMAT_VERSION, HKDF_ALGORITHM, HKDF_VERSION, (None, None, None)) => {
                Ok(Kdf::HkdfSha256)
            }
            _ => Err(corrupt("unknown key-derivation function")),
        }
    }

    /// Checks every field's value and decodes the binary ones; anything unknown is `corrupt`.
    fn parse(&self, format_version: u16) -> Result<Parsed> {
        let kdf = self.kdf(format_version)?;
        if self.cipher != CIPHER {
            return Err(corrupt("unknown cipher"));
        }
        if self.compression != COMPRESSION {
            return Err(corrupt("unknown compression"));
        }
        if self.payload_bytes > MAX_PAYLOAD_BYTES {
            return Err(corrupt("the payload is larger than any profile"));
        }
        if self.schema_version < 1 {
            return Err(corrupt("the schema version is not valid"));
        }
        crate::time::parse_instant(&self.created_at, "created_at")
            .map_err(|_| corrupt("the creation time is not valid"))?;
        Ok(Parsed {
            kdf,
            salt: fixed_hex(&self.kdf.salt)?,
            key_check: fixed_hex(&self.key_check)?,
            nonce: fixed_hex(&self.nonce)?,
            payload_bytes: self.payload_bytes,
            schema_version: self.schema_version,
            created_at: self.created_at.clone(),
        })
    }
}

fn fixed_hex<const N: usize>(text: &str) -> Result<[u8; N]> {
    let bytes = hex::decode(text).map_err(|_| corrupt("a header field is not hex"))?;
    bytes
        .try_into()
        .map_err(|_| corrupt("a header field has the wrong length"))
}

/// The bytes of a file's header section (prefix, JSON, checksum): also the AEAD's associated data.
pub(crate) fn encode_header(header: &Header) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(header)?;
    let len = u32::try_from(json.len()).map_err(|_| Error::internal("header too long"))?;
    let mut out = Vec::with_capacity(PREFIX_LEN + json.len() + CHECKSUM_LEN);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&header.format_version().to_be_bytes());
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&json);
    let sum = checksum(&out);
    out.extend_from_slice(&sum);
    Ok(out)
}

/// Splits a file into its checked header, the header bytes (associated data) and the sealed
/// payload. Order matters: a newer format is `unsupported_version` before anything else is
/// judged, and damage is `corrupt` before a key is derived.
pub(crate) fn decode(file: &[u8]) -> Result<(Parsed, &[u8], &[u8])> {
    let (parsed, head_len) = decode_head(file, file.len() as u64)?;
    let (aad, sealed) = file.split_at(head_len);
    Ok((parsed, aad, sealed))
}

/// The most bytes a file's header section can take; reading this much of a file is enough
/// for [`decode_head`].
pub(crate) const MAX_HEAD_LEN: usize = PREFIX_LEN + MAX_HEADER_LEN + CHECKSUM_LEN;

/// The most bytes a sealed payload of `payload_bytes` can take: zlib's worst case (stored
/// blocks add a few bytes per block; 1/4096 is generous) plus the tag. A file longer than its
/// header allows is refused before it is read.
pub(crate) fn max_sealed_len(payload_bytes: u64) -> u64 {
    payload_bytes
        .saturating_add(payload_bytes / 4096)
        .saturating_add(1024 + super::crypto::TAG_LEN as u64)
}

/// [`decode`] from the first bytes of a file (`head`, at least the header section) and the
/// file's length: the checked header and the length of the header section.
pub(crate) fn decode_head(file: &[u8], file_len: u64) -> Result<(Parsed, usize)> {
    if file.len() < PREFIX_LEN || &file[..8] != MAGIC {
        return Err(corrupt("not a Reset Companion backup (or truncated)"));
    }
    let version = u16::from_be_bytes([file[8], file[9]]);
    if version > AUTO_FORMAT_VERSION {
        return Err(Error::UnsupportedVersion {
            what: "backup format",
            found: i64::from(version),
            supported: i64::from(AUTO_FORMAT_VERSION),
        });
    }
    if version == 0 {
        return Err(corrupt("unknown backup format version"));
    }
    let len = u32::from_be_bytes([file[10], file[11], file[12], file[13]]) as usize;
    if len > MAX_HEADER_LEN {
        return Err(corrupt("the header is too long"));
    }
    let end = PREFIX_LEN + len;
    if file_len < (end + CHECKSUM_LEN + super::crypto::TAG_LEN) as u64
        || file.len() < end + CHECKSUM_LEN
    {
        return Err(corrupt("the backup is truncated"));
    }
    if checksum(&file[..end]) != file[end..end + CHECKSUM_LEN] {
        return Err(corrupt("the header is damaged"));
    }
    let header: Header = serde_json::from_slice(&file[PREFIX_LEN..end])
        .map_err(|_| corrupt("the header is not valid"))?;
    let parsed = header.parse(version)?;
    if file_len - ((end + CHECKSUM_LEN) as u64) > max_sealed_len(parsed.payload_bytes) {
        return Err(corrupt("the file is longer than its header allows"));
    }
    Ok((parsed, end + CHECKSUM_LEN))
}

pub(super) fn checksum(bytes: &[u8]) -> [u8; CHECKSUM_LEN] {
    Blake2b::<U32>::digest(bytes).into()
}

/// Rows per table, sealed with the image so restore can prove nothing went missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Manifest {
    pub tables: BTreeMap<String, u64>,
}

/// `u32 manifest length ‖ manifest JSON ‖ image`, zeroized when dropped: the payload
/// [`compress_framed`] compresses without building it.
#[cfg(test)]
pub(crate) fn frame(manifest: &Manifest, image: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let json = serde_json::to_vec(manifest)?;
    let len = u32::try_from(json.len()).map_err(|_| Error::internal("manifest too long"))?;
    let mut out = Zeroizing::new(Vec::with_capacity(4 + json.len() + image.len()));
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&json);
    out.extend_from_slice(image);
    Ok(out)
}

/// The inverse of [`frame`]: the manifest and the image slice.
pub(crate) fn unframe(payload: &[u8]) -> Result<(Manifest, &[u8])> {
    if payload.len() < 4 {
        return Err(corrupt("the payload is truncated"));
    }
    let len = u32::from_be_bytes([payload[0], payload[1], payload[2], payload[3]]) as usize;
    if len > MAX_MANIFEST_LEN || payload.len() < 4 + len {
        return Err(corrupt("the manifest is damaged"));
    }
    let manifest: Manifest = serde_json::from_slice(&payload[4..4 + len])
        .map_err(|_| corrupt("the manifest is not valid"))?;
    Ok((manifest, &payload[4 + len..]))
}

/// How hard [`compress_framed`] works: one zlib stream either way, so a reader needs no
/// change and the header says `zlib` for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Effort {
    /// Level 6 (zlib's default), for manual backups: SQLite pages of text and small integers
    /// shrink 3–6×, and Argon2id's deliberate second dwarfs the compression time.
    Thorough,
    /// Level 1, for automatic backups, which must be written in well under 300 ms: about a
    /// third of level 6's time for a file a few per cent larger (docs/performance.md).
    Fast,
}

impl Effort {
    fn level(self) -> Compression {
        match self {
            Effort::Thorough => Compression::new(6),
            Effort::Fast => Compression::new(1),
        }
    }
}

/// The length of [`frame`]'s output for `manifest` and an image of `image_len` bytes, and the
/// manifest's JSON: what the header announces as `payload_bytes`.
pub(crate) fn framed_len(manifest: &Manifest, image_len: usize) -> Result<(u64, Vec<u8>)> {
    let json = serde_json::to_vec(manifest)?;
    u32::try_from(json.len()).map_err(|_| Error::internal("manifest too long"))?;
    Ok(((4 + json.len() + image_len) as u64, json))
}

/// zlib-compresses the framed payload (`u32 manifest length ‖ manifest JSON ‖ image`, as
/// [`frame`] lays it out) straight from the image, without a framed copy in memory, appending
/// the stream to `out` and calling `tick(done, total)` between chunks.
pub(crate) fn compress_framed(
    out: &mut Vec<u8>,
    manifest_json: &[u8],
    image: &[u8],
    effort: Effort,
    tick: &dyn Fn(u64, u64),
) -> Result<()> {
    let len =
        u32::try_from(manifest_json.len()).map_err(|_| Error::internal("manifest too long"))?;
    let total = (4 + manifest_json.len() + image.len()) as u64;
    let mut encoder = ZlibEncoder::new(out, effort.level());
    encoder.write_all(&len.to_be_bytes())?;
    encoder.write_all(manifest_json)?;
    let mut done = (4 + manifest_json.len()) as u64;
    for chunk in image.chunks(CHUNK) {
        encoder.write_all(chunk)?;
        done += chunk.len() as u64;
        tick(done, total);
    }
    encoder.finish()?;
    Ok(())
}

/// Decompresses exactly `expected` bytes; more or fewer is `corrupt`.
pub(crate) fn decompress(
    compressed: &[u8],
    expected: u64,
    tick: &dyn Fn(u64, u64),
) -> Result<Zeroizing<Vec<u8>>> {
    let size = usize::try_from(expected).map_err(|_| corrupt("the payload is too large"))?;
    let mut out = Zeroizing::new(vec![0u8; size]);
    // One byte more than announced is read to catch a stream that is longer than its header says.
    let mut decoder = ZlibDecoder::new(compressed).take(expected + 1);
    let mut filled = 0usize;
    let mut extra = [0u8; 1];
    loop {
        let slot = if filled < size {
            &mut out[filled..(filled + CHUNK).min(size)]
        } else {
            &mut extra[..]
        };
        let n = decoder
            .read(slot)
            .map_err(|_| corrupt("the payload does not decompress"))?;
        if n == 0 {
            break;
        }
        if filled >= size {
            return Err(corrupt("the payload is longer than its header says"));
        }
        filled += n;
        tick(filled as u64, expected);
    }
    if filled != size {
        return Err(corrupt("the payload is shorter than its header says"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed() -> Parsed {
        Parsed {
            kdf: Kdf::Argon2id(KdfParams::PHONE),
            salt: [1; SALT_LEN],
            key_check: [2; KEY_CHECK_LEN],
            nonce: [3; NONCE_LEN],
            payload_bytes: 10,
            schema_version: 3,
            created_at: "2025-01-31T08:00:00Z".into(),
        }
    }

    #[test]
    fn header_layout_is_magic_version_length_json_checksum() {
        let bytes = encode_header(&Header::new(&parsed())).unwrap();
        assert_eq!(&bytes[..8], b"RCBACKUP");
        assert_eq!(&bytes[8..10], &[0, 1]);
        let len = u32::from_be_bytes(bytes[10..14].try_into().unwrap()) as usize;
        assert_eq!(bytes.len(), 14 + len + 32);
        let json: serde_json::Value = serde_json::from_slice(&bytes[14..14 + len]).unwrap();
        assert_eq!(json["kdf"]["algorithm"], "argon2id");
        assert_eq!(json["kdf"]["memory_kib"], 65536);
        assert_eq!(json["cipher"], "xchacha20poly1305");
        // Nothing about the person's data is in the clear header.
        assert!(json.get("manifest").is_none());
    }

    #[test]
    fn decode_round_trips_the_header() {
        let mut file = encode_header(&Header::new(&parsed())).unwrap();
        file.extend_from_slice(&[0; 20]);
        let (back, aad, sealed) = decode(&file).unwrap();
        assert_eq!(back.kdf, Kdf::Argon2id(KdfParams::PHONE));
        assert_eq!(back.nonce, [3; NONCE_LEN]);
        assert_eq!(back.created_at, "2025-01-31T08:00:00Z");
        assert_eq!(aad.len() + sealed.len(), file.len());
        assert_eq!(sealed.len(), 20);
    }

    #[test]
    fn an_hkdf_header_is_format_2_without_cost_parameters() {
        let p = Parsed {
            kdf: Kdf::HkdfSha256,
            ..parsed()
        };
        let mut file = encode_header(&Header::new(&p)).unwrap();
        assert_eq!(&file[8..10], &[0, 2]);
        let len = u32::from_be_bytes(file[10..14].try_into().unwrap()) as usize;
        let json: serde_json::Value = serde_json::from_slice(&file[14..14 + len]).unwrap();
        assert_eq!(
            json["kdf"],
            serde_json::json!({"algorithm": "hkdf-sha256", "salt": hex::encode([1; SALT_LEN]), "version": 1})
        );
        file.extend_from_slice(&[0; 20]);
        assert_eq!(decode(&file).unwrap().0.kdf, Kdf::HkdfSha256);
    }

    /// A header whose KDF is not the one of its format version is `corrupt`, whatever the
    /// checksum says: an Argon2id file cannot be relabelled HKDF (or back) by its header.
    #[test]
    fn a_kdf_block_of_the_other_version_is_corrupt() {
        let hkdf = Header::new(&Parsed {
            kdf: Kdf::HkdfSha256,
            ..parsed()
        });
        let argon = Header::new(&parsed());
        for (header, version) in [(hkdf.clone(), 1u16), (argon.clone(), 2u16)] {
            let json = serde_json::to_vec(&header).unwrap();
            let mut file = MAGIC.to_vec();
            file.extend_from_slice(&version.to_be_bytes());
            file.extend_from_slice(&(json.len() as u32).to_be_bytes());
            file.extend_from_slice(&json);
            let sum = checksum(&file);
            file.extend_from_slice(&sum);
            file.extend_from_slice(&[0; 20]);
            let err = decode(&file).err().unwrap();
            assert_eq!(err.kind(), crate::ErrorKind::Corrupt, "{err}");
        }
        let mut mixed = argon.clone();
        mixed.kdf.algorithm = HKDF_ALGORITHM.into();
        mixed.kdf.version = HKDF_VERSION;
        assert!(
            mixed.kdf(AUTO_FORMAT_VERSION).is_err(),
            "cost fields on HKDF"
        );
    }

    #[test]
    fn compression_round_trips_and_lengths_are_exact() {
        let manifest = Manifest {
            tables: BTreeMap::from([("check_in".to_string(), 7)]),
        };
        let image: Vec<u8> = (0..700_000u32).map(|i| (i % 251) as u8).collect();
        let (len, json) = framed_len(&manifest, image.len()).unwrap();
        let payload = frame(&manifest, &image).unwrap();
        assert_eq!(len, payload.len() as u64);
        for effort in [Effort::Thorough, Effort::Fast] {
            let reports = std::cell::Cell::new(0);
            let mut packed = Vec::new();
            compress_framed(&mut packed, &json, &image, effort, &|done, total| {
                assert!(done <= total);
                reports.set(reports.get() + 1)
            })
            .unwrap();
            assert!(reports.get() >= 3, "progress is reported per chunk");
            assert!(packed.len() < payload.len() / 10, "{effort:?}");
            let back = decompress(&packed, len, &|_, _| {}).unwrap();
            assert_eq!(
                *back, *payload,
                "{effort:?}: the framed payload, byte for byte"
            );
            for wrong in [len - 1, len + 1] {
                let err = decompress(&packed, wrong, &|_, _| {}).unwrap_err();
                assert_eq!(err.kind(), crate::ErrorKind::Corrupt);
            }
        }
    }

    /// Both efforts write one plain zlib stream: any zlib reader (an older build of this app
    /// included) decompresses either, so the fast level needed no new format version.
    #[test]
    fn both_efforts_are_standard_zlib_streams() {
        let manifest = Manifest {
            tables: BTreeMap::new(),
        };
        let image = b"the same bytes again and again, the same bytes again".repeat(500);
        let (_, json) = framed_len(&manifest, image.len()).unwrap();
        let (mut fast, mut thorough) = (b"head".to_vec(), Vec::new());
        compress_framed(&mut fast, &json, &image, Effort::Fast, &|_, _| {}).unwrap();
        assert_eq!(&fast[..4], b"head", "appended after what the buffer held");
        fast.drain(..4);
        compress_framed(&mut thorough, &json, &image, Effort::Thorough, &|_, _| {}).unwrap();
        assert_ne!(fast, thorough, "the levels differ");
        for packed in [fast, thorough] {
            let mut back = Vec::new();
            ZlibDecoder::new(packed.as_slice())
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, *frame(&manifest, &image).unwrap());
        }
    }

    #[test]
    fn frame_round_trips_manifest_and_image() {
        let manifest = Manifest {
            tables: BTreeMap::from([("settings".to_string(), 2)]),
        };
        let framed = frame(&manifest, b"image").unwrap();
        let (m, image) = unframe(&framed).unwrap();
        assert_eq!(m, manifest);
        assert_eq!(image, b"image");
        assert!(unframe(&framed[..3]).is_err());
        assert!(unframe(&framed[..10]).is_err());
    }
}
