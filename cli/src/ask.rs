//! Asking the person at a terminal: one question at a time, and the one confirmation every
//! destructive command uses.
//!
//! Questions are asked only when standard input and standard error are both terminals, so a
//! script, a pipe or a test never waits for an answer: off a terminal a command keeps its
//! non-interactive contract (flags, `--yes`). Questions go to standard error, so standard
//! output stays the command's result (text or `--json`). What the person types is never
//! repeated in an error message.

use std::io::{BufRead, IsTerminal, Write};

use reset_core::{Error, ResetError};

/// Whether a person is there to answer: standard input and standard error are terminals.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Writes `text` to standard error as it is (questions, hints), flushed.
pub fn say(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}

/// Asks `prompt` and returns the line typed, without its line ending; `None` at the end of
/// input (Ctrl-D) or when the terminal cannot be read.
pub fn line(prompt: &str) -> Option<String> {
    say(prompt);
    let mut answer = String::new();
    match std::io::stdin().lock().read_line(&mut answer) {
        Ok(0) | Err(_) => None,
        Ok(_) => {
            while answer.ends_with('\n') || answer.ends_with('\r') {
                answer.pop();
            }
            Some(answer)
        }
    }
}

/// Asks `prompt` until `parse` accepts the answer, saying `hint` after each one it refuses;
/// `None` at the end of input.
pub fn until<T>(prompt: &str, hint: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
    loop {
        let answer = line(prompt)?;
        if let Some(value) = parse(answer.trim()) {
            return Some(value);
        }
        say(&format!("  {hint}\n"));
    }
}

/// The error for questions left unanswered (Ctrl-D): nothing was saved.
pub fn stopped(field: &str) -> ResetError {
    Error::invalid(field, "stopped before the last question; nothing was saved").into()
}

/// What a destructive command does off a terminal when `--yes` was not given.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum WithoutYes {
    /// Refuse (`erase`, `backup restore`: they delete or replace everything).
    Refuse,
    /// Go ahead, as scripts have always driven it (`journal delete`, `programme restart`).
    Proceed,
}

/// The one confirmation of every destructive command. `what` says what will be lost, in
/// lower case (`erase deletes every entry …`); `question` is the short question (`Erase
/// it?`). With `yes` nothing is asked. On a terminal the person is asked `What. Question?
/// [y/N]` and anything but yes changes nothing; off a terminal `off_terminal` decides, and a
/// refusal says "nothing was changed. Add --yes to confirm". Both refusals are
/// `invalid_input` on the field `yes`.
pub fn confirm(
    yes: bool,
    what: &str,
    question: &str,
    off_terminal: WithoutYes,
) -> Result<(), ResetError> {
    if yes {
        return Ok(());
    }
    if !interactive() {
        return match off_terminal {
            WithoutYes::Proceed => Ok(()),
            WithoutYes::Refuse => Err(Error::invalid(
                "yes",
                format!("{what}; nothing was changed. Add --yes to confirm"),
            )
            .into()),
        };
    }
    let answer = line(&format!("{}. {question} [y/N] ", capitalised(what)));
    if answer.is_some_and(|a| matches!(a.trim().to_lowercase().as_str(), "y" | "yes")) {
        Ok(())
    } else {
        Err(Error::invalid("yes", "not confirmed; nothing was changed").into())
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
