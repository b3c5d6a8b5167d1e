//! Answers: one per item, in item order — a score, "not applicable" or "declined" — and the
//! compact text form `1,2,na,decline` shared by the CLI, storage and the golden fixtures.
//!
//! Owns the grammar only; whether an answer is allowed for an item is the scorer's call.
//! Must never quote an answer in an error message (answers are user content).

use serde::{Serialize, Serializer};

use crate::error::{Error, Result};

/// The answer to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Answer {
    /// The option chosen, as printed on the form (before any reverse scoring).
    Score { value: u8 },
    /// The item does not apply (the WSAS work item for someone not working). Text form `na`.
    NotApplicable,
    /// The person preferred not to answer (PHQ-9 item 9). Text form `decline`.
    Declined,
}

impl Answer {
    /// Shorthand for [`Answer::Score`].
    pub fn score(value: u8) -> Self {
        Answer::Score { value }
    }

    /// Whether the item has no score (not applicable or declined).
    pub fn is_missing(self) -> bool {
        !matches!(self, Answer::Score { .. })
    }
}

/// JSON form: the integer, or the strings `"na"` / `"decline"`.
impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Answer::Score { value } => s.serialize_u8(*value),
            Answer::NotApplicable => s.serialize_str("na"),
            Answer::Declined => s.serialize_str("decline"),
        }
    }
}

impl std::fmt::Display for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Answer::Score { value } => write!(f, "{value}"),
            Answer::NotApplicable => f.write_str("na"),
            Answer::Declined => f.write_str("decline"),
        }
    }
}

/// Parses `1,2,na,decline` (spaces and letter case ignored). A token that is not a number,
/// `na` or `decline` is `invalid_input` naming `answers[i]` (0-based).
pub fn parse_answers(text: &str) -> Result<Vec<Answer>> {
    if text.trim().is_empty() {
        return Err(Error::invalid(
            "answers",
            "expected answers separated by commas, e.g. 1,0,2",
        ));
    }
    text.split(',')
        .enumerate()
        .map(|(i, token)| {
            let token = token.trim();
            if token.eq_ignore_ascii_case("na") {
                Ok(Answer::NotApplicable)
            } else if token.eq_ignore_ascii_case("decline") {
                Ok(Answer::Declined)
            } else {
                token.parse::<u8>().map(Answer::score).map_err(|_| {
                    Error::invalid(
                        format!("answers[{i}]"),
                        format!("item {} must be a whole number, na or decline", i + 1),
                    )
                })
            }
        })
        .collect()
}

/// The text form of `answers`, the inverse of [`parse_answers`].
pub fn format_answers(answers: &[Answer]) -> String {
    answers
        .iter()
        .map(Answer::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_text_form_reads_scores_na_and_decline() {
        assert_eq!(
            parse_answers(" 1, 0 ,NA,decline,8").unwrap(),
            [
                Answer::score(1),
                Answer::score(0),
                Answer::NotApplicable,
                Answer::Declined,
                Answer::score(8)
            ]
        );
    }

    #[test]
    fn a_bad_token_names_its_position_without_quoting_it() {
        let err = parse_answers("1,2,sometimes").unwrap_err();
        match err {
            Error::InvalidInput { field, reason } => {
                assert_eq!(field, "answers[2]");
                assert!(!reason.contains("sometimes"));
            }
            other => panic!("unexpected {other:?}"),
        }
        for bad in ["", "  ", "1,,2", "-1", "256", "1.5"] {
            assert!(
                matches!(parse_answers(bad), Err(Error::InvalidInput { .. })),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn json_uses_numbers_and_the_text_tokens() {
        let json = serde_json::to_string(&parse_answers("3,na,decline").unwrap()).unwrap();
        assert_eq!(json, r#"[3,"na","decline"]"#);
    }

    proptest! {
        #[test]
        fn formatting_then_parsing_gives_the_same_answers(
            raw in prop::collection::vec(prop_oneof![
                any::<u8>().prop_map(Answer::score),
                Just(Answer::NotApplicable),
                Just(Answer::Declined),
            ], 1..12)
        ) {
            prop_assert_eq!(parse_answers(&format_answers(&raw)).unwrap(), raw);
        }
    }
}
