//! The therapist read-through of 2026-12-07 (docs/reviews/2026-12-07-outside-eye.md,
//! "Therapist read-through"): each finding as the text a clinician reads on the page, taken
//! from the PDF's text layer with poppler's `pdftotext`.

use super::profiles::{Profile, series, snapshot_of, snapshot_with};
use super::tests::page1_of;
use crate::export::options::ExportSection;

fn full_text(snap: &crate::export::Snapshot) -> String {
    let pdf = super::render(snap, &|_, _| {}).unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    super::tests::tool("pdftotext", &[], &path).replace('\n', " ")
}

/// Finding 1 (p2): PHQ-9 10 → 16 with GAD-7 9 → 5 is "no reliable change" overall; page 1
/// still warns about PHQ-9's reliable rise, in the header and in the outcome.
#[test]
fn a_reliable_phq9_rise_warns_on_page_one_when_gad7_improves_reliably() {
    let p = Profile {
        assessments: series("2027-01-04T10:00:00Z", &[10, 16], &[9, 5], &[]),
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&p, "2027-01-01", "2027-03-31", None);
    let page1 = page1_of(&snap);
    assert!(
        page1.contains(
            "Warning — reliable deterioration over the treatment episode: PHQ-9 10 → 16 (+6)"
        ),
        "{page1}"
    );
    assert!(
        page1.contains("Warning — Reliable rise on PHQ-9 (the combined reliable-deterioration indicator is not met): PHQ-9 10 → 16 (+6) rose reliably on its own"),
        "{page1}"
    );
}

/// Finding 1 (p6): PHQ-9 2 → 8 with GAD-7 12 → 4 is recovery; page 1 warns about the +6
/// before it states recovery.
#[test]
fn a_reliable_phq9_rise_warns_on_page_one_when_recovery_holds() {
    let p = Profile {
        assessments: series("2027-01-04T10:00:00Z", &[2, 8], &[12, 4], &[]),
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&p, "2027-01-01", "2027-03-31", None);
    let page1 = page1_of(&snap);
    let warn = page1
        .find("Warning — Reliable rise on PHQ-9")
        .unwrap_or_else(|| panic!("{page1}"));
    let rec = page1
        .find("Recovery — met")
        .unwrap_or_else(|| panic!("{page1}"));
    assert!(warn < rec, "{page1}");
    assert!(page1.contains("PHQ-9 2 → 8 (+6)"), "{page1}");
}

/// Findings 2 and 3: before the range, the highest answer with its date as well as the most
/// recent; after it, a count and the highest — without charting them.
#[test]
fn risk_names_the_worst_answer_before_the_range_and_the_answers_after_it() {
    let p = Profile {
        assessments: series(
            "2027-01-04T10:00:00Z",
            &[20, 14, 10, 9, 9, 8],
            &[12, 11, 10, 9, 8, 7],
            // 01-04 nearly every day, 01-18 several days | range 02-01…02-28 | 03-15 more than half.
            &["3", "1", "0", "0", "0", "2"],
        ),
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&p, "2027-02-01", "2027-02-28", None);
    let page1 = page1_of(&snap);
    for expected in [
        "Before this range, item 9 was answered above \"Not at all\" or declined 2 times.",
        "Highest before this range: 2027-01-04 — Nearly every day (3).",
        "Most recent before this range: 2027-01-18 — Several days (1).",
        "After this range (later than 2027-02-28), PHQ-9 item 9 was answered above \"Not at all\" once; the highest: 2027-03-15 — More than half the days (2).",
    ] {
        assert!(page1.contains(expected), "missing {expected:?}:\n{page1}");
    }
    let all = full_text(&snap);
    assert_eq!(all.matches("2027-03-15").count(), 1, "{all}");
}

