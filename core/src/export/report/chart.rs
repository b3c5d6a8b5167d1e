//! Vector charts: a value over time with shaded, text-labelled bands (GAD-7, PHQ-9, mood),
//! and bars of practice minutes.
//!
//! Bands are named in text beside the plot and separated by rules, so nothing depends on
//! telling colours apart. Must never rescale a questionnaire's axis to the data: the axis is
//! the instrument's whole range, so a small change never looks dramatic.

use chrono::{Datelike, NaiveDate};

use super::fonts::{self, Weight};
use super::layout::{INK, Layout, MUTED, Op, Rgb};

/// A shaded band of the value axis: `from..=to` in axis units.
pub struct Shade {
    /// Lower edge.
    pub from: f32,
    /// Upper edge.
    pub to: f32,
    /// Text shown beside the band (`Moderate 10–14`).
    pub label: String,
    /// Fill colour (a light tint).
    pub fill: Rgb,
}

/// The value axis.
pub struct Axis {
    /// Lowest value.
    pub min: f32,
    /// Highest value.
    pub max: f32,
    /// Bands, lowest first.
    pub shades: Vec<Shade>,
    /// Tick values with their labels.
    pub ticks: Vec<(f32, String)>,
    /// A dashed reference line with its label (a caseness cut-off).
    pub threshold: Option<(f32, String)>,
    /// A dotted vertical line at a date with its label (the treatment episode's start), drawn
    /// only when the date lies inside the plotted range.
    pub event: Option<(NaiveDate, String)>,
}

/// Light tints from calm to warm, used in order for bands lowest first.
pub const TINTS: [Rgb; 5] = [
    (232, 244, 234),
    (246, 246, 224),
    (252, 238, 218),
    (250, 226, 214),
    (246, 214, 214),
];

const LABEL: f32 = 7.0;

/// Where a chart goes on the page, in points from the top left.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    /// Left edge.
    pub left: f32,
    /// Top edge.
    pub top: f32,
    /// Width.
    pub width: f32,
    /// Height, axis labels included.
    pub height: f32,
}

fn days(from: NaiveDate, to: NaiveDate) -> f32 {
    ((to - from).num_days().max(1)) as f32
}

/// Month ticks between `from` and `to`, at most about eight.
fn month_ticks(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32 + 1;
    let step = [1, 2, 3, 6, 12, 24, 60]
        .into_iter()
        .find(|s| months / s <= 8)
        .unwrap_or(120);
    let mut out = Vec::new();
    let mut m = from.year() * 12 + from.month0() as i32;
    // Start at the first month boundary on or after `from` that is a multiple of the step.
    while NaiveDate::from_ymd_opt(m / 12, (m % 12) as u32 + 1, 1).is_none_or(|d| d < from)
        || m % step != 0
    {
        m += 1;
        if m > to.year() * 12 + 12 {
            return out;
        }
    }
    while let Some(d) = NaiveDate::from_ymd_opt(m / 12, (m % 12) as u32 + 1, 1) {
        if d > to {
            break;
        }
        out.push(d);
        m += step;
    }
    out
}

/// The longest range, in days, whose axis is marked with days rather than months.
const DAY_TICKS_UP_TO: i64 = 62;

/// Date ticks with their labels: days (`4 Jan`, the first with its year) for a range of up
/// to two months — a month label alone cannot say which day a point is (new-user review
/// F28) — else months (`Feb 2027`), at most about eight either way.
fn date_ticks(from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, String)> {
    let span = (to - from).num_days();
    if span > DAY_TICKS_UP_TO {
        return month_ticks(from, to)
            .into_iter()
            .map(|d| (d, d.format("%b %Y").to_string()))
            .collect();
    }
    let step = [1, 2, 7, 14]
        .into_iter()
        .find(|s| span / s < 8)
        .unwrap_or(14);
    // Weekly ticks fall on Mondays; daily and two-daily ones from the first day.
    let mut d = from;
    if step >= 7 {
        while d.weekday() != chrono::Weekday::Mon {
            d = d.succ_opt().unwrap_or(d);
        }
    }
    let mut out = Vec::new();
    while d <= to {
        let label = if out.is_empty() || d.month() == 1 && d.day() <= step as u32 {
            d.format("%-d %b %Y").to_string()
        } else {
            d.format("%-d %b").to_string()
        };
        out.push((d, label));
        match d.checked_add_days(chrono::Days::new(step as u64)) {
            Some(next) => d = next,
            None => break,
        }
    }
    out
}

