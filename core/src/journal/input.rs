//! Reading a typed record from JSON (the CLI's `--input FILE.json`).
//!
//! The file holds the record of one kind, shaped like the examples in
//! `tests/fixtures/journal/<kind>.json`. Errors name the field and never quote a value:
//! decoder messages can echo input, so they are replaced by our own.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::checkin::vocabulary::EmotionLabel;
use crate::error::{Error, Result};
use crate::journal::records::{ActivityStatus, WorryType};
use crate::journal::{CognitiveDistortion, JournalBody, JournalKind};

/// Parses and validates the JSON record of `kind`.
pub fn parse_record(kind: JournalKind, json: &str) -> Result<JournalBody> {
    crate::json_keys::refuse_duplicates("input", json)?;
    let value: Value = serde_json::from_str(json).map_err(|e| {
        Error::invalid(
            "input",
            format!("not valid JSON (line {}, column {})", e.line(), e.column()),
        )
    })?;
    let Value::Object(obj) = value else {
        return Err(Error::invalid(
            "input",
            format!(
                "expected a JSON object like the {} example in docs/journal-input.md",
                kind.code()
            ),
        ));
    };
    precheck_words(kind, &obj)?;
    let value = Value::Object(obj);
    let body = match kind {
        JournalKind::Free => JournalBody::Free {
            record: decode(kind, value)?,
        },
        JournalKind::Thought => JournalBody::Thought {
            record: decode(kind, value)?,
        },
        JournalKind::Gratitude => JournalBody::Gratitude {
            record: decode(kind, value)?,
        },
        JournalKind::Worry => JournalBody::Worry {
            record: decode(kind, value)?,
        },
        JournalKind::Exposure => JournalBody::Exposure {
            record: decode(kind, value)?,
        },
        JournalKind::Activity => JournalBody::Activity {
            record: decode(kind, value)?,
        },
    };
    body.validate()?;
    Ok(body)
}

/// Decodes with serde, translating its message into one that names a field but no value.
fn decode<T: DeserializeOwned>(kind: JournalKind, value: Value) -> Result<T> {
    serde_json::from_value(value).map_err(|e| {
        let msg = e.to_string();
        // serde quotes field *names* between backticks in these two messages: a missing one
        // is ours; an unknown one is the caller's key, shown escaped and cut short.
        let name = msg.split('`').nth(1).unwrap_or("input").to_string();
        if msg.starts_with("missing field") {
            Error::invalid(name, "is required")
        } else if msg.starts_with("unknown field") {
            // The key is the caller's text (it may be their words): never shown, even escaped
            // (hostile review F11).
            Error::invalid(
                "input",
                format!(
                    "has a key that is not a field of a {} record (see `reset journal add --help`)",
                    kind.code()
                ),
            )
        } else {
            Error::invalid(
                "input",
                format!(
                    "a field has the wrong type; compare with the {} example in docs/journal-input.md",
                    kind.code()
                ),
            )
        }
    })
}

/// Checks the words of enumerated fields first, so an unknown one is named by its path.
fn precheck_words(kind: JournalKind, obj: &Map<String, Value>) -> Result<()> {
    match kind {
        JournalKind::Thought => {
            word_list::<CognitiveDistortion>(obj, "distortions")?;
            if let Some(Value::Array(emotions)) = obj.get("emotions") {
                for (i, e) in emotions.iter().enumerate() {
                    let Value::Object(e) = e else {
                        return Err(Error::invalid(
                            format!("emotions[{i}]"),
                            "expected an object with label, before, after",
                        ));
                    };
                    word::<EmotionLabel>(e, "label", &format!("emotions[{i}].label"), true)?;
                    if !e.contains_key("before") {
                        return Err(Error::invalid(
                            format!("emotions[{i}].before"),
                            "is required",
                        ));
                    }
                }
            }
            Ok(())
        }
        JournalKind::Worry => word::<WorryType>(obj, "worry_type", "worry_type", false),
        JournalKind::Activity => word::<ActivityStatus>(obj, "status", "status", false),
        _ => Ok(()),
    }
}

fn word<T: DeserializeOwned>(
    obj: &Map<String, Value>,
    key: &str,
    field: &str,
    required: bool,
) -> Result<()> {
    match obj.get(key) {
        None | Some(Value::Null) if !required => Ok(()),
        None | Some(Value::Null) => Err(Error::invalid(field, "is required")),
        Some(v @ Value::String(_)) => serde_json::from_value::<T>(v.clone())
            .map(|_| ())
            .map_err(|_| Error::invalid(field, "not a snake_case word from the documented list")),
        Some(_) => Err(Error::invalid(
            field,
            "expected a word from the documented list",
        )),
    }
}

fn word_list<T: DeserializeOwned>(obj: &Map<String, Value>, key: &str) -> Result<()> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(()),
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let mut one = Map::new();
                one.insert(key.to_string(), item.clone());
                word::<T>(&one, key, &format!("{key}[{i}]"), true)?;
            }
            Ok(())
        }
        Some(_) => Err(Error::invalid(key, "expected a list of words")),
    }
}
