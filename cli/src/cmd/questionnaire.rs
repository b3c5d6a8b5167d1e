//! A questionnaire as a person meets it: `assess show gad7` prints the instrument (its
//! instructions, answer scale, questions, bands and source), and `assess take`/`score`
//! without `--answers` on a terminal ask the questions one at a time.
//!
//! The answers typed are collected into the same `A,B,…` list `--answers` takes and go
//! through the same parser, so both ways score and store exactly the same. Must never guess
//! an answer: a reply that is not on the item's scale is asked again, and stopping early
//! (Ctrl-D) saves nothing.

use reset_core::assessment::{Instrument, InstrumentItem};
use reset_ffi::ResetError;
use reset_ffi::assessment::assessment_instruments;
use serde_json::{Value, json};

use crate::ask;
use crate::output::Output;

/// The instrument with this id (`gad7`), if there is one.
pub fn find(id: &str) -> Option<Instrument> {
    assessment_instruments()
        .ok()?
        .into_iter()
        .find(|i| i.id == id)
}

/// `0 Not at all · 1 Several days · …` (unlabelled middle points as the bare number).
fn scale(i: &Instrument) -> String {
    i.options
        .iter()
        .map(|o| {
            if o.label.is_empty() {
                o.score.to_string()
            } else {
                format!("{} {}", o.score, o.label)
            }
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// What else an item takes besides a number: `na` and `decline`, in words.
fn extra_answers(item: &InstrumentItem) -> Vec<&'static str> {
    let mut extra = Vec::new();
    if item.allows_not_applicable {
        extra.push("na = does not apply to me");
    }
    if item.allows_decline {
        extra.push("decline = prefer not to answer");
    }
    extra
}

/// `assess show gad7`: the whole instrument in words, and as JSON the `assess list` object
/// plus `instructions`, `options`, `questions` and `licence`.
pub fn show(i: &Instrument) -> Output {
    let mut human = format!("{} — {}\n{}\n\nAnswers:\n", i.title, i.name, i.instructions);
    for o in &i.options {
        human.push_str(&format!("  {} {}\n", o.score, o.label).replace(" \n", "\n"));
    }
    human.push_str("\nQuestions:\n");
    for item in &i.items {
        human.push_str(&format!("  {:>2}. {}\n", item.number, item.text));
        let extra = extra_answers(item);
        if !extra.is_empty() {
            human.push_str(&format!("      (also: {})\n", extra.join("; ")));
        }
    }
    let bands: Vec<String> = i
        .bands
        .iter()
        .map(|b| format!("{} {}–{}", b.label, b.min, b.max))
        .collect();
    human.push_str(&format!(
        "\nTotal 0–{}: {}\n",
        i.max_total,
        bands.join(" · ")
    ));
    if let Some(note) = &i.bands_note {
        human.push_str(&format!("{note}\n"));
    }
    human.push_str(&format!(
        "A screening score, not a diagnosis.\n\nTake it: reset assess take {} (on a terminal it asks each question),\n\
         or give every answer at once: reset assess take {} --answers {}\n\nSource: {}\nLicence: {}\n",
        i.id,
        i.id,
        vec!["0"; i.items.len()].join(","),
        i.citation,
        i.licence
    ));
    let mut json = super::assess::instrument_json(i);
    json["instructions"] = json!(i.instructions);
    json["options"] = json!(
        i.options
            .iter()
            .map(|o| json!({"score": o.score, "label": o.label}))
            .collect::<Vec<Value>>()
    );
    json["questions"] = json!(
        i.items
            .iter()
            .map(|q| json!({
                "number": q.number,
                "text": q.text,
                "reverse_scored": q.reverse_scored,
                "allows_not_applicable": q.allows_not_applicable,
                "allows_decline": q.allows_decline,
            }))
            .collect::<Vec<Value>>()
    );
    json["licence"] = json!(i.licence);
    Output::new(json, human)
}

/// One reply to one item as the `--answers` word for it, or `None` if it is not on the scale.
fn answer_word(i: &Instrument, item: &InstrumentItem, reply: &str) -> Option<String> {
    let reply = reply.to_lowercase();
    if item.allows_not_applicable && matches!(reply.as_str(), "na" | "n/a") {
        return Some("na".into());
    }
    if item.allows_decline && matches!(reply.as_str(), "decline" | "d") {
        return Some("decline".into());
    }
    let n: u8 = reply.parse().ok()?;
    i.options
        .iter()
        .any(|o| o.score == n)
        .then(|| n.to_string())
}

/// Asks every item of `i` on the terminal and returns the answers as `--answers` text.
pub fn ask_answers(i: &Instrument) -> Result<String, ResetError> {
    let (lo, hi) = i.score_range();
    ask::say(&format!(
        "{} — {}\n{}\nAnswer each question with a number from {lo} to {hi}:\n  {}\n(q or Ctrl-D stops without saving anything.)\n",
        i.title,
        i.name,
        i.instructions,
        scale(i)
    ));
    let mut words = Vec::with_capacity(i.items.len());
    for item in &i.items {
        let extra = extra_answers(item);
        let also = if extra.is_empty() {
            String::new()
        } else {
            format!(", or {}", extra.join(", "))
        };
        ask::say(&format!(
            "\n{}/{}. {}\n  {}{also}\n",
            item.number,
            i.items.len(),
            item.text,
            scale(i)
        ));
        let hint = format!("Please type a number from {lo} to {hi}{also}.");
        // `q` stops like Ctrl-D, which a person may not know (new-user review 3, F10).
        let word = ask::until(&format!("  your answer ({lo}–{hi}): "), &hint, |reply| {
            if matches!(reply.to_lowercase().as_str(), "q" | "quit" | "stop") {
                return Some(None);
            }
            answer_word(i, item, reply).map(Some)
        })
        .flatten()
        .ok_or_else(|| ask::stopped("answers"))?;
        words.push(word);
    }
    ask::say("\n");
    Ok(words.join(","))
}
