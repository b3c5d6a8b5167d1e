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

/// PHQ-9 item 9 over the whole history, split around the range: in it, before it and after
/// it (a report cut at `to` must still say that later answers exist — therapist read-through,
/// findings 2 and 3).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RiskHistory {
    /// Item 9 answered above 0 or declined within the range, oldest first.
    pub in_range: Vec<Item9Response>,
    /// The most recent such answer before the range.
    pub before: Option<Item9Response>,
    /// The highest answer before the range (the most recent of equal highest); `None` when
    /// every one before was declined or there was none.
    pub worst_before: Option<Item9Response>,
    /// How many answers above 0 or declined came before the range.
    pub before_count: usize,
    /// Item 9 answered above 0 or declined after the range's end, oldest first (not charted,
    /// only mentioned).
    pub after: Vec<Item9Response>,
    /// How many PHQ-9s are stored in all.
    pub phq9_ever: usize,
    /// How many PHQ-9s fall in the range.
    pub phq9_in_range: usize,
    /// Item 9 of the latest PHQ-9 in the range, whatever the answer (0 too): where the person
    /// stands now (second-round review L9).
    pub latest_in_range: Option<Item9Response>,
}

impl RiskHistory {
    /// The highest answer after the range (the most recent of equal highest).
    pub fn worst_after(&self) -> Option<&Item9Response> {
        worst(&self.after)
    }
}

/// The highest scored answer (ties: the latest); declines never count as a score.
fn worst(list: &[Item9Response]) -> Option<&Item9Response> {
    list.iter()
        .filter(|r| r.endorsed())
        .max_by_key(|r| match r.answer {
            Answer::Score { value } => value,
            _ => 0,
        })
}

/// Item 9 of a PHQ-9, whatever the answer.
fn item9_answer(r: &AssessmentRecord) -> Option<Item9Response> {
    if r.instrument != "phq9" {
        return None;
    }
    Some(Item9Response {
        assessment_id: r.id.clone(),
        local_date: r.taken.local_date.to_string(),
        taken_at: r.taken.local_time(),
        zone: r.taken.time_zone.clone(),
        answer: *r.answers.get(ITEM_9)?,
        total: r.total,
    })
}

/// Item 9 of a PHQ-9 when it was answered above 0 or declined.
pub(crate) fn item9(r: &AssessmentRecord) -> Option<Item9Response> {
    item9_answer(r).filter(|i| match i.answer {
        Answer::Score { value } => value > 0,
        Answer::Declined => true,
        Answer::NotApplicable => false,
    })
}

/// Item 9 across `all` (oldest first) around the range `from`–`to`.
pub fn risk_history(all: &[AssessmentRecord], from: NaiveDate, to: NaiveDate) -> RiskHistory {
    let mut risk = RiskHistory::default();
    let mut before = Vec::new();
    for r in all.iter().filter(|r| r.instrument == "phq9") {
        risk.phq9_ever += 1;
        let d = r.taken.local_date.date();
        let inside = d >= from && d <= to;
        if inside {
            risk.phq9_in_range += 1;
            risk.latest_in_range = item9_answer(r);
        }
        if let Some(resp) = item9(r) {
            if d > to {
                risk.after.push(resp);
            } else if inside {
                risk.in_range.push(resp);
            } else {
                before.push(resp);
            }
        }
    }
    risk.worst_before = worst(&before).cloned();
    risk.before_count = before.len();
    risk.before = before.pop();
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
    /// Each instrument's first score in the episode up to the range's end (the baseline the
    /// "Latest scores" change is measured from), by instrument id.
    pub firsts: std::collections::BTreeMap<String, AssessmentRecord>,
    /// PHQ-9s and GAD-7s of this episode stored after the range's end: the indicators stop
    /// at `to`, so a later end would change them (therapist read-through, finding 6).
    pub later_scores: usize,
    /// The start of the next stored episode after `to`, with how many PHQ-9s and GAD-7s fall
    /// in it or later ones: a later end date would measure that episode instead, not extend
    /// this one (second-round review L4).
    pub later_episode: Option<(NaiveDate, usize)>,
}

impl EpisodeBaseline {
    /// The day of the episode's last paired score (the later of the last PHQ-9 and GAD-7).
    pub fn last_score_day(&self) -> Option<NaiveDate> {
        [&self.phq9, &self.gad7]
            .into_iter()
            .flatten()
            .map(|(_, last)| last.taken.local_date.date())
            .max()
    }
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

/// Pairs the episode's first and last scores (up to `to`) from `all` (oldest first);
/// `next_start` is the first day of the next stored episode after `to`, if any.
pub fn baseline(
    all: &[AssessmentRecord],
    episode: Episode,
    to: NaiveDate,
    next_start: Option<NaiveDate>,
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
    let mut firsts = std::collections::BTreeMap::new();
    for r in all
        .iter()
        .filter(|r| (start..=to).contains(&r.taken.local_date.date()))
    {
        firsts
            .entry(r.instrument.clone())
            .or_insert_with(|| r.clone());
    }
    let later: Vec<NaiveDate> = all
        .iter()
        .filter(|r| matches!(r.instrument.as_str(), "phq9" | "gad7"))
        .map(|r| r.taken.local_date.date())
        .filter(|d| *d > to)
        .collect();
    let in_next = |d: &NaiveDate| next_start.is_some_and(|n| *d >= n);
    let later_scores = later.iter().filter(|d| !in_next(d)).count();
    let later_episode = next_start.map(|n| (n, later.iter().filter(|d| in_next(d)).count()));
    Ok(EpisodeBaseline {
        episode,
        phq9,
        gad7,
        summary,
        firsts,
        later_scores,
        later_episode,
    })
}

/// The treatment episodes before `current` whose PHQ-9 or GAD-7 scores reach into the range
/// starting `from`, oldest first, each paired over its own span (it ends the day before the
/// next one starts). A clinician reading a range that holds the end of one episode and the
/// start of the next needs both (second-round review L4); `episode_at` looks episodes up.
pub fn earlier_episodes(
    all: &[AssessmentRecord],
    current: &Episode,
    from: NaiveDate,
    episode_at: impl Fn(NaiveDate) -> Result<Option<Episode>>,
) -> Result<Vec<EpisodeBaseline>> {
    let mut out = Vec::new();
    let mut next = current.start_date.date();
    // A range can hold several short episodes; a handful is plenty for one report page.
    while next > from && out.len() < 3 {
        let Some(end) = next.pred_opt() else { break };
        let Some(prev) = episode_at(end)? else { break };
        let start = prev.start_date.date();
        if start >= next {
            break;
        }
        let b = baseline(all, prev, end, Some(next))?;
        let reaches_range = all.iter().any(|r| {
            matches!(r.instrument.as_str(), "phq9" | "gad7")
                && (from.max(start)..=end).contains(&r.taken.local_date.date())
        });
        if !reaches_range {
            break;
        }
        next = start;
        out.push(b);
    }
    out.reverse();
    Ok(out)
}

/// Which treatment episode one assessment belongs to, and whether it is that episode's first
/// score on its instrument (the baseline outcomes are measured from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpisodeMark {
    /// The episode's first local day.
    pub start: String,
    /// The episode's first score on this instrument.
    pub baseline: bool,
}

