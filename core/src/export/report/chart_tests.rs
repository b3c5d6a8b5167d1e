//! Chart geometry: ticks, value-label placement, flagged markers and partial bars, read back
//! from the laid-out drawing operations.

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

/// New-user review F28: a short range is marked in days, the first with its year.
#[test]
fn a_short_range_gets_day_ticks_and_a_long_one_month_ticks() {
    let week = date_ticks(d("2026-12-01"), d("2026-12-07"));
    let labels: Vec<&str> = week.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "1 Dec 2026",
            "2 Dec",
            "3 Dec",
            "4 Dec",
            "5 Dec",
            "6 Dec",
            "7 Dec"
        ]
    );
    let month = date_ticks(d("2027-01-02"), d("2027-01-31"));
    assert!((4..=8).contains(&month.len()), "{month:?}");
    assert!(
        month
            .iter()
            .all(|(t, _)| t.weekday() == chrono::Weekday::Mon)
    );
    let quarter = date_ticks(d("2027-01-01"), d("2027-03-31"));
    assert_eq!(quarter[0].1, "Jan 2027");
}

fn text_boxes(l: &Layout) -> Vec<(String, TextBox)> {
    l.pages
        .iter()
        .flatten()
        .flat_map(|c| &c.ops)
        .filter_map(|op| match op {
            Op::Text {
                x,
                y,
                size,
                weight,
                text,
                ..
            } => Some((text.clone(), TextBox::of(*x, *y, text, *weight, *size))),
            _ => None,
        })
        .collect()
}

fn phq9_axis() -> Axis {
    Axis {
        min: 0.0,
        max: 27.0,
        shades: vec![Shade {
            from: 0.0,
            to: 27.0,
            label: "Severe 20–27".into(),
            fill: TINTS[0],
        }],
        ticks: [0, 5, 10, 15, 20, 27]
            .into_iter()
            .map(|v| (v as f32, v.to_string()))
            .collect(),
        threshold: Some((10.0, "caseness 10+".into())),
        event: Some((d("2027-01-20"), "episode start 2027-01-20".into())),
    }
}

/// Second-round review L10: value labels never cover the value ticks, the cut-off's
/// label, the episode-start label or each other — the read-through saw "18" over the
/// "20" tick and "10" over "caseness 10+".
#[test]
fn value_labels_keep_clear_of_every_other_label() {
    let mut l = Layout::new((595.0, 842.0));
    let area = Area {
        left: 56.0,
        top: 100.0,
        width: 483.0,
        height: 150.0,
    };
    let points = [
        (d("2027-01-01"), 18.0),
        (d("2027-01-02"), 19.0),
        (d("2027-01-20"), 21.0),
        (d("2027-03-28"), 10.0),
        (d("2027-03-29"), 11.0),
        (d("2027-03-31"), 10.0),
    ];
    line(
        &mut l,
        area,
        &phq9_axis(),
        (d("2027-01-01"), d("2027-03-31")),
        &points,
        &[],
    );
    let boxes = text_boxes(&l);
    assert!(boxes.iter().any(|(t, _)| t == "caseness 10+"));
    for (i, (a, ab)) in boxes.iter().enumerate() {
        for (b, bb) in &boxes[i + 1..] {
            assert!(!ab.overlaps(bb), "{a:?} {ab:?} overlaps {b:?} {bb:?}");
        }
    }
}

/// Second-round review L9: flagged points are drawn as triangles, the rest as squares.
#[test]
fn flagged_points_are_triangles() {
    let mut l = Layout::new((595.0, 842.0));
    let area = Area {
        left: 56.0,
        top: 100.0,
        width: 483.0,
        height: 150.0,
    };
    let points = [(d("2027-01-04"), 14.0), (d("2027-02-04"), 9.0)];
    line(
        &mut l,
        area,
        &phq9_axis(),
        (d("2027-01-01"), d("2027-03-31")),
        &points,
        &[0],
    );
    let triangles = l
        .pages
        .iter()
        .flatten()
        .flat_map(|c| &c.ops)
        .filter(|op| matches!(op, Op::Polygon { points, .. } if points.len() == 3))
        .count();
    assert_eq!(triangles, 1);
}

/// Second-round review L10: a partial week's bar is lighter and hatched, with its label.
#[test]
fn a_partial_bar_is_lighter_hatched_and_labelled() {
    let mut l = Layout::new((595.0, 842.0));
    let area = Area {
        left: 56.0,
        top: 100.0,
        width: 483.0,
        height: 110.0,
    };
    let axis = Axis {
        min: 0.0,
        max: 200.0,
        shades: vec![],
        ticks: vec![],
        threshold: None,
        event: None,
    };
    let partial = [(d("2027-05-03"), "partial week: 3 of 7 days".to_string())];
    bars(
        &mut l,
        area,
        &axis,
        (d("2027-01-04"), d("2027-05-05")),
        &[(d("2027-04-26"), 140.0), (d("2027-05-03"), 60.0)],
        Periods {
            days: 7.0,
            partial: &partial,
        },
    );
    let ops: Vec<&Op> = l.pages.iter().flatten().flat_map(|c| &c.ops).collect();
    let fills: Vec<Rgb> = ops
        .iter()
        .filter_map(|op| match op {
            Op::Rect { fill, h, .. } if *h > 5.0 => Some(*fill),
            _ => None,
        })
        .collect();
    assert!(
        fills.contains(&BAR) && fills.contains(&BAR_PARTIAL),
        "{fills:?}"
    );
    let hatch_lines = ops
        .iter()
        .filter(|op| matches!(op, Op::Line { color, width, .. } if *color == BAR && *width == 0.5))
        .count();
    assert!(hatch_lines >= 3, "{hatch_lines}");
    let labels = text_boxes(&l);
    let (_, label) = labels
        .iter()
        .find(|(t, _)| t == "partial week: 3 of 7 days")
        .expect("the partial label");
    assert!(label.2 <= 56.0 + 483.0, "{label:?}");
}