/// The plot rectangle inside a figure: room for value labels left, band labels right.
struct Plot {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    from: NaiveDate,
    to: NaiveDate,
    min: f32,
    max: f32,
    /// Boxes of the labels drawn inside the plot so far (threshold, event), which value
    /// labels must not cover.
    taken: Vec<TextBox>,
}

/// The box a line of chart text covers: left, top, right, bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
struct TextBox(f32, f32, f32, f32);

impl TextBox {
    /// The box of `s` at size `size` with its baseline at `y`.
    fn of(x: f32, y: f32, s: &str, weight: Weight, size: f32) -> Self {
        TextBox(
            x,
            y - size * 0.8,
            x + fonts::width(s, weight, size),
            y + size * 0.22,
        )
    }
    fn overlaps(&self, o: &TextBox) -> bool {
        self.0 < o.2 && o.0 < self.2 && self.1 < o.3 && o.1 < self.3
    }
}

impl Plot {
    fn px(&self, d: NaiveDate) -> f32 {
        self.x
            + self.w
                * ((d - self.from).num_days() as f32 / days(self.from, self.to)).clamp(0.0, 1.0)
    }
    fn py(&self, v: f32) -> f32 {
        let span = (self.max - self.min).max(f32::EPSILON);
        self.y + self.h * (1.0 - ((v - self.min) / span).clamp(0.0, 1.0))
    }
}

fn text(l: &mut Layout, x: f32, y: f32, s: &str, size: f32, color: Rgb) {
    if !s.is_empty() {
        l.content(
            true,
            vec![Op::Text {
                x,
                y,
                size,
                weight: Weight::Regular,
                color,
                text: s.to_string(),
            }],
        );
    }
}

/// Draws the bands, axes and labels; the plot spans `from..=end` (`end` is `to`, or the day
/// after it for bars, whose last period is a whole day wide), date ticks stop at `to`.
fn frame(
    l: &mut Layout,
    area: Area,
    axis: &Axis,
    (from, to): (NaiveDate, NaiveDate),
    end: NaiveDate,
) -> Plot {
    let Area {
        left,
        top,
        width,
        height,
    } = area;
    let label_w = axis
        .shades
        .iter()
        .map(|s| fonts::width(&s.label, Weight::Regular, LABEL))
        .fold(0.0, f32::max);
    let mut plot = Plot {
        x: left + 22.0,
        y: top + 4.0,
        w: width - 22.0 - label_w - 8.0,
        h: height - 18.0,
        from,
        to: end,
        min: axis.min,
        max: axis.max,
        taken: Vec::new(),
    };
    let mut shading = Vec::new();
    for s in &axis.shades {
        let (y0, y1) = (plot.py(s.to), plot.py(s.from));
        shading.push(Op::Rect {
            x: plot.x,
            y: y0,
            w: plot.w,
            h: (y1 - y0).max(0.5),
            fill: s.fill,
        });
        shading.push(Op::Line {
            points: vec![(plot.x, y0), (plot.x + plot.w, y0)],
            width: 0.3,
            color: (190, 190, 190),
            dashed: false,
        });
    }
    shading.push(Op::Line {
        points: vec![
            (plot.x, plot.y),
            (plot.x, plot.y + plot.h),
            (plot.x + plot.w, plot.y + plot.h),
        ],
        width: 0.6,
        color: MUTED,
        dashed: false,
    });
    l.content(false, shading);
    for s in &axis.shades {
        let mid = (plot.py(s.to) + plot.py(s.from)) / 2.0 + LABEL * 0.35;
        text(l, plot.x + plot.w + 6.0, mid, &s.label, LABEL, INK);
    }
    for (v, label) in &axis.ticks {
        let w = fonts::width(label, Weight::Regular, LABEL);
        text(
            l,
            plot.x - 4.0 - w,
            plot.py(*v) + LABEL * 0.35,
            label,
            LABEL,
            MUTED,
        );
    }
    for (d, label) in date_ticks(from, to) {
        let x = plot.px(d);
        let w = fonts::width(&label, Weight::Regular, LABEL);
        l.content(
            false,
            vec![Op::Line {
                points: vec![(x, plot.y + plot.h), (x, plot.y + plot.h + 3.0)],
                width: 0.5,
                color: MUTED,
                dashed: false,
            }],
        );
        text(
            l,
            (x - w / 2.0).max(plot.x - 10.0),
            plot.y + plot.h + 12.0,
            &label,
            LABEL,
            MUTED,
        );
    }
    if let Some((v, label)) = &axis.threshold {
        let y = plot.py(*v);
        l.content(
            false,
            vec![Op::Line {
                points: vec![(plot.x, y), (plot.x + plot.w, y)],
                width: 0.8,
                color: (120, 60, 60),
                dashed: true,
            }],
        );
        // At the right end of the line; value labels keep clear of it (second-round review
        // L10: "10" was drawn over "caseness 10+").
        let w = fonts::width(label, Weight::Regular, LABEL - 0.5);
        let x = plot.x + plot.w - w - 3.0;
        text(l, x, y - 2.5, label, LABEL - 0.5, (120, 60, 60));
        plot.taken
            .push(TextBox::of(x, y - 2.5, label, Weight::Regular, LABEL - 0.5));
    }
    if let Some((d, label)) = axis.event.as_ref().filter(|(d, _)| from < *d && *d <= to) {
        let x = plot.px(*d);
        l.content(
            false,
            vec![Op::Line {
                points: vec![(x, plot.y), (x, plot.y + plot.h)],
                width: 0.8,
                color: (40, 90, 60),
                dashed: true,
            }],
        );
        text(l, x + 2.0, plot.y + LABEL, label, LABEL - 0.5, (40, 90, 60));
        plot.taken.push(TextBox::of(
            x + 2.0,
            plot.y + LABEL,
            label,
            Weight::Regular,
            LABEL - 0.5,
        ));
    }
    plot
}