/// Finding 4: a report without questionnaires still has its risk section, and says why.
#[test]
fn risk_is_always_in_the_report_even_without_questionnaires() {
    let p = Profile {
        assessments: series("2027-01-04T10:00:00Z", &[12, 10], &[9, 8], &["0", "2"]),
        ..Profile::default()
    };
    let (_d, snap) = snapshot_with(
        &p,
        "2027-01-01",
        "2027-03-31",
        None,
        vec![ExportSection::CheckIns],
    );
    let page1 = page1_of(&snap);
    for expected in [
        "Risk",
        "this risk section (PHQ-9 item 9 and the crisis signposts shown) is always included because it is safety information",
        "More than half the days (2)",
        "Crisis signposts shown",
    ] {
        assert!(page1.contains(expected), "missing {expected:?}:\n{page1}");
    }
    assert!(!page1.contains("Latest scores"), "{page1}");
}

/// Finding 6: when `to` cuts the episode the note says later scores exist and are not counted.
#[test]
fn the_outcome_note_says_when_the_range_end_cuts_the_episode() {
    let p = Profile {
        assessments: series("2027-01-04T10:00:00Z", &[16, 12, 6], &[12, 10, 5], &[]),
        ..Profile::default()
    };
    let (_d, cut) = snapshot_of(&p, "2027-01-01", "2027-01-20", None);
    let text = full_text(&cut);
    assert!(
        text.contains("2 PHQ-9 and GAD-7 scores stored after 2027-01-20 are not counted, so a later end date would change them"),
        "{text}"
    );
    assert!(
        !text.contains("the chosen dates do not change them"),
        "{text}"
    );
    let (_d, whole) = snapshot_of(&p, "2027-01-10", "2027-03-31", None);
    let text = full_text(&whole);
    assert!(
        text.contains("so the chosen start date does not change them"),
        "{text}"
    );
}

/// Finding 7: the change is measured from the episode's first score, and a single score
/// shows "—", never "0".
#[test]
fn latest_scores_change_from_the_episode_baseline_and_a_first_score_shows_a_dash() {
    let mut a = series("2027-01-04T10:00:00Z", &[16, 10], &[], &[]);
    a.push((
        "gad7",
        9,
        "0",
        crate::export::tests::utc("2027-01-20T10:00:00Z"),
    ));
    let p = Profile {
        assessments: a,
        ..Profile::default()
    };
    // The range starts after the first PHQ-9: its only PHQ-9 is 10, the baseline is 16.
    let (_d, snap) = snapshot_of(&p, "2027-01-10", "2027-03-31", None);
    // The table may run onto page 2 now that it has a "Since previous" column.
    let page1 = full_text(&snap);
    assert!(page1.contains("Episode baseline"), "{page1}");
    assert!(page1.contains("16 on 2027-01-04"), "{page1}");
    assert!(page1.contains("−6"), "{page1}");
    assert!(page1.contains("— (first score)"), "{page1}");
    assert!(page1.contains("−6 from 16 on"), "{page1}");
}

