//! Relapse inside an episode and the change since the previous score (therapist review 3, F1
//! and F4): the NHS Talking Therapies indicators pair the episode's first and last scores,
//! which is right for the indicators, but a person who recovered and then rose again reads as
//! "no change" on that pair. A reliable rise from the episode's lowest score is a warning.
//!
//! Thresholds are the reliable-change and caseness values of /work/shared/reference/clinical.md
//! (NHS Talking Therapies: reliable change ≥ 6 on PHQ-9, ≥ 4 on GAD-7; caseness PHQ-9 ≥ 10,
//! GAD-7 ≥ 8), taken from `crate::assessment` so they never drift.
//!
//! Must never replace the indicators (still computed from the first score), and never warn
//! twice for one rise: a rise from a lowest score that is the episode's first is already the
//! reliable-deterioration warning.

use super::estimate;
use crate::assessment::{
    AssessmentRecord, GAD7_CASENESS, GAD7_RELIABLE_CHANGE, PHQ9_CASENESS, PHQ9_RELIABLE_CHANGE,
};
use crate::export::clinical::EpisodeBaseline;
use crate::export::snapshot::Snapshot;

/// (title, reliable change, caseness) of the two outcome measures.
const MEASURES: [(&str, &str, u32, u32); 2] = [
    ("phq9", "PHQ-9", PHQ9_RELIABLE_CHANGE, PHQ9_CASENESS),
    ("gad7", "GAD-7", GAD7_RELIABLE_CHANGE, GAD7_CASENESS),
];

/// The episode's last score on `id` (up to the range's end).
fn last<'a>(b: &'a EpisodeBaseline, id: &str) -> Option<&'a AssessmentRecord> {
    match id {
        "phq9" => b.phq9.as_ref().map(|(_, l)| l),
        _ => b.gad7.as_ref().map(|(_, l)| l),
    }
}

/// A page-1 warning per measure whose latest score is a reliable rise from the episode's
/// lowest score (when that lowest is not the episode's first score), e.g. "PHQ-9 rose reliably
/// from its lowest score in this episode: 5 (2025-03-17) → 17 (2025-05-26), +12; back at
/// caseness (10 or more)" — for the current episode and for each earlier episode ending in the
/// range: a new episode is often opened because of the relapse, which must not hide it
/// (fourth therapist review, F21).
pub(super) fn nadir_warnings(snap: &Snapshot) -> Vec<String> {
    let earlier = snap.earlier_episodes.iter().flat_map(|e| {
        let place = format!("in the earlier episode (started {})", e.episode.start_date);
        episode_nadir_warnings(e, &place)
    });
    let current = snap
        .episode
        .iter()
        .flat_map(|b| episode_nadir_warnings(b, "in this episode"));
    earlier.chain(current).collect()
}

/// The warnings of [`nadir_warnings`] for one episode; `place` says which episode.
fn episode_nadir_warnings(b: &EpisodeBaseline, place: &str) -> Vec<String> {
    MEASURES
        .iter()
        .filter_map(|(id, title, step, case)| {
            let low = b.lowest.get(*id)?;
            let latest = last(b, id)?;
            let first = b.firsts.get(*id)?;
            if low.id == first.id || latest.total < low.total + step {
                return None;
            }
            let back = if latest.total >= *case && low.total < *case {
                format!("; back at caseness ({case} or more)")
            } else {
                String::new()
            };
            Some(format!(
                "Warning \u{2014} {title} rose reliably from its lowest score {place}: {} ({}) \u{2192} {} ({}), +{} \
                 (a reliable change is {step} or more){back}. The indicators below pair the first and last scores and do not show this.",
                estimate::total(low),
                low.taken.local_date,
                estimate::total(latest),
                latest.taken.local_date,
                latest.total - low.total,
            ))
        })
        .collect()
}

/// "Since previous" for the latest score on `id`: "+2 from 15 on 2025-05-12", or "—" when it
/// is the first score stored up to the range's end.
pub(super) fn since_previous(snap: &Snapshot, id: &str, latest: &AssessmentRecord) -> String {
    match snap.episode.as_ref().and_then(|b| b.previous.get(id)) {
        Some(p) if p.id != latest.id => format!(
            "{} from {} on {}",
            super::words::change(p.total, latest.total),
            estimate::total(p),
            p.taken.local_date
        ),
        _ => "\u{2014}".into(),
    }
}
