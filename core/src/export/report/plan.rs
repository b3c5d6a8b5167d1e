//! The safety plan section (issue 20), last in the report and only when the person included
//! it: the version and when it was saved, the seven steps in the person's own words (an empty
//! step says so), and the crisis lines of the plan's region.
//!
//! Must never appear when the section was not chosen (the snapshot then holds no plan).

use super::layout::{Kind, Layout, Style};
use crate::export::options::ExportSection;
use crate::export::plan_text;
use crate::export::snapshot::Snapshot;

/// The section, or nothing when the person did not include their plan.
pub fn safety_plan(l: &mut Layout, snap: &Snapshot) {
    if !snap.scope.has(ExportSection::SafetyPlan) {
        return;
    }
    l.section_break();
    l.open(Kind::Section);
    l.heading(1, "Safety plan (included by the person)", 20.0);
    let to = snap.scope.to;
    let Some(plan) = &snap.safety_plan else {
        // Therapist review M2: a plan saved only after the range was not in force in it.
        let text = match snap.safety_plan_newer {
            Some((version, day)) => format!(
                "No safety plan had been saved by {to}, the end of this range. It was saved only after this range (newest: version {version}, on {day}); it is not shown here."
            ),
            None => {
                "The person chose to include their safety plan, but none has been saved.".into()
            }
        };
        l.paragraph(&text, Style::BODY, 0.0);
        l.close();
        return;
    };
    // Review L5: the save time in the zone it names, with its offset.
    let zone = plan.zone.parse().unwrap_or(snap.scope.zone);
    l.paragraph(
        &format!(
            "Version {}, saved {} ({}): the version in force at the end of this range ({to}). In the person's own words; the steps follow the Safety Planning Intervention (Stanley & Brown, 2012).",
            plan.version,
            crate::time::format_local(plan.saved_at.0, zone).replace('T', " "),
            plan.zone
        ),
        Style::SMALL,
        0.0,
    );
    if let Some((version, day)) = snap.safety_plan_newer {
        l.paragraph(
            &format!(
                "A newer version exists: version {version}, saved on {day}, after this range; it is not shown here."
            ),
            Style::STRONG,
            0.0,
        );
    }
    // Every step, an empty one said to be empty: a reviewer of the plan looks for the gaps
    // (third therapist review, F7).
    let lines = plan_text::lines(plan);
    for step in crate::safety_plan::prompts() {
        l.heading(2, &format!("{}. {}", step.step, step.title), 30.0);
        let mut mine = lines
            .iter()
            .filter(|line| line.step == step.step)
            .peekable();
        if mine.peek().is_none() {
            l.paragraph("Not filled in yet.", Style::SMALL, 8.0);
        }
        for line in mine {
            let text = if line.reach.is_empty() {
                line.text.clone()
            } else {
                format!("{} \u{2014} {}", line.text, line.reach)
            };
            l.paragraph(&format!("\u{2022} {text}"), Style::BODY, 8.0);
        }
    }
    let lines = plan_text::crisis_lines(plan);
    if !lines.is_empty() {
        l.paragraph(
            &format!(
                "Crisis lines listed with the plan ({}): {}.",
                plan.crisis_region,
                lines.join("; ")
            ),
            Style::SMALL,
            0.0,
        );
    }
    l.close();
}