/// Issue 17 "Between sessions": the mood calendar, emotion words and life areas with the mood
/// that went with them, and weekday / time-of-day means — from the core's insights, never the
/// tags.
#[test]
fn between_sessions_shows_the_calendar_words_areas_and_patterns() {
    use crate::checkin::{EmotionLabel, LifeArea};
    let check_ins = super::profiles::every("2027-01-01T08:00:00Z", 1, 40)
        .into_iter()
        .enumerate()
        .map(|(i, at)| {
            if i % 2 == 0 {
                (
                    2,
                    vec![EmotionLabel::Anxious],
                    vec![LifeArea::Work],
                    at,
                    crate::export::tests::LONDON,
                )
            } else {
                (
                    6,
                    vec![EmotionLabel::Calm],
                    vec![LifeArea::Family],
                    at,
                    crate::export::tests::LONDON,
                )
            }
        })
        .collect();
    let p = Profile {
        check_ins,
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&p, "2027-01-01", "2027-02-28", None);
    let text = full_text(&snap);
    for expected in [
        "Between sessions: mood calendar and patterns",
        "2027-01",
        "2027-02",
        "Mood calendar: one row per month",
        "Emotion words and life areas",
        "anxious",
        "worse mood (2.0 with, 6.0 without)",
        "family",
        "better mood (6.0 with, 2.0 without)",
        "By weekday",
        "Monday",
        "By time of day",
        "Morning",
        "not causes",
    ] {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
}

/// Read-through LOW findings: the episode start is marked on the questionnaire charts (and
/// said in the caption), a prorated total is named under its chart, and a declined item 9
/// fits its column on one line.
#[test]
fn charts_mark_the_episode_start_and_name_prorated_totals() {
    let p = Profile {
        assessments: series(
            "2027-01-04T10:00:00Z",
            &[16, 14, 12, 9],
            &[12, 11, 9, 7],
            &["0", "0", "decline", "0"],
        ),
        ..Profile::default()
    };
    let now = crate::export::tests::utc("2027-03-31T20:00:00Z");
    let (_dir, mut store) = super::profiles::store_for(&p, now);
    store
        .write(|tx| {
            crate::assessment::start_episode(
                tx,
                chrono::NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(),
                chrono::NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
                now,
            )
            .map(|_| ())
        })
        .unwrap();
    let options = crate::export::ExportOptions {
        from: Some("2027-01-01".into()),
        to: Some("2027-03-31".into()),
        ..Default::default()
    };
    let snap =
        crate::export::read(&mut store, &options, now, crate::export::tests::LONDON).unwrap();
    let text = full_text(&snap);
    for expected in [
        "episode start 2027-01-15",
        "The dotted line marks the start of the treatment episode (2027-01-15)",
        "Prorated totals (one item missing, filled in from the mean of the others):",
        "declined",
    ] {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
    assert!(
        !text.contains("decli ned") && !text.contains("decli- ned"),
        "{text}"
    );
}

/// New-user review F20: one PHQ-9 and one GAD-7 is "not enough scores yet", never
/// "Recovery — not met".
#[test]
fn a_single_score_on_each_measure_is_not_enough_scores_not_recovery_not_met() {
    let p = Profile {
        assessments: series("2027-01-04T10:00:00Z", &[14], &[11], &[]),
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&p, "2027-01-01", "2027-03-31", None);
    let page1 = page1_of(&snap);
    assert!(page1.contains("Not enough scores yet"), "{page1}");
    assert!(!page1.contains("Recovery — not met"), "{page1}");
    assert!(page1.contains("— (first score)"), "{page1}");
}

/// Therapist review M1: a declined item 9 is prorated (9 answered → 10), and caseness and
/// recovery rest on that 10; page 1 marks the total with an asterisk wherever it appears
/// and says in words what the asterisk means.
#[test]
fn page_one_marks_a_prorated_total_and_the_indicators_resting_on_it() {
    let p = Profile {
        assessments: series("2027-01-04T10:00:00Z", &[9, 3], &[3, 1], &["decline", "0"]),
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&p, "2027-01-01", "2027-03-31", None);
    let page1 = page1_of(&snap);
    for expected in [
        "PHQ-9 10* (2027-01-04) → 3 (2027-01-18)",
        "The indicators below rest on an estimated score (marked *)",
        "* estimated: item 9 was declined; the total is prorated from the other eight answers.",
    ] {
        assert!(page1.contains(expected), "missing {expected:?}:\n{page1}");
    }
    // The risk table's total is marked too, before the summary.
    assert!(page1.contains("declined to answer  10*"), "{page1}");
    // The first score in the range and Latest scores (page 2 since the indicator lines say
    // when caseness rests on the estimate, therapist review 3 F3) mark the baseline too.
    let text = full_text(&snap);
    assert!(text.contains("PHQ-9 10* on 2027-01-04"), "{text}");
    assert!(text.contains("10* on 2027-01-04"), "{text}");
    // Without a prorated score nothing is marked.
    let p = Profile {
        assessments: series("2027-01-04T10:00:00Z", &[12, 3], &[3, 1], &[]),
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&p, "2027-01-01", "2027-03-31", None);
    let page1 = page1_of(&snap);
    assert!(!page1.contains("estimated"), "{page1}");
    assert!(!page1.contains('*'), "{page1}");
}
