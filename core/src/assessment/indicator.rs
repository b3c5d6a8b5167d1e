//! Outcome indicators, each on its own: recovery, reliable improvement, reliable deterioration
//! and reliable recovery, with the per-measure change that decided each one
//! (shared/reference/clinical.md, "NHS Talking Therapies outcome definitions": "separate
//! measures, not one category … a report must never let one indicator hide another").
//!
//! Owns the per-measure change ([`MeasureChange`]) and the plain-words explanation of every
//! indicator, so the CLI, the report and the phones say the same thing. Must never word an
//! indicator as a diagnosis, and never leave out reliable deterioration when it holds.

use serde::{Deserialize, Serialize};

use super::outcome::{
    GAD7_CASENESS, GAD7_RELIABLE_CHANGE, OutcomeScores, PHQ9_CASENESS, PHQ9_RELIABLE_CHANGE,
};

/// One of the two paired measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum OutcomeMeasure {
    /// PHQ-9 (depression).
    Phq9,
    /// GAD-7 (anxiety).
    Gad7,
}

impl OutcomeMeasure {
    /// `PHQ-9` or `GAD-7`.
    pub fn title(self) -> &'static str {
        match self {
            OutcomeMeasure::Phq9 => "PHQ-9",
            OutcomeMeasure::Gad7 => "GAD-7",
        }
    }

    /// The caseness cut-off (a total at or above it is at caseness).
    pub fn caseness(self) -> u32 {
        match self {
            OutcomeMeasure::Phq9 => PHQ9_CASENESS,
            OutcomeMeasure::Gad7 => GAD7_CASENESS,
        }
    }

    /// The smallest change that counts as reliable.
    pub fn reliable_change(self) -> u32 {
        match self {
            OutcomeMeasure::Phq9 => PHQ9_RELIABLE_CHANGE,
            OutcomeMeasure::Gad7 => GAD7_RELIABLE_CHANGE,
        }
    }
}

/// Whether one measure changed by at least its reliable-change threshold, and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ReliableChange {
    /// Fell by the threshold or more (lower is better on both measures).
    Improved,
    /// Rose by the threshold or more.
    Deteriorated,
    /// Changed by less than the threshold.
    None,
}

/// One measure's first and last total and what its change means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MeasureChange {
    /// Which measure.
    pub measure: OutcomeMeasure,
    /// Total at the start of the episode.
    pub first: u32,
    /// Total at the end.
    pub last: u32,
    /// `last − first` (negative is better).
    pub change: i32,
    /// Whether the change is reliable, and which way.
    pub reliable: ReliableChange,
    /// At or above the caseness cut-off at the start.
    pub caseness_first: bool,
    /// At or above the caseness cut-off at the end.
    pub caseness_last: bool,
}

impl MeasureChange {
    /// The change of `measure` from `first` to `last`.
    pub fn new(measure: OutcomeMeasure, first: u32, last: u32) -> Self {
        let step = measure.reliable_change();
        let reliable = if first >= last + step {
            ReliableChange::Improved
        } else if last >= first + step {
            ReliableChange::Deteriorated
        } else {
            ReliableChange::None
        };
        let signed = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
        MeasureChange {
            measure,
            first,
            last,
            change: signed(last) - signed(first),
            reliable,
            caseness_first: first >= measure.caseness(),
            caseness_last: last >= measure.caseness(),
        }
    }

    /// Both measures of a pair of scores, PHQ-9 first.
    pub fn pair(s: &OutcomeScores) -> [MeasureChange; 2] {
        [
            MeasureChange::new(OutcomeMeasure::Phq9, s.phq9_first, s.phq9_last),
            MeasureChange::new(OutcomeMeasure::Gad7, s.gad7_first, s.gad7_last),
        ]
    }

    /// `PHQ-9 9 → 27 (+18)`, with a true minus sign for falls.
    pub fn words(&self) -> String {
        format!(
            "{} {} \u{2192} {} ({})",
            self.measure.title(),
            self.first,
            self.last,
            signed_change(self.change)
        )
    }
}

/// A signed change such as `−7` or `+2` (true minus sign), or `0`.
pub fn signed_change(d: i32) -> String {
    match d {
        0 => "0".into(),
        d if d > 0 => format!("+{d}"),
        d => format!("\u{2212}{}", d.unsigned_abs()),
    }
}

