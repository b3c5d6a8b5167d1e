//! Outcomes: the NHS Talking Therapies definitions over paired first and last PHQ-9 and
//! GAD-7 totals of an episode (shared/reference/clinical.md, "NHS Talking Therapies outcome
//! definitions"). Pure.
//!
//! Owns caseness, reliable improvement / deterioration, recovery and reliable recovery. They
//! are separate measures ([`OutcomeSummary::indicators`], `indicator.rs`); the single
//! `category` is kept for compatibility only and must never be shown alone, because its
//! precedence hides reliable deterioration. Must never present these as a diagnosis: they are
//! service indicators, shown as progress.

use serde::{Deserialize, Serialize};

use super::indicator::{IndicatorStatus, MeasureChange, OutcomeIndicator, indicators};
use crate::error::{Error, Result};

/// PHQ-9 caseness: a total of 10 or more (depression).
pub const PHQ9_CASENESS: u32 = 10;
/// GAD-7 caseness: a total of 8 or more (anxiety) — 8, not 10.
pub const GAD7_CASENESS: u32 = 8;
/// A reliable change on PHQ-9: 6 points or more.
pub const PHQ9_RELIABLE_CHANGE: u32 = 6;
/// A reliable change on GAD-7: 4 points or more.
pub const GAD7_RELIABLE_CHANGE: u32 = 4;

/// First and last totals of an episode on both measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct OutcomeScores {
    /// PHQ-9 total at the start (0–27).
    pub phq9_first: u32,
    /// PHQ-9 total at the end (0–27).
    pub phq9_last: u32,
    /// GAD-7 total at the start (0–21).
    pub gad7_first: u32,
    /// GAD-7 total at the end (0–21).
    pub gad7_last: u32,
}

/// The one word older clients show for an episode: the first that holds, in this order.
/// Superseded for anything shown to a person or a clinician by [`OutcomeSummary::indicators`]
/// (issue 17): `not_caseness` and `recovery` come before reliable deterioration here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum OutcomeCategory {
    /// Neither measure was at caseness at the start: recovery does not apply.
    NotCaseness,
    /// Recovered and reliably improved.
    ReliableRecovery,
    /// Below caseness on both measures at the end.
    Recovery,
    /// Reliably improved, still at caseness.
    ReliableImprovement,
    /// Reliably worse.
    ReliableDeterioration,
    /// None of the above.
    NoReliableChange,
}

impl OutcomeCategory {
    /// The snake_case id used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeCategory::NotCaseness => "not_caseness",
            OutcomeCategory::ReliableRecovery => "reliable_recovery",
            OutcomeCategory::Recovery => "recovery",
            OutcomeCategory::ReliableImprovement => "reliable_improvement",
            OutcomeCategory::ReliableDeterioration => "reliable_deterioration",
            OutcomeCategory::NoReliableChange => "no_reliable_change",
        }
    }
}

/// The NHS Talking Therapies indicators for one episode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct OutcomeSummary {
    /// At caseness on at least one measure at the start.
    pub caseness_start: bool,
    /// At caseness on at least one measure at the end.
    pub caseness_end: bool,
    /// A reliable decrease on one measure and no reliable increase on the other.
    pub reliable_improvement: bool,
    /// A reliable increase on one measure and no reliable decrease on the other.
    pub reliable_deterioration: bool,
    /// At caseness at the start and below caseness on both at the end.
    pub recovery: bool,
    /// Recovery and reliable improvement.
    pub reliable_recovery: bool,
    /// The single word older clients show (see [`OutcomeCategory`]); never show it alone.
    pub category: OutcomeCategory,
    /// Each measure's first and last total and its change, PHQ-9 first.
    pub measures: Vec<MeasureChange>,
    /// Each indicator on its own with the change that decided it: recovery, reliable
    /// improvement, reliable deterioration, reliable recovery.
    pub indicators: Vec<OutcomeIndicator>,
}

