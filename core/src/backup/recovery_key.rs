//! The recovery key that opens automatic backups (issue 21): 128 random bits from the
//! operating system, written for people as 28 Crockford base32 characters in seven groups of
//! four (`7KQF-M2XH-…`), the last 12 bits of which are a checksum so a mistyped character is
//! caught before any file is tried.
//!
//! Layout of the 140 bits the 28 characters carry: the 128 key bits, then the first 12 bits
//! of BLAKE2b-256(`"reset-recovery-key"` ‖ key). Crockford's alphabet leaves out I, L, O and U;
//! parsing accepts lower case, ignores spaces and dashes, and reads I/L as 1 and O as 0, so
//! what a person copies by hand from paper comes back.
//!
//! Must never: appear in an error, a log, a backup or an export; be printed by `Debug`.

use blake2::Blake2b;
use blake2::digest::Digest;
use blake2::digest::consts::U32;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Bits of randomness in a recovery key.
pub const RECOVERY_KEY_BITS: u32 = 128;
/// Characters in a recovery key as written (without the dashes).
pub const RECOVERY_KEY_CHARS: usize = 28;
/// Characters per group when the key is shown.
const GROUP: usize = 4;
/// Bits of checksum after the key bits.
const CHECK_BITS: u32 = 12;
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A recovery key: zeroized on drop, never printed by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryKey(Zeroizing<[u8; 16]>);

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(…)")
    }
}

impl RecoveryKey {
    /// A new key from the operating system's random source.
    pub fn generate() -> Result<Self> {
        let mut bytes = Zeroizing::new([0u8; 16]);
        getrandom::fill(bytes.as_mut_slice())
            .map_err(|_| Error::internal("the system random source failed"))?;
        Ok(RecoveryKey(bytes))
    }

    /// A key from its raw bytes (tests and the format's own round trips).
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        RecoveryKey(Zeroizing::new(bytes))
    }

    /// The raw key bits, the input keying material of the backup's HKDF.
    pub(crate) fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// Reads a key as a person typed it: case, spaces and dashes do not matter, I/L read as 1
    /// and O as 0. A wrong length or a failed checksum is `invalid_input` on `recovery_key`,
    /// and the message never repeats what was typed.
    pub fn parse(text: &str) -> Result<Self> {
        let mut symbols = Zeroizing::new(Vec::with_capacity(RECOVERY_KEY_CHARS));
        for c in text.chars() {
            if c == '-' || c.is_whitespace() {
                continue;
            }
            let value = decode_char(c).ok_or_else(|| {
                Error::invalid(
                    "recovery_key",
                    "holds a character that is not in a recovery key (they use 0–9 and A–Z without I, L, O and U)",
                )
            })?;
            symbols.push(value);
            if symbols.len() > RECOVERY_KEY_CHARS {
                break;
            }
        }
        if symbols.len() != RECOVERY_KEY_CHARS {
            return Err(Error::invalid(
                "recovery_key",
                format!(
                    "a recovery key has {RECOVERY_KEY_CHARS} characters (seven groups of four)"
                ),
            ));
        }
        let mut bits = Zeroizing::new([0u8; 18]);
        for (i, v) in symbols.iter().enumerate() {
            for b in 0..5 {
                if (v >> (4 - b)) & 1 == 1 {
                    let at = i * 5 + b;
                    bits[at / 8] |= 0x80 >> (at % 8);
                }
            }
        }
        let mut key = Zeroizing::new([0u8; 16]);
        key.copy_from_slice(&bits[..16]);
        let typed = (u16::from(bits[16]) << 4) | u16::from(bits[17] >> 4);
        if typed != checksum(&key) {
            return Err(Error::invalid(
                "recovery_key",
                "does not check out: a character is mistyped or missing",
            ));
        }
        Ok(RecoveryKey(key))
    }

    /// The key as a person writes it down: seven groups of four characters joined by dashes.
    pub fn display(&self) -> Zeroizing<String> {
        let mut bits = Zeroizing::new([0u8; 18]);
        bits[..16].copy_from_slice(self.as_bytes());
        let check = checksum(&self.0);
        bits[16] = (check >> 4) as u8;
        bits[17] = ((check & 0xF) << 4) as u8;
        let mut out = Zeroizing::new(String::with_capacity(RECOVERY_KEY_CHARS + 6));
        for i in 0..RECOVERY_KEY_CHARS {
            if i > 0 && i % GROUP == 0 {
                out.push('-');
            }
            let mut v = 0usize;
            for b in 0..5 {
                let at = i * 5 + b;
                v = (v << 1) | usize::from((bits[at / 8] >> (7 - at % 8)) & 1);
            }
            out.push(char::from(ALPHABET[v]));
        }
        out
    }
}

