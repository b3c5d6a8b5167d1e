//! The therapist's second-round read-through (docs/reviews/2026-12-07-second-round/
//! therapist.md; the README there numbers its LOW findings L3–L12): each finding as the text a
//! clinician reads on the page, taken from the PDF's text layer with poppler's `pdftotext`.

use chrono::Duration;

use super::profiles::{Profile, every, series, snapshot_of};
use super::tests::{page1_of, tool};
use crate::checkin::{EmotionLabel, LifeArea};
use crate::export::tests::{LONDON, utc};

fn full_text(snap: &crate::export::Snapshot) -> String {
    let pdf = super::render(snap, &|_, _| {}).unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    tool("pdftotext", &[], &path).replace('\n', " ")
}

/// L10: the practice chart's first and last weeks, cut short by the range, are labelled
/// "partial week: N of 7 days" on the chart and named in the caption, so three days of
/// practice never read as a drop.
#[test]
fn the_practice_chart_marks_its_partial_weeks() {
    let p = Profile {
        // Every day 20 minutes, 2027-01-01 (a Friday) … 2027-05-05 (a Wednesday).
        practice: every("2027-01-01T07:00:00Z", 1, 125)
            .into_iter()
            .map(|at| (20, at))
            .collect(),
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&p, "2027-01-01", "2027-05-05", None);
    let text = full_text(&snap);
    for expected in [
        "partial week: 3 of 7 days",
        "The first week (from 2026-12-28) is partial: 3 of its 7 days fall in the range.",
        "The last week (from 2027-05-03) is partial: 3 of its 7 days fall in the range. Its bar is drawn lighter and hatched.",
    ] {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
    assert_eq!(
        text.matches("partial week: 3 of 7 days").count(),
        2,
        "{text}"
    );
    // A range of whole weeks (Monday to Sunday) has none.
    let (_d, whole) = snapshot_of(&p, "2027-01-04", "2027-05-02", None);
    assert!(!full_text(&whole).contains("partial week"));
}

/// The hana profile: episode 1 (2024-10-01) recovered 18 → 2; a new episode from 2025-02-03.
fn two_episodes() -> Profile {
    let mut assessments = series(
        "2024-10-02T10:00:00Z",
        &[18, 12, 6, 2],
        &[15, 10, 5, 2],
        &[],
    );
    assessments.extend(series(
        "2025-02-04T10:00:00Z",
        &[12, 17, 7],
        &[11, 16, 6],
        &[],
    ));
    Profile {
        assessments,
        episodes: vec!["2024-10-01", "2025-02-03"],
        ..Profile::default()
    }
}

/// L4: a range holding the end of one episode and the start of the next reports the current
/// episode and names the earlier one with its paired scores and indicators; the range's
/// first scores are said to belong to it.
#[test]
fn a_range_spanning_two_episodes_names_the_earlier_one() {
    let (_d, snap) = snapshot_of(&two_episodes(), "2024-11-01", "2025-03-31", None);
    assert_eq!(snap.earlier_episodes.len(), 1);
    let page = full_text(&snap);
    for expected in [
        "the treatment episode started on 2025-02-03",
        "This range also holds the end of an earlier treatment episode (started 2024-10-01, last score 2024-11-13; the episode above replaced it).",
        "Its paired scores: PHQ-9 18 (2024-10-02) → 2 (2024-11-13); GAD-7 15 (2024-10-02) → 2 (2024-11-13).",
        "Reliable recovery — met",
        "(from the earlier episode above)",
    ] {
        assert!(page.contains(expected), "missing {expected:?}:\n{page}");
    }
    // Only the current episode's range: nothing earlier to name.
    let (_d, cut_new) = snapshot_of(&two_episodes(), "2025-02-15", "2025-03-31", None);
    assert!(cut_new.earlier_episodes.is_empty());
    assert!(!full_text(&cut_new).contains("earlier treatment episode"));
}

/// L4: a range ending inside the earlier episode says the later scores belong to a later
/// episode — a later end date would measure that one, not extend this one.
#[test]
fn a_range_ending_before_a_new_episode_says_later_scores_are_another_episode() {
    let (_d, snap) = snapshot_of(&two_episodes(), "2024-10-15", "2024-12-31", None);
    let text = full_text(&snap);
    assert!(
        text.contains("A later treatment episode started on 2025-02-03, after this range (6 PHQ-9 and GAD-7 scores belong to it or later ones); a report ending on or after 2025-02-03 would measure that episode instead of this one."),
        "{text}"
    );
    assert!(
        !text.contains("so a later end date would change them"),
        "{text}"
    );
}

/// L4: a reliable rise in the earlier episode is a warning on page 1 too.
#[test]
fn a_reliable_rise_in_the_earlier_episode_is_a_warning() {
    let mut assessments = series("2024-10-02T10:00:00Z", &[6, 14], &[4, 9], &[]);
    assessments.extend(series("2025-02-04T10:00:00Z", &[12, 9], &[10, 7], &[]));
    let p = Profile {
        assessments,
        episodes: vec!["2024-10-01", "2025-02-03"],
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&p, "2024-10-01", "2025-03-31", None);
    let page1 = page1_of(&snap);
    assert!(
        page1.contains(
            "a reliable rise in the earlier episode started 2024-10-01: PHQ-9 6 → 14 (+8)"
        ),
        "{page1}"
    );
}

/// L3: an item-9 answer above 0 before the range is a warning like one inside it; declines
/// alone before the range are not.
#[test]
fn an_endorsement_before_the_range_is_a_warning() {
    let p = Profile {
        assessments: series(
            "2027-01-04T10:00:00Z",
            &[20, 14, 10, 9],
            &[12, 11, 10, 9],
            &["3", "0", "0", "0"],
        ),
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&p, "2027-02-01", "2027-02-28", None);
    let page1 = page1_of(&snap);
    assert!(
        page1.contains("Warning — Before this range, item 9 was answered above \"Not at all\" or declined once. Most recent before this range: 2027-01-04 — Nearly every day (3)."),
        "{page1}"
    );
    let declined = Profile {
        assessments: series(
            "2027-01-04T10:00:00Z",
            &[12, 10],
            &[9, 8],
            &["decline", "0"],
        ),
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&declined, "2027-01-10", "2027-02-28", None);
    let page1 = page1_of(&snap);
    assert!(page1.contains("Before this range, item 9"), "{page1}");
    assert!(!page1.contains("Warning — Before this range"), "{page1}");
}

/// L5: paired PHQ-9 and GAD-7 taken more than two weeks apart are called out.
#[test]
fn paired_scores_weeks_apart_are_called_out() {
    let p = Profile {
        assessments: vec![
            ("phq9", 16, "0", utc("2027-01-04T10:00:00Z")),
            ("gad7", 12, "0", utc("2027-01-04T10:05:00Z")),
            ("gad7", 6, "0", utc("2027-03-01T10:00:00Z")),
            ("phq9", 8, "0", utc("2027-03-29T10:00:00Z")),
        ],
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&p, "2027-01-01", "2027-03-31", None);
    let page1 = page1_of(&snap);
    assert!(
        page1.contains("The last PHQ-9 (2027-03-29) and the last GAD-7 (2027-03-01) were taken 28 days apart; each asks about the last 2 weeks, so the indicators combine answers about different times."),
        "{page1}"
    );
    // Taken together (five minutes apart): no such note.
    let together = Profile {
        assessments: series("2027-01-04T10:00:00Z", &[16, 8], &[12, 6], &[]),
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&together, "2027-01-01", "2027-03-31", None);
    assert!(!page1_of(&snap).contains("days apart"));
}

/// L9: the most recent item-9 answer in the range is stated (even "Not at all"), and the
/// PHQ-9 chart names the points whose item 9 was above 0 or declined.
#[test]
fn the_latest_item_9_answer_is_stated_and_flagged_points_are_named_under_the_chart() {
    let p = Profile {
        assessments: series(
            "2027-01-04T10:00:00Z",
            &[14, 12, 9],
            &[10, 9, 7],
            &["2", "decline", "0"],
        ),
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&p, "2027-01-01", "2027-03-31", None);
    let text = full_text(&snap);
    for expected in [
        "Most recent item 9 answer in this range: 2027-02-01 — Not at all (0).",
        "Triangles mark the PHQ-9s whose item 9 was answered above \"Not at all\" or declined: 2027-01-04 (More than half the days (2)), 2027-01-18 (declined to answer).",
    ] {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
}

/// L11: tags typed with check-ins are free text the person never chose to share: they stay
/// out of the report, and the footnote says so instead of speaking of "a word or tag".
#[test]
fn check_in_tags_stay_out_and_the_footnote_says_so() {
    let p = Profile {
        check_ins: every("2027-01-04T08:00:00Z", 1, 20)
            .into_iter()
            .map(|at| {
                (
                    5,
                    vec![EmotionLabel::Calm],
                    vec![LifeArea::Work],
                    at,
                    LONDON,
                )
            })
            .collect(),
        check_in_tags: vec!["δουλειά-tag".into(), "家庭".into()],
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&p, "2027-01-01", "2027-01-31", None);
    let text = full_text(&snap);
    assert!(
        !text.contains("δουλειά-tag") && !text.contains("家庭"),
        "{text}"
    );
    assert!(
        text.contains("Tags the person typed with check-ins are their own free text and are not exported, like check-in notes."),
        "{text}"
    );
    assert!(!text.contains("A word or tag"), "{text}");
}

/// New-user review F28: a short range's charts mark days, not a lone month.
#[test]
fn a_short_range_marks_days_on_its_charts() {
    let p = Profile {
        check_ins: every("2026-12-01T08:00:00Z", 1, 7)
            .into_iter()
            .map(|at| (4, vec![], vec![], at + Duration::hours(1), LONDON))
            .collect(),
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&p, "2026-12-01", "2026-12-07", None);
    let text = full_text(&snap);
    for expected in ["1 Dec 2026", "2 Dec", "7 Dec"] {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
}