impl OutcomeSummary {
    /// The indicators that hold, warnings (reliable deterioration) first.
    pub fn met(&self) -> Vec<&OutcomeIndicator> {
        let mut met: Vec<&OutcomeIndicator> = self
            .indicators
            .iter()
            .filter(|i| i.status == IndicatorStatus::Met)
            .collect();
        met.sort_by_key(|i| !i.warning);
        met
    }

    /// The reliable-deterioration indicator when any measure rose reliably (to show as a
    /// warning) — also when the combined indicator is not met because the other measure fell
    /// reliably, and whatever recovery says.
    pub fn deterioration_warning(&self) -> Option<&OutcomeIndicator> {
        self.indicators.iter().find(|i| i.warning)
    }

    /// The measures that rose reliably, PHQ-9 first (empty when none did).
    pub fn reliable_rises(&self) -> Vec<&MeasureChange> {
        self.measures
            .iter()
            .filter(|m| m.reliable == super::indicator::ReliableChange::Deteriorated)
            .collect()
    }
}

fn caseness(phq9: u32, gad7: u32) -> bool {
    phq9 >= PHQ9_CASENESS || gad7 >= GAD7_CASENESS
}

/// Checks the totals are possible (PHQ-9 0–27, GAD-7 0–21), naming `phq9` or `gad7`.
pub fn check_scores(s: &OutcomeScores) -> Result<()> {
    if s.phq9_first > 27 || s.phq9_last > 27 {
        return Err(Error::invalid("phq9", "PHQ-9 totals are 0–27"));
    }
    if s.gad7_first > 21 || s.gad7_last > 21 {
        return Err(Error::invalid("gad7", "GAD-7 totals are 0–21"));
    }
    Ok(())
}

