//! The report's detail sections, after the summary: questionnaires over time (charts with
//! bands) and item by item, mood, practice, programmes and shared entries.
//!
//! Each section is skipped when not included. Must never show a journal entry's text unless
//! the snapshot holds it (which means it is shared and journal was chosen).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::chart::{self, Area, Axis, Shade, TINTS};
use super::layout::{Column, Kind, Layout, Style};
use super::periods::{bucket_of, partial_periods};
use super::words;
use crate::assessment::{self, AssessmentRecord, GAD7_CASENESS, Instrument, PHQ9_CASENESS};
use crate::error::Result;
use crate::export::journal_text;
use crate::export::options::ExportSection;
use crate::export::snapshot::Snapshot;

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn instrument_axis(ins: &Instrument) -> Axis {
    let shades = ins
        .bands
        .iter()
        .enumerate()
        .map(|(i, b)| Shade {
            from: b.min as f32,
            to: if b.max >= ins.max_total {
                b.max as f32
            } else {
                b.max as f32 + 1.0
            },
            label: format!("{} {}–{}", b.label, b.min, b.max),
            fill: TINTS[(i * (TINTS.len() - 1)) / ins.bands.len().saturating_sub(1).max(1)],
        })
        .collect();
    let mut ticks: Vec<(f32, String)> = ins
        .bands
        .iter()
        .map(|b| (b.min as f32, b.min.to_string()))
        .collect();
    ticks.push((ins.max_total as f32, ins.max_total.to_string()));
    let threshold = match ins.id.as_str() {
        "phq9" => Some((PHQ9_CASENESS as f32, format!("caseness {PHQ9_CASENESS}+"))),
        "gad7" => Some((GAD7_CASENESS as f32, format!("caseness {GAD7_CASENESS}+"))),
        _ => None,
    };
    Axis {
        min: 0.0,
        max: ins.max_total as f32,
        shades,
        ticks,
        threshold,
        event: None,
    }
}

fn instrument_chart(
    l: &mut Layout,
    snap: &Snapshot,
    ins: &Instrument,
    records: &[&AssessmentRecord],
) {
    let points: Vec<(NaiveDate, f32)> = records
        .iter()
        .filter_map(|r| Some(r.taken.local_date.date()).map(|d| (d, r.total as f32)))
        .collect();
    let (first, last) = (records.first(), records.last());
    let alt = match (first, last) {
        (Some(f), Some(z)) => format!(
            "{} totals over time: {} measurements, from {} ({}) on {} to {} ({}) on {}. Bands: {}.",
            ins.title,
            records.len(),
            f.total,
            f.severity.replace('_', " "),
            f.taken.local_date,
            z.total,
            z.severity.replace('_', " "),
            z.taken.local_date,
            ins.bands
                .iter()
                .map(|b| format!("{} {}–{}", b.label.to_lowercase(), b.min, b.max))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => format!("{}: no measurements in this range.", ins.title),
    };
    let mut caption = format!(
        "{} total (0–{}) by date, bands named on the right.",
        ins.title, ins.max_total
    );
    if let Some(note) = &ins.bands_note {
        caption.push(' ');
        caption.push_str(note);
    }
    // Therapist read-through (LOW): the treatment episode's start, where outcomes count from,
    // is marked on the chart; prorated totals are named under it.
    let mut axis = instrument_axis(ins);
    if let Some(b) = &snap.episode {
        let start = b.episode.start_date.date();
        axis.event = Some((start, format!("episode start {start}")));
        if (snap.scope.from..=snap.scope.to).contains(&start) && start > snap.scope.from {
            caption.push_str(&format!(
                " The dotted line marks the start of the treatment episode ({start}); outcomes pair scores from it."
            ));
        }
    }
    let prorated: Vec<String> = records
        .iter()
        .filter(|r| r.prorated)
        .map(|r| format!("{} on {}", r.total, r.taken.local_date))
        .collect();
    if !prorated.is_empty() {
        caption.push_str(&format!(
            " Prorated totals (one item missing, filled in from the mean of the others): {}.",
            prorated.join(", ")
        ));
    }
    // Second-round review L9: the PHQ-9s whose item 9 was answered above 0 or declined are
    // marked on the chart (a triangle), and named under it.
    let flagged: Vec<usize> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| crate::export::clinical::item9(r).is_some())
        .map(|(i, _)| i)
        .collect();
    if !flagged.is_empty() {
        let named: Vec<String> = flagged
            .iter()
            .filter_map(|i| crate::export::clinical::item9(records[*i]))
            .map(|r| format!("{} ({})", r.local_date, r.answer_words()))
            .collect();
        caption.push_str(&format!(
            " Triangles mark the PHQ-9s whose item 9 was answered above \"Not at all\" or declined: {}.",
            named.join(", ")
        ));
    }
    let (from, to) = (snap.scope.from, snap.scope.to);
    l.figure(&alt, &caption, 150.0, |l, left, top, width| {
        chart::line(
            l,
            Area {
                left,
                top,
                width,
                height: 150.0,
            },
            &axis,
            (from, to),
            &points,
            &flagged,
        );
    });
}

