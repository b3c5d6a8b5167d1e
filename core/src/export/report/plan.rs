//! The safety plan section (issue 20), last in the report and only when the person included
//! it: the version and when it was saved, the seven steps in the person's own words, and the
//! crisis lines of the plan's region.
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
    l.new_page();
    l.open(Kind::Section);
    l.heading(1, "Safety plan (included by the person)", 20.0);
    let Some(plan) = &snap.safety_plan else {
        l.paragraph(
            "The person chose to include their safety plan, but none has been saved.",
            Style::BODY,
            0.0,
        );
        l.close();
        return;
    };
    l.paragraph(
        &format!(
            "Version {}, saved {} ({}). In the person's own words; the steps follow the Safety Planning Intervention (Stanley & Brown, 2012).",
            plan.version,
            plan.saved_at.to_rfc3339().replace('T', " "),
            plan.zone
        ),
        Style::SMALL,
        0.0,
    );
    let mut step = 0;
    for line in plan_text::lines(plan) {
        if line.step != step {
            step = line.step;
            l.heading(2, &format!("{}. {}", line.step, line.title), 30.0);
        }
        let text = if line.reach.is_empty() {
            line.text
        } else {
            format!("{} \u{2014} {}", line.text, line.reach)
        };
        l.paragraph(&format!("\u{2022} {text}"), Style::BODY, 8.0);
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