fn marker(x: f32, y: f32) -> Op {
    let r = 2.2;
    Op::Polygon {
        points: vec![
            (x - r, y - r),
            (x + r, y - r),
            (x + r, y + r),
            (x - r, y + r),
        ],
        fill: (30, 70, 140),
    }
}

/// A flagged point's marker: a larger triangle in dark red, so the shape says it as well as
/// the colour (the caption names the dates).
fn flag_marker(x: f32, y: f32) -> Op {
    let r = 3.6;
    Op::Polygon {
        points: vec![(x - r, y + r * 0.8), (x, y - r), (x + r, y + r * 0.8)],
        fill: (176, 0, 32),
    }
}

/// A line chart of `points` over `from..=to` on `axis`; values are printed beside the markers
/// when there are few enough to read. Points whose index is in `flagged` (PHQ-9 item 9
/// above 0 or declined) get a triangle instead of a square.
pub fn line(
    l: &mut Layout,
    area: Area,
    axis: &Axis,
    span: (NaiveDate, NaiveDate),
    points: &[(NaiveDate, f32)],
    flagged: &[usize],
) {
    let (from, to) = span;
    let plot = frame(l, area, axis, (from, to), to);
    if points.is_empty() {
        return;
    }
    let xy: Vec<(f32, f32)> = points
        .iter()
        .map(|(d, v)| (plot.px(*d), plot.py(*v)))
        .collect();
    let mut ops = vec![Op::Line {
        points: xy.clone(),
        width: 1.4,
        color: (30, 70, 140),
        dashed: false,
    }];
    if xy.len() <= 120 {
        ops.extend(xy.iter().map(|(x, y)| marker(*x, *y)));
    }
    ops.extend(
        flagged
            .iter()
            .filter_map(|i| xy.get(*i))
            .map(|(x, y)| flag_marker(*x, *y)),
    );
    l.content(false, ops);
    if points.len() <= 16 {
        let mut taken = plot.taken.clone();
        for ((_, v), (x, y)) in points.iter().zip(&xy) {
            let s = format!("{v:.0}");
            let (x, baseline) = value_label(&plot, &taken, &s, *x, *y);
            taken.push(TextBox::of(x, baseline, &s, Weight::Bold, LABEL));
            l.content(
                true,
                vec![Op::Text {
                    x,
                    y: baseline,
                    size: LABEL,
                    weight: Weight::Bold,
                    color: INK,
                    text: s,
                }],
            );
        }
    }
}