fn item_table(l: &mut Layout, ins: &Instrument, records: &[&AssessmentRecord]) {
    // Keep the heading with its legend, the table header and the first rows.
    l.heading(3, &format!("{} item by item", ins.title), 130.0);
    let legend: Vec<String> = ins
        .items
        .iter()
        .map(|i| format!("{}. {}", i.number, i.text))
        .collect();
    l.paragraph(&legend.join("  "), Style::SMALL, 0.0);
    let scale: Vec<String> = ins
        .options
        .iter()
        .map(|o| {
            if o.label.is_empty() {
                o.score.to_string()
            } else {
                format!("{} {}", o.score, o.label)
            }
        })
        .collect();
    let mut note = format!("Answers as printed: {}.", scale.join(", "));
    if ins.items.iter().any(|i| i.reverse_scored) {
        let rev: Vec<String> = ins
            .items
            .iter()
            .filter(|i| i.reverse_scored)
            .map(|i| i.number.to_string())
            .collect();
        note.push_str(&format!(
            " Items {} are reverse-scored in the total.",
            rev.join(", ")
        ));
    }
    l.paragraph(&note, Style::SMALL, 0.0);
    let numbers: Vec<String> = ins.items.iter().map(|i| i.number.to_string()).collect();
    let mut cols = vec![
        Column {
            title: "Date",
            weight: 2.2,
        },
        Column {
            title: "Total",
            weight: 1.1,
        },
        Column {
            title: "Band",
            weight: 2.6,
        },
    ];
    // A column holding "declined" (PHQ-9 item 9) is wide enough for the word on one line.
    let declined_at = |i: usize| {
        records
            .iter()
            .any(|r| matches!(r.answers.get(i), Some(crate::assessment::Answer::Declined)))
    };
    cols.extend(numbers.iter().enumerate().map(|(i, n)| Column {
        title: n,
        weight: if declined_at(i) { 2.0 } else { 0.9 },
    }));
    let rows: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            let band = ins
                .band_for(r.total)
                .map_or_else(|| r.severity.clone(), |b| b.label.clone());
            let total = if r.prorated {
                format!("{}*", r.total)
            } else {
                r.total.to_string()
            };
            let mut row = vec![r.taken.local_date.to_string(), total, band];
            row.extend(r.answers.iter().map(words::answer_cell));
            row
        })
        .collect();
    l.table(&cols, &rows);
    if records.iter().any(|r| r.prorated) {
        l.paragraph(
            "* prorated: one item missing, filled in from the mean of the others.",
            Style::SMALL,
            0.0,
        );
    }
}

/// Questionnaires: a chart per instrument, then item-level answers, then every signpost.
pub fn assessments(l: &mut Layout, snap: &Snapshot) -> Result<()> {
    if !snap.scope.has(ExportSection::Assessments) {
        return Ok(());
    }
    l.section_break();
    l.open(Kind::Section);
    l.heading(1, "Questionnaires", 20.0);
    let groups = snap.by_instrument();
    // GAD-7 and PHQ-9 first: they carry the outcome indicators.
    let mut order: Vec<&str> = ["gad7", "phq9"]
        .into_iter()
        .filter(|id| groups.contains_key(id))
        .collect();
    order.extend(
        groups
            .keys()
            .copied()
            .filter(|id| *id != "gad7" && *id != "phq9"),
    );
    if order.is_empty() {
        l.paragraph(
            "No questionnaire was completed in this range.",
            Style::BODY,
            0.0,
        );
    }
    for id in &order {
        let ins = assessment::instrument(id)?;
        let records = &groups[id];
        l.heading(2, &format!("{} — {}", ins.title, ins.name), 170.0);
        instrument_chart(l, snap, ins, records);
    }
    for id in &order {
        item_table(l, assessment::instrument(id)?, &groups[id]);
    }
    l.paragraph(
        "PHQ-9 item 9 answers and the crisis signposts shown are listed under Risk on page 1.",
        Style::SMALL,
        0.0,
    );
    l.close();
    Ok(())
}

