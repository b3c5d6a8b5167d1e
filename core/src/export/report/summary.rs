//! The first two pages: a cover (optional name, range, when it was made, what it is), and a
//! one-page summary a clinician can read in two minutes — latest scores with bands, the
//! outcome category over the range in plain words, and the crisis signposts shown.
//!
//! Must never put more on the summary than fits one page: long lists are cut with a count
//! and a pointer to the full list later in the report.

use super::layout::{Column, Kind, Layout, Style};
use super::words;
use crate::assessment::{self, OutcomeScores, summarise};
use crate::error::Result;
use crate::export::csv::DISCLAIMER;
use crate::export::options::ExportSection;
use crate::export::snapshot::Snapshot;
use crate::time;

/// How many signposts the summary lists before pointing to the full table.
const SUMMARY_SIGNPOSTS: usize = 6;

/// The cover page.
pub fn cover(l: &mut Layout, snap: &Snapshot) {
    let s = &snap.scope;
    l.open(Kind::Section);
    l.y = l.margin + 120.0;
    l.heading(1, "Reset Companion: a report for your therapist", 12.0);
    if let Some(name) = &s.name {
        l.paragraph(
            name,
            Style {
                size: 13.0,
                ..Style::STRONG
            },
            0.0,
        );
    }
    let (from, to) = s.bounds();
    l.paragraph(
        &format!("Range: {from} to {to} (local days, inclusive)"),
        Style::BODY,
        0.0,
    );
    l.paragraph(
        &format!(
            "Generated: {}",
            time::format_local(s.generated_at, s.zone).replace('T', " ")
        ),
        Style::BODY,
        0.0,
    );
    let included: Vec<&str> = s
        .sections
        .iter()
        .map(|sec| match sec {
            ExportSection::Assessments => "questionnaires and crisis signposts",
            ExportSection::CheckIns => "mood check-ins",
            ExportSection::Practice => "practice sessions",
            ExportSection::Programmes => "programme progress",
            ExportSection::Journal => "journal entries the person chose to share",
        })
        .collect();
    l.paragraph(
        &format!("Included: {}.", included.join(", ")),
        Style::BODY,
        0.0,
    );
    l.space(18.0);
    l.paragraph(DISCLAIMER, Style::STRONG, 0.0);
    l.paragraph(
        "Questionnaire scores are screening measures completed by the person without supervision. \
         Bands and NHS Talking Therapies indicators are shown as progress, never as a diagnosis. \
         Dates are ISO 8601 (year-month-day) in the time zone the person was in.",
        Style::SMALL,
        0.0,
    );
    l.close();
}

fn latest_rows(snap: &Snapshot) -> Result<Vec<Vec<String>>> {
    let mut rows = Vec::new();
    for (id, records) in snap.by_instrument() {
        let ins = assessment::instrument(id)?;
        let (Some(first), Some(last)) = (records.first(), records.last()) else {
            continue;
        };
        let band = ins.band_for(last.total).map_or_else(
            || last.severity.clone(),
            |b| format!("{} ({}–{})", b.label, b.min, b.max),
        );
        rows.push(vec![
            ins.title.clone(),
            format!("{} / {}", last.total, ins.max_total),
            band,
            last.taken.local_date.to_string(),
            format!("{} on {}", first.total, first.taken.local_date),
            words::change(first.total, last.total),
            records.len().to_string(),
        ]);
    }
    Ok(rows)
}

