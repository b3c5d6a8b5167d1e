//! A CBT thought record without hand-written JSON (new-user review F9): one flag per field
//! (`--situation`, `--thoughts`, `--emotions anxious:80:40`, `--distortions`, `--evidence-for`,
//! `--evidence-against`, `--balanced-thought`, `--belief-before`, `--belief-after`), `-` to read
//! one field from standard input, and on a terminal the fields asked one at a time.
//!
//! The record built here goes through the same validation as `--input` JSON. Must never echo
//! what was typed in an error: a bad word is refused by its position (`emotions[1]`).

use std::ffi::OsString;

use clap::Args;
use reset_core::Error;
use reset_core::checkin::EmotionLabel;
use reset_core::journal::distortion::DISTORTIONS;
use reset_core::journal::{CognitiveDistortion, EmotionRating, ThoughtRecord};
use reset_ffi::ResetError;

use crate::ask;

/// The thought-record flags of `journal add` and `journal edit` (only with `--kind thought`).
#[derive(Args, Default)]
pub struct ThoughtFields {
    /// Thought record: where you were, what happened; `-` reads standard input.
    #[arg(long, conflicts_with = "input")]
    situation: Option<OsString>,
    /// Thought record: the thoughts that went through your mind (same as --text); `-` reads standard input.
    #[arg(long, conflicts_with_all = ["input", "text"])]
    thoughts: Option<OsString>,
    /// Thought record: emotions and how strong, 0–100, before[:after] (anxious:80:40,sad:60).
    #[arg(long, value_name = "LABEL:N[:N],…", conflicts_with = "input")]
    emotions: Option<String>,
    /// Thought record: thinking patterns spotted (mind_reading,fortune_telling; the list is below).
    #[arg(long, value_name = "a,b", conflicts_with = "input")]
    distortions: Option<String>,
    /// Thought record: facts that support the thought; `-` reads standard input.
    #[arg(long, conflicts_with = "input")]
    evidence_for: Option<OsString>,
    /// Thought record: facts that do not support it; `-` reads standard input.
    #[arg(long, conflicts_with = "input")]
    evidence_against: Option<OsString>,
    /// Thought record: a more balanced thought; `-` reads standard input.
    #[arg(long, conflicts_with = "input")]
    balanced_thought: Option<OsString>,
    /// Thought record: how much you believed the thought at first, 0–100.
    #[arg(
        long,
        value_name = "N",
        conflicts_with = "input",
        allow_negative_numbers = true
    )]
    belief_before: Option<i32>,
    /// Thought record: how much you believe it now, 0–100.
    #[arg(
        long,
        value_name = "N",
        conflicts_with = "input",
        allow_negative_numbers = true
    )]
    belief_after: Option<i32>,
}

/// The words `--emotions` and `--distortions` take, for `journal add --help`.
pub fn help() -> String {
    let emotions: Vec<&str> = EmotionLabel::ALL.iter().map(|l| l.code()).collect();
    let patterns: Vec<&str> = DISTORTIONS.iter().map(|(_, code, _)| *code).collect();
    format!(
        "A thought record without JSON:\n  reset journal add --kind thought --situation \"Manager asked to see me\" \\\n    \
         --thoughts \"I'm going to be told off\" --emotions anxious:80:40 --distortions fortune_telling \\\n    \
         --evidence-against \"She thanked me on Friday\" --balanced-thought \"I don't know yet\" \\\n    \
         --belief-before 85 --belief-after 30\n\
         On a terminal, `reset journal add --kind thought` alone asks each field in turn.\n\n\
         Emotions: {}\n\nThinking patterns: {}\n\n\
         --input takes the same record as JSON: {{\"situation\": \"…\", \"automatic_thoughts\": \"…\",\n  \
         \"emotions\": [{{\"label\": \"anxious\", \"before\": 80, \"after\": 40}}], \"distortions\": [\"mind_reading\"],\n  \
         \"evidence_for\": \"…\", \"evidence_against\": \"…\", \"balanced_thought\": \"…\", \"belief_before\": 85, \"belief_after\": 30}}\n\
         (every key optional except automatic_thoughts).",
        emotions.join(", "),
        patterns.join(", ")
    )
}

