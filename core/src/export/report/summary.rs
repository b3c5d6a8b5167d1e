//! Page 1: the header block (optional name, range, when it was made, what it is), then —
//! after the risk section (`risk.rs`) — a summary a clinician can read in two minutes: the
//! treatment episode's outcome indicators, each on its own with deterioration as a warning,
//! latest scores with bands, and what happened between sessions.
//!
//! Must never put more on the summary than fits one page: long lists are cut with a count
//! and a pointer to the full list later in the report.

use super::episode_notes::{apart_note, earlier_episode, return_note};
use super::estimate;
use super::layout::{Column, Kind, Layout, Style};
use super::words;
use crate::assessment::{self, IndicatorStatus};
use crate::error::Result;
use crate::export::csv::DISCLAIMER;
use crate::export::options::ExportSection;
use crate::export::snapshot::Snapshot;
use crate::time;

/// Page 1 opens with this header block: title, optional name, range, when it was made, what
/// it holds and the self-report statement — no separate cover page (issue 17).
pub fn header(l: &mut Layout, snap: &Snapshot, missing_note: bool) {
    let s = &snap.scope;
    l.open(Kind::Section);
    l.heading(1, "Reset Companion: a report for your therapist", 12.0);
    if let Some(name) = &s.name {
        l.paragraph(
            name,
            Style {
                size: 12.0,
                ..Style::STRONG
            },
            0.0,
        );
    }
    let (from, to) = s.bounds();
    let included: Vec<&str> = s
        .sections
        .iter()
        .map(|sec| match sec {
            ExportSection::Assessments => "questionnaires and crisis signposts",
            ExportSection::CheckIns => "mood check-ins",
            ExportSection::Practice => "practice sessions",
            ExportSection::Programmes => "programme progress",
            ExportSection::Journal => "journal entries the person chose to share",
            ExportSection::SafetyPlan => "the person's safety plan",
        })
        .collect();
    l.paragraph(
        &format!(
            "Range: {from} to {to} (local days, inclusive). Generated: {}. Included: {}.",
            time::format_local(s.generated_at, s.zone).replace('T', " "),
            included.join(", ")
        ),
        Style::BODY,
        0.0,
    );
    l.paragraph(DISCLAIMER, Style::STRONG, 0.0);
    if let Some(alert) = deterioration_alert(snap) {
        l.warning(&alert, Style::STRONG);
    }
    for alert in super::relapse::nadir_warnings(snap) {
        l.warning(&alert, Style::STRONG);
    }
    if missing_note {
        l.paragraph(
            "Some characters could not be shown: no font on this device covers them, so each is drawn as an empty box. \
             The text itself is kept (it copies out of this file as written).",
            Style::STRONG,
            0.0,
        );
    }
    l.paragraph(
        "Questionnaire scores are screening measures completed by the person without supervision. \
         Bands and NHS Talking Therapies indicators are shown as progress, never as a diagnosis. \
         Dates are ISO 8601 (year-month-day) in the time zone the person was in.",
        Style::SMALL,
        0.0,
    );
    l.close();
}

/// One row per instrument: the latest score, its band, the episode's first score (the
/// baseline) and the change from it — "—" when the latest is that first score (therapist
/// read-through, finding 7: not from the range's start, and never "0" for a single score).
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
        let base = snap
            .episode
            .as_ref()
            .and_then(|b| b.firsts.get(id))
            .unwrap_or(first);
        let since = super::relapse::since_previous(snap, id, last);
        let change = if base.id == last.id && since != "\u{2014}" {
            // Therapist review 3, F4: earlier scores exist, so this is a new episode's first.
            "\u{2014} (first score of this episode)".to_string()
        } else if base.id == last.id {
            "\u{2014} (first score)".to_string()
        } else {
            words::change(base.total, last.total)
        };
        rows.push(vec![
            ins.title.clone(),
            format!("{} / {}", estimate::total(last), ins.max_total),
            band,
            last.taken.local_date.to_string(),
            format!("{} on {}", estimate::total(base), base.taken.local_date),
            change,
            since,
            records.len().to_string(),
        ]);
    }
    Ok(rows)
}