/// The 12-bit checksum of `key`.
fn checksum(key: &[u8; 16]) -> u16 {
    let mut hash = Blake2b::<U32>::new();
    hash.update(b"reset-recovery-key");
    hash.update(key);
    let digest = hash.finalize();
    ((u16::from(digest[0]) << 8) | u16::from(digest[1])) >> (16 - CHECK_BITS)
}

/// Crockford base32: case-insensitive, I/L → 1, O → 0, U refused.
fn decode_char(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    ALPHABET
        .iter()
        .position(|&a| char::from(a) == c)
        .map(|p| p as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_generated_key_is_seven_groups_of_four_and_parses_back() {
        let key = RecoveryKey::generate().unwrap();
        let shown = key.display();
        let groups: Vec<&str> = shown.split('-').collect();
        assert_eq!(groups.len(), 7);
        assert!(groups.iter().all(|g| g.len() == 4));
        assert!(
            shown
                .chars()
                .all(|c| c == '-' || ALPHABET.contains(&(c as u8)))
        );
        assert_eq!(RecoveryKey::parse(&shown).unwrap(), key);
        assert_ne!(RecoveryKey::generate().unwrap(), key, "fresh randomness");
        assert_eq!(
            5 * RECOVERY_KEY_CHARS as u32,
            RECOVERY_KEY_BITS + CHECK_BITS
        );
    }

    #[test]
    fn the_display_form_is_fixed_for_known_bits() {
        let key = RecoveryKey::from_bytes([0; 16]);
        let shown = key.display();
        assert!(shown.starts_with("0000-0000-0000-0000-0000-000"));
        assert_eq!(RecoveryKey::parse(&shown).unwrap(), key);
    }

    #[test]
    fn debug_never_shows_the_key() {
        let key = RecoveryKey::from_bytes([0xAB; 16]);
        let shown = key.display();
        let debug = format!("{key:?}");
        assert!(!debug.contains(&shown[..4]));
        assert!(!debug.to_ascii_lowercase().contains("abab"));
    }

    #[test]
    fn wrong_lengths_and_foreign_characters_are_invalid_input_without_echo() {
        let key = RecoveryKey::from_bytes([7; 16]);
        let shown = key.display().to_string();
        for bad in [
            shown[..shown.len() - 1].to_string(),
            format!("{shown}7"),
            shown.replacen(&shown[..1], "U", 1),
            shown.replacen(&shown[..1], "*", 1),
            String::new(),
        ] {
            let err = RecoveryKey::parse(&bad).unwrap_err();
            assert!(
                matches!(&err, Error::InvalidInput { field, .. } if field == "recovery_key"),
                "{err}"
            );
            assert!(!err.to_string().contains(&shown[5..9]));
        }
    }

    #[test]
    fn the_checksum_catches_nearly_every_single_mistyped_character() {
        // 12 bits of checksum: a random substitution slips through 1 time in 4096. Every
        // position and every wrong character of 150 keys: 130,200 typos.
        let (mut typos, mut accepted) = (0u32, 0u32);
        for seed in 0..150u8 {
            let mut bytes = [0u8; 16];
            for (i, b) in bytes.iter_mut().enumerate() {
                *b = seed
                    .wrapping_mul(31)
                    .wrapping_add(i as u8)
                    .wrapping_mul(167);
            }
            let shown = RecoveryKey::from_bytes(bytes).display().replace('-', "");
            for at in 0..RECOVERY_KEY_CHARS {
                for delta in 1..32 {
                    let mut chars = shown.clone().into_bytes();
                    let old = ALPHABET.iter().position(|&a| a == chars[at]).unwrap();
                    chars[at] = ALPHABET[(old + delta) % 32];
                    typos += 1;
                    match RecoveryKey::parse(std::str::from_utf8(&chars).unwrap()) {
                        Ok(key) => {
                            assert_ne!(key, RecoveryKey::from_bytes(bytes));
                            accepted += 1;
                        }
                        Err(e) => assert_eq!(e.kind(), crate::ErrorKind::InvalidInput),
                    }
                }
            }
        }
        assert_eq!(typos, 150 * 28 * 31);
        assert!(
            accepted * 1000 < typos,
            "{accepted} of {typos} typos passed the checksum"
        );
    }

    proptest! {
        #[test]
        fn case_spaces_dashes_and_look_alikes_do_not_matter(bytes in any::<[u8; 16]>()) {
            let key = RecoveryKey::from_bytes(bytes);
            let shown = key.display().to_string();
            let sloppy: String = shown
                .chars()
                .map(|c| match c {
                    '-' => ' ',
                    '0' => 'o',
                    '1' => 'l',
                    c => c.to_ascii_lowercase(),
                })
                .collect();
            prop_assert_eq!(RecoveryKey::parse(&sloppy).unwrap(), key.clone());
            prop_assert_eq!(RecoveryKey::parse(&shown.replace('-', "")).unwrap(), key);
        }

    }
}
