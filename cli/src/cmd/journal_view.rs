//! `reset journal show ID` in words: one entry read back as the person wrote it, with a
//! heading per field, ratings as "before → after", and empty fields left out (new-user
//! review F8). `--json` prints the stored record unchanged.

use reset_core::journal::{
    ActivityStatus, EmotionRating, JournalBody, JournalEntry, ThoughtRecord, WorryType,
};

/// The human view of one entry.
pub fn render(e: &JournalEntry) -> String {
    let local = e.captured.local_time();
    let when = local.get(..16).unwrap_or(&local).replace('T', " ");
    let mut out = format!(
        "{} · {when} ({}) · {}\n",
        title(&e.body),
        e.captured.time_zone,
        e.id
    );
    let mut about = Vec::new();
    if !e.tags.is_empty() {
        about.push(format!("tags: {}", e.tags.join(", ")));
    }
    about.push(
        if e.shared_with_therapist {
            "shared with your therapist"
        } else {
            "private (not in therapist exports)"
        }
        .to_string(),
    );
    out.push_str(&about.join(" · "));
    out.push('\n');
    let mut page = Page(out);
    body(&mut page, &e.body);
    page.0
}

fn title(body: &JournalBody) -> &'static str {
    match body {
        JournalBody::Free { .. } => "Journal entry",
        JournalBody::Thought { .. } => "Thought record",
        JournalBody::Gratitude { .. } => "Gratitude",
        JournalBody::Worry { .. } => "Worry",
        JournalBody::Exposure { .. } => "Exposure",
        JournalBody::Activity { .. } => "Activity",
    }
}

/// The text under construction: a heading and its indented text, skipped when empty.
struct Page(String);

impl Page {
    fn field(&mut self, heading: &str, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        self.0.push_str(&format!("\n{heading}\n"));
        for line in text.lines() {
            self.0.push_str(&format!("  {line}\n"));
        }
    }

    fn list(&mut self, heading: &str, items: &[String]) {
        let items: Vec<&String> = items.iter().filter(|i| !i.trim().is_empty()).collect();
        if items.is_empty() {
            return;
        }
        self.0.push_str(&format!("\n{heading}\n"));
        for item in items {
            self.0.push_str(&format!("  • {item}\n"));
        }
    }
}

/// `75 → 40`, `75`, `→ 40` or nothing.
fn change(before: Option<i32>, after: Option<i32>, unit: &str) -> String {
    match (before, after) {
        (Some(b), Some(a)) => format!("{b}{unit} → {a}{unit}"),
        (Some(b), None) => format!("{b}{unit}"),
        (None, Some(a)) => format!("→ {a}{unit}"),
        (None, None) => String::new(),
    }
}

fn body(page: &mut Page, body: &JournalBody) {
    match body {
        JournalBody::Free { record } => page.field("Entry", &record.text),
        JournalBody::Thought { record } => thought(page, record),
        JournalBody::Gratitude { record } => {
            page.list("Good things", &record.items);
            page.field("Why they mattered", &record.reflection);
        }
        JournalBody::Worry { record } => {
            page.field("Worry", &record.worry);
            let kind = match record.worry_type {
                Some(WorryType::Practical) => "practical (something to act on now)",
                Some(WorryType::Hypothetical) => "hypothetical (a \"what if\")",
                None => "",
            };
            page.field("Kind of worry", kind);
            page.field("What happened", &record.what_happened);
        }
        JournalBody::Exposure { record } => {
            page.field("Situation", &record.situation);
            page.field("Prediction", &record.prediction);
            let distress = [
                record.distress_before.map(|d| format!("before {d}")),
                record.distress_peak.map(|d| format!("peak {d}")),
                record.distress_after.map(|d| format!("after {d}")),
            ];
            let distress: Vec<String> = distress.into_iter().flatten().collect();
            page.field("Distress (0–100)", &distress.join(" · "));
            page.field("What happened", &record.outcome);
            page.field("What I learned", &record.learned);
        }
        JournalBody::Activity { record } => {
            page.field("Activity", &record.activity);
            page.field(
                "Status",
                match record.status {
                    ActivityStatus::Planned => "planned",
                    ActivityStatus::Done => "done",
                },
            );
            let ratings = [
                record.mastery.map(|m| format!("achievement {m}/10")),
                record.pleasure.map(|p| format!("enjoyment {p}/10")),
            ];
            let ratings: Vec<String> = ratings.into_iter().flatten().collect();
            page.field("Ratings", &ratings.join(" · "));
        }
    }
}

fn emotion(e: &EmotionRating) -> String {
    format!("{} {}", e.label.code(), change(Some(e.before), e.after, ""))
}

fn thought(page: &mut Page, r: &ThoughtRecord) {
    page.field("Situation", &r.situation);
    page.field("Thoughts", &r.automatic_thoughts);
    let belief = change(r.belief_before, r.belief_after, "%");
    if !belief.is_empty() {
        page.field("How much I believed them", &belief);
    }
    let emotions: Vec<String> = r.emotions.iter().map(emotion).collect();
    page.list("Emotions (0–100, before → after)", &emotions);
    let patterns: Vec<String> = r.distortions.iter().map(|d| d.name().to_string()).collect();
    page.list("Thinking patterns", &patterns);
    page.field("Evidence for the thought", &r.evidence_for);
    page.field("Evidence against it", &r.evidence_against);
    page.field("Balanced thought", &r.balanced_thought);
}