/// Every score the summary prints: the episode's paired scores and, per instrument, the
/// latest and its baseline.
fn shown_scores(snap: &Snapshot) -> Vec<&crate::assessment::AssessmentRecord> {
    let mut out = Vec::new();
    if let Some(b) = &snap.episode {
        for (first, last) in [&b.phq9, &b.gad7].into_iter().flatten() {
            out.extend([first, last]);
        }
        out.extend(b.firsts.values());
    }
    for (_, records) in snap.by_instrument() {
        out.extend(records.first().copied());
        out.extend(records.last().copied());
    }
    out
}

fn first_in_range(snap: &Snapshot) -> String {
    let part = |id: &str, title: &str| {
        snap.first(id)
            .map(|r| format!("{title} {} on {}", estimate::total(r), r.taken.local_date))
    };
    [part("phq9", "PHQ-9"), part("gad7", "GAD-7")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

/// The outcome over the treatment episode the range ends in: each indicator on its own,
/// reliable deterioration first and as a warning whenever it holds.
fn outcome(l: &mut Layout, snap: &Snapshot) {
    l.heading(
        2,
        "Outcome over the treatment episode (NHS Talking Therapies indicators)",
        40.0,
    );
    let Some(b) = &snap.episode else {
        l.paragraph(
            "No questionnaire has been stored up to the end of this range, so there is no episode to measure.",
            Style::BODY,
            0.0,
        );
        return;
    };
    let start = &b.episode.start_date;
    let which = if b.episode.id.is_some() {
        format!("the treatment episode started on {start}")
    } else {
        format!(
            "the episode from the first questionnaire, on {start} (no episode start was recorded)"
        )
    };
    let (Some((pf, pl)), Some((gf, gl)), Some(summary)) = (&b.phq9, &b.gad7, &b.summary) else {
        l.paragraph(
            &format!(
                "Not enough measurements: the indicators need a PHQ-9 and a GAD-7 in {which}, up to {} \
                 (it has {} PHQ-9 and {} GAD-7).",
                snap.scope.to,
                if b.phq9.is_some() { "a" } else { "no" },
                if b.gad7.is_some() { "a" } else { "no" },
            ),
            Style::BODY,
            0.0,
        );
        earlier_notes(l, snap, b);
        return;
    };
    if pf.id == pl.id && gf.id == gl.id {
        // A single score on each measure: nothing to pair yet (new-user review F20), rather
        // than "recovery — not met".
        l.paragraph(
            &format!(
                "Not enough scores yet: {which} has one PHQ-9 ({} on {}) and one GAD-7 ({} on {}). \
                 The indicators compare the episode's first score with a later one, so none is judged yet.",
                estimate::total(pf), pf.taken.local_date, estimate::total(gf), gf.taken.local_date
            ),
            Style::BODY,
            0.0,
        );
        earlier_notes(l, snap, b);
        return;
    }
    let mut text = format!(
        "Paired first and last scores of {which}: PHQ-9 {} ({}) \u{2192} {} ({}); GAD-7 {} ({}) \u{2192} {} ({}).",
        estimate::total(pf),
        pf.taken.local_date,
        estimate::total(pl),
        pl.taken.local_date,
        estimate::total(gf),
        gf.taken.local_date,
        estimate::total(gl),
        gl.taken.local_date,
    );
    let paired = [pf, pl, gf, gl];
    if paired.iter().any(|r| r.prorated) {
        // Therapist review M1: the indicators below rest on the estimate, so say so where
        // they are read, not only on the item table pages later.
        text.push_str(
            " The indicators below rest on an estimated score (marked *), not on every answer given.",
        );
    }
    let caveat = estimate::caseness_caveat(&[
        ("PHQ-9", assessment::PHQ9_CASENESS, pf, pl),
        ("GAD-7", assessment::GAD7_CASENESS, gf, gl),
    ]);
    if let Some(caveat) = &caveat {
        text.push(' ');
        text.push_str(caveat);
    }
    if pf.id == pl.id || gf.id == gl.id {
        text.push_str(
            " With a single measurement on a measure, its first and last score are the same one.",
        );
    }
    if let Some(note) = apart_note(pf, gf, "first").or_else(|| apart_note(pl, gl, "last")) {
        text.push(' ');
        text.push_str(&note);
    }
    l.paragraph(&text, Style::BODY, 0.0);
    for note in estimate::notes(paired) {
        l.paragraph(note, Style::STRONG, 0.0);
    }
    // Third therapist review F3: the indicator lines carry the asterisks too, and say when
    // caseness (so recovery) rests on the estimate alone.
    let quoted = [("PHQ-9", pf, pl), ("GAD-7", gf, gl)];
    let explain = |i: &assessment::OutcomeIndicator| {
        let mut text = estimate::mark_quoted(&i.explanation, &quoted);
        // Reliable recovery says it needs recovery, which carries the mark.
        let on_caseness = i.indicator == assessment::OutcomeIndicatorKind::Recovery;
        if on_caseness && caveat.is_some() {
            text.push(' ');
            text.push_str(estimate::UNCERTAIN);
        }
        text
    };

    for i in &summary.indicators {
        if i.warning {
            l.warning(
                &format!("Warning \u{2014} {}: {}", warning_title(i), explain(i)),
                Style::STRONG,
            );
        }
    }
    for i in summary.indicators.iter().filter(|i| !i.warning) {
        l.paragraph(
            &format!(
                "{} \u{2014} {}: {}",
                i.indicator.title(),
                words::status(i.status),
                explain(i)
            ),
            if i.status == IndicatorStatus::Met {
                Style::STRONG
            } else {
                Style::BODY
            },
            0.0,
        );
    }
    earlier_notes(l, snap, b);
    let mut own = first_in_range(snap);
    if !own.is_empty()
        && snap
            .assessments
            .iter()
            .any(|r| r.taken.local_date.date() < b.episode.start_date.date())
    {
        own.push_str(" (from the earlier episode above)");
    }
    // Therapist read-through, finding 6: only the start date leaves the indicators alone; an
    // end date that cuts the episode stops them at its last score up to `to`.
    let dates = if let Some((next, n)) = b.later_episode {
        // Second-round review L4: scores after `to` in another episode would not extend this
        // one; a later end date would measure that episode instead.
        format!(
            "A later treatment episode started on {next}, after this range{}; a report ending on or after {next} would measure that episode instead of this one.",
            if n > 0 {
                format!(
                    " ({} {} to it or later ones)",
                    plural(n, "PHQ-9 or GAD-7 score", "PHQ-9 and GAD-7 scores"),
                    if n == 1 { "belongs" } else { "belong" }
                )
            } else {
                String::new()
            }
        ) + &if b.later_scores > 0 {
            format!(
                " {} of this episode stored after {} {} not counted.",
                plural(
                    b.later_scores,
                    "PHQ-9 or GAD-7 score",
                    "PHQ-9 and GAD-7 scores"
                ),
                snap.scope.to,
                if b.later_scores == 1 { "is" } else { "are" }
            )
        } else {
            String::new()
        }
    } else if b.later_scores > 0 {
        format!(
            "The indicators pair the episode's first score with its last one up to {to}; {} stored after {to} {} not counted, so a later end date would change them.",
            plural(
                b.later_scores,
                "PHQ-9 or GAD-7 score",
                "PHQ-9 and GAD-7 scores"
            ),
            if b.later_scores == 1 { "is" } else { "are" },
            to = snap.scope.to
        )
    } else {
        "The indicators pair the episode's first and last scores, so the chosen start date does not change them.".to_string()
    };
    if own.is_empty() {
        l.paragraph(&dates, Style::SMALL, 0.0);
    } else {
        l.paragraph(
            &format!("For reference, the first scores within this range: {own}. {dates}"),
            Style::SMALL,
            0.0,
        );
    }
    l.paragraph(
        "Service indicators (NHS Talking Therapies outcome definitions), shown as progress, not a diagnosis.",
        Style::SMALL,
        0.0,
    );
}

/// Each earlier episode whose scores reach into the range, then the return from its last
/// scores to this episode's first ones — on every path, including "not enough scores yet"
/// (therapist review 3, F4: at intake for a relapse the earlier episode matters most).
fn earlier_notes(l: &mut Layout, snap: &Snapshot, b: &crate::export::clinical::EpisodeBaseline) {
    for e in &snap.earlier_episodes {
        earlier_episode(l, e);
    }
    if let Some(e) = snap.earlier_episodes.last() {
        return_note(l, e, b);
    }
}

/// `Reliable deterioration` when the combined indicator holds, else `Reliable rise on PHQ-9
/// (combined indicator not met)`: every per-measure reliable rise is a warning (therapist
/// read-through, finding 1).
fn warning_title(i: &assessment::OutcomeIndicator) -> String {
    if i.status == IndicatorStatus::Met {
        return i.indicator.title().to_string();
    }
    let on: Vec<&str> = i.warning_measures.iter().map(|m| m.title()).collect();
    format!(
        "Reliable rise on {} (the combined reliable-deterioration indicator is not met)",
        on.join(" and ")
    )
}

/// A line for the header when any measure rose reliably over the episode: page 1 always says
/// so, whatever follows (therapist read-through, finding 1).
fn deterioration_alert(snap: &Snapshot) -> Option<String> {
    let rises = |b: &crate::export::clinical::EpisodeBaseline| -> Option<String> {
        let summary = b.summary.as_ref()?;
        summary.deterioration_warning()?;
        let r: Vec<String> = summary.reliable_rises().iter().map(|m| m.words()).collect();
        Some(r.join(" and "))
    };
    let current = snap.episode.as_ref().and_then(rises).map(|r| {
        format!("reliable deterioration over the treatment episode: {r} (a reliable rise; see the outcome below)")
    });
    // An earlier episode ending inside the range is part of what the range shows.
    let earlier = snap.earlier_episodes.iter().filter_map(|e| {
        rises(e).map(|r| {
            format!(
                "a reliable rise in the earlier episode started {}: {r}",
                e.episode.start_date
            )
        })
    });
    let all: Vec<String> = current.into_iter().chain(earlier).collect();
    (!all.is_empty()).then(|| format!("Warning \u{2014} {}.", all.join("; ")))
}

/// `n` with the singular or plural noun.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The summary after the risk section: the episode's indicators, latest scores and what
/// happened between sessions.
pub fn summary(l: &mut Layout, snap: &Snapshot) -> Result<()> {
    let s = &snap.scope;
    let between = [
        ExportSection::CheckIns,
        ExportSection::Practice,
        ExportSection::Programmes,
        ExportSection::Journal,
    ];
    if !s.has(ExportSection::Assessments) && !between.iter().any(|b| s.has(*b)) {
        // Review L6: no empty "Summary" heading when there is nothing to summarise.
        return Ok(());
    }
    l.open(Kind::Section);
    l.heading(1, "Summary", 20.0);
    if !s.has(ExportSection::Assessments) {
        l.paragraph(
            "Questionnaires were not included in this report.",
            Style::BODY,
            0.0,
        );
    }
    if s.has(ExportSection::Assessments) {
        outcome(l, snap);
        let rows = latest_rows(snap)?;
        if rows.is_empty() {
            l.heading(2, "Latest scores", 70.0);
            l.paragraph(
                "No questionnaire was completed in this range.",
                Style::BODY,
                0.0,
            );
        } else {
            let cols = [
                Column {
                    title: "Measure",
                    weight: 1.1,
                },
                Column {
                    title: "Latest",
                    weight: 0.9,
                },
                Column {
                    title: "Band",
                    weight: 1.5,
                },
                Column {
                    title: "Date",
                    weight: 1.35,
                },
                Column {
                    title: "Episode baseline",
                    weight: 1.5,
                },
                Column {
                    title: "Change",
                    weight: 1.0,
                },
                Column {
                    title: "Since previous",
                    weight: 1.6,
                },
                Column {
                    title: "Times in range",
                    weight: 0.8,
                },
            ];
            // Kept with the table's header and first row, never alone at a page's foot.
            l.heading(2, "Latest scores", l.table_lead(&cols, &rows));
            l.table(&cols, &rows);
        }
        for note in estimate::notes(shown_scores(snap)) {
            l.paragraph(note, Style::STRONG, 0.0);
        }
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
        if !snap.check_ins.is_empty() {
            l.paragraph(
                "The mood calendar, the emotion words and life areas with the mood that went with them, and mood by weekday and time of day follow under \"Between sessions: mood calendar and patterns\".",
                Style::SMALL,
                0.0,
            );
        }
    }
    l.close();
    Ok(())
}
