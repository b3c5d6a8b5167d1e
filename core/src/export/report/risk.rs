//! The risk section, straight after the header on page 1 and tagged as its own section:
//! every PHQ-9 item 9 answer above 0 or declined in the range with its date and the answer in
//! words, the most recent one before the range, and the crisis signposts shown
//! (shared/reference/clinical.md: item 9 "any answer above 0 needs a safety response
//! regardless of the total").
//!
//! Must never let a decline read like an endorsement or the reverse, and never say "none"
//! without saying whether there was one before the range.

use super::layout::{Column, Kind, Layout, Style};
use super::words;
use crate::assessment;
use crate::export::options::ExportSection;
use crate::export::snapshot::Snapshot;

fn endorsements(l: &mut Layout, snap: &Snapshot) {
    let risk = &snap.risk;
    if risk.in_range.is_empty() {
        let line = if risk.phq9_in_range == 0 {
            "No PHQ-9 was completed in this range, so item 9 was not asked.".to_string()
        } else {
            format!(
                "In this range, PHQ-9 item 9 was answered \"Not at all\" every time ({} PHQ-9s).",
                risk.phq9_in_range
            )
        };
        l.paragraph(&line, Style::BODY, 0.0);
    } else {
        let endorsed = risk.in_range.iter().filter(|r| r.endorsed()).count();
        let declined = risk.in_range.len() - endorsed;
        let times = |n: usize| {
            if n == 1 {
                "once".to_string()
            } else {
                format!("{n} times")
            }
        };
        let what = match (endorsed, declined) {
            (e, 0) => format!("answered above \"Not at all\" {} in this range", times(e)),
            (0, d) => format!("declined (not answered) {} in this range", times(d)),
            (e, d) => format!(
                "answered above \"Not at all\" {} and declined {} in this range",
                times(e),
                times(d)
            ),
        };
        l.warning(
            &format!(
                "Warning \u{2014} PHQ-9 item 9 (thoughts that you would be better off dead or of hurting yourself) was {what}:"
            ),
            Style::STRONG,
        );
        let rows: Vec<Vec<String>> = risk
            .in_range
            .iter()
            .map(|r| {
                vec![
                    r.taken_at.replace('T', " "),
                    r.answer_words(),
                    r.total.to_string(),
                ]
            })
            .collect();
        l.table(
            &[
                Column {
                    title: "When (local time)",
                    weight: 2.2,
                },
                Column {
                    title: "Item 9 answer",
                    weight: 2.6,
                },
                Column {
                    title: "PHQ-9 total",
                    weight: 1.0,
                },
            ],
            &rows,
        );
    }
    match &risk.before {
        Some(b) => l.paragraph(
            &format!(
                "Most recent before this range: {} \u{2014} {}.",
                b.local_date,
                b.answer_words()
            ),
            Style::STRONG,
            0.0,
        ),
        None if risk.in_range.is_empty() && risk.phq9_ever > 0 => l.paragraph(
            &format!(
                "Item 9 has never been answered above \"Not at all\" or declined in any stored PHQ-9 ({} in all).",
                risk.phq9_ever
            ),
            Style::BODY,
            0.0,
        ),
        None if risk.phq9_ever == 0 => l.paragraph(
            "No PHQ-9 has ever been stored, so item 9 has never been asked.",
            Style::BODY,
            0.0,
        ),
        None => l.paragraph(
            "No item 9 answer above \"Not at all\" or declined before this range.",
            Style::BODY,
            0.0,
        ),
    }
}

fn signposts(l: &mut Layout, snap: &Snapshot) {
    l.heading(3, "Crisis signposts shown", 20.0);
    if snap.safety_events.is_empty() {
        l.paragraph(words::NO_SIGNPOSTS, Style::BODY, 0.0);
        return;
    }
    let rows: Vec<Vec<String>> = snap
        .safety_events
        .iter()
        .map(|e| {
            let title = assessment::instrument(&e.instrument)
                .map_or_else(|_| e.instrument.clone(), |i| i.title.clone());
            vec![
                e.occurred.local_time().replace('T', " "),
                title,
                words::signpost_reason(e.reason).into(),
                e.region.clone(),
            ]
        })
        .collect();
    l.table(
        &[
            Column {
                title: "When",
                weight: 2.2,
            },
            Column {
                title: "Measure",
                weight: 1.0,
            },
            Column {
                title: "Why",
                weight: 4.5,
            },
            Column {
                title: "Resources",
                weight: 1.1,
            },
        ],
        &rows,
    );
}

/// The risk section (skipped when questionnaires are not included).
pub fn risk(l: &mut Layout, snap: &Snapshot) {
    if !snap.scope.has(ExportSection::Assessments) {
        return;
    }
    l.open(Kind::Section);
    l.heading(1, "Risk", 40.0);
    endorsements(l, snap);
    signposts(l, snap);
    l.close();
}
