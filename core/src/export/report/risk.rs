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
use crate::assessment::{self, Answer};
use crate::export::clinical::Item9Response;
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
        let what = format!("{} in this range", answered(endorsed, declined));
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
                    if r.endorsed() {
                        r.total.to_string()
                    } else {
                        // A declined item 9 is missing: the total is prorated (review M1).
                        format!("{}*", r.total)
                    },
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
        if declined > 0 {
            l.paragraph(super::estimate::ITEM9_NOTE, Style::STRONG, 0.0);
        }
        // Second-round review L9: where the person stands at the end of the range, even when
        // that is "Not at all" after earlier endorsements.
        if let Some(latest) = &risk.latest_in_range {
            latest_answer(l, snap, latest);
        }
    }
    before(l, snap);
    after(l, snap);
}

/// Where the person stands at the end of the range. A decline after answers above "Not at
/// all" is a warning naming the last of them (third therapist review, F6): it is a change to
/// ask about, not a return to "Not at all".
fn latest_answer(l: &mut Layout, snap: &Snapshot, latest: &Item9Response) {
    let line = format!(
        "Most recent item 9 answer in this range: {} \u{2014} {}",
        latest.local_date,
        latest.answer_words()
    );
    let declined = matches!(latest.answer, Answer::Declined);
    let risk = &snap.risk;
    let endorsed_before = risk
        .in_range
        .iter()
        .rev()
        .filter(|r| r.assessment_id != latest.assessment_id && r.taken_at <= latest.taken_at)
        .find(|r| r.endorsed())
        .or_else(|| risk.before.as_ref().filter(|b| b.endorsed()))
        .or(risk.worst_before.as_ref());
    match endorsed_before.filter(|_| declined) {
        Some(earlier) => l.warning(
            &format!(
                "Warning \u{2014} {line}, after answers above \"Not at all\" (the last: {} on {}). A decline is not an answer of \"Not at all\".",
                earlier.answer_words(),
                earlier.local_date
            ),
            Style::STRONG,
        ),
        None => l.paragraph(&format!("{line}."), Style::STRONG, 0.0),
    }
}

/// The answers before the range: the highest with its date, and the most recent
/// (therapist read-through, finding 2: the worst must not hide behind a milder later one).
fn before(l: &mut Layout, snap: &Snapshot) {
    let risk = &snap.risk;
    let Some(latest) = &risk.before else {
        let line = if risk.phq9_ever == 0 {
            "No PHQ-9 has ever been stored, so item 9 has never been asked.".to_string()
        } else if risk.in_range.is_empty() && risk.after.is_empty() {
            format!(
                "Item 9 has never been answered above \"Not at all\" or declined in any stored PHQ-9 ({} in all).",
                risk.phq9_ever
            )
        } else {
            "No item 9 answer above \"Not at all\" or declined before this range.".to_string()
        };
        l.paragraph(&line, Style::BODY, 0.0);
        return;
    };
    let mut lines = vec![format!(
        "Before this range, item 9 was answered above \"Not at all\" or declined {}.",
        times(risk.before_count)
    )];
    if let Some(w) = risk
        .worst_before
        .as_ref()
        .filter(|w| w.assessment_id != latest.assessment_id)
    {
        lines.push(format!(
            "Highest before this range: {} \u{2014} {}.",
            w.local_date,
            w.answer_words()
        ));
    }
    let also = if risk
        .worst_before
        .as_ref()
        .is_some_and(|w| w.assessment_id == latest.assessment_id)
        && risk.before_count > 1
    {
        " (also the highest before it)"
    } else {
        ""
    };
    lines.push(format!(
        "Most recent before this range: {} \u{2014} {}{also}.",
        latest.local_date,
        latest.answer_words()
    ));
    // Second-round review L3: an answer above 0 before the range is as much a warning as one
    // inside it — often the highest one, and the least likely to be noticed.
    if risk.worst_before.is_some() {
        l.warning(
            &format!("Warning \u{2014} {}", lines.join(" ")),
            Style::STRONG,
        );
    } else {
        for line in lines {
            l.paragraph(&line, Style::STRONG, 0.0);
        }
    }
}

/// Answers after the range's end: counted and the highest named, never charted (therapist
/// read-through, finding 3: a report cut at `to` must not read as the latest word).
fn after(l: &mut Layout, snap: &Snapshot) {
    let risk = &snap.risk;
    if risk.after.is_empty() {
        return;
    }
    let endorsed = risk.after.iter().filter(|r| r.endorsed()).count();
    let declined = risk.after.len() - endorsed;
    let mut text = format!(
        "After this range (later than {}), PHQ-9 item 9 was {}",
        snap.scope.to,
        answered(endorsed, declined)
    );
    if let Some(w) = risk.worst_after() {
        text.push_str(&format!(
            "; the highest: {} \u{2014} {}",
            w.local_date,
            w.answer_words()
        ));
    }
    text.push_str(". Those answers are outside the chosen range, so they are not in this report's tables or charts.");
    if endorsed > 0 {
        l.warning(&format!("Warning \u{2014} {text}"), Style::STRONG);
    } else {
        l.paragraph(&text, Style::STRONG, 0.0);
    }
}

/// `answered above "Not at all" 2 times and declined once`, leaving out a zero count.
fn answered(endorsed: usize, declined: usize) -> String {
    match (endorsed, declined) {
        (e, 0) => format!("answered above \"Not at all\" {}", times(e)),
        (0, d) => format!("declined (not answered) {}", times(d)),
        (e, d) => format!(
            "answered above \"Not at all\" {} and declined {}",
            times(e),
            times(d)
        ),
    }
}

/// `once`, `2 times`, `never`.
fn times(n: usize) -> String {
    match n {
        0 => "never".into(),
        1 => "once".into(),
        n => format!("{n} times"),
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

/// The risk section: always there, whatever the person chose to include, because it is
/// safety information (therapist read-through, finding 4; docs/report-read-through.md).
pub fn risk(l: &mut Layout, snap: &Snapshot) {
    l.open(Kind::Section);
    l.heading(1, "Risk", 40.0);
    if !snap.scope.has(ExportSection::Assessments) {
        l.paragraph(
            "Questionnaires were not chosen for this report; this risk section (PHQ-9 item 9 and the crisis signposts shown) is always included because it is safety information.",
            Style::SMALL,
            0.0,
        );
    }
    endorsements(l, snap);
    signposts(l, snap);
    l.close();
}