impl ThoughtFields {
    /// Whether any thought-record flag was given.
    pub fn any(&self) -> bool {
        self.situation.is_some()
            || self.thoughts.is_some()
            || self.emotions.is_some()
            || self.distortions.is_some()
            || self.evidence_for.is_some()
            || self.evidence_against.is_some()
            || self.balanced_thought.is_some()
            || self.belief_before.is_some()
            || self.belief_after.is_some()
    }

    /// `base` with every given field replaced. At most one text field may be `-`.
    pub fn apply(&self, mut base: ThoughtRecord) -> Result<ThoughtRecord, ResetError> {
        let texts = [
            &self.situation,
            &self.thoughts,
            &self.evidence_for,
            &self.evidence_against,
            &self.balanced_thought,
        ];
        let from_stdin = texts
            .iter()
            .filter(|t| t.as_ref().is_some_and(|v| v == crate::input::STDIN))
            .count();
        if from_stdin > 1 {
            return Err(Error::invalid(
                "arguments",
                "only one field can be read from standard input (-)",
            )
            .into());
        }
        let read = |field: &str, value: &Option<OsString>, into: &mut String| {
            if let Some(v) = value {
                *into = crate::input::text(field, v)?;
            }
            Ok::<(), ResetError>(())
        };
        read("situation", &self.situation, &mut base.situation)?;
        read("thoughts", &self.thoughts, &mut base.automatic_thoughts)?;
        read("evidence_for", &self.evidence_for, &mut base.evidence_for)?;
        read(
            "evidence_against",
            &self.evidence_against,
            &mut base.evidence_against,
        )?;
        read(
            "balanced_thought",
            &self.balanced_thought,
            &mut base.balanced_thought,
        )?;
        if let Some(e) = &self.emotions {
            base.emotions = emotions(e)?;
        }
        if let Some(d) = &self.distortions {
            base.distortions = distortions(d)?;
        }
        if self.belief_before.is_some() {
            base.belief_before = self.belief_before;
        }
        if self.belief_after.is_some() {
            base.belief_after = self.belief_after;
        }
        Ok(base)
    }
}

/// `anxious:80:40,sad:60` (also `anxious 80 40`): each emotion, before, optional after.
pub fn emotions(text: &str) -> Result<Vec<EmotionRating>, ResetError> {
    text.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .enumerate()
        .map(|(i, part)| emotion(i, part))
        .collect()
}

fn emotion(i: usize, part: &str) -> Result<EmotionRating, ResetError> {
    let bad = |why: &str| ResetError::from(Error::invalid(format!("emotions[{i}]"), why));
    let words: Vec<&str> = part.split([':', ' ']).filter(|w| !w.is_empty()).collect();
    let (label, numbers) = words
        .split_first()
        .ok_or_else(|| bad("expected LABEL:BEFORE[:AFTER], e.g. anxious:80:40"))?;
    let label: EmotionLabel = label
        .parse()
        .map_err(|_| bad("not a known emotion word; the list is in `reset journal add --help`"))?;
    let number = |w: &&str| {
        w.parse::<i32>().map_err(|_| {
            bad("expected LABEL:BEFORE[:AFTER] with numbers 0–100, e.g. anxious:80:40")
        })
    };
    let (before, after) = match numbers {
        [b] => (number(b)?, None),
        [b, a] => (number(b)?, Some(number(a)?)),
        _ => {
            return Err(bad(
                "expected LABEL:BEFORE[:AFTER] with numbers 0–100, e.g. anxious:80:40",
            ));
        }
    };
    Ok(EmotionRating {
        label,
        before,
        after,
    })
}