/// Where a marker's value label goes: centred above the marker, else below it, else beside
/// it, else a line further up or down — the first place that covers no label already drawn and stays over the plot (never
/// over the value ticks on the left or the band names on the right). Returns (x, baseline).
fn value_label(plot: &Plot, taken: &[TextBox], s: &str, x: f32, y: f32) -> (f32, f32) {
    let w = fonts::width(s, Weight::Bold, LABEL);
    let centred = (x - w / 2.0).clamp(plot.x + 1.0, plot.x + plot.w - w - 1.0);
    let (above, below) = (y - 4.5, y + 4.5 + LABEL * 0.8);
    let candidates = [
        (centred, above),
        (centred, below),
        (x + 4.0, y + LABEL * 0.35),
        (x - 4.0 - w, y + LABEL * 0.35),
        (centred, above - LABEL * 1.2),
        (centred, below + LABEL * 1.2),
    ];
    candidates
        .into_iter()
        .find(|(cx, cy)| {
            let b = TextBox::of(*cx, *cy, s, Weight::Bold, LABEL);
            b.0 >= plot.x
                && b.2 <= plot.x + plot.w
                && b.1 >= plot.y - LABEL
                && b.3 <= plot.y + plot.h
                && !taken.iter().any(|t| t.overlaps(&b))
        })
        .unwrap_or(candidates[0])
}

/// The bars' periods: their length in days, and the ones the range cuts short (by their
/// first day) with the label drawn above them.
pub struct Periods<'a> {
    /// Days per period (1, 7, or about 30.4).
    pub days: f32,
    /// Partial periods: (first day, label such as `partial week: 3 of 7 days`).
    pub partial: &'a [(NaiveDate, String)],
}

const BAR: Rgb = (70, 120, 170);
const BAR_PARTIAL: Rgb = (190, 210, 230);

/// Diagonal hatch lines (45°, `gap` apart) inside the rectangle `x, y, w, h`.
fn hatch(x: f32, y: f32, w: f32, h: f32, gap: f32) -> Vec<Op> {
    let mut ops = Vec::new();
    // Lines x' - x = (y + h - y') + c for c from -h to w: clip each to the rectangle.
    let mut c = -h + gap / 2.0;
    while c < w {
        let (x0, y0) = if c >= 0.0 {
            (x + c, y + h)
        } else {
            (x, y + h + c)
        };
        let run = (w - (x0 - x)).min(y0 - y);
        if run > 0.3 {
            ops.push(Op::Line {
                points: vec![(x0, y0), (x0 + run, y0 - run)],
                width: 0.5,
                color: BAR,
                dashed: false,
            });
        }
        c += gap;
    }
    ops
}

/// Vertical bars of `values` (one per period starting at each date) over `from..=to`; a
/// partial period's bar is lighter and hatched, with its label above the bars.
pub fn bars(
    l: &mut Layout,
    area: Area,
    axis: &Axis,
    span: (NaiveDate, NaiveDate),
    values: &[(NaiveDate, f32)],
    periods: Periods<'_>,
) {
    let (_, to) = span;
    let plot = frame(l, area, axis, span, to + chrono::Days::new(1));
    // Each bar covers the part of its period inside the range (a partial one is narrower),
    // less a gap on either side.
    let full = (plot.w * periods.days / days(plot.from, plot.to) * 0.8).clamp(0.6, 24.0);
    let bar = |d: NaiveDate| {
        let end = d + chrono::Days::new(periods.days.ceil() as u64);
        let (x0, x1) = (plot.px(d), plot.px(end));
        let w = ((x1 - x0) * 0.8).clamp(0.6, full);
        (x0 + ((x1 - x0) - w) / 2.0, w)
    };
    let mut ops = Vec::new();
    for (d, v) in values.iter().filter(|(_, v)| *v > 0.0) {
        let ((x, bar_w), y) = (bar(*d), plot.py(*v));
        let h = plot.y + plot.h - y;
        let partial = periods.partial.iter().any(|(p, _)| p == d);
        ops.push(Op::Rect {
            x,
            y,
            w: bar_w,
            h,
            fill: if partial { BAR_PARTIAL } else { BAR },
        });
        if partial {
            ops.extend(hatch(x, y, bar_w, h, 3.0));
        }
    }
    if !ops.is_empty() {
        l.content(false, ops);
    }
    for (d, label) in periods.partial {
        // Above the bars (the axis keeps headroom), kept inside the plot: ending at the bar's
        // right edge near the right side, starting at its left edge otherwise.
        let w = fonts::width(label, Weight::Regular, LABEL);
        let (x, bar_w) = bar(*d);
        let x = if x + w > plot.x + plot.w {
            (x + bar_w - w).max(plot.x)
        } else {
            x
        };
        text(l, x, plot.y + LABEL + 1.0, label, LABEL, INK);
    }
}

#[cfg(test)]
#[path = "chart_tests.rs"]
mod tests;
