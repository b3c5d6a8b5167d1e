//! The generated backup passphrase: made by [`generate`], recognised by [`is_generated`].
//!
//! Five groups of five characters from a 31-character alphabet without look-alikes
//! (`k7qfm-2xhbn-…`): 25 × log2(31) ≈ 124 bits when drawn at random, more than Signal's
//! 30-digit backup passphrase (≈ 100 bits) that its Android app also generates rather than
//! lets a person choose (ADR 0011). Because the strength comes from how it was made, the
//! phones' library checks the *form* only, with no strength estimator (zxcvbn and its regex
//! tables cost ≈ 2.4 MB of the phone library); the CLI accepts the form or a strong estimate.
//!
//! A structural check cannot prove randomness, so it also refuses forms no generator would
//! plausibly make (fewer than [`MIN_DISTINCT`] different characters, a repeated group); the
//! generator draws again in that case, so everything it makes passes.

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The characters a generated passphrase is made of: no `0 o 1 l i`.
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// Groups, and characters per group.
const GROUPS: usize = 5;
const GROUP_LEN: usize = 5;
/// The fewest different characters a generated passphrase has (a random draw has fewer with
/// probability ≈ 0.14 %, and is then drawn again).
const MIN_DISTINCT: usize = 12;

/// A new random passphrase in the generated form, e.g. `k7qfm-2xhbn-…`.
pub fn generate() -> Result<Zeroizing<String>> {
    loop {
        let candidate = draw()?;
        if is_generated(&candidate) {
            return Ok(candidate);
        }
    }
}

fn draw() -> Result<Zeroizing<String>> {
    let mut out = Zeroizing::new(String::with_capacity(GROUPS * (GROUP_LEN + 1)));
    for group in 0..GROUPS {
        if group > 0 {
            out.push('-');
        }
        for _ in 0..GROUP_LEN {
            // Rejection sampling keeps every character equally likely.
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

/// Whether `text` has the generated form: five groups of five alphabet characters separated
/// by `-` (or spaces, as a person may copy it; any case), at least [`MIN_DISTINCT`] different
/// characters and no group twice.
pub fn is_generated(text: &str) -> bool {
    let lower = Zeroizing::new(text.trim().to_ascii_lowercase());
    let groups: Vec<&str> = lower.split(['-', ' ']).filter(|g| !g.is_empty()).collect();
    if groups.len() != GROUPS
        || groups
            .iter()
            .any(|g| g.len() != GROUP_LEN || !g.bytes().all(|b| ALPHABET.contains(&b)))
    {
        return false;
    }
    let mut seen = [false; 256];
    let mut distinct = 0;
    for b in groups.iter().flat_map(|g| g.bytes()) {
        if !seen[usize::from(b)] {
            seen[usize::from(b)] = true;
            distinct += 1;
        }
    }
    let repeated = (0..GROUPS).any(|i| groups[i + 1..].contains(&groups[i]));
    distinct >= MIN_DISTINCT && !repeated
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_generated_has_the_form_and_no_two_are_alike() {
        for _ in 0..200 {
            let g = generate().unwrap();
            assert_eq!(g.len(), 29);
            assert!(is_generated(&g), "{}", g.as_str());
            assert!(is_generated(&g.to_uppercase().replace('-', " ")));
        }
        assert_ne!(*generate().unwrap(), *generate().unwrap());
    }

    #[test]
    fn the_form_is_checked_structurally() {
        for not_generated in [
            "correct horse battery staple tundra",
            "aaaaa-aaaaa-aaaaa-aaaaa-aaaaa",
            "abcde-abcde-fghjk-mnpqr-stuvw",
            "k7qfm-2xhbn-9rtwz-c4dep-yu3sg-x",
            "k7qfm-2xhbn-9rtwz-c4dep",
            "k7qfm-2xhbn-9rtwz-c4dep-yu3s0",
            "k7qfm-2xhbn-9rtwz-c4dep-yu3sl",
            "",
        ] {
            assert!(!is_generated(not_generated), "{not_generated}");
        }
        assert!(is_generated("k7qfm-2xhbn-9rtwz-c4dep-yu3sg"));
        assert!(is_generated(" K7QFM 2XHBN 9RTWZ C4DEP YU3SG "));
    }
}
