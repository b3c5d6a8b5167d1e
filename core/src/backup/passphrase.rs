//! The backup passphrase: validated, normalised, zeroized on drop and never printed.

use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The shortest passphrase accepted, in characters. Argon2id slows each guess down, but a
/// short passphrase is still guessable offline; eight is the floor, longer is better.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The longest passphrase accepted, in characters (a bound, not a recommendation).
pub const MAX_PASSPHRASE_CHARS: usize = 1024;

/// The zxcvbn score a person-chosen passphrase needs where the estimator is built in (the CLI).
#[cfg(feature = "strength")]
const MIN_SCORE: zxcvbn::Score = zxcvbn::Score::Four;

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

    /// A passphrase for a new backup: [`Passphrase::new`]'s bounds, and one an offline
    /// attacker with the file cannot guess. In the phone library that means the generated
    /// form ([`Passphrase::for_new_backup_generated_only`]); where the CLI builds the core with
    /// the `strength` feature, a person-chosen passphrase rated zxcvbn's top score, "very
    /// unguessable", is accepted too (`password`, `12345678`, `aaaaaaaa` never are). Errors
    /// name the field `passphrase` and never quote it. ADR 0011.
    pub fn for_new_backup(text: String) -> Result<Self> {
        #[cfg(feature = "strength")]
        {
            let passphrase = Passphrase::from_string(text)?;
            if super::generated::is_generated(&passphrase.0) {
                return Ok(passphrase.canonical());
            }
            let estimate = zxcvbn::zxcvbn(&passphrase.0, &[]);
            if estimate.score() < MIN_SCORE {
                return Err(Error::invalid(
                    "passphrase",
                    "is too easy to guess; use four or five unrelated words, or a generated passphrase",
                ));
            }
            Ok(passphrase)
        }
        #[cfg(not(feature = "strength"))]
        {
            Passphrase::for_new_backup_generated_only(text)
        }
    }

    /// The phones' rule for a new backup: only a passphrase in the generated form
    /// (`generate_backup_passphrase()`), whose strength is known by construction; it is
    /// stored in its canonical spelling (lower case, `-` between groups).
    pub fn for_new_backup_generated_only(text: String) -> Result<Self> {
        let passphrase = Passphrase::from_string(text)?;
        if super::generated::is_generated(&passphrase.0) {
            return Ok(passphrase.canonical());
        }
        Err(Error::invalid(
            "passphrase",
            "must be a passphrase the app generated (five groups of five letters and digits); offer generate_backup_passphrase()",
        ))
    }

    /// A generated-form passphrase in its one spelling, so one copied in upper case or with
    /// spaces opens the same backup; any other passphrase unchanged.
    fn canonical(self) -> Self {
        if !super::generated::is_generated(&self.0) {
            return self;
        }
        let groups: Vec<String> = self
            .0
            .trim()
            .to_ascii_lowercase()
            .split(['-', ' '])
            .filter(|g| !g.is_empty())
            .map(str::to_string)
            .collect();
        Passphrase(Zeroizing::new(groups.join("-")))
    }

    /// The passphrase typed to open an existing backup: no policy at all (whatever was used
    /// when it was made is tried; a wrong one is `wrong_key`, however short).
    pub fn for_restore(text: String) -> Self {
        let text = Zeroizing::new(text);
        Passphrase(Zeroizing::new(text.nfc().collect())).canonical()
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
    use super::super::generated::generate;
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
    fn the_phones_take_only_the_generated_form_in_its_one_spelling() {
        let generated = generate().unwrap();
        let p = Passphrase::for_new_backup_generated_only(generated.to_string()).unwrap();
        assert_eq!(p.as_bytes(), generated.as_bytes());
        let shouted = generated.to_uppercase().replace('-', "  ");
        let typed = Passphrase::for_new_backup_generated_only(shouted.clone()).unwrap();
        assert_eq!(typed.as_bytes(), generated.as_bytes());
        assert_eq!(
            Passphrase::for_restore(shouted).as_bytes(),
            generated.as_bytes()
        );
        for chosen in [
            "correct horse battery staple tundra",
            "aaaaa-aaaaa-aaaaa-aaaaa-aaaaa",
        ] {
            let err = Passphrase::for_new_backup_generated_only(chosen.into()).unwrap_err();
            assert!(matches!(&err, Error::InvalidInput { field, .. } if field == "passphrase"));
            assert!(!err.to_string().contains(chosen));
        }
    }

    #[cfg(not(feature = "strength"))]
    #[test]
    fn without_the_estimator_a_person_chosen_passphrase_is_refused() {
        let err = Passphrase::for_new_backup("correct horse battery staple tundra".into());
        assert!(err.is_err());
        assert!(Passphrase::for_new_backup(generate().unwrap().to_string()).is_ok());
    }

    #[cfg(feature = "strength")]
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
