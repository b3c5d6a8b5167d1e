//! Shared journal entries as labelled text: the fields of each typed record in the order a
//! therapist reads them (situation before thoughts, evidence before the balanced thought).
//!
//! Owns the wording of the labels only. Must never be called on an entry that is not shared;
//! the snapshot guarantees that by holding no other entries.

use crate::journal::{ActivityStatus, JournalBody, JournalKind, WorryType};

/// The heading for an entry of `kind`.
pub fn kind_title(kind: JournalKind) -> &'static str {
    match kind {
        JournalKind::Free => "Journal entry",
        JournalKind::Thought => "Thought record",
        JournalKind::Gratitude => "Gratitude list",
        JournalKind::Worry => "Worry log",
        JournalKind::Exposure => "Exposure / behavioural experiment",
        JournalKind::Activity => "Activity (behavioural activation)",
    }
}

fn rating(value: Option<i32>, scale: &str) -> Option<String> {
    value.map(|v| format!("{v}{scale}"))
}

/// The non-empty fields of `body` as (label, text), in reading order.
pub fn fields(body: &JournalBody) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, Option<String>)> = Vec::new();
    let text = |s: &str| Some(s.trim().to_string()).filter(|t| !t.is_empty());
    match body {
        JournalBody::Free { record } => out.push(("Text", text(&record.text))),
        JournalBody::Thought { record: r } => {
            out.push(("Situation", text(&r.situation)));
            out.push(("Automatic thoughts", text(&r.automatic_thoughts)));
            let emotions: Vec<String> = r
                .emotions
                .iter()
                .map(|e| match e.after {
                    Some(after) => format!(
                        "{} {} → {}",
                        e.label.code().replace('_', " "),
                        e.before,
                        after
                    ),
                    None => format!("{} {}", e.label.code().replace('_', " "), e.before),
                })
                .collect();
            out.push((
                "Emotions (0–100)",
                Some(emotions.join("; ")).filter(|s| !s.is_empty()),
            ));
            let patterns: Vec<&str> = r.distortions.iter().map(|d| d.name()).collect();
            out.push((
                "Thinking patterns",
                Some(patterns.join("; ")).filter(|s| !s.is_empty()),
            ));
            out.push(("Evidence for", text(&r.evidence_for)));
            out.push(("Evidence against", text(&r.evidence_against)));
            out.push(("Balanced thought", text(&r.balanced_thought)));
            out.push(("Belief before", rating(r.belief_before, "%")));
            out.push(("Belief after", rating(r.belief_after, "%")));
        }
        JournalBody::Gratitude { record: r } => {
            let items: Vec<&str> = r
                .items
                .iter()
                .map(|i| i.trim())
                .filter(|i| !i.is_empty())
                .collect();
            out.push(("Items", Some(items.join("; ")).filter(|s| !s.is_empty())));
            out.push(("Reflection", text(&r.reflection)));
        }
        JournalBody::Worry { record: r } => {
            out.push(("Worry", text(&r.worry)));
            let kind = r.worry_type.map(|t| match t {
                WorryType::Practical => "practical".to_string(),
                WorryType::Hypothetical => "hypothetical".to_string(),
            });
            out.push(("Type", kind));
            out.push(("What happened", text(&r.what_happened)));
        }
        JournalBody::Exposure { record: r } => {
            out.push(("Situation", text(&r.situation)));
            out.push(("Prediction", text(&r.prediction)));
            out.push(("Distress before (0–100)", rating(r.distress_before, "")));
            out.push(("Distress at peak (0–100)", rating(r.distress_peak, "")));
            out.push(("Distress after (0–100)", rating(r.distress_after, "")));
            out.push(("Outcome", text(&r.outcome)));
            out.push(("Learned", text(&r.learned)));
        }
        JournalBody::Activity { record: r } => {
            out.push(("Activity", text(&r.activity)));
            let status = match r.status {
                ActivityStatus::Planned => "planned",
                ActivityStatus::Done => "done",
            };
            out.push(("Status", Some(status.to_string())));
            out.push(("Mastery (0–10)", rating(r.mastery, "")));
            out.push(("Pleasure (0–10)", rating(r.pleasure, "")));
        }
    }
    out.into_iter()
        .filter_map(|(label, value)| value.map(|v| (label, v)))
        .collect()
}

/// The whole entry as one block of text: `Label: value` lines.
pub fn plain(body: &JournalBody) -> String {
    fields(body)
        .into_iter()
        .map(|(l, v)| format!("{l}: {v}"))
        .collect::<Vec<_>>()
        .join("\n")
}
