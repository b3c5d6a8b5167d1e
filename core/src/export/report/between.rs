//! "Between sessions: mood calendar and patterns" (issue 17): the mood calendar for the range
//! as a year-in-pixels grid (one row per month, one cell per day, the day's mean mood written
//! in the cell as well as coloured), the emotion words and life areas with how often they came
//! and the mood that went with them, and mood by weekday and by time of day.
//!
//! Every number comes from the core's insights functions ([`crate::insights::compute`], read
//! once into the snapshot), never recomputed here. Must never show tags (free text without a
//! sharing choice) or anything from journal entries (the snapshot strips both), rely on colour
//! alone, or word an association as a cause.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::fonts::{self, Weight};
use super::layout::{Column, INK, Kind, Layout, MUTED, Op, Rgb, Style};
use crate::export::options::ExportSection;
use crate::export::snapshot::Snapshot;
use crate::insights::{AssociationSource, MoodDirection};

/// The most months the calendar draws (the latest ones); check_ins.csv holds every day.
const MAX_MONTHS: usize = 24;
const CELL_H: f32 = 11.0;
const LABEL_W: f32 = 46.0;

/// The fill of a day whose mean mood rounds to `m` (1 very unpleasant … 7 very pleasant).
fn fill(m: i32) -> Rgb {
    match m {
        ..=1 => (231, 160, 150),
        2 => (240, 186, 168),
        3 => (248, 214, 190),
        4 => (240, 236, 210),
        5 => (214, 234, 206),
        6 => (186, 220, 180),
        _ => (158, 204, 158),
    }
}

fn months(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut m = from.with_day(1).unwrap_or(from);
    while m <= to {
        out.push(m);
        m = match m.checked_add_months(chrono::Months::new(1)) {
            Some(n) => n,
            None => break,
        };
    }
    out
}

fn calendar(l: &mut Layout, snap: &Snapshot) {
    let Some(ins) = &snap.insights else { return };
    let (from, to) = (snap.scope.from, snap.scope.to);
    let all = months(from, to);
    let shown = &all[all.len().saturating_sub(MAX_MONTHS)..];
    let days: BTreeMap<NaiveDate, f64> = ins
        .calendar
        .iter()
        .map(|d| (d.date.date(), d.average))
        .collect();
    let height = CELL_H * (shown.len() as f32 + 1.0) + 4.0;
    let alt = format!(
        "Mood calendar from {} to {to}: {} days with check-ins out of {}; each day's mean mood (1–7) is written in its cell.",
        shown.first().copied().unwrap_or(from).max(from),
        ins.calendar.len(),
        (to - from).num_days() + 1
    );
    let mut caption = "Mood calendar: one row per month, one cell per day; the number is the day's mean mood \
                       (1 very unpleasant, 4 neutral, 7 very pleasant), the shade repeats it; a pale empty \
                       cell is a day in the range without a check-in."
        .to_string();
    if all.len() > shown.len() {
        caption.push_str(&format!(
            " The earliest {} months of the range are left out here; check_ins.csv holds every day.",
            all.len() - shown.len()
        ));
    }
    l.figure(&alt, &caption, height, |l, left, top, width| {
        let cell_w = (width - LABEL_W) / 31.0;
        let mut ops = Vec::new();
        let mut text = Vec::new();
        for d in 1..=31u32 {
            if d == 1 || d % 5 == 0 {
                let s = d.to_string();
                let w = fonts::width(&s, Weight::Regular, 6.0);
                text.push(Op::Text {
                    x: left + LABEL_W + (d as f32 - 0.5) * cell_w - w / 2.0,
                    y: top + 7.0,
                    size: 6.0,
                    weight: Weight::Regular,
                    color: MUTED,
                    text: s,
                });
            }
        }
        for (row, month) in shown.iter().enumerate() {
            let y = top + CELL_H * (row as f32 + 1.0);
            text.push(Op::Text {
                x: left,
                y: y + 8.0,
                size: 7.0,
                weight: Weight::Regular,
                color: INK,
                text: month.format("%Y-%m").to_string(),
            });
            for d in 1..=31u32 {
                let Some(day) = month.with_day(d) else { break };
                if day < from || day > to {
                    continue;
                }
                let x = left + LABEL_W + (d - 1) as f32 * cell_w;
                match days.get(&day) {
                    Some(avg) => {
                        let m = avg.round() as i32;
                        ops.push(Op::Rect {
                            x: x + 0.5,
                            y: y + 0.5,
                            w: cell_w - 1.0,
                            h: CELL_H - 1.0,
                            fill: fill(m),
                        });
                        let s = m.to_string();
                        let w = fonts::width(&s, Weight::Regular, 6.5);
                        text.push(Op::Text {
                            x: x + (cell_w - w) / 2.0,
                            y: y + 8.0,
                            size: 6.5,
                            weight: Weight::Regular,
                            color: INK,
                            text: s,
                        });
                    }
                    None => ops.push(Op::Rect {
                        x: x + 0.5,
                        y: y + 0.5,
                        w: cell_w - 1.0,
                        h: CELL_H - 1.0,
                        fill: (244, 244, 244),
                    }),
                }
            }
        }
        l.content(false, ops);
        for t in text {
            l.content(true, vec![t]);
        }
    });
}

