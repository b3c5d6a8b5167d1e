//! The pack validator: turns a pack file into a [`Programme`] and checks it is sound.
//!
//! Pure (no storage, no clock). Used at start-up for the embedded packs, by the tests over
//! the real packs, and by `reset programme validate FILE` for authors. Every problem is an
//! `invalid_input` error whose field is the JSON path of the value at fault (`steps[3].kind`),
//! so an author can find it; messages never repeat a value from the file.
//! Must never accept a pack the progression code could get stuck on: duplicate ids,
//! prerequisites that can never be met, or links to instruments and journal kinds the app
//! does not have.

use std::collections::{HashMap, HashSet};

use super::content::{
    PACK_FORMAT, PackFile, PackStep, PackUnlock, PracticeTarget, Programme, ProgrammeStep, StepKind,
};
use crate::error::{Error, Result};
use crate::journal::JournalKind;
use crate::practice::PracticeTechnique;

/// Questionnaire ids a step may link to: the assessment catalogue's instruments
/// (`gad7`, `phq9`, …; shared/reference/clinical.md, "Instruments").
pub fn known_instruments() -> Result<Vec<&'static str>> {
    Ok(crate::assessment::catalogue()?
        .iter()
        .map(|i| i.id.as_str())
        .collect())
}

/// Journal kinds a step may open: the journal's entry kinds (`free`, `thought`, …).
pub fn known_journal_kinds() -> Vec<&'static str> {
    JournalKind::ALL.iter().map(|k| k.code()).collect()
}

/// The longest step or practice target a pack may declare, in minutes.
const MAX_MINUTES: u32 = 180;
/// The longest wait between steps a pack may declare, in days.
const MAX_GAP_DAYS: u32 = 31;

/// Parses a pack file's JSON text and validates it.
pub fn parse_pack(json: &str) -> Result<Programme> {
    let file: PackFile = serde_json::from_str(json).map_err(|e| {
        // serde's message may quote a value from the file; only its position and, for a
        // missing field, the field's name (the pack format's own) are kept.
        let what = match e.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                "is not valid JSON".to_string()
            }
            _ if e.to_string().starts_with("missing field") => e
                .to_string()
                .split(" at line")
                .next()
                .unwrap_or("a field is missing")
                .to_string(),
            _ => "does not match the pack format (an unknown field or a value of the wrong type)"
                .to_string(),
        };
        Error::invalid(
            "json",
            format!("{what} at line {}, column {}", e.line(), e.column()),
        )
    })?;
    let programme = from_file(file)?;
    validate(&programme)?;
    Ok(programme)
}

/// Converts the file form to the model, checking the strings that become enums.
fn from_file(file: PackFile) -> Result<Programme> {
    if file.format != PACK_FORMAT {
        return Err(Error::invalid(
            "format",
            format!("this pack format is not supported (this build reads format {PACK_FORMAT})"),
        ));
    }
    let default_note = file.wait_note.as_ref().map(|t| t.joined());
    let mut steps = Vec::with_capacity(file.steps.len());
    for (index, raw) in file.steps.iter().enumerate() {
        let previous = index
            .checked_sub(1)
            .and_then(|i| file.steps.get(i))
            .map(|s| s.id.clone());
        steps.push(step_from_file(
            index,
            raw,
            previous,
            file.unlock,
            &default_note,
        )?);
    }
    Ok(Programme {
        id: file.id,
        version: file.version,
        title: file.title,
        summary: file.summary,
        audience: file.audience,
        notice: file.notice.joined(),
        steps,
    })
}

fn step_from_file(
    index: usize,
    raw: &PackStep,
    previous: Option<String>,
    unlock: PackUnlock,
    default_note: &Option<String>,
) -> Result<ProgrammeStep> {
    let kind = StepKind::parse(&raw.kind).ok_or_else(|| {
        step_error(
            index,
            "kind",
            "is not a step kind (use one of: learn, practice, exercise, reflect, assess)".into(),
        )
    })?;
    let practice_target = match &raw.practice {
        None => None,
        Some(t) => Some(PracticeTarget {
            technique: PracticeTechnique::parse(&t.technique).ok_or_else(|| {
                step_error(
                    index,
                    "practice.technique",
                    "is not a technique (use one of: meditation, breathing, body_scan, other)"
                        .into(),
                )
            })?,
            minutes: t.minutes,
        }),
    };
    let step_unlock = raw.unlock.as_ref();
    let requires = match step_unlock.and_then(|u| u.after.clone()) {
        Some(after) => after,
        None if unlock.sequential => previous.into_iter().collect(),
        None => Vec::new(),
    };
    let min_gap_days = step_unlock
        .and_then(|u| u.min_gap_days)
        .unwrap_or(unlock.min_gap_days);
    let wait_note = match &raw.wait_note {
        Some(t) => Some(t.joined()),
        None if !requires.is_empty() && min_gap_days > 0 => default_note.clone(),
        None => None,
    };
    Ok(ProgrammeStep {
        id: raw.id.clone(),
        title: raw.title.clone(),
        kind,
        minutes: raw.minutes,
        body: raw.body.joined(),
        practice_target,
        journal_kind: raw.journal.clone(),
        instruments: raw.instruments.clone(),
        requires,
        min_gap_days,
        wait_note,
    })
}

