//! Notes the outcome adds about the episode itself (second-round therapist review): an earlier
//! treatment episode that ends inside the range, with its own paired scores and indicators
//! (L4), and paired PHQ-9 and GAD-7 taken more than two weeks apart (L5).
//!
//! Must never let the earlier episode's result stand in for the current one's, or hide a
//! reliable rise in it.

use super::estimate;
use super::layout::{Layout, Style};
use super::words;

/// PHQ-9 and GAD-7 answers describe the last 2 weeks (clinical.md): a pair taken more than
/// this many days apart describes two different fortnights.
const APART_DAYS: i64 = 14;

/// A note when the paired PHQ-9 and GAD-7 at one end of the episode were taken more than two
/// weeks apart, so the indicators combine different times (second-round review L5).
pub(super) fn apart_note(
    phq9: &crate::assessment::AssessmentRecord,
    gad7: &crate::assessment::AssessmentRecord,
    end: &str,
) -> Option<String> {
    let (p, g) = (phq9.taken.local_date.date(), gad7.taken.local_date.date());
    let days = (p - g).num_days().abs();
    (days > APART_DAYS).then(|| {
        format!(
            "The {end} PHQ-9 ({p}) and the {end} GAD-7 ({g}) were taken {days} days apart; each asks about the last 2 weeks, \
             so the indicators combine answers about different times."
        )
    })
}

/// An earlier episode that ends inside the range: its span, paired scores and indicators, a
/// reliable rise as a warning (second-round review L4).
pub(super) fn earlier_episode(l: &mut Layout, e: &crate::export::clinical::EpisodeBaseline) {
    let start = e.episode.start_date;
    let last = e
        .last_score_day()
        .map_or_else(String::new, |d| format!(", last score {d}"));
    let mut text = format!(
        "This range also holds the end of an earlier treatment episode (started {start}{last}; the episode above replaced it)."
    );
    let pair = |p: &Option<(
        crate::assessment::AssessmentRecord,
        crate::assessment::AssessmentRecord,
    )>,
                title: &str| {
        p.as_ref().map(|(f, z)| {
            format!(
                "{title} {} ({}) \u{2192} {} ({})",
                estimate::total(f),
                f.taken.local_date,
                estimate::total(z),
                z.taken.local_date
            )
        })
    };
    let pairs: Vec<String> = [pair(&e.phq9, "PHQ-9"), pair(&e.gad7, "GAD-7")]
        .into_iter()
        .flatten()
        .collect();
    if !pairs.is_empty() {
        text.push_str(&format!(" Its paired scores: {}.", pairs.join("; ")));
    }
    match &e.summary {
        Some(summary) => {
            let judged: Vec<String> = summary
                .indicators
                .iter()
                .map(|i| {
                    format!(
                        "{} \u{2014} {}",
                        i.indicator.title(),
                        words::status(i.status)
                    )
                })
                .collect();
            text.push_str(&format!(" Its indicators: {}.", judged.join("; ")));
            l.paragraph(&text, Style::BODY, 0.0);
            if summary.deterioration_warning().is_some() {
                let rises: Vec<String> =
                    summary.reliable_rises().iter().map(|m| m.words()).collect();
                l.warning(
                    &format!(
                        "Warning \u{2014} reliable rise in the earlier episode (started {start}): {}.",
                        rises.join(" and ")
                    ),
                    Style::STRONG,
                );
            }
        }
        None => {
            text.push_str(" It has no PHQ-9 and GAD-7 pair, so its indicators are not judged.");
            l.paragraph(&text, Style::BODY, 0.0);
        }
    }
}