fn mean(v: Option<f64>) -> String {
    v.map_or_else(|| "\u{2014}".into(), |m| format!("{m:.1}"))
}

fn words(l: &mut Layout, snap: &Snapshot) {
    let Some(ins) = &snap.insights else { return };
    // How often each word came, from the check-ins in the range.
    let mut counts: BTreeMap<(u8, &str), u32> = BTreeMap::new();
    for c in &snap.check_ins {
        for w in &c.labels {
            *counts.entry((0, w.code())).or_default() += 1;
        }
        for a in &c.areas {
            *counts.entry((1, a.code())).or_default() += 1;
        }
    }
    l.heading(2, "Emotion words and life areas", 60.0);
    if counts.is_empty() {
        l.paragraph(
            "No emotion word or life area was chosen with a check-in in this range.",
            Style::BODY,
            0.0,
        );
        return;
    }
    let mut rows: Vec<(u32, Vec<String>)> = counts
        .iter()
        .map(|((kind, code), n)| {
            let source = if *kind == 0 {
                AssociationSource::Label
            } else {
                AssociationSource::Area
            };
            let assoc = ins
                .associations
                .iter()
                .find(|a| a.source == source && a.name == *code);
            let goes = match assoc {
                Some(a) => match a.direction {
                    MoodDirection::Better => format!(
                        "better mood ({:.1} with, {:.1} without)",
                        a.average_with, a.average_without
                    ),
                    MoodDirection::Worse => format!(
                        "worse mood ({:.1} with, {:.1} without)",
                        a.average_with, a.average_without
                    ),
                    MoodDirection::NoClearDifference => "no clear difference".into(),
                },
                None => format!("too few to compare (needs {} each way)", ins.min_sample),
            };
            (
                *n,
                vec![
                    code.replace('_', " "),
                    if *kind == 0 { "emotion" } else { "life area" }.into(),
                    n.to_string(),
                    goes,
                ],
            )
        })
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let rows: Vec<Vec<String>> = rows.into_iter().map(|(_, r)| r).collect();
    l.table(
        &[
            Column {
                title: "Word",
                weight: 1.4,
            },
            Column {
                title: "Kind",
                weight: 1.0,
            },
            Column {
                title: "Check-ins",
                weight: 0.9,
            },
            Column {
                title: "Goes with (mean mood 1–7)",
                weight: 3.2,
            },
        ],
        &rows,
    );
    // The app's own caveat speaks of "a word or tag", but the person's tags are free text
    // they never chose to share, so the report leaves them out and says so (second-round
    // review L11).
    l.paragraph(
        &format!(
            "These are patterns in the person's own check-ins: things that went together, not causes. \
             An emotion word or life area is compared only when at least {n} check-ins have it and {n} do not. \
             Tags the person typed with check-ins are their own free text and are not exported, like check-in notes.",
            n = ins.min_sample
        ),
        Style::SMALL,
        0.0,
    );
}

/// `Monday` for the bucket name `monday` (the insights' JSON keeps its lower-case names;
/// third therapist review, F9).
fn sentence_case(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn buckets(l: &mut Layout, title: &str, list: &[crate::insights::MoodBucket]) {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|b| vec![sentence_case(&b.name), b.count.to_string(), mean(b.average)])
        .collect();
    l.heading(3, title, 60.0);
    l.table(
        &[
            Column {
                title: "When",
                weight: 1.5,
            },
            Column {
                title: "Check-ins",
                weight: 1.0,
            },
            Column {
                title: "Mean mood (1–7)",
                weight: 1.4,
            },
        ],
        &rows,
    );
}

/// The section, after the mood check-ins (only with check-ins included and some in range).
pub fn between_sessions(l: &mut Layout, snap: &Snapshot) {
    if !snap.scope.has(ExportSection::CheckIns) {
        return;
    }
    let Some(ins) = &snap.insights else { return };
    if ins.check_in_count == 0 {
        return;
    }
    l.section_break();
    l.open(Kind::Section);
    l.heading(1, "Between sessions: mood calendar and patterns", 20.0);
    calendar(l, snap);
    words(l, snap);
    l.heading(2, "Mood by weekday and by time of day", 60.0);
    buckets(l, "By weekday", &ins.by_weekday);
    buckets(
        l,
        "By time of day (morning 05–12, afternoon 12–17, evening 17–22, night 22–05, local time)",
        &ins.by_time_of_day,
    );
    l.close();
}
