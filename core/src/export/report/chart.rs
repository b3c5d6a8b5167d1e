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

fn frame(l: &mut Layout, area: Area, axis: &Axis, from: NaiveDate, to: NaiveDate) -> Plot {
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
    let plot = Plot {
        x: left + 22.0,
        y: top + 4.0,
        w: width - 22.0 - label_w - 8.0,
        h: height - 18.0,
        from,
        to,
        min: axis.min,
        max: axis.max,
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
    for d in month_ticks(from, to) {
        let x = plot.px(d);
        let label = d.format("%b %Y").to_string();
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
        text(l, plot.x + 3.0, y - 2.5, label, LABEL - 0.5, (120, 60, 60));
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

/// A line chart of `points` over `from..=to` on `axis`; values are printed above the markers
/// when there are few enough to read.
pub fn line(
    l: &mut Layout,
    area: Area,
    axis: &Axis,
    from: NaiveDate,
    to: NaiveDate,
    points: &[(NaiveDate, f32)],
) {
    let plot = frame(l, area, axis, from, to);
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
    l.content(false, ops);
    if points.len() <= 16 {
        for ((_, v), (x, y)) in points.iter().zip(&xy) {
            let s = format!("{v:.0}");
            let w = fonts::width(&s, Weight::Bold, LABEL);
            l.content(
                true,
                vec![Op::Text {
                    x: x - w / 2.0,
                    y: y - 4.5,
                    size: LABEL,
                    weight: Weight::Bold,
                    color: INK,
                    text: s,
                }],
            );
        }
    }
}

/// Vertical bars of `values` (one per period starting at each date) over `from..=to`.
pub fn bars(
    l: &mut Layout,
    area: Area,
    axis: &Axis,
    span: (NaiveDate, NaiveDate),
    values: &[(NaiveDate, f32)],
    period_days: f32,
) {
    let (from, to) = span;
    let plot = frame(l, area, axis, from, to);
    let bar_w = (plot.w * period_days / days(from, to) * 0.8).clamp(0.6, 24.0);
    let ops: Vec<Op> = values
        .iter()
        .filter(|(_, v)| *v > 0.0)
        .map(|(d, v)| {
            let x = plot.px(*d).min(plot.x + plot.w - bar_w);
            let y = plot.py(*v);
            Op::Rect {
                x,
                y,
                w: bar_w,
                h: plot.y + plot.h - y,
                fill: (70, 120, 170),
            }
        })
        .collect();
    if !ops.is_empty() {
        l.content(false, ops);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn month_ticks_stay_in_range_and_few() {
        let t = month_ticks(d("2027-01-15"), d("2027-03-31"));
        assert_eq!(t, [d("2027-02-01"), d("2027-03-01")]);
        let ten_years = month_ticks(d("2017-01-01"), d("2026-12-31"));
        assert!(
            ten_years.len() <= 9 && ten_years.len() >= 4,
            "{}",
            ten_years.len()
        );
        assert!(
            ten_years
                .iter()
                .all(|t| *t >= d("2017-01-01") && *t <= d("2026-12-31"))
        );
        assert!(month_ticks(d("2027-01-02"), d("2027-01-20")).is_empty());
    }
}
