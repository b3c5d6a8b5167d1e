//! Validation of a plan before it is stored: trims, rejects empty or oversized entries, and
//! names the failing field by path (`warning_signs[2]`, `support_contacts[0].phone`) — never
//! its text.

use super::{SafetyContact, SafetyPlanInput};
use crate::error::{Error, Result};

/// Most entries in one step (and contacts in steps 4 and 5).
pub const MAX_ITEMS: usize = 20;
/// Longest single entry, in characters.
pub const MAX_ITEM_CHARS: usize = 500;
/// Longest contact name, number or "other" way, in characters.
pub const MAX_CONTACT_FIELD: usize = 200;
/// Largest stored plan (JSON), in bytes: a backstop over the per-field limits.
pub const MAX_PLAN_BYTES: usize = 128 * 1024;

/// The trimmed, validated plan, or the first invalid field.
pub(super) fn clean(input: SafetyPlanInput) -> Result<SafetyPlanInput> {
    let plan = SafetyPlanInput {
        warning_signs: items("warning_signs", input.warning_signs)?,
        coping_strategies: items("coping_strategies", input.coping_strategies)?,
        distractions: items("distractions", input.distractions)?,
        support_contacts: contacts("support_contacts", input.support_contacts)?,
        professionals: contacts("professionals", input.professionals)?,
        safer_surroundings: items("safer_surroundings", input.safer_surroundings)?,
        reasons_for_living: items("reasons_for_living", input.reasons_for_living)?,
    };
    if plan == SafetyPlanInput::default() {
        return Err(Error::invalid(
            "plan",
            "is empty; fill in at least one step",
        ));
    }
    Ok(plan)
}

fn text(field: &str, value: String, max: usize) -> Result<String> {
    let t = value.trim();
    if t.is_empty() {
        return Err(Error::invalid(field, "is empty"));
    }
    // Only zero-width or direction characters would look blank on the bad night (hostile F12).
    if t.chars().all(|c| c.is_whitespace() || invisible(c)) {
        return Err(Error::invalid(field, "has only invisible characters"));
    }
    if t.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("is longer than {max} characters"),
        ));
    }
    if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(Error::invalid(field, "contains control characters"));
    }
    Ok(t.to_string())
}

fn count<T>(field: &str, list: &[T]) -> Result<()> {
    if list.len() > MAX_ITEMS {
        return Err(Error::invalid(
            field,
            format!("has more than {MAX_ITEMS} entries"),
        ));
    }
    Ok(())
}

fn items(field: &str, list: Vec<String>) -> Result<Vec<String>> {
    count(field, &list)?;
    list.into_iter()
        .enumerate()
        .map(|(i, v)| text(&format!("{field}[{i}]"), v, MAX_ITEM_CHARS))
        .collect()
}

fn optional(field: &str, value: Option<String>) -> Result<Option<String>> {
    match value {
        Some(v) if v.trim().is_empty() => Ok(None),
        Some(v) => text(field, v, MAX_CONTACT_FIELD).map(Some),
        None => Ok(None),
    }
}

fn number(field: &str, value: Option<String>) -> Result<Option<String>> {
    let value = optional(field, value)?;
    if let Some(n) = &value {
        let ok = n.chars().filter(char::is_ascii_digit).count() >= 3
            && n.chars()
                .all(|c| c.is_ascii_digit() || " +-().".contains(c));
        if !ok {
            return Err(Error::invalid(
                field,
                "use digits, spaces and + - ( ) only, at least 3 digits",
            ));
        }
    }
    Ok(value)
}

fn contacts(field: &str, list: Vec<SafetyContact>) -> Result<Vec<SafetyContact>> {
    count(field, &list)?;
    list.into_iter()
        .enumerate()
        .map(|(i, c)| {
            let at = format!("{field}[{i}]");
            let contact = SafetyContact {
                name: text(&format!("{at}.name"), c.name, MAX_CONTACT_FIELD)?,
                phone: number(&format!("{at}.phone"), c.phone)?,
                sms: number(&format!("{at}.sms"), c.sms)?,
                other: optional(&format!("{at}.other"), c.other)?,
            };
            if contact.phone.is_none() && contact.sms.is_none() && contact.other.is_none() {
                return Err(Error::invalid(
                    at,
                    "needs a way to reach them: phone, sms or other",
                ));
            }
            Ok(contact)
        })
        .collect()
}

/// Format characters that draw nothing: zero-width space/joiners, word joiner, BOM, and the
/// direction marks, embeddings, overrides and isolates.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}')
}
