//! Refuses JSON with a key repeated inside one object (hostile review F12): serde keeps the
//! last value silently, so `{"automatic_thoughts": "a", "automatic_thoughts": "b"}` dropped
//! the person's first text without a word. Errors never name the key (it may be their words).

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::error::{Error, Result};

/// `Ok` when no object in `json` repeats a key, and for text that is not JSON at all (the
/// real parser reports that with its position).
pub fn refuse_duplicates(field: &str, json: &str) -> Result<()> {
    let mut de = serde_json::Deserializer::from_str(json);
    match (&mut de).deserialize_any(Strict) {
        Err(e) if e.to_string().starts_with(DUPLICATE) => Err(Error::invalid(
            field,
            format!(
                "repeats a key inside one object (line {}, column {}); give each key once",
                e.line(),
                e.column()
            ),
        )),
        _ => Ok(()),
    }
}

const DUPLICATE: &str = "duplicate key";

struct Strict;

impl<'de> de::Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(Strict)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Strict;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> std::result::Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_i64<E>(self, _: i64) -> std::result::Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_u64<E>(self, _: u64) -> std::result::Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_f64<E>(self, _: f64) -> std::result::Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_str<E>(self, _: &str) -> std::result::Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_unit<E>(self) -> std::result::Result<Strict, E> {
        Ok(Strict)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Strict, A::Error> {
        while seq.next_element::<Strict>()?.is_some() {}
        Ok(Strict)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Strict, A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key) {
                return Err(de::Error::custom(DUPLICATE));
            }
            map.next_value::<Strict>()?;
        }
        Ok(Strict)
    }
}

#[cfg(test)]
mod tests {
    use super::refuse_duplicates;

    #[test]
    fn a_repeated_key_is_refused_without_naming_it_anywhere_in_the_tree() {
        let err = refuse_duplicates("input", r#"{"a": 1, "secret": "x", "secret": "y"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("repeats a key"), "{err}");
        assert!(!err.contains("secret"), "{err}");
        assert!(refuse_duplicates("input", r#"{"e": [{"k": 1, "k": 2}]}"#).is_err());
        assert!(refuse_duplicates("input", r#"{"a": {"k": 1}, "b": {"k": 2}}"#).is_ok());
        assert!(refuse_duplicates("input", "not json").is_ok());
    }
}
