//! The therapist's third review (docs/reviews/2026-12-07-second-round/therapist3.md): each
//! finding as the text a clinician reads on page 1, taken from the PDF's text layer with
//! poppler's `pdftotext`.

use super::profiles::{Profile, series, snapshot_of};
use super::tests::{page1_of, tool};

fn full_text(snap: &crate::export::Snapshot) -> String {
    let pdf = super::render(snap, &|_, _| {}).unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    tool("pdftotext", &[], &path).replace('\n', " ")
}

/// The carl profile: one episode, recovery (PHQ-9 5, GAD-7 4 on 2025-03-17), then a relapse
/// back to PHQ-9 17 and GAD-7 14 by 2025-05-26.
fn relapse_in_one_episode() -> Profile {
    Profile {
        assessments: series(
            "2025-01-06T10:00:00Z",
            &[18, 14, 10, 7, 6, 5, 5, 9, 12, 15, 17],
            &[15, 12, 8, 6, 5, 4, 4, 7, 10, 12, 14],
            &[],
        ),
        episodes: vec!["2025-01-06"],
        ..Profile::default()
    }
}

/// F1 (HIGH): a reliable rise from the episode's lowest score is a red warning on page 1,
/// naming the lowest score and its date, and Latest scores says what changed since the
/// previous score. The indicators still pair the first and last scores.
#[test]
fn a_relapse_inside_one_episode_is_a_warning_on_page_1() {
    let (_d, snap) = snapshot_of(&relapse_in_one_episode(), "2025-01-01", "2025-06-30", None);
    let page1 = page1_of(&snap);
    for expected in [
        "Warning — PHQ-9 rose reliably from its lowest score in this episode: 5 (2025-03-17) → 17 (2025-05-26), +12 (a reliable change is 6 or more); back at caseness (10 or more).",
        "Warning — GAD-7 rose reliably from its lowest score in this episode: 4 (2025-03-17) → 14 (2025-05-26), +10 (a reliable change is 4 or more); back at caseness (8 or more).",
        // The NHS indicators are unchanged: first 18 → last 17 is no reliable change.
        "PHQ-9 18 (2025-01-06) → 17 (2025-05-26)",
    ] {
        assert!(page1.contains(expected), "missing {expected:?}:\n{page1}");
    }
    let text = full_text(&snap);
    for expected in ["Since previous", "+2 from 15 on", "2025-05-12"] {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
    // A rise smaller than the reliable change (PHQ-9 5 → 9, +4; GAD-7 4 → 7, +3) is not one.
    let mut small = relapse_in_one_episode();
    small.assessments.truncate(16);
    let (_d, snap) = snapshot_of(&small, "2025-01-01", "2025-06-30", None);
    assert!(
        !page1_of(&snap).contains("rose reliably from its lowest"),
        "{}",
        page1_of(&snap)
    );
}

/// The hana profile: episode 1 recovered 18 → 6 / 14 → 5; episode 2 opens with PHQ-9 19
/// (item 9 = 2) and GAD-7 16 and nothing else yet.
fn new_episode_with_first_scores_only() -> Profile {
    let mut assessments = series(
        "2025-01-06T10:00:00Z",
        &[18, 12, 8, 6],
        &[14, 10, 7, 5],
        &[],
    );
    assessments.extend(series("2025-06-02T09:00:00Z", &[19], &[16], &["2"]));
    Profile {
        assessments,
        episodes: vec!["2025-01-06", "2025-06-02"],
        ..Profile::default()
    }
}

/// F4 (HIGH): a new episode with only its first scores still names the earlier episode in
/// the range, with its paired scores and indicators, and the return between them.
#[test]
fn a_new_episode_with_first_scores_only_names_the_earlier_episode_and_the_return() {
    let (_d, snap) = snapshot_of(
        &new_episode_with_first_scores_only(),
        "2025-01-01",
        "2025-06-30",
        None,
    );
    let page1 = page1_of(&snap);
    for expected in [
        "Not enough scores yet: the treatment episode started on 2025-06-02 has one PHQ-9 (19 on 2025-06-02)",
        "This range also holds the end of an earlier treatment episode (started 2025-01-06, last score 2025-02-17; the episode above replaced it).",
        "Its paired scores: PHQ-9 18 (2025-01-06) → 6 (2025-02-17); GAD-7 14 (2025-01-06) → 5 (2025-02-17).",
        "Reliable recovery — met",
        "Warning — a reliable rise between episodes. From the earlier episode's last scores to this episode's first: PHQ-9 6 (2025-02-17) → 19 (2025-06-02), +13; GAD-7 5 (2025-02-17) → 16 (2025-06-02), +11.",
    ] {
        assert!(page1.contains(expected), "missing {expected:?}:\n{page1}");
    }
    let text = full_text(&snap);
    for expected in ["— (first", "this episode)", "+13 from 6 on"] {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
    assert!(!text.contains("(first score)"), "{text}");
}

/// Fourth therapist review, F21 (HIGH): a new episode opened because of the relapse keeps the
/// relapse visible. The earlier episode (PHQ-9 18 → 5 → 17, GAD-7 15 → 4 → 14) ends in the
/// range; its rise from its lowest scores is a red page-1 warning naming that episode.
#[test]
fn a_new_episode_opened_after_a_relapse_keeps_the_relapse_warning() {
    let mut profile = relapse_in_one_episode();
    profile.episodes.push("2025-06-02");
    let (_d, snap) = snapshot_of(&profile, "2025-01-01", "2025-06-30", None);
    let page1 = page1_of(&snap);
    for expected in [
        "Warning — PHQ-9 rose reliably from its lowest score in the earlier episode (started 2025-01-06): 5 (2025-03-17) → 17 (2025-05-26), +12 (a reliable change is 6 or more); back at caseness (10 or more).",
        "Warning — GAD-7 rose reliably from its lowest score in the earlier episode (started 2025-01-06): 4 (2025-03-17) → 14 (2025-05-26), +10 (a reliable change is 4 or more); back at caseness (8 or more).",
    ] {
        assert!(page1.contains(expected), "missing {expected:?}:\n{page1}");
    }
    // With the new episode's first scores in too (PHQ-9 19, GAD-7 15), it still holds.
    profile
        .assessments
        .extend(series("2025-06-09T09:00:00Z", &[19], &[15], &[]));
    let (_d, snap) = snapshot_of(&profile, "2025-01-01", "2025-06-30", None);
    let page1 = page1_of(&snap);
    assert!(
        page1.contains("rose reliably from its lowest score in the earlier episode (started 2025-01-06): 5 (2025-03-17)"),
        "{page1}"
    );
}