/// The four indicators, in the order the definitions list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum OutcomeIndicatorKind {
    /// At caseness at the start and below caseness on both measures at the end.
    Recovery,
    /// A reliable fall on one measure and no reliable rise on the other.
    ReliableImprovement,
    /// A reliable rise on one measure and no reliable fall on the other.
    ReliableDeterioration,
    /// Recovery and reliable improvement.
    ReliableRecovery,
}

impl OutcomeIndicatorKind {
    /// The snake_case id used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeIndicatorKind::Recovery => "recovery",
            OutcomeIndicatorKind::ReliableImprovement => "reliable_improvement",
            OutcomeIndicatorKind::ReliableDeterioration => "reliable_deterioration",
            OutcomeIndicatorKind::ReliableRecovery => "reliable_recovery",
        }
    }

    /// The indicator's name as a heading word.
    pub fn title(self) -> &'static str {
        match self {
            OutcomeIndicatorKind::Recovery => "Recovery",
            OutcomeIndicatorKind::ReliableImprovement => "Reliable improvement",
            OutcomeIndicatorKind::ReliableDeterioration => "Reliable deterioration",
            OutcomeIndicatorKind::ReliableRecovery => "Reliable recovery",
        }
    }
}

/// Whether an indicator holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum IndicatorStatus {
    /// It holds.
    Met,
    /// It was judged and does not hold.
    NotMet,
    /// It is not judged for these scores (recovery without caseness at the start).
    NotApplicable,
}

/// One indicator for one episode, with the change that decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct OutcomeIndicator {
    /// Which indicator.
    pub indicator: OutcomeIndicatorKind,
    /// Met, not met, or not applicable.
    pub status: IndicatorStatus,
    /// True when this must be shown as a warning: reliable deterioration on any one measure
    /// ([`Self::warning_measures`]), whether or not the combined indicator holds — in words
    /// and with an icon, never by colour alone.
    pub warning: bool,
    /// The measures whose change decided it (empty when neither changed enough).
    pub decided_by: Vec<OutcomeMeasure>,
    /// The measures that rose reliably on their own (reliable deterioration only): a warning
    /// even when the combined indicator is "no reliable change" because the other measure
    /// improved reliably, and whatever recovery says (issue 17, therapist read-through).
    #[serde(default)]
    pub warning_measures: Vec<OutcomeMeasure>,
    /// One plain sentence with the numbers that decided it.
    pub explanation: String,
}

fn list(changes: &[&MeasureChange]) -> String {
    changes
        .iter()
        .map(|c| c.words())
        .collect::<Vec<_>>()
        .join(" and ")
}

fn thresholds() -> String {
    format!(
        "a reliable change is {PHQ9_RELIABLE_CHANGE} points or more on PHQ-9, {GAD7_RELIABLE_CHANGE} or more on GAD-7"
    )
}

fn caseness_words() -> String {
    format!("caseness is PHQ-9 {PHQ9_CASENESS} or more, or GAD-7 {GAD7_CASENESS} or more")
}

/// Judges reliable improvement (`better` = true) or reliable deterioration on `m`.
fn reliable(m: &[MeasureChange; 2], better: bool) -> OutcomeIndicator {
    let (this, other, indicator, rose) = if better {
        (
            ReliableChange::Improved,
            ReliableChange::Deteriorated,
            OutcomeIndicatorKind::ReliableImprovement,
            "fell",
        )
    } else {
        (
            ReliableChange::Deteriorated,
            ReliableChange::Improved,
            OutcomeIndicatorKind::ReliableDeterioration,
            "rose",
        )
    };
    let moved: Vec<&MeasureChange> = m.iter().filter(|c| c.reliable == this).collect();
    let against: Vec<&MeasureChange> = m.iter().filter(|c| c.reliable == other).collect();
    let met = !moved.is_empty() && against.is_empty();
    // Every reliable rise warns, even when a reliable fall on the other measure makes the
    // combined indicator "no reliable change".
    let warning_measures: Vec<OutcomeMeasure> = if better {
        Vec::new()
    } else {
        moved.iter().map(|c| c.measure).collect()
    };
    let explanation = if met {
        let rest: Vec<&MeasureChange> = m.iter().filter(|c| c.reliable != this).collect();
        let mut s = format!("{} {rose} reliably", list(&moved));
        if !rest.is_empty() {
            s.push_str(&format!(
                ", with no reliable opposite change on {}",
                list(&rest)
            ));
        }
        format!("{s} ({}).", thresholds())
    } else if !moved.is_empty() && !better {
        format!(
            "{} rose reliably on its own ({}). Because {} fell reliably at the same time, the combined indicator is no reliable change \u{2014} the rise is still a reliable deterioration on {}.",
            list(&moved),
            thresholds(),
            list(&against),
            moved
                .iter()
                .map(|c| c.measure.title())
                .collect::<Vec<_>>()
                .join(" and ")
        )
    } else if !moved.is_empty() {
        format!(
            "{} {rose} reliably but {} changed reliably the other way: one measure better and the other worse is no reliable change.",
            list(&moved),
            list(&against)
        )
    } else {
        format!(
            "Neither measure {rose} reliably: {} ({}).",
            list(&m.iter().collect::<Vec<_>>()),
            thresholds()
        )
    };
    OutcomeIndicator {
        indicator,
        status: if met {
            IndicatorStatus::Met
        } else {
            IndicatorStatus::NotMet
        },
        warning: !warning_measures.is_empty(),
        decided_by: if met {
            moved.iter().map(|c| c.measure).collect()
        } else {
            m.iter()
                .filter(|c| c.reliable != ReliableChange::None)
                .map(|c| c.measure)
                .collect()
        },
        explanation,
        warning_measures,
    }
}

