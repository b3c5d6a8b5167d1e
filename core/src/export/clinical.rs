//! What a clinician reads first: the risk history (every PHQ-9 item 9 answer above 0 or
//! declined, with the most recent one before the range) and the treatment episode's baseline
//! (shared/reference/clinical.md: item 9 "any answer above 0 needs a safety response
//! regardless of the total"; outcomes "pair the first and last scores of the treatment
//! episode").
//!
//! Pure over the stored history, which the snapshot reads once. Must never drop an
//! endorsement: a range with none says so, and says whether there was one before it.

use chrono::NaiveDate;

use crate::assessment::{self, Answer, AssessmentRecord, Episode, OutcomeScores, OutcomeSummary};

/// PHQ-9 item 9 (thoughts of being better off dead or of self-harm), 0-based.
const ITEM_9: usize = 8;
use crate::error::Result;

/// One PHQ-9 whose item 9 was answered above 0 or declined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item9Response {
    /// The assessment's id (`as_…`).
    pub assessment_id: String,
    /// The local day it was taken.
    pub local_date: String,
    /// When it was taken, RFC 3339 with its zone's offset.
    pub taken_at: String,
    /// The IANA zone it was taken in.
    pub zone: String,
    /// The answer (a score of 1–3, or declined).
    pub answer: Answer,
    /// The PHQ-9 total that came with it.
    pub total: u32,
}

impl Item9Response {
    /// The answer in the instrument's own words, or "declined to answer".
    pub fn answer_words(&self) -> String {
        match self.answer {
            Answer::Score { value } => assessment::instrument("phq9")
                .ok()
                .and_then(|i| i.options.iter().find(|o| o.score == value))
                .map_or_else(|| value.to_string(), |o| format!("{} ({value})", o.label)),
            Answer::Declined => "declined to answer".into(),
            Answer::NotApplicable => "not applicable".into(),
        }
    }

    /// Whether the answer was above 0 (not a decline).
    pub fn endorsed(&self) -> bool {
        matches!(self.answer, Answer::Score { value } if value > 0)
    }
}

/// PHQ-9 item 9 over the whole history, split around the range.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RiskHistory {
    /// Item 9 answered above 0 or declined within the range, oldest first.
    pub in_range: Vec<Item9Response>,
    /// The most recent such answer before the range.
    pub before: Option<Item9Response>,
    /// How many PHQ-9s are stored in all.
    pub phq9_ever: usize,
    /// How many PHQ-9s fall in the range.
    pub phq9_in_range: usize,
}

fn item9(r: &AssessmentRecord) -> Option<Item9Response> {
    if r.instrument != "phq9" {
        return None;
    }
    let answer = *r.answers.get(ITEM_9)?;
    let flagged = match answer {
        Answer::Score { value } => value > 0,
        Answer::Declined => true,
        Answer::NotApplicable => false,
    };
    flagged.then(|| Item9Response {
        assessment_id: r.id.clone(),
        local_date: r.taken.local_date.to_string(),
        taken_at: r.taken.local_time(),
        zone: r.taken.time_zone.clone(),
        answer,
        total: r.total,
    })
}

/// Item 9 across `all` (oldest first) around the range `from`–`to`.
pub fn risk_history(all: &[AssessmentRecord], from: NaiveDate, to: NaiveDate) -> RiskHistory {
    let mut risk = RiskHistory::default();
    for r in all.iter().filter(|r| r.instrument == "phq9") {
        risk.phq9_ever += 1;
        let d = r.taken.local_date.date();
        if d > to {
            continue;
        }
        let inside = d >= from;
        if inside {
            risk.phq9_in_range += 1;
        }
        if let Some(resp) = item9(r) {
            if inside {
                risk.in_range.push(resp);
            } else {
                risk.before = Some(resp);
            }
        }
    }
    risk
}

/// The first and last PHQ-9 and GAD-7 of the treatment episode the range ends in.
#[derive(Debug, Clone, PartialEq)]
pub struct EpisodeBaseline {
    /// The episode (stored, or implicit from the first assessment).
    pub episode: Episode,
    /// First and last PHQ-9 in the episode up to the range's end.
    pub phq9: Option<(AssessmentRecord, AssessmentRecord)>,
    /// First and last GAD-7 in the episode up to the range's end.
    pub gad7: Option<(AssessmentRecord, AssessmentRecord)>,
    /// The indicators, when both measures were taken.
    pub summary: Option<OutcomeSummary>,
}