/// Applies the definitions to first and last totals.
pub fn summarise(s: &OutcomeScores) -> Result<OutcomeSummary> {
    check_scores(s)?;
    let phq_better = s.phq9_first >= s.phq9_last + PHQ9_RELIABLE_CHANGE;
    let phq_worse = s.phq9_last >= s.phq9_first + PHQ9_RELIABLE_CHANGE;
    let gad_better = s.gad7_first >= s.gad7_last + GAD7_RELIABLE_CHANGE;
    let gad_worse = s.gad7_last >= s.gad7_first + GAD7_RELIABLE_CHANGE;
    // One measure reliably better while the other is reliably worse is no reliable change.
    let reliable_improvement = (phq_better && !gad_worse) || (gad_better && !phq_worse);
    let reliable_deterioration = (phq_worse && !gad_better) || (gad_worse && !phq_better);
    let caseness_start = caseness(s.phq9_first, s.gad7_first);
    let caseness_end = caseness(s.phq9_last, s.gad7_last);
    let recovery = caseness_start && !caseness_end;
    let reliable_recovery = recovery && reliable_improvement;
    let category = if !caseness_start {
        OutcomeCategory::NotCaseness
    } else if reliable_recovery {
        OutcomeCategory::ReliableRecovery
    } else if recovery {
        OutcomeCategory::Recovery
    } else if reliable_improvement {
        OutcomeCategory::ReliableImprovement
    } else if reliable_deterioration {
        OutcomeCategory::ReliableDeterioration
    } else {
        OutcomeCategory::NoReliableChange
    };
    let measures = MeasureChange::pair(s);
    let indicators = indicators(&measures);
    Ok(OutcomeSummary {
        caseness_start,
        caseness_end,
        reliable_improvement,
        reliable_deterioration,
        recovery,
        reliable_recovery,
        category,
        measures: measures.to_vec(),
        indicators,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::indicator::{OutcomeIndicatorKind, OutcomeMeasure, ReliableChange};
    use OutcomeCategory::*;
    use proptest::prelude::*;

    /// (first, last) totals of one measure.
    type Pair = (u32, u32);

    fn run(phq9: Pair, gad7: Pair) -> OutcomeSummary {
        summarise(&OutcomeScores {
            phq9_first: phq9.0,
            phq9_last: phq9.1,
            gad7_first: gad7.0,
            gad7_last: gad7.1,
        })
        .unwrap()
    }

    /// Reliable change on each measure: better (−), none (=), worse (+). Start at caseness on
    /// PHQ-9 (15) and not on GAD-7 (6 → caseness starts at 8), end states chosen per row.
    /// Columns: phq9, gad7, improvement, deterioration.
    #[test]
    fn truth_table_for_reliable_change_on_the_two_measures() {
        let rows: &[(Pair, Pair, bool, bool)] = &[
            ((15, 9), (6, 2), true, false),   // − −
            ((15, 9), (6, 6), true, false),   // − =
            ((15, 9), (6, 10), false, false), // − +  conflicting: no reliable change
            ((15, 15), (6, 2), true, false),  // = −
            ((15, 15), (6, 6), false, false), // = =
            ((15, 15), (6, 10), false, true), // = +
            ((15, 21), (6, 2), false, false), // + −  conflicting: no reliable change
            ((15, 21), (6, 6), false, true),  // + =
            ((15, 21), (6, 10), false, true), // + +
            ((15, 10), (6, 3), false, false), // just under both thresholds (5 and 3)
            ((15, 21), (6, 9), false, true),  // exactly +6 on PHQ-9
            ((10, 15), (10, 6), true, false), // +5 on PHQ-9 is not reliable, −4 on GAD-7 is
        ];
        for (phq9, gad7, improvement, deterioration) in rows {
            let s = run(*phq9, *gad7);
            assert_eq!(
                (s.reliable_improvement, s.reliable_deterioration),
                (*improvement, *deterioration),
                "phq9 {phq9:?} gad7 {gad7:?}"
            );
        }
    }

    #[test]
    fn truth_table_for_the_category() {
        let rows: &[(Pair, Pair, OutcomeCategory)] = &[
            ((9, 3), (7, 2), NotCaseness),       // below both cut-offs at the start
            ((9, 27), (7, 21), NotCaseness),     // … even when it gets worse
            ((10, 4), (5, 5), ReliableRecovery), // PHQ-9 10 is caseness; −6
            ((10, 9), (5, 5), Recovery),         // below caseness, change not reliable
            ((5, 5), (8, 7), Recovery),          // GAD-7 8 is caseness, 7 is not
            ((20, 14), (15, 12), ReliableImprovement), // −6 but still at caseness
            ((12, 18), (9, 9), ReliableDeterioration), // +6
            ((12, 12), (9, 13), ReliableDeterioration), // +4 on GAD-7
            ((12, 14), (9, 11), NoReliableChange),
            ((20, 9), (6, 10), NoReliableChange), // −11 PHQ-9, +4 GAD-7, still caseness
        ];
        for (phq9, gad7, category) in rows {
            assert_eq!(
                run(*phq9, *gad7).category,
                *category,
                "phq9 {phq9:?} gad7 {gad7:?}"
            );
        }
    }

    #[test]
    fn caseness_uses_8_for_gad7_and_10_for_phq9() {
        assert!(run((0, 0), (8, 0)).caseness_start);
        assert!(!run((0, 0), (7, 0)).caseness_start);
        assert!(run((10, 0), (0, 0)).caseness_start);
        assert!(!run((9, 0), (0, 0)).caseness_start);
        assert!(run((0, 0), (0, 8)).caseness_end);
    }

    #[test]
    fn impossible_totals_name_the_measure() {
        let bad = OutcomeScores {
            phq9_first: 28,
            phq9_last: 0,
            gad7_first: 0,
            gad7_last: 0,
        };
        assert!(
            matches!(summarise(&bad), Err(Error::InvalidInput { ref field, .. }) if field == "phq9")
        );
        let bad = OutcomeScores {
            phq9_first: 0,
            phq9_last: 0,
            gad7_first: 0,
            gad7_last: 22,
        };
        assert!(
            matches!(summarise(&bad), Err(Error::InvalidInput { ref field, .. }) if field == "gad7")
        );
    }

    fn status(s: &OutcomeSummary, k: OutcomeIndicatorKind) -> IndicatorStatus {
        s.indicators
            .iter()
            .find(|i| i.indicator == k)
            .map(|i| i.status)
            .unwrap()
    }

    /// Issue 17, first example: the category says "not caseness"; the indicators must still
    /// say reliable deterioration, decided by PHQ-9's +18, as a warning.
    #[test]
    fn phq9_9_to_27_with_gad7_7_to_7_is_reliable_deterioration_though_not_caseness() {
        let s = run((9, 27), (7, 7));
        assert_eq!(s.category, NotCaseness);
        let w = s.deterioration_warning().expect("a deterioration warning");
        assert_eq!(w.indicator, OutcomeIndicatorKind::ReliableDeterioration);
        assert_eq!(w.decided_by, vec![OutcomeMeasure::Phq9]);
        assert!(
            w.explanation.contains("PHQ-9 9 \u{2192} 27 (+18)"),
            "{}",
            w.explanation
        );
        assert_eq!(
            status(&s, OutcomeIndicatorKind::Recovery),
            IndicatorStatus::NotApplicable
        );
        assert_eq!(
            status(&s, OutcomeIndicatorKind::ReliableRecovery),
            IndicatorStatus::NotApplicable
        );
        assert_eq!(
            status(&s, OutcomeIndicatorKind::ReliableImprovement),
            IndicatorStatus::NotMet
        );
        assert_eq!(
            s.met()[0].indicator,
            OutcomeIndicatorKind::ReliableDeterioration
        );
        assert_eq!(s.measures[0].change, 18);
        assert_eq!(s.measures[1].reliable, ReliableChange::None);
    }

    /// Issue 17, second example: recovery (GAD-7 8 was caseness) and, at the same time,
    /// reliable deterioration on PHQ-9 (+6) — both shown, the warning first.
    #[test]
    fn phq9_3_to_9_with_gad7_8_to_7_is_recovery_and_reliable_deterioration() {
        let s = run((3, 9), (8, 7));
        assert_eq!(s.category, Recovery);
        assert_eq!(
            status(&s, OutcomeIndicatorKind::Recovery),
            IndicatorStatus::Met
        );
        let met: Vec<OutcomeIndicatorKind> = s.met().iter().map(|i| i.indicator).collect();
        assert_eq!(
            met,
            [
                OutcomeIndicatorKind::ReliableDeterioration,
                OutcomeIndicatorKind::Recovery
            ]
        );
        let w = s.deterioration_warning().unwrap();
        assert_eq!(w.decided_by, vec![OutcomeMeasure::Phq9]);
        assert!(w.explanation.contains("(+6)"), "{}", w.explanation);
        let rec = &s.indicators[0];
        assert_eq!(rec.decided_by, vec![OutcomeMeasure::Gad7]);
    }

    #[test]
    fn conflicting_reliable_changes_name_both_measures_and_hold_neither() {
        let s = run((20, 9), (6, 10));
        for k in [
            OutcomeIndicatorKind::ReliableImprovement,
            OutcomeIndicatorKind::ReliableDeterioration,
        ] {
            let i = s.indicators.iter().find(|i| i.indicator == k).unwrap();
            assert_eq!(i.status, IndicatorStatus::NotMet);
            assert_eq!(
                i.decided_by,
                vec![OutcomeMeasure::Phq9, OutcomeMeasure::Gad7]
            );
            assert!(
                i.explanation.contains("no reliable change"),
                "{}",
                i.explanation
            );
        }
        // PHQ-9 fell reliably and GAD-7 rose reliably: no reliable change overall, and the
        // GAD-7 rise still warns (therapist read-through, finding 1).
        let w = s.deterioration_warning().expect("a per-measure warning");
        assert_eq!(w.status, IndicatorStatus::NotMet);
        assert_eq!(w.warning_measures, vec![OutcomeMeasure::Gad7]);
        assert!(
            w.explanation
                .contains("GAD-7 6 \u{2192} 10 (+4) rose reliably on its own"),
            "{}",
            w.explanation
        );
    }

    /// Therapist read-through p2: PHQ-9 10 → 16 (+6) with GAD-7 9 → 5 (−4) is "no reliable
    /// change" — and a warning naming PHQ-9.
    #[test]
    fn a_reliable_phq9_rise_warns_when_gad7_improves_reliably() {
        let s = run((10, 16), (9, 5));
        assert!(!s.reliable_deterioration && !s.reliable_improvement);
        let w = s.deterioration_warning().expect("warning");
        assert_eq!(w.warning_measures, vec![OutcomeMeasure::Phq9]);
        assert!(
            w.explanation.contains("PHQ-9 10 \u{2192} 16 (+6)"),
            "{}",
            w.explanation
        );
        assert_eq!(s.reliable_rises().len(), 1);
    }

    /// Therapist read-through p6: PHQ-9 2 → 8 with GAD-7 12 → 4 is recovery — and a warning
    /// on PHQ-9's +6.
    #[test]
    fn a_reliable_phq9_rise_warns_when_recovery_holds() {
        let s = run((2, 8), (12, 4));
        assert!(s.recovery);
        let w = s.deterioration_warning().expect("warning");
        assert_eq!(w.warning_measures, vec![OutcomeMeasure::Phq9]);
    }

    proptest! {
        #[test]
        fn every_indicator_agrees_with_its_flag_and_only_deterioration_warns(
            p1 in 0u32..=27, p2 in 0u32..=27, g1 in 0u32..=21, g2 in 0u32..=21
        ) {
            let s = run((p1, p2), (g1, g2));
            let met = |k| status(&s, k) == IndicatorStatus::Met;
            prop_assert_eq!(met(OutcomeIndicatorKind::Recovery), s.recovery);
            prop_assert_eq!(met(OutcomeIndicatorKind::ReliableImprovement), s.reliable_improvement);
            prop_assert_eq!(met(OutcomeIndicatorKind::ReliableDeterioration), s.reliable_deterioration);
            prop_assert_eq!(met(OutcomeIndicatorKind::ReliableRecovery), s.reliable_recovery);
            prop_assert_eq!(s.deterioration_warning().is_some(), !s.reliable_rises().is_empty());
            prop_assert!(!s.reliable_deterioration || s.deterioration_warning().is_some());
            prop_assert_eq!(
                status(&s, OutcomeIndicatorKind::Recovery) == IndicatorStatus::NotApplicable,
                !s.caseness_start
            );
            for i in &s.indicators {
                prop_assert!(!i.explanation.is_empty());
                prop_assert!(i.status != IndicatorStatus::Met || i.indicator == OutcomeIndicatorKind::ReliableRecovery || !i.decided_by.is_empty());
            }
        }
    }

    proptest! {
        #[test]
        fn the_indicators_are_consistent_for_every_pair_of_totals(
            p1 in 0u32..=27, p2 in 0u32..=27, g1 in 0u32..=21, g2 in 0u32..=21
        ) {
            let s = run((p1, p2), (g1, g2));
            prop_assert!(!(s.reliable_improvement && s.reliable_deterioration));
            prop_assert!(!s.reliable_recovery || s.recovery);
            prop_assert!(!s.recovery || (s.caseness_start && !s.caseness_end));
            prop_assert_eq!(s.category == NotCaseness, !s.caseness_start);
            // Swapping start and end swaps improvement and deterioration.
            let back = run((p2, p1), (g2, g1));
            prop_assert_eq!(back.reliable_improvement, s.reliable_deterioration);
        }
    }
}
