//! Plain words for what the numbers mean: the NHS Talking Therapies outcome category, the
//! reasons a crisis signpost was shown, and answers as printed.
//!
//! The rules themselves are the assessment module's ([`crate::assessment::summarise`]); this
//! file only explains them, citing shared/reference/clinical.md ("NHS Talking Therapies
//! outcome definitions"). Must never word an indicator as a diagnosis.

use crate::assessment::{
    Answer, GAD7_CASENESS, GAD7_RELIABLE_CHANGE, OutcomeCategory, OutcomeSummary, PHQ9_CASENESS,
    PHQ9_RELIABLE_CHANGE, SignpostReason,
};

/// The category's name as a heading word.
pub fn category_name(c: OutcomeCategory) -> &'static str {
    match c {
        OutcomeCategory::NotCaseness => "Not at caseness at the start",
        OutcomeCategory::ReliableRecovery => "Reliable recovery",
        OutcomeCategory::Recovery => "Recovery",
        OutcomeCategory::ReliableImprovement => "Reliable improvement",
        OutcomeCategory::ReliableDeterioration => "Reliable deterioration",
        OutcomeCategory::NoReliableChange => "No reliable change",
    }
}

/// One or two sentences saying what the category means for these scores.
pub fn category_explained(s: &OutcomeSummary) -> String {
    let caseness = format!("PHQ-9 {PHQ9_CASENESS} or more, or GAD-7 {GAD7_CASENESS} or more");
    let reliable = format!(
        "a change of at least {PHQ9_RELIABLE_CHANGE} points on PHQ-9 or {GAD7_RELIABLE_CHANGE} on GAD-7, larger than measurement error"
    );
    match s.category {
        OutcomeCategory::NotCaseness => format!(
            "At the start neither score reached the level NHS Talking Therapies counts as a case ({caseness}), so recovery does not apply."
        ),
        OutcomeCategory::ReliableRecovery => format!(
            "At the start at least one score was at caseness ({caseness}); by the end both were below it, and the fall was reliable ({reliable})."
        ),
        OutcomeCategory::Recovery => format!(
            "At the start at least one score was at caseness ({caseness}); by the end both were below it, though the change was smaller than a reliable change ({reliable})."
        ),
        OutcomeCategory::ReliableImprovement => format!(
            "Scores fell reliably ({reliable}), with no reliable rise on the other measure, but at least one is still at caseness ({caseness})."
        ),
        OutcomeCategory::ReliableDeterioration => format!(
            "Scores rose reliably ({reliable}), with no reliable fall on the other measure."
        ),
        OutcomeCategory::NoReliableChange => format!(
            "Neither measure changed reliably ({reliable}), or one improved reliably while the other worsened reliably."
        ),
    }
}

/// Said when the range holds no safety event (the absence is information too).
pub const NO_SIGNPOSTS: &str = "No crisis signpost was shown in this range.";

/// Why a crisis signpost was shown, without quoting the answer.
pub fn signpost_reason(r: SignpostReason) -> &'static str {
    match r {
        SignpostReason::SelfHarmThoughts => {
            "PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered above 0 or declined"
        }
        SignpostReason::SevereTotal => "PHQ-9 total in the severe band",
    }
}

/// An answer as a table cell: the number, `n/a` or `declined`.
pub fn answer_cell(a: &Answer) -> String {
    match a {
        Answer::Score { value } => value.to_string(),
        Answer::NotApplicable => "n/a".into(),
        Answer::Declined => "declined".into(),
    }
}

/// A signed change such as `−7` or `+2` (true minus sign), or `0`.
pub fn change(first: u32, last: u32) -> String {
    let d = i64::from(last) - i64::from(first);
    match d {
        0 => "0".into(),
        d if d > 0 => format!("+{d}"),
        d => format!("\u{2212}{}", -d),
    }
}
