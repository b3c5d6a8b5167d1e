//! The backup passphrase: validated, normalised, zeroized on drop and never printed.

use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The shortest passphrase accepted, in characters. Argon2id slows each guess down, but a
/// short passphrase is still guessable offline; eight is the floor, longer is better.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The longest passphrase accepted, in characters (a bound, not a recommendation).
pub const MAX_PASSPHRASE_CHARS: usize = 1024;

/// The zxcvbn score a new backup's passphrase needs.
const MIN_SCORE: zxcvbn::Score = zxcvbn::Score::Four;

/// A new random passphrase: five groups of five letters and digits from an alphabet without
/// look-alikes (about 124 bits), easy to read aloud and type, e.g. `k7qfm-2xhbn-…`.
pub fn generate() -> Result<Zeroizing<String>> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut out = Zeroizing::new(String::with_capacity(29));
    for group in 0..5 {
        if group > 0 {
            out.push('-');
        }
        for _ in 0..5 {
            // Rejection sampling keeps every letter equally likely.
            let i = loop {
                let mut b = [0u8; 1];
                getrandom::fill(&mut b).map_err(|_| Error::internal("no randomness"))?;
                if usize::from(b[0]) < 248 {
                    break usize::from(b[0]) % ALPHABET.len();
                }
            };
            out.push(char::from(ALPHABET[i]));
        }
    }
    Ok(out)
}

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

    /// A passphrase for a new backup: [`Passphrase::new`]'s bounds, and strong enough that an
    /// offline attacker with the file cannot guess it — zxcvbn's top score, "very unguessable"
    /// (about 10¹⁰ guesses or more, beyond its "safely unguessable" 3). `password`,
    /// `12345678` and `aaaaaaaa` are refused; [`generate`] makes one that always passes.
    /// Errors name the field `passphrase` and never quote it.
    pub fn for_new_backup(text: String) -> Result<Self> {
        let passphrase = Passphrase::from_string(text)?;
        let estimate = zxcvbn::zxcvbn(&passphrase.0, &[]);
        if estimate.score() < MIN_SCORE {
            return Err(Error::invalid(
                "passphrase",
                "is too easy to guess; use four or five unrelated words, or a generated passphrase",
            ));
        }
        Ok(passphrase)
    }

    /// The passphrase typed to open an existing backup: no policy at all (whatever was used
    /// when it was made is tried; a wrong one is `wrong_key`, however short).
    pub fn for_restore(text: String) -> Self {
        let text = Zeroizing::new(text);
        Passphrase(Zeroizing::new(text.nfc().collect()))
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
    fn weak_passphrases_are_refused_for_new_backups_and_generated_ones_pass() {
        for weak in [
            "password",
            "12345678",
            "aaaaaaaa",
            "Password1!",
            "qwertyuiop",
            "iloveyou2",
        ] {
            let err = Passphrase::for_new_backup(weak.into()).unwrap_err();
            assert!(matches!(&err, Error::InvalidInput { field, .. } if field == "passphrase"));
            assert!(!err.to_string().contains(weak));
        }
        // What the phone and CLI test suites use for new backups.
        for strong in [
            "correct horse battery staple tundra",
            "a long enough passphrase",
            "correct horse battery staple",
        ] {
            assert!(
                Passphrase::for_new_backup(strong.into()).is_ok(),
                "{strong}"
            );
        }
        for _ in 0..20 {
            let g = generate().unwrap();
            assert_eq!(g.len(), 29);
            assert!(
                Passphrase::for_new_backup(g.to_string()).is_ok(),
                "{}",
                g.as_str()
            );
        }
        assert_ne!(*generate().unwrap(), *generate().unwrap());
    }

    #[test]
    fn restore_applies_no_policy() {
        assert_eq!(Passphrase::for_restore("x".into()).as_bytes(), b"x");
        assert_eq!(Passphrase::for_restore(String::new()).as_bytes(), b"");
    }

    #[test]
    fn debug_never_prints_the_passphrase() {
        let p = Passphrase::new("correct horse battery").unwrap();
        assert_eq!(format!("{p:?}"), "Passphrase(<redacted>)");
    }
}
