//! Usage errors (a flag missing, a value that does not parse, an argument too many) turned
//! into the CLI's one error contract: `invalid_input` naming the flag, on one line.
//!
//! Never echoes what was typed: an unquoted note (`--note I feel low`) spills words into
//! "unexpected argument" errors, and those words are exactly what must not reach a terminal
//! log or a bug report.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use reset_core::ResetError;

/// The contract error for a clap parse failure.
pub fn error(e: &clap::Error) -> ResetError {
    let flag = flag_name(e);
    if e.kind() == ErrorKind::InvalidSubcommand
        && let Some(suggested) = suggestion(e)
    {
        // A name from the command list (never the typed word): "did you mean" (review 3, F22).
        return ResetError::InvalidInput {
            field: "command".into(),
            reason: format!(
                "unknown command (not repeated here); did you mean `{suggested}`? See `reset --help`"
            ),
        };
    }
    let (field, reason): (String, &str) = match e.kind() {
        ErrorKind::UnknownArgument => (
            "arguments".into(),
            "an unexpected argument (not repeated here); quote a value with spaces, or pass `-` to read text from standard input",
        ),
        ErrorKind::InvalidSubcommand => (
            "command".into(),
            "unknown command (not repeated here); see `reset --help`",
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            ("command".into(), "a subcommand is required; see `--help`")
        }
        ErrorKind::MissingRequiredArgument => {
            (flag.unwrap_or_else(|| "arguments".into()), "is required")
        }
        ErrorKind::ArgumentConflict => (
            flag.unwrap_or_else(|| "arguments".into()),
            "cannot be combined with another flag given",
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation | ErrorKind::InvalidUtf8 => (
            flag.unwrap_or_else(|| "arguments".into()),
            "has a value that is not valid here (not repeated); see `--help`",
        ),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => (
            flag.unwrap_or_else(|| "arguments".into()),
            "has the wrong number of values",
        ),
        ErrorKind::NoEquals => (
            flag.unwrap_or_else(|| "arguments".into()),
            "needs `=` and a value",
        ),
        _ => ("arguments".into(), "could not be read; see `reset --help`"),
    };
    ResetError::InvalidInput {
        field,
        reason: reason.to_string(),
    }
}

/// The command clap suggests for a typo: one of the definition's own names, checked to be
/// only the characters command names use.
fn suggestion(e: &clap::Error) -> Option<String> {
    let name = match e.get(ContextKind::SuggestedSubcommand)? {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.first()?.clone(),
        _ => return None,
    };
    let ours = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '-' || c == '_');
    ours.then_some(name)
}

/// The flag clap blames, as the product spells it (`--note <TEXT>` → `note`, `<ID>` → `id`).
/// Only names clap itself generated from the command definition, never typed text: clap puts
/// the definition's spelling (`--note <TEXT>`) in `InvalidArg` for every kind used here.
fn flag_name(e: &clap::Error) -> Option<String> {
    let raw = match e.get(ContextKind::InvalidArg)? {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.first()?.clone(),
        _ => return None,
    };
    let first = raw.split_whitespace().next()?;
    let name = first
        .trim_start_matches('-')
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches("...")
        .to_ascii_lowercase();
    let ours = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ours.then_some(name)
}
