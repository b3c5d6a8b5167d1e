//! `safety-plan edit` as a merge (review F17): the steps given replace those steps of the
//! newest version, steps left out are kept, and a step given as `null` or `[]` is emptied.
//! Before this, a file with one key silently emptied the other six steps — the person's
//! contacts among them.
//!
//! Errors never quote the input (it is the person's own words): they come from the core's
//! parser, which names a position and the kind of problem only.

use reset_core::safety_plan::SafetyPlanInput;
use reset_ffi::ResetError;
use serde_json::Value;

/// The plan to save and the names of the steps the input changed (in input order). With no
/// `base` (no plan yet, or `--replace`), the input is the whole plan.
pub fn merged(
    text: &str,
    base: Option<&SafetyPlanInput>,
) -> Result<(SafetyPlanInput, Vec<String>), ResetError> {
    // Not JSON, or not an object: the core parser gives the exact, text-free error.
    let Ok(Value::Object(given)) = serde_json::from_str::<Value>(text) else {
        return reset_ffi::safety_plan::parse_safety_plan(text.to_string()).map(|p| (p, vec![]));
    };
    let has_null = given.values().any(Value::is_null);
    // Validate the input's own shape first, so positions in errors refer to what was typed.
    if !has_null {
        reset_ffi::safety_plan::parse_safety_plan(text.to_string())?;
    }
    let mut out = match base {
        Some(b) => match serde_json::to_value(b) {
            Ok(Value::Object(m)) => m,
            _ => serde_json::Map::new(),
        },
        None => serde_json::Map::new(),
    };
    let mut changed = Vec::new();
    for (key, value) in given {
        let value = if value.is_null() {
            Value::Array(vec![])
        } else {
            value
        };
        if out.get(&key) != Some(&value) {
            changed.push(key.clone());
        }
        out.insert(key, value);
    }
    let plan = reset_ffi::safety_plan::parse_safety_plan(Value::Object(out).to_string())?;
    Ok((plan, changed))
}

/// The steps (by field name, in plan order) that differ between `base` and `plan`.
pub fn changed_steps(base: Option<&SafetyPlanInput>, plan: &SafetyPlanInput) -> Vec<String> {
    let (Ok(Value::Object(new)), Ok(Value::Object(old))) = (
        serde_json::to_value(plan),
        serde_json::to_value(base.cloned().unwrap_or_default()),
    ) else {
        return Vec::new();
    };
    reset_core::safety_plan::prompts()
        .into_iter()
        .map(|p| p.field)
        .filter(|f| new.get(f) != old.get(f))
        .collect()
}

/// How many entries a version holds across the seven steps (for `history`).
pub fn entries(p: &SafetyPlanInput) -> usize {
    p.warning_signs.len()
        + p.coping_strategies.len()
        + p.distractions.len()
        + p.support_contacts.len()
        + p.professionals.len()
        + p.safer_surroundings.len()
        + p.reasons_for_living.len()
}