/// `mind_reading,fortune telling` (codes, spaces or hyphens) or numbers from the list (`5,6`).
pub fn distortions(text: &str) -> Result<Vec<CognitiveDistortion>, ResetError> {
    text.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .enumerate()
        .map(|(i, word)| {
            if let Some((d, _, _)) = word
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|n| DISTORTIONS.get(n))
            {
                return Ok(*d);
            }
            word.parse::<CognitiveDistortion>().map_err(|_| {
                Error::invalid(
                    format!("distortions[{i}]"),
                    "not a known thinking pattern; the list is in `reset journal add --help`",
                )
                .into()
            })
        })
        .collect()
}

/// Asks a thought record field by field on the terminal; Enter skips a field, Ctrl-D stops
/// without saving.
pub fn ask_record() -> Result<ThoughtRecord, ResetError> {
    let stopped = || ask::stopped("thought_record");
    ask::say(
        "A thought record, one step at a time. Enter skips a step; Ctrl-D stops without saving.\n",
    );
    let mut r = ThoughtRecord {
        situation: ask::line("\nSituation: where were you, what was happening?\n> ")
            .ok_or_else(stopped)?,
        ..ThoughtRecord::default()
    };
    r.automatic_thoughts = ask::until(
        "\nThoughts: what went through your mind?\n> ",
        "The thoughts are the one step a thought record needs.",
        |t| (!t.is_empty()).then(|| t.to_string()),
    )
    .ok_or_else(stopped)?;
    r.belief_before = percent("How much did you believe them, 0–100? ")?;
    let emotion_words: Vec<&str> = EmotionLabel::ALL.iter().map(|l| l.code()).collect();
    ask::say(&format!(
        "\nEmotions, each with how strong it was, 0–100 (e.g. anxious 80, sad 60).\nWords: {}\n",
        emotion_words.join(", ")
    ));
    r.emotions = ask::until(
        "> ",
        "Please give known words each with a number 0–100, e.g. anxious 80, sad 60 (or Enter to skip).",
        |t| emotions(t).ok().filter(|e| e.iter().all(|e| (0..=100).contains(&e.before))),
    )
    .ok_or_else(stopped)?;
    ask::say("\nThinking patterns you notice (numbers, comma-separated; Enter for none):\n");
    for (n, (_, _, name)) in DISTORTIONS.iter().enumerate() {
        ask::say(&format!("  {:>2} {name}\n", n + 1));
    }
    r.distortions = ask::until("> ", "Please give numbers from the list, e.g. 5,6.", |t| {
        distortions(t).ok()
    })
    .ok_or_else(stopped)?;
    for (prompt, field) in [
        ("\nEvidence for the thought:\n> ", &mut r.evidence_for),
        ("\nEvidence against it:\n> ", &mut r.evidence_against),
        ("\nA more balanced thought:\n> ", &mut r.balanced_thought),
    ] {
        *field = ask::line(prompt).ok_or_else(stopped)?;
    }
    r.belief_after = percent("How much do you believe the first thoughts now, 0–100? ")?;
    let mut after = Vec::new();
    for e in &r.emotions {
        let prompt = format!(
            "How strong is {} now (it was {}), 0–100? ",
            e.label.code(),
            e.before
        );
        after.push(percent(&prompt)?);
    }
    for (e, a) in r.emotions.iter_mut().zip(after) {
        e.after = a;
    }
    Ok(r)
}

/// A 0–100 rating, or none when Enter is pressed.
fn percent(prompt: &str) -> Result<Option<i32>, ResetError> {
    ask::until(
        prompt,
        "Please type a number from 0 to 100, or Enter to skip.",
        |t| {
            if t.is_empty() {
                return Some(None);
            }
            t.trim_end_matches('%')
                .parse::<i32>()
                .ok()
                .filter(|n| (0..=100).contains(n))
                .map(Some)
        },
    )
    .ok_or_else(|| ask::stopped("thought_record"))
}