/// Mood check-ins: a chart of the mean mood per day, week or month, and a summary.
pub fn mood(l: &mut Layout, snap: &Snapshot) {
    if !snap.scope.has(ExportSection::CheckIns) {
        return;
    }
    l.section_break();
    l.open(Kind::Section);
    l.heading(1, "Mood check-ins", 20.0);
    let (from, to) = (snap.scope.from, snap.scope.to);
    let (bucket, _, unit) = bucket_of(from, to);
    let mut sums: BTreeMap<NaiveDate, (i64, i64)> = BTreeMap::new();
    for c in &snap.check_ins {
        if let Some(d) = date(&c.local_date) {
            let e = sums.entry(bucket(d)).or_default();
            e.0 += i64::from(c.mood);
            e.1 += 1;
        }
    }
    let points: Vec<(NaiveDate, f32)> = sums
        .iter()
        .map(|(d, (s, n))| (*d, *s as f32 / *n as f32))
        .collect();
    let n = snap.check_ins.len();
    if let Some(mean) = snap.mean_mood() {
        let low = snap.check_ins.iter().filter(|c| c.mood <= 2).count();
        l.paragraph(
            &format!(
                "{n} check-ins; mean mood {mean:.1} (1 very unpleasant, 4 neutral, 7 very pleasant); {low} at 1–2. \
                 Notes and tags written with check-ins are never exported."
            ),
            Style::BODY,
            0.0,
        );
        let axis = Axis {
            min: 1.0,
            max: 7.0,
            shades: vec![
                Shade {
                    from: 1.0,
                    to: 3.5,
                    label: "Unpleasant 1–3".into(),
                    fill: TINTS[3],
                },
                Shade {
                    from: 3.5,
                    to: 4.5,
                    label: "Neutral 4".into(),
                    fill: TINTS[1],
                },
                Shade {
                    from: 4.5,
                    to: 7.0,
                    label: "Pleasant 5–7".into(),
                    fill: TINTS[0],
                },
            ],
            ticks: (1..=7).map(|m| (m as f32, m.to_string())).collect(),
            threshold: None,
            event: None,
        };
        let alt = format!(
            "Mean mood per {unit} from {from} to {to}: {n} check-ins, overall mean {mean:.1} on a 1–7 scale."
        );
        let mut caption = format!(
            "Mean mood per {unit} (1–7), with unpleasant, neutral and pleasant ranges named on the right."
        );
        // A first or last week or month cut by the range is partial: say so rather than let
        // it read as a full period.
        for (first, p) in partial_periods(from, to) {
            caption.push(' ');
            caption.push_str(&p.sentence(first));
        }
        l.figure(&alt, &caption, 140.0, |l, left, top, width| {
            chart::line(
                l,
                Area {
                    left,
                    top,
                    width,
                    height: 140.0,
                },
                &axis,
                (from, to),
                &points,
                &[],
            );
        });
    } else {
        l.paragraph("No mood check-in in this range.", Style::BODY, 0.0);
    }
    l.close();
}

