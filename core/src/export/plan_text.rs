//! The person's safety plan (issue 20) as an export shows it — only when the person included
//! it (`ExportSection::SafetyPlan`, never by default): the seven steps in order with their
//! titles (`safety_plan::prompts`), each item and contact as one line, and the crisis lines
//! of the plan's region. Shared by the PDF, the CSV and the FHIR Bundle so they say the same.
//!
//! Must never be called for a snapshot without the section: the snapshot holds no plan then.

use crate::safety_plan::{SafetyContact, SafetyPlan, prompts};

/// One line of the plan: its step (1–7), the step's title, and the item or contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanLine {
    /// 1–7, in the order the steps are used in a crisis.
    pub step: u8,
    /// The step's title (`My warning signs`).
    pub title: String,
    /// The item, or for a contact its name.
    pub text: String,
    /// A contact's ways to reach them (`phone 0161 …; text …`), empty for a plain item.
    pub reach: String,
    /// The contact's number to call, if any.
    pub phone: Option<String>,
}

fn reach(c: &SafetyContact) -> String {
    [
        c.phone.as_ref().map(|p| format!("phone {p}")),
        c.sms.as_ref().map(|s| format!("text {s}")),
        c.other.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("; ")
}

/// Every item and contact of `plan`, step by step.
pub fn lines(plan: &SafetyPlan) -> Vec<PlanLine> {
    let s = &plan.steps;
    let mut out = Vec::new();
    for p in prompts() {
        let items: Vec<(String, String, Option<String>)> = match p.field.as_str() {
            "warning_signs" => plain(&s.warning_signs),
            "coping_strategies" => plain(&s.coping_strategies),
            "distractions" => plain(&s.distractions),
            "support_contacts" => contacts(&s.support_contacts),
            "professionals" => contacts(&s.professionals),
            "safer_surroundings" => plain(&s.safer_surroundings),
            "reasons_for_living" => plain(&s.reasons_for_living),
            _ => Vec::new(),
        };
        for (text, reach, phone) in items {
            out.push(PlanLine {
                step: p.step,
                title: p.title.clone(),
                text,
                reach,
                phone,
            });
        }
    }
    out
}

fn plain(items: &[String]) -> Vec<(String, String, Option<String>)> {
    items
        .iter()
        .map(|i| (i.clone(), String::new(), None))
        .collect()
}

fn contacts(list: &[SafetyContact]) -> Vec<(String, String, Option<String>)> {
    list.iter()
        .map(|c| (c.name.clone(), reach(c), c.phone.clone()))
        .collect()
}

/// The plan's crisis lines as short text (`Samaritans 116 123`, `Shout: text SHOUT to
/// 85258`), most urgent first.
pub fn crisis_lines(plan: &SafetyPlan) -> Vec<String> {
    plan.crisis_lines
        .iter()
        .map(|r| {
            // Review L4: never repeat a number the name already holds ("NHS 111, option 2"),
            // and say "text" for a text line ("Shout: text SHOUT to 85258").
            match (&r.phone, &r.text) {
                (Some(phone), _) if r.name.contains(phone.as_str()) => r.name.clone(),
                (Some(phone), _) => format!("{} {phone}", r.name),
                (None, Some(text)) => format!("{}: text {text}", r.name),
                (None, None) => r.name.clone(),
            }
        })
        .collect()
}