/// Checks a programme: ids, text, links, bounds and that every step can be reached.
///
/// All problems are gathered; the error names the first step at fault and lists them all.
pub fn validate(programme: &Programme) -> Result<()> {
    let mut problems: Vec<(String, String)> = Vec::new();
    let mut flag = |field: String, reason: String| problems.push((field, reason));

    if !is_slug(&programme.id) {
        flag(
            "id".into(),
            "must be 1–64 characters of a–z, 0–9 and '-'".into(),
        );
    }
    for (field, text) in [
        ("title", &programme.title),
        ("summary", &programme.summary),
        ("audience", &programme.audience),
        ("notice", &programme.notice),
    ] {
        if text.trim().is_empty() {
            flag(field.into(), "is empty".into());
        }
    }
    if programme.steps.is_empty() {
        flag("steps".into(), "a programme needs at least one step".into());
    }

    let instruments = known_instruments()?;
    let journal_kinds = known_journal_kinds();
    let mut seen = HashSet::new();
    for (i, step) in programme.steps.iter().enumerate() {
        if !seen.insert(step.id.as_str()) {
            flag(field(i, "id"), "duplicates an earlier step's id".into());
        }
        for (problem_field, reason) in step_problems(step, &instruments, &journal_kinds) {
            flag(field(i, &problem_field), reason);
        }
    }

    let ids: HashSet<&str> = programme.steps.iter().map(|s| s.id.as_str()).collect();
    for (i, step) in programme.steps.iter().enumerate() {
        for (j, r) in step.requires.iter().enumerate() {
            if r == &step.id {
                flag(
                    field(i, &format!("unlock.after[{j}]")),
                    "names the step itself".into(),
                );
            } else if !ids.contains(r.as_str()) {
                flag(
                    field(i, &format!("unlock.after[{j}]")),
                    "names no step of this programme".into(),
                );
            }
        }
    }
    for id in unreachable(programme) {
        if let Some(i) = programme.steps.iter().position(|s| s.id == id) {
            flag(
                field(i, "unlock"),
                "can never unlock: its prerequisites form a cycle or cannot be met".into(),
            );
        }
    }

    match problems.first() {
        None => Ok(()),
        Some((first_field, _)) => {
            let reasons: Vec<String> = problems
                .iter()
                .map(|(path, r)| format!("{path} {r}"))
                .collect();
            Err(Error::invalid(first_field.clone(), reasons.join("; ")))
        }
    }
}

/// Problems local to one step, as (field under the step, reason). Never quotes a value.
fn step_problems(
    step: &ProgrammeStep,
    known_instruments: &[&str],
    known_journal_kinds: &[&str],
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut flag = |f: &str, r: String| out.push((f.to_string(), r));
    if !is_slug(&step.id) {
        flag("id", "must be 1–64 characters of a–z, 0–9 and '-'".into());
    }
    if step.title.trim().is_empty() {
        flag("title", "is empty".into());
    }
    if step.body.trim().is_empty() {
        flag("body", "is empty".into());
    }
    if step
        .wait_note
        .as_deref()
        .is_some_and(|n| n.trim().is_empty())
    {
        flag("wait_note", "is empty".into());
    }
    if !(1..=MAX_MINUTES).contains(&step.minutes) {
        flag("minutes", format!("must be 1–{MAX_MINUTES}"));
    }
    if let Some(t) = step.practice_target
        && !(1..=MAX_MINUTES).contains(&t.minutes)
    {
        flag("practice.minutes", format!("must be 1–{MAX_MINUTES}"));
    }
    if step.min_gap_days > MAX_GAP_DAYS {
        flag(
            "unlock.min_gap_days",
            format!("must be at most {MAX_GAP_DAYS}"),
        );
    }
    if let Some(kind) = &step.journal_kind
        && !known_journal_kinds.contains(&kind.as_str())
    {
        flag(
            "journal",
            format!(
                "is not a journal kind (known: {})",
                known_journal_kinds.join(", ")
            ),
        );
    }
    let mut instruments = HashSet::new();
    for (j, instrument) in step.instruments.iter().enumerate() {
        if !known_instruments.contains(&instrument.as_str()) {
            flag(
                &format!("instruments[{j}]"),
                format!(
                    "is not a questionnaire (known: {})",
                    known_instruments.join(", ")
                ),
            );
        } else if !instruments.insert(instrument) {
            flag(&format!("instruments[{j}]"), "is listed twice".into());
        }
    }
    if step.kind == StepKind::Assess && step.instruments.is_empty() {
        flag(
            "instruments",
            "is empty but the step is an assess step".into(),
        );
    }
    out
}

/// Steps that can never open: a step opens once all its prerequisites are done, so
/// reachability is a fixpoint from the steps with none. Cycles and unknown ids stay out.
pub(crate) fn unreachable(programme: &Programme) -> Vec<String> {
    let by_id: HashMap<&str, &ProgrammeStep> =
        programme.steps.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut reached: HashSet<&str> = HashSet::new();
    loop {
        let before = reached.len();
        for step in &programme.steps {
            let ready = step
                .requires
                .iter()
                .all(|r| by_id.contains_key(r.as_str()) && reached.contains(r.as_str()));
            if ready {
                reached.insert(step.id.as_str());
            }
        }
        if reached.len() == before {
            break;
        }
    }
    let mut out: Vec<String> = Vec::new();
    for step in &programme.steps {
        if !reached.contains(step.id.as_str()) && !out.contains(&step.id) {
            out.push(step.id.clone());
        }
    }
    out
}

/// The JSON path of a field of the step at `index`: `steps[3].kind`.
fn field(index: usize, name: &str) -> String {
    format!("steps[{index}].{name}")
}

fn step_error(index: usize, name: &str, reason: String) -> Error {
    Error::invalid(field(index, name), reason)
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