fn recovery(m: &[MeasureChange; 2]) -> OutcomeIndicator {
    let at_start: Vec<&MeasureChange> = m.iter().filter(|c| c.caseness_first).collect();
    let at_end: Vec<&MeasureChange> = m.iter().filter(|c| c.caseness_last).collect();
    let (status, decided_by, explanation) = if at_start.is_empty() {
        (
            IndicatorStatus::NotApplicable,
            Vec::new(),
            format!(
                "Neither measure was at caseness at the start ({}; {}); recovery is counted only from caseness.",
                list(&m.iter().collect::<Vec<_>>()),
                caseness_words()
            ),
        )
    } else if at_end.is_empty() {
        (
            IndicatorStatus::Met,
            at_start.iter().map(|c| c.measure).collect(),
            format!(
                "At caseness at the start on {} and below caseness on both at the end ({}; {}).",
                at_start
                    .iter()
                    .map(|c| c.measure.title())
                    .collect::<Vec<_>>()
                    .join(" and "),
                list(&m.iter().collect::<Vec<_>>()),
                caseness_words()
            ),
        )
    } else {
        (
            IndicatorStatus::NotMet,
            at_end.iter().map(|c| c.measure).collect(),
            format!(
                "Still at caseness at the end on {} ({}; {}).",
                at_end
                    .iter()
                    .map(|c| c.measure.title())
                    .collect::<Vec<_>>()
                    .join(" and "),
                list(&at_end),
                caseness_words()
            ),
        )
    };
    OutcomeIndicator {
        indicator: OutcomeIndicatorKind::Recovery,
        status,
        warning: false,
        decided_by,
        explanation,
        warning_measures: Vec::new(),
    }
}

fn reliable_recovery(rec: &OutcomeIndicator, imp: &OutcomeIndicator) -> OutcomeIndicator {
    let met = |i: &OutcomeIndicator| i.status == IndicatorStatus::Met;
    let (status, explanation) = match rec.status {
        IndicatorStatus::NotApplicable => (
            IndicatorStatus::NotApplicable,
            "It needs recovery, which is counted only from caseness at the start.".to_string(),
        ),
        _ if met(rec) && met(imp) => (
            IndicatorStatus::Met,
            "Both recovery and reliable improvement hold.".to_string(),
        ),
        _ => (
            IndicatorStatus::NotMet,
            format!(
                "It needs recovery ({}) and reliable improvement ({}).",
                if met(rec) { "met" } else { "not met" },
                if met(imp) { "met" } else { "not met" }
            ),
        ),
    };
    let mut decided_by = rec.decided_by.clone();
    for m in &imp.decided_by {
        if !decided_by.contains(m) {
            decided_by.push(*m);
        }
    }
    OutcomeIndicator {
        indicator: OutcomeIndicatorKind::ReliableRecovery,
        status,
        warning: false,
        decided_by,
        explanation,
        warning_measures: Vec::new(),
    }
}

/// The four indicators for `m`: recovery, reliable improvement, reliable deterioration,
/// reliable recovery.
pub fn indicators(m: &[MeasureChange; 2]) -> Vec<OutcomeIndicator> {
    let rec = recovery(m);
    let imp = reliable(m, true);
    let det = reliable(m, false);
    let rr = reliable_recovery(&rec, &imp);
    vec![rec, imp, det, rr]
}