fn ends(
    all: &[AssessmentRecord],
    id: &str,
    start: NaiveDate,
    to: NaiveDate,
) -> Option<(AssessmentRecord, AssessmentRecord)> {
    let mut it = all
        .iter()
        .filter(|r| r.instrument == id && (start..=to).contains(&r.taken.local_date.date()));
    let first = it.next()?;
    let last = it.next_back().unwrap_or(first);
    Some((first.clone(), last.clone()))
}

/// Pairs the episode's first and last scores (up to `to`) from `all` (oldest first).
pub fn baseline(
    all: &[AssessmentRecord],
    episode: Episode,
    to: NaiveDate,
) -> Result<EpisodeBaseline> {
    let start = episode.start_date.date();
    let phq9 = ends(all, "phq9", start, to);
    let gad7 = ends(all, "gad7", start, to);
    let summary = match (&phq9, &gad7) {
        (Some((pf, pl)), Some((gf, gl))) => Some(assessment::summarise(&OutcomeScores {
            phq9_first: pf.total,
            phq9_last: pl.total,
            gad7_first: gf.total,
            gad7_last: gl.total,
        })?),
        _ => None,
    };
    Ok(EpisodeBaseline {
        episode,
        phq9,
        gad7,
        summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phq9(id: i64, date: &str, item9: Answer, total: u32) -> AssessmentRecord {
        let mut answers = vec![Answer::Score { value: 1 }; 8];
        answers.push(item9);
        AssessmentRecord {
            id: format!("as_{id:024x}"),
            legacy_id: id,
            instrument: "phq9".into(),
            answers,
            total,
            max: 27,
            severity: String::new(),
            flags: Vec::new(),
            prorated: false,
            signpost: None,
            taken: crate::time::Captured {
                at: format!("{date}T09:00:00Z").as_str().into(),
                time_zone: "Europe/London".into(),
                local_date: date.into(),
            },
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn endorsements_and_declines_are_listed_in_range_and_the_latest_before_it_is_kept() {
        let all = [
            phq9(1, "2027-01-05", Answer::Score { value: 2 }, 14),
            phq9(2, "2027-02-05", Answer::Declined, 12),
            phq9(3, "2027-03-05", Answer::Score { value: 0 }, 10),
            phq9(4, "2027-04-05", Answer::Score { value: 1 }, 9),
            phq9(5, "2027-05-05", Answer::Declined, 9),
            phq9(6, "2027-07-05", Answer::Score { value: 3 }, 20),
        ];
        let r = risk_history(&all, d("2027-03-01"), d("2027-06-30"));
        let ids: Vec<&str> = r.in_range.iter().map(|i| i.assessment_id.as_str()).collect();
        assert_eq!(ids, [format!("as_{:024x}", 4), format!("as_{:024x}", 5)]);
        assert_eq!(r.in_range[0].answer_words(), "Several days (1)");
        assert_eq!(r.in_range[1].answer_words(), "declined to answer");
        assert!(!r.in_range[1].endorsed());
        assert_eq!(
            r.before.as_ref().map(|b| b.assessment_id.as_str()),
            Some(format!("as_{:024x}", 2).as_str())
        );
        assert_eq!((r.phq9_ever, r.phq9_in_range), (6, 3));
    }

    #[test]
    fn a_range_without_endorsements_still_knows_the_one_months_earlier() {
        let all = [
            phq9(1, "2027-01-05", Answer::Score { value: 3 }, 22),
            phq9(2, "2027-06-05", Answer::Score { value: 0 }, 8),
        ];
        let r = risk_history(&all, d("2027-04-01"), d("2027-06-30"));
        assert!(r.in_range.is_empty());
        assert_eq!(r.before.unwrap().answer_words(), "Nearly every day (3)");
    }

    #[test]
    fn the_baseline_is_the_episode_start_not_the_range_start() {
        let mut all = vec![
            phq9(1, "2027-01-05", Answer::Score { value: 0 }, 20),
            phq9(2, "2027-05-05", Answer::Score { value: 0 }, 12),
            phq9(3, "2027-06-05", Answer::Score { value: 0 }, 6),
        ];
        let mut gad = phq9(4, "2027-01-06", Answer::Score { value: 0 }, 15);
        gad.instrument = "gad7".into();
        all.push(gad);
        let episode = Episode {
            id: None,
            legacy_id: None,
            start_date: "2027-01-01".into(),
        };
        let b = baseline(&all, episode, d("2027-06-30")).unwrap();
        let (first, last) = b.phq9.unwrap();
        assert_eq!((first.total, last.total), (20, 6));
        assert!(b.summary.unwrap().reliable_improvement);
    }
}
