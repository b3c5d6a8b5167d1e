//! Limits for everything a person types: notes, journal fields, tags and ratings.
//!
//! One place decides how long a field may be and what a tag looks like, so check-ins and
//! journal entries refuse bad input the same way: `invalid_input` naming the field, with a
//! message that never repeats what was typed.

use crate::error::{Error, Result};

/// The most one text field may hold: 100 KiB of UTF-8 (a long journal page is ~20 KiB).
pub const MAX_TEXT_BYTES: usize = 100 * 1024;
/// The most tags one check-in or entry may carry.
pub const MAX_TAGS: usize = 20;
/// The longest tag, in characters.
pub const MAX_TAG_CHARS: usize = 40;
/// The most items in a list field (gratitude items, emotions, distortions…).
pub const MAX_ITEMS: usize = 50;

/// Checks one text field: at most [`MAX_TEXT_BYTES`] and no NUL or other control characters
/// except newline, carriage return and tab.
pub fn check_text(field: &str, text: &str) -> Result<()> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(Error::invalid(
            field,
            format!("longer than the {} KiB limit", MAX_TEXT_BYTES / 1024),
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(Error::invalid(field, "contains control characters"));
    }
    Ok(())
}

/// Checks a required text field: valid per [`check_text`] and not blank.
pub fn check_required(field: &str, text: &str) -> Result<()> {
    check_text(field, text)?;
    if text.trim().is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    Ok(())
}

/// A blank optional text becomes `None`; anything else is checked.
pub fn optional_text(field: &str, text: Option<String>) -> Result<Option<String>> {
    match text {
        Some(t) if !t.trim().is_empty() => {
            check_text(field, &t)?;
            Ok(Some(t))
        }
        _ => Ok(None),
    }
}

/// Checks a whole-number rating lies in `min..=max`.
pub fn check_rating(field: &str, value: i32, min: i32, max: i32) -> Result<()> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!("must be a whole number from {min} to {max}"),
        ))
    }
}

/// Checks an optional rating.
pub fn check_optional_rating(field: &str, value: Option<i32>, min: i32, max: i32) -> Result<()> {
    value.map_or(Ok(()), |v| check_rating(field, v, min, max))
}

/// Checks a list is not longer than [`MAX_ITEMS`].
pub fn check_items<T>(field: &str, items: &[T]) -> Result<()> {
    if items.len() > MAX_ITEMS {
        return Err(Error::invalid(field, format!("at most {MAX_ITEMS} items")));
    }
    Ok(())
}

/// Normalises tags: trimmed, lower-cased, duplicates dropped, order kept.
///
/// A tag is 1–40 characters of letters, digits, spaces, `-` or `_` (no commas, so the CLI's
/// `--tags a,b` round-trips). Why lower-case: "Work" and "work" are one tag to a person.
pub fn normalize_tags(tags: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for (i, raw) in tags.iter().enumerate() {
        let tag = raw.trim().to_lowercase();
        let ok = !tag.is_empty()
            && tag.chars().count() <= MAX_TAG_CHARS
            && tag
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'));
        if !ok {
            return Err(Error::invalid(
                format!("tags[{i}]"),
                format!("a tag is 1–{MAX_TAG_CHARS} letters, digits, spaces, '-' or '_'"),
            ));
        }
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    if out.len() > MAX_TAGS {
        return Err(Error::invalid("tags", format!("at most {MAX_TAGS} tags")));
    }
    Ok(out)
}

/// Reads tags stored as a JSON array; a failure is our bug, never the person's input.
pub fn stored_tags(json: &str) -> Result<Vec<String>> {
    serde_json::from_str(json).map_err(|_| Error::internal("stored tags do not parse"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_megabyte_of_text_is_refused_naming_the_field_without_echoing_it() {
        let huge = "secret ".repeat(150_000);
        let err = check_text("note", &huge).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "note"));
        assert!(!err.to_string().contains("secret"));
        check_text("note", &"a".repeat(MAX_TEXT_BYTES)).unwrap();
    }

    #[test]
    fn control_characters_other_than_line_breaks_and_tabs_are_refused() {
        check_text("text", "line one\nline two\r\n\tindented").unwrap();
        assert!(check_text("text", "nul\0byte").is_err());
        assert!(check_text("text", "bell\u{7}").is_err());
    }

    #[test]
    fn tags_are_trimmed_lower_cased_and_deduplicated() {
        let tags = normalize_tags(&[
            " Work ".into(),
            "work".into(),
            "Sleep well".into(),
            "café".into(),
        ])
        .unwrap();
        assert_eq!(tags, vec!["work", "sleep well", "café"]);
        let err = normalize_tags(&["ok".into(), "a,b".into()]).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "tags[1]"));
        assert!(normalize_tags(&[String::new()]).is_err());
        let many: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
        assert!(
            matches!(normalize_tags(&many), Err(Error::InvalidInput { ref field, .. }) if field == "tags")
        );
    }

    #[test]
    fn ratings_outside_their_scale_name_the_field() {
        check_rating("mastery", 10, 0, 10).unwrap();
        let err = check_rating("mastery", 11, 0, 10).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "mastery"));
        assert!(check_optional_rating("x", Some(-1), 0, 100).is_err());
        check_optional_rating("x", None, 0, 100).unwrap();
    }
}
