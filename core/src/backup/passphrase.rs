//! The backup passphrase: validated, normalised, zeroized on drop and never printed.

use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The shortest passphrase accepted, in characters. Argon2id slows each guess down, but a
/// short passphrase is still guessable offline; eight is the floor, longer is better.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The longest passphrase accepted, in characters (a bound, not a recommendation).
pub const MAX_PASSPHRASE_CHARS: usize = 1024;

/// A passphrase that protects a backup file.
///
/// Normalised to Unicode NFC, so the same words typed on an iPhone and on an Android keyboard
/// (which may compose accents differently) derive the same key.
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// Validates `text` (at least [`MIN_PASSPHRASE_CHARS`] characters); errors name the field
    /// `passphrase` and never quote it.
    pub fn new(text: &str) -> Result<Self> {
        let normalised: Zeroizing<String> = Zeroizing::new(text.nfc().collect());
        let chars = normalised.chars().count();
        if chars < MIN_PASSPHRASE_CHARS {
            return Err(Error::invalid(
                "passphrase",
                format!("must be at least {MIN_PASSPHRASE_CHARS} characters"),
            ));
        }
        if chars > MAX_PASSPHRASE_CHARS {
            return Err(Error::invalid(
                "passphrase",
                format!("must be at most {MAX_PASSPHRASE_CHARS} characters"),
            ));
        }
        Ok(Passphrase(normalised))
    }

    /// Takes ownership of `text`, zeroizing it whether or not it is valid.
    pub fn from_string(text: String) -> Result<Self> {
        let text = Zeroizing::new(text);
        Passphrase::new(&text)
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn short_passphrases_are_refused_naming_the_field_but_not_the_text() {
        let err = Passphrase::new("seven77").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert!(matches!(&err, Error::InvalidInput { field, .. } if field == "passphrase"));
        assert!(!err.to_string().contains("seven77"));
        // Eight characters, counted as characters rather than bytes.
        assert!(Passphrase::new("éééééééé").is_ok());
        assert!(Passphrase::new(&"x".repeat(MAX_PASSPHRASE_CHARS + 1)).is_err());
    }

    #[test]
    fn composed_and_decomposed_accents_are_the_same_passphrase() {
        let composed = Passphrase::new("caf\u{e9} au lait").unwrap();
        let decomposed = Passphrase::new("cafe\u{301} au lait").unwrap();
        assert_eq!(composed.as_bytes(), decomposed.as_bytes());
    }

    #[test]
    fn debug_never_prints_the_passphrase() {
        let p = Passphrase::new("correct horse battery").unwrap();
        assert_eq!(format!("{p:?}"), "Passphrase(<redacted>)");
    }
}
