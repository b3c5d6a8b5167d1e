//! What a person finds when they don't know the command (new-user review 3, F29 and F4):
//! `reset` alone prints a short menu with help first, the words a person in distress types
//! (`reset crisis`, `reset sos`, `reset help crisis`, …) reach `reset help-now`, and
//! `reset --help` ends with the same pointer.
//!
//! Must never: shadow clap's own `reset help` / `reset help COMMAND`, or need a profile — the
//! menu and the crisis lines work before anything exists.

use std::ffi::OsString;

use serde_json::json;

use crate::output::Output;

/// Other words for `help-now` (hidden aliases; `crisis` is the visible one). Lower case, as
/// typed; each is a command name only, never a value.
pub const CRISIS_WORDS: [&str; 11] = [
    "emergency",
    "sos",
    "urgent",
    "helpnow",
    "help_now",
    "help-me",
    "helpme",
    "get-help",
    "gethelp",
    "hotline",
    "suicide",
];

/// The footer of `reset --help`.
pub const HELP_FOOTER: &str = "Need help now? `reset help-now` (or `reset crisis`) lists crisis \
lines for your region;\n`reset safety-plan` shows your own plan. `reset` alone shows a short menu.";

/// Whether `word` is one a person would type to find crisis help.
pub fn is_crisis_word(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    w == "crisis" || w == "help-now" || CRISIS_WORDS.contains(&w.as_str())
}

/// `reset help crisis` (clap's help for a command) becomes `reset help-now`: a person asking
/// for help with the crisis gets the lines, not the command's usage. Every other `help …` is
/// left to clap. Global options before `help` are kept.
pub fn crisis_help_to_help_now(args: impl Iterator<Item = OsString>) -> Vec<OsString> {
    let mut args: Vec<OsString> = args.collect();
    // The first word that is not an option or an option's value is the command.
    let mut i = 1;
    while i < args.len() {
        let a = args[i].to_string_lossy();
        if matches!(a.as_ref(), "--db" | "--tz" | "--now") {
            i += 2;
        } else if a.starts_with('-') {
            i += 1;
        } else {
            break;
        }
    }
    let is_help = args.get(i).is_some_and(|a| a == "help");
    let asks_crisis = args
        .get(i + 1)
        .is_some_and(|w| is_crisis_word(&w.to_string_lossy()));
    if is_help && asks_crisis {
        args.splice(i..i + 2, [OsString::from("help-now")]);
    }
    args
}

/// The menu: help first, then the everyday commands.
pub fn menu() -> Output {
    let items: [(&str, &str); 7] = [
        ("reset help-now", "crisis lines for your region, now"),
        ("reset safety-plan", "your own plan for a bad night"),
        (
            "reset checkin --mood 4",
            "how you feel, 1 (very unpleasant) to 7 (very pleasant)",
        ),
        (
            "reset journal add --kind thought",
            "a thought record, asked step by step",
        ),
        (
            "reset assess take phq9",
            "a questionnaire, one question at a time",
        ),
        (
            "reset tour",
            "a demo of everything, on a demo profile (never yours)",
        ),
        ("reset --help", "every command"),
    ];
    let mut human = String::from(
        "Reset Companion: mood check-ins, a journal, questionnaires and a safety plan, kept\n\
         private on this computer. A complement to professional care, never a replacement.\n\n\
         Need help now?\n",
    );
    for (n, (command, what)) in items.iter().enumerate() {
        if n == 2 {
            human.push_str("\nEveryday:\n");
        }
        human.push_str(&format!("  {command:<34} {what}\n"));
    }
    let json = json!({
        "menu": items
            .iter()
            .map(|(command, what)| json!({"command": command, "what": what}))
            .collect::<Vec<_>>(),
    });
    Output::new(json, human)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(args: &[&str]) -> Vec<String> {
        crisis_help_to_help_now(args.iter().map(OsString::from))
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn help_with_a_crisis_word_becomes_help_now_and_other_help_is_left_to_clap() {
        assert_eq!(rewrite(&["reset", "help", "crisis"]), ["reset", "help-now"]);
        assert_eq!(
            rewrite(&["reset", "--tz", "Europe/London", "help", "SOS"]),
            ["reset", "--tz", "Europe/London", "help-now"]
        );
        assert_eq!(
            rewrite(&["reset", "help", "checkin"]),
            ["reset", "help", "checkin"]
        );
        assert_eq!(rewrite(&["reset", "help"]), ["reset", "help"]);
        // `help` as a value (a note) is never the command.
        assert_eq!(
            rewrite(&["reset", "checkin", "--note", "help", "crisis"]),
            ["reset", "checkin", "--note", "help", "crisis"]
        );
    }
}
