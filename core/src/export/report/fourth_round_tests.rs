//! The therapist's third review, the findings left open by the first pass over it
//! (docs/reviews/2026-12-07-second-round/therapist3.md): each as the text a clinician reads,
//! from the PDF's text layer (poppler's `pdftotext`).

use super::profiles::{Profile, series, snapshot_of};
use super::tests::page1_of;

/// The beth profile: PHQ-9 every two weeks from 2025-02-03, item 9 rising 0, 0, 0, 1, 1, 2,
/// 2, 3 and then declined on 2025-05-26.
fn decline_after_rising_item9() -> Profile {
    Profile {
        assessments: series(
            "2025-02-03T10:00:00Z",
            &[10, 11, 12, 14, 15, 17, 19, 21, 21],
            &[],
            &["0", "0", "0", "1", "1", "2", "2", "3", "decline"],
        ),
        ..Profile::default()
    }
}

/// F6: a decline straight after answers above "Not at all" is a red warning naming the last
/// of them, not a plain line that reads like a return to "Not at all".
#[test]
fn a_decline_after_endorsed_item9_answers_is_a_warning_naming_the_last_one() {
    let (_d, snap) = snapshot_of(
        &decline_after_rising_item9(),
        "2025-01-01",
        "2025-06-30",
        None,
    );
    let page1 = page1_of(&snap);
    let expected = "Warning \u{2014} Most recent item 9 answer in this range: 2025-05-26 \u{2014} declined to answer, after answers above \"Not at all\" (the last: Nearly every day (3) on 2025-05-12). A decline is not an answer of \"Not at all\".";
    assert!(page1.contains(expected), "missing {expected:?}:\n{page1}");

    // A decline with no earlier answer above 0 stays a plain line (the table and the item 9
    // warning above it already say it was declined).
    let only_decline = Profile {
        assessments: series("2025-02-03T10:00:00Z", &[8, 9], &[], &["0", "decline"]),
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&only_decline, "2025-01-01", "2025-06-30", None);
    let page1 = page1_of(&snap);
    assert!(
        page1.contains(
            "Most recent item 9 answer in this range: 2025-02-17 \u{2014} declined to answer."
        ),
        "{page1}"
    );
    assert!(!page1.contains("after answers above"), "{page1}");

    // An endorsement as the latest answer is not called a decline.
    let mut endorsed_last = decline_after_rising_item9();
    endorsed_last.assessments.pop();
    let (_d, snap) = snapshot_of(&endorsed_last, "2025-01-01", "2025-06-30", None);
    let page1 = page1_of(&snap);
    assert!(
        page1.contains(
            "Most recent item 9 answer in this range: 2025-05-12 \u{2014} Nearly every day (3)."
        ),
        "{page1}"
    );
}

/// The gus profile: the first PHQ-9 has item 9 declined and its other answers sum to 9, so
/// its prorated total is 10* (caseness); GAD-7 3. Later PHQ-9 3 and GAD-7 1.
fn caseness_only_on_the_estimate() -> Profile {
    Profile {
        assessments: series("2025-03-03T10:00:00Z", &[9, 3], &[3, 1], &["decline"]),
        ..Profile::default()
    }
}

/// F3: the indicator lines keep the asterisk on an estimated total, and recovery says that
/// caseness at the start rests on the estimate alone.
#[test]
fn indicator_lines_mark_the_estimate_and_say_when_caseness_rests_on_it() {
    let (_d, snap) = snapshot_of(
        &caseness_only_on_the_estimate(),
        "2025-01-01",
        "2025-06-30",
        None,
    );
    let page1 = page1_of(&snap);
    for expected in [
        "Recovery \u{2014} met: At caseness at the start on PHQ-9 and below caseness on both at the end (PHQ-9 10* \u{2192} 3 (\u{2212}7)",
        "not on every answer given. PHQ-9 is at caseness at the start only on its estimated total (10*; the answers given sum to 9, caseness is 10 or more).",
        "(\u{2212}2); caseness is PHQ-9 10 or more, or GAD-7 8 or more). Uncertain: caseness rests on the estimate.",
        "Reliable improvement \u{2014} met: PHQ-9 10* \u{2192} 3 (\u{2212}7) fell reliably",
        "* estimated: item 9 was declined",
    ] {
        assert!(page1.contains(expected), "missing {expected:?}:\n{page1}");
    }
    assert!(!page1.contains("PHQ-9 10 \u{2192} 3"), "{page1}");

    // An estimate that does not decide caseness is marked but not called uncertain.
    let decided = Profile {
        assessments: series("2025-03-03T10:00:00Z", &[18, 3], &[3, 1], &["decline"]),
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&decided, "2025-01-01", "2025-06-30", None);
    let page1 = page1_of(&snap);
    assert!(page1.contains("(PHQ-9 20* \u{2192} 3"), "{page1}");
    assert!(!page1.contains("Uncertain:"), "{page1}");
    assert!(!page1.contains("only on its estimated total"), "{page1}");
}