fn outcome(l: &mut Layout, snap: &Snapshot) -> Result<()> {
    l.heading(
        2,
        "Outcome over this range (NHS Talking Therapies definitions)",
        30.0,
    );
    let (phq_first, phq_last) = (snap.first("phq9"), snap.latest("phq9"));
    let (gad_first, gad_last) = (snap.first("gad7"), snap.latest("gad7"));
    let (Some(pf), Some(pl), Some(gf), Some(gl)) = (phq_first, phq_last, gad_first, gad_last)
    else {
        let count = |id: &str| {
            snap.assessments
                .iter()
                .filter(|a| a.instrument == id)
                .count()
        };
        l.paragraph(
            &format!(
                "Not enough measurements: an outcome needs at least one PHQ-9 and one GAD-7 in the range \
                 (this range has {} PHQ-9 and {} GAD-7).",
                count("phq9"),
                count("gad7")
            ),
            Style::BODY,
            0.0,
        );
        return Ok(());
    };
    let summary = summarise(&OutcomeScores {
        phq9_first: pf.total,
        phq9_last: pl.total,
        gad7_first: gf.total,
        gad7_last: gl.total,
    })?;
    l.paragraph(
        &format!("{}.", words::category_name(summary.category)),
        Style::STRONG,
        0.0,
    );
    let mut text = format!(
        "PHQ-9 {} ({}) → {} ({}); GAD-7 {} ({}) → {} ({}). {}",
        pf.total,
        pf.taken.local_date,
        pl.total,
        pl.taken.local_date,
        gf.total,
        gf.taken.local_date,
        gl.total,
        gl.taken.local_date,
        words::category_explained(&summary)
    );
    if pf.id == pl.id || gf.id == gl.id {
        text.push_str(
            " With a single measurement on a measure, its first and last score are the same one.",
        );
    }
    l.paragraph(&text, Style::BODY, 0.0);
    l.paragraph(
        "Paired first and last scores in this range; service indicators shown as progress, not a diagnosis.",
        Style::SMALL,
        0.0,
    );
    Ok(())
}

fn signposts(l: &mut Layout, snap: &Snapshot) {
    l.heading(2, "Crisis signposts shown", 20.0);
    if snap.safety_events.is_empty() {
        l.paragraph(words::NO_SIGNPOSTS, Style::BODY, 0.0);
        return;
    }
    for e in snap.safety_events.iter().take(SUMMARY_SIGNPOSTS) {
        let line = format!(
            "{} — {}; crisis resources for {} shown.",
            e.occurred.local_time().replace('T', " "),
            words::signpost_reason(e.reason),
            e.region
        );
        l.paragraph(&line, Style::BODY, 8.0);
    }
    let more = snap.safety_events.len().saturating_sub(SUMMARY_SIGNPOSTS);
    if more > 0 {
        l.paragraph(
            &format!("… and {more} more, listed under Questionnaires."),
            Style::SMALL,
            8.0,
        );
    }
}

/// `n` with the singular or plural noun.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The one-page summary.
pub fn summary(l: &mut Layout, snap: &Snapshot) -> Result<()> {
    l.new_page();
    l.open(Kind::Section);
    l.heading(1, "Summary", 20.0);
    let s = &snap.scope;
    if s.has(ExportSection::Assessments) {
        l.heading(2, "Latest scores", 30.0);
        let rows = latest_rows(snap)?;
        if rows.is_empty() {
            l.paragraph(
                "No questionnaire was completed in this range.",
                Style::BODY,
                0.0,
            );
        } else {
            let cols = [
                Column {
                    title: "Measure",
                    weight: 1.0,
                },
                Column {
                    title: "Latest",
                    weight: 0.9,
                },
                Column {
                    title: "Band",
                    weight: 1.8,
                },
                Column {
                    title: "Date",
                    weight: 1.2,
                },
                Column {
                    title: "First in range",
                    weight: 1.7,
                },
                Column {
                    title: "Change",
                    weight: 0.8,
                },
                Column {
                    title: "Times",
                    weight: 0.8,
                },
            ];
            l.table(&cols, &rows);
        }
        outcome(l, snap)?;
        signposts(l, snap);
    }
    let mut facts = Vec::new();
    if s.has(ExportSection::CheckIns) {
        if let Some(mean) = snap.mean_mood() {
            let n = plural(snap.check_ins.len(), "mood check-in", "mood check-ins");
            facts.push(format!(
                "{n}, mean mood {mean:.1} on a 1–7 scale (4 = neutral)"
            ));
        } else {
            facts.push("no mood check-ins".into());
        }
    }
    if s.has(ExportSection::Practice) {
        let sessions = plural(snap.practice.len(), "practice session", "practice sessions");
        facts.push(format!(
            "{sessions}, {} minutes in all",
            snap.practice_minutes()
        ));
    }
    if s.has(ExportSection::Programmes) {
        let steps: usize = snap.programmes.iter().map(|p| p.steps_in_range.len()).sum();
        facts.push(plural(steps, "programme step", "programme steps") + " completed");
    }
    if s.has(ExportSection::Journal) {
        facts.push(plural(snap.journal.len(), "journal entry", "journal entries") + " shared");
    }
    if !facts.is_empty() {
        l.heading(2, "Between sessions", 20.0);
        l.paragraph(
            &format!("In this range: {}.", facts.join("; ")),
            Style::BODY,
            0.0,
        );
    }
    l.close();
    Ok(())
}