/// Practice: totals by technique and a chart of minutes per period.
pub fn practice(l: &mut Layout, snap: &Snapshot) {
    if !snap.scope.has(ExportSection::Practice) {
        return;
    }
    // Kept with its table and chart, so the chart does not land alone on the next page.
    let techniques = snap
        .practice
        .iter()
        .map(|p| p.technique.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    l.heading(1, "Practice", 190.0 + 18.0 * techniques as f32);
    l.open(Kind::Section);
    if snap.practice.is_empty() {
        l.paragraph("No practice session in this range.", Style::BODY, 0.0);
        l.close();
        return;
    }
    let mut by: BTreeMap<&str, (u32, u64)> = BTreeMap::new();
    for p in &snap.practice {
        let e = by.entry(p.technique.as_str()).or_default();
        e.0 += 1;
        e.1 += u64::from(p.actual_minutes);
    }
    let rows: Vec<Vec<String>> = by
        .iter()
        .map(|(t, (n, m))| vec![t.replace('_', " "), n.to_string(), m.to_string()])
        .chain([vec![
            "all".into(),
            snap.practice.len().to_string(),
            snap.practice_minutes().to_string(),
        ]])
        .collect();
    let cols = [
        Column {
            title: "Technique",
            weight: 2.0,
        },
        Column {
            title: "Sessions",
            weight: 1.0,
        },
        Column {
            title: "Minutes",
            weight: 1.0,
        },
    ];
    l.table(&cols, &rows);
    let (from, to) = (snap.scope.from, snap.scope.to);
    let (bucket, period, unit) = bucket_of(from, to);
    let mut minutes: BTreeMap<NaiveDate, f32> = BTreeMap::new();
    for p in &snap.practice {
        if let Some(d) = Some(p.started.local_date.date()) {
            *minutes.entry(bucket(d)).or_default() += p.actual_minutes as f32;
        }
    }
    let values: Vec<(NaiveDate, f32)> = minutes.into_iter().collect();
    // Headroom above the tallest bar, where a partial period's label goes.
    let top = values.iter().map(|(_, v)| *v).fold(10.0, f32::max) * 1.15;
    let step = [10.0, 20.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1200.0]
        .into_iter()
        .find(|s| top / s <= 5.0)
        .unwrap_or(3000.0);
    let max = (top / step).ceil() * step;
    let axis = Axis {
        min: 0.0,
        max,
        shades: vec![Shade {
            from: 0.0,
            to: max,
            label: "minutes".into(),
            fill: (246, 248, 251),
        }],
        ticks: (0..=((max / step) as u32))
            .map(|i| (i as f32 * step, format!("{}", i as f32 * step)))
            .collect(),
        threshold: None,
        event: None,
    };
    let alt = format!(
        "Practice minutes per {unit} from {from} to {to}: {} sessions, {} minutes in all.",
        snap.practice.len(),
        snap.practice_minutes()
    );
    // Therapist review (second round) L10: a week or month the range cuts short is drawn
    // lighter and hatched, labelled "partial week: N of 7 days", and named in the caption,
    // so it never reads as a drop in practice.
    let partial = partial_periods(from, to);
    let mut caption = format!("Minutes of practice per {unit}.");
    for (first, p) in &partial {
        caption.push(' ');
        caption.push_str(&p.sentence(*first));
        caption.push_str(" Its bar is drawn lighter and hatched.");
    }
    let marks: Vec<(NaiveDate, String)> =
        partial.iter().map(|(_, p)| (p.start, p.label())).collect();
    l.figure(&alt, &caption, 110.0, |l, left, top, width| {
        chart::bars(
            l,
            Area {
                left,
                top,
                width,
                height: 110.0,
            },
            &axis,
            (from, to),
            &values,
            chart::Periods {
                days: period,
                partial: &marks,
            },
        );
    });
    l.close();
}

/// Programmes: each enrolment's state and the steps completed in the range.
pub fn programmes(l: &mut Layout, snap: &Snapshot) {
    if !snap.scope.has(ExportSection::Programmes) {
        return;
    }
    l.heading(1, "Programme progress", 60.0);
    l.open(Kind::Section);
    if snap.programmes.is_empty() {
        l.paragraph("No programme activity in this range.", Style::BODY, 0.0);
    }
    for run in &snap.programmes {
        l.heading(2, &run.title, 40.0);
        l.paragraph(
            &format!(
                "Started {}; {} of {} steps completed; now {}.",
                run.started_at.replace('T', " "),
                run.completed_steps,
                run.total_steps,
                run.state
            ),
            Style::BODY,
            0.0,
        );
        if !run.steps_in_range.is_empty() {
            let rows: Vec<Vec<String>> = run
                .steps_in_range
                .iter()
                .map(|s| vec![s.local_date.clone(), s.title.clone()])
                .collect();
            l.table(
                &[
                    Column {
                        title: "Completed",
                        weight: 1.0,
                    },
                    Column {
                        title: "Step",
                        weight: 4.0,
                    },
                ],
                &rows,
            );
        }
    }
    l.close();
}

/// Journal entries the person marked shared (only present when journal was included).
pub fn journal(l: &mut Layout, snap: &Snapshot) {
    if !snap.scope.has(ExportSection::Journal) {
        return;
    }
    l.section_break();
    l.open(Kind::Section);
    l.heading(1, "Journal entries shared with you", 20.0);
    l.paragraph(
        &format!(
            "Only entries the person marked \"shared with my therapist\" appear here ({} in this range).",
            snap.journal.len()
        ),
        Style::SMALL,
        0.0,
    );
    for e in &snap.journal {
        // The zone's name beside entries made away from the person's current zone, so a
        // reader need not decode an offset.
        let away = if e.captured.time_zone == snap.scope.zone.name() {
            String::new()
        } else {
            format!(" ({})", e.captured.time_zone)
        };
        l.heading(
            2,
            &format!(
                "{} — {}{away}",
                journal_text::kind_title(e.kind),
                e.captured.local_time().replace('T', " ")
            ),
            30.0,
        );
        for (label, value) in journal_text::fields(&e.body) {
            l.open(Kind::Paragraph);
            l.lines(&format!("{label}: {value}"), Style::BODY, 0.0);
            l.close();
            l.space(3.0);
        }
        if !e.tags.is_empty() {
            l.paragraph(&format!("Tags: {}", e.tags.join(", ")), Style::SMALL, 0.0);
        }
    }
    l.close();
}