/// The page (0-based) whose text holds `needle`.
fn page_of(pages: &[Vec<super::layout::Chunk>], needle: &str) -> Option<usize> {
    pages.iter().position(|chunks| {
        chunks
            .iter()
            .flat_map(|c| &c.ops)
            .any(|op| matches!(op, super::layout::Op::Text { text, .. } if text.contains(needle)))
    })
}

/// Keep-with-next: a heading over a table keeps the table's header row and first row with it,
/// and a table never starts with its header alone at the foot of a page ("Latest scores" was
/// left at the foot of page 1 with its table on page 2).
#[test]
fn a_table_heading_is_never_left_at_the_foot_of_a_page_without_its_first_row() {
    use super::layout::{Column, Layout};
    let cols = [
        Column {
            title: "Measure",
            weight: 1.0,
        },
        Column {
            title: "Since previous score in this episode",
            weight: 1.0,
        },
    ];
    let long = "a long cell that wraps over several lines of the table ".repeat(10);
    let rows = vec![
        vec!["PHQ-9".to_string(), long],
        vec!["GAD-7".into(), "x".into()],
    ];
    let bottom = |l: &Layout| l.size.1 - l.margin - l.footer;

    let mut l = Layout::new((595.28, 841.89));
    let lead = l.table_lead(&cols, &rows);
    // Room for the heading and 70 points (the old fixed keep), not for the table's lead.
    assert!(lead > 110.0, "{lead}");
    l.y = bottom(&l) - 110.0;
    l.heading(2, "Latest scores", l.table_lead(&cols, &rows));
    l.table(&cols, &rows);
    let (pages, ..) = l.finish();
    assert_eq!(page_of(&pages, "Latest scores"), Some(1));
    assert_eq!(page_of(&pages, "Measure"), Some(1));
    assert_eq!(page_of(&pages, "PHQ-9"), Some(1));

    // A table on its own: its header moves with the first row.
    let mut l = Layout::new((595.28, 841.89));
    l.y = bottom(&l) - (lead - 10.0);
    l.table(&cols, &rows);
    let (pages, ..) = l.finish();
    assert_eq!(page_of(&pages, "Measure"), Some(1));
    assert_eq!(page_of(&pages, "PHQ-9"), Some(1));

    // With room for both, nothing moves.
    let mut l = Layout::new((595.28, 841.89));
    l.y = bottom(&l) - (lead + 60.0);
    l.heading(2, "Latest scores", l.table_lead(&cols, &rows));
    l.table(&cols, &rows);
    let (pages, ..) = l.finish();
    assert_eq!(page_of(&pages, "Latest scores"), Some(0));
    assert_eq!(page_of(&pages, "PHQ-9"), Some(0));
}

/// F9 (in part): weekday and time-of-day names in "Mood by weekday" start with a capital.
#[test]
fn mood_by_weekday_names_the_days_with_a_capital() {
    use crate::export::tests::{LONDON, utc};
    let check_ins = [
        "2025-06-02T09:00:00Z",
        "2025-06-03T09:00:00Z",
        "2025-06-04T19:00:00Z",
    ]
    .iter()
    .map(|t| (5, vec![], vec![], utc(t), LONDON))
    .collect();
    let p = Profile {
        check_ins,
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&p, "2025-06-01", "2025-06-30", None);
    let pdf = super::render(&snap, &|_, _| {}).unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    let text = super::tests::tool("pdftotext", &[], &path);
    for day in ["Monday", "Tuesday", "Wednesday"] {
        assert!(text.contains(day), "missing {day}:\n{text}");
    }
    for day in ["monday", "tuesday", "wednesday"] {
        assert!(!text.contains(day), "{day}:\n{text}");
    }
}
