//! Plain words for what the numbers mean: an outcome indicator's status, the reasons a crisis signpost was shown, and answers as printed.
//!
//! The rules themselves are the assessment module's ([`crate::assessment::summarise`]); this
//! file only explains them, citing shared/reference/clinical.md ("NHS Talking Therapies
//! outcome definitions"). Must never word an indicator as a diagnosis.

use crate::assessment::{Answer, IndicatorStatus, SignpostReason};

/// Said when the range holds no safety event (the absence is information too).
pub const NO_SIGNPOSTS: &str = "No crisis signpost was shown in this range.";

/// Why a crisis signpost was shown, without quoting the answer.
pub fn signpost_reason(r: SignpostReason) -> &'static str {
    match r {
        SignpostReason::SelfHarmThoughts => {
            "PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered above 0"
        }
        SignpostReason::Item9Declined => {
            "PHQ-9 item 9 (thoughts of being better off dead or of self-harm) declined to answer"
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

/// An indicator's status in words.
pub fn status(s: IndicatorStatus) -> &'static str {
    match s {
        IndicatorStatus::Met => "met",
        IndicatorStatus::NotMet => "not met",
        IndicatorStatus::NotApplicable => "not judged",
    }
}
