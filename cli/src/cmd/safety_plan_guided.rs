//! `reset safety-plan edit` on a terminal without `--input`: the seven steps asked one at a
//! time, like the thought record (new-user review 3, F11). The most important document for a
//! person who is struggling must not need a JSON file.
//!
//! Each step shows what is there now; Enter keeps it, `a` adds to it, `n` writes it anew, `c`
//! clears it. Each entry is checked by the core's own rules as it is typed, so one bad entry is
//! asked again instead of losing the rest. Ctrl-D stops without saving. What was typed is
//! never repeated in an error (only the field's path and the kind of problem).

use reset_core::safety_plan::{SafetyContact, SafetyPlanInput, prompts, validated};
use reset_ffi::ResetError;

use crate::ask;

/// One step's entries while editing: plain lines or contacts.
enum Entries {
    Lines(Vec<String>),
    Contacts(Vec<SafetyContact>),
}

impl Entries {
    fn is_empty(&self) -> bool {
        match self {
            Entries::Lines(v) => v.is_empty(),
            Entries::Contacts(v) => v.is_empty(),
        }
    }

    fn shown(&self) -> Vec<String> {
        match self {
            Entries::Lines(v) => v.clone(),
            Entries::Contacts(v) => v.iter().map(super::contact).collect(),
        }
    }
}

fn slot<'a>(plan: &'a mut SafetyPlanInput, field: &str) -> Option<&'a mut Vec<String>> {
    match field {
        "warning_signs" => Some(&mut plan.warning_signs),
        "coping_strategies" => Some(&mut plan.coping_strategies),
        "distractions" => Some(&mut plan.distractions),
        "safer_surroundings" => Some(&mut plan.safer_surroundings),
        "reasons_for_living" => Some(&mut plan.reasons_for_living),
        _ => None,
    }
}

fn contacts_slot<'a>(
    plan: &'a mut SafetyPlanInput,
    field: &str,
) -> Option<&'a mut Vec<SafetyContact>> {
    match field {
        "support_contacts" => Some(&mut plan.support_contacts),
        "professionals" => Some(&mut plan.professionals),
        _ => None,
    }
}

/// Asks the plan step by step, starting from `current` (the newest version, if any). Returns
/// the plan to save, or `None` when the person chose not to save it.
pub fn ask_plan(current: Option<&SafetyPlanInput>) -> Result<Option<SafetyPlanInput>, ResetError> {
    let stopped = || ask::stopped("safety_plan");
    ask::say(
        "Your safety plan, one step at a time (7 steps). Ctrl-D stops without saving.\n\
         If you are in danger now, stop here: `reset help-now` lists crisis lines.\n",
    );
    let mut plan = current.cloned().unwrap_or_default();
    for step in prompts() {
        ask::say(&format!(
            "\nStep {} of 7. {}\n{}\n",
            step.step, step.title, step.prompt
        ));
        let now = match contacts_slot(&mut plan, &step.field) {
            Some(list) => Entries::Contacts(list.clone()),
            None => Entries::Lines(slot(&mut plan, &step.field).cloned().unwrap_or_default()),
        };
        let fresh = if now.is_empty() {
            true
        } else {
            ask::say("Now:\n");
            for e in now.shown() {
                ask::say(&format!("  • {e}\n"));
            }
            let choice = ask::until(
                "Enter keeps this step · a adds to it · n writes it new · c clears it\n> ",
                "Please press Enter, or type a, n or c.",
                |t| match t.to_lowercase().as_str() {
                    "" | "k" | "keep" => Some('k'),
                    "a" | "add" => Some('a'),
                    "n" | "new" => Some('n'),
                    "c" | "clear" => Some('c'),
                    _ => None,
                },
            )
            .ok_or_else(stopped)?;
            match choice {
                'k' => continue,
                'c' => {
                    clear(&mut plan, &step.field);
                    continue;
                }
                'n' => {
                    clear(&mut plan, &step.field);
                    true
                }
                _ => false,
            }
        };
        if fresh {
            ask::say("(Enter on an empty line finishes this step.)\n");
        }
        if contacts_slot(&mut plan, &step.field).is_some() {
            ask_contacts(&mut plan, &step.field)?;
        } else {
            ask_lines(&mut plan, &step.field)?;
        }
    }
    if plan == SafetyPlanInput::default() {
        ask::say("\nEvery step is empty, so there is nothing to save; nothing was saved.\n");
        return Ok(None);
    }
    let save = ask::line("\nSave this as a new version of your safety plan? [Y/n] ")
        .ok_or_else(stopped)?;
    if matches!(save.trim().to_lowercase().as_str(), "n" | "no") {
        ask::say("Not saved; your plan is as it was.\n");
        return Ok(None);
    }
    Ok(Some(plan))
}