/// The episode and baseline of each assessment in `all` (oldest first) whose id `wanted`
/// accepts, looked up through `episode_at` (the latest stored start on or before the day,
/// else the first assessment).
pub fn episode_marks(
    conn: &rusqlite::Connection,
    all: &[AssessmentRecord],
    wanted: impl Fn(&AssessmentRecord) -> bool,
) -> Result<std::collections::BTreeMap<i64, EpisodeMark>> {
    let mut starts: std::collections::BTreeMap<NaiveDate, Option<String>> = Default::default();
    let mut seen = std::collections::BTreeSet::new();
    let mut marks = std::collections::BTreeMap::new();
    for r in all {
        let day = r.taken.local_date.date();
        let start = match starts.get(&day) {
            Some(s) => s.clone(),
            None => {
                let s = assessment::episode_at(conn, day)?.map(|e| e.start_date.to_string());
                starts.insert(day, s.clone());
                s
            }
        };
        let Some(start) = start else { continue };
        let baseline = seen.insert((start.clone(), r.instrument.clone()));
        if wanted(r) {
            marks.insert(r.legacy_id, EpisodeMark { start, baseline });
        }
    }
    Ok(marks)
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
        let ids: Vec<&str> = r
            .in_range
            .iter()
            .map(|i| i.assessment_id.as_str())
            .collect();
        assert_eq!(ids, [format!("as_{:024x}", 4), format!("as_{:024x}", 5)]);
        assert_eq!(r.in_range[0].answer_words(), "Several days (1)");
        assert_eq!(r.in_range[1].answer_words(), "declined to answer");
        assert!(!r.in_range[1].endorsed());
        assert_eq!(
            r.before.as_ref().map(|b| b.assessment_id.as_str()),
            Some(format!("as_{:024x}", 2).as_str())
        );
        assert_eq!((r.phq9_ever, r.phq9_in_range), (6, 3));
        // Therapist read-through, findings 2 and 3: the worst before, and the ones after.
        assert_eq!(
            r.worst_before.as_ref().map(|b| b.assessment_id.clone()),
            Some(format!("as_{:024x}", 1))
        );
        assert_eq!(r.before_count, 2);
        let after: Vec<String> = r.after.iter().map(|i| i.assessment_id.clone()).collect();
        assert_eq!(after, [format!("as_{:024x}", 6)]);
        assert_eq!(
            r.worst_after().map(|w| w.answer_words()).as_deref(),
            Some("Nearly every day (3)")
        );
    }

    #[test]
    fn the_worst_before_is_the_highest_answer_and_the_latest_of_equals() {
        let all = [
            phq9(1, "2027-01-05", Answer::Score { value: 3 }, 22),
            phq9(2, "2027-01-20", Answer::Score { value: 1 }, 12),
            phq9(3, "2027-02-05", Answer::Score { value: 3 }, 20),
            phq9(4, "2027-03-05", Answer::Declined, 9),
        ];
        let r = risk_history(&all, d("2027-04-01"), d("2027-06-30"));
        assert_eq!(
            r.worst_before.as_ref().map(|b| b.assessment_id.clone()),
            Some(format!("as_{:024x}", 3))
        );
        assert_eq!(
            r.before.as_ref().map(|b| b.assessment_id.clone()),
            Some(format!("as_{:024x}", 4))
        );
        assert_eq!(r.before_count, 4);
        assert!(r.after.is_empty());
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
        let b = baseline(&all, episode.clone(), d("2027-06-30"), None).unwrap();
        assert_eq!(b.firsts["phq9"].total, 20);
        assert_eq!(b.firsts["gad7"].total, 15);
        assert_eq!(b.later_scores, 0);
        let (first, last) = b.phq9.unwrap();
        assert_eq!((first.total, last.total), (20, 6));
        assert!(b.summary.unwrap().reliable_improvement);
        // Cut at the end of May: the June PHQ-9 is later, and counted as such.
        let cut = baseline(&all, episode, d("2027-05-31"), None).unwrap();
        assert_eq!(cut.later_scores, 1);
        assert_eq!(cut.phq9.unwrap().1.total, 12);
    }
}