fn clear(plan: &mut SafetyPlanInput, field: &str) {
    if let Some(list) = contacts_slot(plan, field) {
        list.clear();
    } else if let Some(list) = slot(plan, field) {
        list.clear();
    }
}

/// Entries one per line until an empty line; each checked by the core before it is kept.
fn ask_lines(plan: &mut SafetyPlanInput, field: &str) -> Result<(), ResetError> {
    loop {
        let line = ask::line("+ ").ok_or_else(|| ask::stopped("safety_plan"))?;
        if line.trim().is_empty() {
            return Ok(());
        }
        let mut probe = SafetyPlanInput::default();
        if let Some(list) = slot(&mut probe, field) {
            list.push(line.clone());
        }
        match validated(probe) {
            Ok(clean) => {
                let mut clean = clean;
                let entry = slot(&mut clean, field).and_then(|l| l.pop());
                let Some(list) = slot(plan, field) else {
                    return Ok(());
                };
                if list.len() >= reset_core::safety_plan::MAX_ITEMS {
                    ask::say("  That step is full (20 entries); this one was not added.\n");
                    return Ok(());
                }
                list.extend(entry);
            }
            Err(e) => ask::say(&format!("  Not added: {}. Please type it again.\n", why(e))),
        }
    }
}

/// Contacts: a name, then a number to call or another way to reach them.
fn ask_contacts(plan: &mut SafetyPlanInput, field: &str) -> Result<(), ResetError> {
    let stopped = || ask::stopped("safety_plan");
    loop {
        let name = ask::line("Name (or Enter to finish): ").ok_or_else(stopped)?;
        if name.trim().is_empty() {
            return Ok(());
        }
        let mut contact = SafetyContact {
            name,
            ..SafetyContact::default()
        };
        let phone = ask::line("  Number to call or text (Enter if none): ").ok_or_else(stopped)?;
        if phone.trim().is_empty() {
            contact.other = Some(
                ask::until(
                    "  How else can you reach them (an email, an app, \"next door\")? ",
                    "A contact needs a way to reach them.",
                    |t| (!t.is_empty()).then(|| t.to_string()),
                )
                .ok_or_else(stopped)?,
            );
        } else {
            contact.phone = Some(phone);
        }
        let mut probe = SafetyPlanInput::default();
        if let Some(list) = contacts_slot(&mut probe, field) {
            list.push(contact);
        }
        match validated(probe) {
            Ok(mut clean) => {
                let entry = contacts_slot(&mut clean, field).and_then(|l| l.pop());
                let Some(list) = contacts_slot(plan, field) else {
                    return Ok(());
                };
                if list.len() >= reset_core::safety_plan::MAX_ITEMS {
                    ask::say("  That step is full (20 contacts); this one was not added.\n");
                    return Ok(());
                }
                list.extend(entry);
            }
            Err(e) => ask::say(&format!(
                "  Not added: {}. Please give this contact again.\n",
                why(e)
            )),
        }
    }
}

/// The kind of problem in a person's words, from the core's error (which names only a path
/// and a reason, never the text).
fn why(e: reset_core::Error) -> String {
    match ResetError::from(e) {
        ResetError::InvalidInput { field, reason } if field.ends_with(".phone") => {
            format!("the number {reason}")
        }
        ResetError::InvalidInput { reason, .. } => format!("it {reason}"),
        other => other.to_string(),
    }
}
